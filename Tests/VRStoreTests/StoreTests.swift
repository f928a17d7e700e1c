import Foundation
import Testing
import VRModel
import VRStore
import VRGenerate
@testable import vrboard_bench

@Suite struct StoreRoundTripTests {
    @Test func createOpenEditCloseReopen() throws {
        try withTempDir { dir in
            let original = Generator.board(workstreams: 50, risks: 20)
            let path = dir + "/store"
            try Store.create(at: path, board: original, dataset: "generated")
            #expect(Store.validate(path).isEmpty)

            let store = try Store(path: path)
            #expect(store.board == original)
            #expect(store.lastSeq == 0)
            #expect(store.warnings.isEmpty)
            var expected = original

            // A rating change to a workstream.
            let ws7 = changed(try #require(store.board.workstreams["WS-7"]), by: "alice", comment: "Hub running")
            let e1 = try store.commit(.workstream(ws7), baseRev: 1, by: "alice", note: "rated", at: "2021-11-03T10:00:00Z")
            #expect(e1.seq == 1)
            #expect(e1.rev == 2)
            #expect(e1.baseRev == 1)
            #expect(e1.by == "alice" && e1.note == "rated" && e1.at == "2021-11-03T10:00:00Z")
            #expect(e1.collection == .workstreams && e1.id == "WS-7")
            var ws7v2 = ws7
            ws7v2.rev = 2
            expected.workstreams.put(ws7v2)

            // A second change to the same workstream.
            let ws7b = changed(ws7v2, by: "bob", comment: "Provider withdrew", kind: .overall)
            let e2 = try store.commit(.workstream(ws7b), baseRev: 2, by: "bob", note: "overall")
            #expect(e2.seq == 2 && e2.rev == 3)
            var ws7v3 = ws7b
            ws7v3.rev = 3
            expected.workstreams.put(ws7v3)

            // Close a risk.
            var risk = try #require(store.board.risks["R4"])
            risk.status = .closed
            risk.closedReason = "Grant confirmed"
            try store.commit(.risk(risk), baseRev: 1, by: "carol", note: "closed")
            risk.rev = 2
            expected.risks.put(risk)

            // Funding, programme and a member.
            var funding = store.board.funding
            // £100,000 more on interventions, from the running costs.
            funding.categories[0].amount = 1_600_000
            if let running = funding.categories.firstIndex(where: { $0.id == "running" }) { funding.categories[running].amount -= 100_000 }
            try store.commit(.funding(funding), baseRev: 1, by: "dave", note: "budget")
            funding.rev = 2
            expected.funding = funding

            var programme = store.board.programme
            programme.escalationThreshold = 12
            try store.commit(.programme(programme), baseRev: 1, by: "dave", note: "threshold")
            programme.rev = 2
            expected.programme = programme

            var member = try #require(store.board.members["m3"])
            member.role = "Sub-group chair"
            try store.commit(.member(member), baseRev: 1, by: "erin", note: "role")
            member.rev = 2
            expected.members.put(member)

            // A new workstream (base revision 0).
            var fresh = Workstream(
                id: "WS-new", priority: "P2", title: "Mentors in Violence Prevention", lead: "m1", sponsor: "m2",
                objectives: ["Bystander workshop"], inYear: .notRated, overall: .notRated, source: "000 §1.3")
            let e7 = try store.commit(.workstream(fresh), baseRev: 0, by: "erin", note: "new")
            #expect(e7.rev == 1 && e7.seq == 7)
            fresh.rev = 1
            expected.workstreams.put(fresh)

            #expect(store.board == expected)
            #expect(store.lastSeq == 7)
            try store.close()
            #expect(try checkpointSeq(path) == 7, "close writes the pending snapshots")

            let reopened = try Store(path: path)
            #expect(reopened.board == expected)
            #expect(reopened.lastSeq == 7)
            #expect(reopened.warnings.isEmpty)
            #expect(reopened.board.workstreams["WS-7"]?.rev == 3)
            #expect(reopened.board.workstreams["WS-8"]?.rev == 1, "untouched documents keep their revision")
            #expect(reopened.board.workstreams.items.last?.id == "WS-new")
            let journal = try reopened.journal()
            #expect(journal.map(\.seq) == Array(1...7))
            #expect(journal.map(\.by) == ["alice", "bob", "carol", "dave", "dave", "erin", "erin"])
            #expect(journal.map(\.rev) == [2, 3, 2, 2, 2, 2, 1])
            #expect(journal.first == e1)
            try reopened.close()

            let readOnly = try Store(path: path, readOnly: true)
            #expect(readOnly.board == expected)
            #expect(Store.validate(path).isEmpty)
        }
    }

    /// A text longer than a field may hold (written around the board's forms) opens, and the board says
    /// so on opening: the first such field, how many more, and that `validate` lists them.
    @Test func anOverLongTextIsNamedOnOpening() throws {
        var board = Generator.board(workstreams: 3, risks: 1)
        #expect(DocumentCodec.overLongNotice(board) == nil)
        var w = board.workstreams.items[1]
        try w.rate(
            .inYear, to: w.inYear == .red ? .green : .red, by: "x", at: "2021-11-01T09:00:00Z", comment: String(repeating: "y", count: 1_000_000))
        board.workstreams.put(w)
        var r = board.risks.items[0]
        r.title = String(repeating: "z", count: 10_001)
        board.risks.put(r)
        let notice = try #require(DocumentCodec.overLongNotice(board))
        #expect(
            notice.hasPrefix("workstreams/\(w.id) history[\(w.history.count - 1)].comment: is 1,000,000 characters long; the limit is 10,000"),
            "\(notice)")
        #expect(notice.contains("(and 1 more)") && notice.hasSuffix("`vrboard validate` lists every one"), "\(notice)")
    }

