import Testing
import VRModel
@testable import VRUI

/// The seeded register says what the seeds say, and the Interventions screen shows it at 80x24.
@Suite struct InterventionScreenTests {
    @Test("WM-VRU: Table 1's eight lines with their Q1-Q2 reach add up to 2,934 under 25 and 197 aged 25 and over")
    func wmTotals() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let withReach = b.interventions.items.filter { !$0.returns.isEmpty }
        #expect(withReach.count == 8)
        let totals = b.interventions.items.reduce((0, 0)) { acc, iv in
            let r = iv.reach(inYear: 2021)
            return (acc.0 + r.under25, acc.1 + r.over25)
        }
        #expect(totals == (2_934, 197))
        for iv in withReach {
            #expect(iv.returns.count == 1 && iv.returns[0].quarters == 2 && iv.returns[0].quarter == Quarter("2021-Q1"), "\(iv.id)")
            #expect(iv.returns[0].source?.hasPrefix("004 Table 1") == true, "\(iv.id)")
        }
        #expect(b.evaluations.count == 8, "004 §155 lists eight")
        #expect(b.problems.isEmpty)
    }

    @Test("the overview says this year's reach by age band, and the interventions' amount and share whole, at 80x24")
    func overview() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let f = render(AppState(board: b, width: 80, height: 24))
        #expect(f.contains("Reach 2,934 <25 · 197 25+"))
        #expect(f.contains(b.funding.spendText(.interventions)))
        #expect(!f.contains("overdue"), "no return is due and missing at 13 Dec 2021")
    }

    @Test("every intervention and evaluation cites a seed paragraph; NNVRU's list invents none of its 28", arguments: Fixtures.datasets)
    func sourced(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let cites = #/00[0-4] (§|Table)/#
        for iv in b.interventions.items { #expect(iv.source.contains(cites), "\(iv.id): \(iv.source)") }
        for e in b.evaluations.items { #expect(e.source.contains(cites), "\(e.id): \(e.source)") }
        for iv in b.interventions.items where iv.budget != nil { #expect(iv.budgetIllustrative, "\(iv.id): a budget no seed gives is starred") }
        if dataset.hasPrefix("nnvru") {
            #expect(b.interventions.items.map(\.name) == ["U Turn", "Divert Plus"], "only those 001 names")
            #expect(b.interventions.items.allSatisfy { $0.returns.isEmpty }, "001 gives no reach per intervention")
        }
    }

    @Test("the screen at 80x24: the register, this year's reach, the selected one's detail; p and o filter", arguments: Fixtures.datasets)
    func screen(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("6"))
        #expect(s.screen == .interventions)
        let f = render(s)
        expectFits(f, width: 80, height: 24)
        #expect(f.lines[1].contains("6 Interventions"), "every tab shows at 80 columns")
        #expect(f.contains("Commissioned interventions · \(b.interventions.count)"))
        let first = try #require(s.selectedIntervention)
        #expect(f.contains("┌─ \(first.id) · "))
        if dataset.hasPrefix("wmvru") {
            #expect(f.contains("2,934 under 25 · 197 25+"))
            #expect(f.contains("Q1-Q2 2021/22"))
        }
        // Level: only the chosen level's rows; overdue only, then all again; Esc clears the filters.
        _ = s.press(.char("p"))
        #expect(s.interventionsScreen.rows.allSatisfy { $0.level == .primary })
        _ = s.press(.char("o"))
        #expect(s.interventionsScreen.rows.allSatisfy { !$0.lateReturns(on: s.today, dueDays: Intervention.dueDays).isEmpty })
        _ = s.press(.escape)
        #expect(s.interventionsScreen.rows.count == b.interventions.count)
        // With a filter kept beside the tabs, the current screen's tab still shows.
        _ = s.press(.char("/"))
        s.type("Divert")
        _ = s.press(.enter)
        #expect(render(s).lines[1].contains("6 Interventions"), "\(render(s).lines[1])")
        _ = s.press(.escape)
        // v reads the selected one whole.
        _ = s.press(.char("v"))
        guard let v = s[dialog: ViewerMode.self] else {
            Issue.record("v opens the viewer")
            return
        }
        #expect(v.title.hasPrefix(first.id))
        expectFits(render(s), width: 80, height: 24)
    }
}

/// A portfolio officer adds and edits an intervention on the board.
@Suite struct InterventionFormTests {
    /// Tabs to `key` in the open form and types `text` over what is there.
    static func set(_ s: inout AppState, _ key: String, _ text: String) throws {
        for _ in 0..<40 {
            guard let f = s[dialog: FormMode.self] else { throw FormMissing() }
            if f.fields[f.focus].key == key { break }
            _ = s.press(.tab)
        }
        _ = s.press(.ctrl("u"))
        s.type(text)
    }
    struct FormMissing: Error {}

    @Test("n adds an intervention (a workstream that does not exist and an end before the start are refused); e edits it; both journalled")
    func addAndEdit() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 100, height: 30)
        s.user = "officer"
        s.now = "2021-12-13T10:00:00Z"
        _ = s.press(.char("6"), .char("n"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("n opens the form")
            return
        }
        #expect(f.value("id") == "IV-17")
        try Self.set(&s, "name", "Street Doctors")
        try Self.set(&s, "provider", "Street Doctors CIC")
        try Self.set(&s, "start", "01/10/2021")
        try Self.set(&s, "end", "30/09/2021")
        try Self.set(&s, "workstream.0", "WM-99")
        guard let bad = s[dialog: FormMode.self] else { return }
        #expect(bad.field("end")?.error == "before the start")
        #expect(bad.field("workstream.0")?.error == "no workstream WM-99")
        #expect(savesIn(s.press(.enter)).isEmpty, "nothing is saved while a field is wrong")
        try Self.set(&s, "end", "31/03/2022")
        try Self.set(&s, "workstream.0", "WM-04")
        try Self.set(&s, "source", "illustrative: a test entry")
        rt.run(s.press(.enter), &s)
        let iv = try #require(s.board.interventions["IV-17"])
        #expect(iv.name == "Street Doctors" && iv.provider == "Street Doctors CIC" && iv.workstreams == ["WM-04"])
        #expect(iv.start == Day("2021-10-01") && iv.end == Day("2022-03-31") && iv.level == nil)
        // Q3 ends 31 Dec: nothing is due at 13 Dec, so nothing is claimed overdue.
        #expect(iv.lateReturns(on: s.today, dueDays: Intervention.dueDays).isEmpty)
        // Edit: select it and change its provider.
        s.interventionsScreen.cursor.selected = try #require(s.interventionsScreen.rows.firstIndex { $0.id == "IV-17" })
        _ = s.press(.char("e"))
        try Self.set(&s, "provider", "Street Doctors")
        rt.run(s.press(.enter), &s)
        #expect(s.board.interventions["IV-17"]?.provider == "Street Doctors")
        #expect(rt.journal.map(\.note) == ["Added intervention IV-17: Street Doctors", "Edited intervention IV-17"])
    }
}

