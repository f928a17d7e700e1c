import Foundation
import Testing
import VRModel
import VRReport
import VRStore
@testable import VRUI

private let clerk = "clerk"

/// A dataset with a meeting on its as-at day at `stage`, walked through, with an in-memory store behind it.
private func meetingWalk(
    _ dataset: String = "nnvru-2021-22", stage: MeetingStage = .draft, width: Int = 120, height: Int = 50,
    record: (inout Meeting, Board) -> Void = { _, _ in }
) throws -> (AppState, FakeRuntime) {
    var b = try Fixtures.board(dataset)
    var m = Meeting.new(on: b.programme.asAt, board: b, author: clerk)
    if stage != .draft { m.hold(board: b, seq: nil, at: "\(b.programme.asAt)T10:00:00Z") }
    if stage == .closed { m.close(at: "\(b.programme.asAt)T12:00:00Z") }
    record(&m, b)
    b.meetings.put(m)
    var s = AppState(board: b, width: width, height: height)
    s.user = clerk
    s.now = "\(b.programme.asAt)T10:30:00Z"
    s.presentation = Presentation(meetingID: m.id, startedAt: 0)
    return (s, FakeRuntime(b))
}

/// Another terminal rates a workstream; this one takes the change in, as the session's refresh does.
private func rateElsewhere(_ s: inout AppState, _ rt: FakeRuntime, _ id: String, _ to: RAG, _ comment: String) throws {
    var w = try #require(rt.board.workstreams[id])
    try w.rate(.inYear, to: to, by: "analyst", at: "\(s.today)T11:00:00Z", comment: comment)
    rt.saveElsewhere(.workstream(w), by: "analyst", note: comment)
    _ = try rt.store.refresh()
    _ = update(&s, .boardChanged(rt.store.board))
}

private func rowOf(_ f: Frame, _ id: String) -> String? { f.lines.first { $0.contains(id + " ") } }

private func form(_ s: AppState) -> Form? { if let f = s[dialog: FormMode.self] { f } else { nil } }

/// A Markdown section: from its heading's line to the next heading.
private func mdSection(_ md: String, _ heading: String) -> String? {
    let lines = md.components(separatedBy: "\n")
    guard let i = lines.firstIndex(where: { $0.hasPrefix("#") && $0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) == heading }) else {
        return nil
    }
    return lines[(i + 1)...].prefix { !$0.hasPrefix("#") }.joined(separator: "\n")
}