    @Test func createRefusesAnExistingStore() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let before = folderContents(path)
            #expect(throws: StoreError.self) { try Store.create(at: path, board: Generator.board(workstreams: 2, risks: 1), dataset: nil) }
            #expect(folderContents(path) == before)
        }
    }

    @Test func createCopyingIncludesUncheckpointedChanges() throws {
        try withTempDir { dir in
            let source = try makeStore(in: dir)
            let s = try openWithoutCheckpoints(source)
            try commitChange(s, "WS-2")
            let copy = dir + "/copy"
            try Store.create(at: copy, copying: source, dataset: "copied")
            let c = try Store(path: copy)
            #expect(c.board == s.board)
            #expect(c.lastSeq == 0)
            #expect(try c.journal().isEmpty)
            #expect(Store.validate(copy).isEmpty)
        }
    }

    @Test func createCopyingRefusesAnUnsoundSource() throws {
        try withTempDir { dir in
            let source = try makeStore(in: dir)
            try writeBytes([], to: source + "/risks.json")
            let copy = dir + "/copy"
            #expect(throws: StoreError.self) { try Store.create(at: copy, copying: source, dataset: "copied") }
            #expect(!FileManager.default.fileExists(atPath: copy + "/" + Store.manifestName))
        }
    }

    @Test func readOnlyStoreRefusesWrites() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let before = folderContents(path)
            let s = try Store(path: path, readOnly: true)
            let ws = try #require(s.board.workstreams["WS-1"])
            #expect(throws: StoreError.readOnly) { try s.commit(.workstream(changed(ws)), baseRev: 1, by: "x", note: "x") }
            #expect(throws: StoreError.readOnly) { try s.checkpointNow() }
            try s.close()
            #expect(folderContents(path) == before, "a read-only open creates and writes nothing")
        }
    }
}

@Suite struct StoreConflictTests {
    @Test func staleRevisionIsRefusedWithBothVersions() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let store = try Store(path: path)
            let base = try #require(store.board.workstreams["WS-3"])
            let first = changed(base, by: "alice", comment: "first")
            try store.commit(.workstream(first), baseRev: 1, by: "alice", note: "first")
            let stored = try #require(store.board.workstreams["WS-3"])
            #expect(stored.rev == 2)

            let journalPath = path + "/" + Store.journalName
            let journalSize = fileSize(journalPath)
            let files = folderContents(path)
            let seq = store.lastSeq

