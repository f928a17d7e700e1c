import VRModel
import VRStore

/// A closed financial year of a store, read as it stood at its close (`--year 2021/22`): the board is
/// the store's board at the year's last change, rebuilt from the journal, and the history stops there.
/// Nothing can be saved: the year is closed, and the message says so.
public final class ClosedYearStore: DurableStore, @unchecked Sendable {
    public let base: any DurableStore
    public let closed: ClosedYear
    public private(set) var board: Board

    /// The year `label` of `base`, or a message naming the years that can be read.
    public init(_ base: any DurableStore, year label: String) throws {
        guard let closed = base.board.programme.closedYears.last(where: { $0.year == label }) else {
            let years = base.board.programme.closedYears.map(\.year)
            throw StoreError.invalid(
                "no closed year \(label) in \(base.location): "
                    + (years.isEmpty
                        ? "the store's only year is \(base.board.programme.year) (`vrboard year open` closes it)"
                        : "closed years: \(years.joined(separator: ", ")); the open year is \(base.board.programme.year)"))
        }
        self.base = base
        self.closed = closed
        var b = try base.board(atSeq: closed.seq, meetings: true)
        // A live board's date is today whenever it is read: the closed year keeps the day it closed.
        if b.programme.clock == .today, let day = Day(String(closed.closedAt.prefix(10))) { b.programme.asAt = day }
        b.position = closed.seq
        board = b
    }

    public var lastSeq: Int { closed.seq }
    public var readOnly: Bool { true }
    public var checkpointProblem: String? { nil }
    public var location: String { base.location + " (\(closed.year), closed)" }
    public var login: String { base.login }
    public var warnings: [String] { base.warnings }
    public var hasUnseenChanges: Bool { false }

    public func attach(frozen: FrozenBoards) { board.frozen = frozen }

    public func commit(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws -> JournalEntry {
        throw StoreError.invalid("\(closed.year) is a closed year: it is read as it stood at its close, and nothing in it can change")
    }

    public func refresh() throws -> Bool { false }

    public func historyQuery(_ q: HistoryQuery) throws -> HistoryPage {
        var q = q
        q.before = min(q.before ?? (closed.seq + 1), closed.seq + 1)
        return try base.historyQuery(q)
    }

    public func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?) { try base.versions(item) }
    public func versions(of items: [HistoryItem]) throws -> [(before: AnyDocument?, after: AnyDocument?)] { try base.versions(of: items) }
    public func allEntries() throws -> [JournalEntry] { try base.allEntries().filter { $0.seq <= closed.seq } }
    public func journalProblems() -> [String] { base.journalProblems() }

    public func historyReader() -> @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        let read = base.historyReader(), limit = closed.seq + 1
        return { r in
            var r = r
            r.before = min(r.before ?? limit, limit)
            return try read(r)
        }
    }

    public func journalChecker() -> @Sendable () -> [String] { base.journalChecker() }
    public func changeSignal() -> any ChangeSignal { base.changeSignal() }
    public func close() throws { try base.close() }
    /// A closed year's meetings are walked through as they were: where a presenter is, is the store's.
    public func publish(_ position: PresenterPosition) throws { try base.publish(position) }
    public func presenter(meeting: String) throws -> PresenterPosition? { try base.presenter(meeting: meeting) }
}