@Suite struct MeetingLifeTests {
    @Test("a draft's slides follow the live board; H (confirmed) holds the meeting and freezes them; C closes the minutes")
    func draftHeldClosed() throws {
        var (s, rt) = try meetingWalk()
        let title = render(s)
        #expect(title.contains("Draft: the slides follow the live board, as at 2 Nov 2021 10:30 · H starts the meeting"), "\(title.text)")
        // Preparing: a rating changed elsewhere shows on the slide at once.
        try rateElsewhere(&s, rt, "WS-1.3", .red, "Agreement lapsed")
        let p1 = try #require(s.slideIndex(of: .priority("P1")))
        s.presentation?.slide = p1
        #expect(rowOf(render(s), "WS-1.3")?.contains("“Agreement lapsed”") == false)
        #expect(render(s).contains("“Agreement lapsed”"), "\(render(s).text)")
        // A draft takes no decision.
        rt.press(&s, .char("d"))
        #expect(s.modal == nil)
        #expect(s.message?.contains("the meeting is still a draft: H starts it") == true, "\(s.message ?? "")")
        let meetingSaves = { rt.journal.filter { $0.collection == "meetings" } }
        #expect(meetingSaves().isEmpty)
        // H asks; n changes nothing; y holds.
        rt.press(&s, .char("H"))
        guard let q = s[dialog: ConfirmDialog.self]?.message, case .holdMeeting? = s[dialog: ConfirmDialog.self]?.action else {
            Issue.record("H did not ask: \(String(describing: s.modal))")
            return
        }
        #expect(q.hasPrefix("Start the board of 2 Nov 2021?"))
        rt.press(&s, .char("n"))
        #expect(meetingSaves().isEmpty && s.meeting?.stage == .draft)
        rt.press(&s, .char("H"), .char("y"))
        let held = try #require(s.meeting)
        #expect(held.stage == .held && held.heldAt == s.now)
        // The meeting records where the board stood, not a copy: the store rebuilds the board as held.
        #expect(held.snapshot == nil && held.heldSeq == rt.store.lastSeq - 1)
        #expect(try DocumentCodec.encode(.meeting(held)).count < 2_000)
        #expect(held.shown(live: s.board).workstreams["WS-1.3"]?.inYear == .red)
        #expect(meetingSaves().map(\.note) == ["Board of 2 Nov 2021: meeting held, the board as shown frozen"])
        // Held: a later change does not reach the slides.
        try rateElsewhere(&s, rt, "WS-1.3", .green, "Agreement renewed")
        #expect(s.board.workstreams["WS-1.3"]?.inYear == .green)
        #expect(render(s).contains("“Agreement lapsed”") && !render(s).contains("Agreement renewed"))
        s.presentation?.slide = 0
        #expect(render(s).contains("Held: the board as shown was frozen 2 Nov 2021 10:30 · C closes the minutes"))
        rt.press(&s, .char("H"))
        #expect(s.message == "The meeting is held: the meeting is already held" && s.modal == nil)
        // C closes; then nothing new is recorded, only corrections.
        rt.press(&s, .char("C"), .char("y"))
        #expect(s.meeting?.stage == .closed && s.meeting?.closedAt == s.now)
        rt.press(&s, .char("a"))
        #expect(s.modal == nil && s.message?.contains("the minutes of 2 Nov 2021 are closed: e corrects or withdraws") == true)
        #expect(meetingSaves().count == 2)
    }

