#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRStore
import VRTestSupport

/// The nearest thing a user could do by hand, measured in the same run beside vrboard's figure, each with
/// its ratio and the bound set for it: `jq -c .` over the same store files (start-up, verification), a
/// bare append + fdatasync of an entry's size on the same disk (a folder-store save), and pgbench running
/// a transaction of a save's shape on the same private cluster (a PostgreSQL save).
enum Anchors {
    /// vrboard, built beside the benchmark (the figures are of the real command).
    static var vrboard: String? {
        let p = (CommandLine.arguments[0] as NSString).deletingLastPathComponent + "/vrboard"
        return FileManager.default.isExecutableFile(atPath: p) ? p : nil
    }

    /// The median wall time of `runs` runs of a process (stdout discarded), and the largest peak it reported.
    static func process(_ exe: String, _ args: [String], runs: Int = 5) throws -> (seconds: Double, peakMiB: Double?) {
        setenv("VRBOARD_REPORT_PEAK", "1", 1)
        defer { unsetenv("VRBOARD_REPORT_PEAK") }
        var times: [Double] = [], peak: Double?
        for _ in 0..<runs {
            let r = try child(exe, args)
            times.append(r.seconds)
            if let p = r.peakMiB { peak = max(peak ?? 0, p) }
        }
        return (percentile(times, 0.5), peak)
    }

    /// One ratio, on a line of its own, with its bound.
    static func ratio(_ what: String, ours: Double, anchor: Double, bound: Double) {
        let r = anchor > 0 ? ours / anchor : .infinity
        print(String(format: "ratio, %@: %.2f (bound %.2f: %@)", what, r, bound, r <= bound ? "within" : "OVER"))
    }

    /// The store's files a reader of `dir` reads: its snapshots and manifest, and (with `journal`) the
    /// journal and its sealed segments.
    static func files(_ dir: String, journal: Bool) -> [String] {
        let fm = FileManager.default
        var out = ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted().filter { $0.hasSuffix(".json") }.map { dir + "/" + $0 }
        if journal {
            out.append(dir + "/" + Store.journalName)
            let seg = dir + "/journal"
            out += ((try? fm.contentsOfDirectory(atPath: seg)) ?? []).sorted().filter { $0.hasSuffix(".jsonl") }.map { seg + "/" + $0 }
        }
        return out.filter { fm.fileExists(atPath: $0) }
    }

    /// Start-up and verification against jq over the same files, as processes; jq's time over the
    /// journalled store (the anchor of the quick journal check too), or nil without jq.
    @discardableResult
    static func jqFigures(empty: String, full: String, nnvru: String) throws -> Double? {
        guard let jq = try? Paths.onPath("jq") else {
            print("anchors: jq is not installed (.ci/setup installs it): start-up and verification have no anchor this run")
            return nil
        }
        guard let vrboard else {
            print("anchors: vrboard is not built beside the benchmark: no process figures")
            return nil
        }
        for (label, store, bound) in [("the generated store", empty, 0.25), ("the NNVRU store", nnvru, 1.0)] {
            let anchor = try process(jq, ["-c", "."] + files(store, journal: true))
            let ours = try process(vrboard, ["render", "--store", store, "--size", "120x36", "--color", "never"])
            print(
                "process start to first frame, \(label): vrboard render \(ms(ours.seconds))"
                    + (ours.peakMiB.map { String(format: " (peak %.1f MiB)", $0) } ?? "") + ", jq -c . over its files \(ms(anchor.seconds))")
            ratio("first frame / jq, \(label)", ours: ours.seconds, anchor: anchor.seconds, bound: bound)
        }
        let anchor = try process(jq, ["-c", "."] + files(full, journal: true), runs: 3)
        let ours = try process(vrboard, ["validate", "--store", full], runs: 3)
        print(
            "validate the 100000-entry store: vrboard validate \(ms(ours.seconds))"
                + (ours.peakMiB.map { String(format: " (peak %.1f MiB)", $0) } ?? "") + ", jq -c . over its files \(ms(anchor.seconds))")
        ratio("validate / jq", ours: ours.seconds, anchor: anchor.seconds, bound: 0.5)
        return anchor.seconds
    }

