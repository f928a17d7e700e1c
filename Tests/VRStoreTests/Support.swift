#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing
import VRModel
import VRStore
import VRGenerate
@_exported import VRTestSupport

// MARK: Folders and files

/// Creates a store at `dir/store` from the benchmark generator's board and returns its path.
func makeStore(in dir: String, workstreams: Int = 6, risks: Int = 3) throws -> String {
    let path = dir + "/store"
    try Store.create(at: path, board: Generator.board(workstreams: workstreams, risks: risks), dataset: "test")
    return path
}

/// Overwrites a file's bytes in place (same inode, same mode).
func writeBytes(_ bytes: [UInt8], to path: String) throws {
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try h.truncate(atOffset: 0)
    try h.write(contentsOf: Data(bytes))
    try h.close()
}

func appendBytes(_ bytes: [UInt8], to path: String) throws {
    let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try h.seekToEnd()
    try h.write(contentsOf: Data(bytes))
    try h.close()
}

func fileSize(_ path: String) -> Int {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : -1
}

func fileMode(_ path: String) -> mode_t {
    var st = stat()
    return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
}

/// Byte offsets of every occurrence of `needle`.
func offsets(of needle: String, in bytes: [UInt8]) -> [Int] {
    let n = Array(needle.utf8)
    guard !n.isEmpty, bytes.count >= n.count else { return [] }
    var out: [Int] = []
    var i = 0
    while i <= bytes.count - n.count {
        if bytes[i] == n[0] && Array(bytes[i..<i + n.count]) == n { out.append(i) }
        i += 1
    }
    return out
}

/// 1-based line, and 1-based column counted in characters (UTF-8 lead bytes), of a byte offset.
func lineColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
    var line = 1, lineStart = 0
    for k in 0..<min(offset, bytes.count) where bytes[k] == 0x0A {
        line += 1
        lineStart = k + 1
    }
    let column = bytes[lineStart..<min(offset, bytes.count)].filter { $0 & 0xC0 != 0x80 }.count + 1
    return (line, column)
}

func replacing(_ bytes: [UInt8], at offset: Int, length: Int, with new: [UInt8]) -> [UInt8] {
    Array(bytes[..<offset]) + new + Array(bytes[(offset + length)...])
}

func replacingFirst(_ needle: String, with new: String, in bytes: [UInt8], occurrence: Int = 0) throws -> (bytes: [UInt8], offset: Int) {
    let all = offsets(of: needle, in: bytes)
    let at = try #require(all.count > occurrence ? all[occurrence] : nil, "no occurrence \(occurrence) of \(needle)")
    return (replacing(bytes, at: at, length: needle.utf8.count, with: Array(new.utf8)), at)
}

// MARK: Edits

/// A copy of a workstream with its in-year rating changed (with a comment, as the rules require).
func changed(_ ws: Workstream, by user: String = "tester", comment: String = "evidence", kind: RatingKind = .inYear) -> Workstream {
    var w = ws
    let next = [RAG.green, .amber, .red, .amberGreen].first { $0 != w.rating(kind) }!
    try! w.rate(kind, to: next, by: user, at: "2021-11-03T10:00:00Z", comment: comment)
    return w
}

/// Commits a rating change to one workstream, based on the revision the store holds.
@discardableResult
func commitChange(_ store: Store, _ id: String, by user: String = "tester", note: String = "edit") throws -> JournalEntry {
    let ws = try #require(store.board.workstreams[id])
    return try store.commit(.workstream(changed(ws, by: user, comment: note)), baseRev: ws.rev, by: user, note: note)
}

// MARK: Problems

/// The problems a `Store(path:)` open reports, or nil (with an issue recorded) when it throws something else or opens.
func openProblems(_ path: String, readOnly: Bool, sourceLocation: SourceLocation = #_sourceLocation) -> [Problem]? {
    do {
        _ = try Store(path: path, readOnly: readOnly)
        Issue.record("Store(path:readOnly: \(readOnly)) opened a store that should have been refused", sourceLocation: sourceLocation)
        return nil
    } catch StoreError.problems(let ps) {
        return ps
    } catch {
        Issue.record("Store(path:readOnly: \(readOnly)) threw \(error), expected StoreError.problems", sourceLocation: sourceLocation)
        return nil
    }
}

