import Foundation
import Testing
import VRModel
import VRStore
import VRStoreAPI
import VRReport

@testable import VRUI

/// The Funding screen's budget monitoring: the table at 80x24 and 120x36, entering a quarter's actuals,
/// explaining a variance, reprofiling, and two officers entering actuals at once.
@Suite struct MonitoringScreenTests {
    @Test(
        "t shows the monitoring: each category's budget, spent, forecast and variance, a total, the conditions three ways",
        arguments: Fixtures.datasets)
    func table(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        for (w, h) in [(80, 24), (120, 36)] {
            var s = AppState(board: b, width: w, height: h)
            _ = s.press(.char("3"), .char("t"))
            #expect(s.fundingScreen.table == .monitoring)
            let f = render(s)
            expectFits(f, width: w, height: h)
            let report = b.funding.monitor(asAt: b.programme.asAt)
            #expect(f.contains("Budget monitoring · 2021/22 · Q2 ended · \(report.yearElapsed) of the year gone"), "\(w)x\(h)")
            let total = try #require(f.lines.first { $0.contains("│Total ") }, "\(w)x\(h)")
            #expect(total.contains(Money.compact(report.budget)) && total.contains(Money.compact(report.forecast) + "*"), "\(total)")
            #expect(f.contains("Interventions ≥ 20%  plan ✓"), "\(w)x\(h)")
            if w >= 110 { #expect(f.contains("(£"), "quarters still to come show their profile, muted") }
            // Warnings wrap at 80 columns: read them as one text.
            let text = f.lines.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }.joined(separator: " ")
            if dataset.hasPrefix("wmvru") {
                #expect(report.grantVariance == 140_000)
                #expect(text.contains("⚠ Evaluation passes on the plan but fails on the forecast outturn: £16,600* short"), "\(w)x\(h)")
                #expect(text.contains("⚠ Forecast underspend of the grant £140,000* (grant must be spent by 31 Mar 2022)"), "\(w)x\(h)")
            } else {
                #expect(report.grantVariance == 40_000)
                #expect(f.contains("⚠ Forecast underspend of the grant £40,000*"), "\(w)x\(h)")
            }
        }
    }