    /// Command-line edits (`rag`, `reach`, `spend`) as processes on a copy of `store`, each against its bounds
    /// (100 ms and 40 MiB): with few changes waiting in the journal, with 62 (the most a save of one document
    /// takes in without rewriting the snapshots), and the save after it, which rewrites them.
    static func commandEdits(_ store: String, in root: String) throws {
        guard let vrboard else { return }
        let dir = root + "/command-edits-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: store, toPath: dir)
        func line(_ what: String, _ r: (seconds: Double, peakMiB: Double?)) {
            let within = r.seconds <= 0.1 && (r.peakMiB ?? .infinity) <= 40
            print(
                "command-line edit on the generated store, \(what): median \(ms(r.seconds))"
                    + (r.peakMiB.map { String(format: " (peak %.1f MiB)", $0) } ?? "") + " (bound 100 ms, 40 MiB: \(within ? "within" : "OVER"))")
        }
        let edits: [(String, [String])] = [
            ("vrboard rag", ["rag", "WS-42", "R", "--note", "bench"]),
            ("vrboard reach", ["reach", "IV-7", "--quarter", "2021-Q2", "--under-25", "120", "--over-25", "30"]),
            ("vrboard spend", ["spend", "c1", "--quarter", "2021-Q2", "--actual", "1000"]),
        ]
        for (what, args) in edits { line(what, try process(vrboard, args + ["--store", dir])) }
        // 62 changes waiting (saved in this process, one document at a time, as the commands save).
        let waiting = try Store(path: dir, readOnly: true)
        var k = waiting.lastSeq - (try readCheckpointSeq(dir))
        while k < Store.oneSaveCheckpointEvery - 2 {
            _ = try Store.saveOne(at: dir, reading: [(.workstreams, "WS-\(k)")], by: "bench") { board, _ in
                guard var ws = board.workstreams["WS-\(k)"] else { return nil }
                try ws.review(.inYear, by: "bench", at: Timestamp.now(), comment: "waiting \(k)")
                return (.workstream(ws), ws.rev, "waiting")
            }
            k += 1
        }
        line("rag with \(k) changes waiting", try process(vrboard, edits[0].1 + ["--store", dir], runs: 1))
        let rewrite = try process(vrboard, edits[0].1 + ["--store", dir], runs: 1)
        print(
            "command-line edit that rewrites the snapshots (one save in \(Store.oneSaveCheckpointEvery)), vrboard rag: \(ms(rewrite.seconds))"
                + (rewrite.peakMiB.map { String(format: " (peak %.1f MiB)", $0) } ?? ""))
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The manifest's checkpoint sequence.
    static func readCheckpointSeq(_ dir: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + Store.manifestName))
        return ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["checkpointSeq"] as? Int) ?? 0
    }

    /// Bare appends, each fdatasync'd, to a file of their own in `dir` (the store's disk), timed one at a time
    /// so they can be interleaved with the saves they anchor.
    final class BareAppend {
        let path: String
        let fd: Int32

        init(in dir: String) throws {
            path = dir + "/anchor-append.jsonl"
            fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            guard fd >= 0 else { throw StoreError.invalid("cannot open \(path)") }
        }

        deinit {
            close(fd)
            unlink(path)
        }

        /// One append of a line of `bytes` bytes and fdatasync: its time.
        func once(bytes: Int) -> Double {
            let line = [UInt8](repeating: UInt8(ascii: "x"), count: max(1, bytes - 1)) + [0x0A]
            return seconds {
                _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                fdatasync(fd)
            }
        }
    }

    /// A bare append of `bytes` bytes and fdatasync, `count` times, in `dir` (the store's disk): the median.
    static func bareAppend(in dir: String, bytes: Int, count: Int = 400) throws -> Double {
        let bare = try BareAppend(in: dir)
        return percentile((0..<count).map { _ in bare.once(bytes: bytes) }, 0.5)
    }

    /// pgbench running one transaction of a save's shape (the advisory lock, the document's revision read,
    /// its update, the journal row, NOTIFY) on tables of its own in `cluster`: the mean latency.
    static func pgbench(_ cluster: PGCluster, docBytes: Int) throws -> Double? {
        let installed = PGCluster.binDir().map { $0 + "/pgbench" }
        guard let pgbench = (try? Paths.onPath("pgbench")) ?? installed else { return nil }
        let db = try cluster.database("anchor")
        let doc = String(repeating: "x", count: max(1, docBytes))
        try cluster.sql(
            """
            CREATE TABLE anchor_doc (id int PRIMARY KEY, rev bigint NOT NULL, doc jsonb NOT NULL);
            CREATE TABLE anchor_journal (seq bigint PRIMARY KEY, id int NOT NULL, rev bigint NOT NULL, entry jsonb NOT NULL);
            INSERT INTO anchor_doc SELECT g, 1, jsonb_build_object('id', g, 'text', '\(doc)') FROM generate_series(1, 2000) g;
            """, database: db)
        let script = NSTemporaryDirectory() + "vrboard-anchor-\(getpid()).sql"
        defer { unlink(script) }
        try """
        \\set id random(1, 2000)
        BEGIN;
        SELECT pg_advisory_xact_lock(hashtext('vrboard/anchor'));
        SELECT rev FROM anchor_doc WHERE id = :id;
        UPDATE anchor_doc SET rev = rev + 1, doc = jsonb_set(doc, '{rev}', to_jsonb(rev + 1)) WHERE id = :id;
        INSERT INTO anchor_journal SELECT coalesce(max(seq), 0) + 1, :id, 1, jsonb_build_object('note', 'anchor', 'text', '\(String(doc.prefix(300)))') FROM anchor_journal;
        SELECT pg_notify('anchor', 'x');
        COMMIT;

        """.write(toFile: script, atomically: true, encoding: .utf8)
        let r = try runProcess(
            URL(fileURLWithPath: pgbench),
            ["-h", "127.0.0.1", "-p", "\(cluster.port)", "-U", cluster.superuser, "-n", "-c", "1", "-t", "400", "-f", script, db],
            environment: ["PGPASSWORD": cluster.password, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"], timeout: 120)
        guard r.status == 0, let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("latency average") }),
            let value = line.split(separator: " ").compactMap({ Double($0) }).first
        else { throw StoreError.invalid("pgbench failed: \(r.stdout) \(r.stderr)") }
        return value / 1000
    }
}