            let mine = changed(base, by: "bob", comment: "second, from the old version", kind: .overall)
            do {
                try store.commit(.workstream(mine), baseRev: 1, by: "bob", note: "stale")
                Issue.record("a stale revision was accepted")
            } catch StoreError.conflict(let c) {
                #expect(c.mine == .workstream(mine))
                #expect(c.theirs == .workstream(stored))
                #expect(c.baseRev == 1)
                #expect(StoreError.conflict(c).description.contains("WS-3"))
            }
            #expect(fileSize(journalPath) == journalSize, "nothing is written")
            #expect(folderContents(path) == files)
            #expect(store.lastSeq == seq)
            #expect(store.board.workstreams["WS-3"] == stored)
            let reopened = try Store(path: path, readOnly: true)
            #expect(reopened.board.workstreams["WS-3"] == stored)
        }
    }

    @Test func newDocumentWithAnExistingIDConflicts() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let store = try Store(path: path)
            let existing = try #require(store.board.workstreams["WS-0"])
            var dup = existing
            dup.title = "Someone else's idea"
            do {
                try store.commit(.workstream(dup), baseRev: 0, by: "x", note: "x")
                Issue.record("a second document with an existing id was accepted")
            } catch StoreError.conflict(let c) {
                #expect(c.mine == .workstream(dup))
                #expect(c.theirs == .workstream(existing))
                #expect(c.baseRev == 0)
            }
            #expect(store.board.workstreams["WS-0"] == existing)
            #expect(fileSize(path + "/" + Store.journalName) == 0)
        }
    }

    @Test func editOfAMissingDocumentConflictsWithNothing() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let store = try Store(path: path)
            let ghost = sampleWorkstreamForStore(id: "WS-ghost")
            do {
                try store.commit(.workstream(ghost), baseRev: 3, by: "x", note: "x")
                Issue.record("an edit of a document that does not exist was accepted")
            } catch StoreError.conflict(let c) {
                #expect(c.theirs == nil)
                #expect(c.baseRev == 3)
            }
            #expect(fileSize(path + "/" + Store.journalName) == 0)
        }
    }

    @Test func conflictAcrossTwoInstances() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try Store(path: path)
            let b = try Store(path: path)
            let wsA = changed(try #require(a.board.workstreams["WS-1"]), by: "alice")
            try a.commit(.workstream(wsA), baseRev: 1, by: "alice", note: "a")
            // b has not refreshed: it still believes WS-1 is at revision 1.
            let old = try #require(b.board.workstreams["WS-1"])
            #expect(old.rev == 1)
            let size = fileSize(path + "/" + Store.journalName)
            do {
                try b.commit(.workstream(changed(old, by: "bob", kind: .overall)), baseRev: 1, by: "bob", note: "b")
                Issue.record("b overwrote a's change")
            } catch StoreError.conflict(let c) {
                var theirs = wsA
                theirs.rev = 2
                #expect(c.theirs == .workstream(theirs))
            }
            #expect(fileSize(path + "/" + Store.journalName) == size)
            #expect(b.board.workstreams["WS-1"]?.rev == 2, "the failed commit caught b up")
        }
    }
}

func sampleWorkstreamForStore(id: String) -> Workstream {
    Workstream(id: id, priority: "P1", title: "T", lead: "m1", sponsor: "m2", objectives: [], inYear: .amber, overall: .amber, source: "test")
}

@Suite struct StoreSharingTests {
    @Test func anotherInstanceSeesChangesAfterRefresh() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try Store(path: path)
            let b = try Store(path: path)
            let reader = try Store(path: path, readOnly: true)
            #expect(try b.refresh() == false, "nothing changed yet")

            try commitChange(a, "WS-2", by: "alice")
            try commitChange(a, "WS-4", by: "alice")
            #expect(b.board != a.board)
            #expect(try b.refresh() == true)
            #expect(b.board == a.board)
            #expect(b.lastSeq == 2)
            #expect(try b.refresh() == false)
            #expect(try reader.refresh() == true)
            #expect(reader.board == a.board)

            // And back the other way.
            try commitChange(b, "WS-2", by: "bob")
            #expect(try a.refresh() == true)
            #expect(a.board == b.board)
            #expect(a.board.workstreams["WS-2"]?.rev == 3)
            #expect(a.lastSeq == 3)
            #expect(try reader.refresh() == true)
            #expect(reader.board == b.board)
        }
    }
}

