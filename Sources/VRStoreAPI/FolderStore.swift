#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRStore

/// The folder store as a `DurableStore`.
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

    public func changeSignal() -> any ChangeSignal { FolderSignal(path: path) }

    /// The presenter's place, in `presenting.json` beside the journal: written whole to a temporary file
    /// and renamed over it (a follower reads the old place or the new, never half of one), not synced.
    public func publish(_ position: PresenterPosition) throws {
        let data = try JSONEncoder().encode(position)
        let temp = path + "/." + Store.presenterName + ".\(getpid())"
        guard FileManager.default.createFile(atPath: temp, contents: data) else { throw StoreError.invalid("cannot write \(temp)") }
        guard rename(temp, path + "/" + Store.presenterName) == 0 else {
            unlink(temp)
            throw StoreError.invalid("cannot write \(path)/\(Store.presenterName): \(String(cString: strerror(errno)))")
        }
    }

    public func presenter(meeting: String) throws -> PresenterPosition? {
        // Small by construction; a file grown beyond that, or not one, is not a place.
        guard let data = FileManager.default.contents(atPath: path + "/" + Store.presenterName), data.count < 4096,
            let p = try? JSONDecoder().decode(PresenterPosition.self, from: data), p.meeting == meeting
        else { return nil }
        return p
    }

    public func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?) {
        try Store.versions(path, collection: item.collection, id: item.id, seq: item.seq)
    }

    public func versions(of items: [HistoryItem]) throws -> [(before: AnyDocument?, after: AnyDocument?)] {
        try Store.versions(path, of: items.map { ($0.collection, $0.id, $0.seq) })
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
