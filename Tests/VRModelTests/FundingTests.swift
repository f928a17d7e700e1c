import Testing
import VRModel

/// The NNVRU 2020/21 allocation [000 §2.3.6]: £880,000, 29% (£255,200) on commissioned interventions.
func nnvruFunding(interventions: Pounds = 255_200, evaluation: Pounds = 30_000, conditions: [Condition]? = nil) -> Funding {
    Funding(
        allocationName: "Home Office VRU grant", allocation: 880_000, allocationSource: "000 §2.3.6",
        categories: [
            FundingCategory(
                id: "int", name: "Commissioned interventions, primary, secondary and tertiary", kind: .interventions, amount: interventions,
                source: "000"),
            FundingCategory(
                id: "eval", name: "External research and evaluation to enable SNA recommendations", kind: .evaluation, amount: evaluation,
                source: "illustrative"),
            FundingCategory(
                id: "staff", name: "Staff costs, including public health and analytical capability", kind: .staff, amount: 300_000,
                source: "illustrative"),
        ],
        grants: [],
        conditions: conditions ?? [Condition(rule: .interventionsFloor, percent: 20, source: "Home Office")])
}

@Suite struct ShareTests {
    @Test func wholePercent() {
        #expect(Share(255_200, of: 880_000).description == "29%")
        #expect(Share(176_000, of: 880_000).description == "20%")
        #expect(Share(880_000, of: 880_000).description == "100%")
        #expect(Share(0, of: 880_000).description == "0%")
    }

    @Test func oneDecimalWhereNotWhole() {
        #expect(Share(1, of: 8).description == "12.5%")
        #expect(Share(1, of: 3).description == "33.3%")
        #expect(Share(2, of: 3).description == "66.7%")
        #expect(Share(1, of: 1000).description == "0.1%")
        #expect(Share(524_000, of: 4_034_000).description == "13%")  // 12.99% rounds to a whole 13%
        #expect(Share(140_000, of: 4_034_000).description == "3.5%")  // 3.47%
    }

    @Test func fraction() {
        #expect(Share(255_200, of: 880_000).fraction == 0.29)
        #expect(Share(5, of: 0).fraction == 0)
        #expect(Share(5, of: 0).description == "-")
    }

    /// An over-allocated budget has a negative unallocated share; its sign must survive below 1%.
    @Test func negativeSharesKeepTheirSign() {
        #expect(Share(-1, of: 8).description == "-12.5%")
        #expect(Share(-8_800, of: 880_000).description == "-1%")
        #expect(Share(-1, of: 200).description == "-0.5%")
        #expect(Share(-4_400, of: 880_000).description == "-0.5%")
    }
}

@Suite struct FundingConditionTests {
    @Test func requiredRoundsUpToThePound() {
        #expect(Funding.required(20, of: 880_000) == 176_000)
        #expect(Funding.required(10, of: 255_200) == 25_520)
        #expect(Funding.required(10, of: 255_201) == 25_521)  // 25,520.1 is not met by 25,520
        #expect(Funding.required(20, of: 1) == 1)
        #expect(Funding.required(0, of: 880_000) == 0)
        #expect(Funding.required(100, of: 880_000) == 880_000)
    }

    @Test func interventionsFloorPassesWithMargin() throws {
        let f = nnvruFunding()
        let check = try #require(f.checks.first)
        #expect(f.checks.count == 1)
        #expect(check.actual == 255_200)
        #expect(check.required == 176_000)
        #expect(check.margin == 79_200)
        #expect(check.passes)
        #expect(check.share.description == "29%")
        #expect(check.label.contains("20%"))
    }

    @Test func interventionsFloorExactlyMetPassesWithZeroMargin() throws {
        let check = try #require(nnvruFunding(interventions: 176_000).checks.first)
        #expect(check.passes)
        #expect(check.margin == 0)
    }

    @Test func failingCheckHasANegativeMargin() throws {
        let check = try #require(nnvruFunding(interventions: 175_999).checks.first)
        #expect(!check.passes)
        #expect(check.margin == -1)
        let low = try #require(nnvruFunding(interventions: 100_000).checks.first)
        #expect(!low.passes)
        #expect(low.margin == -76_000)
    }

    @Test func evaluationShareOfInterventions() throws {
        let f = nnvruFunding(
            evaluation: 30_000, conditions: [Condition(rule: .evaluationShare, percent: 10, basis: .interventions, source: "004 §48")])
        let c = try #require(f.checks.first)
        #expect(c.actual == 30_000)
        #expect(c.required == 25_520)
        #expect(c.margin == 4_480)
        #expect(c.passes)
        #expect(c.share == Share(30_000, of: 255_200))
        #expect(c.label.contains("intervention"))
    }

    @Test func evaluationShareDefaultsToInterventionsBasis() throws {
        let f = nnvruFunding(evaluation: 30_000, conditions: [Condition(rule: .evaluationShare, percent: 10, source: "004 §48")])
        let c = try #require(f.checks.first)
        #expect(c.required == 25_520)
    }

    @Test func evaluationShareOfAllocation() throws {
        let f = nnvruFunding(evaluation: 30_000, conditions: [Condition(rule: .evaluationShare, percent: 10, basis: .allocation, source: "setting")])
        let c = try #require(f.checks.first)
        #expect(c.required == 88_000)
        #expect(c.margin == -58_000)
        #expect(!c.passes)
        #expect(c.share == Share(30_000, of: 880_000))
        #expect(c.label.contains("grant"))
    }

    @Test func bothConditionsInOrder() {
        let f = nnvruFunding(
            interventions: 255_200, evaluation: 20_000,
            conditions: [
                Condition(rule: .interventionsFloor, percent: 20, source: "a"),
                Condition(rule: .evaluationShare, percent: 10, basis: .interventions, source: "b"),
            ])
        #expect(f.checks.map(\.passes) == [true, false])
        #expect(f.checks.map(\.margin) == [79_200, -5_520])
    }