@Suite struct StoreJournalReplayTests {
    @Test func uncheckpointedChangesAreReplayedFromTheJournal() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try openWithoutCheckpoints(path)
            let before = snapshotFiles(path)
            for (i, id) in ["WS-0", "WS-1", "WS-0", "WS-5", "WS-3"].enumerated() { try commitChange(a, id, note: "edit \(i)") }
            var risk = try #require(a.board.risks["R1"])
            risk.escalate = true
            try a.commit(.risk(risk), baseRev: 1, by: "tester", note: "flag")
            #expect(a.lastSeq == 6)
            #expect(snapshotFiles(path) == before, "no snapshot was rewritten")
            #expect(fileSize(path + "/" + Store.journalName) > 0)

            // A second writer, while a is still open: it must replay the journal.
            let b = try Store(path: path)
            #expect(b.board == a.board)
            #expect(b.lastSeq == 6)
            #expect(b.board.workstreams["WS-0"]?.rev == 3)
            #expect(b.board.risks["R1"]?.escalate == true)
            let c = try Store(path: path, readOnly: true)
            #expect(c.board == a.board)
            #expect(snapshotFiles(path) == before, "opening does not write snapshots")
            #expect(Store.validate(path).isEmpty)

            // Closing the second writer writes the replayed changes into the snapshots.
            try b.close()
            #expect(snapshotFiles(path) != before)
            #expect(try checkpointSeq(path) == 6)
            let d = try Store(path: path, readOnly: true)
            #expect(d.board == a.board)
            #expect(Store.validate(path).isEmpty)
            try a.close()
        }
    }

    @Test func checkpointAfterEnoughPendingEntries() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try Store(path: path)
            a.eagerCheckpointBytes = 0
            a.checkpointEvery = 3
            let before = snapshotFiles(path)
            try commitChange(a, "WS-0")
            try commitChange(a, "WS-1")
            #expect(snapshotFiles(path) == before)
            try commitChange(a, "WS-2")
            #expect(try checkpointSeq(path) == 3)
            let ws = try JSONSerialization.jsonObject(with: Data(try readBytes(path + "/workstreams.json"))) as? [String: Any]
            #expect(ws?["journalSeq"] as? Int == 3)
            try commitChange(a, "WS-3")
            #expect(try checkpointSeq(path) == 3)
            try a.checkpointNow()
            #expect(try checkpointSeq(path) == 4)
            let b = try Store(path: path, readOnly: true)
            #expect(b.board == a.board)
        }
    }

    @Test func smallSnapshotsAreCheckpointedEagerly() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try Store(path: path)
            try commitChange(a, "WS-0")
            #expect(try checkpointSeq(path) == 1)
            // The snapshot file itself now holds the change.
            let ws = try JSONSerialization.jsonObject(with: Data(try readBytes(path + "/workstreams.json"))) as? [String: Any]
            let docs = ws?["documents"] as? [[String: Any]] ?? []
            #expect(docs.first { $0["id"] as? String == "WS-0" }?["rev"] as? Int == a.board.workstreams["WS-0"]?.rev)
            #expect(ws?["journalSeq"] as? Int == 1)
        }
    }
}

@Suite struct LongJournalTests {
    /// The tail is read backwards in chunks: lines longer than a chunk, and many lines across chunk
    /// boundaries, must replay exactly.
    @Test func replayAcrossChunkBoundaries() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let a = try openWithoutCheckpoints(path)
            for i in 0..<150 { try commitChange(a, "WS-\(i % 6)", note: "edit \(i)") }
            // One line of about 200 KB, then more ordinary lines.
            var big = try #require(a.board.workstreams["WS-2"])
            big.objectives = (0..<200).map { "Objective \($0): " + String(repeating: "é", count: 500) }
            try a.commit(.workstream(big), baseRev: big.rev, by: "tester", note: "big")
            for i in 0..<20 { try commitChange(a, "WS-\(i % 6)", note: "after \(i)") }
            #expect(fileSize(path + "/" + Store.journalName) > 3 * 65_536)

