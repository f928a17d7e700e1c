import Foundation
import Testing

@testable import VRModel

/// Budget monitoring: actuals against the profile, forecast outturn and variance, materiality, the
/// conditions three ways, the grant's outturn, reprofiling, and importing a finance CSV.
@Suite struct MonitoringTests {
    static let q1 = Quarter("2021-Q1")!, q2 = Quarter("2021-Q2")!, q3 = Quarter("2021-Q3")!
    /// 2 Nov 2021: Q1 and Q2 have ended, Q3 has started.
    static let asAt = Day("2021-11-02")!

    /// NNVRU's split (interventions £255,200, evaluation £30,000, staff £300,000) with both conditions.
    static func funding() -> Funding {
        nnvruFunding(
            conditions: [
                Condition(rule: .interventionsFloor, percent: 20, source: "000 §2.3.6"),
                Condition(rule: .evaluationShare, percent: 10, basis: .interventions, source: "004 §48"),
            ])
    }

    static func entry(_ c: String, _ q: Quarter, _ a: Pounds, forecast: Pounds? = nil, at: String = "2021-10-20T09:00:00Z") -> SpendEntry {
        SpendEntry(category: c, quarter: q, actual: a, forecast: forecast, by: "finance", at: at)
    }

    @Test("a line: actuals against the profile, forecast as the plan for the quarters to come, variance in pounds, percent and words")
    func line() throws {
        var fu = Self.funding()
        try fu.record(Self.entry("staff", Self.q1, 60_000), asAt: Self.asAt)
        try fu.record(Self.entry("staff", Self.q2, 70_000), asAt: Self.asAt)
        let r = fu.monitor(asAt: Self.asAt)
        let staff = try #require(r.lines.first { $0.category.id == "staff" })
        #expect(staff.profile == [75_000, 75_000, 75_000, 75_000])
        #expect(staff.actuals == [60_000, 70_000, nil, nil])
        #expect(staff.actualToDate == 130_000 && staff.profileToDate == 150_000 && staff.varianceToDate == 20_000)
        #expect(staff.forecast == 280_000, "the actuals so far and the profile of Q3 and Q4")
        #expect(staff.variance == 20_000 && staff.variancePercent.description == "6.7%")
        #expect(staff.varianceWords == "£20,000 under budget (favourable)")
        #expect(staff.material, "£20,000 is over £10,000 though under 10%")
        #expect(staff.needsCommentary)
        #expect(r.quartersEnded == 2 && r.yearElapsed.description == "58.9%")
        // A forecast entered stands over the plan; the latest entry for a quarter stands.
        try fu.record(Self.entry("staff", Self.q2, 72_000, forecast: 310_000, at: "2021-10-21T09:00:00Z"), asAt: Self.asAt)
        let again = try #require(fu.monitor(asAt: Self.asAt).lines.first { $0.category.id == "staff" })
        #expect(again.actuals[1] == 72_000 && again.forecast == 310_000 && again.variance == -10_000)
        #expect(again.varianceWords == "£10,000 over budget (adverse)")
        // A commentary answers it until spend is entered after it.
        fu.commentaries.append(
            VarianceCommentary(
                category: "staff", cause: "Agency cover", nature: .oneOff, action: "Posts filled in Q3", by: "f", at: "2021-10-22T09:00:00Z"))
        #expect(fu.monitor(asAt: Self.asAt).lines.first { $0.category.id == "staff" }?.needsCommentary == false)
        try fu.record(Self.entry("staff", Self.q3, 1_000, at: "2021-10-23T09:00:00Z"), asAt: Self.asAt)
        #expect(fu.monitor(asAt: Self.asAt).lines.first { $0.category.id == "staff" }?.needsCommentary == true)
    }

    @Test("materiality is either threshold: 10% of the line or £10,000; a small line's small variance is not material")
    func materiality() throws {
        var fu = Self.funding()
        fu.categories.append(FundingCategory(id: "small", name: "Small", kind: .other, amount: 40_000, source: "t"))
        try fu.record(Self.entry("small", Self.q1, 10_000, forecast: 36_500), asAt: Self.asAt)
        #expect(fu.monitor(asAt: Self.asAt).lines.last?.material == false, "£3,500 is 8.75% and under £10,000")
        try fu.record(Self.entry("small", Self.q1, 10_000, forecast: 35_900, at: "2021-10-21T00:00:00Z"), asAt: Self.asAt)
        #expect(fu.monitor(asAt: Self.asAt).lines.last?.material == true, "£4,100 is 10.25%")
        fu.monitoring = MonitoringSettings(materialityPercent: 20, materialityPounds: 50_000, outturnPounds: 1, source: "t")
        #expect(fu.monitor(asAt: Self.asAt).lines.last?.material == false, "the thresholds are settings")
    }