struct ExpectedProblem: CustomStringConvertible {
    var file: String
    /// Accepted lines (empty: any).
    var lines: Set<Int> = []
    /// Accepted columns (empty: any).
    var columns: Set<Int> = []
    /// Every one of these must appear in the reason.
    var reason: [String]

    func matches(_ p: Problem) -> Bool {
        p.file == file && !p.reason.isEmpty && (lines.isEmpty || lines.contains(p.line)) && (columns.isEmpty || columns.contains(p.column))
            && reason.allSatisfy { p.reason.contains($0) }
    }

    var description: String { "\(file):\(lines.sorted()):\(columns.sorted()): reason containing \(reason)" }
}

/// Checks that validate, a read-only open and a writable open all report the expected problem, and that
/// none of them changes any file's bytes (a writable open may create the lock file, and nothing else).
func expectProblem(_ expected: ExpectedProblem, in path: String, opens: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
    let before = folderContents(path)

    let validated = Store.validate(path)
    #expect(validated.contains { expected.matches($0) }, "validate: expected \(expected), got \(validated)", sourceLocation: sourceLocation)
    #expect(folderContents(path) == before, "validate changed the folder", sourceLocation: sourceLocation)

    guard opens else { return }
    if let ps = openProblems(path, readOnly: true, sourceLocation: sourceLocation) {
        #expect(ps.contains { expected.matches($0) }, "read-only open: expected \(expected), got \(ps)", sourceLocation: sourceLocation)
    }
    #expect(folderContents(path) == before, "a read-only open changed the folder", sourceLocation: sourceLocation)

    if let ps = openProblems(path, readOnly: false, sourceLocation: sourceLocation) {
        #expect(ps.contains { expected.matches($0) }, "writable open: expected \(expected), got \(ps)", sourceLocation: sourceLocation)
    }
    var after = folderContents(path)
    var expectedAfter = before
    after.removeValue(forKey: Store.lockName)
    expectedAfter.removeValue(forKey: Store.lockName)
    #expect(after == expectedAfter, "a refused writable open changed a file", sourceLocation: sourceLocation)
}

// MARK: The contending writer

/// `vrboard-hammer`, built with the tests.
func hammerBinary() throws -> String {
    let url = Paths.executable("vrboard-hammer")
    return try #require(
        FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil,
        "vrboard-hammer not found at \(url.path); run `swift build --build-tests` first")
}

/// One `ack SEQ ID REV USER N` line from `vrboard-hammer`.
struct Ack: Equatable, CustomStringConvertible {
    var seq: Int
    var id: String
    var rev: Int
    var user: String
    var n: Int
    init?(_ line: Substring) {
        let f = line.split(separator: " ")
        guard f.count == 6, f[0] == "ack", let seq = Int(f[1]), let rev = Int(f[3]), let n = Int(f[5]) else { return nil }
        self.seq = seq
        self.id = String(f[2])
        self.rev = rev
        self.user = String(f[4])
        self.n = n
    }
    var description: String { "ack \(seq) \(id) \(rev) \(user) \(n)" }
}

/// A running `vrboard-bench hammer`, its acknowledgements read from its standard output as they arrive.
final class Hammer {
    let process = Process()
    private let out = Pipe()
    private let err = Pipe()
    private var pending: [UInt8] = []
    private(set) var acks: [Ack] = []
    private(set) var badLines: [String] = []
    private(set) var outputClosed = false
    private(set) var errorText = ""

    init(
        binary: String, store: String, count: Int, user: String, workstream: String? = nil, segmentBytes: Int? = nil,
        reopen: Bool = false, noteBytes: Int? = nil, retryErrors: Bool = false
    ) throws {
        process.executableURL = URL(fileURLWithPath: binary)
        var args = ["--store", store, "--count", String(count), "--user", user]
        if let workstream { args += ["--workstream", workstream] }
        if let segmentBytes { args += ["--segment-bytes", String(segmentBytes)] }
        if reopen { args.append("--reopen") }
        if retryErrors { args.append("--retry-errors") }
        if let noteBytes { args += ["--note-bytes", String(noteBytes)] }
        process.arguments = args
        process.standardOutput = out
        process.standardError = err
        try process.run()
    }

