import Foundation
import Testing
import VRGenerate
import VRModel
import VRPostgres
import VRStore
import VRStoreAPI
import VRTestSupport

/// A held meeting records where the board stood, not a copy of it; the store rebuilds the board as held
/// from its journal whenever it is shown, on either store, after any number of later changes, checkpoints,
/// sealed segments, reopenings and copies.
@Suite(.serialized) struct HeldMeetingTests {
    /// Holds a meeting on `store`'s board as it is now; returns the board as held (without meetings).
    static func hold(_ store: any DurableStore, on day: String) throws -> Board {
        var m = Meeting.new(on: Day(day)!, board: store.board, author: "clerk")
        try store.commit(.meeting(m), baseRev: 0, by: "clerk", note: "draft", at: "\(day)T09:00:00Z")
        var held = store.board
        held.meetings = DocumentList([])
        let base = store.board.meetings[m.id]!.rev
        m = store.board.meetings[m.id]!
        m.hold(board: store.board, seq: store.board.holdPosition, at: "\(day)T10:00:00Z")
        #expect(m.heldSeq == store.lastSeq && m.snapshot == nil)
        try store.commit(.meeting(m), baseRev: base, by: "clerk", note: "held", at: "\(day)T10:00:00Z")
        return held
    }

    /// Later changes of every kind: ratings, a new risk, a changed allocation.
    static func changeThings(_ store: any DurableStore, times: Int, newRisk: String) throws {
        for i in 0..<times {
            let ws = store.board.workstreams.items[i % store.board.workstreams.count]
            var w = ws
            try w.rate(.inYear, to: w.inYear == .red ? .green : .red, by: "officer", at: "2022-01-0\(1 + i % 9)T09:00:00Z", comment: "later \(i)")
            try store.commit(.workstream(w), baseRev: ws.rev, by: "officer", note: "later \(i)", at: "2022-01-01T09:00:00Z")
        }
        var r = store.board.risks.items[0]
        r.id = newRisk
        r.title = "A risk added after the meeting"
        try store.commit(.risk(r), baseRev: 0, by: "officer", note: "new risk", at: "2022-01-02T09:00:00Z")
        var f = store.board.funding
        let fBase = f.rev
        f.allocation += 1_000
        try store.commit(.funding(f), baseRev: fBase, by: "officer", note: "allocation", at: "2022-01-03T09:00:00Z")
    }

    @Test(arguments: StoreKind.allCases)
    func theBoardAsHeldIsRebuiltAfterLaterChangesAndReopening(kind: StoreKind) throws {
        let location = try kind.make(try Fixtures.board(Dataset.nnvru.rawValue), label: "held")
        let store = try StoreKind.open(location)
        try Self.changeThings(store, times: 3, newRisk: "R-OLD")
        let held = try Self.hold(store, on: "2021-11-02")
        try Self.changeThings(store, times: 40, newRisk: "R-NEW")
        let m = try #require(store.board.meetings["2021-11-02"])
        #expect(m.shown(live: store.board) == held)
        #expect(m.shown(live: store.board).risks["R-NEW"] == nil && store.board.risks["R-NEW"] != nil && held.risks["R-OLD"] != nil)
        try store.close()
        // Another process, later: the same board as held.
        let again = try StoreKind.open(location, readOnly: true)
        #expect(try #require(again.board.meetings["2021-11-02"]).shown(live: again.board) == held)
        #expect(again.board.frozen.failure == nil)
    }

    @Test func theBoardAsHeldSurvivesCheckpointsAndSealedSegments() throws {
        let dir = try TempFolder("held-seg").path + "/store"
        try Store.create(at: dir, board: try Fixtures.board(Dataset.wmvru.rawValue), dataset: nil)
        let small = try Store(path: dir, segmentBytes: 4_096)
        small.checkpointEvery = 5
        small.attachFrozenBoards()
        try Self.changeThings(small, times: 12, newRisk: "R-OLD")
        let held = try Self.hold(small, on: "2021-12-13")
        try Self.changeThings(small, times: 60, newRisk: "R-NEW")
        try small.close()
        let store = try Stores.open(dir, readOnly: true)
        #expect(try #require(store.board.meetings["2021-12-13"]).shown(live: store.board) == held)
        // And after a copy to PostgreSQL with its whole journal.
        let cluster = try PGCluster.get()
        let url = cluster.url(try cluster.database("heldcopy"), vru: "wm")
        try PostgresStore.create(at: try PostgresAddress(url), board: store.board, dataset: nil, journal: try store.allEntries())
        let there = try Stores.open(url, readOnly: true)
        #expect(try #require(there.board.meetings["2021-12-13"]).shown(live: there.board) == held)
    }

