import Foundation
import VRModel
import VRStore
import VRUI

/// What the runtime needs of a store: the board, durable saves that refuse a stale revision as a
/// conflict, other writers' changes, and the journal as history. The file store (`Store`) is one; an
/// in-memory store (`InMemoryStore`) is another, for tests and previews.
public protocol BoardStore: AnyObject {
    var board: Board { get }
    var readOnly: Bool { get }
    /// Why snapshots could not be rewritten after the last save (the save itself is durable), or nil.
    var checkpointProblem: String? { get }
    /// Saves one document on top of revision `baseRev`; throws `StoreError.conflict` when the stored
    /// revision is another, and returns only once the save is durable.
    func save(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws
    /// Takes in other writers' saves; true when the board changed.
    func refresh() throws -> Bool
    /// A page of changes, newest first, and whether older ones match too.
    func history(_ request: HistoryRequest) throws -> (items: [HistoryItem], more: Bool)
    /// One change's document as it saved it, and as it was before (nil where the journal does not hold it).
    func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?)
}

/// A store that keeps the board for real: the folder store (`Store`) and the PostgreSQL store. What the
/// terminal session and every command need beyond the board's saves; none of them knows which it has.
public protocol DurableStore: BoardStore {
    /// Where the store is, for messages: a folder, or `postgres://user@host:port/db?vru=…` (never a password).
    var location: String { get }
    /// The newest change this store has taken in.
    var lastSeq: Int { get }
    /// Who this store records as making its changes: the operating-system login (folder) or the database
    /// role (PostgreSQL), kept beside the name a user gives.
    var login: String { get }
    /// What opening noticed and the user should hear (a torn line cut, an upgrade).
    var warnings: [String] { get }
    /// Saves one document on top of `baseRev`; returns the journal entry once it is durable.
    @discardableResult
    func commit(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws -> JournalEntry
    /// A page of the journal, newest first.
    func historyQuery(_ q: HistoryQuery) throws -> HistoryPage
    /// Every journal entry, oldest first, each with its document whole (for `copy`).
    func allEntries() throws -> [JournalEntry]
    /// Why the journal is not sound (damaged, forged, out of order), or empty; a writer checks first.
    func journalProblems() -> [String]
    /// History pages read off the main loop (each call may come from another thread).
    func historyReader() -> @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool)
    /// The whole journal's check, run off the main loop.
    func journalChecker() -> @Sendable () -> [String]
    /// What wakes the board when another process saves.
    func makeWatcher() -> StoreWatcher
    /// True when another process may have saved since the last refresh (cheap; may say true when unsure).
    var hasUnseenChanges: Bool { get }
    /// Finishes: writes what is pending and lets go of the store.
    func close() throws
}

/// A refusal the runtime reports as a message (not a store error).
public struct RuntimeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension BoardStore {
    /// The meeting on `date`, started as a draft when there is none.
    public func openMeeting(on date: Day, user: String, readOnly: Bool, at timestamp: String = Timestamp.now()) throws -> String {
        if board.meetings[date.description] != nil { return date.description }
        if readOnly { throw RuntimeError("read-only: there is no meeting on \(date.long) and starting one records it") }
        let m = Meeting.new(on: date, board: board, author: user)
        try save(.meeting(m), baseRev: 0, by: user, note: "Board of \(date.long): draft meeting started", at: timestamp)
        return m.id
    }
}

extension DurableStore {
    public func save(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws {
        _ = try commit(doc, baseRev: baseRev, by: user, note: note, at: timestamp)
    }

    public func history(_ request: HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        let page = try historyQuery(HistoryQuery(id: request.id, limit: request.limit, before: request.before))
        return (page.entries.map(HistoryItem.init(meta:)), page.more)
    }
}

extension Store: DurableStore {
    public var login: String { Store.osLogin }
    public var location: String { path }

    public func historyQuery(_ q: HistoryQuery) throws -> HistoryPage { try Store.history(path, q) }

