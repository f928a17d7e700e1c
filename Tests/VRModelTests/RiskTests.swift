import Testing
import VRModel

func sampleRisk(
    id: String = "R1", residual: Score, status: Risk.Status = .open, closedReason: String? = nil,
    escalate: Bool = false, owner: String = "m1", lastReviewed: String = "2021-11-02",
    inherent: Score = Score(likelihood: 5, impact: 5), target: Score = Score(likelihood: 1, impact: 1)
) -> Risk {
    Risk(
        id: id, title: "Core grant not confirmed", description: "Services close from January", causes: ["one-year funding"],
        category: "Funding", owner: owner, proximity: "Q4", inherent: inherent, residual: residual, target: target,
        response: .treat, actions: [], status: status, closedReason: closedReason, escalate: escalate,
        lastReviewed: Day(lastReviewed)!, source: "004 §22-23")
}

private func s(_ l: Int, _ i: Int) -> Score { Score(likelihood: l, impact: i) }

@Suite struct ScoreTests {
    @Test func valueIsLikelihoodTimesImpact() {
        #expect(s(3, 4).value == 12)
        #expect(s(1, 1).value == 1)
        #expect(s(5, 5).value == 25)
        #expect(s(2, 5).value == s(5, 2).value)
    }

    @Test func possibleValuesAreExactlyTheProducts() {
        var products = Set<Int>()
        for l in 1...5 { for i in 1...5 { products.insert(s(l, i).value) } }
        #expect(products == Set(Score.possibleValues))
        #expect(Score.possibleValues.count == Set(Score.possibleValues).count)
        #expect(Score.possibleValues == Score.possibleValues.sorted())
        #expect(products.count == 14)
        for missing in [7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24] { #expect(!products.contains(missing)) }
    }

    @Test func validity() {
        #expect(s(1, 1).isValid && s(5, 5).isValid)
        #expect(!s(0, 3).isValid)
        #expect(!s(3, 6).isValid)
        #expect(!s(-1, 2).isValid)
    }

    @Test func names() {
        #expect(s(1, 5).likelihoodName == "Rare")
        #expect(s(5, 1).likelihoodName == "Almost certain")
        #expect(s(1, 4).impactName == "Major")
        #expect(s(0, 9).likelihoodName == "?")
        #expect(s(0, 9).impactName == "?")
    }
}

@Suite struct BandTests {
    @Test(arguments: [
        (1, Band.low), (2, .low), (3, .low), (4, .low),
        (5, .medium), (6, .medium), (8, .medium), (9, .medium), (10, .medium),
        (12, .high), (15, .high), (16, .high),
        (20, .veryHigh), (25, .veryHigh),
    ])
    func bandOfEveryPossibleScore(_ score: Int, _ band: Band) {
        #expect(Band(score: score) == band)
    }

    @Test func everyPossibleValueHasABandByTheRule() {
        // 1-4 low, 5-10 medium, 12-16 high, 20-25 very high.
        for v in Score.possibleValues {
            let expected: Band = v <= 4 ? .low : v <= 10 ? .medium : v <= 16 ? .high : .veryHigh
            #expect(Band(score: v) == expected, "\(v)")
        }
    }

    @Test func reviewIntervals() {
        #expect(Band.low.reviewInterval == 365)
        #expect(Band.medium.reviewInterval == 180)
        #expect(Band.high.reviewInterval == 90)
        #expect(Band.veryHigh.reviewInterval == 90)
    }

    @Test func orderAndParsing() {
        #expect(Band.allCases.shuffled().sorted() == [.low, .medium, .high, .veryHigh])
        #expect(Band(parsing: "very high") == .veryHigh)
        #expect(Band(parsing: "Very high") == .veryHigh)
        #expect(Band(parsing: "VH") == .veryHigh)
        #expect(Band(parsing: "m") == .medium)
        #expect(Band(parsing: "High") == .high)
        #expect(Band(parsing: "huge") == nil)
    }
}

@Suite struct RiskTests {
    @Test(arguments: [
        (s(1, 4), "2022-11-02"),  // 4, low: 365 days
        (s(1, 5), "2022-05-01"),  // 5, medium: 180 days
        (s(2, 5), "2022-05-01"),  // 10, medium
        (s(3, 4), "2022-01-31"),  // 12, high: 90 days
        (s(4, 4), "2022-01-31"),  // 16, high
        (s(4, 5), "2022-01-31"),  // 20, very high: 90 days
    ])
    func nextReviewByBand(_ residual: Score, _ expected: String) {
        let r = sampleRisk(residual: residual, lastReviewed: "2021-11-02")
        #expect(r.nextReview.description == expected)
        #expect(r.band == residual.band)
    }

    @Test func nextReviewFollowsTheResidualNotTheInherentScore() {
        let r = sampleRisk(residual: s(1, 2), inherent: s(5, 5))
        #expect(r.band == .low)
        #expect(r.nextReview == Day("2021-11-02")!.adding(days: 365))
    }

