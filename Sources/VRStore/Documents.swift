import Foundation
import VRModel

extension AnyDocument {
    func encode(into c: inout KeyedEncodingContainer<JournalEntry.Keys>, key: JournalEntry.Keys) throws {
        switch self {
        case .programme(let d): try c.encode(d, forKey: key)
        case .funding(let d): try c.encode(d, forKey: key)
        case .member(let d): try c.encode(d, forKey: key)
        case .priority(let d): try c.encode(d, forKey: key)
        case .workstream(let d): try c.encode(d, forKey: key)
        case .risk(let d): try c.encode(d, forKey: key)
        case .source(let d): try c.encode(d, forKey: key)
        case .meeting(let d): try c.encode(d, forKey: key)
        case .intervention(let d): try c.encode(d, forKey: key)
        case .evaluation(let d): try c.encode(d, forKey: key)
        case .outcome(let d): try c.encode(d, forKey: key)
        }
    }

    static func decode(_ name: CollectionName, from c: KeyedDecodingContainer<JournalEntry.Keys>, key: JournalEntry.Keys) throws -> AnyDocument {
        switch name {
        case .programme: .programme(try c.decode(Programme.self, forKey: key))
        case .funding: .funding(try c.decode(Funding.self, forKey: key))
        case .members: .member(try c.decode(Member.self, forKey: key))
        case .priorities: .priority(try c.decode(Priority.self, forKey: key))
        case .workstreams: .workstream(try c.decode(Workstream.self, forKey: key))
        case .risks: .risk(try c.decode(Risk.self, forKey: key))
        case .meetings: .meeting(try c.decode(Meeting.self, forKey: key))
        case .interventions: .intervention(try c.decode(Intervention.self, forKey: key))
        case .evaluations: .evaluation(try c.decode(Evaluation.self, forKey: key))
        case .outcomes: .outcome(try c.decode(OutcomeMeasure.self, forKey: key))
        case .sources: .source(try c.decode(SourceDocument.self, forKey: key))
        }
    }
}

