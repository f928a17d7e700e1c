import Foundation
import VRModel

extension Store {
    /// Fields a snapshot holds that no document has (`colour`, a misspelt `titel`): vrboard would drop them
    /// at the next save of that document, so each is an error, placed, with the nearest field name when one
    /// is near. Found by comparing each document as written with the same document as vrboard writes it.
    static func unknownFields(_ snapshots: Snapshots) -> [Problem] {
        var out: [Problem] = []
        for name in CollectionName.allCases {
            // Read straight into JSON values, no Foundation object made. A file this reader does not take (one
            // with a lone surrogate escape in it) is passed over here: its other problems are reported as before.
            guard let bytes = snapshots.files[name], case .object(let file)? = JSONValue.parse(bytes),
                case .array(let written)? = file["documents"]
            else { continue }
            let docs = documents(name, of: snapshots.board)
            for (i, doc) in docs.enumerated() where i < written.count {
                guard let known = try? JSONValueEncoder.encode(doc) else { continue }
                compare(written[i], known, path: [.key("documents"), .index(i)]) { path, key, suggestion in
                    let (l, c) = JSONScan.place(path + [.key(key)], in: bytes)
                    let what = name == .programme || name == .funding ? name.rawValue : String(name.rawValue.dropLast())
                    out.append(
                        Problem(
                            file: name.fileName, line: l, column: c,
                            reason: "\(FieldIssue.text(of: path + [.key(key)])): `\(Sanitize.display(key))` is not a field of a \(what)"
                                + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + " (vrboard would drop it at the next save)"))
                }
            }
        }
        return out
    }

    /// Walks `written` against `known` (the same value as vrboard encodes it), reporting each key of an
    /// object that the encoding lacks; a key holding null is no value and is passed over.
    private static func compare(
        _ written: JSONValue, _ known: JSONValue, path: [JSONScan.PathComponent], report: ([JSONScan.PathComponent], String, String?) -> Void
    ) {
        switch (written, known) {
        case (.object(let w), .object(let k)):
            for key in w.keys.sorted() {
                guard let value = w[key], value != .null else { continue }
                if let kv = k[key] {
                    compare(value, kv, path: path + [.key(key)], report: report)
                } else {
                    report(path, key, nearest(key, in: Array(k.keys)))
                }
            }
        case (.array(let w), .array(let k)):
            for (i, pair) in zip(w, k).enumerated() { compare(pair.0, pair.1, path: path + [.index(i)], report: report) }
        default: break
        }
    }

    /// The known name nearest `key` (by edits, a swap of two letters counting one), when it is near: at
    /// most two edits, and fewer than half the name.
    public static func nearest(_ key: String, in names: [String]) -> String? {
        let scored = names.map { ($0, distance(key.lowercased(), $0.lowercased())) }.filter { $0.1 <= 2 && $0.1 * 2 < max(key.count, 2) }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    /// Edits between two words: insertions, deletions, substitutions, and swaps of neighbours.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