            let b = try Store(path: path, readOnly: true)
            #expect(b.board == a.board)
            #expect(b.lastSeq == 171)
            #expect(b.board.workstreams["WS-2"]?.objectives.count == 200)
            #expect(try b.journal().map(\.seq) == Array(1...171))
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test func tornTailLongerThanAChunk() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let journalPath = path + "/" + Store.journalName
            let a = try openWithoutCheckpoints(path)
            for i in 0..<5 { try commitChange(a, "WS-\(i)") }
            let goodSize = fileSize(journalPath)
            try appendBytes(Array("{\"at\":\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 150_000), to: journalPath)
            let r = try Store(path: path, readOnly: true)
            #expect(r.board == a.board)
            #expect(r.warnings.count == 1)
            let w = try Store(path: path)
            #expect(w.board == a.board)
            #expect(fileSize(journalPath) == goodSize)
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test func checkpointPastTheEndOfTheJournalIsReported() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let manifest = path + "/" + Store.manifestName
            let (bytes, _) = try replacingFirst("\"checkpointSeq\" : 0", with: "\"checkpointSeq\" : 9", in: try readBytes(manifest))
            try writeBytes(bytes, to: manifest)
            let before = folderContents(path)
            let ps = Store.validate(path)
            #expect(ps.count == 1)
            #expect(ps.first?.file == Store.manifestName)
            #expect(ps.first?.reason.contains("past the end") == true)
            #expect(folderContents(path) == before)
        }
    }
}

@Suite struct TornTailTests {
    @Test func tornLastLineIsIgnoredReadOnlyAndRemovedWritable() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let journalPath = path + "/" + Store.journalName
            let a = try openWithoutCheckpoints(path)
            try commitChange(a, "WS-1", by: "alice")
            let last = try commitChange(a, "WS-2", by: "alice")
            try commitChange(a, "WS-3", by: "alice")
            let expected = a.board
            let goodSize = fileSize(journalPath)

            // Half of a real journal line, as a writer killed mid-append would leave.
            let forged = JournalEntry(seq: 4, at: last.at, by: "mallory", note: "torn", baseRev: 2, doc: try #require(last.doc))
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            let line = [UInt8](try enc.encode(forged))
            try appendBytes(Array(line[..<(line.count / 2)]), to: journalPath)
            let tornSize = fileSize(journalPath)
            #expect(tornSize == goodSize + line.count / 2)
            let torn = folderContents(path)

            // validate reports it as a warning (nothing is wrong: it was never acknowledged) and changes nothing.
            let result = Store.check(path)
            #expect(result.problems.isEmpty)
            #expect(result.warnings.count == 1)
            #expect(result.warnings.first?.file == Store.journalName)
            #expect(result.warnings.first?.line == 4)
            #expect(result.warnings.first?.reason.contains("incomplete") == true)
            #expect(result.warnings.first?.reason.contains("never acknowledged") == true)
            #expect(folderContents(path) == torn)

            // Read-only: a warning, the changes before it, no byte changed.
            let r = try Store(path: path, readOnly: true)
            #expect(r.warnings.count == 1)
            #expect(r.warnings.first?.contains(Store.journalName) == true)
            #expect(r.board == expected)
            #expect(r.lastSeq == 3)
            #expect(try r.journal().map(\.seq) == [1, 2, 3])
            try r.close()
            #expect(folderContents(path) == torn)

            // Writable: a warning, the tail cut off, every earlier change present.
            let w = try Store(path: path)
            #expect(w.warnings.count == 1)
            #expect(w.warnings.first?.contains("removed") == true)
            #expect(fileSize(journalPath) == goodSize)
            #expect(w.board == expected)
            #expect(w.lastSeq == 3)
            // The next commit follows on cleanly.
            let next = try commitChange(w, "WS-4", by: "bob")
            #expect(next.seq == 4)
            try w.close()
            #expect(Store.validate(path).isEmpty)
            let again = try Store(path: path)
            #expect(again.warnings.isEmpty)
            #expect(try again.journal().map(\.seq) == [1, 2, 3, 4])
            try a.close()
        }
    }

    @Test func tornTailLeftBehindWhileAnotherWriterIsOpen() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let journalPath = path + "/" + Store.journalName
            let a = try Store(path: path)
            try commitChange(a, "WS-1")
            let goodSize = fileSize(journalPath)
            try appendBytes(Array("{\"at\":\"2021-11-03T10:00:00Z\",\"baseRev\":2,\"by\":\"dead\"".utf8), to: journalPath)
            // a's next commit, under the exclusive lock, cuts off the dead writer's half line first.
            let e = try commitChange(a, "WS-2")
            #expect(e.seq == 2)
            #expect(a.warnings.contains { $0.contains("incomplete") })
            #expect(fileSize(journalPath) > goodSize)
            #expect(Store.validate(path).isEmpty)
            let b = try Store(path: path, readOnly: true)
            #expect(b.board == a.board)
            #expect(try b.journal().map(\.seq) == [1, 2])
        }
    }
}