    @Test("a enters a quarter's actuals by keys: filled in where entered, the profile beside, one journal entry; Esc goes back to the split")
    func enterActuals() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 100, height: 30)
        s.user = "finance.officer"
        s.now = "2021-11-02T12:00:00Z"
        _ = s.press(.char("3"), .char("t"), .char("a"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("a opens the actuals form")
            return
        }
        // Q1 and Q2 are in: the form offers Q2, the latest ended, with its actuals filled in.
        #expect(f.value("quarter") == "2021-Q2" && f.value("actual.staff").isEmpty)
        #expect(
            f.grid?.rows.first { $0.keys.first == "actual.staff" }?.info == "£89,500 of £98,750", "what is in already, of its profile, beside the row"
        )
        try InterventionFormTests.set(&s, "quarter", "2021-Q3")
        try InterventionFormTests.set(&s, "actual.staff", "95,000")
        try InterventionFormTests.set(&s, "forecast.staff", "375000")
        try InterventionFormTests.set(&s, "note", "Period 7")
        guard let filled = s[dialog: FormMode.self] else { return }
        #expect(filled.grid?.rows.first { $0.keys.first == "actual.staff" }?.info == "none; profile £98,750")
        #expect(filled.summary.first == "Q3 2021/22: £95,000 typed for 1 category, against a profile of £98,750")
        rt.run(s.press(.enter), &s)
        #expect(s.modal == nil)
        let staff = try #require(s.budgetReport.lines.first { $0.category.id == "staff" })
        #expect(staff.actuals == [86_000, 89_500, 95_000, nil] && staff.forecast == 375_000)
        #expect(
            rt.journal.map(\.note) == [
                "Actual spend Q3 2021/22: 1 category, £95,000 in all (Staff costs, including public health and analytical capability £95,000); forecast outturn Staff costs, including public health and analytical capability £375,000: Period 7"
            ])
        // A quarter not started is refused in the form, before anything is saved.
        _ = s.press(.char("a"))
        try InterventionFormTests.set(&s, "quarter", "2021-Q4")
        guard let bad = s[dialog: FormMode.self] else { return }
        #expect(bad.field("quarter")?.error == "Q4 2021/22 has not started yet (it starts 1 Jan 2022)")
        _ = s.press(.escape, .char("y"), .escape)
        #expect(s.fundingScreen.table == .split)
    }

    @Test("At 80x24 the actuals form is a table: every category a row at once, the focused one named whole under it with what its cell reads as")
    func actualsAt80x24() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("3"), .char("a"))
        let f = try #require(s[dialog: FormMode.self])
        #expect(f.summary == ["Q2 2021/22: type each category's actual; a blank leaves it as it is"], "nothing typed is not £0 against £0")
        let before = render(s)
        for c in b.funding.categories {
            let start = c.name.split(separator: " ").prefix(2).joined(separator: " ")
            #expect(before.contains(start), "\(c.name) has its row at 80x24")
        }
        // Tab to the place-based row's actual and type an amount in millions: said back under the table.
        _ = s.press(.tab, .tab, .tab)
        s.type("3.37m")
        let typed = render(s)
        #expect(typed.contains("Place-based delivery budgets agreed with local violence reduction boards"), "the focused row's category whole")
        #expect(typed.contains("Actual: read as £3,370,000"))
        s.type("x")
        #expect(render(s).contains("✗ Actual: not an amount (e.g. 255200 or £255,200)"))
    }

    @Test("With more categories than rows at 80x24 the table scrolls with the focus and counts what is out of view, above and below")
    func actualsTableScrolls() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        for k in 1...8 {
            b.funding.categories.append(
                FundingCategory(id: "extra-\(k)", name: "Extra category \(k)", kind: .other, amount: 1_000, source: "illustrative: a test's"))
        }
        let n = b.funding.categories.count
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("3"), .char("a"))
        let first = String(b.funding.categories[0].name.split(separator: " ")[0])
        let top = render(s)
        try #require(s[dialog: FormMode.self] != nil, "\(top.text)")
        #expect(top.contains(first) && top.text.contains("more"))
        #expect(!top.contains("↑"), "nothing above the first row")
        // Tab to the last category's forecast: the first rows scroll out, counted above the header.
        for _ in 0..<(2 * n) { _ = s.press(.tab) }
        let bottom = render(s)
        #expect(bottom.contains(try #require(b.funding.categories.last).name))
        #expect(bottom.text.contains("↑ ") && !bottom.contains(first))
        expectFits(bottom, width: 80, height: 24)
        // The split's chart says how many categories it cannot show, on a row of its own.
        _ = s.press(.escape)
        #expect(s.modal == nil)
        let chart = render(s)
        let more = try #require(chart.lines.first { $0.contains("more categories") }, "\(chart.text)")
        #expect(more.contains("(t: the budget monitoring lists every one)") && !more.contains("%"), "\(more)")
    }

    @Test("x explains the selected line's variance: cause, one-off or lasting, action; it then shows in place of 'commentary needed'")
    func explain() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 80, height: 24)
        s.user = "finance.officer"
        s.now = "2021-11-02T12:00:00Z"
        _ = s.press(.char("3"), .char("t"), .char("j"))
        #expect(s.selectedBudgetLine?.category.id == "staff")
        #expect(render(s).contains("£25,000 under budget (favourable) · commentary needed: x explains it"))
        _ = s.press(.char("x"))
        try InterventionFormTests.set(&s, "cause", "Two posts vacant from Q1")
        try InterventionFormTests.set(&s, "action", "Recruitment under way; spend moved to Q4 commissioning")
        rt.run(s.press(.enter), &s)
        #expect(s.selectedBudgetLine?.commentary?.nature == .oneOff)
        #expect(!render(s).contains("commentary needed"))
        #expect(rt.journal.last?.note.hasPrefix("Variance commentary on Staff costs") == true)
    }

    @Test("m reprofiles: the amount moves, the approved budget stays beside it, the reason is journalled; too much is refused")
    func reprofile() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "director"
        s.now = "2021-11-02T12:00:00Z"
        _ = s.press(.char("3"), .char("t"), .char("j"), .char("m"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("m opens the reprofile form")
            return
        }
        #expect(f.value("from") == "staff" && f.value("to") == "infrastructure")
        try InterventionFormTests.set(&s, "amount", "600000")
        guard let tooMuch = s[dialog: FormMode.self] else { return }
        #expect(!tooMuch.summaryOK && tooMuch.summary.contains { $0.contains("has £197,500 left to spend this year") })
        try InterventionFormTests.set(&s, "amount", "20000")
        try InterventionFormTests.set(&s, "reason", "Vacancies: the money goes to commissioning")
        rt.run(s.press(.enter), &s)
        let staff = try #require(s.board.funding.categories.first { $0.id == "staff" })
        #expect(staff.amount == 375_000 && staff.approvedBudget == 395_000)
        #expect(
            rt.journal.last?.note
                == "Reprofiled £20,000 from Staff costs, including public health and analytical capability to Infrastructure; accommodation, engagement and services: Vacancies: the money goes to commissioning"
        )
        #expect(render(s).contains("Budget £375,000 (approved £395,000)"))
    }

    @Test("two officers enter actuals for different categories at once: both are kept, no question asked")
    func concurrentActuals() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let base = b.funding, asAt = b.programme.asAt, q1 = Quarter("2021-Q1")!
        var mine = base, theirs = base
        try mine.record(SpendEntry(category: "staff", quarter: q1, actual: 70_000, by: "a", at: "2021-11-02T10:00:00Z"), asAt: asAt)
        try theirs.record(SpendEntry(category: "data", quarter: q1, actual: 9_000, by: "b", at: "2021-11-02T10:00:01Z"), asAt: asAt)
        let m = try #require(Merge(base: .funding(base), mine: .funding(mine), theirs: .funding(theirs)))
        #expect(m.clashes.isEmpty)
        guard case .funding(let merged)? = m.document(keepMine: [], rev: base.rev + 2) else {
            Issue.record("the merge makes a funding document")
            return
        }
        #expect(merged.spend.suffix(2).map(\.category) == ["data", "staff"], "theirs first, then mine")
        let lines = merged.monitor(asAt: asAt).lines
        #expect(lines.first { $0.category.id == "staff" }?.actuals[0] == 70_000 && lines.first { $0.category.id == "data" }?.actuals[0] == 9_000)
    }
}

