import VRStore
import VRStoreAPI

/// Either store, by where it is: a `postgres://` address opens the PostgreSQL store, anything else is a
/// folder. The one place that chooses; the commands, the benchmark and the tests all open stores here.
public enum Stores {
    public static func open(_ location: String, readOnly: Bool = false) throws -> any DurableStore {
        if PostgresAddress.isAddress(location) { return try PostgresStore(address: try PostgresAddress(location), readOnly: readOnly) }
        return try Store(path: location, readOnly: readOnly)
    }
}
