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
}