    @Test("a decision and an action are corrected and withdrawn through e; after closing, each change is an amendment, in the pack too")
    func correctionsAndAmendments() throws {
        var (s, rt) = try meetingWalk(stage: .held) { m, _ in
            m.decisions = [
                Decision(text: "Approve the plan", at: "2021-11-02T10:05:00Z", by: clerk),
                Decision(text: "Escalate Probation data access", at: "2021-11-02T10:10:00Z", by: clerk),
            ]
            m.actions = [MeetingAction(text: "Draft the case", owner: "PCC", due: Day("2021-12-14")!, at: "2021-11-02T10:15:00Z", by: clerk)]
        }
        rt.press(&s, .char("e"))
        guard let cursor = s[dialog: MinutesDialog.self]?.cursor else {
            Issue.record("e did not open the minutes")
            return
        }
        #expect(cursor.selected == 0)
        #expect(render(s).contains("Minutes · board of 2 Nov 2021 (Held)"))
        // Correct D1 while held: a correction, not an amendment.
        rt.press(&s, .enter, .ctrl("u"))
        s.type("Approve the year 3 commissioning plan")
        rt.press(&s, .enter)
        var m = try #require(s.meeting)
        #expect(m.decisions[0].text == "Approve the year 3 commissioning plan")
        #expect(m.decisions[0].corrections == [Correction(previous: "Approve the plan", at: s.now, by: clerk, amendment: false)])
        #expect(m.amendments.isEmpty)
        // Close the minutes, then withdraw D2: recorded as an amendment, kept in the record.
        rt.press(&s, .char("C"), .char("y"))
        rt.press(&s, .char("e"), .char("j"), .char("x"))
        #expect(form(s)?.summary.contains("The minutes are closed: the withdrawal is recorded as an amendment") == true)
        rt.press(&s, .enter)
        #expect(form(s)?.field("reason")?.error == "required", "a withdrawal needs its reason")
        s.type("Superseded by the national escalation")
        rt.press(&s, .enter)
        m = try #require(s.meeting)
        #expect(m.decisions.count == 2)
        #expect(m.decisions[1].withdrawn == Withdrawal(reason: "Superseded by the national escalation", at: s.now, by: clerk, amendment: true))
        #expect(m.amendments == ["Decision 2: withdrawn after the minutes closed 2 Nov 2021 by clerk: Superseded by the national escalation"])
        #expect(rt.journal.last?.note == "Board of 2 Nov 2021: D2 withdrawn: Superseded by the national escalation")
        // The action's due date corrected after closing: an amendment too.
        rt.press(&s, .char("e"), .char("j"), .char("j"), .enter, .tab, .tab, .tab, .ctrl("u"))
        s.type("2022-01-31")
        rt.press(&s, .enter)
        m = try #require(s.meeting)
        #expect(m.actions[0].due == Day("2022-01-31")! && m.actions[0].corrections.first?.amendment == true)
        #expect(m.actions[0].corrections.first?.previous == "Draft the case (PCC, due 14 Dec 2021)")
        // A withdrawn item is not corrected again.
        rt.press(&s, .char("e"), .char("j"), .char("e"))
        #expect(s.message == "D2 is withdrawn")
        rt.press(&s, .escape)
        // The slide and the pack keep the withdrawn decision, say so, and list the amendments.
        let record = try #require(s.slideIndex(of: .record))
        s.presentation?.slide = record
        let f = render(s)
        #expect(f.contains("D2. [withdrawn] Escalate Probation data access"), "\(f.text)")
        #expect(f.contains("withdrawn after the minutes closed 2 Nov 2021 by clerk: Superseded"))
        let md = MarkdownPack.render(PackSource(store: s.board, meeting: m, today: s.today, author: clerk))
        #expect(
            markdownShown(md).contains(
                "2. [Withdrawn] Escalate Probation data access (withdrawn after the minutes closed 2 Nov 2021 by \(Attribution.unlisted): Superseded"
            ), "a paper names no login: clerk is a member of none")
        let amendments = try #require(mdSection(md, "Amendments after the minutes were closed"), "\(md.suffix(2000))")
        #expect(amendments.contains("- Decision 2: withdrawn after the minutes closed"))
        #expect(amendments.contains("- Action 1: amended after the minutes closed 2 Nov 2021 by \(Attribution.unlisted)"))
    }

    @Test("a due date before the meeting is warned about in the action form")
    func pastDueDateIsWarned() throws {
        var (s, rt) = try meetingWalk(stage: .held)
        rt.press(&s, .char("a"))
        s.type("Chase the data sharing agreement")
        // The owner chosen from the members: h goes to the next whose words start with h.
        rt.press(&s, .tab)
        for _ in 0..<10 where form(s)?.value("owner") != "Head of Insight and Analysis" { s.type("h") }
        #expect(form(s)?.value("owner") == "Head of Insight and Analysis")
        rt.press(&s, .tab, .tab, .ctrl("u"))
        s.type("2021-10-01")
        #expect(form(s)?.summary == ["⚠ due 1 Oct 2021, before the meeting (2 Nov 2021): it will show as overdue"])
        rt.press(&s, .enter)
        #expect(s.meeting?.actions.first?.status(on: Day("2021-11-02")!) == .overdue)
    }
}

@Suite struct QuorumTests {
    static func attendance(_ b: Board, except: Set<String> = [], deputies: [String: String] = [:], count: Int? = nil) -> [Attendance] {
        let members = b.members.items.filter { $0.membership != .officer }
        return members.enumerated().map { i, m in
            if let d = deputies[m.id] { return Attendance(member: m.id, status: .deputy, deputy: d) }
            let here = !except.contains(m.id) && (count.map { i < $0 } ?? true)
            return Attendance(member: m.id, status: here ? .present : .apologies)
        }
    }

