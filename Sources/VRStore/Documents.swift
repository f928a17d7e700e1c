import Foundation
import VRModel

/// The collections a store keeps, one snapshot file each.
public enum CollectionName: String, Codable, Sendable, CaseIterable {
    case programme, funding, members, priorities, workstreams, risks
    public var fileName: String { rawValue + ".json" }
}

/// Any one document, tagged with its collection.
public enum AnyDocument: Sendable, Equatable {
    case programme(Programme)
    case funding(Funding)
    case member(Member)
    case priority(Priority)
    case workstream(Workstream)
    case risk(Risk)

    public var collection: CollectionName {
        switch self {
        case .programme: .programme
        case .funding: .funding
        case .member: .members
        case .priority: .priorities
        case .workstream: .workstreams
        case .risk: .risks
        }
    }

    public var id: String {
        switch self {
        case .programme(let d): d.id
        case .funding(let d): d.id
        case .member(let d): d.id
        case .priority(let d): d.id
        case .workstream(let d): d.id
        case .risk(let d): d.id
        }
    }

    public var rev: Int {
        switch self {
        case .programme(let d): d.rev
        case .funding(let d): d.rev
        case .member(let d): d.rev
        case .priority(let d): d.rev
        case .workstream(let d): d.rev
        case .risk(let d): d.rev
        }
    }

    func withRev(_ rev: Int) -> AnyDocument {
        switch self {
        case .programme(var d): d.rev = rev; return .programme(d)
        case .funding(var d): d.rev = rev; return .funding(d)
        case .member(var d): d.rev = rev; return .member(d)
        case .priority(var d): d.rev = rev; return .priority(d)
        case .workstream(var d): d.rev = rev; return .workstream(d)
        case .risk(var d): d.rev = rev; return .risk(d)
        }
    }

    func encode(into c: inout KeyedEncodingContainer<JournalEntry.Keys>, key: JournalEntry.Keys) throws {
        switch self {
        case .programme(let d): try c.encode(d, forKey: key)
        case .funding(let d): try c.encode(d, forKey: key)
        case .member(let d): try c.encode(d, forKey: key)
        case .priority(let d): try c.encode(d, forKey: key)
        case .workstream(let d): try c.encode(d, forKey: key)
        case .risk(let d): try c.encode(d, forKey: key)
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
        }
    }
}

extension Board {
    /// The current version of a document, by collection and id.
    public func document(_ collection: CollectionName, _ id: String) -> AnyDocument? {
        switch collection {
        case .programme: programme.id == id ? .programme(programme) : nil
        case .funding: funding.id == id ? .funding(funding) : nil
        case .members: members[id].map(AnyDocument.member)
        case .priorities: priorities[id].map(AnyDocument.priority)
        case .workstreams: workstreams[id].map(AnyDocument.workstream)
        case .risks: risks[id].map(AnyDocument.risk)
        }
    }

    /// Puts a document in place (replay and commit both use this).
    public mutating func apply(_ doc: AnyDocument) {
        switch doc {
        case .programme(let d): programme = d
        case .funding(let d): funding = d
        case .member(let d): members.put(d)
        case .priority(let d): priorities.put(d)
        case .workstream(let d): workstreams.put(d)
        case .risk(let d): risks.put(d)
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
        self.seq = seq; self.at = at; self.by = by; self.note = note; self.baseRev = baseRev; self.doc = doc
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
}
