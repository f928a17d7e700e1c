import ArgumentParser
import Foundation
import VRModel
import VRStore

/// `--store DIR`, else `VRBOARD_STORE`, else a per-user store made from the NNVRU sample on first use.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder (default: $VRBOARD_STORE, else a per-user store created from the NNVRU sample).", valueName: "dir"))
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
        return (StoreOptions.defaultStorePath(), true)
    }

    func open(readOnly: Bool = false) throws -> Store {
        let (path, isDefault) = resolvedPath()
        if isDefault && !FileManager.default.fileExists(atPath: path + "/" + Store.manifestName) {
            try Store.create(at: path, copying: try Datasets.path(of: Datasets.defaultName), dataset: Datasets.defaultName)
            FileHandle.standardError.write(Data("vrboard: created your store at \(path) from the \(Datasets.defaultName) sample\n".utf8))
        }
        let store = try Store(path: path, readOnly: readOnly)
        for w in store.warnings { FileHandle.standardError.write(Data("vrboard: warning: \(w)\n".utf8)) }
        return store
    }
}