    @Test("quorate with the PCC and the Chief Constable (or deputies) and a majority of the others; not without", arguments: Fixtures.datasets)
    func quorumByTheTermsOfReference(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var m = Meeting.new(on: b.programme.asAt, board: b, author: clerk)
        #expect(m.quorum(b) == .unrecorded)
        #expect(m.quorumText(b) == "Attendance not recorded: quorum not known")
        let members = b.members.items.filter { $0.membership != .officer }.count
        m.attendance = QuorumTests.attendance(b)
        #expect(m.quorum(b) == .quorate(present: members, of: members))
        // The rule is 004's own for WM-VRU; applied to NNVRU as a model, and marked so.
        let mark = dataset.hasPrefix("nnvru") ? "*" : ""
        #expect(m.quorumText(b) == "Quorate\(mark) (\(members) of \(members) members present)")
        // Without the PCC: not quorate, whoever else is there.
        m.attendance = QuorumTests.attendance(b, except: ["m-pcc"])
        #expect(m.quorum(b) == .inquorate(reasons: ["\(b.name(of: "m-pcc")) (or a deputy) is not present"]))
        // …but a named deputy counts.
        m.attendance = QuorumTests.attendance(b, deputies: ["m-pcc": "Deputy PCC", "m-cc": "ACC Operations"])
        #expect(m.quorum(b).isQuorate == true)
        // The chairs alone, with a minority of the others: not quorate.
        let others = members - 2
        m.attendance = QuorumTests.attendance(b, count: 2 + others / 2).map { a in
            ["m-pcc", "m-cc"].contains(a.member) ? Attendance(member: a.member, status: .present) : a
        }
        let present = m.attendance.filter { $0.status.attends && !["m-pcc", "m-cc"].contains($0.member) }.count
        #expect(present * 2 <= others)
        #expect(m.quorum(b) == .inquorate(reasons: ["\(present) of the \(others) other members present, not a majority"]))
    }

    @Test("a decision recorded while the meeting is not quorate is warned about and marked, on the slide and in the pack")
    func inquorateDecisionIsMarked() throws {
        var (s, rt) = try meetingWalk(stage: .held) { m, b in m.attendance = QuorumTests.attendance(b, except: ["m-cc"]) }
        s.presentation?.slide = 0
        #expect(render(s).contains("Not quorate*: Chief Constable (or a deputy) is not present"), "\(render(s).text)")
        rt.press(&s, .char("d"))
        #expect(form(s)?.summary == ["⚠ the meeting is not quorate: the decision will be marked as taken without a quorum"])
        s.type("Approve the year 3 commissioning plan")
        rt.press(&s, .enter)
        let m = try #require(s.meeting)
        #expect(m.decisions.first?.quorate == false)
        #expect(rt.journal.last?.note == "Board of 2 Nov 2021: decision recorded (not quorate): Approve the year 3 commissioning plan")
        let slideIndex = try #require(s.slideIndex(of: .record))
        s.presentation?.slide = slideIndex
        #expect(render(s).contains("D1. Approve the year 3 commissioning plan [not quorate]"))
        let md = MarkdownPack.render(PackSource(store: s.board, meeting: m, today: s.today, author: clerk))
        #expect(markdownShown(md).contains("1. Approve the year 3 commissioning plan [taken when the meeting was not quorate]"))
        #expect(md.contains("Not quorate*: Chief Constable (or a deputy) is not present"))
    }

