import Foundation
import Testing
import VRModel
import VRStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// What every test suite shares: where the checkout, its data and the built executables are; the shipped
// datasets, opened read-only; private temporary folders; and running a program to completion.

/// A failure that carries enough context (usually the last screen or the program's output) to debug from
/// the test log alone.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public enum Paths {
    /// `<package root>`, from this file's location: `<root>/Tests/VRTestSupport/Support.swift`.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The tracked sample data; tests only ever read it.
    public static let data: URL = packageRoot.appendingPathComponent("data")

    public static let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"

    /// An executable of this package built beside the test bundle (`swift test` runs
    /// `.build/<triple>/debug/vrboardPackageTests.xctest`), else `<root>/.build/debug/<name>`.
    public static func executable(_ name: String) -> URL {
        let fm = FileManager.default
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent(name)
            if fm.isExecutableFile(atPath: beside.path) { return beside }
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    /// The `vrboard` executable (`swift build --build-tests` builds it with the tests).
    public static let binary: URL = executable("vrboard")

    /// This process's operating-system login: what the folder store records beside a change's --user.
    public static let osLogin: String = {
        if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "uid \(geteuid())"
    }()

    /// An executable found on PATH.
    public static func onPath(_ name: String) throws -> String {
        for dir in searchPath.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
            return "\(dir)/\(name)"
        }
        throw TestFailure("\(name) is not on PATH (\(searchPath))")
    }
}

/// The shipped datasets by name: what every suite's tests run over.
public enum Dataset: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case nnvru = "nnvru-2021-22"
    case wmvru = "wmvru-2021-22"
    public var testDescription: String { rawValue }
    /// Text that appears in the header of every screen of this dataset.
    public var areaName: String { self == .nnvru ? "Nottingham and Nottinghamshire" : "West Midlands" }
    public var programmeName: String {
        self == .nnvru ? "Nottingham and Nottinghamshire Violence Reduction Unit" : "West Midlands Violence Reduction Unit"
    }
}

/// The shipped datasets, opened read-only straight from the checkout's data/ folder.
/// The twelve numbered sections of the board paper in 001's report format, in its order and wording.
public let paperSections = [
    "1. Purpose of the Report", "2. Recommendations", "3. Reasons for Recommendations", "4. Summary of Key Points",
    "5. Financial Implications and Budget Provision", "6. Human Resources Implications", "7. Equality Implications", "8. Risk Management",
    "9. Policy Implications and links to the Police and Crime Plan Priorities", "10. Changes in Legislation or other Legal Considerations",
    "11. Details of outcome of consultation", "12. Appendices",
]

public enum Fixtures {
    public static let datasets = Dataset.allCases.map(\.rawValue)
    public static var dataDir: String { Paths.data.path }

    public static func board(_ name: String) throws -> Board {
        try Store(path: dataDir + "/" + name, readOnly: true).board
    }
}