    @Test("the conditions three ways: a condition that passes on the plan but fails on the forecast is said in words")
    func threeWays() throws {
        var fu = Self.funding()
        for c in fu.categories { try fu.record(Self.entry(c.id, Self.q1, c.amount / 4), asAt: Self.asAt) }
        // Evaluation slips: £30,000 planned, £20,000 forecast; 10% of £255,200 is £25,520.
        try fu.record(Self.entry("eval", Self.q2, 2_000, forecast: 20_000), asAt: Self.asAt)
        let r = fu.monitor(asAt: Self.asAt)
        let eval = try #require(r.conditions.last)
        #expect(eval.plan.passes && eval.plan.actual == 30_000)
        #expect(eval.forecast.actual == 20_000 && eval.forecast.required == 25_520 && !eval.forecast.passes)
        // To date: evaluation £9,500 of interventions' £63,800 spent so far.
        #expect(eval.actual?.actual == 9_500 && eval.actual?.required == 6_380 && eval.actual?.passes == true)
        #expect(
            r.conditionWarnings == ["Evaluation passes on the plan but fails on the forecast outturn: £5,520* short"],
            "the evaluation line is illustrative")
        let floor = try #require(r.conditions.first)
        #expect(floor.plan.passes && floor.forecast.passes && floor.forecast.label == "Interventions ≥ 20% of the grant, forecast outturn")
        // Before any actual, nothing to date and no warning about the grant.
        let none = Self.funding().monitor(asAt: Self.asAt)
        #expect(none.conditions.allSatisfy { $0.actual == nil } && none.outturnWarning == nil)
    }

    @Test("the grant's forecast underspend beyond the threshold is flagged; after Q3 the words say unspent grant is lost")
    func outturn() throws {
        var fu = Self.funding()
        try fu.record(Self.entry("staff", Self.q1, 50_000, forecast: 250_000), asAt: Self.asAt)
        // Staff's forecast £250,000 entered; allocation £880,000 against a forecast of £255,200 + £30,000 + £250,000: £344,800 unspent.
        let r = fu.monitor(asAt: Self.asAt)
        #expect(r.forecast == 535_200 && r.grantVariance == 344_800)
        #expect(r.outturnWarning == "Forecast underspend of the grant £344,800 (grant must be spent by 31 Mar 2022)")
        let late = fu.monitor(asAt: Day("2022-01-10")!)
        #expect(late.quartersEnded == 3)
        #expect(
            late.outturnWarning
                == "Forecast underspend of the grant £344,800: unspent grant cannot be carried over, so £344,800 is lost at 31 Mar 2022 unless spent")
        // An overspend says so; under the threshold, nothing.
        var over = Self.funding()
        over.allocation = 500_000
        // Staff £50,000 in Q1 and the plan's £75,000 a quarter after: £560,200 in all.
        try over.record(Self.entry("staff", Self.q1, 50_000), asAt: Self.asAt)
        #expect(over.monitor(asAt: Self.asAt).outturnWarning == "Forecast overspend of the grant £60,200: the excess must be met from elsewhere")
        over.allocation = 560_200 - 19_999
        #expect(over.monitor(asAt: Self.asAt).outturnWarning == nil, "£19,999 is under the £20,000 threshold")
    }

    @Test("a quarter not started, another year, an unknown category or a negative amount is refused; nothing is recorded")
    func refused() {
        var fu = Self.funding()
        #expect(throws: Funding.MonitoringError.notStarted(Quarter("2021-Q4")!)) {
            try fu.record(Self.entry("staff", Quarter("2021-Q4")!, 1), asAt: Self.asAt)
        }
        #expect(throws: Funding.MonitoringError.otherYear(Quarter("2020-Q4")!, 2021)) {
            try fu.record(Self.entry("staff", Quarter("2020-Q4")!, 1), asAt: Self.asAt)
        }
        #expect(throws: Funding.MonitoringError.noCategory("nope")) { try fu.record(Self.entry("nope", Self.q1, 1), asAt: Self.asAt) }
        #expect(throws: Funding.MonitoringError.negative("the actual")) { try fu.record(Self.entry("staff", Self.q1, -1), asAt: Self.asAt) }
        #expect(fu.spend.isEmpty)
        #expect(Funding.MonitoringError.notStarted(Quarter("2021-Q4")!).description == "Q4 2021/22 has not started yet (it starts 1 Jan 2022)")
    }

    @Test("reprofiling between categories moves budget in the quarters to come and keeps the approved budget; between quarters moves the profile")
    func reprofile() throws {
        var fu = Self.funding()
        try fu.reprofile(Reprofile(from: "staff", to: "int", amount: 20_000, reason: "Recruitment delayed", by: "f", at: "t"), asAt: Self.asAt)
        let staff = try #require(fu.categories.first { $0.id == "staff" }), int = try #require(fu.categories.first { $0.id == "int" })
        #expect(staff.amount == 280_000 && staff.approvedBudget == 300_000 && staff.quarters == [75_000, 75_000, 75_000, 55_000])
        #expect(int.amount == 275_200 && int.approvedBudget == 255_200 && int.quarters == [63_800, 63_800, 73_800, 73_800])
        #expect(fu.problems.isEmpty, "each profile still adds up to its budget")
        #expect(fu.monitor(asAt: Self.asAt).lines.first { $0.category.id == "staff" }?.reprofiled == true)
        try fu.reprofile(
            Reprofile(from: "eval", to: "eval", fromQuarter: 1, toQuarter: 4, amount: 5_000, reason: "Late start", by: "f", at: "t"), asAt: Self.asAt)
        #expect(fu.categories.first { $0.id == "eval" }?.quarters == [2_500, 7_500, 7_500, 12_500])
        #expect(fu.categories.first { $0.id == "eval" }?.approved == nil, "a move between quarters leaves the year's budget")
        #expect(fu.reprofiles.count == 2)
        // More than the quarters to come hold is refused, and nothing moves.
        let before = fu
        #expect(throws: Funding.MonitoringError.self) {
            try fu.reprofile(Reprofile(from: "staff", to: "int", amount: 200_000, reason: "x", by: "f", at: "t"), asAt: Self.asAt)
        }
        #expect(fu == before)
    }

    @Test("a stored profile that does not add up to its budget is a problem the board names")
    func profileProblem() {
        var fu = Self.funding()
        fu.categories[0].profile = [1, 2, 3, 4]
        #expect(fu.problems.contains { $0.contains("its profile adds up to £10, not its budget of £255,200") })
        fu.spend.append(Self.entry("ghost", Self.q1, 1))
        #expect(fu.problems.contains("spend entered for 'ghost': no such category"))
    }
}

