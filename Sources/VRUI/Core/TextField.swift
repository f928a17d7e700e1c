import VRModel

/// A single-line text field that edits by grapheme (so accents, wide characters and emoji move and
/// delete as one) and scrolls horizontally by display cells.
public struct TextField: Equatable, Sendable {
    public fileprivate(set) var chars: [Character]
    public fileprivate(set) var cursor: Int
    /// Keeps line breaks (a comment's paragraphs): a pasted or typed (Ctrl-J) line break stays one.
    public var multiLine = false
    /// The longest text a field takes; a longer paste is cut with a message. The CLI's limit too.
    public static let maxLength = Limits.maxTextLength

    public init(_ text: String = "", multiLine: Bool = false) {
        chars = Array(text)
        cursor = chars.count
        self.multiLine = multiLine
    }

    public var text: String { String(chars) }
    public var isEmpty: Bool { chars.isEmpty }

    public enum Outcome: Equatable { case edited, moved, ignored, truncated, refused(Unicode.Scalar) }

    /// What to tell the user about an outcome in the field called `field`, or nil when there is nothing to say.
    public static func message(for outcome: Outcome, field: String) -> String? {
        switch outcome {
        case .truncated: "\(field): cut at \(maxLength.grouped) characters"
        case .refused(let c): "\(field): the text holds the control character \(Sanitize.name(of: c)); nothing was entered"
        case .edited, .moved, .ignored: nil
        }
    }

    /// One editing key of a text field: keys, help, and what it does to the field.
    public struct EditKey: Sendable {
        public let id: String
        public let keys: [Key]
        public let help: String
        public let edit: @Sendable (inout TextField) -> Outcome
    }

    /// Every editing key a text field takes; a printable character not among them is typed.
    public static let editKeys: [EditKey] = [
        EditKey(id: "text.left", keys: [.left], help: "Move left in the text") { t in
            t.cursor = max(0, t.cursor - 1)
            return .moved
        },
        EditKey(id: "text.right", keys: [.right], help: "Move right in the text") { t in
            t.cursor = min(t.chars.count, t.cursor + 1)
            return .moved
        },
        EditKey(id: "text.start", keys: [.home, .ctrl("a")], help: "Start of the text") { t in
            t.cursor = 0
            return .moved
        },
        EditKey(id: "text.end", keys: [.end, .ctrl("e")], help: "End of the text") { t in
            t.cursor = t.chars.count
            return .moved
        },
        EditKey(id: "text.backspace", keys: [.backspace, .ctrl("h")], help: "Delete the character before the cursor") { t in
            guard t.cursor > 0 else { return .ignored }
            t.chars.remove(at: t.cursor - 1)
            t.cursor -= 1
            return .edited
        },
        EditKey(id: "text.delete", keys: [.delete, .ctrl("d")], help: "Delete the character under the cursor") { t in
            guard t.cursor < t.chars.count else { return .ignored }
            t.chars.remove(at: t.cursor)
            return .edited
        },
        EditKey(id: "text.killEnd", keys: [.ctrl("k")], help: "Delete to the end of the text") { t in
            t.chars.removeSubrange(t.cursor...)
            return .edited
        },
        EditKey(id: "text.killStart", keys: [.ctrl("u")], help: "Delete to the start of the text") { t in
            t.chars.removeSubrange(..<t.cursor)
            t.cursor = 0
            return .edited
        },
        EditKey(id: "text.killWord", keys: [.ctrl("w")], help: "Delete the word before the cursor") { t in
            var i = t.cursor
            while i > 0 && t.chars[i - 1] == " " { i -= 1 }
            while i > 0 && t.chars[i - 1] != " " { i -= 1 }
            t.chars.removeSubrange(i..<t.cursor)
            t.cursor = i
            return .edited
        },
    ]