    public func allEntries() throws -> [JournalEntry] { try journal() }

    public func journalProblems() -> [String] { Store.verifyJournal(path).problems.map { "\(path)/\($0)" } }

    public func historyReader() -> @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        let path = path
        return { try Store.historyPage(path, $0) }
    }

    public func journalChecker() -> @Sendable () -> [String] {
        let path = path
        return { Store.verifyJournal(path).problems.map(\.description) }
    }

    public func makeWatcher() -> StoreWatcher { StoreWatcher(path: path) }

    public func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?) {
        try Store.versions(path, collection: item.collection, id: item.id, seq: item.seq)
    }
}

/// Carries out the UI core's effects against a store and answers with messages: the only place the
/// board's saves, history and meetings meet the store.
public struct Runtime<S: BoardStore> {
    public let store: S
    public var state: AppState
    /// The time stamped on saves (ISO 8601, UTC) and the day a walkthrough opens; replaceable in tests.
    public var now: @Sendable () -> String = { Timestamp.now() }
    public var today: @Sendable () -> Day = { Timestamp.today() }
    /// When set, a page of history is read off the main loop (the terminal session), its answer sent later.
    public var historyInBackground: (@Sendable (HistoryRequest) -> Void)?
    /// What Ctrl-Z does: in the terminal session, stop until `fg`; nothing elsewhere.
    public var onSuspend: (() -> Void)?

    public init(store: S, state: AppState) {
        self.store = store
        self.state = state
    }

    /// Sends a message through update() and carries out what it asks for; true when it asks to quit.
    @discardableResult
    public mutating func send(_ msg: Msg) -> Bool {
        state.now = now()
        let effects = update(&state, msg)
        let done = Self.perform(effects, on: &state, store: store, today: today(), historyInBackground: historyInBackground)
        if done.seen.contains(.suspend) { onSuspend?() }
        return done.quit
    }

    /// Carries out effects on a state (whoever holds it), feeding each answer back through update()
    /// until nothing is left. Returns whether one asked to quit, and every effect seen on the way.
    @discardableResult
    public static func perform(
        _ effects: [Effect], on state: inout AppState, store: S, today: Day, historyInBackground: (@Sendable (HistoryRequest) -> Void)? = nil
    ) -> (quit: Bool, seen: [Effect]) {
        var queue = effects, seen = effects
        func answer(_ msg: Msg) {
            let more = update(&state, msg)
            seen += more
            queue += more
        }
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .quit:
                return (true, seen)
            case .suspend:
                // Carried out by whoever runs the terminal (the session), after the update.
                continue
            case .save(let edit):
                do {
                    try store.save(edit.doc, baseRev: edit.baseRev, by: state.user, note: edit.note, at: state.now)
                    answer(.saved(edit, board: store.board))
                    // Saved all the same when the snapshots could not be rewritten: the journal holds it.
                    if let problem = store.checkpointProblem { answer(.notice("Saved: \(edit.note) · warning: \(problem)")) }
                } catch StoreError.conflict(let c) {
                    answer(.conflict(edit, theirs: c.theirs, board: store.board))
                } catch {
                    answer(.saveFailed(edit, reason: "\(error)"))
                }
            case .startPresentation(let create):
                if !create && store.board.meetings[today.description] == nil {
                    answer(.noMeeting(today))
                    continue
                }
                do {
                    let id = try store.openMeeting(on: today, user: state.user, readOnly: state.readOnly, at: state.now)
                    answer(.presentationReady(meetingID: id, board: store.board))
                } catch {
                    answer(.notice("\(error)"))
                }
            case .loadEntry(let item):
                do {
                    let (before, after) = try store.versions(item)
                    answer(.entryLoaded(seq: item.seq, before: before, after: after))
                } catch {
                    answer(.notice("What change #\(item.seq) changed cannot be read: \(error)"))
                    answer(.entryLoaded(seq: item.seq, before: nil, after: nil))
                }
            case .loadHistory(let request):
                if let historyInBackground {
                    historyInBackground(request)
                    continue
                }
                do {
                    let page = try store.history(request)
                    answer(.historyLoaded(page.items, more: page.more, for: request))
                } catch {
                    answer(.historyFailed("\(error)"))
                }
            }
        }
        return (false, seen)
    }
}