/// Funding beyond this year: each grant's amounts by financial year, the contributions, and the bridging
/// at stake while next year's core grant is not confirmed.
@Suite struct YearsAheadTests {
    @Test("bridging: whole months from the first to the last, at the cost a month; said only while next year's core grant is unconfirmed")
    func bridging() throws {
        var b = try Fixtures.board("wmvru-2021-22")
        let fu = b.funding
        let br = try #require(fu.bridging)
        #expect(br.months == 6 && br.cost == 1_080_000 && br.monthlyCost == 180_000)
        #expect(fu.grantYears == [2019, 2020, 2021, 2022])
        #expect(fu.coreGrant?.years?.map(\.status) == [.confirmed, .confirmed, .confirmed, .expected])
        #expect(
            fu.bridgingWarning(asAt: b.programme.asAt)
                == "The core grant for 2022/23 is not confirmed: bridging 1 Jan 2022 to 30 Jun 2022, 6 months at £180,000 a month, is £1,080,000")
        // Confirmed: nothing at stake.
        let i = try #require(b.funding.grants.firstIndex { $0.core == true })
        b.funding.grants[i].years?[3].status = .confirmed
        #expect(b.funding.bridgingWarning(asAt: b.programme.asAt) == nil)
        #expect(Bridging(monthlyCost: .max, from: Day("2022-01-01")!, until: Day("2022-12-31")!, source: "t").cost == .max, "never traps")
    }

    @Test("t twice on Funding: the grants by year at 80x24 with the bridging first; a dataset without years says so", arguments: Fixtures.datasets)
    func screen(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("3"), .char("t"), .char("t"))
        #expect(s.fundingScreen.table == .years)
        let f = render(s)
        expectFits(f, width: 80, height: 24)
        #expect(f.contains("Grants and contributions by financial year"))
        if dataset.hasPrefix("wmvru") {
            #expect(f.contains("⚠ The core grant for 2022/23 is not confirmed: bridging 1 Jan 2022 to 30 Jun"))
            let core = try #require(f.lines.first { $0.contains("│Home Office VRU cor") })
            #expect(core.contains("£3.37M ✓") && core.contains("continuing"))
            #expect(f.lines.contains { $0.contains("│PCC grant (former V") && $0.contains("match") && $0.contains("£524k ✓") })
        } else {
            #expect(f.contains("No grant has amounts by year recorded"))
        }
        _ = s.press(.char("t"))
        #expect(s.fundingScreen.table == .split)
    }

    @Test("the pack's funding section carries the years ahead and the bridging")
    func pack() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "a"))
        #expect(md.contains("### Beyond this year"))
        #expect(
            md.contains("| Home Office VRU core grant | £3,370,000 confirmed | £3,370,000 confirmed | £3,370,000 confirmed | not known expected |"))
        #expect(md.contains("bridging 1 Jan 2022 to 30 Jun 2022, 6 months at £180,000 a month, is £1,080,000 (004 §23-25"))
    }
}