    /// Handles an editing key or a typed character; returns what happened.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        if let e = TextField.editKeys.first(where: { $0.keys.contains(key) }) { return e.edit(&self) }
        if case .char(let c) = key { return insert(String(c)) }
        return .ignored
    }

    /// The editing keys as bindings of a mode whose text field `field` reaches: each edits the field and
    /// reports a cut or refused paste through `report`. `typing` takes every other printable key.
    static func group(
        _ title: String, id: String, field: @escaping @Sendable (inout AppState, (inout TextField) -> Outcome) -> Void,
        except: Set<Key> = []
    ) -> KeyGroup {
        let bindings = editKeys.compactMap { e -> Binding? in
            let keys = e.keys.filter { !except.contains($0) }
            guard !keys.isEmpty else { return nil }
            return Binding("\(id).\(e.id)", keys, help: e.help) { s in field(&s) { e.edit(&$0) } }
        }
        let typing = Binding("\(id).text.type", [], label: "text", help: "Type into the field (a paste is taken as text, never as keys)") { s, k in
            if case .char(let c) = k { field(&s) { $0.insert(String(c)) } }
            return []
        }
        return KeyGroup(title, bindings, fallback: typing)
    }

    /// Inserts typed or pasted text at the cursor. In a single-line field line breaks and tabs become
    /// spaces; in a multi-line one a line break stays one (CR LF and CR become LF) and a tab four spaces.
    /// Text holding any other control character (an escape sequence in a paste of garbage) is refused whole.
    @discardableResult
    public mutating func insert(_ text: String) -> Outcome {
        var clean: [Character] = []
        for c in text {
            if c == "\n" || c == "\r\n" || c == "\r" {
                clean.append(multiLine ? "\n" : " ")
                continue
            }
            if c == "\t" {
                clean += Limits.tabsAsSpaces("\t", multiLine: multiLine)
                continue
            }
            if let bad = c.unicodeScalars.first(where: { Limits.isControl($0, multiLine: false) }) { return .refused(bad) }
            clean.append(c)
        }
        let room = TextField.maxLength - chars.count
        let cut = clean.count > room
        if cut { clean = Array(clean.prefix(max(0, room))) }
        chars.insert(contentsOf: clean, at: cursor)
        cursor += clean.count
        return cut ? .truncated : (clean.isEmpty ? .ignored : .edited)
    }

    /// A multi-line field wrapped to `width` cells, words kept whole where they fit, paragraphs kept:
    /// each line's text, and the cursor's line and cell.
    public func wrapped(width: Int) -> (lines: [String], cursorLine: Int, cursorX: Int) {
        let rows = TextField.rows(chars, width: width)
        let pos = TextField.positions(rows, chars)
        let text = rows.map { String($0.filter { chars[$0] != "\n" }.map { chars[$0] }) }
        return (text, pos[cursor].line, min(max(2, width) - 1, pos[cursor].x))
    }

    /// The characters of each wrapped line, by index (a line break ends its line).
    private static func rows(_ chars: [Character], width: Int) -> [[Int]] {
        let width = max(2, width)
        var rows: [[Int]] = [[]]
        var used = 0
        for i in chars.indices {
            let c = chars[i]
            if c == "\n" {
                rows[rows.count - 1].append(i)
                rows.append([])
                used = 0
                continue
            }
            let w = Width.of(c)
            if used + w > width {
                // Break after the line's last space, carrying the word begun to the next line.
                let row = rows[rows.count - 1]
                if let sp = row.lastIndex(where: { chars[$0] == " " }), sp < row.count - 1 {
                    rows[rows.count - 1] = Array(row[...sp])
                    rows.append(Array(row[(sp + 1)...]))
                } else {
                    rows.append([])
                }
                used = rows[rows.count - 1].reduce(0) { $0 + Width.of(chars[$1]) }
            }
            rows[rows.count - 1].append(i)
            used += w
        }
        return rows
    }

    /// Where each cursor position (0 through the text's length) is on the wrapped lines `rows`.
    private static func positions(_ rows: [[Int]], _ chars: [Character]) -> [(line: Int, x: Int)] {
        var out = Array(repeating: (line: 0, x: 0), count: chars.count + 1)
        for (line, row) in rows.enumerated() {
            var x = 0
            for i in row {
                out[i] = (line, x)
                if chars[i] != "\n" { x += Width.of(chars[i]) }
            }
            if line == rows.count - 1 { out[chars.count] = (line, x) }
        }
        return out
    }

    /// Moves the cursor `by` lines of the text wrapped at `width`, keeping its cell as far as the line allows.
    public mutating func moveLines(by delta: Int, width: Int) -> Outcome {
        let rows = TextField.rows(chars, width: width)
        let pos = TextField.positions(rows, chars)
        let target = pos[cursor].line + delta
        if target < 0 {
            cursor = 0
        } else if target >= rows.count {
            cursor = chars.count
        } else {
            let x = pos[cursor].x
            cursor = pos.indices.last { pos[$0].line == target && pos[$0].x <= x } ?? pos.indices.first { pos[$0].line == target } ?? cursor
        }
        return .moved
    }

    /// What to draw in `width` cells: the visible text and the cursor's cell offset within it.
    public func visible(width: Int) -> (text: String, cursorX: Int) {
        guard width > 1 else { return ("", 0) }
        // Start far enough left that the cursor fits, counting display cells.
        var start = cursor, w = 0
        while start > 0 && w + Width.of(chars[start - 1]) <= width - 1 {
            start -= 1
            w += Width.of(chars[start])
        }
        var out = "", used = 0, i = start
        while i < chars.count && used + Width.of(chars[i]) <= width {
            out.append(chars[i])
            used += Width.of(chars[i])
            i += 1
        }
        let cx = chars[start..<cursor].reduce(0) { $0 + Width.of($1) }
        return (out, cx)
    }
}
