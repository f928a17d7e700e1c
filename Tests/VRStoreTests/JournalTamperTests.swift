#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing
import VRModel
import VRStore
import VRStoreAPI
import VRUI
@testable import vrboard_bench

// A journal that has been damaged or forged: validate places the problem, opening refuses what it reads,
// the board turns read-only when its background check finds it, and `repair` recovers with a backup.

private let lineEncoder: JSONEncoder = {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return e
}()

/// Byte ranges of the journal's lines (without their newlines), and what follows the last newline.
private func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
    var out: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        out.append(start..<i)
        start = i + 1
    }
    return out
}

/// The folder without the lock file (which a writable open may create, and which repair does not copy).
private func withoutLock(_ contents: [String: [UInt8]]) -> [String: [UInt8]] {
    contents.filter { $0.key != Store.lockName }
}

/// Commits one rating change to each of `ids` in turn, with notes "note 1", "note 2", …
@discardableResult
private func commitChanges(_ s: Store, _ ids: [String]) throws -> [JournalEntry] {
    try ids.enumerated().map { try commitChange(s, $0.element, note: "note \($0.offset + 1)") }
}

/// A store with one rating change to each of `ids`, closed.
private func storeWithChanges(in dir: String, _ ids: [String]) throws -> String {
    let path = try makeStore(in: dir)
    let s = try Store(path: path)
    try commitChanges(s, ids)
    try s.close()
    return path
}

@Suite struct JournalTamperTests {
    // MARK: The quick check reads headers; validate reads every line whole

    @Test(
        "the quick check (rag's, the board's) catches a forged sequence, revision, byte or line from the headers; a body of the wrong shape is validate's"
    )
    func quickCheckReadsHeaders() throws {
        try withTempDir { dir in
            let path = try storeWithChanges(in: dir, ["WS-0", "WS-1", "WS-2", "WS-3"])
            let journal = path + "/" + Store.journalName
            let sound = try readBytes(journal)
            #expect(Store.verifyJournal(path).problems.isEmpty && Store.verifyJournal(path).entries == 4)
            func damaged(_ change: (inout String) -> Void) throws -> [Problem] {
                let third = lineRanges(sound)[2]
                var line = String(decoding: sound[third], as: UTF8.self)
                change(&line)
                try writeBytes(Array(sound[..<third.lowerBound]) + Array(line.utf8) + Array(sound[third.upperBound...]), to: journal)
                defer { try? writeBytes(sound, to: journal) }
                return Store.verifyJournal(path).problems
            }
            // The third line: seq 3, a whole workstream (its first entry in this file).
            #expect(try damaged { $0 = $0.replacingOccurrences(of: "\"seq\":3", with: "\"seq\":9") }.first?.reason.contains("sequence jumps") == true)
            #expect(try damaged { $0 = $0.replacingOccurrences(of: "\"rev\":2", with: "\"rev\":7") }.first?.line == 3)
            #expect(try damaged { $0 = String($0.dropLast(5)) }.first?.line == 3, "a line cut short does not parse")
            let bad = lineRanges(sound)[2]
            var bytes = sound
            bytes[bad.lowerBound + bad.count / 2] = 0xFF
            try writeBytes(bytes, to: journal)
            #expect(Store.verifyJournal(path).problems.first?.line == 3, "invalid UTF-8 inside the document the header skips")
            try writeBytes(sound, to: journal)
            // A field of the wrong type inside the document: the chain holds, so the quick check passes it;
            // validate, which decodes every line whole, places it.
            let wrong = try damaged { $0 = $0.replacingOccurrences(of: "\"archived\":false", with: "\"archived\":\"no\"") }
            #expect(wrong.isEmpty, "\(wrong)")
            let third = lineRanges(sound)[2]
            var line = String(decoding: sound[third], as: UTF8.self)
            #expect(line.contains("\"archived\":false"))
            line = line.replacingOccurrences(of: "\"archived\":false", with: "\"archived\":\"no\"")
            try writeBytes(Array(sound[..<third.lowerBound]) + Array(line.utf8) + Array(sound[third.upperBound...]), to: journal)
            #expect(Store.validate(path).contains { $0.file == Store.journalName && $0.line == 3 }, "\(Store.validate(path))")
        }
    }

    // MARK: What the line-by-line reading tolerated

