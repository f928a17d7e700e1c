import Foundation

/// JSON text to `JSONValue` and back, directly, for comparing and patching documents field by field: the
/// bytes are JSONEncoder's own output (or a patch it wrote), so no Foundation objects are made on the way
/// (JSONSerialization makes an NSNumber or NSString of every value; Codable tries each kind in turn).
extension JSONValue {
    /// The value the JSON text holds; nil when it is not JSON.
    static func parse(_ bytes: [UInt8]) -> JSONValue? {
        bytes.withUnsafeBufferPointer { p in
            var reader = JSONValueReader(p: p)
            guard let v = reader.value() else { return nil }
            reader.space()
            return reader.i == p.count ? v : nil
        }
    }

    /// The value as JSON text, with its object members in sorted order: what JSONEncoder writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes`.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    /// The number of bytes `bytes` would write, counted without writing them.
    var encodedCount: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .int(let i):
            var n = i < 0 ? 2 : 1, m = i.magnitude
            while m >= 10 {
                m /= 10
                n += 1
            }
            return n
        case .double(let d): return d.isFinite ? "\(d)".utf8.count : 4
        case .string(let s): return JSONValue.stringCount(s)
        case .array(let a): return a.reduce(1 + max(1, a.count)) { $0 + $1.encodedCount }
        case .object(let o): return o.reduce(1 + max(1, o.count)) { $0 + JSONValue.stringCount($1.key) + 1 + $1.value.encodedCount }
        }
    }

    private static func stringCount(_ s: String) -> Int {
        s.utf8.reduce(2) { n, c in
            switch c {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09, 0x08, 0x0C: n + 2
            case 0..<0x20: n + 6
            default: n + 1
            }
        }
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.writeInt(i, into: &out)
        // Swift's shortest form reads back as the same Double ("0.1", "1e-07", "5.0").
        case .double(let d): out.append(contentsOf: (d.isFinite ? "\(d)" : "null").utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out.append(0x5B)
            for (k, v) in a.enumerated() {
                if k > 0 { out.append(0x2C) }
                v.write(into: &out)
            }
            out.append(0x5D)
        case .object(let o):
            out.append(0x7B)
            for (k, member) in o.sorted(by: { $0.key < $1.key }).enumerated() {
                if k > 0 { out.append(0x2C) }
                JSONValue.writeString(member.key, into: &out)
                out.append(0x3A)
                member.value.write(into: &out)
            }
            out.append(0x7D)
        }
    }

    private static func writeInt(_ i: Int, into out: inout [UInt8]) {
        guard i != 0 else { return out.append(0x30) }
        if i < 0 { out.append(0x2D) }
        // Digits from the lowest, as magnitudes (Int.min has no positive counterpart).
        var m = i.magnitude
        let start = out.count
        while m > 0 {
            out.append(0x30 + UInt8(m % 10))
            m /= 10
        }
        out[start...].reverse()
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            // Most strings need no escape: copied whole.
            guard u.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return out.append(contentsOf: u) }
            for c in u {
                switch c {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08: out += [0x5C, 0x62]
                case 0x0C: out += [0x5C, 0x66]
                case 0..<0x20: out += Array(String(format: "\\u%04x", Int(c)).utf8)
                default: out.append(c)
                }
            }
        }
        out.append(0x22)
    }
}

/// A reader of JSON text into `JSONValue`.
private struct JSONValueReader {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    mutating func space() { while i < p.count && (p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09) { i += 1 } }

    mutating func value() -> JSONValue? {
        space()
        guard i < p.count else { return nil }
        switch p[i] {
        case 0x7B:
            i += 1
            var o: [String: JSONValue] = [:]
            space()
            if i < p.count && p[i] == 0x7D {
                i += 1
                return .object(o)
            }
            while true {
                space()
                guard let k = string() else { return nil }
                space()
                guard i < p.count, p[i] == 0x3A else { return nil }
                i += 1
                guard let v = value() else { return nil }
                o[k] = v
                space()
                guard i < p.count else { return nil }
                if p[i] == 0x7D {
                    i += 1
                    return .object(o)
                }
                guard p[i] == 0x2C else { return nil }
                i += 1
            }
        case 0x5B:
            i += 1
            var a: [JSONValue] = []
            space()
            if i < p.count && p[i] == 0x5D {
                i += 1
                return .array(a)
            }
            while true {
                guard let v = value() else { return nil }
                a.append(v)
                space()
                guard i < p.count else { return nil }
                if p[i] == 0x5D {
                    i += 1
                    return .array(a)
                }
                guard p[i] == 0x2C else { return nil }
                i += 1
            }
        case 0x22: return string().map(JSONValue.string)
        case 0x74: return word("true", .bool(true))
        case 0x66: return word("false", .bool(false))
        case 0x6E: return word("null", .null)
        default: return number()
        }
    }

    mutating func word(_ w: StaticString, _ v: JSONValue) -> JSONValue? {
        let n = w.utf8CodeUnitCount
        guard i + n <= p.count else { return nil }
        for k in 0..<n where p[i + k] != w.utf8Start[k] { return nil }
        i += n
        return v
    }

    /// A number: whole when it has no fraction or exponent and fits, else a Double.
    mutating func number() -> JSONValue? {
        let start = i
        var whole = true
        while i < p.count {
            let c = p[i]
            if (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B {
                i += 1
            } else if c == 0x2E || c == 0x65 || c == 0x45 {
                whole = false
                i += 1
            } else {
                break
            }
        }
        guard i > start else { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        if whole, let n = Int(text) { return .int(n) }
        return Double(text).map(JSONValue.double)
    }

    /// A string at `i` (its opening quote), its escapes read.
    mutating func string() -> String? {
        guard i < p.count, p[i] == 0x22 else { return nil }
        i += 1
        let start = i
        // Plain text (no escape) is taken as it is.
        while i < p.count && p[i] != 0x22 && p[i] != 0x5C { i += 1 }
        guard i < p.count else { return nil }
        if p[i] == 0x22 {
            defer { i += 1 }
            return String(validating: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        }
        var out = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
        while i < p.count {
            let c = p[i]
            if c == 0x22 {
                i += 1
                return String(validating: out, as: UTF8.self)
            }
            guard c == 0x5C else {
                out.append(c)
                i += 1
                continue
            }
            guard i + 1 < p.count else { return nil }
            let e = p[i + 1]
            i += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                guard var scalar = hex4() else { return nil }
                // A surrogate pair is one scalar.
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < p.count, p[i] == 0x5C, p[i + 1] == 0x75 else { return nil }
                    i += 2
                    guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { return nil }
                out += Array(String(Character(u)).utf8)
            default: return nil
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= p.count else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = p[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
        }
        i += 4
        return v
    }
}
