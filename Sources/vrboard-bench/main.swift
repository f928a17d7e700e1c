#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRStoreAPI
import VRStore
import VRGenerate
import VRRuntime
import VRPostgres
import VRTestSupport
import VRUI

/// vrboard-bench: prints figures, fails nothing. Build with `swift build -c release`.
///
///   vrboard-bench                       run every benchmark on a generated large store
///   vrboard-bench generate DIR [--workstreams N] [--risks N] [--interventions N] [--journal N]
///   vrboard-bench refresh               only the refresh latency between two processes
///   vrboard-bench follow                only a follower seeing the presenter move (folder store)

func argument(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func peakMemoryMiB() -> Double {
    var u = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    return Double(u.ru_maxrss) / 1024
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    var a = timespec(), b = timespec()
    clock_gettime(CLOCK_MONOTONIC, &a)
    try body()
    clock_gettime(CLOCK_MONOTONIC, &b)
    return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
}

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
}

func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }

func runAll() throws {
    let root = NSTemporaryDirectory() + "vrboard-bench-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: root) }
    let nw = 10_000, nr = 5_000, ni = 2_000, nj = 100_000
    print("vrboard-bench: \(nw) workstreams, \(nr) risks, \(ni) interventions with 8 quarters of returns; journal of 0, 100 and \(nj) entries")
    let empty = root + "/journal-0", small = root + "/journal-100", full = root + "/journal-100k"
    let gen = try seconds {
        try Generator.store(at: empty, workstreams: nw, risks: nr, interventions: ni, journal: 0)
        try Generator.store(at: small, workstreams: nw, risks: nr, interventions: ni, journal: 100)
        try Generator.store(at: full, workstreams: nw, risks: nr, interventions: ni, journal: nj)
    }
    let files =
        [full + "/" + Store.journalName]
        + ((try? FileManager.default.contentsOfDirectory(atPath: full + "/journal")) ?? []).map { full + "/journal/" + $0 }
    let size = files.filter { $0.hasSuffix(".jsonl") }.reduce(0) {
        $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
    }
    print(String(format: "generate the stores: %.2f s (the long journal %.1f MiB in %d segments)", gen, Double(size) / 1_048_576, files.count / 2))

    // Interleaved, so drift on a busy machine falls on both alike.
    var o0: [Double] = [], o1: [Double] = []
    for _ in 0..<9 {
        o0.append(try seconds { _ = try Store(path: empty, readOnly: true) })
        o1.append(try seconds { _ = try Store(path: full, readOnly: true) })
    }
    let m0 = percentile(o0, 0.5), m1 = percentile(o1, 0.5)
    print("open, journal 0 entries:       median \(ms(m0))")
    print("open, journal \(nj) entries:  median \(ms(m1))  (\(String(format: "%+.1f%%", (m1 - m0) / m0 * 100)))")

    try historyFigures(small: small, full: full)
    try entrySizes(root + "/entry-sizes")
    let jqFull = try Anchors.jqFigures(empty: empty, full: full, nnvru: Paths.data.path + "/nnvru-2021-22")
    try Anchors.commandEdits(empty, in: root)

    // The whole-journal check the board runs in the background (validate decodes every line whole).
    var verify: [Double] = []
    var checked = 0
    for _ in 0..<3 { verify.append(seconds { checked = Store.verifyJournal(full).entries }) }
    print(
        "verify the whole journal (\(checked) entries; the board's background check, which reads each line's header; validate reads every line whole): median \(ms(percentile(verify, 0.5)))"
    )
    if let jqFull { Anchors.ratio("journal check / jq over the same files", ours: percentile(verify, 0.5), anchor: jqFull, bound: 0.5) }

    let store = try Store(path: full)
    let journalPath = full + "/" + Store.journalName
    try durableSaves(store, in: full, journal: journalPath)
    let cp = try seconds { try store.checkpointNow() }
    print("checkpoint (rewrite changed snapshots): \(ms(cp))")

    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .prettyPrinted]
    var bytes = 0
    let ex = try seconds {
        bytes = try e.encode(store.board.workstreams.items).count + e.encode(store.board.risks.items).count
    }
    print(String(format: "export to JSON: %@ (%.1f MiB)", ms(ex), Double(bytes) / 1_048_576))
    try UIBench.run(store.board, path: full)
    try MeetingBench.run(root: root, source: small)
    try refreshLatency(root + "/two-processes")
    try followLatency(root + "/two-processes")
    try PostgresBench.nationalFirstFrame()
    try PostgresBench.run(root: root, large: small)
    print(String(format: "peak memory (max RSS): %.1f MiB", peakMemoryMiB()))
}