    @Test("a byte-order mark at the journal's start: validate says where, repair removes it, history reads again")
    func byteOrderMark() throws {
        try withTempDir { dir in
            let path = try storeWithChanges(in: dir, ["WS-0", "WS-1"])
            let journal = path + "/" + Store.journalName
            try Data([0xEF, 0xBB, 0xBF] + (try readBytes(journal))).write(to: URL(fileURLWithPath: journal))
            let problems = Store.validate(path)
            #expect(problems.map(\.description).contains { $0.hasPrefix("journal.jsonl:1:1:") && $0.contains("byte-order mark") }, "\(problems)")
            let dry = try Store.repair(path, dryRun: true)
            #expect(dry.fileChanges == ["journal.jsonl: removes the byte-order mark at its start"] && dry.removed.isEmpty)
            let report = try Store.repair(path, dryRun: false)
            #expect(report.backup != nil && report.removed.isEmpty)
            #expect(Store.validate(path).isEmpty)
            #expect(try Store.history(path, HistoryQuery(limit: 10)).entries.map(\.seq) == [2, 1])
        }
    }

    @Test("a snapshot's revision changed by hand is reported at its place")
    func forgedSnapshotRevision() throws {
        try withTempDir { dir in
            let path = try storeWithChanges(in: dir, ["WS-0"])
            let file = path + "/workstreams.json"
            var text = String(decoding: try readBytes(file), as: UTF8.self)
            let rev = try #require(text.range(of: "\"rev\" : 2,"))
            text.replaceSubrange(rev, with: "\"rev\" : 5,")
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let problems = Store.validate(path).map(\.description)
            #expect(
                problems.contains { $0.hasPrefix("workstreams.json:") && $0.contains("workstreams/WS-0: rev 5") && $0.contains("changed by hand") },
                "\(problems)")
        }
    }

    @Test("a key named twice, in a snapshot or a journal line, is refused with its place")
    func duplicateKeys() throws {
        try withTempDir { dir in
            let path = try storeWithChanges(in: dir, ["WS-0"])
            let file = path + "/risks.json"
            var text = String(decoding: try readBytes(file), as: UTF8.self)
            let title = try #require(text.range(of: "\"title\" : "))
            text.insert(contentsOf: "\"title\" : \"Second\",\n      ", at: title.lowerBound)
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let journal = path + "/" + Store.journalName
            var line = String(decoding: try readBytes(journal), as: UTF8.self)
            line.insert(contentsOf: "\"by\":\"someone else\",", at: line.index(after: line.startIndex))
            try Data(line.utf8).write(to: URL(fileURLWithPath: journal))
            let problems = Store.validate(path).map(\.description)
            #expect(problems.contains { $0.hasPrefix("risks.json:") && $0.contains("duplicate key \"title\"") }, "\(problems)")
            #expect(problems.contains { $0.hasPrefix("journal.jsonl:1:") && $0.contains("duplicate key \"by\"") }, "\(problems)")
        }
    }

    // MARK: A bad line in the middle

    @Test("a bad line in the middle: validate places it, and the board turns read-only and says why")
    func badMiddleLine() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            try commitChanges(s, ["WS-0", "WS-1", "WS-2", "WS-3", "WS-4"])
            try s.close()
            #expect(try checkpointSeq(path) == 5)

            let journal = path + "/" + Store.journalName
            var bytes = try readBytes(journal)
            let third = lineRanges(bytes)[2]
            let at = try #require(offsets(of: ",\"baseRev\"", in: bytes).first { third.contains($0) })
            bytes[at] = UInt8(ascii: "#")
            try writeBytes(bytes, to: journal)
            let (line, column) = lineColumn(of: at, in: bytes)
            #expect(line == 3)

            let before = folderContents(path)
            let result = Store.check(path)
            #expect(
                result.problems.contains { $0.file == Store.journalName && $0.line == 3 && $0.column == column },
                "expected journal.jsonl:3:\(column), got \(result.problems)")
            #expect(result.problems.allSatisfy { $0.file == Store.journalName }, "\(result.problems)")
            let verified = Store.verifyJournal(path)
            #expect(!verified.problems.isEmpty)
            #expect(verified.problems.first?.line == 3)
            #expect(folderContents(path) == before, "checking changed a file")

            // The line is before the checkpoint, so the board opens; its background check then reports it.
            let board = try Store(path: path, readOnly: true).board
            let damage = try #require(verified.problems.first).description
            var st = AppState(board: board, width: 120, height: 36)
            _ = update(&st, .journalDamaged(damage))
            #expect(st.readOnly)
            #expect(st.message?.contains("repair") == true, "\(st.message ?? "no message")")
            #expect(render(st).lines[0].contains("READ-ONLY"))

            // An edit key is refused, saying why.
            _ = update(&st, .show(.workstreams))
            WorkstreamsScreen.show(priority: try #require(board.orderedPriorities.first).id, &st)
            let effects = update(&st, .key(.char("r")))
            #expect(effects.isEmpty)
            #expect(st.modal == nil)
            #expect(st.message?.hasPrefix("Read-only: the journal does not check") == true, "\(st.message ?? "no message")")

            // History says the journal cannot be read, never "0 changes".
            st.screen = .history
            let history = render(st).text
            #expect(history.contains("The journal cannot be read"), "\(history)")
            #expect(!history.contains("0 changes"), "\(history)")
        }
    }

    @Test("a history that cannot be loaded says so instead of showing no changes")
    func historyFailed() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let board = try Store(path: path, readOnly: true).board
            var st = AppState(board: board, width: 120, height: 36)
            st.screen = .history
            #expect(render(st).text.contains("0 changes"), "the control: an empty history reads as 0 changes")
            _ = update(&st, .historyFailed("journal.jsonl:4:7: unexpected character"))
            let text = render(st).text
            #expect(text.contains("The journal cannot be read"), "\(text)")
            #expect(text.contains("journal.jsonl:4:7"), "\(text)")
            #expect(!text.contains("0 changes"), "\(text)")
            #expect(st.message?.contains("The journal cannot be read") == true)
            // A later successful load clears it from the table (the status line keeps its message until a key).
            _ = update(
                &st,
                .historyLoaded([
                    HistoryItem(seq: 1, at: "2021-11-03T10:00:00Z", by: "alice", collection: "workstreams", id: "WS-1", rev: 2, note: "fine")
                ]))
            let table = render(st).lines.dropLast().joined(separator: "\n")
            #expect(!table.contains("cannot be read"), "\(table)")
            #expect(table.contains("1 change"), "\(table)")
        }
    }

    // MARK: Forged and edited lines

    @Test("a forged tail line whose sequence jumps is refused by check and by both opens")
    func forgedSequenceJump() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            let entries = try commitChanges(s, (0..<10).map { "WS-\($0 % 6)" })
            #expect(entries.last?.seq == 10)
            // Otherwise a perfect next change of WS-1: only its sequence is wrong.
            let ws = try #require(s.board.workstreams["WS-1"])
            var next = changed(ws, by: "mallory", comment: "forged")
            next.rev = ws.rev + 1
            try s.close()
            let forged = JournalEntry(seq: 60, at: "2021-11-04T10:00:00Z", by: "mallory", note: "forged", baseRev: ws.rev, doc: .workstream(next))
            try appendBytes([UInt8](try lineEncoder.encode(forged)) + [0x0A], to: path + "/" + Store.journalName)

            expectProblem(ExpectedProblem(file: Store.journalName, lines: [11], reason: ["sequence jumps from 10 to 60"]), in: path)
        }
    }

    @Test("a middle line edited to rev 500 is reported")
    func middleLineEditedRevision() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            try commitChanges(s, ["WS-0", "WS-1", "WS-2", "WS-3", "WS-4"])
            try s.close()
            #expect(Store.validate(path).isEmpty)

            let journal = path + "/" + Store.journalName
            let bytes = try readBytes(journal)
            let third = lineRanges(bytes)[2]
            var line = String(decoding: bytes[third], as: UTF8.self)
            #expect(line.contains("\"rev\":2"))
            line = line.replacingOccurrences(of: "\"rev\":2", with: "\"rev\":500")
            let edited = Array(bytes[..<third.lowerBound]) + Array(line.utf8) + Array(bytes[third.upperBound...])
            try writeBytes(edited, to: journal)

            let before = folderContents(path)
            let problems = Store.validate(path)
            #expect(
                problems.contains { $0.file == Store.journalName && $0.line == 3 && $0.reason.contains("rev 500") },
                "expected journal.jsonl:3 naming rev 500, got \(problems)")
            #expect(!Store.verifyJournal(path).problems.isEmpty)
            #expect(folderContents(path) == before)
        }
    }

    @Test("a checkpoint past the end of the journal is reported, and opening refuses it")
    func checkpointPastTheEnd() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            try commitChanges(s, ["WS-0", "WS-1", "WS-2"])
            try s.close()
            let manifest = path + "/" + Store.manifestName
            let (bytes, _) = try replacingFirst("\"checkpointSeq\" : 3", with: "\"checkpointSeq\" : 7", in: try readBytes(manifest))
            try writeBytes(bytes, to: manifest)

            expectProblem(
                ExpectedProblem(file: Store.manifestName, lines: [1], reason: ["checkpointSeq 7", "past the end of the journal"]), in: path)
        }
    }

    // MARK: Damage repair recovers from

    @Test("a cut acknowledged last line: the writer refuses it, repair cuts it with a backup, the store opens")
    func truncatedAcknowledgedLastLine() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            let entries = try commitChanges(s, ["WS-0", "WS-1", "WS-2", "WS-3"])
            let expectedBoard = s.board
            try s.close()
            #expect(try checkpointSeq(path) == 4, "the last change is acknowledged and in the snapshots")

            let journal = path + "/" + Store.journalName
            let bytes = try readBytes(journal)
            let last = try #require(lineRanges(bytes).last)
            try writeBytes(Array(bytes[..<(last.lowerBound + last.count / 2)]), to: journal)
            let damaged = withoutLock(folderContents(path))

            do {
                _ = try Store(path: path)
                Issue.record("a writer opened a journal whose acknowledged last line is cut")
            } catch StoreError.problems(let ps) {
                let p = try #require(ps.first)
                #expect(ps.count == 1)
                #expect(p.file == Store.journalName && p.line == 4, "\(p)")
                #expect(p.reason.contains("was saved"), "\(p)")
                #expect(p.reason.contains("vrboard repair"), "\(p)")
            }
            #expect(withoutLock(folderContents(path)) == damaged, "the refused writer changed a file")
            // validate reports it as a problem (not a warning: the change was acknowledged).
            let checked = Store.check(path)
            #expect(
                checked.problems.contains { $0.file == Store.journalName && $0.line == 4 && $0.reason.contains("was saved") }, "\(checked.problems)")

            let report = try Store.repair(path, dryRun: false)
            let backup = try #require(report.backup)
            #expect(withoutLock(folderContents(path + "/" + backup)) == damaged, "the backup holds every original file")
            #expect(report.removed.count == 1)
            let removed = try #require(report.removed.first)
            #expect(removed.line == 4)
            #expect(removed.seq == 4)
            #expect(removed.heldBySnapshots)
            #expect(report.unrepairable.isEmpty)

            #expect(try readBytes(journal) == Array(bytes[..<last.lowerBound]), "exactly the cut line is gone")
            let reopened = try Store(path: path)
            #expect(reopened.board == expectedBoard, "the snapshots still hold change 4")
            #expect(reopened.lastSeq == 4)
            #expect(try reopened.journal().map(\.seq) == entries.dropLast().map(\.seq))
            let next = try commitChange(reopened, "WS-5", note: "after repair")
            #expect(next.seq == 5)
            try reopened.close()
            let after = Store.check(path)
            #expect(after.problems.isEmpty, "\(after.problems)")
            #expect(after.warnings.isEmpty, "\(after.warnings)")
        }
    }

    @Test("a last line with an invalid UTF-8 byte: placed on open; repair, dry then real, removes just it")
    func invalidUTF8LastLine() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let boardBefore4: Board
            do {
                let s = try openWithoutCheckpoints(path)
                try commitChanges(s, ["WS-0", "WS-1", "WS-2"])
                boardBefore4 = s.board
                try commitChange(s, "WS-3", note: "note 4")
            }
            let journal = path + "/" + Store.journalName
            var bytes = try readBytes(journal)
            let fourth = lineRanges(bytes)[3]
            let at = try #require(offsets(of: "note 4", in: bytes).first { fourth.contains($0) })
            bytes[at] = 0xFF
            try writeBytes(bytes, to: journal)
            let (line, column) = lineColumn(of: at, in: bytes)
            #expect(line == 4)

            expectProblem(ExpectedProblem(file: Store.journalName, lines: [4], columns: [column], reason: []), in: path)
            let damaged = folderContents(path)

            // A dry run reports and changes nothing.
            let dry = try Store.repair(path, dryRun: true)
            #expect(dry.backup == nil)
            #expect(dry.removed.map(\.line) == [4])
            #expect(folderContents(path) == damaged, "a dry run changed the folder")

            let report = try Store.repair(path, dryRun: false)
            #expect(report.removed == dry.removed, "the dry run said what the repair did")
            let removed = try #require(report.removed.first)
            #expect(removed.line == 4)
            #expect(removed.seq == 4)
            #expect(!removed.heldBySnapshots, "the change was never checkpointed")
            let backup = try #require(report.backup)
            #expect(backup.hasPrefix("backup-repair-"))
            #expect(folderContents(path + "/" + backup) == withoutLock(damaged), "the backup holds byte-identical copies of every file")

            let s = try Store(path: path)
            #expect(s.board == boardBefore4, "every change before the removed line is kept")
            #expect(try s.journal().map(\.seq) == [1, 2, 3])
            let next = try commitChange(s, "WS-4", note: "after repair")
            #expect(next.seq == 5, "the removed change's number is not reused")
            try s.close()
            let after = Store.check(path)
            #expect(after.problems.isEmpty, "\(after.problems)")
        }
    }

    @Test("a torn last line that was never acknowledged is a warning, not a problem")
    func tornUnacknowledgedLastLine() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try openWithoutCheckpoints(path)
            try commitChanges(s, ["WS-0", "WS-1", "WS-2"])
            try appendBytes(Array("{\"at\":\"2021-11-03T10:00:00Z\",\"baseRev\":1,\"by\":\"tes".utf8), to: path + "/" + Store.journalName)
            let before = folderContents(path)
            let result = Store.check(path)
            #expect(result.problems.isEmpty, "\(result.problems)")
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.file == Store.journalName)
            #expect(result.warnings.first?.line == 4)
            #expect(Store.verifyJournal(path).problems.isEmpty)
            #expect(folderContents(path) == before)
        }
    }

    // MARK: Symbolic links

    @Test("a symlinked snapshot is written through: the link stays a link and its target gets the change")
    func symlinkedSnapshot() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let elsewhere = dir + "/elsewhere"
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            let target = elsewhere + "/ws.json"
            let link = path + "/workstreams.json"
            try FileManager.default.moveItem(atPath: link, toPath: target)
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
            #expect(chmod(target, 0o640) == 0)

            let s = try Store(path: path)
            let e = try commitChange(s, "WS-2", note: "through the link")
            #expect(s.checkpointProblem == nil)
            try s.close()

            var st = stat()
            #expect(lstat(link, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the link was replaced by a file")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
            #expect(fileMode(target) == 0o640)
            let json = try JSONSerialization.jsonObject(with: Data(try readBytes(target))) as? [String: Any]
            #expect(json?["journalSeq"] as? Int == e.seq)
            let docs = json?["documents"] as? [[String: Any]] ?? []
            #expect(docs.first { $0["id"] as? String == "WS-2" }?["rev"] as? Int == 2, "the target holds the change")
            let leftovers =
                ((try? FileManager.default.contentsOfDirectory(atPath: elsewhere)) ?? [])
                + ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            #expect(leftovers.filter { $0.contains(".tmp-") }.isEmpty, "\(leftovers)")
            let r = try Store(path: path, readOnly: true)
            #expect(r.board.workstreams["WS-2"]?.rev == 2)
            #expect(Store.validate(path).isEmpty)
        }
    }
}