    @Test func overdue() {
        let r = sampleRisk(residual: s(3, 4), lastReviewed: "2021-11-02")  // next review 2022-01-31
        #expect(!r.isOverdue(on: Day("2022-01-31")!))
        #expect(r.isOverdue(on: Day("2022-02-01")!))
        let closed = sampleRisk(residual: s(3, 4), status: .closed, closedReason: "done", lastReviewed: "2021-11-02")
        #expect(!closed.isOverdue(on: Day("2023-01-01")!))
    }

    @Test func escalationByThreshold() {
        #expect(sampleRisk(residual: s(3, 5)).isEscalated())  // 15, at the default threshold
        #expect(sampleRisk(residual: s(4, 4)).isEscalated())  // 16
        #expect(sampleRisk(residual: s(5, 5)).isEscalated())
        #expect(!sampleRisk(residual: s(3, 4)).isEscalated())  // 12
        #expect(!sampleRisk(residual: s(2, 5)).isEscalated())  // 10
        #expect(RiskRegister.defaultThreshold == 15)
        #expect(!sampleRisk(residual: s(4, 4)).isEscalated(threshold: 20))
        #expect(sampleRisk(residual: s(4, 5)).isEscalated(threshold: 20))
        #expect(sampleRisk(residual: s(2, 5)).isEscalated(threshold: 10))
    }

    @Test func escalationByExplicitFlag() {
        #expect(sampleRisk(residual: s(1, 1), escalate: true).isEscalated())
        #expect(sampleRisk(residual: s(1, 1), escalate: true).isEscalated(threshold: 25))
        #expect(!sampleRisk(residual: s(1, 1), escalate: false).isEscalated())
    }

    @Test func closedRisksAreNeverEscalated() {
        #expect(!sampleRisk(residual: s(5, 5), status: .closed, closedReason: "grant confirmed").isEscalated())
        #expect(!sampleRisk(residual: s(5, 5), status: .closed, closedReason: "grant confirmed", escalate: true).isEscalated())
        #expect(!sampleRisk(residual: s(5, 5), status: .closed, closedReason: "x").isEscalated(threshold: 1))
    }

    @Test func heatMapCountsOpenValidRisksByLikelihoodAndImpact() {
        let risks = [
            sampleRisk(id: "a", residual: s(3, 4)),
            sampleRisk(id: "b", residual: s(3, 4)),
            sampleRisk(id: "c", residual: s(5, 5)),
            sampleRisk(id: "d", residual: s(1, 2)),
            sampleRisk(id: "e", residual: s(3, 4), status: .closed, closedReason: "gone"),  // closed: not counted
            sampleRisk(id: "f", residual: s(0, 3)),  // invalid: not counted
            sampleRisk(id: "g", residual: s(6, 1)),
        ]
        let grid = RiskRegister.heatMap(risks)
        #expect(grid.count == 5)
        #expect(grid.allSatisfy { $0.count == 5 })
        #expect(grid[2][3] == 2)
        #expect(grid[4][4] == 1)
        #expect(grid[0][1] == 1)
        #expect(grid.flatMap { $0 }.reduce(0, +) == 4)
        #expect(RiskRegister.heatMap([]).flatMap { $0 }.allSatisfy { $0 == 0 })
    }

    @Test func soundRiskHasNoProblems() {
        #expect(sampleRisk(residual: s(3, 4)).problems.isEmpty)
        #expect(sampleRisk(residual: s(3, 4), status: .closed, closedReason: "Grant confirmed for 2022/23").problems.isEmpty)
    }

    @Test func problemsForInvalidScores() {
        let r = sampleRisk(residual: s(0, 3), inherent: s(6, 1), target: s(1, 1))
        let ps = r.problems
        #expect(ps.count == 2)
        #expect(ps.contains { $0.contains("inherent") && $0.contains("6x1") })
        #expect(ps.contains { $0.contains("residual") && $0.contains("0x3") })
        let t = sampleRisk(residual: s(1, 1), target: s(1, 0))
        #expect(t.problems.count == 1)
        #expect(t.problems.first?.contains("target") == true)
    }

    @Test func problemsForAClosedRiskWithoutAReason() {
        for reason in [nil, ""] as [String?] {
            let r = sampleRisk(residual: s(2, 2), status: .closed, closedReason: reason)
            #expect(r.problems.count == 1)
            #expect(r.problems.first?.contains("reason") == true)
        }
        // An open risk needs no reason.
        #expect(sampleRisk(residual: s(2, 2), status: .open, closedReason: nil).problems.isEmpty)
    }

    /// Blank comments are refused for rating changes; a blank reason is no reason for closing a risk either.
    @Test func aBlankClosingReasonIsNoReason() {
        let r = sampleRisk(residual: s(2, 2), status: .closed, closedReason: "   ")
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.contains("reason") == true)
    }

    @Test func mitigationStatusLabels() {
        #expect(Mitigation.Status.inProgress.label == "In progress")
        #expect(Mitigation.Status.done.label == "Done")
        #expect(Mitigation.Status.planned.label == "Planned")
    }
}
