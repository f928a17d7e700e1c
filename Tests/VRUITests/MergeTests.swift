import Testing
import VRModel
import VRStore
import VRStoreAPI
@testable import VRUI

/// Two people editing one item: changes to different fields merge without a question; only fields both
/// changed are asked about, each settled mine or theirs; nothing the other saved is lost.
@Suite struct MergeTests {
    /// The board with a store behind it, WS-2.1's edit form open (its base captured).
    static func editing(_ id: String = "WS-2.1") throws -> (AppState, FakeRuntime) {
        let b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "officer1"
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(b)
        let w = try #require(b.workstreams[id])
        s.modal = .form(WorkstreamForm.open(w, board: b, priority: w.priority))
        return (s, rt)
    }

    static func setField(_ s: inout AppState, _ key: String, _ text: String) {
        guard var f = s[dialog: FormMode.self], let i = f.fields.firstIndex(where: { $0.key == key }) else { return }
        f.fields[i].input = TextField(text)
        f.dirty = true
        s.modal = .form(f)
    }

    /// Officer 2, in another terminal, saves a change to WS-2.1.
    static func theyChange(_ rt: FakeRuntime, _ change: (inout Workstream) -> Void) throws -> Workstream {
        var w = try #require(rt.board.workstreams["WS-2.1"])
        change(&w)
        rt.saveElsewhere(.workstream(w), by: "officer2", note: "Edited workstream WS-2.1")
        return try #require(rt.board.workstreams["WS-2.1"])
    }

    @Test("they change the title, I change the exit note: both are saved, without a dialog, journalled as merged")
    func differentFieldsMerge() throws {
        var (s, rt) = try Self.editing()
        let theirs = try Self.theyChange(rt) { $0.title = "Trauma-informed training for all frontline staff" }
        Self.setField(&s, "exitNote", "Mainstream into the police training budget from April")
        rt.press(&s, .enter)
        #expect(s.modal == nil, "no dialog: \(String(describing: s.modal))")
        let saved = try #require(rt.board.workstreams["WS-2.1"])
        #expect(saved.title == theirs.title, "their title kept")
        #expect(saved.exitStrategy?.note == "Mainstream into the police training budget from April", "my note saved")
        #expect(saved.rev == theirs.rev + 1)
        #expect(rt.journal.last?.note.contains("(merged with a change saved meanwhile to title)") == true, "\(rt.journal.last?.note ?? "")")
        #expect(s.message?.hasPrefix("Saved: ") == true)
    }

    @Test("a long value is wrapped in its column and read whole with v; a list shows as its items, never as JSON")
    func longValuesAndLists() throws {
        var (s, rt) = try Self.editing()
        let theirs = String(repeating: "Their account of the delay with the provider and the data feed. ", count: 12)
        _ = try Self.theyChange(rt) { $0.title = theirs }
        Self.setField(&s, "title", "My title")
        rt.press(&s, .enter)
        // The panel's inside (110 wide, centred on 120 columns): the board behind it is not the dialog's.
        func panelText(_ f: Frame) -> [String] {
            let top = f.find("Changed by someone else")?.y ?? 0
            let bottom = ((top + 1)..<f.height).first { f[5, $0].text == "└" } ?? f.height
            return ((top + 1)..<bottom).map { y in (6..<114).map { f[$0, y].text }.joined() }
        }
        let f = render(s)
        #expect(!panelText(f).joined().contains("…") && f.contains("more lines: v reads it whole"), "\(f.text)")
        rt.press(&s, .char("v"))
        var seen = ""
        for _ in 0..<40 {
            seen += panelText(render(s)).joined(separator: " ")
            rt.press(&s, .down)
        }
        let text = seen.replacingOccurrences(of: "│", with: " ").split(separator: " ").joined(separator: " ")
        #expect(text.contains(theirs.split(separator: " ").joined(separator: " ")), "their value whole across the scroll")
        rt.press(&s, .char("v"))
        #expect(s[dialog: ConflictDialog.self]?.viewing == false)
        // Two lists that clash show as their items, a line each.
        let b = try Fixtures.board("nnvru-2021-22")
        var base = try #require(b.workstreams["WS-2.1"]), mine = base, their = base
        base.objectives = ["one"]
        mine.objectives = ["one", "mine added"]
        their.objectives = ["their only"]
        let merge = try #require(Merge(base: .workstream(base), mine: .workstream(mine), theirs: .workstream(their)))
        let clash = try #require(merge.clashes.first { $0.key == "objectives" })
        #expect(clash.mine == "• one\n• mine added" && clash.theirs == "• their only")
    }