/// One line of the journal: the commit record of one change. It carries the whole document, or (format 3)
/// only what changed since the revision it was based on: the top-level fields that changed, and for a
/// list that only grew (a workstream's rating history, a meeting's decisions) just its new items. So an
/// entry's size does not grow with the document's history. Each document's first entry in a journal
/// file is whole, so every file (a sealed segment, the active journal) reads on its own.
public struct JournalEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var by: String
    public var note: String
    public var baseRev: Int
    public var collection: CollectionName
    public var id: String
    public var rev: Int
    public var body: Body
    /// What the change replaced, as a patch that turns the saved document back into the one before: kept
    /// on an entry written whole (the first for its document in a journal file), so History can show any
    /// change's old and new values even when no earlier entry holds the version before.
    public var was: Patch?
    /// The operating-system login (folder store) or database role (PostgreSQL) that made the change,
    /// recorded by the store itself beside `by`, the name the user gave; nil on older entries.
    public var login: String?

    public enum Body: Sendable, Equatable {
        case doc(AnyDocument)
        case patch(Patch)
    }

    /// The document as saved, when the entry carries it whole.
    public var doc: AnyDocument? { if case .doc(let d) = body { d } else { nil } }

    enum Keys: String, CodingKey { case seq, at, by, note, baseRev, collection, id, rev, doc, patch, was, login }

    public init(seq: Int, at: String, by: String, note: String, baseRev: Int, doc: AnyDocument) {
        self.init(seq: seq, at: at, by: by, note: note, baseRev: baseRev, collection: doc.collection, id: doc.id, rev: doc.rev, body: .doc(doc))
    }

    init(
        seq: Int, at: String, by: String, note: String, baseRev: Int, collection: CollectionName, id: String, rev: Int, body: Body,
        login: String? = nil
    ) {
        self.seq = seq
        self.at = at
        self.by = by
        self.note = note
        self.baseRev = baseRev
        self.collection = collection
        self.id = id
        self.rev = rev
        self.body = body
        self.login = login
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(String.self, forKey: .by)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        baseRev = try c.decode(Int.self, forKey: .baseRev)
        collection = try c.decode(CollectionName.self, forKey: .collection)
        if c.contains(.patch) {
            body = .patch(try c.decode(Patch.self, forKey: .patch))
            id = try c.decode(String.self, forKey: .id)
            rev = try c.decode(Int.self, forKey: .rev)
        } else {
            let doc = try AnyDocument.decode(collection, from: c, key: .doc)
            body = .doc(doc)
            // The document's own id and revision are the entry's.
            id = doc.id
            rev = doc.rev
        }
        was = try c.decodeIfPresent(Patch.self, forKey: .was)
        login = try c.decodeIfPresent(String.self, forKey: .login)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(seq, forKey: .seq)
        try c.encode(at, forKey: .at)
        try c.encode(by, forKey: .by)
        try c.encode(note, forKey: .note)
        try c.encode(baseRev, forKey: .baseRev)
        try c.encode(collection, forKey: .collection)
        try c.encode(id, forKey: .id)
        try c.encode(rev, forKey: .rev)
        switch body {
        case .doc(let d): try d.encode(into: &c, key: .doc)
        case .patch(let p): try c.encode(p, forKey: .patch)
        }
        try c.encodeIfPresent(was, forKey: .was)
        try c.encodeIfPresent(login, forKey: .login)
    }

    /// The entry as one journal line's value: written with `bytes` (sorted keys, unescaped slashes), the
    /// bytes JSONEncoder writes with the store's settings. `docFields` (the saved document's fields, when the
    /// save has already worked them out) spares encoding the document a second time.
    func value(docFields: [String: JSONValue]? = nil) throws -> JSONValue {
        guard case .doc = body, let docFields else { return try JSONValueEncoder.encode(self) }
        var head = self
        head.body = .patch(Patch())
        guard case .object(var o) = try JSONValueEncoder.encode(head) else { return try JSONValueEncoder.encode(self) }
        o[Keys.patch.rawValue] = nil
        o[Keys.doc.rawValue] = .object(docFields)
        return .object(o)
    }

    /// The entry as one journal line, its newline not included.
    func line() throws -> [UInt8] { try value().bytes }

    /// The version before this change, from `was` and the document saved, when the entry carries it.
    public var before: AnyDocument? {
        guard let was, let doc, baseRev > 0 else { return nil }
        return try? was.applied(to: doc).withRev(baseRev)
    }

    /// The document this entry saved: whole, or its patch applied to `base` (the revision it was based on).
    public func document(base: AnyDocument?) throws -> AnyDocument {
        switch body {
        case .doc(let d): return d
        case .patch(let p):
            guard let base, base.rev == baseRev, base.collection == collection, base.id == id else {
                throw StoreError.invalid(
                    "\(collection.rawValue)/\(id) rev \(rev) is written as a change to rev \(baseRev), which is not there (found \(base.map { "rev \($0.rev)" } ?? "none"))"
                )
            }
            return try p.applied(to: base).withRev(rev)
        }
    }

    /// The same entry with its document whole.
    func resolved(base: AnyDocument?) throws -> JournalEntry {
        var e = self
        e.body = .doc(try document(base: base))
        return e
    }
}

/// Any JSON value, to compare and patch documents field by field.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int.self) {
            self = .int(i)
        } else if let d = try? c.decode(Double.self) {
            self = .double(d)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .array(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }

    /// Every number and string in the value, for the bounds and text checks of a patch.
    func walk(_ path: [FieldKey], _ visit: ([FieldKey], JSONValue) -> Void) {
        switch self {
        case .array(let a): for (i, v) in a.enumerated() { v.walk(path + [.index(i)], visit) }
        case .object(let o): for (k, v) in o.sorted(by: { $0.key < $1.key }) { v.walk(path + [.key(k)], visit) }
        default: visit(path, self)
        }
    }
}