@Suite struct ValidateTests {
    @Test func validateNeverModifiesAnything() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            // Clean, empty journal.
            var before = folderContents(path)
            #expect(Store.validate(path).isEmpty)
            #expect(folderContents(path) == before)

            // Uncheckpointed entries waiting in the journal.
            let a = try openWithoutCheckpoints(path)
            for id in ["WS-0", "WS-1", "WS-0"] { try commitChange(a, id) }
            before = folderContents(path)
            #expect(Store.validate(path).isEmpty)
            #expect(folderContents(path) == before)

            // A torn tail: a warning, not repaired.
            try appendBytes(Array("{\"seq\":4,\"at\":\"2021".utf8), to: path + "/" + Store.journalName)
            before = folderContents(path)
            #expect(Store.validate(path).isEmpty)
            #expect(Store.check(path).warnings.count == 1)
            #expect(folderContents(path) == before)

            // A broken snapshot as well.
            try writeBytes(Array("{\"collection\" : ".utf8), to: path + "/risks.json")
            before = folderContents(path)
            #expect(Store.validate(path).count >= 1)
            #expect(folderContents(path) == before)
        }
    }

    @Test func referenceProblemInASnapshotIsPlaced() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let file = path + "/workstreams.json"
            let bytes = try readBytes(file)
            // documents[3] is WS-3 under priority P4; point it at a priority that does not exist.
            let idAt = try #require(offsets(of: "\"id\" : \"WS-3\"", in: bytes).first)
            let prioAt = try #require(offsets(of: "\"priority\" : \"P4\"", in: bytes).first { $0 > idAt })
            let changedBytes = replacing(bytes, at: prioAt, length: "\"priority\" : \"P4\"".utf8.count, with: Array("\"priority\" : \"P9\"".utf8))
            try writeBytes(changedBytes, to: file)
            let valueAt = prioAt + "\"priority\" : ".utf8.count
            let (line, column) = lineColumn(of: valueAt, in: changedBytes)
            let before = folderContents(path)
            let ps = Store.validate(path)
            #expect(ps == [Problem(file: "workstreams.json", line: line, column: column, reason: "workstreams/WS-3: priority 'P9' does not exist")])
            #expect(folderContents(path) == before)
            // Opening does not enforce references: the board opens and shows the problem.
            let s = try Store(path: path, readOnly: true)
            #expect(s.board.problems.map(\.id) == ["WS-3"])
        }
    }

    @Test func referenceProblemInTheJournalIsPlacedOnItsLine() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let s = try Store(path: path)
            try commitChange(s, "WS-0")
            var ws = try #require(s.board.workstreams["WS-1"])
            ws.lead = "nobody"
            try s.commit(.workstream(ws), baseRev: 1, by: "x", note: "bad lead")
            try commitChange(s, "WS-2")
            let ps = Store.validate(path)
            #expect(ps == [Problem(file: Store.journalName, line: 2, column: 1, reason: "workstreams/WS-1: lead 'nobody' is not a board member")])
        }
    }
}

@Suite struct FileModeTests {
    @Test func snapshotModesAreKept() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let ws = path + "/workstreams.json"
            let manifest = path + "/" + Store.manifestName
            #expect(chmod(ws, 0o640) == 0)
            #expect(chmod(manifest, 0o660) == 0)
            let before = try readBytes(ws)
            let s = try Store(path: path)
            try commitChange(s, "WS-1", note: "mode check")
            #expect(try readBytes(ws) != before, "the snapshot was rewritten")
            #expect(fileMode(ws) == 0o640)
            #expect(fileMode(manifest) == 0o660)
            try commitChange(s, "WS-2")
            try s.checkpointNow()
            try s.close()
            #expect(fileMode(ws) == 0o640)
            #expect(fileMode(manifest) == 0o660)
            #expect(fileMode(path + "/risks.json") == 0o600, "created files are private by default")
            let leftovers = folderContents(path).keys.filter { $0.contains(".tmp") }
            #expect(leftovers.isEmpty, "no temp files left: \(leftovers)")
        }
    }
}
