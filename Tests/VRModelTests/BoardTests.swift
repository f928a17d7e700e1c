import Testing
import VRModel

/// A small, sound board: two members, two priorities, four workstreams (one archived), three risks.
func sampleBoard() -> Board {
    let members = [
        Member(id: "m1", name: "Police and Crime Commissioner", organisation: "OPCC", role: "Chair", membership: .core),
        Member(id: "m2", name: "VRU Director", organisation: "VRU", role: "Director", membership: .officer),
    ]
    let priorities = [
        Priority(id: "P2", number: 2, title: "Trauma-informed approaches", description: "", snaFinding: "", sponsor: "m2", source: "000 §1.3"),
        Priority(
            id: "P1", number: 1, title: "Data, intelligence and evidence base", description: "", snaFinding: "", sponsor: "m1", source: "000 §1.3"),
    ]
    let workstreams = [
        sampleWorkstream(id: "W1", priority: "P1"),
        sampleWorkstream(id: "W2", priority: "P1", archived: true),
        sampleWorkstream(id: "W3", priority: "P2"),
        sampleWorkstream(id: "W4", priority: "P1"),
    ]
    let risks = [
        sampleRisk(id: "R1", residual: Score(likelihood: 4, impact: 4)),
        sampleRisk(id: "R2", residual: Score(likelihood: 2, impact: 2), owner: "m2"),
        sampleRisk(id: "R3", residual: Score(likelihood: 5, impact: 5), status: .closed, closedReason: "grant confirmed"),
    ]
    let programme = Programme(
        name: "Nottingham & Nottinghamshire VRU", shortName: "NNVRU", area: "Nottinghamshire", year: "2020/21",
        vision: "", scope: "", accountableBody: "PCC", asAt: Day("2021-11-02")!, source: "000")
    return Board(
        programme: programme, funding: nnvruFunding(), members: members, priorities: priorities,
        workstreams: workstreams, risks: risks)
}

@Suite struct BoardTests {
    @Test func soundBoardHasNoProblems() {
        #expect(sampleBoard().problems.isEmpty)
    }

    @Test func danglingPriority() throws {
        var b = sampleBoard()
        b.workstreams.put(sampleWorkstream(id: "W3", priority: "P9"))
        let ps = b.problems
        #expect(ps.count == 1)
        let p = try #require(ps.first)
        #expect(p.collection == "workstreams")
        #expect(p.id == "W3")
        #expect(p.field == "priority")
        #expect(p.reason.contains("'P9'"))
        #expect(p.description.hasPrefix("workstreams/W3: "))
    }

    @Test func danglingLeadAndSponsor() {
        var b = sampleBoard()
        b.workstreams.put(sampleWorkstream(id: "W1", priority: "P1", lead: "ghost", sponsor: "nobody"))
        let ps = b.problems
        #expect(ps.count == 2)
        #expect(ps.contains { $0.id == "W1" && $0.field == "lead" && $0.reason.contains("'ghost'") })
        #expect(ps.contains { $0.id == "W1" && $0.field == "sponsor" && $0.reason.contains("'nobody'") })
    }

    @Test func danglingPrioritySponsor() {
        var b = sampleBoard()
        b.priorities.put(Priority(id: "P2", number: 2, title: "T", description: "", snaFinding: "", sponsor: "m9", source: "x"))
        #expect(b.problems == [BoardProblem("priorities", "P2", "sponsor", "sponsor 'm9' is not a board member")])
    }

    @Test func danglingRiskOwnerAndRiskRuleProblems() {
        var b = sampleBoard()
        b.risks.put(sampleRisk(id: "R2", residual: Score(likelihood: 0, impact: 2), owner: "m7"))
        let ps = b.problems
        #expect(ps.count == 2)
        #expect(ps.contains { $0.collection == "risks" && $0.id == "R2" && $0.field == "owner" && $0.reason.contains("'m7'") })
        #expect(ps.contains { $0.collection == "risks" && $0.id == "R2" && $0.field == nil && $0.reason.contains("residual") })
    }

    @Test func fundingProblemsAreBoardProblems() {
        var b = sampleBoard()
        b.funding.categories[0].amount = -1
        #expect(b.problems.count == 1)
        #expect(b.problems.first?.collection == "funding")
        #expect(b.problems.first?.id == "funding")
    }

    @Test func archivedWorkstreamsStillNeedSoundReferences() {
        var b = sampleBoard()
        b.workstreams.put(sampleWorkstream(id: "W2", priority: "gone", archived: true))
        #expect(b.problems.map(\.id) == ["W2"])
    }