    @Test("we both change the title: only the title is asked about; Space chooses; my other change is kept either way")
    func sameFieldIsAsked() throws {
        var (s, rt) = try Self.editing()
        let theirs = try Self.theyChange(rt) { $0.title = "Their title" }
        Self.setField(&s, "title", "My title")
        Self.setField(&s, "exitNote", "My note")
        rt.press(&s, .enter)
        guard let c = s[dialog: ConflictDialog.self] else {
            Issue.record("no dialog for a field both changed")
            return
        }
        #expect(c.merge?.clashes.map(\.label) == ["Title"])
        #expect(c.differences.map(\.0) == ["Title"], "only the field both changed is listed")
        let f = render(s)
        // The explanation wraps in the panel: read as one text.
        let said = f.lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(said.contains("Your change to exit strategy is kept."), "\(f.text)")
        #expect(f.contains("● My title"))
        // Space: theirs for the title; Enter saves: their title, my note.
        rt.press(&s, .char(" "))
        rt.press(&s, .enter)
        let saved = try #require(rt.board.workstreams["WS-2.1"])
        #expect(saved.title == theirs.title && saved.exitStrategy?.note == "My note")
        #expect(rt.journal.last?.note.contains("took theirs for title") == true, "\(rt.journal.last?.note ?? "")")
    }

    @Test("taking theirs when nothing of mine is left saves nothing; keeping mine saves mine over theirs for that field only")
    func takeTheirsAndKeepMine() throws {
        var (s, rt) = try Self.editing()
        _ = try Self.theyChange(rt) {
            $0.title = "Their title"
            $0.objectives.append("Their new objective")
        }
        Self.setField(&s, "title", "My title")
        rt.press(&s, .enter)
        let count = rt.journal.count
        rt.press(&s, .char("t"))
        #expect(rt.journal.count == count, "their version kept as it is: nothing to save")
        #expect(s.message == "Kept the version saved elsewhere; your change was not saved")
        // Again, keeping mine: my title, their objective.
        let (s2, rt2) = try Self.editing()
        var s3 = s2
        _ = try Self.theyChange(rt2) {
            $0.title = "Their title"
            $0.objectives.append("Their new objective")
        }
        Self.setField(&s3, "title", "My title")
        rt2.press(&s3, .enter)
        rt2.press(&s3, .char("k"))
        let saved = try #require(rt2.board.workstreams["WS-2.1"])
        #expect(saved.title == "My title" && saved.objectives.last == "Their new objective")
    }

    /// A held meeting with a decision being typed in this terminal while another records one and saves it.
    static func decisionMeetsTheirs() throws -> (AppState, FakeRuntime, Meeting) {
        var b = try Fixtures.board("nnvru-2021-22")
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.stage = .held
        b.meetings.put(m)
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "clerk1"
        s.now = "2021-11-02T10:30:00Z"
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        let rt = FakeRuntime(b)
        rt.press(&s, .char("d"))
        s.type("Approve the year 3 commissioning plan")
        var theirs = m
        theirs.decisions.append(Decision(text: "Escalate Probation data access", at: "2021-11-02T10:29:00Z", by: "clerk2"))
        rt.saveElsewhere(.meeting(theirs), by: "clerk2", note: "Board of 2 Nov 2021: decision recorded")
        return (s, rt, m)
    }

    @Test("two decisions recorded at once in two terminals: both are kept, without a dialog")
    func twoRecordsAddedToOneList() throws {
        var (s, rt, m) = try Self.decisionMeetsTheirs()
        rt.press(&s, .enter)
        #expect(s.modal == nil)
        #expect(rt.board.meetings[m.id]?.decisions.map(\.text) == ["Escalate Probation data access", "Approve the year 3 commissioning plan"])
    }

    @Test("a decision recorded on a board that had already taken the other terminal's decision in keeps each once")
    func recordOnARefreshedBoard() throws {
        var (s, rt, m) = try Self.decisionMeetsTheirs()
        // The live refresh brings theirs in while the form is open; the form was opened on the old version.
        _ = try rt.store.refresh()
        _ = update(&s, .boardChanged(rt.store.board))
        rt.press(&s, .enter)
        #expect(s.modal == nil)
        #expect(rt.board.meetings[m.id]?.decisions.map(\.text) == ["Escalate Probation data access", "Approve the year 3 commissioning plan"])
    }

    @Test("the merge is field by field for every kind of document: a risk's owner and its description")
    func risksMergeToo() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 120, height: 36)
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(b)
        let r = try #require(b.risks.items.first)
        s.modal = .form(RiskForm.open(r, board: b, today: b.programme.asAt))
        var theirs = r
        theirs.description = "Their fuller description"
        rt.saveElsewhere(.risk(theirs), by: "officer2", note: "Edited risk")
        Self.setField(&s, "title", r.title + " (revised)")
        rt.press(&s, .enter)
        #expect(s.modal == nil, "\(String(describing: s.modal))")
        let saved = try #require(rt.board.risks[r.id])
        #expect(saved.description == "Their fuller description" && saved.title == r.title + " (revised)")
    }
}

/// The merge dialog says in one sentence whose changes to other fields were kept.
@Suite struct MergeSentenceTests {
    @Test("mine, theirs, both or neither: each reads as a sentence")
    func keptSentence() {
        #expect(ConflictDialog.keptSentence(mine: ["Exit strategy"], theirs: []) == "Your change to exit strategy is kept. ")
        #expect(ConflictDialog.keptSentence(mine: [], theirs: ["Lead", "Sponsor"]) == "Their change to lead and sponsor is kept. ")
        #expect(ConflictDialog.keptSentence(mine: ["Lead"], theirs: ["Title"]) == "Your change to lead and their change to title are both kept. ")
        #expect(ConflictDialog.keptSentence(mine: [], theirs: []).isEmpty)
    }
}
