/// Display width in terminal cells, by Unicode rules (East Asian Wide/Fullwidth and emoji presentation
/// take two cells; combining marks, zero-width joiners and variation selectors take none).
/// Pure Swift and locale-independent, so the headless render, the tests and the live terminal agree.
///
/// Emoji sequences are where terminals disagree: a family joined by zero-width joiners (👨‍👩‍👧‍👦), a
/// skin tone (✊🏾), a flag (🇬🇧), a text symbol made emoji by U+FE0F (❤️). `profile` says how the terminal
/// in use draws each, as measured by asking it (`WidthProbe` in the terminal layer); without a terminal
/// to ask (`vrboard render` into a file, tests) each is one wide glyph, as Unicode and modern terminals have it.
public enum Width {
    /// How the terminal draws emoji sequences, in cells.
    public struct Profile: Equatable, Sendable, CustomStringConvertible {
        /// A ZWJ sequence is one glyph; else each of its parts is drawn (and counted) on its own.
        public var zwjJoins = true
        /// An emoji with a skin-tone modifier is one glyph; else the emoji and then the tone swatch.
        public var modifierJoins = true
        /// U+FE0F after a text-default symbol makes it two cells wide; else it keeps the symbol's width.
        public var selectorWidens = true
        /// The cells a flag (two regional indicators) takes.
        public var flagCells = 2
        public init() {}

        public static let unicode = Profile()

        public var description: String {
            "zwj \(zwjJoins ? "joins" : "splits"), skin tone \(modifierJoins ? "joins" : "splits"), "
                + "FE0F \(selectorWidens ? "widens" : "keeps"), flag \(flagCells) cells"
        }
    }

    /// The terminal's profile: set once at start-up, before anything is drawn.
    nonisolated(unsafe) public static var profile = Profile.unicode

    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if c.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        if scalars.count == 1 { return of(scalar: first) }
        return sequence(Array(scalars), profile)
    }

    /// A grapheme of several scalars, as `p` draws it.
    static func sequence(_ scalars: [Unicode.Scalar], _ p: Profile) -> Int {
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0x200D }) {
            if p.zwjJoins && first.properties.isEmoji { return 2 }
            // Each part between the joiners on its own.
            return scalars.split(whereSeparator: { $0.value == 0x200D }).reduce(0) { $0 + sequence(Array($1), p) }
        }
        if isRegional(first) && scalars.count >= 2 && isRegional(scalars[1]) { return p.flagCells }
        if scalars.count >= 2, (0x1F3FB...0x1F3FF).contains(scalars[1].value) {
            return p.modifierJoins ? 2 : of(scalar: first) + 2
        }
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji {
            return p.selectorWidens ? 2 : of(scalar: first)
        }
        // A base and its combining marks (and any other zero-width scalars).
        return of(scalar: first)
    }

    static func isRegional(_ s: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(s.value) }

    public static func of(scalar s: Unicode.Scalar) -> Int {
        let v = s.value
        if v == 0 { return 0 }
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if v == 0x200B || (0xFE00...0xFE0F).contains(v) || (0x1160...0x11FF).contains(v) { return 0 }
        if s.properties.isEmojiPresentation { return 2 }
        for r in wide where r.contains(v) { return 2 }
        return 1
    }

    /// Wide and fullwidth ranges (after Markus Kuhn's wcwidth, updated for Unicode 15).
    private static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    public static func of(_ s: String) -> Int {
        var w = 0
        for c in s { w += of(c) }
        return w
    }

    /// The longest prefix that fits in `cells`, with `…` when cut. Reads no further into `s` than the
    /// first character that does not fit: a text of any length costs what is shown.
    public static func truncate(_ s: String, to cells: Int, ellipsis: Bool = true) -> String {
        guard cells > 0 else { return "" }
        let room = ellipsis ? cells - 1 : cells
        var w = 0
        var fits = s.startIndex
        var i = s.startIndex
        while i < s.endIndex {
            let cw = of(s[i])
            if w + cw > cells { return String(s[..<fits]) + (ellipsis ? "…" : "") }
            w += cw
            i = s.index(after: i)
            if w <= room { fits = i }
        }
        return s
    }

    /// Pads (or cuts) to exactly `cells`.
    public static func pad(_ s: String, to cells: Int, alignRight: Bool = false) -> String {
        let t = truncate(s, to: cells)
        let gap = String(repeating: " ", count: max(0, cells - of(t)))
        return alignRight ? gap + t : t + gap
    }

    /// Word-wraps into lines of at most `cells`, breaking long words; stops once it has `limit` lines, so
    /// a text of any length costs only the lines asked for (one pass, nothing measured twice).
    public static func wrap(_ s: String, to cells: Int, limit: Int = .max) -> [String] {
        guard cells > 0, limit > 0 else { return [] }
        var lines: [String] = []
        var line = "", lw = 0
        var word = "", ww = 0
        /// Ends the line being built.
        func breakLine() {
            lines.append(line)
            line = ""
            lw = 0
        }
        /// Puts the word being read on the line (or the next), breaking it where it is wider than a line.
        func placeWord() {
            guard !word.isEmpty else { return }
            if lw > 0 && lw + 1 + ww <= cells {
                line += " " + word
                lw += 1 + ww
            } else {
                if lw > 0 { breakLine() }
                line = word
                lw = ww
            }
            word = ""
            ww = 0
        }
        for c in s {
            if lines.count >= limit { return lines }
            if c == "\n" || c == "\r\n" {
                placeWord()
                breakLine()
            } else if c == " " {
                placeWord()
            } else {
                let cw = of(c)
                if ww + cw > cells && ww > 0 {
                    // A word wider than a line: what is read of it so far fills one line of its own.
                    if lw > 0 { breakLine() }
                    if lines.count >= limit { return lines }
                    line = word
                    breakLine()
                    word = ""
                    ww = 0
                }
                word.append(c)
                ww += cw
            }
        }
        if lines.count >= limit { return lines }
        placeWord()
        lines.append(line)
        return Array(lines.prefix(limit))
    }
}