@Suite struct RepairEditedSequenceTests {
    /// A middle line whose `seq` was edited still holds its place: repair removes that line alone, keeps
    /// every later line and the checkpoint, and says the snapshots hold its change.
    @Test func anEditedSequenceNumberCostsOneLineNotTheRest() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            try commitChanges(s, ["WS-0", "WS-1", "WS-2", "WS-3"])
            try s.close()
            let board = try Store(path: path, readOnly: true).board
            let journal = path + "/" + Store.journalName
            let text = String(decoding: try readBytes(journal), as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines[1].contains("\"seq\":2"))
            lines[1] = lines[1].replacingOccurrences(of: "\"seq\":2", with: "\"seq\":500")
            try writeBytes(Array(lines.joined(separator: "\n").utf8), to: journal)
            #expect(!Store.validate(path).isEmpty)

            let dry = try Store.repair(path, dryRun: true)
            #expect(dry.removed.map(\.line) == [2])
            #expect(dry.removed.first?.seq == 2)
            #expect(dry.removed.first?.heldBySnapshots == true)
            #expect(!dry.manifestChanges.contains { $0.contains("checkpointSeq") })

            let r = try Store.repair(path, dryRun: false)
            #expect(r.removed.map(\.line) == [2])
            #expect(try checkpointSeq(path) == 4)
            #expect(Store.validate(path).isEmpty, "\(Store.validate(path))")
            let reopened = try Store(path: path)
            #expect(reopened.board == board)
            #expect(try reopened.journal().map(\.seq) == [1, 3, 4])
            // The next save follows on from the last kept change.
            let e = try commitChange(reopened, "WS-1", note: "after repair")
            #expect(e.seq == 5)
            #expect(Store.validate(path).isEmpty)
        }
    }
}
