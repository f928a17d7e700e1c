import Foundation
import Testing

/// The one-shot commands, run as a user would: the built binary, a temp store, a clean environment.
@Suite("CLI")
struct CLITests {
    static let storeFiles = [
        "vrboard.json", "programme.json", "funding.json", "members.json", "priorities.json",
        "workstreams.json", "risks.json", "journal.jsonl",
    ]

    /// One line on stderr, no Swift crash report or backtrace.
    static func expectOneCleanErrorLine(
        _ r: RunResult, mentioning fragment: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(r.status != 0, "expected failure: \(r)", sourceLocation: sourceLocation)
        #expect(r.stderrLines.count == 1, "expected exactly one line on stderr: \(r)", sourceLocation: sourceLocation)
        for marker in ["Fatal error", "Stack dump", "backtrace", "Current stack trace", "Crash"] {
            #expect(!r.stderr.contains(marker), "stderr looks like a crash: \(r)", sourceLocation: sourceLocation)
        }
        if let fragment {
            #expect(r.stderr.contains(fragment), "stderr should mention \(fragment): \(r)", sourceLocation: sourceLocation)
        }
    }

    // MARK: init

    @Test("init creates a sound store from each bundled dataset", arguments: Dataset.allCases)
    func initCreatesStore(_ dataset: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = box.root.appendingPathComponent("fresh")
        let r = try box.vrboard(["init", dir.path, "--dataset", dataset.rawValue])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains(dir.path), "init should say where the store is: \(r)")
        for f in Self.storeFiles {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(f).path), "missing \(f)")
        }

        let v = try box.vrboard(["validate", "--store", dir.path])
        #expect(v.status == 0 && v.stdout.contains("sound"), "\(v)")

        let e = try box.vrboard(["export", "--format", "json", "--store", dir.path])
        try #require(e.status == 0, "\(e)")
        let doc = try #require(try parseJSON(e.stdoutData) as? [String: Any])
        let programme = try #require(doc["programme"] as? [String: Any])
        #expect(programme["name"] as? String == dataset.programmeName)
        // The store holds the dataset's workstreams, all of them.
        let tracked =
            try parseJSON(
                Data(
                    contentsOf: Paths.data
                        .appendingPathComponent(dataset.rawValue).appendingPathComponent("workstreams.json"))) as? [String: Any]
        let trackedCount = try #require((tracked?["documents"] as? [Any])?.count)
        let exported = try #require(doc["workstreams"] as? [[String: Any]])
        #expect(exported.count == trackedCount)
        #expect(trackedCount > 0)
    }

    @Test("init into an existing store refuses and changes nothing", arguments: Dataset.allCases)
    func initRefusesExistingStore(_ second: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        // Make the store differ from a fresh copy, so a silent re-init would show.
        let rag = try box.vrboard(["rag", "WS-1.1", "R", "--note", "Before re-init", "--user", "alice", "--store", store.path])
        try #require(rag.status == 0, "\(rag)")
        let before = try snapshot(store)

        let r = try box.vrboard(["init", store.path, "--dataset", second.rawValue])
        Self.expectOneCleanErrorLine(r)
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "init changed an existing store")
    }

    @Test("init with an unknown dataset fails with one clear line and creates nothing")
    func initUnknownDataset() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = box.root.appendingPathComponent("never")
        let r = try box.vrboard(["init", dir.path, "--dataset", "lbvru-1999-00"])
        Self.expectOneCleanErrorLine(r, mentioning: "lbvru-1999-00")
        #expect(!FileManager.default.fileExists(atPath: dir.path), "a folder was created for an unknown dataset")
    }

    @Test("the bundled datasets are found from any working folder")
    func datasetsFoundFromOtherWorkingFolder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        // cwd is an empty temp folder with no data/ in it or above it.
        let r = try box.vrboard(["init", "relative-store", "--dataset", "wmvru-2021-22"], cwd: box.work)
        #expect(r.status == 0, "\(r)")
        let store = box.work.appendingPathComponent("relative-store")
        #expect(FileManager.default.fileExists(atPath: store.appendingPathComponent("vrboard.json").path))
        let frame = try box.vrboard(["render", "--store", "relative-store", "--size", "100x30", "--color", "never"], cwd: box.work)
        #expect(frame.status == 0 && frame.stdout.contains("West Midlands"), "\(frame)")
    }

    // MARK: validate

    @Test("validate passes a fresh store", arguments: Dataset.allCases)
    func validateFresh(_ dataset: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(dataset)
        let r = try box.vrboard(["validate", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("sound"), "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
    }

    /// Every stderr line must read `<store>/<file>:<line>:<column>: <reason>`; returns (file, line, column).
    static func problemLocations(
        _ r: RunResult, store: URL,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> [(file: String, line: Int, column: Int)] {
        let pattern = try Regex(
            "^" + NSRegularExpression.escapedPattern(for: store.path)
                + #"/([A-Za-z0-9_.-]+):([0-9]+):([0-9]+): \S.*$"#)
        var result: [(String, Int, Int)] = []
        for line in r.stderrLines {
            guard let m = line.wholeMatch(of: pattern),
                let file = m[1].substring, let l = m[2].substring.flatMap({ Int($0) }),
                let c = m[3].substring.flatMap({ Int($0) })
            else {
                Issue.record("not of the form <store>/<file>:<line>:<column>: <reason>: \(line)", sourceLocation: sourceLocation)
                continue
            }
            result.append((String(file), l, c))
        }
        return result
    }

    @Test("validate reports a truncated file as file:line:column and changes nothing")
    func validateTruncated() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let ws = store.appendingPathComponent("workstreams.json")
        let truncated = try Data(contentsOf: ws).prefix(500)
        try truncated.write(to: ws)
        let before = try snapshot(store)

        let r = try box.vrboard(["validate", "--store", store.path])
        #expect(r.status != 0, "\(r)")
        #expect(!r.stdout.contains("sound"), "\(r)")
        #expect(!r.stderrLines.isEmpty, "\(r)")
        let locations = try Self.problemLocations(r, store: store)
        let truncatedLines = String(decoding: truncated, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(locations.contains { $0.file == "workstreams.json" }, "\(r)")
        for loc in locations where loc.file == "workstreams.json" {
            #expect((1...truncatedLines).contains(loc.line), "line \(loc.line) is outside the \(truncatedLines)-line file")
            #expect(loc.column >= 1)
        }
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "validate changed the store")
    }

    @Test("validate points at a string where a rev number should be, and changes nothing")
    func validateBadRev() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let ws = store.appendingPathComponent("workstreams.json")
        var lines = try String(contentsOf: ws, encoding: .utf8).components(separatedBy: "\n")
        // Corrupt the second workstream's rev.
        let revLines = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("\"rev\"") }
        try #require(revLines.count >= 2)
        let target = revLines[1]
        let original = lines[target]
        let replacement = original.replacingOccurrences(of: #"([0-9]+)"#, with: "\"two\"", options: .regularExpression)
        try #require(replacement != original)
        lines[target] = replacement
        try lines.joined(separator: "\n").write(to: ws, atomically: false, encoding: .utf8)
        let before = try snapshot(store)

        let r = try box.vrboard(["validate", "--store", store.path])
        #expect(r.status != 0, "\(r)")
        let locations = try Self.problemLocations(r, store: store)
        #expect(locations.count >= 1, "\(r)")
        let keyColumn = replacement.distance(from: replacement.startIndex, to: replacement.range(of: "\"rev\"")!.lowerBound) + 1
        let valueColumn = replacement.distance(from: replacement.startIndex, to: replacement.range(of: "\"two\"")!.lowerBound) + 1
        #expect(
            locations.contains {
                $0.file == "workstreams.json" && $0.line == target + 1
                    && (keyColumn...valueColumn).contains($0.column)
            },
            "expected workstreams.json:\(target + 1):\(keyColumn)-\(valueColumn); got \(r)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "validate changed the store")
    }

    @Test("validate reports an empty file")
    func validateEmptyFile() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        try Data().write(to: store.appendingPathComponent("risks.json"))
        let before = try snapshot(store)
        let r = try box.vrboard(["validate", "--store", store.path])
        #expect(r.status != 0, "\(r)")
        let locations = try Self.problemLocations(r, store: store)
        #expect(locations.contains { $0.file == "risks.json" && $0.line == 1 }, "\(r)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil)
    }

    // MARK: rag, history, export

    @Test("rag records a change that history and export show")
    func ragHistoryExport() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let note = "Analyst post vacant since May; SNA refresh delayed"

        let first = try box.vrboard(["rag", "WS-1.1", "R", "--note", "Data sharing agreement lapsed", "--user", "bob", "--store", store.path])
        try #require(first.status == 0, "\(first)")
        let r = try box.vrboard(["rag", "WS-1.1", "A/R", "--note", note, "--user", "alice", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("WS-1.1") && r.stdout.contains("A/R") && r.stdout.contains("alice"), "rag should print the change: \(r)")

        // Text history, newest first.
        let h = try box.vrboard(["history", "WS-1.1", "--store", store.path])
        try #require(h.status == 0, "\(h)")
        let lines = h.stdout.split(separator: "\n").map(String.init)
        try #require(lines.count == 2, "expected the two changes to WS-1.1: \(h)")
        #expect(lines[0].contains("alice") && lines[0].contains(note) && lines[0].contains("WS-1.1"), "\(h)")
        #expect(lines[1].contains("bob") && lines[1].contains("Data sharing agreement lapsed"), "\(h)")

        // A change to another workstream is not in WS-1.1's history, but is in the whole journal.
        let other = try box.vrboard(["rag", "WS-2.3", "G", "--note", "Schools programme delivered", "--user", "carol", "--store", store.path])
        try #require(other.status == 0, "\(other)")
        let h2 = try box.vrboard(["history", "WS-1.1", "--store", store.path])
        #expect(!h2.stdout.contains("carol"), "\(h2)")
        let all = try box.vrboard(["history", "--store", store.path])
        #expect(all.stdout.split(separator: "\n").first?.contains("carol") == true, "\(all)")

        // JSON history parses; the newest entry is alice's.
        let hj = try box.vrboard(["history", "WS-1.1", "--format", "json", "--store", store.path])
        try #require(hj.status == 0, "\(hj)")
        let entries = try #require(try parseJSON(hj.stdoutData) as? [[String: Any]])
        try #require(entries.count == 2, "\(hj)")
        let seqs = entries.compactMap { $0["seq"] as? Int }
        #expect(seqs.count == 2 && seqs == seqs.sorted(by: >), "newest first: \(seqs)")
        let newest = try #require(entries.max { ($0["seq"] as? Int ?? 0) < ($1["seq"] as? Int ?? 0) })
        #expect(newest["by"] as? String == "alice")
        #expect((newest["note"] as? String)?.contains(note) == true)
        #expect(entries.first?["by"] as? String == "alice")

        // Export parses; WS-1.1 is amber-red with the note in its history.
        let e = try box.vrboard(["export", "--format", "json", "--store", store.path])
        try #require(e.status == 0, "\(e)")
        let doc = try #require(try parseJSON(e.stdoutData) as? [String: Any])
        let ws = try #require((doc["workstreams"] as? [[String: Any]])?.first { $0["id"] as? String == "WS-1.1" })
        #expect(ws["inYear"] as? String == "amber-red")
        let history = try #require(ws["history"] as? [[String: Any]])
        #expect(
            history.contains { $0["comment"] as? String == note && $0["by"] as? String == "alice" && $0["to"] as? String == "amber-red" },
            "export history: \(history)")

        // The store is still sound after the writes.
        let v = try box.vrboard(["validate", "--store", store.path])
        #expect(v.status == 0, "\(v)")
    }

    enum BadRag: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case badRating, unknownWorkstream, emptyNote, blankNote
        var testDescription: String { rawValue }
        var arguments: [String] {
            switch self {
            case .badRating: ["rag", "WS-1.2", "purple", "--note", "Looks bad"]
            case .unknownWorkstream: ["rag", "WS-9.9", "A", "--note", "No such thing"]
            case .emptyNote: ["rag", "WS-1.2", "R", "--note", ""]
            case .blankNote: ["rag", "WS-1.2", "R", "--note", "   "]
            }
        }
        var mentions: String? {
            switch self {
            case .badRating: "purple"
            case .unknownWorkstream: "WS-9.9"
            case .emptyNote, .blankNote: nil
            }
        }
    }

    @Test("rag refuses bad input with one line and leaves the journal byte-for-byte unchanged", arguments: BadRag.allCases)
    func ragRefuses(_ bad: BadRag) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        // A journal with something in it already.
        let ok = try box.vrboard(["rag", "WS-1.1", "A/R", "--note", "Baseline change", "--user", "alice", "--store", store.path])
        try #require(ok.status == 0, "\(ok)")
        let journal = store.appendingPathComponent("journal.jsonl")
        let journalBefore = try Data(contentsOf: journal)
        #expect(!journalBefore.isEmpty)
        let before = try snapshot(store)

        let r = try box.vrboard(bad.arguments + ["--user", "mallory", "--store", store.path])
        Self.expectOneCleanErrorLine(r, mentioning: bad.mentions)
        #expect(try Data(contentsOf: journal) == journalBefore, "the journal changed")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "the store changed")
    }

    /// `history --help` documents `--format <format>  text or json.`; text must be accepted and equal the default.
    @Test("history --format text is accepted, as its help says")
    func historyFormatText() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let ok = try box.vrboard(["rag", "WS-1.1", "A/R", "--note", "Text format check", "--user", "alice", "--store", store.path])
        try #require(ok.status == 0, "\(ok)")
        let help = try box.vrboard(["history", "--help"])
        #expect(help.stdout.contains("text or json"))
        let plain = try box.vrboard(["history", "--store", store.path])
        let text = try box.vrboard(["history", "--format", "text", "--store", store.path])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout == plain.stdout, "\(text)")
    }

    /// The reference README points to: every topic prints, `keys` with the table generated from the keymap.
    @Test("vrboard help TOPIC prints each reference topic; help COMMAND is still the command's help")
    func helpTopics() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let list = try box.vrboard(["help", "topics"])
        #expect(list.status == 0)
        for topic in ["screens", "keys", "commands", "postgres", "config", "data", "benchmark", "architecture"] {
            #expect(list.stdout.contains("  \(topic)"), "\(list.stdout)")
            let r = try box.vrboard(["help", topic])
            #expect(r.status == 0 && r.stdout.split(separator: "\n").count > 5, "\(topic): \(r)")
        }
        let keys = try box.vrboard(["keys"])
        #expect(try box.vrboard(["help", "keys"]).stdout.contains(keys.stdout.trimmingCharacters(in: .newlines)))
        #expect(try box.vrboard(["help", "rag"]).stdout.contains("USAGE: vrboard rag"))
    }

    /// A VRU's own board written by hand as JSON (the files data/ holds) becomes a store, checked whole
    /// first: a sound folder gives the same board as the shipped dataset; one bad field creates nothing
    /// and names its place.
    @Test("init --from a folder of hand-written JSON: checked whole, created only when sound")
    func initFromHandWrittenJSON() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let hand = box.root.appendingPathComponent("hand")
        try FileManager.default.createDirectory(at: hand, withIntermediateDirectories: true)
        let source = Paths.data.appendingPathComponent(Dataset.wmvru.rawValue)
        for f in try FileManager.default.contentsOfDirectory(atPath: source.path) where f.hasSuffix(".json") && f != "vrboard.json" {
            try FileManager.default.copyItem(at: source.appendingPathComponent(f), to: hand.appendingPathComponent(f))
        }
        let made = box.root.appendingPathComponent("made").path
        let r = try box.vrboard(["init", made, "--from", hand.path])
        #expect(r.status == 0, "\(r)")
        let shipped = try box.makeStore(.wmvru, name: "shipped").path
        #expect(try box.vrboard(["export", made, "--format", "json"]).stdout == box.vrboard(["export", shipped, "--format", "json"]).stdout)

        let ws = hand.appendingPathComponent("workstreams.json")
        let text = try String(contentsOf: ws, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"title\" : \"Faith Alliance\"", with: "\"title\" : \"Faith Alliance\", \"colour\" : \"red\"").utf8)
            .write(to: ws)
        let bad = box.root.appendingPathComponent("bad").path
        let refused = try box.vrboard(["init", bad, "--from", hand.path])
        #expect(
            refused.status == 1 && refused.stderr.contains("workstreams.json:") && refused.stderr.contains("`colour` is not a field"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: bad), "nothing was created")
        try FileManager.default.removeItem(at: hand.appendingPathComponent("programme.json"))
        let noProgramme = try box.vrboard(["init", bad, "--from", hand.path])
        #expect(noProgramme.status == 1 && noProgramme.stderr.contains("has no programme.json"), "\(noProgramme)")
    }

    /// The manual page is made from the reference topics and the keymap: roff with every topic as a
    /// section and every key's id, and no text line roff would take for a request.
    @Test("vrboard help man prints the manual page: every topic, every key, escaped")
    func manualPage() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.vrboard(["help", "man"])
        #expect(r.status == 0 && r.stdout.hasPrefix(".TH VRBOARD 1 "), "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for topic in ["SCREENS", "KEYS", "COMMANDS", "POSTGRES", "CONFIG", "DATA", "BENCHMARK", "ARCHITECTURE"] {
            #expect(lines.contains(".SH \(topic)"), "no section \(topic)")
        }
        for id in ["risks.sort", "edit.undo", "confirm.yes", "national.sort", "walk.decision"] {
            #expect(r.stdout.contains(id.replacingOccurrences(of: "-", with: "\\-")), "the manual lacks \(id)")
        }
        let requests: Set<String> = [".TH", ".SH", ".SS", ".TP", ".PP", ".IP", ".RS", ".RE", ".nf", ".fi", ".B", ".br"]
        let stray = lines.filter { ($0.hasPrefix(".") || $0.hasPrefix("'")) && !requests.contains(String($0.prefix { $0 != " " })) }
        #expect(stray.isEmpty, "text lines roff would read as requests: \(stray.prefix(3))")
        #expect(!r.stdout.contains("](") && !r.stdout.contains("**"), "Markdown marks left in the page")
    }

    /// A command that reads a store and takes no other argument takes the store as its argument too, the
    /// way init takes its folder; given twice, it is refused as bad usage.
    @Test("the store as an argument, like init's folder: validate, export, sources, render, meetings list")
    func storeAsAnArgument() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = try box.makeStore(.nnvru).path
        #expect(try box.vrboard(["validate", dir]).stdout == "\(dir): sound\n")
        let both = try box.vrboard(["validate", dir, "--store", dir])
        #expect(both.status == 2 && both.stderr.contains("give the store once"), "\(both)")
        let viaOption = try box.vrboard(["export", "--store", dir, "--format", "json"])
        let viaArgument = try box.vrboard(["export", dir, "--format", "json"])
        #expect(viaOption.status == 0 && viaOption.stdout == viaArgument.stdout && viaArgument.stdout.contains("WS-1.1"))
        #expect(try box.vrboard(["sources", dir]).status == 0)
        #expect(try box.vrboard(["render", dir, "--size", "80x24"]).stdout.contains("Overview"))
        #expect(try box.vrboard(["meetings", "list", dir]).status == 0)
    }

    @Test("vrboard --help shows the options every store command shares")
    func topLevelHelpShowsSharedOptions() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let help = try box.vrboard(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--store <dir|url>") && help.stdout.contains("--user <name>"), "\(help.stdout)")
    }

    // MARK: choosing the store

    @Test("without --store, VRBOARD_STORE is used; --store wins over it")
    func storeFromEnvironment() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let wm = try box.makeStore(.wmvru, name: "wm")
        let nn = try box.makeStore(.nnvru, name: "nn")
        let env = ["VRBOARD_STORE": wm.path]

        let frame = try box.vrboard(["render", "--size", "100x30", "--color", "never"], env: env)
        #expect(frame.status == 0 && frame.stdout.contains("West Midlands"), "\(frame)")
        let explicit = try box.vrboard(["render", "--store", nn.path, "--size", "100x30", "--color", "never"], env: env)
        #expect(explicit.status == 0 && explicit.stdout.contains("Nottingham"), "\(explicit)")

        let rag = try box.vrboard(["rag", "WM-01", "A", "--note", "Set through VRBOARD_STORE", "--user", "dora"], env: env)
        #expect(rag.status == 0, "\(rag)")
        let h = try box.vrboard(["history", "--store", wm.path])
        #expect(h.stdout.contains("dora") && h.stdout.contains("Set through VRBOARD_STORE"), "\(h)")
        #expect(
            !FileManager.default.fileExists(atPath: box.xdgDataHome.appendingPathComponent("vrboard").path),
            "a per-user store was created although VRBOARD_STORE was set")
    }

    @Test("with neither --store nor VRBOARD_STORE, a per-user store is made under XDG_DATA_HOME and data/ is untouched")
    func perUserStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let trackedBefore = try snapshot(Paths.data)
        try #require(!trackedBefore.isEmpty)
        let userStore = box.xdgDataHome.appendingPathComponent("vrboard/store")

        let frame = try box.vrboard(["render", "--size", "100x30", "--color", "never"])
        #expect(frame.status == 0, "\(frame)")
        #expect(frame.stdout.contains("Nottingham"), "the per-user store starts from the NNVRU sample: \(frame)")
        #expect(
            frame.stderr.contains("created") && frame.stderr.contains(userStore.path),
            "stderr should say the store was created, and where: \(frame)")
        #expect(FileManager.default.fileExists(atPath: userStore.appendingPathComponent("vrboard.json").path))

        let rag = try box.vrboard(["rag", "WS-1.1", "R", "--note", "Written to the per-user store", "--user", "erin"])
        #expect(rag.status == 0, "\(rag)")
        #expect(!rag.stderr.contains("created"), "the store is created once only: \(rag)")
        let h = try box.vrboard(["history", "--store", userStore.path])
        #expect(h.stdout.contains("erin"), "\(h)")
        #expect(snapshotDifference(trackedBefore, try snapshot(Paths.data)) == nil, "the tracked data/ files changed")
    }

    /// XDG: with XDG_DATA_HOME unset, data lives under `$HOME/.local/share`. The store is made there first (by
    /// `init`), and only read-only `validate` runs without a store, so a vrboard that ignored HOME would not write
    /// into the real user's home.
    @Test("without XDG_DATA_HOME the per-user store is the one under $HOME/.local/share")
    func perUserStoreUnderHome() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = box.home.appendingPathComponent(".local/share/vrboard/store")
        try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
        let made = try box.vrboard(["init", store.path, "--dataset", "wmvru-2021-22"])
        try #require(made.status == 0, "\(made)")
        let r = try box.vrboard(["validate"], includeXDG: false)
        #expect(r.status == 0, "validate with HOME=\(box.home.path) and no XDG_DATA_HOME should check \(store.path): \(r)")
        #expect(r.stdout.contains(store.path) && r.stdout.contains("sound"), "\(r)")
    }

    @Test("validate of a folder that is not a store names it once, in one line")
    func validateNotAStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let dir = box.root.appendingPathComponent("empty-folder")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let r = try box.vrboard(["validate", "--store", dir.path])
        Self.expectOneCleanErrorLine(r)
        let line = r.stderrLines.first ?? ""
        #expect(line.hasPrefix(dir.path), "\(r)")
        #expect(
            !line.contains(dir.path + "/" + dir.path) && !line.contains(dir.path + "//"),
            "the store path is repeated in the location: \(line)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "validate wrote into the folder")
    }
}