/// A finance system's CSV export of a quarter's actuals.
@Suite struct SpendImportTests {
    static let fu = MonitoringTests.funding()

    @Test("a good file: the category by id or name, amounts with £, commas and pence (rounded, and said), a forecast column")
    func good() throws {
        let csv =
            "Category,Actual (£),Forecast outturn\r\nstaff,\"£70,000.40\",\r\n\"External research and evaluation to enable SNA recommendations\",7500,28000\r\n"
        let r = try SpendImport.read([UInt8](csv.utf8), funding: Self.fu).get()
        #expect(r.lines.map(\.category) == ["staff", "eval"])
        #expect(r.lines.map(\.actual) == [70_000, 7_500] && r.lines.map(\.forecast) == [nil, 28_000])
        #expect(r.rounded == [2] && r.encoding == "UTF-8")
    }

    @Test("one bad row among good ones: nothing is taken, and every problem names its row and column")
    func badRow() {
        let csv = "category,amount\nstaff,70000\nint,(1200)\nnope,5\neval,12x\nstaff,1\n"
        guard case .failure(let p) = SpendImport.read([UInt8](csv.utf8), funding: Self.fu) else {
            Issue.record("a file with bad rows is refused whole")
            return
        }
        #expect(
            p.all.map(\.description) == [
                "row 3, column 'amount': an actual cannot be negative",
                "row 4, column 'category': 'nope' is not a category (ids: int, eval, staff)",
                "row 5, column 'amount': '12x' is not an amount",
                "row 6, column 'category': staff is already on row 2",
            ])
    }

    @Test("another encoding: Windows-1252's £ (0xA3) and UTF-16 with its mark read as text; a BOM is dropped")
    func encodings() throws {
        let cp1252 = [UInt8]("Category,Amount\r\nstaff,\"".utf8) + [0xA3] + [UInt8]("70,000\"\r\n".utf8)
        let r = try SpendImport.read(cp1252, funding: Self.fu).get()
        #expect(r.encoding == "Windows-1252" && r.lines.first?.actual == 70_000)
        #expect(SpendImport.decode([0x80, 0x93, 0x41, 0x94]).text == "€“A”")
        let utf16: [UInt8] = [0xFF, 0xFE] + "category,amount\nstaff,5\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let u = try SpendImport.read(utf16, funding: Self.fu).get()
        #expect(u.encoding == "UTF-16" && u.lines.first?.actual == 5)
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + [UInt8]("category,amount\nstaff,6\n".utf8)
        #expect(try SpendImport.read(bom, funding: Self.fu).get().lines.first?.actual == 6)
    }

    @Test("no header, no amount column, no rows, a control character: each said, with its place")
    func malformed() {
        func problems(_ s: String) -> [String] {
            if case .failure(let p) = SpendImport.read([UInt8](s.utf8), funding: Self.fu) { return p.all.map(\.description) }
            return []
        }
        #expect(problems("") == ["the file is empty: it needs a header row"])
        #expect(
            problems("category,notes\nstaff,x\n") == ["row 1: no amount column: the header names one 'amount' or 'actual' (found: category, notes)"])
        #expect(problems("category,amount\n") == ["no rows under the header"])
        #expect(problems("category,amount\nstaff,5\u{1B}[2J\n") == ["row 2: a control character (U+1B)"])
        #expect(SpendImport.rows("a,\"b,\"\"c\"\"\"\r\n\r\nd,e") == [["a", "b,\"c\""], ["d", "e"]])
    }
}
