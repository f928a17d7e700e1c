import VRModel
import VRStore
import VRStoreAPI

/// A store in memory with the file store's rules: a save lands only on the revision it was based on
/// (else a conflict naming theirs), each save is a journal line, and another writer's save shows at
/// the next refresh. For tests; nothing is written anywhere.
public final class InMemoryStore: BoardStore, @unchecked Sendable {
    public private(set) var board: Board { didSet { stamp() } }
    public let readOnly: Bool
    public var checkpointProblem: String?
    /// Every change saved, oldest first.
    public private(set) var journal: [HistoryItem] = []
    /// The journal position `board` includes (other writers' saves come in at `refresh`).
    public private(set) var lastSeq = 0 { didSet { stamp() } }
    private var frozenBoards = FrozenBoards()

    private func stamp() {
        // The assignment runs the board's observer again, which then finds nothing to change.
        if let kept = board.keeping(position: lastSeq, frozen: frozenBoards) { board = kept }
    }

    public func attach(frozen: FrozenBoards) {
        frozenBoards = frozen
        stamp()
    }
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
        attachFrozenBoards()
    }

    public func save(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws {
        if readOnly { throw StoreError.readOnly }
        if let reason = failNextSave {
            failNextSave = nil
            throw StoreError.invalid(reason)
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
        lastSeq = journal.count
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
        lastSeq = journal.count
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
