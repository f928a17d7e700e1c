#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing
import VRModel
import VRStore
import VRGenerate
@testable import vrboard_bench

// What a failed write does to a save. The commit point is the fdatasync'd journal append: once it is
// durable the save has happened, whatever then goes wrong rewriting the snapshots; if the append itself
// fails, nothing is recorded and the caller is told so.

/// The journal's complete lines, each decoded.
private func journalEntries(_ path: String) throws -> [JournalEntry] {
    let bytes = try readBytes(path + "/" + Store.journalName)
    return try bytes.split(separator: 0x0A).map { try JSONDecoder().decode(JournalEntry.self, from: Data($0)) }
}

private func tempFiles(_ dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".tmp-") }
}

@Suite struct CheckpointFailureTests {
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// The checkpoint cannot create its temp file (`.workstreams.json.tmp-PID`).
        case openTempFile
        /// The checkpoint writes its temp files but cannot rename them over the snapshots.
        case rename
        var testDescription: String { rawValue }

        /// Injects the fault for the store at `path`; returns the prefix to clear.
        func inject(_ path: String) -> String {
            switch self {
            case .openTempFile:
                // Narrower than `path + "/."`, which would also fail a read-only open of `.vrboard.lock`.
                let prefix = path + "/.workstreams.json.tmp-"
                FaultInjection.fail("open", under: prefix, errno: EACCES)
                return prefix
            case .rename:
                FaultInjection.fail("rename", under: path, errno: EACCES)
                return path
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func aSaveSucceedsWhenOnlyTheCheckpointFails(_ fault: Fault) throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            let snapshotsBefore = snapshotFiles(path)
            var prefix = fault.inject(path)
            defer { FaultInjection.clear(under: prefix) }

            // The append is durable, the snapshots cannot be rewritten: the save returns all the same.
            let first = try commitChange(s, "WS-1", note: "first")
            #expect(first.seq == 1)
            #expect(s.lastSeq == 1)
            #expect(s.board.workstreams["WS-1"]?.rev == 2)
            let problem = try #require(s.checkpointProblem, "a failed checkpoint is reported")
            #expect(problem.contains("saved in the journal"), "\(problem)")
            #expect(problem.contains("EACCES") || problem.contains("ermission"), "\(problem)")
            #expect(snapshotFiles(path) == snapshotsBefore, "no snapshot was rewritten")
            #expect(try checkpointSeq(path) == 0)
            #expect(tempFiles(path).isEmpty, "no temp file left: \(tempFiles(path))")
            #expect(try journalEntries(path) == [first])

            // Another reader sees the change, replayed from the journal.
            let reader = try Store(path: path, readOnly: true)
            #expect(reader.board == s.board)
            #expect(reader.lastSeq == 1)
            try reader.close()

            // Still failing: the next save also lands, and the problem stays.
            let second = try commitChange(s, "WS-2", note: "second")
            #expect(second.seq == 2)
            #expect(s.checkpointProblem != nil)
            #expect(try checkpointSeq(path) == 0)

            // Fixed: the next save retries the checkpoint and catches the snapshots up.
            FaultInjection.clear(under: prefix)
            let third = try commitChange(s, "WS-3", note: "third")
            #expect(third.seq == 3)
            #expect(s.checkpointProblem == nil)
            #expect(try checkpointSeq(path) == 3)
            let ws = try JSONSerialization.jsonObject(with: Data(try readBytes(path + "/workstreams.json"))) as? [String: Any]
            #expect(ws?["journalSeq"] as? Int == 3)
            let docs = ws?["documents"] as? [[String: Any]] ?? []
            for id in ["WS-1", "WS-2", "WS-3"] {
                #expect(docs.first { $0["id"] as? String == id }?["rev"] as? Int == 2, "\(id) in the snapshot")
            }
            #expect(Store.validate(path).isEmpty)

            // A close whose checkpoint fails does not throw: the change is in the journal.
            prefix = fault.inject(path)
            let fourth = try commitChange(s, "WS-4", note: "fourth")
            #expect(fourth.seq == 4)
            #expect(s.checkpointProblem != nil)
            let expected = s.board
            #expect(throws: Never.self) { try s.close() }
            #expect(s.checkpointProblem != nil)
            #expect(try checkpointSeq(path) == 3)
            FaultInjection.clear(under: prefix)

            // The next writer replays it and writes it out on close.
            let again = try Store(path: path)
            #expect(again.board == expected)
            #expect(again.lastSeq == 4)
            try again.close()
            #expect(again.checkpointProblem == nil)
            #expect(try checkpointSeq(path) == 4)
            #expect(Store.check(path).problems.isEmpty)
            #expect(try journalEntries(path).map(\.seq) == [1, 2, 3, 4])
        }
    }
}