/// A child process's run: wall time, and the peak memory it reports of itself (`peak KB` on stderr: its
/// own VmHWM, since wait4's figure would count the benchmark it was started from).
func child(_ exe: String, _ args: [String]) throws -> (seconds: Double, peakMiB: Double?) {
    var pid: pid_t = 0
    let argv = ([exe] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let errPath = NSTemporaryDirectory() + "vrboard-bench-child-\(getpid()).err"
    defer { unlink(errPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let start = monotonicNs()
    guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else { throw StoreError.invalid("cannot start \(exe) \(args)") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let took = Double(monotonicNs() - start) / 1e9
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    let kb = err.split(separator: "\n").first { $0.hasPrefix("peak ") }.flatMap { Double($0.dropFirst(5)) }
    return (took, kb.map { $0 / 1024 })
}

/// `history --limit 20` and `history ID`: the first page of the whole history and one workstream's, on
/// a journal of 100 entries and of 100,000 (sealed into segments), each a process of its own: timed
/// running the real `vrboard` (built beside the benchmark; else the benchmark's own reader), its peak
/// memory from the benchmark's reader (the same `Store.history`), which reports its own.
func historyFigures(small: String, full: String) throws {
    let dir = (CommandLine.arguments[0] as NSString).deletingLastPathComponent
    let vrboard = dir + "/vrboard"
    let real = FileManager.default.isExecutableFile(atPath: vrboard)
    func run(_ store: String, _ id: [String]) throws -> Double {
        real
            ? try child(vrboard, ["history"] + id + ["--store", store, "--limit", "20"]).seconds
            : try child(CommandLine.arguments[0], ["history-page", store] + id).seconds
    }
    func peak(_ store: String, _ id: [String]) throws -> Double { try child(CommandLine.arguments[0], ["history-page", store] + id).peakMiB ?? 0 }
    if !real { print("(vrboard is not built beside the benchmark: history timed with the benchmark's own reader)") }
    for (label, args) in [("first page of the whole history (20 changes)", [String]()), ("one workstream's history (WS-42)", ["WS-42"])] {
        var t100: [Double] = [], t100k: [Double] = []
        for _ in 0..<9 {
            t100.append(try run(small, args))
            t100k.append(try run(full, args))
        }
        let a = percentile(t100, 0.5), b = percentile(t100k, 0.5)
        print(
            String(
                format: "history, %@: 100 entries %@ (peak %.1f MiB), 100000 entries %@ (peak %.1f MiB): ratio %.2f", label, ms(a),
                try peak(small, args), ms(b), try peak(full, args), b / a))
    }
}

/// `count` rating changes of workstreams spread over the board (each to a rating it does not have), each
/// saved through `commit` with its base revision: how long each save took.
func ratingSaves(
    _ count: Int, board: () -> Board, comment: String = "bench edit", between: (() -> Void)? = nil, _ commit: (AnyDocument, Int) throws -> Void
) throws -> [Double] {
    let ratings: [RAG] = [.green, .amber, .red]
    var times: [Double] = []
    for i in 0..<count {
        let items = board().workstreams.items
        var ws = items[(i * 37) % items.count]
        let base = ws.rev
        try ws.rate(.inYear, to: ratings.first { $0 != ws.inYear }!, by: "bench", at: Timestamp.now(), comment: "\(comment) \(i)")
        times.append(try seconds { try commit(.workstream(ws), base) })
        // An anchor measured after each save, so drift on a busy machine falls on both alike.
        between?()
    }
    return times
}

/// 400 durable rating saves on `store`, each followed by its anchor: a bare append + fdatasync of the line
/// the save appended (its size), on the same disk.
func durableSaves(_ store: Store, in dir: String, journal: String) throws {
    let size = { (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0 }
    let bare = try Anchors.BareAppend(in: dir)
    var bareTimes: [Double] = [], bytes = 0, last = size()
    let times = try ratingSaves(
        400, board: { store.board },
        between: {
            // (A checkpoint that seals the journal empties it: that save's line is taken as the average.)
            let now = size()
            let line = now > last ? now - last : max(1, bytes / max(1, bareTimes.count))
            bareTimes.append(bare.once(bytes: line))
            bytes += line
            last = now
        }
    ) { doc, base in _ = try store.commit(doc, baseRev: base, by: "bench", note: "bench") }
    print(
        "durable edit (journal append + fdatasync), 400 edits: median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99))), max \(ms(times.max()!))"
    )
    print(
        "bare append + fdatasync of each save's line (average \(bytes / max(1, bareTimes.count)) bytes), after it, same disk: median \(ms(percentile(bareTimes, 0.5)))"
    )
    Anchors.ratio("folder save / bare append+fdatasync", ours: percentile(times, 0.5), anchor: percentile(bareTimes, 0.5), bound: 1.5)
}

/// The size of one journal entry after 1 and after 1,000 rating changes of the same workstream.
func entrySizes(_ path: String) throws {
    try Generator.store(at: path, workstreams: 5, risks: 2, journal: 0)
    let store = try Store(path: path)
    var sizes: [Int] = []
    var last = 0
    let journal = path + "/" + Store.journalName
    for i in 0..<1000 {
        var ws = store.board.workstreams.items[0]
        let base = ws.rev
        try ws.rate(.inYear, to: ws.inYear == .green ? .amber : .green, by: "bench", at: Timestamp.now(), comment: "rating change \(i)")
        try store.commit(.workstream(ws), baseRev: base, by: "bench", note: "rating change \(i)")
        let size = (try? FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) ?? 0
        sizes.append(size - last)
        last = size
    }
    let doc = try JSONEncoder().encode(store.board.workstreams.items[0]).count
    print(
        "journal entry for one rating change of one workstream: the 2nd change \(sizes[1]) bytes, the 1000th \(sizes[999]) bytes (the workstream is now \(doc) bytes; its first entry in a journal file is whole: \(sizes[0]) bytes)"
    )
    try store.close()
}

/// The monotonic clock in nanoseconds: one clock for every process on the machine.
func monotonicNs() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return t.tv_sec * 1_000_000_000 + t.tv_nsec
}

/// The writer half of the two-process refresh benchmark: `count` rating changes to the first workstream,
/// `gapMs` apart, each comment carrying the monotonic time of its save.
func writer(_ path: String, count: Int, gapMs: Int) throws {
    let store = try Stores.open(path)
    let ratings: [RAG] = [.green, .amber]
    for i in 0..<count {
        if gapMs > 0 { usleep(UInt32(gapMs * 1000)) }
        var ws = store.board.workstreams.items[0]
        let base = ws.rev
        try ws.rate(
            .inYear, to: ratings[i % 2] == ws.inYear ? ratings[(i + 1) % 2] : ratings[i % 2], by: "writer", at: Timestamp.now(), comment: "t=0")
        // The time stamped as close to the durable append as the writer can: just before the commit.
        ws.history[ws.history.count - 1].comment = "t=\(monotonicNs())"
        try store.commit(.workstream(ws), baseRev: base, by: "writer", note: "bench refresh \(i)", at: Timestamp.now())
    }
    try store.close()
}

/// Another process's save, seen by a board's watcher (the loop the board runs): from the save to the
/// board holding it. Then a burst of saves: how many times the board took them in.
func refreshLatency(_ path: String) throws {
    if !PostgresAddress.isAddress(path) { try Generator.store(at: path, workstreams: 25, risks: 15, journal: 0) }
    let me = CommandLine.arguments[0]
    func spawn(_ count: Int, gapMs: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = ["writer", path, "\(count)", "\(gapMs)"]
        try p.run()
        return p
    }
    let board = try Stores.open(path, readOnly: true)
    let watcher = StoreWatcher(board.changeSignal())
    // The PostgreSQL listener needs a moment to LISTEN before the first save.
    if PostgresAddress.isAddress(path) { usleep(300_000) }
    var latencies: [Double] = []
    let changes = 50
    let child = try spawn(changes, gapMs: 40)
    var last = ""
    var lastPoll = monotonicMs()
    while latencies.count < changes {
        let woke = watcher.wait(input: -1, timeoutMs: watcher.pollEvery)
        guard try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == true,
            let c = board.board.workstreams.items[0].history.last?.comment, c != last
        else {
            if !child.isRunning && !board.hasUnseenChanges && !woke.store { break }
            continue
        }
        last = c
        if let t = Int(c.dropFirst(2)) { latencies.append(Double(monotonicNs() - t) / 1e9) }
    }
    child.waitUntilExit()
    let how = PostgresAddress.isAddress(path) ? "PostgreSQL LISTEN/NOTIFY" : watcher.fd >= 0 ? "inotify" : "polling every 500 ms (no inotify)"
    if latencies.isEmpty {
        print("refresh between two processes: no change seen")
    } else {
        print(
            "refresh between two processes (\(how)), \(latencies.count) saves 40 ms apart: median \(ms(percentile(latencies, 0.5))), p99 \(ms(percentile(latencies, 0.99))), max \(ms(latencies.max()!))"
        )
    }
    // A burst: 20 saves back to back; the board takes them in with as few refreshes (and frames) as it can.
    let burst = try spawn(20, gapMs: 0)
    var refreshes = 0
    let before = board.lastSeq
    while board.lastSeq < before + 20 {
        let woke = watcher.wait(input: -1, timeoutMs: watcher.pollEvery)
        if try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == true {
            refreshes += 1
        } else if !burst.isRunning && !board.hasUnseenChanges && !woke.store {
            break
        }
    }
    burst.waitUntilExit()
    print(
        "a burst of 20 saves from another process: taken in with \(refreshes) refresh\(refreshes == 1 ? "" : "es") (\(board.lastSeq - before) changes)"
    )
}

/// The presenter half of the follow benchmark: `count` moves to the next slide, `gapMs` apart, each
/// place stamped with the monotonic time it was published.
func presenter(_ path: String, count: Int, gapMs: Int) throws {
    let store = try Stores.open(path)
    for i in 0..<count {
        if gapMs > 0 { usleep(UInt32(gapMs * 1000)) }
        try store.publish(PresenterPosition(meeting: "bench", slide: i % 15, page: 0, pages: 1, by: "presenter", at: "\(monotonicNs())"))
    }
    try store.close()
}

/// A follower's screen seeing the presenter move: from the presenter publishing its place (another
/// process) to the follower's loop holding it, woken by the store's signal as for a save.
func followLatency(_ path: String) throws {
    let follower = try Stores.open(path, readOnly: true)
    let watcher = StoreWatcher(follower.changeSignal())
    if PostgresAddress.isAddress(path) { usleep(300_000) }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    let moves = 50
    p.arguments = ["presenter", path, "\(moves)", "40"]
    try p.run()
    var latencies: [Double] = []
    var last = ""
    var lastPoll = monotonicMs()
    while latencies.count < moves {
        let woke = watcher.wait(input: -1, timeoutMs: 250)
        _ = try watcher.refresh(after: woke, follower, pollEvery: watcher.pollEvery, lastPoll: &lastPoll)
        guard let at = try follower.presenter(meeting: "bench"), at.at != last else {
            if !p.isRunning && !woke.store { break }
            continue
        }
        last = at.at
        if let t = Int(at.at) { latencies.append(Double(monotonicNs() - t) / 1e9) }
    }
    p.waitUntilExit()
    let how = PostgresAddress.isAddress(path) ? "PostgreSQL LISTEN/NOTIFY" : watcher.fd >= 0 ? "inotify" : "polling"
    print(
        latencies.isEmpty
            ? "a follower seeing the presenter move: no move seen"
            : "a follower seeing the presenter move (\(how)), \(latencies.count) moves 40 ms apart: median \(ms(percentile(latencies, 0.5))), p99 \(ms(percentile(latencies, 0.99))), max \(ms(latencies.max()!))"
    )
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "history-page":
        // One `history` page as the command reads it, for the benchmark's child processes.
        guard args.count > 1 else { throw StoreError.invalid("history-page needs DIR [ID]") }
        let page = try Store.history(args[1], HistoryQuery(id: args.count > 2 ? args[2] : nil, limit: 20))
        for e in page.entries { print("#\(e.seq) \(e.at) \(e.by) \(e.collection)/\(e.id) rev \(e.rev) \(e.note)") }
        PeakMemory.report()
    case "postgres":
        // The PostgreSQL figures alone, on a generated store of the benchmark's size.
        let dir = NSTemporaryDirectory() + "vrboard-bench-pg-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Generator.store(at: dir + "/large", workstreams: 10_000, risks: 5_000, interventions: 2_000, journal: 100)
        try PostgresBench.nationalFirstFrame()
        try PostgresBench.run(root: dir, large: dir + "/large")
    case "pgopen":
        // Opening the generated store on PostgreSQL beside the folder store, alone: to profile the open.
        let dir = NSTemporaryDirectory() + "vrboard-bench-pgopen-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Generator.store(at: dir + "/large", workstreams: 10_000, risks: 5_000, interventions: 2_000, journal: 100)
        try PostgresBench.opens(large: dir + "/large", runs: Int(argument("--runs", in: args) ?? "5") ?? 5)
    case "anchors":
        // The anchors alone (jq, a bare append, pgbench) on a generated store of the given size.
        let dir = NSTemporaryDirectory() + "vrboard-bench-anchors-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Generator.store(
            at: dir, workstreams: Int(argument("--workstreams", in: args) ?? "10000") ?? 10000,
            risks: Int(argument("--risks", in: args) ?? "5000") ?? 5000, interventions: Int(argument("--interventions", in: args) ?? "2000") ?? 2000,
            journal: Int(argument("--journal", in: args) ?? "0") ?? 0)
        try Anchors.jqFigures(empty: dir, full: dir, nnvru: Paths.data.path + "/nnvru-2021-22")
        try Anchors.commandEdits(dir, in: NSTemporaryDirectory())
        print("bare append + fdatasync of 350 bytes, 400 times: median \(ms(try Anchors.bareAppend(in: dir, bytes: 350)))")
        let cluster = try PGCluster()
        defer { cluster.remove() }
        if let t = try Anchors.pgbench(cluster, docBytes: 1_000) { print("pgbench, a save's shape: mean \(ms(t))") }
    case "verify":
        // The whole-journal check alone, on a store already generated (`generate DIR --journal 100000`).
        guard args.count > 1 else { throw StoreError.invalid("verify needs DIR") }
        var t: [Double] = []
        var n = 0
        for _ in 0..<3 { t.append(seconds { n = Store.verifyJournal(args[1]).entries }) }
        print("verify the whole journal (\(n) entries): median \(ms(percentile(t, 0.5)))")
    case "saves":
        // 400 durable saves alone, on a store already generated: to profile a save.
        guard args.count > 1 else { throw StoreError.invalid("saves needs DIR") }
        try durableSaves(try Store(path: args[1]), in: args[1], journal: args[1] + "/" + Store.journalName)
    case "refresh":
        let dir = NSTemporaryDirectory() + "vrboard-bench-refresh-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try refreshLatency(dir)
    case "presenter":
        guard args.count > 3, let n = Int(args[2]), let gap = Int(args[3]) else { throw StoreError.invalid("presenter needs DIR COUNT GAP_MS") }
        try presenter(args[1], count: n, gapMs: gap)
    case "follow":
        let dir = NSTemporaryDirectory() + "vrboard-bench-follow-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Generator.store(at: dir, workstreams: 25, risks: 15, journal: 0)
        try followLatency(dir)
    case "writer":
        guard args.count > 3, let n = Int(args[2]), let gap = Int(args[3]) else { throw StoreError.invalid("writer needs DIR COUNT GAP_MS") }
        try writer(args[1], count: n, gapMs: gap)
    case "generate":
        guard args.count > 1 else { throw StoreError.invalid("generate needs DIR") }
        try Generator.store(
            at: args[1], workstreams: Int(argument("--workstreams", in: args) ?? "10000") ?? 10000,
            risks: Int(argument("--risks", in: args) ?? "5000") ?? 5000,
            interventions: Int(argument("--interventions", in: args) ?? "2000") ?? 2000, journal: Int(argument("--journal", in: args) ?? "0") ?? 0)
    default: try runAll()
    }
} catch {
    FileHandle.standardError.write(Data("vrboard-bench: error: \(error)\n".utf8))
    exit(1)
}
