#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRStore

/// Where the bundled datasets live, found from the binary itself so it works from any working folder.
enum Datasets {
    static let names = ["nnvru-2021-22", "wmvru-2021-22"]
    static let defaultName = "nnvru-2021-22"

    /// Candidates in order: `VRBOARD_DATA`; `data/` beside or above the executable (a checkout's
    /// `.build/<triple>/<config>/vrboard`); the checkout this binary was built from.
    static func directory() -> String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["VRBOARD_DATA"], !env.isEmpty { candidates.append(env) }
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = (exe as NSString).deletingLastPathComponent
            for _ in 0..<5 {
                candidates.append(dir + "/data")
                candidates.append(dir + "/share/vrboard/data")
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        let source = #filePath  // <checkout>/Sources/vrboard/Datasets.swift
        let checkout = ((source as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent
        candidates.append((checkout as NSString).deletingLastPathComponent + "/data")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + defaultName + "/" + Store.manifestName) }
    }

    static func path(of name: String) throws -> String {
        guard names.contains(name) else {
            throw CLIError("unknown dataset '\(name)'; choose one of: \((names + ["empty"]).joined(separator: ", "))")
        }
        guard let dir = directory() else {
            throw CLIError("cannot find the bundled datasets; set VRBOARD_DATA to the data/ folder of a vrboard checkout")
        }
        return dir + "/" + name
    }
}

/// A one-line error for the user.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    let code: Int32
    init(_ message: String, code: Int32 = 1) {
        description = message
        self.code = code
    }
}