    @Test func aHeldMeetingOnTheLargeStoreWritesAFewHundredBytesNotACopy() throws {
        let dir = try TempFolder("held-large").path + "/store"
        try Store.create(at: dir, board: Generator.board(workstreams: 3_000, risks: 1_500), dataset: nil)
        let store = try Stores.open(dir)
        let before = fileSize(dir + "/" + Store.journalName)
        for day in ["2021-06-01", "2021-09-01", "2021-12-01"] { _ = try Self.hold(store, on: day) }
        let grew = fileSize(dir + "/" + Store.journalName) - before
        #expect(grew < 6 * 2_000, "six meeting saves wrote \(grew) bytes")
        try store.close()
        let meetings = fileSize(dir + "/meetings.json")
        #expect(meetings < 8_000, "meetings.json is \(meetings) bytes")
    }

    @Test func aBoardWithNoStoreBehindItKeepsACopy() throws {
        let b = try Fixtures.board(Dataset.nnvru.rawValue)
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.hold(board: b, seq: b.holdPosition, at: "2021-11-02T10:00:00Z")
        #expect(b.holdPosition == nil && m.heldSeq == nil && m.snapshot != nil)
        #expect(m.shown(live: b) == b)
    }

    @Test func meetingsHeldWithACopyMoveToAReferenceWhenTheJournalGivesTheSameBoard() throws {
        let dir = try TempFolder("held-migrate").path + "/store"
        try Store.create(at: dir, board: try Fixtures.board(Dataset.nnvru.rawValue), dataset: nil)
        // As an older vrboard held them: a copy of the board in the meeting.
        let old = try Store(path: dir)
        try Self.changeThings(old, times: 2, newRisk: "R-OLD")
        var faithful = Meeting.new(on: Day("2021-11-02")!, board: old.board, author: "clerk")
        try old.commit(.meeting(faithful), baseRev: 0, by: "clerk", note: "draft", at: "2021-11-02T09:00:00Z")
        let held = old.board
        faithful.rev = 1
        faithful.hold(board: held, seq: nil, at: "2021-11-02T10:00:00Z")
        try old.commit(.meeting(faithful), baseRev: 1, by: "clerk", note: "held", at: "2021-11-02T10:00:00Z")
        // A copy the journal never held (edited by hand, say) stays a copy.
        var odd = Meeting.new(on: Day("2021-12-01")!, board: old.board, author: "clerk")
        try old.commit(.meeting(odd), baseRev: 0, by: "clerk", note: "draft", at: "2021-12-01T09:00:00Z")
        var other = old.board
        other.programme.vision = "A vision no change ever saved"
        odd.rev = 1
        odd.hold(board: other, seq: nil, at: "2021-12-01T10:00:00Z")
        try old.commit(.meeting(odd), baseRev: 1, by: "clerk", note: "held", at: "2021-12-01T10:00:00Z")
        try Self.changeThings(old, times: 5, newRisk: "R-NEW")
        try old.close()

        let store = try Stores.open(dir)
        let moved = try #require(store.board.meetings["2021-11-02"])
        #expect(moved.snapshot == nil && moved.heldSeq != nil)
        var want = held
        want.meetings = DocumentList([])
        #expect(moved.shown(live: store.board) == want)
        let kept = try #require(store.board.meetings["2021-12-01"])
        #expect(kept.snapshot != nil && kept.shown(live: store.board).programme.vision == "A vision no change ever saved")
        let h = try store.history(HistoryRequest(id: "2021-11-02", limit: 1)).items.first
        #expect(h?.note.contains("now rebuilt from the journal") == true && h?.by == "vrboard")
        try store.close()
        // Opening again changes nothing more.
        let again = try Stores.open(dir)
        #expect(again.lastSeq == store.lastSeq)
    }
}
