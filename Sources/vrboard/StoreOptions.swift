#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Foundation
import VRModel
import VRPostgres
import VRRuntime
import VRStore
import VRStoreAPI

/// The store as `--store` or as the command's one argument (`vrboard validate ./store`), the way `init`
/// takes its folder: for the commands that read a store and take no other argument.
struct StoreLocation: ParsableArguments {
    @Argument(help: ArgumentHelp("The store, as --store gives it (a folder or a PostgreSQL address).", valueName: "dir|url"))
    var location: String?
    @OptionGroup var options: StoreOptions

    func validate() throws {
        if location != nil && options.store != nil { throw ValidationError("give the store once: as --store or as the argument, not both") }
    }

    /// The options with the argument as the store.
    var resolved: StoreOptions {
        var o = options
        if let location { o.store = location }
        return o
    }
}

/// `--store DIR|URL`, else `VRBOARD_STORE`, else the config file's `store`, else a per-user store made
/// from the NNVRU sample on first use. A `postgres://` address opens the PostgreSQL store; anything
/// else is a folder. No command knows which it has.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store: a folder, or postgres://USER@HOST:PORT/DB?vru=NAME (default: $VRBOARD_STORE, else the config file's store, else a per-user store created from the NNVRU sample).",
            valueName: "dir|url"))
    var store: String?
    @Option(
        name: .long,
        help: ArgumentHelp("A closed financial year, read as it stood at its close (read-only).", valueName: "2021/22"))
    var year: String?

    static func defaultStorePath() -> String {
        let env = ProcessInfo.processInfo.environment
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.local/share")
        return base + "/vrboard/store"
    }

    func resolvedPath() -> (path: String, isDefault: Bool) {
        if let store { return (store, false) }
        if let env = ProcessInfo.processInfo.environment["VRBOARD_STORE"], !env.isEmpty { return (env, false) }
        if let configured = Settings.current.store { return (configured, false) }
        return (StoreOptions.defaultStorePath(), true)
    }

    /// The PostgreSQL address, when the store is one.
    func address() throws -> PostgresAddress? { try StoreOptions.address(resolvedPath().path) }

    static func address(_ text: String) throws -> PostgresAddress? {
        guard PostgresAddress.isAddress(text) else { return nil }
        do { return try PostgresAddress(text) } catch let e as AddressError { throw CLIError("--store: \(e)", code: VRBoard.Exit.usage) }
    }

    /// The folder, for the commands that work on a folder's files (validate's placing, repair).
    func folder(for command: String) throws -> String {
        let path = resolvedPath().path
        if PostgresAddress.isAddress(path) {
            throw CLIError(
                "`vrboard \(command)` works on a store folder's files; on PostgreSQL the server keeps the documents and the journal consistent (`vrboard validate` checks them)"
            )
        }
        return path
    }

    /// Opens for the board: a store this user cannot write opens read-only, with the reason, rather than not at all.
    func openForBoard(readOnly: Bool) throws -> (any DurableStore, readOnlyReason: String?) {
        do {
            let store = try open(readOnly: readOnly, printWarnings: false)
            // A PostgreSQL role that may change nothing: read-only from the start, saying why.
            if let closed = store as? ClosedYearStore { return (store, "\(closed.closed.year) is a closed year, read as it stood at its close") }
            if let pg = store as? PostgresStore, let why = pg.writeRefusal { return (store, why) }
            return (store, nil)
        } catch StoreError.io(let f) where !readOnly && [EACCES, EPERM, EROFS].contains(f.code) {
            let store = try open(readOnly: true, printWarnings: false)
            return (store, "you cannot write to this store (\(f)), so nothing can be changed")
        }
    }

    func open(readOnly: Bool = false, printWarnings: Bool = true) throws -> any DurableStore {
        let (path, isDefault) = resolvedPath()
        var store = try StoreOptions.open(path, readOnly: readOnly || year != nil, isDefault: isDefault)
        if printWarnings { for w in store.warnings { printErr("vrboard: warning: \(w)") } }
        if let year {
            do { store = try ClosedYearStore(store, year: year) } catch StoreError.invalid(let why) { throw CLIError(why) }
            store.attachFrozenBoards()
        }
        return store
    }

    static func open(_ path: String, readOnly: Bool, isDefault: Bool = false) throws -> any DurableStore {
        // A wrong address is bad usage, said as such, before anything is opened.
        _ = try address(path)
        if isDefault && !FileManager.default.fileExists(atPath: path + "/" + Store.manifestName) {
            try Store.create(at: path, copying: try Datasets.path(of: Datasets.defaultName), dataset: Datasets.defaultName)
            FileHandle.standardError.write(Data("vrboard: created your store at \(path) from the \(Datasets.defaultName) sample\n".utf8))
        }
        return try Stores.open(path, readOnly: readOnly)
    }
}
