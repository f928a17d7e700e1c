import Foundation
import Testing
import VRModel
import VRTestSupport

/// The board's date, the quarter close, the next financial year and the annual business, on the model.
@Suite struct BoardCalendarTests {
    static func wm(at date: String) throws -> Board {
        var b = try Fixtures.board("wmvru-2021-22")
        b.programme.asAt = Day(date)!
        b.programme.clock = .fixed
        return b
    }

    @Test func aLiveBoardsDateIsTodayWheneverItIsRead() throws {
        var p = try Fixtures.board("nnvru-2021-22").programme
        #expect(p.clock == .sample && p.asAtLabel == "as at 2 Nov 2021 · sample")
        p.clock = .today
        let data = try JSONEncoder().encode(p)
        let before = Day.today()
        let read = try JSONDecoder().decode(Programme.self, from: data)
        let after = Day.today()
        #expect(read.asAt == before || read.asAt == after, "read at today's date, not the one written")
        // A programme written before the clock existed keeps its date fixed.
        var old = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        old["clock"] = nil
        old["asAt"] = "2021-11-02"
        let fixed = try JSONDecoder().decode(Programme.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(fixed.clock == .fixed && fixed.asAt == Day("2021-11-02"))
    }

    @Test func theQuarterCloseListsWhatIsMissingAndWhoOwnsIt() throws {
        var b = try Self.wm(at: "2022-01-05")
        let q3 = Quarter(year: 2021, number: 3)!
        let close = b.quarterClose(q3)
        #expect(close.ended && close.outstanding)
        let returns = close.items(.reachReturn)
        let iv = try #require(b.interventions["IV-01"])
        let item = try #require(returns.first { $0.ref == "IV-01" })
        #expect(item.due == Day("2022-01-30") && item.owner == iv.provider)
        #expect(close.items(.actuals).count == b.funding.categories.count, "no Q3 actuals are in the sample")
        #expect(close.items(.riskReview).map(\.ref) == b.risks.items.filter { $0.isOverdue(on: Day("2022-01-05")!) }.map(\.id))
        // A return in ticks it off; nothing else changes.
        var changed = iv
        _ = try changed.record(ReachReturn(quarter: q3, under25: 10, over25: 1, by: "o", at: "2022-01-05T09:00:00Z"), today: b.programme.asAt)
        b.interventions.put(changed)
        let again = b.quarterClose(q3)
        #expect(!again.items.contains { $0.kind == .reachReturn && $0.ref == "IV-01" })
        #expect(again.items.count == close.items.count - 1)
        // The CSV has a row per item, every cell escaped.
        #expect(again.csv.split(separator: "\r\n").count == again.items.count + 1)
        // A rating for the quarter made in arrears (in the next quarter) counts for it.
        var w = try #require(b.workstreams.items.first)
        try w.review(.inYear, by: "o", at: "2022-01-20T09:00:00Z", comment: "reviewed for Q3")
        b.workstreams.put(w)
        #expect(!b.quarterClose(q3).items.contains { $0.kind == .rating && $0.ref == w.id })
    }

    @Test func openingTheNextYearCarriesForwardAndKeepsTheSplitWhole() throws {
        let b = try Self.wm(at: "2022-04-02")
        #expect(throws: YearError.self) { try b.openingYear("2023/24", seq: 5, at: "2022-04-02T09:00:00Z", by: "d") }
        let o = try b.openingYear("2022/23", seq: 5, at: "2022-04-02T09:00:00Z", by: "d")
        #expect(o.programme.year == "2022/23" && o.programme.asAt == Day("2022-04-01") && o.programme.clock == .fixed)
        let closed = try #require(o.programme.closedYears.last)
        #expect(closed.year == "2021/22" && closed.seq == 5 && closed.figures.allocation == b.funding.allocation)
        // WM's 2022/23 core grant is expected with no amount (004 §21-22): the allocation stays, marked.
        #expect(o.funding.allocation == b.funding.allocation && o.funding.allocationIsIllustrative)
        #expect(Money.sum(o.funding.categories.map(\.amount)) == o.funding.allocation, "the draft split adds up")
        #expect(o.funding.categories.allSatisfy { $0.isIllustrative }, "a draft split is marked until the board approves it")
        #expect(o.funding.grants.first { $0.core == true }?.status != .ended, "a grant with next year's amount recorded continues")
        #expect(o.funding.commentaries.isEmpty && o.funding.spend == b.funding.spend, "the ledger is kept; last year's commentary stays with it")
        #expect(o.programme.business.contains { $0.id == "2022/23-budget" && $0.due == Day("2023-03-31") })
        #expect(o.plan.contains { $0.hasPrefix("Carried forward:") })
        // A live board cannot open a year that has not ended.
        var live = b
        live.programme.clock = .today
        live.programme.asAt = Day("2022-03-01")!
        #expect(throws: YearError.self) { try live.openingYear("2022/23", seq: 5, at: "2022-03-01T09:00:00Z", by: "d") }
    }

    @Test func aConfirmedAmountBecomesTheAllocation() throws {
        var b = try Self.wm(at: "2022-04-02")
        let i = try #require(b.funding.grants.firstIndex { $0.core == true })
        b.funding.grants[i].years =
            (b.funding.grants[i].years ?? []).filter { $0.year != 2022 } + [
                GrantYear(year: 2022, amount: 3_000_000, status: .confirmed, source: "illustrative: a grant letter")
            ]
        let o = try b.openingYear("2022/23", seq: 1, at: "2022-04-02T09:00:00Z", by: "d")
        #expect(o.funding.allocation == 3_000_000)
        #expect(Money.sum(o.funding.categories.map(\.amount)) == 3_000_000)
    }

    @Test func annualBusinessIsSettledByADecisionAndTakenByAMeeting() throws {
        var b = try Self.wm(at: "2022-01-05")
        let item = try #require(b.programme.business.first { $0.kind == .budget })
        #expect(b.meetingTaking(item) == nil, "no meeting is scheduled yet")
        b.meetings.put(Meeting.new(on: Day("2022-03-15")!, board: b, author: "clerk"))
        b.meetings.put(Meeting.new(on: Day("2022-06-15")!, board: b, author: "clerk"))
        #expect(b.meetingTaking(item)?.id == "2022-03-15", "the last meeting before it is due")
        #expect(b.agenda(of: b.meetings["2022-03-15"]!).contains { $0.contains(item.title) })
        #expect(b.businessDue(by: Day("2022-03-31")!).count == 3)
        var m = b.meetings["2022-03-15"]!
        var d = Decision(text: "Budget approved", at: "2022-03-15T11:00:00Z", by: "clerk")
        d.business = item.id
        m.decisions.append(d)
        b.meetings.put(m)
        #expect(b.settlement(of: item)?.meeting.id == "2022-03-15")
        #expect(!b.openBusiness.contains(item))
        let plan = b.forwardPlan
        #expect(plan.map(\.meeting.id) == ["2022-03-15", "2022-06-15"] && plan[0].quarter == Quarter(year: 2021, number: 3))
        #expect(b.nextScheduled(after: Day("2022-03-15")!)?.id == "2022-06-15")
    }
}