/// A private temporary folder; call `remove()` in a defer.
public struct TempFolder: Sendable {
    public let url: URL
    public var path: String { url.path }
    public init(_ label: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    public func file(_ name: String) -> String { url.appendingPathComponent(name).path }
    public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The outcome of one CLI run.
public struct RunResult: CustomStringConvertible, Sendable {
    public let status: Int32
    public let stdoutData: Data
    public let stderrData: Data
    public init(status: Int32, stdoutData: Data, stderrData: Data) {
        self.status = status
        self.stdoutData = stdoutData
        self.stderrData = stderrData
    }
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    public var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Non-empty lines of stderr.
    public var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    public var description: String { "exit \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)" }
}

/// Runs `executable` with exactly `environment` (nothing inherited; nil inherits this process's), stdout/stderr captured through files so
/// large outputs cannot fill a pipe, stdin from /dev/null. A run that takes over `timeout` seconds is killed
/// and reported as a failure rather than hanging the suite.
public func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, cwd: URL? = nil,
    timeout: TimeInterval = 30
) throws -> RunResult {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("vrboard-e2e-run-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)

    let p = Process()
    p.executableURL = executable
    p.arguments = arguments
    if let environment { p.environment = environment }
    if let cwd { p.currentDirectoryURL = cwd }
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(5_000) }
    if p.isRunning {
        p.terminate()
        p.waitUntilExit()
        try? out.close()
        try? err.close()
        throw TestFailure("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
    }
    p.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(
        status: p.terminationStatus,
        stdoutData: try Data(contentsOf: outURL),
        stderrData: try Data(contentsOf: errURL))
}

/// Runs a program with posix_spawn and waitpid, closing every inherited descriptor above stderr in the child.
/// For tmux: its client forks a long-lived server, and a server that inherited Foundation's per-Process
/// termination socket would keep `Process` waiting until the server exits. stdin is /dev/null; stdout and
/// stderr go to files.
public func spawnAndWait(
    _ executable: URL, _ arguments: [String], environment: [String: String],
    timeout: TimeInterval = 15
) throws -> RunResult {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("vrboard-e2e-spawn-\(UUID().uuidString)")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let outPath = scratch.appendingPathComponent("stdout").path
    let errPath = scratch.appendingPathComponent("stderr").path

    #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t? = nil
        var attributes: posix_spawnattr_t? = nil
    #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    #if canImport(Darwin)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
    #else
        // glibc >= 2.34 has posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not import.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw TestFailure("this libc lacks posix_spawn_file_actions_addclosefrom_np (glibc 2.34+ needed)")
        }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    #endif

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw TestFailure("posix_spawn \(executable.path) failed: \(String(cString: strerror(rc)))") }

    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r == -1 && errno != EINTR { throw TestFailure("waitpid failed: \(String(cString: strerror(errno)))") }
        if Date() >= deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw TestFailure("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        usleep(2_000)
    }
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return RunResult(
        status: exitStatus,
        stdoutData: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
        stderrData: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
}

/// Markdown text as a renderer shows it: the entities the pack writes for HTML-significant characters,
/// and CommonMark's backslash escapes (a backslash before ASCII punctuation), read back.
public func markdownShown(_ md: String) -> String {
    var out = "", escaped = false
    let decoded = md.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
    for ch in decoded {
        if escaped {
            if !(ch.isASCII && (ch.isPunctuation || ch.isSymbol)) { out.append("\\") }
            out.append(ch)
            escaped = false
        } else if ch == "\\" {
            escaped = true
        } else {
            out.append(ch)
        }
    }
    return out
}

/// Runs `body` with a fresh private folder (a `TempFolder`), removed afterwards.
public func withTempDir<T>(_ body: (String) throws -> T) throws -> T {
    let folder = try TempFolder("tests")
    defer { folder.remove() }
    return try body(folder.path)
}

/// Every file in a folder with its bytes, by path relative to it (hidden files too; with `recursive`, the
/// files of every folder below it as `sub/name`). The one way the suites snapshot a folder.
public func folderContents(_ dir: String, recursive: Bool = false) -> [String: [UInt8]] {
    let fm = FileManager.default
    var out: [String: [UInt8]] = [:]
    func walk(_ rel: String) {
        let here = rel.isEmpty ? dir : dir + "/" + rel
        for name in (try? fm.contentsOfDirectory(atPath: here)) ?? [] {
            let relName = rel.isEmpty ? name : rel + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: here + "/" + name, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                if recursive { walk(relName) }
            } else {
                out[relName] = [UInt8](fm.contents(atPath: here + "/" + name) ?? Data())
            }
        }
    }
    walk("")
    return out
}

/// A store's snapshot files (the collections and the manifest) with their bytes.
public func snapshotFiles(_ path: String) -> [String: [UInt8]] {
    let names = Set(CollectionName.allCases.map(\.fileName) + [Store.manifestName])
    return folderContents(path).filter { names.contains($0.key) }
}

/// The manifest's `checkpointSeq`, read as plain JSON.
public func checkpointSeq(_ path: String) throws -> Int? {
    let obj = try JSONSerialization.jsonObject(with: Data(try readBytes(path + "/" + Store.manifestName))) as? [String: Any]
    return obj?["checkpointSeq"] as? Int
}

public func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
