import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Runs `vrboard ARGS` in the sandbox with `input` on its standard input (the sandbox's runner gives /dev/null).
private func vrboard(_ box: Sandbox, _ arguments: [String], stdin input: Data) throws -> RunResult {
    let fm = FileManager.default
    let scratch = box.root.appendingPathComponent("run-\(UUID().uuidString.prefix(8))")
    try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout"),
        errURL = scratch.appendingPathComponent("stderr")
    try input.write(to: inURL)
    _ = fm.createFile(atPath: outURL.path, contents: nil)
    _ = fm.createFile(atPath: errURL.path, contents: nil)
    let inp = try FileHandle(forReadingFrom: inURL), out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let p = Process()
    p.executableURL = Paths.binary
    p.arguments = arguments
    p.environment = box.environment()
    p.currentDirectoryURL = box.work
    p.standardInput = inp
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let deadline = Date().addingTimeInterval(30)
    while p.isRunning && Date() < deadline { usleep(5_000) }
    if p.isRunning {
        p.terminate()
        p.waitUntilExit()
        throw TestFailure("vrboard \(arguments) did not finish within 30 s")
    }
    p.waitUntilExit()
    try inp.close()
    try out.close()
    try err.close()
    return RunResult(status: p.terminationStatus, stdoutData: try Data(contentsOf: outURL), stderrData: try Data(contentsOf: errURL))
}

private func controlBytes(_ d: Data) -> Int { d.filter { $0 == 0x1B || $0 == 0x07 }.count }

/// Line (1-based) and column (in characters) where `needle` first occurs in `text`.
private func position(of needle: String, in text: String) -> (line: Int, column: Int)? {
    guard let r = text.range(of: needle) else { return nil }
    let before = text[..<r.lowerBound]
    let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
    return (before.filter { $0 == "\n" }.count + 1, before[lineStart...].count + 1)
}

/// The byte ranges of a journal's complete lines.
private func journalLines(_ d: Data) -> [Range<Int>] {
    var out: [Range<Int>] = [], start = 0
    for (i, b) in d.enumerated() where b == 0x0A {
        out.append(start..<i)
        start = i + 1
    }
    return out
}

@Suite("CLI hardening")
struct HardeningCLITests {
    /// Exit 2, and exactly one line on stderr, starting `vrboard: error:`.
    static func expectUsageError(_ r: RunResult, mentioning fragments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "expected exit 2: \(r)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "expected one line on stderr: \(r)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("vrboard: error:"), "\(r)", sourceLocation: sourceLocation)
        #expect(r.stdout.isEmpty, "\(r)", sourceLocation: sourceLocation)
        for f in fragments { #expect(r.stderr.contains(f), "stderr should mention \(f): \(r)", sourceLocation: sourceLocation) }
    }

    // MARK: Bad usage

    enum BadUsage: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case exportPDF, ragWithoutNote, bogusOption, unknownCommand, unknownScreen, openUnknownScreen, badSize, zeroSize, badMeeting, impossibleDate
        var testDescription: String { rawValue }
        var arguments: [String] {
            switch self {
            case .exportPDF: ["export", "--format", "pdf"]
            case .ragWithoutNote: ["rag", "WS-1.1", "G"]
            case .bogusOption: ["--bogus"]
            case .unknownCommand: ["nope"]
            case .unknownScreen: ["render", "--screen", "nope"]
            case .openUnknownScreen: ["open", "--screen", "nope"]
            case .badSize: ["render", "--size", "wide"]
            case .zeroSize: ["render", "--size", "0x24"]
            case .badMeeting: ["export", "--meeting", "next week"]
            case .impossibleDate: ["render", "--meeting", "2021-02-30"]
            }
        }
        var mentions: [String] {
            switch self {
            case .exportPDF: ["pdf"]
            case .ragWithoutNote: ["--note"]
            case .bogusOption: ["--bogus"]
            case .unknownCommand: ["nope"]
            case .unknownScreen:
                [
                    "'nope' is invalid for '--screen <screen>'",
                    "'overview', 'workstreams', 'funding', 'risks', 'history', 'interventions' or 'outcomes'",
                ]
            case .openUnknownScreen: ["'nope' is invalid for '--screen <screen>'"]
            case .badSize: ["'wide' is invalid for '--size <COLSxROWS>'"]
            case .zeroSize: ["'0x24' is invalid for '--size <COLSxROWS>'"]
            case .badMeeting: ["'next week' is invalid for '--meeting <yyyy-mm-dd>'"]
            case .impossibleDate: ["'2021-02-30' is invalid for '--meeting <yyyy-mm-dd>'"]
            }
        }
    }

    @Test("bad usage exits 2 with one line on stderr, and changes nothing", arguments: BadUsage.allCases)
    func badUsage(_ bad: BadUsage) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let before = try snapshot(store)
        let r = try box.vrboard(bad.arguments + (bad == .bogusOption || bad == .unknownCommand ? [] : ["--store", store.path]))
        Self.expectUsageError(r, mentioning: bad.mentions)
        if bad == .unknownCommand { #expect(!r.stderr.contains("vrboard open"), "\(r)") }
        #expect(snapshotDifference(before, try snapshot(store)) == nil)
        #expect(!FileManager.default.fileExists(atPath: box.xdgDataHome.appendingPathComponent("vrboard").path), "bad usage created a store")
    }

    // MARK: Notes

    /// Four `vrboard rag` processes saving the same workstream at once, 15 saves each: a save overtaken
    /// by another is made again on the newer board, backing off, so every one is accepted and recorded.
    @Test("four writers on one workstream: every save is accepted, none refused for contention")
    func contentionBacksOffUntilSaved() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            for n in 0..<15 {
                let args = [
                    "rag", "WS-1.1", ["G", "A", "R"][(w + n) % 3], "--store", store.path, "--note", "writer \(w) save \(n)", "--user", "writer-\(w)",
                ]
                do {
                    let r = try box.vrboard(args)
                    if r.status != 0 { failures.add("writer \(w) save \(n): \(r)") }
                } catch { failures.add("writer \(w) save \(n): \(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
        let history = try box.vrboard(["history", "WS-1.1", "--store", store.path, "--limit", "100"])
        #expect(history.stdout.split(separator: "\n").filter { $0.contains("save ") }.count == 60, "\(history.stdout.prefix(600))")
        #expect(try box.vrboard(["validate", "--store", store.path]).status == 0)
    }

    /// A control character in an address (`%0A` decodes to a line break) is shown as its picture: the
    /// message stays one line and names what was wrong.
    @Test("an address holding a line break is refused in one line, the break shown as a picture")
    func addressControlCharacter() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.vrboard(["validate", "--store", "postgres://u@127.0.0.1:1/db?vru=n%0Anl"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("vru=n␊nl"), "\(r)")
    }

    @Test("rag reads its note from --note-file and from stdin (--note -)")
    func noteFromFileAndStdin() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let file = box.root.appendingPathComponent("note.txt")
        try Data("Analyst post filled.\nSNA refresh back on track.\n".utf8).write(to: file)
        let a = try box.vrboard(["rag", "WS-1.1", "G", "--note-file", file.path, "--user", "alice", "--store", store.path])
        #expect(a.status == 0, "\(a)")
        let b = try vrboard(
            box, ["rag", "WS-1.2", "R", "--note", "-", "--user", "bob", "--store", store.path], stdin: Data("Read from standard input\n".utf8))
        #expect(b.status == 0, "\(b)")

        let h = try box.vrboard(["history", "--format", "json", "--store", store.path])
        try #require(h.status == 0, "\(h)")
        let entries = try #require(try parseJSON(h.stdoutData) as? [[String: Any]])
        let byUser = Dictionary(entries.map { ($0["by"] as? String ?? "", $0["note"] as? String ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(
            byUser["alice"]?.hasSuffix("Analyst post filled.\nSNA refresh back on track.") == true,
            "the file's text, its last newline dropped: \(byUser)")
        #expect(byUser["bob"]?.hasSuffix("Read from standard input") == true, "\(byUser)")
        #expect(try box.vrboard(["validate", "--store", store.path]).status == 0)
    }

    /// The one rule for tabs, on each path: a tab is whitespace, stored as four spaces in a note (as the
    /// board stores a pasted one) and one in a name; one written by hand in a file passes validate.
    @Test("a tab is whitespace on every path: rag --note-file, --note, reach, --user, and a file written by hand")
    func tabsAreWhitespace() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let file = box.root.appendingPathComponent("note.txt")
        try Data("Pasted from Excel:\tQ2\t41 referrals\n".utf8).write(to: file)
        let a = try box.vrboard(["rag", "WM-01", "A", "--note-file", file.path, "--user", "Alice\tSmith", "--store", store.path])
        #expect(a.status == 0, "\(a)")
        let b = try box.vrboard(["rag", "WM-02", "A", "--note", "Word\tsays so", "--store", store.path])
        #expect(b.status == 0, "\(b)")
        let h = try box.vrboard(["history", "--format", "json", "--limit", "2", "--store", store.path])
        let entries = try #require(try parseJSON(h.stdoutData) as? [[String: Any]])
        let notes = entries.compactMap { $0["note"] as? String }
        #expect(notes.contains { $0.hasSuffix("Pasted from Excel:    Q2    41 referrals") }, "\(notes)")
        #expect(notes.contains { $0.hasSuffix("Word    says so") }, "\(notes)")
        #expect(entries.contains { $0["by"] as? String == "Alice Smith" }, "\(entries.map { $0["by"] ?? "" })")
        #expect(!h.stdout.contains("\\t"), "no tab stored")
        // A title with a tab written by hand into the snapshot: sound, and drawn with a space.
        let ws = store.appendingPathComponent("workstreams.json")
        let text = try String(contentsOf: ws, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"Faith Alliance", with: "\"Faith\\tAlliance").utf8).write(to: ws)
        #expect(text.contains("\"Faith Alliance"))
        let v = try box.vrboard(["validate", store.path])
        #expect(v.status == 0, "\(v)")
        let frame = try box.vrboard(["render", store.path, "--screen", "workstreams", "--size", "160x40"])
        #expect(frame.status == 0 && !frame.stdout.contains("\t"), "\(frame)")
    }

    enum BadNote: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case tooLongFile, tooLongStdin, escape
        var testDescription: String { rawValue }
    }

    @Test("an over-long note or one holding ESC is refused with exit 2, naming why", arguments: BadNote.allCases)
    func badNote(_ bad: BadNote) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let before = try snapshot(store)
        let long = String(repeating: "x", count: 131_072)
        let r: RunResult
        switch bad {
        case .tooLongFile:
            let file = box.root.appendingPathComponent("long.txt")
            try Data(long.utf8).write(to: file)
            r = try box.vrboard(["rag", "WS-1.1", "R", "--note-file", file.path, "--store", store.path])
        case .tooLongStdin:
            r = try vrboard(box, ["rag", "WS-1.1", "R", "--note", "-", "--store", store.path], stdin: Data(long.utf8))
        case .escape:
            r = try box.vrboard(["rag", "WS-1.1", "R", "--note", "Fine \u{1B}]2;PWNED\u{07} note", "--store", store.path])
        }
        Self.expectUsageError(r, mentioning: bad == .escape ? ["U+001B"] : ["10,000"])
        #expect(controlBytes(r.stderrData) == 0, "the refusal echoed a control byte")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "a refused note changed the store")
    }

    // MARK: Control characters in the store

    @Test("ESC and BEL in a title and a journal note never reach stdout; validate places them")
    func controlCharactersInTheStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let r = try box.vrboard(["rag", "WS-2.1", "R", "--note", "CLEANNOTE", "--user", "alice", "--store", store.path])
        try #require(r.status == 0, "\(r)")

        // The journal note, patched to hold an OSC title sequence (as JSON escapes).
        let journal = store.appendingPathComponent("journal.jsonl")
        var jtext = try String(contentsOf: journal, encoding: .utf8)
        try #require(jtext.contains("CLEANNOTE"))
        jtext = jtext.replacingOccurrences(of: "CLEANNOTE", with: "\\u001b]2;PWNED\\u0007")
        try jtext.write(to: journal, atomically: false, encoding: .utf8)
        let notePosition = try #require(position(of: "\\u001b]2;PWNED", in: jtext))

        // WS-1.1's title, written into the snapshot.
        let wsFile = store.appendingPathComponent("workstreams.json")
        var lines = try String(contentsOf: wsFile, encoding: .utf8).components(separatedBy: "\n")
        let idLine = try #require(lines.firstIndex { $0.contains("\"id\" : \"WS-1.1\"") })
        let titleLine = try #require(lines[idLine...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"title\" : ") })
        let indent = String(lines[titleLine].prefix { $0 == " " })
        lines[titleLine] = indent + "\"title\" : \"Evil \\u001b]2;PWNED\\u0007 title\"" + (lines[titleLine].hasSuffix(",") ? "," : "")
        try lines.joined(separator: "\n").write(to: wsFile, atomically: false, encoding: .utf8)
        let titleColumn = indent.count + "\"title\" : ".count + 1

        var runs: [(String, RunResult)] = []
        for args in [
            ["history"], ["history", "--format", "json"], ["export", "--format", "md"], ["export", "--format", "json"],
            ["export", "--format", "html"], ["render", "--size", "120x36"], ["render", "--size", "120x36", "--priority", "P1"],
            ["render", "--size", "120x36", "--screen", "history"],
        ] {
            runs.append((args.joined(separator: " "), try box.vrboard(args + ["--store", store.path])))
        }
        for screen in ["workstreams", "funding", "risks"] {
            runs.append(("render \(screen)", try box.vrboard(["render", "--size", "120x36", "--screen", screen, "--store", store.path])))
        }
        for (name, run) in runs {
            #expect(run.status == 0, "\(name): \(run)")
            #expect(controlBytes(run.stdoutData) == 0, "\(name): ESC or BEL on stdout")
            #expect(controlBytes(run.stderrData) == 0, "\(name): ESC or BEL on stderr")
        }
        let shown = Dictionary(runs.map { ($0.0, $0.1.stdout) }, uniquingKeysWith: { a, _ in a })
        #expect(shown["history"]?.contains("␛]2;PWNED␇") == true, "the note is shown, as pictures")
        #expect(shown["render --size 120x36 --priority P1"]?.contains("PWNED") == true)
        #expect(shown["export --format md"].map(markdownShown)?.contains("Evil ␛]2;PWNED␇ title") == true)
        // JSON keeps the value exactly, escaped.
        let doc = try #require(try parseJSON(Data((shown["export --format json"] ?? "").utf8)) as? [String: Any])
        let ws = (doc["workstreams"] as? [[String: Any]])?.first { $0["id"] as? String == "WS-1.1" }
        #expect(ws?["title"] as? String == "Evil \u{1B}]2;PWNED\u{07} title")
        let history = try #require(try parseJSON(Data((shown["history --format json"] ?? "").utf8)) as? [[String: Any]])
        #expect((history.first?["note"] as? String)?.contains("\u{1B}]2;PWNED\u{07}") == true)

        let v = try box.vrboard(["validate", "--store", store.path])
        #expect(v.status == 1, "\(v)")
        #expect(controlBytes(v.stderrData) == 0)
        let locations = try CLITests.problemLocations(v, store: store)
        #expect(
            locations.contains { $0.file == "workstreams.json" && $0.line == titleLine + 1 && $0.column == titleColumn },
            "expected workstreams.json:\(titleLine + 1):\(titleColumn): \(v)")
        #expect(locations.contains { $0.file == "journal.jsonl" && $0.line == notePosition.line }, "\(v)")
        #expect(v.stderrLines.contains { $0.contains("workstreams.json") && $0.contains("title") && $0.contains("U+001B") }, "\(v)")
    }

    // MARK: validate and repair

    @Test("validate: a torn last line that was never acknowledged is a warning, exit 0")
    func validateTornTail() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        for (id, rating) in [("WS-1.1", "R"), ("WS-1.2", "G")] {
            let r = try box.vrboard(["rag", id, rating, "--note", "Change to \(id)", "--store", store.path])
            try #require(r.status == 0, "\(r)")
        }
        let journal = try FileHandle(forWritingTo: store.appendingPathComponent("journal.jsonl"))
        try journal.seekToEnd()
        try journal.write(contentsOf: Data("{\"at\":\"2021-11-03T10:00:00Z\",\"baseR".utf8))
        try journal.close()
        let before = try snapshot(store)
        let v = try box.vrboard(["validate", "--store", store.path])
        #expect(v.status == 0, "\(v)")
        #expect(v.stdout.contains("sound") && v.stdout.contains("1 warning"), "\(v)")
        #expect(v.stderrLines.count == 1, "\(v)")
        #expect(v.stderr.contains("journal.jsonl:3:1") && v.stderr.contains("warning"), "\(v)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "validate changed the store")
    }

    @Test("repair --dry-run changes no byte; repair keeps a backup and leaves a sound store")
    func repairDryThenReal() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        for (id, rating) in [("WS-1.1", "R"), ("WS-2.1", "G"), ("WS-3.1", "A")] {
            let r = try box.vrboard(["rag", id, rating, "--note", "Change to \(id)", "--store", store.path])
            try #require(r.status == 0, "\(r)")
        }
        let journal = store.appendingPathComponent("journal.jsonl")
        var bytes = try Data(contentsOf: journal)
        let second = journalLines(bytes)[1]
        bytes[second.lowerBound + second.count / 2] = 0xFF
        try bytes.write(to: journal)
        let damaged = try snapshot(store)
        let refused = try box.vrboard(["rag", "WS-4.1", "G", "--note", "Refused", "--store", store.path])
        #expect(refused.status == 1, "a writer never appends to a journal that does not check: \(refused)")
        #expect(refused.stderr.contains("journal.jsonl:2:") && refused.stderr.contains("vrboard repair"), "\(refused)")
        #expect(try box.vrboard(["validate", "--store", store.path]).status == 1)

        let dry = try box.vrboard(["repair", "--dry-run", "--store", store.path])
        #expect(dry.status == 0, "\(dry)")
        #expect(dry.stdout.contains("would remove journal.jsonl line 2"), "\(dry)")
        #expect(dry.stdout.contains("Dry run: nothing was changed."), "\(dry)")
        #expect(snapshotDifference(damaged, try snapshot(store)) == nil, "a dry run changed the store")
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.path).allSatisfy { !$0.hasPrefix("backup-") })

        let real = try box.vrboard(["repair", "--store", store.path])
        #expect(real.status == 0, "\(real)")
        #expect(real.stdout.contains("removed journal.jsonl line 2"), "\(real)")
        let backups = try FileManager.default.contentsOfDirectory(atPath: store.path).filter { $0.hasPrefix("backup-repair-") }
        try #require(backups.count == 1, "\(backups)")
        #expect(real.stdout.contains(backups[0]), "repair says where the backup is: \(real)")
        let backup = try snapshot(store.appendingPathComponent(backups[0]))
        #expect(
            backup["journal.jsonl"] != nil && backup["journal.jsonl"] == damaged["journal.jsonl"], "the backup holds the damaged journal as it was")
        #expect(backup["workstreams.json"] == damaged["workstreams.json"])

        let v = try box.vrboard(["validate", "--store", store.path])
        #expect(v.status == 0, "\(v)")
        #expect(v.stdout.contains("sound"), "\(v)")
        let after = try box.vrboard(["rag", "WS-4.1", "G", "--note", "After the repair", "--store", store.path])
        #expect(after.status == 0, "\(after)")
        #expect(after.stdout.contains("change #4"), "\(after)")
    }

    // MARK: Paths that are not store folders

    @Test("--store naming a file says it is a file, not a store folder")
    func storeIsAFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let file = box.root.appendingPathComponent("plain.txt")
        try Data("not a store\n".utf8).write(to: file)
        for args in [["history"], ["render"], ["rag", "WS-1.1", "R", "--note", "x"], ["validate"]] {
            let r = try box.vrboard(args + ["--store", file.path])
            #expect(r.status == 1, "\(args): \(r)")
            #expect(r.stderrLines.count == 1, "\(args): \(r)")
            #expect(r.stderr.contains("is a file, not a store folder"), "\(args): \(r)")
            #expect(r.stderr.components(separatedBy: file.path).count == 2, "\(args): the path is named once, not repeated: \(r)")
        }
        #expect(try Data(contentsOf: file) == Data("not a store\n".utf8))
    }

    @Test("init on a dangling symbolic link says so and creates nothing")
    func initOnDanglingLink() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let missing = box.root.appendingPathComponent("missing")
        let link = box.root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: missing)
        let r = try box.vrboard(["init", link.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderrLines.count == 1, "\(r)")
        #expect(r.stderr.contains("symbolic link") && r.stderr.contains("does not exist"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: missing.path), "init created the link's target")
    }

    // MARK: Permissions

    /// Why uid 65534 cannot reach `path` (every folder above it searchable by others, the file readable,
    /// and executable if asked), or nil when it can.
    private static func unreachableByOthers(_ path: String, execute: Bool) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return "\(path) does not exist" }
        if st.st_mode & S_IROTH == 0 || (execute && st.st_mode & S_IXOTH == 0) { return "\(path) is mode \(String(st.st_mode & 0o7777, radix: 8))" }
        var dir = (path as NSString).deletingLastPathComponent
        while dir != "/" && !dir.isEmpty {
            guard stat(dir, &st) == 0, st.st_mode & S_IXOTH != 0 else { return "\(dir) cannot be searched by others" }
            dir = (dir as NSString).deletingLastPathComponent
        }
        return nil
    }

    @Test("a store the user cannot rewrite: saves land with a warning, reading works, no lock is left behind")
    func unwritableStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // Root ignores file modes, so as root the binary runs as nobody (uid 65534).
        var runner: [String] = []
        if getuid() == 0 {
            let setpriv = "/usr/bin/setpriv"
            guard FileManager.default.isExecutableFile(atPath: setpriv) else {
                print("unwritableStore: skipped: running as root and \(setpriv) is missing")
                return
            }
            if let why = Self.unreachableByOthers(Paths.binary.path, execute: true)
                ?? Self.unreachableByOthers(Paths.data.appendingPathComponent("nnvru-2021-22/vrboard.json").path, execute: false)
            {
                print("unwritableStore: skipped: uid 65534 cannot run the binary or read the datasets: \(why)")
                return
            }
            runner = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        func run(_ args: [String]) throws -> RunResult {
            guard let tool = runner.first else { return try box.vrboard(args) }
            return try runProcess(
                URL(fileURLWithPath: tool), Array(runner.dropFirst()) + [Paths.binary.path] + args,
                environment: box.environment(), cwd: box.work)
        }
        if !runner.isEmpty {
            let probe = try run(["--version"])
            guard probe.status == 0 else {
                print("unwritableStore: skipped: the binary does not run as uid 65534: \(probe)")
                return
            }
        }
        let shared = box.root.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true)
        #expect(chmod(box.root.path, 0o755) == 0 && chmod(shared.path, 0o777) == 0)
        let store = shared.appendingPathComponent("store")
        let fresh = shared.appendingPathComponent("fresh")
        defer {
            // Writable again, so the sandbox can be removed by a non-root user.
            for dir in [store, fresh] {
                _ = chmod(dir.path, 0o755)
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] {
                    _ = chmod(dir.appendingPathComponent(name).path, 0o644)
                }
            }
        }
        let made = try run(["init", store.path])
        try #require(made.status == 0, "\(made)")
        let first = try run(["rag", "WS-1.1", "R", "--note", "While the folder was writable", "--user", "alice", "--store", store.path])
        try #require(first.status == 0, "\(first)")
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent(".vrboard.lock").path))

        // The folder read-only: snapshots cannot be replaced, but the journal can still be appended to.
        try #require(chmod(store.path, 0o555) == 0)
        let second = try run(["rag", "WS-1.2", "G", "--note", "With the folder read-only", "--user", "bob", "--store", store.path])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("change #2"), "\(second)")
        #expect(second.stderr.contains("warning") && second.stderr.contains("could not be rewritten"), "\(second)")
        let history = try run(["history", "--store", store.path])
        #expect(history.status == 0, "\(history)")
        #expect(history.stdout.contains("With the folder read-only"), "\(history)")

        // Every file read-only too: reading still works.
        for name in try FileManager.default.contentsOfDirectory(atPath: store.path) {
            try #require(chmod(store.appendingPathComponent(name).path, 0o444) == 0)
        }
        let frame = try run(["render", "--size", "100x30", "--store", store.path])
        #expect(frame.status == 0, "\(frame)")
        #expect(frame.stdout.contains("Nottingham"), "\(frame)")
        let again = try run(["history", "--store", store.path])
        #expect(again.stdout.contains("With the folder read-only"), "\(again)")

        // A fresh store (no lock file yet) that cannot be written: the refused writer leaves nothing behind.
        let madeFresh = try run(["init", fresh.path])
        try #require(madeFresh.status == 0, "\(madeFresh)")
        for name in try FileManager.default.contentsOfDirectory(atPath: fresh.path) {
            try #require(chmod(fresh.appendingPathComponent(name).path, 0o444) == 0)
        }
        try #require(chmod(fresh.path, 0o555) == 0)
        let before = try snapshot(fresh)
        let refused = try run(["rag", "WS-1.1", "R", "--note", "Cannot be saved", "--store", fresh.path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderrLines.count == 1, "\(refused)")
        #expect(refused.stderr.contains("ermission denied"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: fresh.appendingPathComponent(".vrboard.lock").path), "a refused writer left its lock file")
        #expect(snapshotDifference(before, try snapshot(fresh)) == nil)
        let readable = try run(["render", "--size", "100x30", "--store", fresh.path])
        #expect(readable.status == 0, "\(readable)")
    }
}

/// What concurrent runs report, gathered under a lock.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}
