import VRModel

/// A single-line text field that edits by grapheme (so accents, wide characters and emoji move and
/// delete as one) and scrolls horizontally by display cells.
public struct TextField: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    /// The longest text a field takes; a longer paste is cut with a message. The CLI's limit too.
    public static let maxLength = Limits.maxTextLength

    public init(_ text: String = "") {
        chars = Array(text)
        cursor = chars.count
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

    /// Handles an editing key; returns what happened.
    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            return insert(String(c))
        case .left: cursor = max(0, cursor - 1); return .moved
        case .right: cursor = min(chars.count, cursor + 1); return .moved
        case .home, .ctrl("a"): cursor = 0; return .moved
        case .end, .ctrl("e"): cursor = chars.count; return .moved
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return .ignored }
            chars.remove(at: cursor - 1); cursor -= 1; return .edited
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return .ignored }
            chars.remove(at: cursor); return .edited
        case .ctrl("k"): chars.removeSubrange(cursor...); return .edited
        case .ctrl("u"): chars.removeSubrange(..<cursor); cursor = 0; return .edited
        case .ctrl("w"):
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i; return .edited
        default: return .ignored
        }
    }

    /// Inserts typed or pasted text at the cursor. Line breaks and tabs become spaces; text holding any
    /// other control character (an escape sequence in a paste of garbage) is refused whole.
    @discardableResult
    public mutating func insert(_ text: String) -> Outcome {
        var clean: [Character] = []
        for c in text {
            if c == "\n" || c == "\r\n" || c == "\r" || c == "\t" { clean.append(" "); continue }
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

    /// What to draw in `width` cells: the visible text and the cursor's cell offset within it.
    public func visible(width: Int) -> (text: String, cursorX: Int) {
        guard width > 1 else { return ("", 0) }
        // Start far enough left that the cursor fits, counting display cells.
        var start = cursor, w = 0
        while start > 0 && w + Width.of(chars[start - 1]) <= width - 1 { start -= 1; w += Width.of(chars[start]) }
        var out = "", used = 0, i = start
        while i < chars.count && used + Width.of(chars[i]) <= width { out.append(chars[i]); used += Width.of(chars[i]); i += 1 }
        let cx = chars[start..<cursor].reduce(0) { $0 + Width.of($1) }
        return (out, cx)
    }
}