/// Recording next year's core grant as confirmed ends the bridging warning; editing a grant keeps its years.
@Suite struct CoreGrantFormTests {
    @Test("Enter on the core grant: next year's amount and confirmed; journalled; the bridging warning goes; another grant keeps its years")
    func confirm() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "secretary"
        s.now = "2022-02-10T10:00:00Z"
        _ = s.press(.char("3"), .char("t"), .char("t"), .enter)
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("Enter opens the core grant")
            return
        }
        #expect(f.title == "Edit grant: Home Office VRU core grant" && f.value("nextStatus") == "expected")
        try InterventionFormTests.set(&s, "nextAmount", "3,032,000")
        for _ in 0..<3 {
            guard let g = s[dialog: FormMode.self], g.fields[g.focus].key != "nextStatus" else { break }
            _ = s.press(.tab)
        }
        _ = s.press(.right)
        rt.run(s.press(.enter), &s)
        #expect(rt.journal.last?.note == "Edited grant Home Office VRU core grant: 2022/23 confirmed 13 Dec 2021 (£3,032,000)")
        _ = s.press(.char("k"))
        #expect(render(s).contains("Core grant 2022/23: confirmed 13 Dec 2021 (£3,032,000)"))
        #expect(s.board.funding.nextYear(asAt: s.board.programme.asAt)?.status == .confirmed)
        #expect(s.board.funding.bridgingWarning(asAt: s.board.programme.asAt) == nil)
        #expect(!render(s).contains("bridging 1 Jan 2022"))
        // Another grant edited: its years are kept.
        _ = s.press(.char("j"), .enter)
        try InterventionFormTests.set(&s, "holder", "OPCC (host)")
        rt.run(s.press(.enter), &s)
        #expect(s.board.funding.grants[1].holder == "OPCC (host)" && s.board.funding.grants[1].years?.first?.amount == 590_000)
    }
}

/// Spend on an intervention against its own budget, from the register and from a script.
@Suite struct InterventionSpendTests {
    @Test("a on the register: a quarter's spend on the intervention, its line against its budget in the detail, journalled; the roll-up counts it")
    func byKeys() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "officer"
        s.now = "2021-12-13T10:00:00Z"
        _ = s.press(.char("6"), .char("a"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("a opens the spend form")
            return
        }
        #expect(f.title == "Spend on IV-01 Desist and Transform" && f.summary == ["Budget for the year: £120,000*"])
        try InterventionFormTests.set(&s, "quarter", "2021-Q4")
        guard let bad = s[dialog: FormMode.self] else { return }
        #expect(bad.field("quarter")?.error == "Q4 2021/22 has not started yet (it starts 1 Jan 2022)")
        try InterventionFormTests.set(&s, "quarter", "2021-Q1")
        try InterventionFormTests.set(&s, "actual", "28,000")
        try InterventionFormTests.set(&s, "forecast", "118000")
        rt.run(s.press(.enter), &s)
        #expect(rt.journal.last?.note == "Spend on IV-01 Q1 2021/22: £28,000; forecast outturn £118,000")
        let line = try #require(s.board.interventions["IV-01"]?.budgetLine(settings: b.funding.settings, asAt: b.programme.asAt))
        #expect(line.actuals == [28_000, nil, nil, nil] && line.forecast == 118_000 && line.varianceWords == "£2,000 under budget (favourable)")
        #expect(render(s).contains("Spent £28,000 (23.3%) · forecast £118,000 (£2,000 under)"))
        let spent = s.board.interventionSpend(asAt: b.programme.asAt)
        #expect(spent.interventions == 28_000 && spent.recorded == 1 && spent.categories == 991_000)
        _ = s.press(.char("t"), .char("t"))
        #expect(render(s).contains("Spent by 1 intervention £28,000 to date, of the interventions categories' £991,000"))
    }

    @Test("an intervention with neither a budget nor spend has no line; spend without a budget is a line of its own against nothing")
    func noBudget() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var iv = try #require(b.interventions["IV-01"])
        #expect(iv.budgetLine(settings: b.funding.settings, asAt: b.programme.asAt) == nil)
        try iv.record(spend: SpendEntry(category: "anything", quarter: Quarter("2021-Q1")!, actual: 5_000, by: "a", at: "b"), asAt: b.programme.asAt)
        #expect(iv.spend?.first?.category == "IV-01", "the entry is the intervention's own")
        #expect(iv.budgetLine(settings: b.funding.settings, asAt: b.programme.asAt)?.actualToDate == 5_000)
    }
}