    @Test("A is one table: a key a member (p, a, x, d and a name), the quorum as it changes; a deputy needs a name")
    func attendanceTable() throws {
        var (s, rt) = try meetingWalk("wmvru-2021-22", stage: .held)
        let members = s.board.members.items.filter { $0.membership != .officer }
        #expect(members.count >= 10, "the WM-VRU board has ten or more members")
        var keys = 0
        func press(_ k: Key...) {
            keys += k.count
            for key in k { rt.press(&s, key) }
        }
        press(.char("A"))
        let d = try #require(s[dialog: AttendanceDialog.self])
        #expect(d.rows.map(\.member) == members.map(\.id))
        #expect(render(s).contains("Attendance not recorded: quorum not known"))
        // The PCC came by deputy: d, the name, Enter (on to the next member).
        press(.char("d"))
        #expect(s.mode == .attendanceDeputy)
        s.type("Deputy PCC Waheed Saleem")
        press(.enter)
        #expect(s[dialog: AttendanceDialog.self]?.cursor.selected == 1)
        // Apologies from the second, every other member present: one key each.
        press(.char("a"))
        for _ in 2..<members.count { press(.char("p")) }
        let f = render(s)
        #expect(f.contains("Deputy PCC Waheed Saleem") && f.contains("Apologies"), "\(f)")
        press(.enter)
        #expect(s[dialog: AttendanceDialog.self] == nil, "saved and closed")
        #expect(keys <= members.count + 4, "\(members.count) members in \(keys) keys (and the deputy's name)")
        let m = try #require(s.meeting)
        #expect(m.attendance.count == members.count)
        #expect(m.attendance[0] == Attendance(member: members[0].id, status: .deputy, deputy: "Deputy PCC Waheed Saleem"))
        #expect(m.attendance[1].status == .apologies && m.attendance.dropFirst(2).allSatisfy { $0.status == .present })
        #expect(
            rt.journal.last?.note.hasPrefix("Board of 13 Dec 2021: attendance recorded (\(members.count - 2) present, 1 by deputy, 1 apologies)")
                == true)
    }

    @Test("a deputy with no name is not saved: the table goes to the row and waits for the name; Space cycles, P marks the rest present")
    func attendanceDeputyNeedsAName() throws {
        var (s, rt) = try meetingWalk("wmvru-2021-22", stage: .held)
        rt.press(&s, .char("A"), .char("p"), .char("d"), .escape, .enter)
        #expect(s[dialog: AttendanceDialog.self] != nil && rt.journal.isEmpty)
        #expect(s.message == "Not saved: who came instead of \(s.board.members.items[1].shownName)? Type the deputy's name")
        #expect(s[dialog: AttendanceDialog.self]?.cursor.selected == 1 && s.mode == .attendanceDeputy)
        s.type("A deputy")
        rt.press(&s, .enter, .char(" "), .char(" "))
        #expect(s[dialog: AttendanceDialog.self]?.rows[2].status == .deputy, "Space: present, then deputy")
        rt.press(&s, .char(" "))
        #expect(s[dialog: AttendanceDialog.self]?.rows[2].status == .apologies)
        rt.press(&s, .char("P"))
        #expect(s[dialog: AttendanceDialog.self]?.rows.allSatisfy { $0.status != nil } == true)
        // Esc with changes asks; any other key goes back; y discards.
        rt.press(&s, .escape)
        #expect(s.mode == .discard)
        rt.press(&s, .char("n"))
        #expect(s.mode == .attendance)
        rt.press(&s, .escape, .char("y"))
        #expect(s.modal == nil && rt.journal.isEmpty)
    }
}

