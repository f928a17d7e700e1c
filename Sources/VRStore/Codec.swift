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
    public static func encode(_ doc: AnyDocument) throws -> Data { try encoder.encode(doc.document) }

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
        case .sources: .source(try typed(SourceDocument.self))
        }
    }

    /// Documents read from JSON as `decode` reads each, as they arrive (rows streamed from a server): each
    /// batch is decoded on whichever core is free while the next arrives. `add` is called from one thread at a
    /// time; `finish` waits for every batch and gives the results in the order added.
    public final class Pipeline: @unchecked Sendable {
        private let lock = NSLock()
        private let group = DispatchGroup()
        private let batchSize: Int
        private var batch: [(CollectionName, Data, String)] = []
        private var done: [Int: [Result<AnyDocument, any Error>]] = [:]
        private var batches = 0

        public init(batchSize: Int = 128) { self.batchSize = batchSize }

        public func add(_ collection: CollectionName, _ json: Data, place: String) {
            batch.append((collection, json, place))
            if batch.count >= batchSize { dispatch() }
        }

        private func dispatch() {
            guard !batch.isEmpty else { return }
            let work = batch, k = batches
            batch = []
            batches += 1
            DispatchQueue.global().async(group: group) {
                let results = work.map { d in Result { try DocumentCodec.decode(d.0, d.1, place: d.2) } }
                self.lock.lock()
                self.done[k] = results
                self.lock.unlock()
            }
        }

        public func finish() -> [Result<AnyDocument, any Error>] {
            dispatch()
            group.wait()
            lock.lock()
            defer { lock.unlock() }
            return (0..<batches).flatMap { done[$0] ?? [] }
        }
    }

    /// A journal entry's JSON, as a journal line holds it (without the newline): the folder store's own line.
    public static func encode(_ entry: JournalEntry) throws -> Data { Data(try entry.line()) }

    public static func decodeEntry(_ data: Data, place: String) throws -> JournalEntry {
        try Located.decode(JournalEntry.self, from: [UInt8](data), file: place)
    }

    /// Every document of a board, collection by collection.
    /// What opening says of texts longer than a field may hold (written around the board's forms): the
    /// first, and how many more; the board shows each cut, its end marked. Nil when there are none.
    public static func overLongNotice(_ board: Board) -> String? {
        var found: [String] = []
        for doc in documents(of: board) {
            for issue in Inspector.overLong(doc) { found.append("\(doc.collection.rawValue)/\(doc.id) \(issue)") }
        }
        guard let first = found.first else { return nil }
        return "\(first)\(found.count > 1 ? " (and \(found.count - 1) more)" : ""): shown cut; `vrboard validate` lists every one"
    }

    public static func documents(of board: Board) -> [AnyDocument] {
        CollectionName.allCases.flatMap { name in Store.documents(name, of: board).compactMap { board.document(name, $0.id) } }
    }

    /// A board from its documents, each put in place as a save puts it (so in the order given).
    public static func board(from docs: [AnyDocument]) throws -> Board {
        var programme: Programme?
        var funding: Funding?
        for d in docs {
            if case .programme(let x) = d { programme = x }
            if case .funding(let x) = d { funding = x }
        }
        guard let programme, let funding else {
            throw StoreError.invalid("the store holds no \(programme == nil ? "programme" : "funding") document")
        }
        var board = Board(programme: programme, funding: funding, members: [], priorities: [], workstreams: [], risks: [])
        for d in docs { board.apply(d) }
        return board
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
