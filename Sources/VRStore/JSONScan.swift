import VRModel

/// A small validating JSON scanner over raw bytes. Foundation's decoders on Linux give no line or
/// column for syntax errors, so this finds the first error (including invalid UTF-8) and where it is,
/// and can find where the value at a coding path starts, to place type errors too.
struct JSONScan {
    struct Failure: Error, Equatable {
        let offset: Int
        let reason: String
    }

    /// A step into a document: the model's own path type, so a field's path and a scan's are one.
    typealias PathComponent = FieldKey

    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    private var path: [PathComponent] = []
    private let target: [PathComponent]?
    private(set) var found: Int?
    /// When set, the first number that is not a whole number fitting an Int stops the scan.
    private var integersOnly = false
    private(set) var badNumberPath: [PathComponent]?

    private init(_ bytes: [UInt8], target: [PathComponent]?) {
        self.b = bytes
        self.target = target
    }

    /// The UTF-8 byte-order mark, which vrboard never writes.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Set to refuse an object that names a key twice (readers disagree on which one counts).
    private var refuseDuplicateKeys = false

    /// The first key an object names twice, with where its second naming is; nil when there is none (or
    /// the bytes are not well formed, which `firstError` reports).
    static func firstDuplicateKey(in bytes: [UInt8]) -> Failure? {
        var s = JSONScan(bytes, target: nil)
        s.refuseDuplicateKeys = true
        do {
            try s.document()
            return nil
        } catch let f as Failure { return f.reason.hasPrefix("duplicate key") ? f : nil } catch { return nil }
    }

    /// Nil when the bytes are one well-formed JSON value in valid UTF-8.
    static func firstError(in bytes: [UInt8]) -> Failure? {
        var s = JSONScan(bytes, target: nil)
        do {
            try s.document()
            return nil
        } catch let f as Failure { return f } catch { return Failure(offset: 0, reason: "\(error)") }
    }

    /// Byte offset where the value at `path` starts, if the document is well formed that far.
    static func offset(of path: [PathComponent], in bytes: [UInt8]) -> Int? {
        var s = JSONScan(bytes, target: path)
        try? s.document()
        return s.found
    }

    /// The first number that is not a whole number fitting in an Int (every number vrboard stores is
    /// whole pounds, a score or a revision), with where it is and its path.
    static func firstNonInteger(in bytes: [UInt8]) -> (offset: Int, path: [PathComponent])? {
        var s = JSONScan(bytes, target: [.key("\u{0}")])
        s.integersOnly = true
        do {
            try s.document()
            return nil
        } catch let f as Failure {
            guard let p = s.badNumberPath else { return nil }
            return (f.offset, p)
        } catch { return nil }
    }

    /// Line and column of the value at `path`, or of the nearest enclosing value that exists (a field
    /// that is missing is placed at the object that lacks it).
    static func place(_ path: [PathComponent], in bytes: [UInt8]) -> (line: Int, column: Int) {
        var probe = path
        var offset = JSONScan.offset(of: probe, in: bytes)
        while offset == nil && !probe.isEmpty {
            probe.removeLast()
            offset = JSONScan.offset(of: probe, in: bytes)
        }
        return lineColumn(of: offset ?? 0, in: bytes)
    }