/// A store in memory with the file store's rules: a save lands only on the revision it was based on
/// (else a conflict naming theirs), each save is a journal line, and another writer's save shows at
/// the next refresh. For tests and previews; nothing is written anywhere.
public final class InMemoryStore: BoardStore, @unchecked Sendable {
    public private(set) var board: Board
    public let readOnly: Bool
    public var checkpointProblem: String?
    /// Every change saved, oldest first.
    public private(set) var journal: [HistoryItem] = []
    /// Each change's document as saved, and as it was before, by sequence number.
    private var saved: [Int: AnyDocument] = [:]
    private var replaced: [Int: AnyDocument] = [:]
    /// Makes the next save fail with this reason (a full disk, say); nothing is recorded.
    public var failNextSave: String?
    /// The board as other writers have left it, taken in by `refresh`.
    private var pending: Board?

    public init(_ board: Board, readOnly: Bool = false) {
        self.board = board
        self.readOnly = readOnly
    }

    public func save(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws {
        if readOnly { throw StoreError.readOnly }
        if let reason = failNextSave {
            failNextSave = nil
            throw RuntimeError(reason)
        }
        // Like the file store, a save first reads what others have saved.
        _ = try refresh()
        let current = board.document(doc.collection, doc.id)
        guard (current?.rev ?? 0) == baseRev else { throw StoreError.conflict(Conflict(mine: doc, theirs: current, baseRev: baseRev)) }
        let doc = doc.withRev(baseRev + 1)
        replaced[journal.count + 1] = current
        board.apply(doc)
        journal.append(
            HistoryItem(
                seq: journal.count + 1, at: timestamp, by: user, collection: doc.collection.rawValue, id: doc.id, rev: doc.rev, note: note))
        saved[journal.count] = doc
    }

    /// The board as stored, including other writers' saves not yet taken in.
    public var latest: Board { pending ?? board }

    /// Another writer saves a version of a document: it is stored, and shows here at the next refresh.
    public func saveElsewhere(_ doc: AnyDocument, by user: String, note: String, at timestamp: String) {
        var latest = pending ?? board
        replaced[journal.count + 1] = latest.document(doc.collection, doc.id)
        let rev = (latest.document(doc.collection, doc.id)?.rev ?? 0) + 1
        latest.apply(doc.withRev(rev))
        pending = latest
        journal.append(
            HistoryItem(seq: journal.count + 1, at: timestamp, by: user, collection: doc.collection.rawValue, id: doc.id, rev: rev, note: note))
        saved[journal.count] = doc.withRev(rev)
    }

    public func refresh() throws -> Bool {
        guard let p = pending else { return false }
        board = p
        pending = nil
        return true
    }

    public func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?) {
        (replaced[item.seq], saved[item.seq])
    }

    public func history(_ request: HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        let matching = journal.reversed().filter { item in
            (request.id == nil || item.id == request.id) && (request.before.map { item.seq < $0 } ?? true)
        }
        return (Array(matching.prefix(request.limit)), matching.count > request.limit)
    }
}

extension Store {
    /// A page of history as the History screen shows it: read from the journal's newest end, so a page
    /// costs the same however long the history is.
    public static func historyPage(_ path: String, _ request: HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        let page = try history(path, HistoryQuery(id: request.id, limit: request.limit, before: request.before))
        return (
            page.entries.map(HistoryItem.init(meta:)),
            page.more
        )
    }
}

extension HistoryItem {
    public init(meta m: EntryMeta) {
        self.init(seq: m.seq, at: m.at, by: m.by, collection: m.collection, id: m.id, rev: m.rev, note: m.note, login: m.login)
    }
}