    @Test func escalatedRisksOrderedByScoreThenID() {
        var b = sampleBoard()
        let risks = [
            sampleRisk(id: "R1", residual: Score(likelihood: 4, impact: 4)),  // 16
            sampleRisk(id: "R2", residual: Score(likelihood: 5, impact: 5)),  // 25
            sampleRisk(id: "R10", residual: Score(likelihood: 4, impact: 4)),  // 16
            sampleRisk(id: "R0", residual: Score(likelihood: 4, impact: 4)),  // 16
            sampleRisk(id: "R3", residual: Score(likelihood: 1, impact: 1), escalate: true),  // flagged
            sampleRisk(id: "R4", residual: Score(likelihood: 5, impact: 5), status: .closed, closedReason: "done"),
            sampleRisk(id: "R5", residual: Score(likelihood: 3, impact: 5)),  // 15
            sampleRisk(id: "R6", residual: Score(likelihood: 2, impact: 5)),  // 10: not escalated
            sampleRisk(id: "R7", residual: Score(likelihood: 3, impact: 4)),  // 12: not escalated
        ]
        b.risks = DocumentList(risks.shuffled())
        #expect(b.escalatedRisks.map(\.id) == ["R2", "R0", "R1", "R10", "R5", "R3"])
        b.programme.escalationThreshold = 20
        #expect(b.escalatedRisks.map(\.id) == ["R2", "R3"])
        b.programme.escalationThreshold = 10
        #expect(b.escalatedRisks.map(\.id) == ["R2", "R0", "R1", "R10", "R5", "R7", "R6", "R3"])
    }

    @Test func openRisks() {
        #expect(sampleBoard().openRisks.map(\.id) == ["R1", "R2"])
    }

    @Test func workstreamsInAPriorityExcludeArchived() {
        let b = sampleBoard()
        #expect(b.workstreams(in: "P1").map(\.id) == ["W1", "W4"])
        #expect(b.workstreams(in: "P2").map(\.id) == ["W3"])
        #expect(b.workstreams(in: "P9").isEmpty)
        #expect(b.activeWorkstreams.map(\.id) == ["W1", "W3", "W4"])
        #expect(b.workstreams.count == 4)
    }

    @Test func orderedPrioritiesByNumber() {
        #expect(sampleBoard().orderedPriorities.map(\.id) == ["P1", "P2"])
    }

    @Test func memberNames() {
        let b = sampleBoard()
        #expect(b.name(of: "m2") == "VRU Director")
        #expect(b.name(of: "someone") == "someone")
    }

    @Test func recentChangesNewestFirstSkippingArchived() throws {
        var b = sampleBoard()
        var w1 = try #require(b.workstreams["W1"])
        try w1.rate(.inYear, to: .green, by: "a", at: "2021-05-01T09:00:00Z", comment: "one")
        try w1.rate(.overall, to: .red, by: "a", at: "2021-09-01T09:00:00Z", comment: "three")
        var w3 = try #require(b.workstreams["W3"])
        try w3.rate(.inYear, to: .red, by: "b", at: "2021-07-01T09:00:00Z", comment: "two")
        var w2 = try #require(b.workstreams["W2"])
        try w2.rate(.inYear, to: .red, by: "b", at: "2021-12-01T09:00:00Z", comment: "archived")
        b.workstreams.put(w1)
        b.workstreams.put(w2)
        b.workstreams.put(w3)
        #expect(b.recentChanges(limit: 10).map(\.1.comment) == ["three", "two", "one"])
        #expect(b.recentChanges(limit: 2).map(\.0.id) == ["W1", "W3"])
    }
}

@Suite struct DocumentListTests {
    @Test func putReplacesInPlaceAndAppendsNew() {
        var list = DocumentList([sampleWorkstream(id: "a"), sampleWorkstream(id: "b"), sampleWorkstream(id: "c")])
        var b = sampleWorkstream(id: "b")
        b.title = "changed"
        list.put(b)
        #expect(list.items.map(\.id) == ["a", "b", "c"])
        #expect(list["b"]?.title == "changed")
        list.put(sampleWorkstream(id: "d"))
        #expect(list.items.map(\.id) == ["a", "b", "c", "d"])
        #expect(list["d"] != nil)
        #expect(list.contains(id: "c"))
        #expect(!list.contains(id: "z"))
        #expect(list["z"] == nil)
        #expect(list.count == 4)
        #expect(list.map(\.id) == ["a", "b", "c", "d"])
    }

    @Test func equalityByItems() {
        let a = DocumentList([sampleWorkstream(id: "a"), sampleWorkstream(id: "b")])
        let b = DocumentList([sampleWorkstream(id: "a"), sampleWorkstream(id: "b")])
        let c = DocumentList([sampleWorkstream(id: "b"), sampleWorkstream(id: "a")])
        #expect(a == b)
        #expect(a != c)
    }
}