@Suite struct MattersArisingTests {
    /// Three boards: actions from the first two carried to the third with where each stands.
    static func threeBoards() throws -> (Board, Meeting) {
        var b = try Fixtures.board("nnvru-2021-22")
        func meeting(_ day: String, stage: MeetingStage, _ actions: [MeetingAction]) -> Meeting {
            var m = Meeting.new(on: Day(day)!, board: b, author: clerk)
            if stage != .draft { m.hold(board: b, seq: nil, at: "\(day)T10:00:00Z") }
            m.actions = actions
            return m
        }
        func action(_ text: String, due: String, done: String? = nil, withdrawn: Bool = false) -> MeetingAction {
            MeetingAction(
                text: text, owner: "Owner of \(text)", due: Day(due)!, at: "2021-08-01T10:00:00Z", by: clerk, done: done.flatMap(Day.init),
                withdrawn: withdrawn ? Withdrawal(reason: "no longer needed", at: "2021-08-02T10:00:00Z", by: clerk, amendment: false) : nil)
        }
        b.meetings.put(meeting("2021-07-01", stage: .draft, [action("never held", due: "2021-07-30")]))
        b.meetings.put(
            meeting(
                "2021-08-01", stage: .held,
                [
                    action("overdue one", due: "2021-09-01"), action("done before the second board", due: "2021-09-01", done: "2021-08-20"),
                    action("withdrawn one", due: "2021-09-01", withdrawn: true),
                ]))
        b.meetings.put(
            meeting(
                "2021-09-15", stage: .closed,
                [action("open one", due: "2021-12-01"), action("done since the second board", due: "2021-10-30", done: "2021-10-01")]))
        let third = meeting("2021-11-02", stage: .held, [])
        b.meetings.put(third)
        return (b, third)
    }

    @Test("open actions from earlier boards carry onto the next with their status; done ones show once; drafts and withdrawn ones do not")
    func carriedForward() throws {
        let (b, third) = try Self.threeBoards()
        let carried = b.carriedActions(into: third)
        #expect(carried.map(\.action.text) == ["overdue one", "open one", "done since the second board"])
        #expect(carried.map(\.status) == [.overdue, .open, .done])
        #expect(b.meeting(before: third.date)?.id == "2021-09-15")
        #expect(b.meeting(before: Day("2021-08-01")!) == nil, "a draft never held is not a board that met")
        // On the slide and in the pack.
        var s = AppState(board: b, width: 120, height: 50)
        s.presentation = Presentation(meetingID: third.id, startedAt: 0)
        s.presentation?.slide = 1
        let f = render(s)
        #expect(f.contains("Matters arising: actions from earlier meetings (3)"))
        #expect(f.contains("overdue  A1 of 1 Aug 2021: overdue one"), "\(f.text)")
        #expect(f.contains("open     A1 of 15 Sep 2021: open one"))
        #expect(f.contains("done     A2 of 15 Sep 2021: done since the second board"))
        let md = MarkdownPack.render(PackSource(store: b, meeting: third, today: third.date, author: clerk))
        let table = try #require(mdSection(md, "Matters arising"))
        #expect(
            table.contains(
                """
                | From | Action | Owner | Due | Status |
                |---|---|---|---|---|
                | 1 Aug 2021 A1 | overdue one | Owner of overdue one | 1 Sep 2021 | overdue |
                | 15 Sep 2021 A1 | open one | Owner of open one | 1 Dec 2021 | open |
                | 15 Sep 2021 A2 | done since the second board | Owner of done since the second board | 30 Oct 2021 | done 1 Oct 2021 |
                """), "\(table)")
    }

    @Test("an earlier board's action is marked done from the later board's minutes, saved on its own meeting")
    func markDoneFromTheNextBoard() throws {
        let (b, third) = try Self.threeBoards()
        var onThird = b
        onThird.programme.asAt = third.date
        var s = AppState(board: onThird, width: 120, height: 50)
        s.user = clerk
        s.now = "2021-11-02T10:40:00Z"
        s.presentation = Presentation(meetingID: third.id, startedAt: 0)
        let rt = FakeRuntime(b)
        rt.press(&s, .char("e"))
        #expect(render(s).contains("A1 of 1 Aug 2021  overdue one"), "\(render(s).text)")
        rt.press(&s, .char(" "))
        let first = try #require(s.board.meetings["2021-08-01"])
        #expect(first.actions[0].done == third.date)
        #expect(rt.journal.last?.id == "2021-08-01")
        #expect(rt.journal.last?.note == "Board of 1 Aug 2021: action 1 done: overdue one")
        #expect(s.board.carriedActions(into: third).first?.status == .done)
    }

    @Test("p records whether the last minutes were approved; amended needs what was amended; the first board has none to approve")
    func minutesApproval() throws {
        let (b, third) = try Self.threeBoards()
        var s = AppState(board: b, width: 120, height: 50)
        s.user = clerk
        s.now = "2021-11-02T10:05:00Z"
        s.presentation = Presentation(meetingID: third.id, startedAt: 0)
        let rt = FakeRuntime(b)
        s.presentation?.slide = 1
        #expect(render(s).contains("Minutes of 15 Sep 2021"))
        #expect(render(s).contains("Not yet recorded: p records whether they were approved"))
        rt.press(&s, .char("p"), .right)
        #expect(form(s)?.value("outcome") == "amended")
        #expect(form(s)?.field("note")?.error == "say what was amended")
        rt.press(&s, .tab)
        s.type("Item 4: the Probation date corrected")
        rt.press(&s, .enter)
        let approval = try #require(s.meeting?.minutesApproval)
        #expect(approval.meeting == "2021-09-15" && approval.outcome == .amended && approval.note == "Item 4: the Probation date corrected")
        #expect(render(s).contains("Approved with amendments: Item 4: the Probation date corrected"))
        let md = MarkdownPack.render(PackSource(store: s.board, meeting: s.meeting, today: third.date, author: clerk))
        #expect(mdSection(md, "Minutes of 15 Sep 2021")?.contains("Approved with amendments: Item 4: the Probation date corrected") == true)
        // The first board held has no minutes before it.
        s.presentation = Presentation(meetingID: "2021-08-01", startedAt: 0)
        rt.press(&s, .char("p"))
        #expect(s.modal == nil && s.message == "No earlier meeting is recorded: there are no minutes to approve")
    }
}

