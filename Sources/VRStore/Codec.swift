import Foundation
import VRModel

/// Documents and journal entries as JSON, the same bytes for every store: the folder store's files and
/// the PostgreSQL store's JSONB rows.
public enum DocumentCodec {
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// One document's JSON (sorted keys, one line).
    public static func encode(_ doc: AnyDocument) throws -> Data {
        switch doc {
        case .programme(let d): try encoder.encode(d)
        case .funding(let d): try encoder.encode(d)
        case .member(let d): try encoder.encode(d)
        case .priority(let d): try encoder.encode(d)
        case .workstream(let d): try encoder.encode(d)
        case .risk(let d): try encoder.encode(d)
        case .meeting(let d): try encoder.encode(d)
        case .intervention(let d): try encoder.encode(d)
        case .evaluation(let d): try encoder.encode(d)
        case .outcome(let d): try encoder.encode(d)
        }
    }

    /// A document of `collection` read from JSON, with every number and text checked against the same
    /// bounds as a snapshot file's: a hostile row is refused with the field it is in, never computed with.
    public static func decode(_ collection: CollectionName, _ data: Data, place: String) throws -> AnyDocument {
        let bytes = [UInt8](data)
        func typed<D: StoreDocument>(_ type: D.Type) throws -> D {
            let d = try Located.decode(D.self, from: bytes, file: place)
            let issues = Store.placed(Inspector.issues(of: d, texts: false), under: [], in: bytes, file: place)
            if !issues.isEmpty { throw StoreError.problems(issues) }
            return d
        }
        return switch collection {
        case .programme: .programme(try typed(Programme.self))
        case .funding: .funding(try typed(Funding.self))
        case .members: .member(try typed(Member.self))
        case .priorities: .priority(try typed(Priority.self))
        case .workstreams: .workstream(try typed(Workstream.self))
        case .risks: .risk(try typed(Risk.self))
        case .meetings: .meeting(try typed(Meeting.self))
        case .interventions: .intervention(try typed(Intervention.self))
        case .evaluations: .evaluation(try typed(Evaluation.self))
        case .outcomes: .outcome(try typed(OutcomeMeasure.self))
        }
    }

    /// A journal entry's JSON, as a journal line holds it (without the newline).
    public static func encode(_ entry: JournalEntry) throws -> Data { try encoder.encode(entry) }

    public static func decodeEntry(_ data: Data, place: String) throws -> JournalEntry {
        try Located.decode(JournalEntry.self, from: [UInt8](data), file: place)
    }

    /// Every document of a board, collection by collection.
    public static func documents(of board: Board) -> [AnyDocument] {
        CollectionName.allCases.flatMap { name in Store.documents(name, of: board).compactMap { board.document(name, $0.id) } }
    }

    /// A board from its documents; nil (with the reason) when the programme or funding is missing.
    public static func board(from docs: [AnyDocument]) throws -> Board {
        var programme: Programme?
        var funding: Funding?
        var members: [Member] = [], priorities: [Priority] = [], workstreams: [Workstream] = [], risks: [Risk] = []
        var meetings: [Meeting] = [], interventions: [Intervention] = [], evaluations: [Evaluation] = [], outcomes: [OutcomeMeasure] = []
        for d in docs {
            switch d {
            case .programme(let x): programme = x
            case .funding(let x): funding = x
            case .member(let x): members.append(x)
            case .priority(let x): priorities.append(x)
            case .workstream(let x): workstreams.append(x)
            case .risk(let x): risks.append(x)
            case .meeting(let x): meetings.append(x)
            case .intervention(let x): interventions.append(x)
            case .evaluation(let x): evaluations.append(x)
            case .outcome(let x): outcomes.append(x)
            }
        }
        guard let programme, let funding else {
            throw StoreError.invalid("the store holds no \(programme == nil ? "programme" : "funding") document")
        }
        return Board(
            programme: programme, funding: funding, members: members, priorities: priorities, workstreams: workstreams, risks: risks,
            meetings: meetings, interventions: interventions, evaluations: evaluations, outcomes: outcomes)
    }
}

extension JournalEntry {
    /// The entry that saves `doc` on top of `current` (nil for a new document), whole, carrying what it
    /// replaced: so its version before can always be shown.
    public static func whole(
        seq: Int, at: String, by: String, login: String?, note: String, baseRev: Int, doc: AnyDocument, replacing current: AnyDocument?
    ) throws -> JournalEntry {
        var e = JournalEntry(seq: seq, at: at, by: by, note: note, baseRev: baseRev, doc: doc.withRev(baseRev + 1))
        e.login = login
        if let current { e.was = try Patch.between(doc.withRev(baseRev + 1), current) }
        return e
    }
}