/// The screen's other tables: the evaluations, and reach by level with the register's budgets.
@Suite struct InterventionTablesTests {
    @Test(
        "t shows the evaluations, then reach by level and the budgets, then the register; Esc goes back to it; at 80x24", arguments: Fixtures.datasets
    )
    func tables(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("6"), .char("t"))
        #expect(s.interventionsScreen.table == .evaluations)
        var f = render(s)
        expectFits(f, width: 80, height: 24)
        let open = b.evaluations.items.filter { $0.status != .reported }.count
        #expect(f.contains("Evaluations · \(b.evaluations.count) · \(open) not yet reported"))
        let first = try #require(s.selectedEvaluation)
        #expect(f.contains("┌─ \(first.id) · "), "the detail shows the selected evaluation")
        #expect(s.selectedIntervention == nil, "r, and H, act on what is shown")
        _ = s.press(.char("r"))
        #expect(s.modal == nil && s.message == "Only on the register: t shows it")
        _ = s.press(.char("v"))
        guard let v = s[dialog: ViewerMode.self] else {
            Issue.record("v reads the evaluation whole")
            return
        }
        #expect(v.title == "\(first.id) · \(first.title)")
        _ = s.press(.escape, .char("t"))
        #expect(s.interventionsScreen.table == .levels)
        f = render(s)
        expectFits(f, width: 80, height: 24)
        #expect(f.contains("Reach by prevention level · 2021/22 against 2020/21"))
        for t in b.reachByLevel(inYear: 2021) { #expect(f.contains(t.label), "\(t.label)") }
        let all = b.reachByLevel(inYear: 2021, total: true)
        if all.count > 1 {
            let row = try #require(f.lines.first { $0.contains("All levels") })
            #expect(row.contains(" \(b.interventions.count) ") && row.contains(" \(all.last!.under25.grouped) "), "\(row)")
        }
        if dataset.hasPrefix("wmvru") {
            #expect(f.contains("16 of 16 interventions budget £2,090,000*, of £2,150,000* for"))
            #expect(f.contains("✓ PASS* Evaluation ≥ 10% of the register's budgets: 10.3%"))
        } else {
            #expect(f.contains("No intervention in the register has a budget for the year"))
        }
        _ = s.press(.char("e"))
        #expect(s.modal == nil && s.message == "The totals are read-only: t shows the register")
        _ = s.press(.escape)
        #expect(s.interventionsScreen.table == .register)
    }

