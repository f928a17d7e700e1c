import Foundation
import Testing
import VRModel
@testable import VRUI

/// One clock: on a board whose date is not today, every screen and every slide judges at the board's date
/// and says so, and none uses the day the test runs.
@Suite struct BoardDateTests {
    static let date = Day("2022-02-15")!

    static func board() throws -> Board {
        var b = try Fixtures.board("wmvru-2021-22")
        b.programme.asAt = date
        b.programme.clock = .fixed
        b.meetings.put(Meeting.new(on: date, board: b, author: "clerk"))
        return b
    }

    /// Every "as at D" on a frame.
    static func asAt(_ text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: #"as at ([0-9]{1,2} [A-Z][a-z]{2} [0-9]{4})"#)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range(at: 1)) }
    }

    /// Every screen at two sizes, then every slide of the walkthrough.
    static func frames() throws -> [String] {
        var out: [String] = []
        for (w, h) in Fixtures.sizes {
            for key in "1234567" {
                var s = AppState(board: try board(), width: w, height: h)
                _ = s.press(.char(key))
                out.append(render(s).lines.joined(separator: "\n"))
            }
            var s = AppState(board: try board(), width: w, height: h)
            s.now = "2022-02-15T10:00:00Z"
            s.presentation = Presentation(meetingID: date.description, startedAt: 0)
            var seen = Set<String>()
            for _ in 0..<40 {
                let text = render(s).lines.joined(separator: "\n")
                guard seen.insert(text).inserted else { break }
                out.append(text)
                _ = s.press(.char(" "))
            }
        }
        return out
    }

    @Test func everyScreenAndSlideUsesTheBoardsDate() throws {
        let today = Day.today()
        try #require(today != Self.date)
        let frames = try Self.frames()
        #expect(frames.count > 20, "the screens and the slides were drawn")
        for f in frames {
            #expect(!f.contains(today.long), "today's date on a board dated \(Self.date.long):\n\(f)")
            for d in Self.asAt(f) { #expect(d == Self.date.long, "a second date (\(d)):\n\(f)") }
        }
        #expect(frames.contains { $0.contains("as at 15 Feb 2022 · fixed") }, "the title says the date and that it is fixed")
    }

    @Test func overdueIsJudgedAtTheBoardsDateEverywhere() throws {
        let b = try Self.board()
        let overdueReviews = b.risks.items.filter { $0.isOverdue(on: Self.date) }.count
        try #require(overdueReviews > 0)
        var s = AppState(board: b, width: 120, height: 36)
        #expect(render(s).contains("\(overdueReviews) review\(overdueReviews == 1 ? "" : "s") overdue"))
        // The quarter close's risks are the same ones.
        #expect(b.quarterClose(QuarterClose.defaultQuarter(asAt: Self.date)).items(.riskReview).count == overdueReviews)
        // A day later the board is judged a day later: nothing reads the machine's clock.
        s.board.programme.asAt = Self.date.adding(days: 400)
        let later = b.risks.items.filter { $0.isOverdue(on: Self.date.adding(days: 400)) }.count
        #expect(render(s).contains("\(later) review\(later == 1 ? "" : "s") overdue"))
    }

    @Test func aRatingOnAFixedBoardKeepsBothDates() throws {
        var s = AppState(board: try Self.board(), width: 120, height: 36)
        s.now = "2026-12-07T09:00:00Z"
        s.user = "officer"
        var w = try #require(s.board.workstreams["WM-02"])
        try w.rate(
            .inYear, to: w.inYear == .green ? .amber : .green, by: "officer", at: s.now, comment: "evidence",
            boardDate: s.board.programme.entryDay(at: s.now))
        let change = try #require(w.history.last)
        #expect(change.day == Self.date && change.recorded == Day("2026-12-07"))
        #expect(change.dayText == "15 Feb 2022 (recorded 7 Dec 2026)")
        // On the board's date itself there is one date, and nothing extra is kept.
        #expect(s.board.programme.entryDay(at: "2022-02-15T09:00:00Z") == nil)
    }

    @Test func theQuarterCloseOpensOnQAndGoesToTheItem() throws {
        var s = AppState(board: try Self.board(), width: 120, height: 40)
        _ = s.press(.char("Q"))
        let f = render(s)
        #expect(f.contains("Quarter close · Q3 2021/22 (ended 31 Dec 2021)"), "\(f.text)")
        let close = s.board.quarterClose(Quarter(year: 2021, number: 3)!)
        let first = try #require(close.items.first)
        #expect(f.contains(first.kind.heading))
        _ = s.press(.enter)
        #expect(s.modal == nil, "Enter goes to the item")
        _ = s.press(.char("Q"), .left)
        #expect(render(s).contains("Quarter close · Q2 2021/22"))
    }

    @Test func yOpensTheNextYearOnlyAfterSayingWhatWillHappen() throws {
        var b = try Self.board()
        // A store that can read a closed year back from its journal (every real store can).
        b.frozen = FrozenBoards(loader: { _ in b })
        var s = AppState(board: b, width: 120, height: 40)
        s.now = "2022-04-02T09:00:00Z"
        _ = s.press(.char("Y"))
        let q = try #require(s[dialog: ConfirmDialog.self]?.message)
        #expect(q.hasPrefix("Open 2022/23? 2021/22 closes as it stands now"), "\(q)")
        #expect(q.contains("Carried forward:") && q.contains("year undo"), "\(q)")
        let effects = s.press(.char("y"))
        #expect(effects.count == 2, "the programme and the funding are saved: \(effects)")
    }
}