@Suite struct SubGroupTests {
    @Test("the sub-groups are the seeds': WM-VRU's four from the 004 annex; NNVRU's analytical group marked illustrative")
    func subGroupsCarryTheirSources() throws {
        let wm = try Fixtures.board("wmvru-2021-22").programme
        #expect(wm.subGroups.map(\.name) == ["Trauma Informed", "Evaluation", "Data & Analysis", "Engagement & Communication"])
        #expect(wm.subGroups.map(\.chair) == ["Claire Dhami, WMCA", "Lola Abudu, PHE", "Gareth Morris, WMP", "Waqar Ahmed, BCC"])
        #expect(wm.subGroups.allSatisfy { $0.source.hasPrefix("004 annex Subgroups 21/22") && !$0.isIllustrative })
        #expect(wm.quorum?.required == ["m-pcc", "m-cc"] && wm.quorum?.isIllustrative == false)
        let nn = try Fixtures.board("nnvru-2021-22").programme
        #expect(nn.subGroups.count == 1 && nn.subGroups[0].isIllustrative)
        #expect(nn.quorum?.isIllustrative == true)
        // Every one is in `vrboard sources`, none without a source.
        for b in [try Fixtures.board("wmvru-2021-22"), try Fixtures.board("nnvru-2021-22")] {
            let rows = Provenance.rows(b).filter { $0.item.hasPrefix("sub-group/") || $0.field == "quorum rule" }
            #expect(rows.count == b.programme.subGroups.count + 1)
            #expect(!rows.contains { $0.status == .missing })
        }
    }

