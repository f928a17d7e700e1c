import Testing
import VRModel
@testable import VRUI
import VRRuntime

/// The runtime's effect handler (the one the terminal runs) over a store in memory: what a save, a
/// failed save, a conflict, the history and a walkthrough come back as.
@Suite struct RuntimeTests {
    static func rated() throws -> (AppState, FakeRuntime) {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        s.user = "alice"
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(board)
        _ = update(&s, .show(.workstreams))
        _ = rt.press(&s, .enter, .char("r"), .down)
        s.type("Provider return received")
        return (s, rt)
    }

    @Test func aSaveIsRecordedWithItsAuthorAndTimeAndShown() throws {
        var (s, rt) = try Self.rated()
        rt.press(&s, .enter)
        #expect(rt.journal.count == 1)
        #expect(rt.journal.first?.by == "alice" && rt.journal.first?.at == "2021-11-20T10:15:00Z")
        #expect(s.message?.hasPrefix("Saved: In-year rating") == true)
        #expect(s.board == rt.board)
    }

    @Test func aSaveWhoseSnapshotsFailIsSavedWithAWarning() throws {
        var (s, rt) = try Self.rated()
        rt.store.checkpointProblem = "snapshot rewrite: no space left on device"
        rt.press(&s, .enter)
        #expect(rt.journal.count == 1)
        #expect(s.message?.hasPrefix("Saved: In-year rating") == true)
        #expect(s.message?.hasSuffix("· warning: snapshot rewrite: no space left on device") == true)
    }

    @Test func aFailedSaveSaysSoAndRecordsNothing() throws {
        var (s, rt) = try Self.rated()
        let before = rt.board
        rt.store.failNextSave = "no space left on device"
        rt.press(&s, .enter)
        #expect(rt.journal.isEmpty && rt.board == before)
        #expect(s.message == "Not saved: no space left on device")
        guard s[dialog: RatingPicker.self] != nil else {
            Issue.record("the picker closed on a failed save")
            return
        }
    }

    @Test func theHistoryComesFromTheJournalNewestFirst() throws {
        var (s, rt) = try Self.rated()
        rt.press(&s, .enter)
        rt.saveElsewhere(.workstream(try #require(rt.board.workstreams["WS-1.2"])), by: "bob", note: "Bob's change")
        rt.press(&s, .char("5"))
        #expect(s.historyScreen.items.map(\.by) == ["bob", "alice"])
        #expect(render(s).contains("History · 2 changes · newest first"))
    }

    @Test func aWalkthroughOnAReadOnlyBoardWithNoMeetingSaysWhyAndRecordsNothing() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        s.readOnly = true
        let rt = FakeRuntime(board)
        rt.press(&s, .char("P"))
        #expect(s.presentation == nil && rt.journal.isEmpty)
        #expect(s.message?.hasPrefix("Read-only: there is no meeting on") == true)
        // Writable, P asks before starting a meeting: n starts none…
        s.readOnly = false
        rt.press(&s, .char("P"))
        guard let question = s[dialog: ConfirmDialog.self]?.message, case .startMeeting? = s[dialog: ConfirmDialog.self]?.action else {
            Issue.record("P did not ask: \(String(describing: s.modal))")
            return
        }
        #expect(question.hasPrefix("No meeting is recorded on ") && question.contains("Start a draft meeting for it?"))
        rt.press(&s, .char("n"))
        #expect(s.presentation == nil && rt.journal.isEmpty && s.modal == nil)
        // …y starts today's as a draft, recorded once; P again opens it without asking; q goes back to the board.
        rt.press(&s, .char("P"), .char("y"))
        #expect(s.presentation?.fromBoard == true && rt.journal.count == 1)
        #expect(s.meeting?.stage == .draft)
        rt.press(&s, .char("q"))
        rt.press(&s, .char("P"))
        #expect(s.presentation != nil && s.modal == nil && rt.journal.count == 1)
        rt.press(&s, .char("q"))
        #expect(s.presentation == nil)
    }
}
