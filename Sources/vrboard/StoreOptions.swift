import ArgumentParser
import Foundation
import VRModel
import VRStore

/// `--store DIR`, else `VRBOARD_STORE`, else the config file's `store`, else a per-user store made from
/// the NNVRU sample on first use.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store folder (default: $VRBOARD_STORE, else the config file's store, else a per-user store created from the NNVRU sample).",
            valueName: "dir"))
    var store: String?

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

    /// Opens for the board: a store this user cannot write opens read-only, with the reason, rather than not at all.
    func openForBoard(readOnly: Bool) throws -> (Store, readOnlyReason: String?) {
        do {
            return (try open(readOnly: readOnly, printWarnings: false), nil)
        } catch StoreError.io(let f) where !readOnly && [EACCES, EPERM, EROFS].contains(f.code) {
            let store = try open(readOnly: true, printWarnings: false)
            return (store, "you cannot write to this store (\(f)), so nothing can be changed")
        }
    }

    func open(readOnly: Bool = false, printWarnings: Bool = true) throws -> Store {
        let (path, isDefault) = resolvedPath()
        if isDefault && !FileManager.default.fileExists(atPath: path + "/" + Store.manifestName) {
            try Store.create(at: path, copying: try Datasets.path(of: Datasets.defaultName), dataset: Datasets.defaultName)
            FileHandle.standardError.write(Data("vrboard: created your store at \(path) from the \(Datasets.defaultName) sample\n".utf8))
        }
        let store = try Store(path: path, readOnly: readOnly)
        if printWarnings { for w in store.warnings { printErr("vrboard: warning: \(w)") } }
        return store
    }
}