    @Test("s records the chairs' reports; each shows under its sub-group on the slide and in the pack")
    func reports() throws {
        var (s, rt) = try meetingWalk("wmvru-2021-22", stage: .held)
        rt.press(&s, .char("s"))
        let f = try #require(form(s))
        #expect(f.fields.map(\.key) == ["report.trauma-informed", "report.evaluation", "report.data-analysis", "report.engagement-comms"])
        rt.press(&s, .tab)
        s.type("Evaluation framework agreed for the navigator programme")
        rt.press(&s, .enter)
        let m = try #require(s.meeting)
        #expect(
            m.reports == [
                SubGroupReport(subGroup: "evaluation", text: "Evaluation framework agreed for the navigator programme", at: s.now, by: clerk)
            ])
        let slideIndex = try #require(s.slideIndex(of: .subGroups))
        s.presentation?.slide = slideIndex
        let slide = render(s)
        #expect(slide.contains("Evaluation  chair Lola Abudu, PHE · Monthly"), "\(slide.text)")
        #expect(slide.contains("Evaluation framework agreed for the navigator programme"))
        #expect(slide.lines.filter { $0.contains("No report recorded: s records the chairs' reports") }.count == 3)
        let md = MarkdownPack.render(PackSource(store: s.board, meeting: m, today: s.today, author: clerk))
        let table = try #require(mdSection(md, "4.3. Reports from sub-group chairs"))
        #expect(
            table.contains(
                "| Evaluation | Lola Abudu, PHE | Monthly, alternating focus between place-based; systems change; and directly commissioned &amp; other | Evaluation framework agreed for the navigator programme |"
            ), "\(table)")
        #expect(table.contains("| Trauma Informed | Claire Dhami, WMCA | Monthly | No report recorded. |"))
    }
}

@Suite struct MeetingDecodingTests {
    @Test("a meeting saved before meetings had a life reads as held, with no attendance, reports or corrections")
    func legacyMeetingReadsAsHeld() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var m = Meeting.new(on: b.programme.asAt, board: b, author: clerk)
        m.decisions = [Decision(text: "Approve", at: "2021-11-02T10:00:00Z", by: clerk)]
        m.actions = [MeetingAction(text: "Chase", owner: "PCC", due: Day("2021-12-01")!, at: "2021-11-02T10:00:00Z", by: clerk)]
        var json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(m)) as? [String: Any])
        for key in ["stage", "heldAt", "closedAt", "attendance", "recommendations", "minutesApproval", "reports"] { json[key] = nil }
        json["decisions"] = [["text": "Approve", "at": "2021-11-02T10:00:00Z", "by": clerk]]
        json["actions"] = [["text": "Chase", "owner": "PCC", "due": "2021-12-01", "at": "2021-11-02T10:00:00Z", "by": clerk]]
        let old = try JSONDecoder().decode(Meeting.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.stage == .held && old.heldAt == nil && old.attendance.isEmpty && old.reports.isEmpty && old.recommendations.isEmpty)
        #expect(old.decisions == m.decisions && old.actions == m.actions)
        #expect(old.decisions[0].quorate == nil && old.actions[0].done == nil)
    }
}

/// A meeting dated after today has not met: holding it or closing its minutes asks first and says so.
@Suite struct FutureMeetingTests {
    @Test func holdingAMeetingDatedAfterTodaySaysSoFirst() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        let m = Meeting.new(on: Day("2021-11-02")!, board: b, author: "clerk")
        b.meetings.put(m)
        b.programme.asAt = Day("2021-10-01")!
        var s = AppState(board: b, width: 120, height: 36)
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        _ = update(&s, .key(.char("H")))
        let q = try #require(s[dialog: ConfirmDialog.self]?.message)
        #expect(
            q.hasPrefix("⚠ This meeting is dated 2 Nov 2021, after the board's date (1 Oct 2021 · sample). Start the board of 2 Nov 2021?"), "\(q)")
        // On its day, the question is the ordinary one.
        b.programme.asAt = Day("2021-11-02")!
        var onTheDay = AppState(board: b, width: 120, height: 36)
        onTheDay.presentation = Presentation(meetingID: m.id, startedAt: 0)
        _ = update(&onTheDay, .key(.char("H")))
        #expect(onTheDay[dialog: ConfirmDialog.self]?.message.hasPrefix("Start the board of 2 Nov 2021?") == true)
    }
}
