import Foundation
import Testing
@_exported import VRTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The end-to-end tests' own plumbing: the datasets by name, a private temp "world" per test, and the
// CLI run inside it (the process runner and paths are VRTestSupport's).

/// A private temp folder per test: the stores it makes, a fake HOME and XDG_DATA_HOME, and a working folder
/// that is not the checkout. Call `remove()` in a defer.
struct Sandbox {
    /// The sandbox's own temporary folder (the one kind every suite uses).
    let folder: TempFolder
    var root: URL { folder.url }
    var home: URL { root.appendingPathComponent("home") }
    var xdgDataHome: URL { root.appendingPathComponent("xdg-data") }
    var work: URL { root.appendingPathComponent("work") }

    init() throws {
        folder = try TempFolder("e2e")
        for d in [home, xdgDataHome, work] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    }

    func remove() { folder.remove() }

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
    func vrboard(
        _ arguments: [String], env extra: [String: String] = [:], includeXDG: Bool = true,
        cwd: URL? = nil, timeout: TimeInterval = 30
    ) throws -> RunResult {
        try runProcess(Paths.binary, arguments, environment: environment(extra, includeXDG: includeXDG), cwd: cwd ?? work, timeout: timeout)
    }

    /// `vrboard init <root>/<name> --dataset D`, required to succeed.
    func makeStore(_ dataset: Dataset, name: String = "store") throws -> URL {
        let dir = root.appendingPathComponent(name)
        let r = try vrboard(["init", dir.path, "--dataset", dataset.rawValue])
        guard r.status == 0 else { throw TestFailure("vrboard init failed: \(r)") }
        return dir
    }
}

/// Every regular file under `dir` (recursively), by relative path, with its bytes.
func snapshot(_ dir: URL) throws -> [String: [UInt8]] { folderContents(dir.path, recursive: true) }

/// Describes how two snapshots differ, or nil when they are identical.
func snapshotDifference(_ before: [String: [UInt8]], _ after: [String: [UInt8]]) -> String? {
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
        throw TestFailure("not JSON (\(error)):\n\(String(decoding: data.prefix(2000), as: UTF8.self))")
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
                params.unicodeScalars.append(scalars[j])
                j += 1
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
func poll<T>(
    _ what: String, timeout: TimeInterval = 10, probe: () throws -> T, until done: (T) -> Bool,
    show: (T) -> String = { "\($0)" }
) throws -> T {
    let deadline = Date().addingTimeInterval(timeout)
    var last = try probe()
    while !done(last) {
        if Date() >= deadline {
            throw TestFailure("timed out after \(Int(timeout)) s waiting for \(what); last seen:\n\(show(last))")
        }
        usleep(50_000)
        last = try probe()
    }
    return last
}
