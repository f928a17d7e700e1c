#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRStore
import VRGenerate
import VRRuntime

/// vrboard-bench: prints figures, fails nothing. Build with `swift build -c release`.
///
///   vrboard-bench                       run every benchmark on a generated large store
///   vrboard-bench generate DIR [--workstreams N] [--risks N] [--journal N]
///   vrboard-bench refresh               only the refresh latency between two processes

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
    let nw = 10_000, nr = 5_000, nj = 100_000
    print("vrboard-bench: \(nw) workstreams, \(nr) risks; journal of 0 and \(nj) entries")
    let empty = root + "/journal-0", full = root + "/journal-100k"
    let gen = try seconds {
        try Generator.store(at: empty, workstreams: nw, risks: nr, journal: 0)
        try Generator.store(at: full, workstreams: nw, risks: nr, journal: nj)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: full + "/" + Store.journalName)[.size] as? Int) ?? 0
    print(String(format: "generate both stores: %.2f s (journal %.1f MiB)", gen, Double(size) / 1_048_576))

    // Interleaved, so drift on a busy machine falls on both alike.
    var o0: [Double] = [], o1: [Double] = []
    for _ in 0..<9 {
        o0.append(try seconds { _ = try Store(path: empty, readOnly: true) })
        o1.append(try seconds { _ = try Store(path: full, readOnly: true) })
    }
    let m0 = percentile(o0, 0.5), m1 = percentile(o1, 0.5)
    print("open, journal 0 entries:       median \(ms(m0))")
    print("open, journal \(nj) entries:  median \(ms(m1))  (\(String(format: "%+.1f%%", (m1 - m0) / m0 * 100)))")

    // The whole-journal check that validate and rag run, and the board runs in the background.
    var verify: [Double] = []
    var checked = 0
    for _ in 0..<3 { verify.append(seconds { checked = Store.verifyJournal(full).entries }) }
    print(
        "verify the whole journal (\(checked) entries; validate, rag's pre-check, the board's background check): median \(ms(percentile(verify, 0.5)))"
    )

    let store = try Store(path: full)
    var times: [Double] = []
    let ratings: [RAG] = [.green, .amber, .red]
    for i in 0..<400 {
        var ws = store.board.workstreams.items[(i * 37) % nw]
        let base = ws.rev
        try ws.rate(.inYear, to: ratings.first { $0 != ws.inYear }!, by: "bench", at: Timestamp.now(), comment: "bench edit \(i)")
        times.append(try seconds { _ = try store.commit(.workstream(ws), baseRev: base, by: "bench", note: "bench") })
    }
    print(
        "durable edit (journal append + fdatasync), 400 edits: median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99))), max \(ms(times.max()!))"
    )
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
    try refreshLatency(root + "/two-processes")
    print(String(format: "peak memory (max RSS): %.1f MiB", peakMemoryMiB()))
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
    let store = try Store(path: path)
    let ratings: [RAG] = [.green, .amber]
    for i in 0..<count {
        if gapMs > 0 { usleep(UInt32(gapMs * 1000)) }
        var ws = store.board.workstreams.items[0]
        let base = ws.rev
        try ws.rate(
            .inYear, to: ratings[i % 2] == ws.inYear ? ratings[(i + 1) % 2] : ratings[i % 2], by: "writer", at: Timestamp.now(), comment: "t=0")
        // The time stamped as close to the durable append as the writer can: just before the commit.
        ws.history[ws.history.count - 1].comment = "t=\(monotonicNs())"
        try store.commit(.workstream(ws), baseRev: base, by: "writer", note: "bench refresh \(i)")
    }
    try store.close()
}

/// Another process's save, seen by a board's watcher (the loop the board runs): from the save to the
/// board holding it. Then a burst of saves: how many times the board took them in.
func refreshLatency(_ path: String) throws {
    try Generator.store(at: path, workstreams: 25, risks: 15, journal: 0)
    let me = CommandLine.arguments[0]
    func spawn(_ count: Int, gapMs: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: me)
        p.arguments = ["writer", path, "\(count)", "\(gapMs)"]
        try p.run()
        return p
    }
    let board = try Store(path: path, readOnly: true)
    let watcher = StoreWatcher(path: path)
    var latencies: [Double] = []
    let changes = 50
    let child = try spawn(changes, gapMs: 40)
    var last = ""
    var lastPoll = monotonicMs()
    while latencies.count < changes {
        let woke = watcher.wait(input: -1, timeoutMs: watcher.pollEvery)
        guard try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll),
            let c = board.board.workstreams.items[0].history.last?.comment, c != last
        else {
            if !child.isRunning && !board.hasUnseenChanges && !woke.store { break }
            continue
        }
        last = c
        if let t = Int(c.dropFirst(2)) { latencies.append(Double(monotonicNs() - t) / 1e9) }
    }
    child.waitUntilExit()
    let how = watcher.fd >= 0 ? "inotify" : "polling every 500 ms (no inotify)"
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
        if try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) {
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

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "refresh":
        let dir = NSTemporaryDirectory() + "vrboard-bench-refresh-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try refreshLatency(dir)
    case "writer":
        guard args.count > 3, let n = Int(args[2]), let gap = Int(args[3]) else { throw StoreError.invalid("writer needs DIR COUNT GAP_MS") }
        try writer(args[1], count: n, gapMs: gap)
    case "generate":
        guard args.count > 1 else { throw StoreError.invalid("generate needs DIR") }
        try Generator.store(
            at: args[1], workstreams: Int(argument("--workstreams", in: args) ?? "10000") ?? 10000,
            risks: Int(argument("--risks", in: args) ?? "5000") ?? 5000, journal: Int(argument("--journal", in: args) ?? "0") ?? 0)
    default: try runAll()
    }
} catch {
    FileHandle.standardError.write(Data("vrboard-bench: error: \(error)\n".utf8))
    exit(1)
}
