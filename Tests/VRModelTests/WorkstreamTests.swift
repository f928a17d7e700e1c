import Testing
import VRModel

func sampleWorkstream(
    id: String = "WS1", priority: String = "P1", inYear: RAG = .amber, overall: RAG = .amberGreen,
    lead: String = "m1", sponsor: String = "m2", archived: Bool = false
) -> Workstream {
    Workstream(
        id: id, priority: priority, title: "Injury surveillance", lead: lead, sponsor: sponsor,
        objectives: ["Share ED data"], inYear: inYear, overall: overall, archived: archived, source: "test")
}

@Suite struct WorkstreamRateTests {
    @Test func recordsFromToByAtAndComment() throws {
        var ws = sampleWorkstream(inYear: .amber)
        try ws.rate(.inYear, to: .green, by: "alice", at: "2021-11-02T09:00:00Z", comment: "Data sharing agreement signed")
        #expect(ws.inYear == .green)
        #expect(ws.overall == .amberGreen, "the other rating is untouched")
        #expect(
            ws.history == [
                RatingChange(
                    kind: .inYear, from: .amber, to: .green, at: "2021-11-02T09:00:00Z",
                    by: "alice", comment: "Data sharing agreement signed")
            ])
        #expect(ws.history.first?.day == Day("2021-11-02"))
        #expect(ws.rev == 1, "rating does not touch the revision: the store does")
    }

    @Test func commentIsTrimmed() throws {
        var ws = sampleWorkstream()
        try ws.rate(.overall, to: .red, by: "bob", at: "2021-11-03T10:00:00Z", comment: "  Provider withdrew \n")
        #expect(ws.history.last?.comment == "Provider withdrew")
    }

    @Test(arguments: ["", " ", "   \t", "\n\n", " \t\n "])
    func requiresANonBlankComment(_ comment: String) {
        var ws = sampleWorkstream(inYear: .amber)
        let before = ws
        #expect(throws: Workstream.RatingError.commentRequired) {
            try ws.rate(.inYear, to: .green, by: "alice", at: "2021-11-02T09:00:00Z", comment: comment)
        }
        #expect(ws == before, "a refused change leaves the workstream as it was")
    }

    @Test func refusesAnUnchangedRating() {
        var ws = sampleWorkstream(inYear: .amber, overall: .green)
        let before = ws
        #expect(throws: Workstream.RatingError.unchanged) {
            try ws.rate(.inYear, to: .amber, by: "alice", at: "2021-11-02T09:00:00Z", comment: "still amber")
        }
        #expect(throws: Workstream.RatingError.unchanged) {
            try ws.rate(.overall, to: .green, by: "alice", at: "2021-11-02T09:00:00Z", comment: "still green")
        }
        #expect(ws == before)
    }

    @Test func errorsDescribeThemselves() {
        #expect(Workstream.RatingError.commentRequired.description.contains("comment"))
        #expect(Workstream.RatingError.unchanged.description.contains("already"))
    }

    @Test func trendAfterChanges() throws {
        var ws = sampleWorkstream(inYear: .amber)
        #expect(ws.trend(.inYear) == Trend.none, "no change yet, no trend")
        try ws.rate(.inYear, to: .green, by: "a", at: "2021-05-01T09:00:00Z", comment: "one")
        #expect(ws.trend(.inYear) == .improving)
        try ws.rate(.inYear, to: .amberRed, by: "b", at: "2021-08-01T09:00:00Z", comment: "two")
        #expect(ws.trend(.inYear) == .declining)
        #expect(ws.history.count == 2)
        #expect(ws.history[1].from == .green && ws.history[1].to == .amberRed)
        try ws.rate(.inYear, to: .complete, by: "c", at: "2021-12-01T09:00:00Z", comment: "three")
        #expect(ws.trend(.inYear) == .completed)
        #expect(ws.trend(.overall) == Trend.none, "the overall rating has not changed")
    }

    @Test func newTrendFromNotRated() throws {
        var ws = sampleWorkstream(inYear: .notRated)
        try ws.rate(.inYear, to: .amber, by: "a", at: "2021-05-01T09:00:00Z", comment: "first rating")
        #expect(ws.trend(.inYear) == .new)
    }

    @Test func lastChangePerKind() throws {
        var ws = sampleWorkstream(inYear: .amber, overall: .amber)
        #expect(ws.lastChange(.inYear) == nil)
        #expect(ws.lastUpdated == nil)
        try ws.rate(.inYear, to: .green, by: "a", at: "2021-05-01T09:00:00Z", comment: "in-year 1")
        try ws.rate(.overall, to: .red, by: "b", at: "2021-06-01T09:00:00Z", comment: "overall 1")
        try ws.rate(.inYear, to: .amberGreen, by: "c", at: "2021-07-01T09:00:00Z", comment: "in-year 2")
        #expect(ws.lastChange(.inYear)?.comment == "in-year 2")
        #expect(ws.lastChange(.inYear)?.from == .green)
        #expect(ws.lastChange(.overall)?.comment == "overall 1")
        #expect(ws.lastChange(.overall)?.by == "b")
        #expect(ws.lastUpdated?.comment == "in-year 2")
        #expect(ws.rating(.inYear) == .amberGreen)
        #expect(ws.rating(.overall) == .red)
        #expect(ws.trend(.overall) == .declining)
    }

    @Test func ragCounts() {
        let c = RAGCounts([.green, .green, .red, .amber, .green])
        #expect(c[.green] == 3)
        #expect(c[.red] == 1)
        #expect(c[.amberRed] == 0)
        #expect(c.total == 5)
    }
}
