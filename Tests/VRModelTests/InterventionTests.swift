import Foundation
import Testing
@testable import VRModel

/// Commissioned interventions: quarters of the financial year, reach by age band, and returns overdue.
@Suite struct InterventionTests {
    static func q(_ s: String) -> Quarter { Quarter(s)! }

    @Test("quarters run April to March: Q1 is April-June; Q4 ends in March of the next calendar year")
    func quarters() {
        #expect(Self.q("2021-Q1").first == Day("2021-04-01") && Self.q("2021-Q1").last == Day("2021-06-30"))
        #expect(Self.q("2021-Q4").first == Day("2022-01-01") && Self.q("2021-Q4").last == Day("2022-03-31"))
        #expect(Quarter(containing: Day("2022-02-10")!) == Self.q("2021-Q4"))
        #expect(Quarter(containing: Day("2021-04-01")!) == Self.q("2021-Q1"))
        #expect(Self.q("2021-Q4").next == Self.q("2022-Q1") && Self.q("2022-Q1").previous == Self.q("2021-Q4"))
        #expect(Self.q("2021-Q3").label == "Q3 2021/22")
        for bad in ["2021-Q5", "2021-Q0", "21-Q1", "Q1", "", "2021-Qx"] { #expect(Quarter(bad) == nil, "\(bad)") }
        #expect(Quarter("2021q2") == Self.q("2021-Q2"))
    }

    static func ret(_ q: String, _ u: Int, _ o: Int, quarters: Int = 1) -> ReachReturn {
        ReachReturn(quarter: Quarter(q)!, quarters: quarters, under25: u, over25: o, by: "officer", at: "2021-08-01T10:00:00Z")
    }

    @Test("reach adds up by year and age band; a return of two quarters covers both; sums saturate, never trap")
    func reach() {
        var iv = Intervention(id: "IV-1", name: "Mentoring", source: "test")
        iv.returns = [Self.ret("2021-Q1", 10, 2, quarters: 2), Self.ret("2021-Q3", 5, 1), Self.ret("2020-Q4", 100, 100)]
        #expect(iv.reach(inYear: 2021) == (15, 3))
        #expect(iv.returns[0].covered == [Self.q("2021-Q1"), Self.q("2021-Q2")] && iv.returns[0].label == "Q1-Q2 2021/22")
        #expect(iv.return(for: Self.q("2021-Q2"))?.under25 == 10)
        #expect(iv.latestReturn?.quarter == Self.q("2021-Q3"))
        iv.returns = [Self.ret("2021-Q1", Int.max, 0), Self.ret("2021-Q2", Int.max, 0)]
        #expect(iv.reach(inYear: 2021).under25 == Int.max)
    }

    @Test("a return is overdue 30 days after its quarter ends, while the intervention runs; without a start nothing is claimed")
    func lateness() {
        var iv = Intervention(id: "IV-1", name: "Mentoring", start: Day("2021-04-01"), source: "test")
        // Q1 ends 30 June; due 30 July.
        #expect(iv.lateReturns(on: Day("2021-07-30")!, dueDays: 30).isEmpty)
        #expect(iv.lateReturns(on: Day("2021-07-31")!, dueDays: 30) == [Self.q("2021-Q1")])
        iv.returns = [Self.ret("2021-Q1", 3, 0)]
        #expect(iv.lateReturns(on: Day("2021-12-13")!, dueDays: 30) == [Self.q("2021-Q2")], "Q3's is not due until 30 Jan")
        iv.end = Day("2021-06-30")
        #expect(iv.lateReturns(on: Day("2021-12-13")!, dueDays: 30).isEmpty, "it ended in Q1")
        let unknown = Intervention(id: "IV-2", name: "Safe Spaces", source: "test")
        #expect(unknown.lateReturns(on: Day("2022-12-13")!, dueDays: 30).isEmpty)
        var planned = Intervention(id: "IV-3", name: "Planned", start: Day("2021-04-01"), status: .planned, source: "test")
        #expect(planned.lateReturns(on: Day("2022-12-13")!, dueDays: 30).isEmpty)
        planned.status = .live
        #expect(planned.lateReturns(on: Day("2021-12-13")!, dueDays: 30) == [Self.q("2021-Q1"), Self.q("2021-Q2")])
    }

    @Test("the board flags two returns for one quarter, and references to what does not exist")
    func problems() throws {
        var b = sampleBoard()
        b.interventions.put(
            Intervention(
                id: "IV-1", name: "x", workstreams: ["WS-9"], returns: [Self.ret("2021-Q1", 1, 0, quarters: 2), Self.ret("2021-Q2", 1, 0)],
                source: "t"))
        b.evaluations.put(Evaluation(id: "EV-1", title: "e", commissionedBy: "c", scope: "s", interventions: ["IV-9"], source: "t"))
        let reasons = b.problems.map(\.reason)
        #expect(reasons.contains("two returns cover Q2 2021/22"))
        #expect(reasons.contains("workstream 'WS-9' does not exist"))
        #expect(reasons.contains("intervention 'IV-9' does not exist"))
        b.interventions.put(Intervention(id: "IV-1", name: "x", source: "t"))
        b.evaluations.put(Evaluation(id: "EV-1", title: "e", commissionedBy: "c", scope: "s", source: "t"))
        #expect(b.problems.isEmpty)
    }

    static func rollupBoard() -> Board {
        var b = sampleBoard()
        // £255,200 for interventions, £30,000 for evaluation; evaluation ≥ 10% of intervention spend.
        b.funding = nnvruFunding(
            conditions: [
                Condition(rule: .interventionsFloor, percent: 20, source: "Home Office"),
                Condition(rule: .evaluationShare, percent: 10, basis: .interventions, source: "004 §48"),
            ])
        b.interventions.put(Intervention(id: "IV-1", name: "a", budget: 150_000, source: "t"))
        b.interventions.put(Intervention(id: "IV-2", name: "b", budget: 100_000, source: "t"))
        b.interventions.put(Intervention(id: "IV-3", name: "c", source: "t"))
        b.interventions.put(Intervention(id: "IV-4", name: "gone", budget: 900_000, archived: true, source: "t"))
        b.evaluations.put(Evaluation(id: "EV-1", title: "e", commissionedBy: "VRU", scope: "s", cost: 25_000, source: "t"))
        b.evaluations.put(Evaluation(id: "EV-2", title: "national", commissionedBy: "Home Office", scope: "s", source: "t"))
        return b
    }

    @Test("the register's budgets roll up against the interventions categories; archived ones and those without a budget add nothing")
    func rollup() throws {
        var b = Self.rollupBoard()
        var r = b.register
        #expect(r.budgeted == 250_000 && r.withBudget == 2 && r.withoutBudget == 1 && r.category == 255_200)
        #expect(r.uncommitted == 5_200 && r.overCommitted == 0)
        #expect(r.summary == "2 of 3 interventions budget £250,000, of £255,200 for interventions: £5,200 uncommitted")
        #expect(!r.illustrative)
        // The evaluation condition on the register: £25,000 against 10% of £250,000.
        let c = try #require(r.checks.first)
        #expect(r.checks.count == 1, "the interventions floor is the categories' condition, not the register's")
        #expect(c.label == "Evaluation ≥ 10% of the register's budgets" && c.actual == 25_000 && c.required == 25_000 && c.passes)
        // A budget raised past the categories is over-commitment, said in pounds; the condition now fails.
        b.interventions.put(Intervention(id: "IV-3", name: "c", budget: 10_000, budgetIllustrative: true, source: "t"))
        r = b.register
        #expect(r.overCommitted == 4_800 && r.uncommitted == 0)
        #expect(r.summary.hasSuffix("over-committed by £4,800*"), "\(r.summary)")
        #expect(r.illustrative, "an illustrative budget marks what rests on it")
        #expect(r.checks.first?.passes == false && r.checks.first?.required == 26_000 && r.checks.first?.verdict == "✗ FAIL*")
    }

    @Test("with no budget in the register there is no verdict from it, and the summary says why")
    func rollupWithoutBudgets() {
        var b = sampleBoard()
        #expect(b.register.summary == "No intervention in the register")
        b.interventions.put(Intervention(id: "IV-1", name: "a", source: "t"))
        #expect(b.register.checks.isEmpty)
        #expect(b.register.summary == "No intervention in the register has a budget for the year")
    }

    @Test("reach by level: this year and last by age band, last year only where a return covers it; empty levels left out")
    func byLevel() throws {
        var b = sampleBoard()
        b.interventions.put(
            Intervention(id: "IV-1", name: "a", level: .primary, returns: [Self.ret("2021-Q1", 10, 1), Self.ret("2020-Q4", 7, 2)], source: "t"))
        b.interventions.put(Intervention(id: "IV-2", name: "b", level: .primary, returns: [Self.ret("2021-Q2", 5, 0)], source: "t"))
        b.interventions.put(Intervention(id: "IV-3", name: "c", returns: [Self.ret("2021-Q1", 3, 3)], source: "t"))
        let t = b.reachByLevel(inYear: 2021)
        #expect(t.map(\.label) == ["Primary", "Level not given"])
        #expect(t[0].interventions == 2 && t[0].under25 == 15 && t[0].over25 == 1 && t[0].lastUnder25 == 7 && t[0].lastOver25 == 2)
        #expect(t[1].under25 == 3 && t[1].lastUnder25 == nil, "no return last year is not a reach of none")
        let all = try #require(b.reachByLevel(inYear: 2021, total: true).last)
        #expect(all.label == "All levels" && all.interventions == 3)
        #expect(all.under25 == 18 && all.over25 == 4)
        #expect(all.lastUnder25 == 7 && all.lastOver25 == 2)
    }

    @Test("an intervention serves its own priority and its workstreams' priorities, each once")
    func priorities() {
        var b = sampleBoard()
        b.interventions.put(Intervention(id: "IV-1", name: "a", priority: "P2", workstreams: ["W1", "W4", "W3"], source: "t"))
        #expect(b.priorities(of: b.interventions["IV-1"]!) == ["P2", "P1"])
        #expect(b.priorities(of: Intervention(id: "x", name: "x", source: "t")).isEmpty)
    }

    @Test("evaluations not yet reported, soonest first; a worded due date after the dated ones")
    func evaluationsDue() {
        var b = sampleBoard()
        b.evaluations.put(Evaluation(id: "EV-1", title: "a", commissionedBy: "c", scope: "s", dueText: "Q1 2022/23", source: "t"))
        b.evaluations.put(Evaluation(id: "EV-2", title: "b", commissionedBy: "c", scope: "s", due: Day("2022-03-31"), source: "t"))
        b.evaluations.put(Evaluation(id: "EV-3", title: "c", commissionedBy: "c", scope: "s", due: Day("2022-01-31"), source: "t"))
        b.evaluations.put(Evaluation(id: "EV-4", title: "d", commissionedBy: "c", scope: "s", status: .reported, finding: "f", source: "t"))
        #expect(b.evaluationsDue.map(\.id) == ["EV-3", "EV-2", "EV-1"])
    }

    @Test("a meeting held before the register keeps its snapshot: interventions and evaluations read as none")
    func oldSnapshot() throws {
        let b = Self.rollupBoard()
        let data = try JSONEncoder().encode(Snapshot(of: b))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((json["interventions"] as? [Any])?.count == 4)
        json["interventions"] = nil
        json["evaluations"] = nil
        let old = try JSONDecoder().decode(Snapshot.self, from: try JSONSerialization.data(withJSONObject: json))
        #expect(old.interventions.isEmpty && old.evaluations.isEmpty && old.workstreams == b.workstreams.items)
    }
}

/// A return that covers two quarters (004 Table 1: Q1-Q2) is corrected whole, or split into its quarters
/// with a reason; the way a return is written ("Q1-Q2 2021/22") reads.
@Suite struct MultiQuarterReturnTests {
    static func intervention() -> Intervention {
        var iv = Intervention(id: "IV-01", name: "Desist", provider: "P", source: "s")
        iv.returns = [
            ReachReturn(quarter: Quarter(year: 2021, number: 1)!, quarters: 2, under25: 75, over25: 10, by: "x", at: "2021-12-13T10:00:00Z")
        ]
        return iv
    }
    static let today = Day("2021-12-13")!

