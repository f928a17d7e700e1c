/// One cell of every CSV vrboard writes (the exports, the registers), and how a cell written so reads back.
public enum CSVCell {
    /// One cell as CSV writes it: text a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`
    /// or a tab, after any apostrophes) gains a leading apostrophe, which reading takes off again; a
    /// number stays a number; quoted when it holds a separator, a quote, a line break, or edge spaces.
    public static func text(_ raw: String) -> String {
        var s = Sanitize.display(raw, keepLineBreaks: true)
        if formulaLike(raw), raw != "-", !isNumber(raw) { s = "'" + s }
        if s.unicodeScalars.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ")
            || s.hasSuffix(" ")
        {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    /// Starts, after any apostrophes, with what a spreadsheet reads as a formula.
    static func formulaLike(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first(where: { $0 != "'" }) else { return false }
        return "=+-@\t\r".unicodeScalars.contains(first)
    }

    /// A cell as written back: the apostrophe writing put before a formula-like text comes off.
    public static func unneutralised(_ s: String) -> String {
        s.hasPrefix("'") && formulaLike(String(s.dropFirst())) ? String(s.dropFirst()) : s
    }

    /// `-1200`, `+3`, `12.5`, `29%`: a number as the exports write them.
    public static func isNumber(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasSuffix("%") { t = t.dropLast() }
        if t.first == "-" || t.first == "+" { t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        return !t.isEmpty && parts.count <= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
