import Testing
import VRModel
@testable import VRUI

/// Overdue is said in words, not only in colour: in the register, in a risk's detail, and on the overview
/// beside the escalations, for reviews and for mitigating actions.
@Suite struct OverdueTests {
    @Test("the register says overdue in words at 80x24 and 120x36; the detail says it after the review date", arguments: Fixtures.datasets)
    func registerAndDetail(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let today = b.programme.asAt
        for (w, h) in [(80, 24), (120, 36)] {
            var s = AppState(board: b, width: w, height: h)
            _ = s.press(.char("4"))
            let rows = s.risksScreen.rows
            for (i, r) in rows.enumerated() {
                s.risksScreen.cursor.selected = i
                s.feature.reveal(&s, Layout(width: w, height: h))
                let f = render(s)
                let line = try #require(f.lines.first { $0.contains("│\(r.id) ") }, "\(r.id) at \(w)x\(h)")
                #expect(line.contains("overdue") == r.isOverdue(on: today), "\(r.id) at \(w)x\(h): \(line)")
                if r.isOverdue(on: today) {
                    #expect(f.contains("Review overdue since \(r.nextReview.long)"), "\(r.id) detail at \(w)x\(h)")
                }
                for a in r.overdueActions(on: today) where w >= 120 {
                    #expect(f.contains("due \(a.due.long) · \(a.status.label) · overdue"), "\(r.id) action at \(w)x\(h)")
                }
            }
        }
    }

    @Test("the overview counts overdue reviews and actions beside the escalations", arguments: Fixtures.datasets)
    func overviewCounts(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let reviews = b.risks.items.filter { $0.isOverdue(on: b.programme.asAt) }.count
        let actions = b.risks.items.reduce(0) { $0 + $1.overdueActions(on: b.programme.asAt).count }
        let f = render(AppState(board: b, width: 120, height: 36))
        let title = try #require(f.lines.first { $0.contains("Escalated risks (") })
        #expect(title.contains("\(reviews) review\(reviews == 1 ? "" : "s") overdue") == (reviews > 0), "\(title)")
        #expect(title.contains("\(actions) action\(actions == 1 ? "" : "s") overdue") == (actions > 0), "\(title)")
        #expect(reviews + actions > 0 || !title.contains("overdue"))
        if dataset.hasPrefix("nnvru") { #expect(reviews == 1, "R04's review (1 Nov 2021) is before the as-at date (2 Nov 2021)") }
    }
}

/// Small things that read wrong: priority 10 against its title, escalations out of line, closed risks
/// sorted first.
@Suite struct DetailTests {
    @Test("a priority numbered 10 or more keeps a space before its title, on the priority list and the overview")
    func twoDigitPriorities() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var p = try #require(b.priorities.items.first)
        p.number = 10
        b.priorities.put(p)
        var s = AppState(board: b, width: 80, height: 24)
        let overview = render(s)
        #expect(overview.contains("10 \(p.title.prefix(20))"), "\(overview.text)")
        _ = s.press(.char("2"))
        let list = render(s)
        #expect(list.contains(" 10 \(p.title.prefix(20))"), "\(list.text)")
        #expect(!list.contains("10\(p.title.prefix(5))"))
    }

    @Test("the overview's escalated risks line up whatever the band (VH, H)", arguments: Fixtures.datasets)
    func escalationsLineUp(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let f = render(AppState(board: b, width: 120, height: 36))
        let xs = b.escalatedRisks.compactMap { r in f.find(" \(r.id) ")?.x }
        #expect(xs.count >= 2 && Set(xs).count == 1, "ids at columns \(xs)")
    }

    @Test("sorting the register by status puts open risks first")
    func statusSortOpenFirst() throws {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 120, height: 36)
        _ = s.press(.char("4"))
        while s.risksScreen.sort != .status { _ = s.press(.char("s")) }
        let statuses = s.risksScreen.rows.map(\.status)
        #expect(statuses.first == .open && statuses.last == .closed && statuses == statuses.sorted { $0 == .open && $1 == .closed })
        // Of the open risks, those escalated to the board come first: not the residual order again.
        let open = s.risksScreen.rows.filter { $0.status == .open }
        #expect(open.map(\.escalate) == open.map(\.escalate).sorted { $0 && !$1 }, "\(open.map { ($0.id, $0.escalate) })")
        _ = s.press(.char("s"))
        while s.risksScreen.sort != .residual { _ = s.press(.char("s")) }
        #expect(
            s.risksScreen.rows.map(\.id) != open.map(\.id) + s.risksScreen.rows.filter { $0.status == .closed }.map(\.id),
            "the two orders differ on the shipped register")
    }
}

/// Hints and help say only what works where they are shown.
@Suite struct HonestHintTests {
    @Test("the overview's hint bar offers no list keys: nothing there to move through or open", arguments: Fixtures.datasets)
    func overviewHints(dataset: String) throws {
        var s = AppState(board: try Fixtures.board(dataset), width: 120, height: 36)
        let bar = render(s).lines[Layout(width: 120, height: 36).hintRow]
        #expect(!bar.contains("move") && !bar.contains("open"), "\(bar)")
        // ↓ scrolls the priorities only when they do not all fit, and says so when they do.
        _ = s.press(.down)
        #expect(s.message == "Every priority is shown", "\(s.message ?? "")")
    }