    /// 1-based line and column (in characters) of a byte offset.
    static func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, col = 1, k = 0
        let end = min(offset, bytes.count)
        while k < end {
            if bytes[k] == 0x0A {
                line += 1
                col = 1
            } else if bytes[k] & 0xC0 != 0x80 {
                col += 1
            }
            k += 1
        }
        return (line, col)
    }

    private mutating func document() throws {
        if b.starts(with: JSONScan.byteOrderMark) { i = 3 }
        skipSpace()
        guard i < b.count else { throw Failure(offset: i, reason: "the file is empty; expected a JSON value") }
        try value()
        skipSpace()
        if i < b.count { throw Failure(offset: i, reason: "unexpected text after the end of the JSON value") }
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    private func describe(_ at: Int) -> String {
        guard at < b.count else { return "the end of the file" }
        let c = b[at]
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    private mutating func value() throws {
        if let target, found == nil, path == target { found = i }
        guard i < b.count else { throw Failure(offset: i, reason: "the file ends in the middle of a value (truncated?)") }
        depth += 1
        defer { depth -= 1 }
        if depth > 512 { throw Failure(offset: i, reason: "nesting deeper than 512 levels") }
        switch b[i] {
        case UInt8(ascii: "{"): try object()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw Failure(offset: i, reason: "expected a value but found \(describe(i))")
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= b.count, Array(b[i..<i + w.count]) == w else {
            throw Failure(offset: i, reason: "expected a value but found \(describe(i))")
        }
        i += w.count
    }

    private mutating func number() throws {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - s
        }
        guard i < b.count, b[i] >= 0x30, b[i] <= 0x39 else { throw Failure(offset: start, reason: "malformed number") }
        if b[i] == 0x30 { i += 1 } else { _ = digits() }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw Failure(offset: i, reason: "malformed number: digits expected after '.'") }
        }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw Failure(offset: i, reason: "malformed number: digits expected in the exponent") }
        }
        if integersOnly {
            let text = String(decoding: b[start..<i], as: UTF8.self)
            if Int(text) == nil {
                badNumberPath = path
                throw Failure(offset: start, reason: text.contains(where: { ".eE".contains($0) }) ? "not a whole number" : "number too large")
            }
        }
    }

    /// Scans a string, validating escapes and UTF-8; returns its contents when asked.
    @discardableResult
    private mutating func string(capture: Bool = false) throws -> String? {
        let open = i
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < b.count else { throw Failure(offset: open, reason: "unterminated string (truncated?)") }
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                break
            }
            if c < 0x20 { throw Failure(offset: i, reason: "control character in a string (use \\n or \\t)") }
            if c == UInt8(ascii: "\\") {
                guard i + 1 < b.count else { throw Failure(offset: open, reason: "unterminated string (truncated?)") }
                let e = b[i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    if capture { out.append(e == UInt8(ascii: "n") ? 0x0A : e == UInt8(ascii: "t") ? 0x09 : e) }
                    i += 2
                case UInt8(ascii: "u"):
                    guard i + 6 <= b.count, b[i + 2..<i + 6].allSatisfy({ isHex($0) }) else {
                        throw Failure(offset: i, reason: "malformed \\u escape: four hex digits expected")
                    }
                    i += 6
                default:
                    throw Failure(offset: i, reason: "unknown escape '\\\(Character(Unicode.Scalar(e)))'")
                }
                continue
            }
            if c < 0x80 {
                if capture { out.append(c) }
                i += 1
                continue
            }
            let len: Int
            switch c {
            case 0xC2...0xDF: len = 2
            case 0xE0...0xEF: len = 3
            case 0xF0...0xF4: len = 4
            default: throw Failure(offset: i, reason: "invalid UTF-8 (byte 0x\(String(c, radix: 16, uppercase: true)))")
            }
            guard i + len <= b.count, b[i + 1..<i + len].allSatisfy({ $0 & 0xC0 == 0x80 }),
                String(validating: b[i..<i + len], as: UTF8.self) != nil
            else {
                throw Failure(offset: i, reason: "invalid UTF-8 sequence")
            }
            if capture { out.append(contentsOf: b[i..<i + len]) }
            i += len
        }
        return capture ? String(decoding: out, as: UTF8.self) : nil
    }

    private func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    private mutating func object() throws {
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        var seen: Set<String> = []
        while true {
            skipSpace()
            guard i < b.count else { throw Failure(offset: i, reason: "the file ends inside an object (truncated?)") }
            guard b[i] == UInt8(ascii: "\"") else { throw Failure(offset: i, reason: "expected a \"key\" but found \(describe(i))") }
            let keyStart = i
            let key = try string(capture: target != nil || refuseDuplicateKeys) ?? ""
            if refuseDuplicateKeys && !seen.insert(key).inserted {
                throw Failure(
                    offset: keyStart,
                    reason: "duplicate key \"\(Sanitize.display(key))\" in one object: readers disagree on which value counts; keep one")
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else {
                throw Failure(offset: i, reason: "expected ':' after a key but found \(describe(i))")
            }
            i += 1
            skipSpace()
            path.append(.key(key))
            try value()
            path.removeLast()
            skipSpace()
            guard i < b.count else { throw Failure(offset: i, reason: "the file ends inside an object (truncated?)") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return
            }
            throw Failure(offset: i, reason: "expected ',' or '}' but found \(describe(i))")
        }
    }

    private mutating func array() throws {
        i += 1
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        var n = 0
        while true {
            skipSpace()
            path.append(.index(n))
            try value()
            path.removeLast()
            n += 1
            skipSpace()
            guard i < b.count else { throw Failure(offset: i, reason: "the file ends inside an array (truncated?)") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            throw Failure(offset: i, reason: "expected ',' or ']' but found \(describe(i))")
        }
    }
}