    @Test func spansReadAsReturnsAreWritten() {
        #expect(Quarter.span("2021-Q3").map { [$0.first.description, "\($0.count)"] } == ["2021-Q3", "1"])
        #expect(Quarter.span("Q1-Q2 2021/22").map { [$0.first.description, "\($0.count)"] } == ["2021-Q1", "2"])
        #expect(Quarter.span("q3 2021/22").map { [$0.first.description, "\($0.count)"] } == ["2021-Q3", "1"])
        #expect(Quarter.span("2021-Q1-Q2").map { [$0.first.description, "\($0.count)"] } == ["2021-Q1", "2"])
        for bad in ["Q2-Q1 2021/22", "Q1-Q5 2021/22", "tomorrow", "2021-Q", ""] { #expect(Quarter.span(bad) == nil, "\(bad)") }
    }

    @Test func aTwoQuarterReturnIsCorrectedWhole() throws {
        var iv = Self.intervention()
        let fixed = ReachReturn(quarter: Quarter(year: 2021, number: 1)!, quarters: 2, under25: 80, over25: 12, by: "y", at: "t")
        let old = try iv.record(fixed, today: Self.today)
        #expect(old?.under25 == 75 && iv.returns == [fixed])
    }

    @Test func aQuarterInsideItSplitsItOnlyWithAReason() throws {
        var iv = Self.intervention()
        let q1 = ReachReturn(quarter: Quarter(year: 2021, number: 1)!, under25: 40, over25: 6, by: "y", at: "t")
        #expect(throws: Intervention.ReturnError.coveredBy(iv.returns[0])) { try iv.record(q1, today: Self.today) }
        #expect(Intervention.ReturnError.coveredBy(iv.returns[0]).description.contains("give a reason to split it"))
        let old = try iv.record(q1, today: Self.today, splitting: "The provider sent the quarters separately")
        #expect(old?.quarters == 2 && iv.returns == [q1])
        // The other quarter now takes a return of its own.
        let q2 = ReachReturn(quarter: Quarter(year: 2021, number: 2)!, under25: 35, over25: 4, by: "y", at: "t")
        #expect(try iv.record(q2, today: Self.today) == nil)
        #expect(iv.returns == [q1, q2])
        // A two-quarter return over two returns is refused, naming both.
        let both = ReachReturn(quarter: Quarter(year: 2021, number: 1)!, quarters: 2, under25: 1, over25: 1, by: "y", at: "t")
        #expect(throws: Intervention.ReturnError.overlaps([q1, q2])) { try iv.record(both, today: Self.today) }
    }
}
