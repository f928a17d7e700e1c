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
        case .meeting(let d): try c.encode(d, forKey: key)
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
        }
    }
}

/// One line of the journal: the commit record of one change.
public struct JournalEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var at: String
    public var by: String
    public var note: String
    public var baseRev: Int
    public var doc: AnyDocument

    public var collection: CollectionName { doc.collection }
    public var id: String { doc.id }
    public var rev: Int { doc.rev }

    enum Keys: String, CodingKey { case seq, at, by, note, baseRev, collection, id, rev, doc }

    public init(seq: Int, at: String, by: String, note: String, baseRev: Int, doc: AnyDocument) {
        self.seq = seq
        self.at = at
        self.by = by
        self.note = note
        self.baseRev = baseRev
        self.doc = doc
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(String.self, forKey: .by)
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        baseRev = try c.decode(Int.self, forKey: .baseRev)
        let name = try c.decode(CollectionName.self, forKey: .collection)
        doc = try AnyDocument.decode(name, from: c, key: .doc)
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