    @Test("help in the walkthrough lists the walkthrough's keys, not the board's screens")
    func walkthroughHelp() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.stage = .held
        b.meetings.put(m)
        var s = AppState(board: b, width: 120, height: 50)
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        _ = s.press(.char("?"))
        var seen = ""
        for _ in 0..<20 {
            seen += render(s).text
            _ = s.press(.char("j"))
        }
        #expect(seen.contains("Other keys in the walkthrough") && seen.contains("Record a decision"))
        #expect(!seen.contains("Next screen") && !seen.contains("Switch to Overview") && !seen.contains("All keys"), "\(seen.suffix(2000))")
    }

    @Test("H then Esc clears the item filter; a second Esc goes back to the screen the history was opened from")
    func escGoesBackFromHistory() throws {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 120, height: 36)
        let rt = FakeRuntime(s.board)
        rt.press(&s, .char("2"), .enter, .char("H"))
        #expect(s.screen == .history && s.historyScreen.filter != nil)
        rt.press(&s, .escape)
        #expect(s.screen == .history && s.historyScreen.filter == nil)
        rt.press(&s, .escape)
        #expect(s.screen == .workstreams, "Esc went back to where the history was opened")
    }
}

/// Under NO_COLOR the selected row is one unbroken band of reverse video, its rating cells included.
@Suite struct MonochromeSelectionTests {
    @Test(arguments: Fixtures.datasets)
    func selectedRowHasNoGaps(dataset: String) throws {
        var s = AppState(board: try Fixtures.board(dataset), width: 120, height: 36)
        _ = s.press(.char("2"), .enter)
        let w = try #require(s.selectedWorkstream)
        let f = render(s)
        let origin = try #require(f.find("│\(w.id) "), "\(f.text)")
        let end = try #require((origin.x + 1..<f.width).first { f[$0, origin.y].text == "│" })
        let gaps = (origin.x + 1..<end).filter { !Theme.monochrome.style(f[$0, origin.y].role).reverse }
        #expect(gaps.isEmpty, "cells without reverse video at columns \(gaps) on \(f.lines[origin.y])")
        // An unselected row's ratings are badges too.
        #expect(Theme.monochrome.style(.ragAmber).reverse && Theme.monochrome.style(.ragAmber).bold)
    }
}

/// The hint bar under the slides: every key that applies now, wrapped whole onto two rows, the way out last.
@Suite struct WalkthroughFooterTests {
    @Test func everyMeetingKeyThatAppliesShowsAt80Columns() throws {
        var s = try Fixtures.walkthrough(width: 80, height: 24)
        let m = try #require(s.meeting)
        let rows = render(s).lines[21...22].map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.allSatisfy { !$0.contains("…") && Width.of($0) <= 76 }, "\(rows)")
        #expect(rows[0].hasPrefix("Space/→ next · ← back · g 12↵ go to"), "\(rows)")
        #expect(rows[1].hasSuffix("· q quit"), "the way out always shows, last: \(rows)")
        let shown = rows.joined(separator: " · ")
        // A held meeting: its record, attendance, reports, agenda, paper and closing apply; holding does not,
        // nor the last minutes (no earlier meeting on this board).
        for key in ["d decision", "a action", "e minutes", "A attendance", "s reports", "m agenda", "W paper", "C close"] {
            #expect(shown.contains(key), "\(key) in \(rows)")
        }
        #expect(!shown.contains("H hold") && !shown.contains("p last minutes"), "\(rows)")
        // A draft offers H, not C.
        s.board.meetings.put(
            {
                var d = m
                d.stage = .draft
                return d
            }())
        let draft = render(s).lines[21...22].joined()
        #expect(draft.contains("H hold") && !draft.contains("C close"), "\(draft)")
    }
}

/// What matters is never the part cut: a risk's scores and bands lead their lines in the detail.
@Suite struct ScoresFirstTests {
    @Test(arguments: Fixtures.datasets)
    func scoresLeadTheDetailAt80x24(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("4"))
        let r = try #require(s.risksScreen.rows.first)
        let f = render(s)
        for (name, sc) in [("Inherent", r.inherent), ("Residual", r.residual), ("Target", r.target)] {
            #expect(f.contains(Width.pad(name, to: 9) + "\(sc.value) \(sc.band.name)"), "\(name) of \(r.id) at 80x24:\(f.text)")
        }
    }
}

/// The hint rows never cut the way out: when every other hint fits the first row, `q quit` takes the second.
@Suite struct WalkthroughHintWrapTests {
    @Test(arguments: [80, 100, 118, 120, 124, 130, 160, 200])
    func nothingCutAtAnyWidth(width: Int) throws {
        for stage in [MeetingStage.draft, .held] {
            let s = try Fixtures.walkthrough(stage: stage, width: width, height: 30)
            let rows = render(s).lines[27...28]
            #expect(rows.allSatisfy { !$0.contains("…") }, "\(width) \(stage): \(rows)")
            #expect(rows.joined(separator: " ").contains("q quit"), "\(width) \(stage): \(rows)")
        }
    }
}