/// Shell completions come from ArgumentParser: every command, and the values an option takes.
@Suite struct CompletionTests {
    @Test("bash, zsh and fish completion scripts name the commands and the screens", arguments: ["bash", "zsh", "fish"])
    func completionScript(shell: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let r = try box.vrboard(["--generate-completion-script", shell])
        #expect(r.status == 0, "\(r)")
        for word in ["export", "rag", "sources", "validate", "repair", "render", "present"] { #expect(r.stdout.contains(word), "\(shell): \(word)") }
        for screen in ["overview", "workstreams", "funding", "risks", "history"] { #expect(r.stdout.contains(screen), "\(shell): \(screen)") }
    }
}

/// Meetings are started on purpose: a date with no meeting (a mistype, a date to come) needs --new.
@Suite struct MeetingsCLITests {
    @Test("present on a date with no meeting refuses without --new, naming the date, and records nothing; meetings lists none")
    func noMeetingByAccident() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let before = try snapshot(store)
        let none = try box.vrboard(["meetings", "--store", store.path])
        #expect(none.status == 0 && none.stdout.hasPrefix("No meeting is recorded yet"), "\(none)")
        let future = try box.vrboard(["present", "--meeting", "2031-01-07", "--store", store.path])
        #expect(future.status == 1, "\(future)")
        #expect(
            future.stderr.contains("no meeting is recorded on 7 Jan 2031, after the board's date (2 Nov 2021 · sample); add --new to start one"),
            "\(future.stderr)")
        let past = try box.vrboard(["present", "--meeting", "2021-11-03", "--store", store.path])
        #expect(
            past.status == 1 && past.stderr.contains("no meeting is recorded on 3 Nov 2021, after the board's date (2 Nov 2021 · sample); add --new"),
            "\(past)")
        // Today is asked about too: with no terminal to ask on, refused.
        let today = try box.vrboard(["present", "--store", store.path])
        #expect(today.status == 1 && today.stderr.contains("; add --new to start one"), "\(today)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "a refused present changed the store")
        // With --new it goes on to need a terminal (this run has none), still recording nothing.
        let new = try box.vrboard(["present", "--meeting", "2031-01-07", "--new", "--store", store.path])
        #expect(new.status == 2 && new.stderr.contains("the walkthrough needs a terminal"), "\(new)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil)
    }
}