    /// Reads whatever arrives on standard output within `milliseconds`.
    func pump(milliseconds: Int32) {
        guard !outputClosed else { return }
        guard let chunk = Hammer.readChunk(out.fileHandleForReading.fileDescriptor, milliseconds: milliseconds) else { return }
        if chunk.isEmpty {
            outputClosed = true
            return
        }
        pending += chunk
        while let nl = pending.firstIndex(of: 0x0A) {
            let line = String(decoding: pending[..<nl], as: UTF8.self)
            pending.removeSubrange(...nl)
            if let a = Ack(line[...]) { acks.append(a) } else { badLines.append(line) }
        }
    }

    /// nil: nothing to read within the time; empty: end of file; else the bytes read.
    private static func readChunk(_ fd: Int32, milliseconds: Int32) -> [UInt8]? {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&p, 1, max(0, milliseconds)) > 0 else { return nil }
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        let n = read(fd, &buf, buf.count)
        return n <= 0 ? [] : Array(buf[0..<n])
    }

    func kill() { _ = Glibc.kill(process.processIdentifier, SIGKILL) }

    /// Waits for the process to end and reads the rest of what it wrote.
    func finish() {
        process.waitUntilExit()
        while !outputClosed {
            let seen = acks.count + badLines.count + pending.count
            pump(milliseconds: 0)
            if acks.count + badLines.count + pending.count == seen { break }
        }
        var errBytes: [UInt8] = []
        while let chunk = Hammer.readChunk(err.fileHandleForReading.fileDescriptor, milliseconds: 0), !chunk.isEmpty { errBytes += chunk }
        errorText = String(decoding: errBytes, as: UTF8.self)
        try? out.fileHandleForReading.close()
        try? err.fileHandleForReading.close()
    }

    var killedBySIGKILL: Bool { process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL }
    var exitedCleanly: Bool { process.terminationReason == .exit && process.terminationStatus == 0 }
}

func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// A writer that never rewrites snapshots, so every change it makes lives only in the journal
/// (what a store looks like between checkpoints, or after a crash before one).
func openWithoutCheckpoints(_ path: String) throws -> Store {
    let s = try Store(path: path)
    s.eagerCheckpointBytes = 0
    s.checkpointEvery = 1_000_000
    return s
}

extension Hammer {
    /// Reads every hammer's acknowledgements until all have finished; past `limit` (a hang, not a speed
    /// check) kills them and records that they did not finish.
    static func finishAll(
        _ hammers: [Hammer], limit: UInt64 = ProcessTests.hangLimitNanoseconds, _ what: String = "hammer processes did not finish"
    ) {
        let start = monotonicNanoseconds()
        while hammers.contains(where: { $0.process.isRunning }) {
            for h in hammers { h.pump(milliseconds: 10) }
            if monotonicNanoseconds() - start > limit {
                hammers.forEach { $0.kill() }
                Issue.record("\(what)")
                break
            }
        }
        for h in hammers { h.finish() }
    }
}

/// Every acknowledged save is in the journal as acknowledged (its document, revision and author), and the
/// journal's sequence runs 1...n without a gap.
func expectAcknowledged(_ acks: [Ack], in journal: [JournalEntry], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(journal.map(\.seq) == Array(1..<(journal.count + 1)), "seqs 1...n with no gap", sourceLocation: sourceLocation)
    let bySeq = Dictionary(journal.map { ($0.seq, $0) }, uniquingKeysWith: { a, _ in a })
    for a in acks {
        guard let e = bySeq[a.seq] else {
            Issue.record("acknowledged \(a) is not in the journal", sourceLocation: sourceLocation)
            continue
        }
        #expect(e.id == a.id && e.rev == a.rev && e.by == a.user, "\(a) vs journal \(e.seq) \(e.id) \(e.rev) \(e.by)", sourceLocation: sourceLocation)
    }
}
