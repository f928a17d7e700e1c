import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Shared plumbing for the end-to-end tests: where the built binary is, a private temp "world" per test,
// running the CLI with Foundation's Process, and a small tmux driver for the live board.

/// A failure that carries enough context (usually the last screen) to debug from the test log alone.
struct E2EFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Paths {
    /// `<package root>`, from this file's location: `<root>/Tests/EndToEndTests/Support.swift`.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `vrboard` executable built beside the test bundle (`swift test` runs
    /// `.build/<triple>/debug/vrboardPackageTests.xctest`), else `<root>/.build/debug/vrboard`.
    static let binary: URL = {
        let fm = FileManager.default
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let beside = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("vrboard")
            if fm.isExecutableFile(atPath: beside.path) { return beside }
        }
        return packageRoot.appendingPathComponent(".build/debug/vrboard")
    }()

    /// The tracked sample data; tests only ever read it.
    static let trackedData: URL = packageRoot.appendingPathComponent("data")

    static let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
}

enum Dataset: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case nnvru = "nnvru-2021-22"
    case wmvru = "wmvru-2021-22"
    var testDescription: String { rawValue }
    /// Text that appears in the header of every screen of this dataset.
    var areaName: String { self == .nnvru ? "Nottingham and Nottinghamshire" : "West Midlands" }
    var programmeName: String {
        self == .nnvru ? "Nottingham and Nottinghamshire Violence Reduction Unit" : "West Midlands Violence Reduction Unit"
    }
}

/// The outcome of one CLI run.
struct RunResult: CustomStringConvertible {
    let status: Int32
    let stdoutData: Data
    let stderrData: Data
    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    /// Non-empty lines of stderr.
    var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
    var description: String { "exit \(status)\n--- stdout ---\n\(stdout)\n--- stderr ---\n\(stderr)" }
}

/// Runs `executable` with exactly `environment` (nothing inherited), stdout/stderr captured through files so
/// large outputs cannot fill a pipe, stdin from /dev/null. A run that takes over `timeout` seconds is killed
/// and reported as a failure rather than hanging the suite.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String], cwd: URL,
                timeout: TimeInterval = 30) throws -> RunResult {
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
    p.environment = environment
    p.currentDirectoryURL = cwd
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(timeout)
    while p.isRunning && Date() < deadline { usleep(5_000) }
    if p.isRunning {
        p.terminate()
        p.waitUntilExit()
        try? out.close(); try? err.close()
        throw E2EFailure("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
    }
    p.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: p.terminationStatus,
                     stdoutData: try Data(contentsOf: outURL),
                     stderrData: try Data(contentsOf: errURL))
}

/// Runs a program with posix_spawn and waitpid, closing every inherited descriptor above stderr in the child.
/// For tmux: its client forks a long-lived server, and a server that inherited Foundation's per-Process
/// termination socket would keep `Process` waiting until the server exits. stdin is /dev/null; stdout and
/// stderr go to files.
func spawnAndWait(_ executable: URL, _ arguments: [String], environment: [String: String],
                  timeout: TimeInterval = 15) throws -> RunResult {
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
        throw E2EFailure("this libc lacks posix_spawn_file_actions_addclosefrom_np (glibc 2.34+ needed)")
    }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    #endif

    let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { for p in argv + envp { free(p) } }
    var pid = pid_t()
    let rc = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
    guard rc == 0 else { throw E2EFailure("posix_spawn \(executable.path) failed: \(String(cString: strerror(rc)))") }

    var status: Int32 = 0
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid { break }
        if r == -1 && errno != EINTR { throw E2EFailure("waitpid failed: \(String(cString: strerror(errno)))") }
        if Date() >= deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw E2EFailure("\(executable.lastPathComponent) \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        usleep(2_000)
    }
    let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return RunResult(status: exitStatus,
                     stdoutData: (try? Data(contentsOf: URL(fileURLWithPath: outPath))) ?? Data(),
                     stderrData: (try? Data(contentsOf: URL(fileURLWithPath: errPath))) ?? Data())
}