/// What changed in a document between two revisions, field by field at the top level.
public struct Patch: Codable, Sendable, Equatable {
    /// Fields with a new value.
    public var set: [String: JSONValue] = [:]
    /// Lists that only grew at their end: the new items.
    public var append: [String: [JSONValue]] = [:]
    /// Fields no longer there.
    public var unset: [String] = []

    enum Keys: String, CodingKey { case set, append, unset }

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        set = try c.decodeIfPresent([String: JSONValue].self, forKey: .set) ?? [:]
        append = try c.decodeIfPresent([String: [JSONValue]].self, forKey: .append) ?? [:]
        unset = try c.decodeIfPresent([String].self, forKey: .unset) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        if !set.isEmpty { try c.encode(set, forKey: .set) }
        if !append.isEmpty { try c.encode(append, forKey: .append) }
        if !unset.isEmpty { try c.encode(unset, forKey: .unset) }
    }

    /// A document's top-level fields, as `JSONValue.parse` reads them from JSONEncoder's output (encoded
    /// straight into values: no JSON text is written and read back).
    static func fields(_ doc: AnyDocument) throws -> [String: JSONValue] {
        guard case .object(let o) = try JSONValueEncoder.encode(doc.document) else {
            throw StoreError.invalid("\(doc.collection.rawValue)/\(doc.id) does not encode as an object")
        }
        return o
    }

    /// The change from `old` to `new` (revisions aside).
    static func between(_ old: AnyDocument, _ new: AnyDocument) throws -> Patch { between(fields: try fields(old), try fields(new)) }

    /// The change from the document with fields `a` to the one with fields `b` (revisions aside).
    static func between(fields a: [String: JSONValue], _ b: [String: JSONValue]) -> Patch {
        var p = Patch()
        for (k, v) in b where k != "rev" && a[k] != v {
            if case .array(let x)? = a[k], case .array(let y) = v, y.count > x.count, Array(y.prefix(x.count)) == x {
                p.append[k] = Array(y.dropFirst(x.count))
            } else {
                p.set[k] = v
            }
        }
        p.unset = a.keys.filter { b[$0] == nil }.sorted()
        return p
    }

    /// `base` with this change made.
    func applied(to base: AnyDocument) throws -> AnyDocument {
        var o = try Patch.fields(base)
        for k in unset { o[k] = nil }
        for (k, v) in set { o[k] = v }
        for (k, items) in append {
            guard case .array(let x)? = o[k] else { throw StoreError.invalid("\(base.collection.rawValue)/\(base.id): \(k) is not a list to add to") }
            o[k] = .array(x + items)
        }
        let data = Data(JSONValue.object(["collection": .string(base.collection.rawValue), "doc": .object(o)]).bytes)
        return try JSONDecoder().decode(DocBox.self, from: data).doc
    }
}

/// A document with its collection, for turning fields back into a typed document.
private struct DocBox: Codable {
    var doc: AnyDocument
    init(doc: AnyDocument) { self.doc = doc }
    enum Keys: String, CodingKey { case collection, doc }
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JournalEntry.Keys.self)
        doc = try AnyDocument.decode(try c.decode(CollectionName.self, forKey: .collection), from: c, key: .doc)
    }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: JournalEntry.Keys.self)
        try c.encode(doc.collection, forKey: .collection)
        try doc.encode(into: &c, key: .doc)
    }
}

/// A collection snapshot file.
struct CollectionFile<D: StoreDocument>: Codable {
    var collection: String
    var format: Int
    var journalSeq: Int?
    var documents: [D]
}

/// The store's manifest, `vrboard.json`.
struct Manifest: Codable, Equatable {
    var kind: String
    var format: Int
    var dataset: String?
    /// Every journal entry up to this sequence number is in the snapshots.
    var checkpointSeq: Int?
    /// Sequence numbers whose journal lines `vrboard repair` removed (each kept in its backup folder):
    /// the sequence may skip these, and nothing else.
    var removedSeqs: [Int]?
    /// The sealed parts of the journal, oldest first (format 3); the active part is `journal.jsonl`.
    var segments: [Segment]?
}
