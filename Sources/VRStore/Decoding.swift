import Foundation
import VRModel

/// Decoding that places every failure at `file:line:column`.
enum Located {
    static let maxFileBytes = 512 << 20

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], file: String, lineOffset: Int = 0) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch let e as DecodingError {
            // Only now scan the bytes ourselves, to place the failure.
            if let f = JSONScan.firstError(in: bytes) {
                let (l, c) = JSONScan.lineColumn(of: f.offset, in: bytes)
                throw Problem(file: file, line: l + lineOffset, column: c, reason: f.reason)
            }
            // Linux's decoder reports a number that does not fit with no path at all: find it ourselves.
            if case .dataCorrupted(let ctx) = e, ctx.codingPath.isEmpty, let bad = JSONScan.firstNonInteger(in: bytes) {
                let (l, c) = JSONScan.lineColumn(of: bad.offset, in: bytes)
                let path = FieldIssue.text(of: bad.path)
                let number = String(decoding: bytes[bad.offset...].prefix { !",]} \n\r\t".utf8.contains($0) }, as: UTF8.self)
                throw Problem(file: file, line: l + lineOffset, column: c, reason: "\(path): expected a whole number that fits, found \(number)")
            }
            throw problem(e, bytes: bytes, file: file, lineOffset: lineOffset)
        }
    }

    static func pathText(_ path: [CodingKey]) -> String { FieldIssue.text(of: scanPath(path)) }

    static func scanPath(_ path: [CodingKey]) -> [JSONScan.PathComponent] {
        path.map { k in k.intValue.map { .index($0) } ?? .key(k.stringValue) }
    }

    static func problem(_ e: DecodingError, bytes: [UInt8], file: String, lineOffset: Int) -> Problem {
        let path: [CodingKey]
        let reason: String
        switch e {
        case .typeMismatch(let t, let ctx):
            path = ctx.codingPath
            reason = "\(pathText(path)): expected \(typeName(t))\(detail(ctx))"
        case .valueNotFound(let t, let ctx):
            path = ctx.codingPath
            reason = "\(pathText(path)): expected \(typeName(t)) but found null"
        case .keyNotFound(let k, let ctx):
            path = ctx.codingPath
            // A misspelt name is the likeliest cause: name the field written instead, when one is near.
            let written = object(at: scanPath(path), in: bytes).map { Array($0.keys) } ?? []
            let near = written.filter { Store.nearest($0, in: [k.stringValue]) != nil && $0 != k.stringValue }.sorted().first
            reason =
                "\(pathText(path)): missing field '\(k.stringValue)'"
                + (near.map { "; `\(Sanitize.display($0))` is not a field: did you mean `\(k.stringValue)`?" } ?? "")
        case .dataCorrupted(let ctx):
            path = ctx.codingPath
            reason = "\(pathText(path)): \(ctx.debugDescription)"
        @unknown default:
            path = []
            reason = "\(e)"
        }
        let (l, c) = JSONScan.place(scanPath(path), in: bytes)
        return Problem(file: file, line: l + lineOffset, column: c, reason: reason)
    }

    /// The JSON object at `path` in `bytes`, when there is one.
    static func object(at path: [JSONScan.PathComponent], in bytes: [UInt8]) -> [String: Any]? {
        guard var node = try? JSONSerialization.jsonObject(with: Data(bytes)) else { return nil }
        for p in path {
            switch p {
            case .key(let k):
                guard let next = (node as? [String: Any])?[k] else { return nil }
                node = next
            case .index(let i):
                guard let list = node as? [Any], list.indices.contains(i) else { return nil }
                node = list[i]
            }
        }
        return node as? [String: Any]
    }

    private static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default:
            if String(describing: t).hasPrefix("Array") {
                "a list"
            } else if String(describing: t).hasPrefix("Dictionary") {
                "an object"
            } else {
                String(describing: t)
            }
        }
    }

    private static func detail(_ ctx: DecodingError.Context) -> String {
        let d = ctx.debugDescription
        if d.contains("does not fit") || d.contains("out of range") || d.contains("not representable") { return " (\(d))" }
        return ""
    }

    /// The `format` field alone, read before anything else so newer files are refused with a clear reason.
    struct FormatProbe: Decodable { var format: Int? }
}