@Suite struct AppendFailureTests {
    enum Fault: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case writeENOSPC, fdatasyncEIO
        var testDescription: String { rawValue }
        var operation: String { self == .writeENOSPC ? "write" : "fdatasync" }
        var code: Int32 { self == .writeENOSPC ? ENOSPC : EIO }
    }

    @Test(arguments: Fault.allCases)
    func aFailedAppendSavesNothingAndSaysSo(_ fault: Fault) throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let journal = path + "/" + Store.journalName
            let s = try Store(path: path)
            let baseline = try commitChange(s, "WS-0", note: "baseline")
            let journalBefore = try readBytes(journal)
            let boardBefore = s.board
            let folderBefore = folderContents(path)

            FaultInjection.fail(fault.operation, under: journal, errno: fault.code)
            defer { FaultInjection.clear(under: journal) }
            do {
                let e = try commitChange(s, "WS-1", note: "doomed")
                Issue.record("the save was reported as done: \(e)")
            } catch StoreError.appendFailed(let failure, let recorded) {
                #expect(recorded == .no)
                #expect(failure.operation == fault.operation)
                #expect(failure.code == fault.code)
                let text = StoreError.appendFailed(failure, recorded: recorded).description
                #expect(text.contains("not saved"), "\(text)")
                #expect(text.contains("nothing was recorded"), "\(text)")
            } catch {
                Issue.record("expected StoreError.appendFailed, got \(error)")
            }
            #expect(try readBytes(journal) == journalBefore, "the journal's bytes changed")
            #expect(folderContents(path) == folderBefore, "a file changed")
            #expect(s.board == boardBefore)
            #expect(s.lastSeq == 1)

            let reader = try Store(path: path, readOnly: true)
            #expect(reader.board == boardBefore)
            #expect(try reader.journal() == [baseline])
            try reader.close()

            // Once the disk is back, the same store saves.
            FaultInjection.clear(under: journal)
            let e = try commitChange(s, "WS-1", note: "retried")
            #expect(e.seq == 2)
            #expect(s.board.workstreams["WS-1"]?.rev == 2)
            let result = Store.check(path)
            #expect(result.problems.isEmpty, "\(result.problems)")
            #expect(result.warnings.isEmpty, "\(result.warnings)")
            let after = try Store(path: path, readOnly: true)
            #expect(after.board == s.board)
            #expect(try after.journal().map(\.note) == ["baseline", "retried"])
        }
    }
}

@Suite struct FullDiskTests {
    /// Runs a program to completion; its status and what it wrote to stderr.
    private static func run(_ tool: String, _ args: [String]) -> (status: Int32, error: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        do { try p.run() } catch { return (-1, "\(error)") }
        let data = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A real full disk: a 300 KiB tmpfs. Needs root (mount); anywhere else the test says why and returns.
    @Test func everyAcknowledgedSaveSurvivesAFullDisk() throws {
        guard getuid() == 0 else {
            print("FullDiskTests: skipped: mounting a tmpfs needs root (uid \(getuid()))")
            return
        }
        guard let mount = ["/usr/bin/mount", "/bin/mount"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
            let umount = ["/usr/bin/umount", "/bin/umount"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else {
            print("FullDiskTests: skipped: no mount/umount program")
            return
        }
        try withTempDir { dir in
            let mnt = dir + "/mnt"
            try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
            let mounted = Self.run(mount, ["-t", "tmpfs", "-o", "size=300k", "tmpfs", mnt])
            guard mounted.status == 0 else {
                print("FullDiskTests: skipped: cannot mount a tmpfs here (exit \(mounted.status)): \(mounted.error)")
                return
            }
            defer {
                if Self.run(umount, [mnt]).status != 0 { _ = Self.run(umount, ["-l", mnt]) }
            }
            let path = mnt + "/store"
            try Store.create(at: path, board: Generator.board(workstreams: 6, risks: 3), dataset: "test")

            let writer = try Store(path: path)
            // Each comment is kept in the workstream's history, so lines and snapshots grow until the disk is full.
            let comment = String(repeating: "Evidence of delivery against the plan. ", count: 50)
            var acknowledged: [JournalEntry] = []
            var failedNotes: [String] = []
            for attempt in 0..<100 {
                let id = "WS-\(attempt % 6)"
                let ws = try #require(writer.board.workstreams[id])
                let note = "attempt \(attempt)"
                do {
                    let e = try writer.commit(.workstream(changed(ws, comment: comment + note)), baseRev: ws.rev, by: "tester", note: note)
                    acknowledged.append(e)
                } catch StoreError.appendFailed(let f, let recorded) {
                    #expect(recorded == .no, "attempt \(attempt): \(f)")
                    #expect(f.code == ENOSPC, "attempt \(attempt): \(f)")
                    failedNotes.append(note)
                } catch {
                    Issue.record("attempt \(attempt): expected appendFailed(ENOSPC), got \(error)")
                    failedNotes.append(note)
                }
            }
            let expectedBoard = writer.board
            try? writer.close()
            print("FullDiskTests: \(acknowledged.count) saves acknowledged, then \(failedNotes.count) refused on a full disk")
            #expect(!acknowledged.isEmpty, "no save fitted on the disk")
            try #require(!failedNotes.isEmpty, "the disk never filled in 100 saves; the test proves nothing")

            // Every acknowledged save is there after reopening; none that failed is.
            let reader = try Store(path: path, readOnly: true)
            let entries = try reader.journal()
            #expect(entries.count == acknowledged.count)
            #expect(entries == acknowledged)
            #expect(entries.map(\.seq) == (0..<acknowledged.count).map { $0 + 1 }, "the sequence has no gap")
            let recordedNotes = Set(entries.map(\.note))
            #expect(failedNotes.allSatisfy { !recordedNotes.contains($0) }, "a failed save was recorded")
            #expect(reader.board == expectedBoard)
            #expect(reader.lastSeq == acknowledged.count)
            try reader.close()
            let result = Store.check(path)
            #expect(result.problems.isEmpty, "\(result.problems)")
        }
    }
}