/// A private temp folder per test: the stores it makes, a fake HOME and XDG_DATA_HOME, and a working folder
/// that is not the checkout. Call `remove()` in a defer.
struct Sandbox {
    let root: URL
    var home: URL { root.appendingPathComponent("home") }
    var xdgDataHome: URL { root.appendingPathComponent("xdg-data") }
    var work: URL { root.appendingPathComponent("work") }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("vrboard-e2e-\(getpid())-\(UUID().uuidString.prefix(8))")
        for d in [root, root.appendingPathComponent("home"), root.appendingPathComponent("xdg-data"), root.appendingPathComponent("work")] {
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A clean environment for children: nothing of the real user's, no VRBOARD_* or NO_COLOR unless added.
    func environment(_ extra: [String: String] = [:], includeXDG: Bool = true) -> [String: String] {
        var env: [String: String] = [
            "PATH": Paths.searchPath,
            "HOME": home.path,
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TERM": "xterm-256color",
            "USER": "e2e",
            "LOGNAME": "e2e",
        ]
        if includeXDG { env["XDG_DATA_HOME"] = xdgDataHome.path }
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// Runs `vrboard ARGS` from the sandbox's working folder.
    @discardableResult
    func vrboard(_ arguments: [String], env extra: [String: String] = [:], includeXDG: Bool = true,
                 cwd: URL? = nil) throws -> RunResult {
        try runProcess(Paths.binary, arguments, environment: environment(extra, includeXDG: includeXDG), cwd: cwd ?? work)
    }

    /// `vrboard init <root>/<name> --dataset D`, required to succeed.
    func makeStore(_ dataset: Dataset, name: String = "store") throws -> URL {
        let dir = root.appendingPathComponent(name)
        let r = try vrboard(["init", dir.path, "--dataset", dataset.rawValue])
        guard r.status == 0 else { throw E2EFailure("vrboard init failed: \(r)") }
        return dir
    }
}

/// Every regular file under `dir` (recursively), by relative path, with its bytes.
func snapshot(_ dir: URL) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let fm = FileManager.default
    guard let e = fm.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return result }
    let base = dir.standardizedFileURL.path
    for case let url as URL in e {
        guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
        var rel = url.standardizedFileURL.path
        if rel.hasPrefix(base) { rel.removeFirst(base.count) }
        result[rel] = try Data(contentsOf: url)
    }
    return result
}

/// Describes how two snapshots differ, or nil when they are identical.
func snapshotDifference(_ before: [String: Data], _ after: [String: Data]) -> String? {
    var diffs: [String] = []
    for k in Set(before.keys).union(after.keys).sorted() {
        switch (before[k], after[k]) {
        case (nil, _): diffs.append("added \(k)")
        case (_, nil): diffs.append("removed \(k)")
        case let (a?, b?) where a != b: diffs.append("changed \(k) (\(a.count) -> \(b.count) bytes)")
        default: break
        }
    }
    return diffs.isEmpty ? nil : diffs.joined(separator: ", ")
}

/// Parses JSON from CLI output, failing with the text when it does not parse.
func parseJSON(_ data: Data) throws -> Any {
    do { return try JSONSerialization.jsonObject(with: data) } catch {
        throw E2EFailure("not JSON (\(error)):\n\(String(decoding: data.prefix(2000), as: UTF8.self))")
    }
}

/// Lines of a frame printed by `vrboard render` (one trailing newline is not an extra line).
func frameLines(_ text: String) -> [String] {
    var t = text
    if t.hasSuffix("\n") { t.removeLast() }
    return t.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
}

/// The SGR (ESC [ ... m) parameter lists in `text`.
func sgrSequences(_ text: String) -> [[Int]] {
    var result: [[Int]] = []
    let scalars = Array(text.unicodeScalars)
    var i = 0
    while i + 1 < scalars.count {
        if scalars[i] == "\u{1B}" && scalars[i + 1] == "[" {
            var j = i + 2
            var params = ""
            while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" || scalars[j] == ":" {
                params.unicodeScalars.append(scalars[j]); j += 1
            }
            if j < scalars.count && scalars[j] == "m" {
                result.append(params.split(whereSeparator: { $0 == ";" || $0 == ":" }).map { Int($0) ?? 0 })
            }
            i = j
        } else {
            i += 1
        }
    }
    return result
}

/// SGR parameters that set a foreground or background colour (39/49, "default colour", are not colours).
func colourParameters(_ text: String) -> [Int] {
    var found: [Int] = []
    for params in sgrSequences(text) {
        var k = 0
        while k < params.count {
            let p = params[k]
            switch p {
            case 30...37, 40...47, 90...97, 100...107: found.append(p)
            case 38, 48:
                found.append(p)
                // 38;5;n or 38;2;r;g;b: skip the colour's own numbers.
                if k + 1 < params.count { k += params[k + 1] == 5 ? 2 : (params[k + 1] == 2 ? 4 : 1) }
            default: break
            }
            k += 1
        }
    }
    return found
}

/// Single-quotes for /bin/sh.
func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

/// Polls `probe` every 50 ms until `done` holds or `timeout` passes; the failure message carries the last value.
func poll<T>(_ what: String, timeout: TimeInterval = 10, probe: () throws -> T, until done: (T) -> Bool,
             show: (T) -> String = { "\($0)" }) throws -> T {
    let deadline = Date().addingTimeInterval(timeout)
    var last = try probe()
    while !done(last) {
        if Date() >= deadline {
            throw E2EFailure("timed out after \(Int(timeout)) s waiting for \(what); last seen:\n\(show(last))")
        }
        usleep(50_000)
        last = try probe()
    }
    return last
}
