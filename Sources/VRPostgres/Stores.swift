import VRStore
import VRStoreAPI

/// Either store, by where it is: a `postgres://` address opens the PostgreSQL store, anything else is a
/// folder. The one place that chooses; the commands, the benchmark and the tests all open stores here.
public enum Stores {
    /// Opens a store whose held meetings' boards are rebuilt from its journal when shown.
    public static func open(_ location: String, readOnly: Bool = false) throws -> any DurableStore {
        let store: any DurableStore =
            PostgresAddress.isAddress(location)
            ? try PostgresStore(address: try PostgresAddress(location), readOnly: readOnly) : try Store(path: location, readOnly: readOnly)
        store.attachFrozenBoards()
        if !readOnly, store.board.meetings.items.contains(where: { $0.snapshot != nil && $0.stage != .draft }) {
            store.referenceHeldMeetings(at: Timestamp.now())
        }
        return store
    }
}