    @Test func totals() {
        let f = nnvruFunding()
        #expect(f.allocated == 585_200)
        #expect(f.unallocated == 294_800)
        #expect(f.spend(.interventions) == 255_200)
        #expect(f.spend(.workforce) == 0)
        #expect(f.share(of: f.categories[0]).description == "29%")
    }

    @Test func soundFundingHasNoProblems() {
        #expect(nnvruFunding().problems.isEmpty)
    }

    @Test func problemsForNegativeAmounts() {
        var f = nnvruFunding()
        f.categories[1].amount = -5
        let ps = f.problems
        #expect(ps.count == 1)
        #expect(ps.first?.contains(f.categories[1].name) == true)
        #expect(ps.first?.contains("negative") == true)

        var g = nnvruFunding()
        g.grants = [
            Grant(
                id: "g", name: "Surge", funder: "Home Office", holder: "Police", amount: -1, period: "2020/21",
                endDate: nil, status: .ended, separate: true, source: "000")
        ]
        #expect(g.problems.count == 1)
        #expect(g.problems.first?.contains("Surge") == true)
    }

    @Test func problemsForCategoriesOverTheTotal() {
        var f = nnvruFunding()
        f.categories.append(FundingCategory(id: "other", name: "Other", kind: .other, amount: 300_000, source: "x"))
        // 585,200 + 300,000 = 885,200: £5,200 over £880,000.
        let ps = f.problems
        #expect(ps.count == 1)
        let p = ps.first ?? ""
        #expect(p.contains("£885,200"))
        #expect(p.contains("£880,000"))
        #expect(p.contains("£5,200"))

        var exact = nnvruFunding()
        exact.categories.append(FundingCategory(id: "other", name: "Other", kind: .other, amount: 294_800, source: "x"))
        #expect(exact.problems.isEmpty, "a fully allocated grant is fine")
    }

    @Test func problemsForAllocationAndPercent() {
        var f = nnvruFunding()
        f.allocation = 0
        #expect(f.problems.contains { $0.contains("allocation") })
        var g = nnvruFunding(conditions: [Condition(rule: .interventionsFloor, percent: 120, source: "x")])
        #expect(g.problems.count == 1)
        #expect(g.problems.first?.contains("120") == true)
        g.conditions = [Condition(rule: .interventionsFloor, percent: -1, source: "x")]
        #expect(g.problems.count == 1)
    }
}

@Suite struct MoneyTests {
    @Test(arguments: [
        (880_000, "£880,000"), (0, "£0"), (7, "£7"), (999, "£999"), (1_000, "£1,000"), (255_200, "£255,200"),
        (1_003_730, "£1,003,730"), (3_370_000, "£3,370,000"), (-1_200, "-£1,200"), (-5, "-£5"), (1_234_567_890, "£1,234,567,890"),
    ])
    func format(_ v: Pounds, _ text: String) {
        #expect(Money.format(v) == text)
    }

    @Test(arguments: [
        (3_370_000, "£3.37M"), (1_020_000, "£1.02M"), (1_000_000, "£1.00M"), (1_005_000, "£1.01M"), (4_034_000, "£4.03M"),
        (880_000, "£880k"), (675_996, "£676k"), (10_000, "£10k"), (180_000, "£180k"),
        (9_999, "£9,999"), (800, "£800"), (-1_200_000, "-£1.20M"), (-880_000, "-£880k"),
    ])
    func compact(_ v: Pounds, _ text: String) {
        #expect(Money.compact(v) == text)
    }

    /// An amount that does not fit is shortened by a rule that keeps its unit, never cut (`£35.84…`).
    @Test(arguments: [
        (35_840_000, 7, true, "£35.84M"), (35_840_000, 6, true, "£35.8M"), (35_840_000, 4, true, "£36M"),
        (35_840_000, 12, true, "£35,840,000"), (35_840_000, 12, false, "£35.84M"), (1_234_000_000, 7, true, "£1.23bn"),
        (1_234_000_000, 6, true, "£1.2bn"), (12_000, 5, false, "£12k"), (-35_840_000, 6, true, "-£36M"), (999_999_999_999_999, 6, true, "£1000tn"),
        (800, 2, true, "£800"),
    ])
    func fit(_ v: Pounds, _ width: Int, _ whole: Bool, _ text: String) {
        #expect(Money.fit(v, width: width, whole: whole) == text)
    }

    @Test(arguments: [
        ("880000", 880_000), ("£880,000", 880_000), ("880k", 880_000), ("880K", 880_000), ("3.37m", 3_370_000),
        ("£3.37M", 3_370_000), ("£1.02m", 1_020_000), ("1,003,730", 1_003_730), (" 800 ", 800), ("-£1,200", -1_200),
        ("0", 0), ("0.5k", 500), ("£675,996", 675_996),
    ])
    func parse(_ text: String, _ v: Pounds) {
        #expect(Money.parse(text) == v, "'\(text)'")
    }

    @Test(arguments: ["", "£", "abc", "k", "m", "12x", "1.2.3", "--5", "5-", "1e5", "inf", "nan", "£ten", "3.37b", "880kk", "1m k"])
    func parseRejectsGarbage(_ text: String) {
        #expect(Money.parse(text) == nil, "'\(text)' should not parse")
    }

    @Test func parseRoundTripsFormat() {
        for v in [0, 1, 999, 1_000, 880_000, 1_003_730, 3_370_000, -42_000] {
            #expect(Money.parse(Money.format(v)) == v)
        }
    }
}
