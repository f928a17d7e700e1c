import Testing
import VRModel
import VRReport
@testable import VRUI

/// `b` marks a workstream or risk for the board, with why: the next meeting raises it in its matters
/// arising and its pack, and takes it once held.
@Suite struct BoardMarkTests {
    /// The NNVRU board with a draft meeting on its date, at 80x24, as a secretary.
    func board() throws -> (FakeRuntime, AppState, Meeting) {
        var b = try Fixtures.board("nnvru-2021-22")
        let m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        b.meetings.put(m)
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 80, height: 24)
        s.user = "secretary"
        s.now = "2021-11-01T09:00:00Z"
        return (rt, s, m)
    }

    @Test("b on the attention list marks WS-1.7 with why: listed for the board, raised on the meeting's slide and in its pack, taken once held")
    func markAWorkstream() throws {
        var (rt, s, m) = try board()
        rt.press(&s, .char("2"), .char("A"), .down)
        #expect(s.selectedWorkstream?.id == "WS-1.7")
        rt.press(&s, .char("b"))
        let form = try #require(s[dialog: FormMode.self])
        #expect(form.summary == ["Raised at the board of \(m.date.longWithWeekday), in its matters arising and its pack"])
        // Why is required: Enter alone saves nothing.
        rt.press(&s, .enter)
        #expect(rt.journal.isEmpty && s[dialog: FormMode.self] != nil)
        s.type("Probation data still not shared; the board to write to the regional director")
        rt.press(&s, .enter)
        #expect(s.modal == nil)
        #expect(
            rt.journal.map(\.note) == ["Marked WS-1.7 for the board: Probation data still not shared; the board to write to the regional director"])
        let marked = try #require(rt.board.workstreams["WS-1.7"])
        #expect(marked.boardMarks?.count == 1 && marked.boardMarks?.first?.by == "secretary")
        // The attention list says so, and the detail says which board and why.
        let list = render(s).text
        #expect(list.contains("for the board"))
        #expect(list.contains("For the 2 Nov 2021 board: Probation data"))
        #expect(rt.board.markedForBoard.map(\.id) == ["WS-1.7"])

        // The meeting's matters arising slide raises it, with why and who.
        var w = AppState(board: rt.board, width: 80, height: 24)
        w.presentation = Presentation(meetingID: m.id, startedAt: 0)
        w.presentation?.slide = 1
        let slide = render(w).text
        #expect(slide.contains("Raised for the board (1)"))
        #expect(slide.contains("WS-1.7 Access to Probation data"))
        #expect(slide.contains("marked by secretary, 2 Nov 2021"))
        // And its pack.
        let stored = try #require(rt.board.meetings[m.id])
        let pack = MarkdownPack.render(PackSource(store: rt.board, meeting: stored, today: rt.board.programme.asAt, author: "secretary"))
        #expect(pack.contains("#### Raised for the board"))
        #expect(pack.contains("| WS-1.7 Access to Probation data (with the Leicestershire VRN) | Probation data still not shared"))

        // Held, the meeting takes it: no longer marked, still on that meeting's record.
        var held = rt.board
        var hm = try #require(held.meetings[m.id])
        hm.hold(board: held, seq: nil, at: "2021-11-02T10:00:00Z")
        held.meetings.put(hm)
        #expect(held.markedForBoard.isEmpty)
        #expect(held.raised(at: hm).map(\.id) == ["WS-1.7"])
        #expect(
            held.workstreams["WS-1.7"].map { $0.attention(on: held.programme.asAt, lastBoard: nil, marked: held.pendingMark($0.boardMarks)) }?
                .contains(.forBoard) == false)
    }

    @Test("b on a marked item asks, and y unmarks it before its meeting; a mark made after a meeting was held waits for the next")
    func unmarkAndLaterMarks() throws {
        var (rt, s, m) = try board()
        rt.press(&s, .char("4"), .char("b"))
        let risk = try #require(s.selectedRisk)
        s.type("Grant letter late again")
        rt.press(&s, .enter)
        #expect(rt.board.risks[risk.id]?.boardMarks?.count == 1)
        #expect(render(s).text.contains("For the 2 Nov 2021 board: Grant"))
        rt.press(&s, .char("b"))
        let question = try #require(s[dialog: ConfirmDialog.self])
        #expect(question.message.contains("is marked for the board by secretary on 2 Nov 2021: “Grant letter late again”. Unmark it?"))
        rt.press(&s, .char("y"))
        #expect(rt.board.risks[risk.id]?.boardMarks == nil)
        #expect(rt.journal.last?.note == "Unmarked \(risk.id) for the board")

        // A mark made on the meeting's day after it was held goes to the next meeting, not that one.
        var b = rt.board
        var hm = try #require(b.meetings[m.id])
        hm.hold(board: b, seq: nil, at: "2021-11-02T10:00:00Z")
        b.meetings.put(hm)
        var next = Meeting.new(on: Day("2022-02-01")!, board: b, author: "clerk")
        next.id = "next"
        b.meetings.put(next)
        var r = try #require(b.risks[risk.id])
        r.boardMarks = [BoardMark(why: "After the meeting", by: "secretary", at: "2021-11-02T16:00:00Z", day: b.programme.asAt)]
        b.risks.put(r)
        #expect(b.meeting(taking: r.boardMarks![0])?.id == "next")
        #expect(b.raised(at: hm).isEmpty && b.raised(at: next).map(\.id) == [risk.id])
        #expect(b.markedForBoard.map(\.id) == [risk.id])
    }

    @Test("f filters the register by band now that b marks a risk for the board")
    func bandMovedToF() throws {
        var (rt, s, _) = try board()
        rt.press(&s, .char("4"), .char("f"))
        #expect(s.risksScreen.bandFilter == .veryHigh)
        #expect(s.modal == nil)
    }
}
