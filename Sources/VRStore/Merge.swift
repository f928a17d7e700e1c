import Foundation
import VRModel

/// Three-way merge of two saves of one document, field by field (the document's top-level fields): the
/// version the edit started from (base), mine, and theirs (saved elsewhere meanwhile). A field only one
/// side changed takes that side's value; a field both changed alike is that value; a field both changed
/// differently is a conflict, for the user to choose.
public struct Merge: Equatable, Sendable {
    /// Fields both sides changed differently, in the document's order: key, mine, theirs (as shown).
    public struct Clash: Equatable, Sendable {
        public let key: String
        public let label: String
        public let mine: String
        public let theirs: String
    }

    public let clashes: [Clash]
    /// Fields this edit changed that the other did not (kept from mine), and the reverse (taken from theirs).
    public let mineOnly: [String]
    public let theirsOnly: [String]
    private let merged: [String: JSONBox]
    private let mineValues: [String: JSONBox]
    private let theirValues: [String: JSONBox]
    private let collection: CollectionName

    /// Nil when a version cannot be compared field by field (it does not encode as an object).
    public init?(base: AnyDocument, mine: AnyDocument, theirs: AnyDocument) {
        guard let b = Merge.fields(base), let m = Merge.fields(mine), let t = Merge.fields(theirs) else { return nil }
        var merged: [String: JSONBox] = [:]
        var clashes: [Clash] = [], mineOnly: [String] = [], theirsOnly: [String] = []
        for key in Set(b.keys).union(m.keys).union(t.keys).sorted() where key != "rev" {
            let bv = b[key], mv = m[key], tv = t[key]
            if mv == tv {
                merged[key] = mv
            } else if mv == bv {
                merged[key] = tv
                theirsOnly.append(key)
            } else if tv == bv {
                merged[key] = mv
                mineOnly.append(key)
            } else if let both = Merge.appendBoth(bv, mv, tv) {
                // Two records added to one list (two decisions, two rating changes): both kept, theirs first.
                merged[key] = both
                mineOnly.append(key)
                theirsOnly.append(key)
            } else {
                clashes.append(Clash(key: key, label: Merge.label(key), mine: mv?.text ?? "(none)", theirs: tv?.text ?? "(none)"))
            }
        }
        self.clashes = clashes
        self.mineOnly = mineOnly
        self.theirsOnly = theirsOnly
        self.merged = merged
        mineValues = m
        theirValues = t
        collection = base.collection
    }

    /// The merged document, each clash settled by `keepMine[i]` (true: mine), at theirs' revision.
    public func document(keepMine: [Bool], rev: Int) -> AnyDocument? {
        var out = merged
        for (i, c) in clashes.enumerated() { out[c.key] = (i < keepMine.count && keepMine[i]) ? mineValues[c.key] : theirValues[c.key] }
        out["rev"] = JSONBox(any: rev)
        return Merge.document(collection, out)
    }

    /// When both sides only added items to the end of a list: the list with theirs, then mine. Mine may
    /// already hold theirs (the edit was built on a board that had taken their save in): then it is mine.
    static func appendBoth(_ base: JSONBox?, _ mine: JSONBox?, _ theirs: JSONBox?) -> JSONBox? {
        // A list one side or both started (absent in the base, as an empty ledger is written) grows from empty.
        guard let b = base.map({ $0.any as? [Any] }) ?? [], let m = mine?.any as? [Any], let t = theirs?.any as? [Any] else { return nil }
        let bb = b.map { JSONBox(any: $0) }, mb = m.map { JSONBox(any: $0) }, tb = t.map { JSONBox(any: $0) }
        if mb.count > tb.count, Array(mb.prefix(tb.count)) == tb { return mine }
        if tb.count > mb.count, Array(tb.prefix(mb.count)) == mb { return theirs }
        guard mb.count > bb.count, tb.count > bb.count, Array(mb.prefix(bb.count)) == bb, Array(tb.prefix(bb.count)) == bb else { return nil }
        return JSONBox(any: t + m.dropFirst(b.count))
    }

    // MARK: Fields as JSON

    /// One JSON value, compared by its canonical text.
    struct JSONBox: Equatable, Sendable {
        let json: String
        init(any: Any) {
            let data = (try? JSONSerialization.data(withJSONObject: [any], options: [.sortedKeys])) ?? Data("[null]".utf8)
            json = String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        }
        var any: Any { (try? JSONSerialization.jsonObject(with: Data("[\(json)]".utf8)) as? [Any])?.first ?? NSNull() }
        /// As a person reads it: text as it is, a list as its items a line each, an object as its
        /// fields, a number or flag as written; nothing as "(none)". Never JSON's brackets and quotes.
        var text: String { JSONBox.readable(any) }

        static func readable(_ v: Any) -> String {
            switch v {
            case let s as String: return s
            case let a as [Any]:
                return a.isEmpty ? "(none)" : a.map { "• " + readable($0).replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n")
            case let o as [String: Any]: return o.keys.sorted().map { "\($0): \(readable(o[$0]!))" }.joined(separator: "; ")
            case is NSNull: return "(none)"
            default: return JSONBox(any: v).json
            }
        }
    }

    static func fields(_ doc: AnyDocument) -> [String: JSONBox]? {
        guard let data = try? encode(doc), let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object.mapValues { JSONBox(any: $0) }
    }

    static func encode(_ doc: AnyDocument) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(doc.document)
    }

    static func document(_ collection: CollectionName, _ fields: [String: JSONBox]) -> AnyDocument? {
        guard let data = try? JSONSerialization.data(withJSONObject: fields.mapValues(\.any)) else { return nil }
        let d = JSONDecoder()
        switch collection {
        case .programme: return (try? d.decode(Programme.self, from: data)).map(AnyDocument.programme)
        case .funding: return (try? d.decode(Funding.self, from: data)).map(AnyDocument.funding)
        case .members: return (try? d.decode(Member.self, from: data)).map(AnyDocument.member)
        case .priorities: return (try? d.decode(Priority.self, from: data)).map(AnyDocument.priority)
        case .workstreams: return (try? d.decode(Workstream.self, from: data)).map(AnyDocument.workstream)
        case .risks: return (try? d.decode(Risk.self, from: data)).map(AnyDocument.risk)
        case .meetings: return (try? d.decode(Meeting.self, from: data)).map(AnyDocument.meeting)
        case .interventions: return (try? d.decode(Intervention.self, from: data)).map(AnyDocument.intervention)
        case .evaluations: return (try? d.decode(Evaluation.self, from: data)).map(AnyDocument.evaluation)
        case .outcomes: return (try? d.decode(OutcomeMeasure.self, from: data)).map(AnyDocument.outcome)
        case .sources: return (try? d.decode(SourceDocument.self, from: data)).map(AnyDocument.source)
        }
    }

    /// `exitStrategy` → "Exit strategy".
    public static func label(_ key: String) -> String {
        var out = ""
        for ch in key {
            if ch.isUppercase {
                out += " " + ch.lowercased()
            } else {
                out.append(ch)
            }
        }
        return out.prefix(1).uppercased() + out.dropFirst()
    }
}
