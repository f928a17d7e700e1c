import VRModel
import VRStore

/// What the runtime needs of a store: the board, durable saves that refuse a stale revision as a
/// conflict, other writers' changes, and the journal as history. The file store (`Store`) is one; the
/// PostgreSQL store another; the tests' in-memory store a third.
public protocol BoardStore: AnyObject {
    var board: Board { get }
    /// The journal position `board` includes: its newest change.
    var lastSeq: Int { get }
    /// Gives the store's board the cache (and the rebuilding) of the boards held meetings showed.
    func attach(frozen: FrozenBoards)
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
    /// The same for many changes at once (a store may read its journal once for all of them).
    func versions(of items: [HistoryItem]) throws -> [(before: AnyDocument?, after: AnyDocument?)]
}

extension BoardStore {
    public func versions(of items: [HistoryItem]) throws -> [(before: AnyDocument?, after: AnyDocument?)] { try items.map(versions) }

    /// Lets the store's board rebuild a held meeting's board from the journal when it is first shown.
    public func attachFrozenBoards() {
        attach(
            frozen: FrozenBoards { [weak self] seq in
                guard let self else { throw StoreError.invalid("the store is closed") }
                return try self.board(atSeq: seq)
            })
    }

    /// Held meetings that keep a copy of the board (held before meetings kept a position) are moved to a
    /// reference where the journal rebuilds exactly the board they copied: the position is the change just
    /// before the one that held the meeting. Each is an ordinary durable save, so the copy stays in the
    /// meeting's history; a meeting whose copy the journal does not give back keeps it. Returns the
    /// meetings moved.
    @discardableResult
    public func referenceHeldMeetings(by user: String = "vrboard", at timestamp: String) -> [String] {
        guard !readOnly else { return [] }
        var moved: [String] = []
        for m in board.meetings.items where m.stage != .draft && m.snapshot != nil {
            guard let changes = try? history(HistoryRequest(id: m.id, limit: 1_000)).items.filter({ $0.collection == "meetings" }).reversed()
            else { continue }
            // The change that held it: the first whose saved version is no longer a draft.
            guard
                let hold = changes.first(where: {
                    (try? versions($0).after).flatMap { $0 }.map { d in
                        if case .meeting(let saved) = d { return saved.stage != .draft } else { return false }
                    } ?? false
                }), hold.seq > 1,
                var rebuilt = try? board(atSeq: hold.seq - 1), let copy = m.snapshot?.board
            else { continue }
            // A copy made before stores declared their documents holds none: the rest must agree.
            if copy.sources.count == 0 { rebuilt.sources = copy.sources }
            guard rebuilt == copy else { continue }
            var compact = m
            compact.snapshot = nil
            compact.heldSeq = hold.seq - 1
            do {
                try save(
                    .meeting(compact), baseRev: m.rev, by: user,
                    note:
                        "Board of \(m.date.long): the board as held is now rebuilt from the journal (the copy it kept is in this meeting's history)",
                    at: timestamp)
                moved.append(m.id)
            } catch { continue }
        }
        return moved
    }

    /// The board as it stood at journal position `seq` (a held meeting's board): today's board with every
    /// later change undone, newest first, from the journal's own versions. Meetings are left out (a
    /// meeting's board never holds meetings) unless `keep` (a closed year's board holds its own). Reads as many changes as were made since; throws when the
    /// journal cannot give a version back (a repair removed it).
    public func board(atSeq seq: Int, meetings keep: Bool = false) throws -> Board {
        var b = board
        var later: [HistoryItem] = []
        var before = lastSeq + 1
        while before > seq + 1 {
            let page = try history(HistoryRequest(id: nil, before: before, limit: HistoryRequest.pageSize))
            later += page.items.filter { $0.seq > seq }
            guard let oldest = page.items.last?.seq, page.more, oldest > seq + 1 else { break }
            before = oldest
        }
        for (item, v) in zip(later, try versions(of: later)) {
            guard let collection = CollectionName(rawValue: item.collection) else { continue }
            var was = v.before
            if was == nil, item.rev > 1,
                let earlier = try history(HistoryRequest(id: item.id, before: item.seq, limit: 20)).items.first(where: {
                    $0.collection == item.collection
                })
            {
                // The change keeps no copy of what it replaced: the document's previous change saved it.
                was = try versions(earlier).after
            }
            if let was {
                b.apply(was)
            } else if item.rev <= 1 {
                b.remove(collection, item.id)
            } else {
                throw StoreError.invalid(
                    "the board as it stood at change #\(seq) cannot be rebuilt: change #\(item.seq) (\(item.collection)/\(item.id)) does not keep its earlier version"
                )
            }
        }
        if !keep { b.meetings = DocumentList([]) }
        b.position = seq
        return b
    }
}

/// A store that keeps the board for real: the folder store (`Store`) and the PostgreSQL store. What the
/// terminal session and every command need beyond the board's saves; none of them knows which it has.
public protocol DurableStore: BoardStore {
    /// Where the store is, for messages: a folder, or `postgres://user@host:port/db?vru=…` (never a password).
    var location: String { get }
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
    /// What wakes the board when another process saves (inotify on the folder, NOTIFY on the server).
    func changeSignal() -> any ChangeSignal
    /// True when another process may have saved since the last refresh (cheap; may say true when unsure).
    var hasUnseenChanges: Bool { get }
    /// Finishes: writes what is pending and lets go of the store.
    func close() throws
    /// Says where a walkthrough's presenter is, for members following on their own screens: kept with the
    /// store (a small file beside the journal, a row on the server) but never a save, so never journalled
    /// and never durable; it wakes followers as a save does. Best effort: a failure loses nothing.
    func publish(_ position: PresenterPosition) throws
    /// Where the presenter of meeting `meeting` is, if one is presenting it (needs only read access).
    func presenter(meeting: String) throws -> PresenterPosition?
}

/// Where a walkthrough's presenter is: the meeting, the slide (from 0) and its page, the pages that slide
/// takes on the presenter's screen (a follower's screen may page it differently), who and when.
public struct PresenterPosition: Codable, Equatable, Sendable {
    public var meeting: String
    public var slide: Int
    public var page: Int
    public var pages: Int
    public var by: String
    /// When it moved, as the presenter's clock has it (ISO 8601), or a benchmark's stamp.
    public var at: String

    public init(meeting: String, slide: Int, page: Int, pages: Int, by: String, at: String) {
        (self.meeting, self.slide, self.page, self.pages, self.by, self.at) = (meeting, slide, page, pages, by, at)
    }

    /// The same place (who moved there and when aside).
    public func sameSlide(as other: PresenterPosition?) -> Bool {
        other.map { $0.meeting == meeting && $0.slide == slide && $0.page == page && $0.pages == pages } ?? false
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

/// What wakes a board when another process saves: a descriptor that becomes readable, and a drain that
/// reads what is pending and says whether a save was among it. The folder store's is inotify on its
/// folder (`FolderSignal`); the PostgreSQL store's a pipe its NOTIFY listener writes to.
public protocol ChangeSignal: AnyObject {
    /// The descriptor to poll, or -1 when there is none (the caller polls the store instead).
    var fd: Int32 { get }
    /// Reads every pending event; true when one was a save.
    func drain() -> Bool
}

extension FolderSignal: ChangeSignal {}