    @Test("f filters by the priority an intervention serves, through its workstreams, then those tied to none")
    func priorityFilter() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        var s = AppState(board: b, width: 120, height: 36)
        _ = s.press(.char("6"))
        for p in b.priorities.items {
            _ = s.press(.char("f"))
            #expect(s.interventionsScreen.priority == .priority(p.id))
            let want = b.interventions.items.filter { b.priorities(of: $0).contains(p.id) }.map(\.id)
            #expect(s.interventionsScreen.rows.map(\.id) == want, "\(p.id)")
            #expect(s.message == "Showing interventions serving priority \(p.number), \(p.title)")
        }
        _ = s.press(.char("f"))
        #expect(s.interventionsScreen.priority == .none)
        #expect(s.interventionsScreen.rows.allSatisfy { b.priorities(of: $0).isEmpty })
        _ = s.press(.char("f"))
        #expect(s.interventionsScreen.priority == .all && s.interventionsScreen.rows.count == b.interventions.count)
        // Some priority has interventions, and the title says the filter.
        _ = s.press(.char("f"))
        #expect(render(s).contains(" of 16 · serving priority 1, "))
    }

    @Test("on the evaluations, n adds one and e updates it: a reported one needs its finding; an unknown intervention is refused; journalled")
    func evaluationForm() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 100, height: 30)
        s.user = "officer"
        s.now = "2021-12-13T10:00:00Z"
        _ = s.press(.char("6"), .char("t"), .char("n"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("n opens the evaluation form")
            return
        }
        #expect(f.title == "New evaluation" && f.value("id") == "EV-09")
        try InterventionFormTests.set(&s, "title", "Evaluation of Kitchen Table Talks")
        try InterventionFormTests.set(&s, "commissionedBy", "WM-VRU")
        try InterventionFormTests.set(&s, "due", "31/03/2022")
        try InterventionFormTests.set(&s, "cost", "£12,500")
        try InterventionFormTests.set(&s, "intervention.0", "IV-99")
        guard let bad = s[dialog: FormMode.self] else { return }
        #expect(bad.field("intervention.0")?.error == "no intervention IV-99")
        #expect(savesIn(s.press(.enter)).isEmpty)
        try InterventionFormTests.set(&s, "intervention.0", "IV-10")
        rt.run(s.press(.enter), &s)
        let e = try #require(s.board.evaluations["EV-09"])
        #expect(e.interventions == ["IV-10"] && e.due == Day("2022-03-31") && e.cost == 12_500 && !e.costIllustrative && e.status == .planned)
        #expect(e.source == "entered in vrboard")
        // Update it: reported needs a finding.
        s.interventionsScreen.evaluationCursor.selected = try #require(s.interventionsScreen.evaluations.firstIndex { $0.id == "EV-09" })
        _ = s.press(.char("e"))
        guard let upd = s[dialog: FormMode.self] else {
            Issue.record("e opens the evaluation")
            return
        }
        #expect(upd.title == "Update EV-09")
        for _ in 0..<20 {
            guard let g = s[dialog: FormMode.self], g.fields[g.focus].key != "status" else { break }
            _ = s.press(.tab)
        }
        _ = s.press(.right, .right)
        guard let rep = s[dialog: FormMode.self] else { return }
        #expect(rep.value("status") == "reported")
        #expect(rep.field("finding")?.error == "a reported evaluation needs its finding")
        try InterventionFormTests.set(&s, "finding", "Parents reported less isolation")
        rt.run(s.press(.enter), &s)
        #expect(s.board.evaluations["EV-09"]?.status == .reported && s.board.evaluations["EV-09"]?.finding == "Parents reported less isolation")
        #expect(
            rt.journal.map(\.note) == ["Added evaluation EV-09: Evaluation of Kitchen Table Talks", "Updated evaluation EV-09: planned → reported"])
        // The register shows it against the intervention it covers.
        _ = s.press(.escape)
        s.interventionsScreen.cursor.selected = try #require(s.interventionsScreen.rows.firstIndex { $0.id == "IV-10" })
        #expect(s.interventionsScreen.covering["IV-10"]?.map(\.id) == ["EV-09"])
    }
}

/// The funding screen flags the register's over-commitment beside the grant conditions.
@Suite struct RegisterOnFundingTests {
    @Test("wide, the register's budgets and its evaluation check show under the conditions; narrow, only when something needs attention")
    func funding() throws {
        var b = try Fixtures.board("wmvru-2021-22")
        var wide = AppState(board: b, width: 120, height: 36)
        _ = wide.press(.char("3"))
        var f = render(wide)
        #expect(f.contains("Register 16 of 16 interventions budget £2,090,000*, of £2,150,000* for interventions: £60,000* uncommitted"))
        #expect(f.contains("✓ PASS* Evaluation ≥ 10% of the register's budgets: 10.3%  margin £6,000"))
        var narrow = AppState(board: b, width: 80, height: 24)
        _ = narrow.press(.char("3"))
        #expect(!render(narrow).contains("Register "), "nothing to flag: the grants keep the room")
        // £100,000 more on one budget: over-committed by £40,000, and evaluation now under 10%.
        var iv = try #require(b.interventions["IV-10"])
        iv.budget = 130_000
        b.interventions.put(iv)
        narrow.board = b
        f = render(narrow)
        expectFits(f, width: 80, height: 24)
        #expect(f.contains("Register over-committed by £40,000*: budgets £2,190,000* of £2,150,000*"))
        let row = try #require(f.lines.firstIndex { $0.contains("Register over-committed") })
        let x = try #require(f.lines[row].range(of: "over-committed")).lowerBound.utf16Offset(in: f.lines[row])
        #expect(f[x, row].role == .fail, "said in the fail colour as well as in words")
    }
}
