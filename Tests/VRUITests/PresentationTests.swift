import Testing
import VRModel
import VRStoreAPI
@testable import VRUI

// MARK: Fixtures for the walkthrough

private let walkUser = "clerk"
private let walkNow = "2021-11-02T10:30:00Z"
private let walkSizes = [(80, 24), (160, 45)]

/// The board meeting each dataset's papers were written for.
private func walkDay(_ dataset: String) -> Day { Day(dataset.hasPrefix("nnvru") ? "2021-11-02" : "2021-12-14")! }

/// A dataset with a meeting frozen from it, walked through from the first slide.
/// A screen tall enough that no slide of the sample continues on a second page (the keys' tests count
/// slides, not pages; paging has its own tests).
private let tall = 400

private func walkthrough(
    _ dataset: String = "nnvru-2021-22", width: Int = 120, height: Int = 50, fromBoard: Bool = false,
    record: (inout Meeting) -> Void = { _ in }
) throws -> AppState {
    var b = try Fixtures.board(dataset)
    var m = Meeting.new(on: walkDay(dataset), board: b, author: walkUser)
    // Held, as the board sees it in the meeting proper, the board as shown frozen (a test of a draft says
    // so in `record`).
    m.stage = .held
    m.snapshot = Snapshot(of: b)
    record(&m)
    b.meetings.put(m)
    var s = AppState(board: b, width: width, height: height)
    s.user = walkUser
    s.now = walkNow
    s.presentation = Presentation(meetingID: m.id, startedAt: 0, fromBoard: fromBoard)
    return s
}

extension AppState {
    fileprivate var walkForm: Form? { self[dialog: FormMode.self] }
    /// The running-order index of the slide shown (a slide's continuation pages share it).
    fileprivate var slideIndex: Int? { presentation?.slide }
    fileprivate var slides: [Presentation.Slide] { shownBoard.map(Presentation.slides(for:)) ?? [] }
}

private func line(_ f: Frame, containing s: String) -> String? { f.lines.first { $0.contains(s) } }

/// The text of `width` cells from x on row y, trimmed.
private func cells(_ f: Frame, x: Int, y: Int, width: Int) -> String {
    (x..<min(f.width, x + width)).map { f[$0, y].text }.joined().trimmingCharacters(in: .whitespaces)
}

private func describe(_ f: Frame) -> String { "\n" + f.text }

// MARK: Slides

@Suite struct PresentationSlideTests {
    /// Continuation pages are numbered on without limit: a 43-page highlight report is 3a … 3aq, each its own.
    @Test func continuationPagesNumberOnPastZ() {
        let labels = (0..<750).map { Presentation.Page(slide: .highlight, number: 3, page: $0, pages: 750).label }
        #expect(Array(labels.prefix(3)) == ["3a", "3b", "3c"])
        #expect(labels[25] == "3z" && labels[26] == "3aa" && labels[27] == "3ab" && labels[42] == "3aq")
        #expect(labels[701] == "3zz" && labels[702] == "3aaa")
        #expect(Set(labels).count == labels.count, "two pages share a label")
        #expect(Presentation.Page(slide: .title, number: 1, page: 0, pages: 1).label == "1")
    }

    @Test(
        "a walkthrough follows the standing agenda: title, minutes, highlight, sub-groups, one slide per priority, interventions, outcomes, funding, risks, the record and exit",
        arguments: Fixtures.datasets)
    func slideOrder(dataset: String) throws {
        let s = try walkthrough(dataset)
        let b = try #require(s.shownBoard)
        #expect(
            s.slides == [.title, .minutes, .highlight, .subGroups] + b.orderedPriorities.map { .priority($0.id) } + [
                .interventions, .outcomes, .funding, .risks, .record, .exit,
            ])
        #expect(s.slides.count == 15)
    }

    @Test("every page of every slide fits at 80x24 and 160x45, with its footer, and every slide shows all its content", arguments: Fixtures.datasets)
    func everySlide(dataset: String) throws {
        for (w, h) in walkSizes {
            var s = try walkthrough(dataset, width: w, height: h)
            let b = try #require(s.shownBoard)
            let m = try #require(s.meeting)
            let pages = s.slidePages
            #expect(Set(pages.map(\.number)) == Set(1...s.slides.count), "every slide has a page")
            for page in pages {
                s.presentation?.slide = page.number - 1
                s.presentation?.page = page.page
                let f = render(s)
                expectFits(f, width: w, height: h)
                let footer = f.lines[h - 1]
                #expect(
                    footer.hasPrefix(" \(b.programme.shortName) · Strategic board \(m.date.long)"), "\(w)x\(h) page \(page.label) footer: \(footer)")
                #expect(footer.contains("Slide \(page.label) of \(s.slides.count) · 00:00:00"), "\(w)x\(h) page \(page.label) footer: \(footer)")
                #expect(f.roles(row: h - 1).allSatisfy { $0 == .titleBar })
                #expect(f.lines[h - 3].hasPrefix("  Space/→ next · ← back · g 12↵ go to · o outline · d decision"))
                if page.slide != .title {
                    // The title whole, wrapped, and underlined.
                    let title = Presentation.title(page.slide, in: b) + (page.pages > 1 ? " (\(page.page + 1) of \(page.pages))" : "")
                    let lines = Width.wrap(title, to: w - 4)
                    #expect(Array(f.lines[1..<(1 + lines.count)]) == lines.map { "  " + $0 }, "\(w)x\(h) page \(page.label) title")
                    #expect(f.lines[1 + lines.count] == "  " + String(repeating: "━", count: lines.map { Width.of($0) }.max() ?? 0))
                }
                // A slide's content, all its pages stacked: everything it lists is on one of them.
                if page.page == 0 { try expectContent(wholeSlide(s, pages: page.pages), page.slide, s, b, m) }
            }
        }
    }

    /// A slide's pages stacked into one tall frame: the first page's title rows, then each page's content.
    private func wholeSlide(_ s: AppState, pages: Int) -> Frame {
        let slide = s.slides[s.presentation!.slide]
        let content: Rect =
            slide == .title
            ? Rect(x: 2, y: 1, width: s.width - 4, height: s.slideRoom(.title, s.meeting!, s.shownBoard!))
            : slideContent(width: s.width, height: s.height, titleRows: s.slideTitleRows(slide, s.shownBoard!))
        var whole = Frame(width: s.width, height: content.y + pages * content.height + 2)
        var t = s
        t.presentation?.page = 0
        whole.copyRows(of: render(t), from: 0, to: 0, count: content.y)
        for p in 0..<pages {
            t.presentation?.page = p
            whole.copyRows(of: render(t), from: content.y, to: content.y + p * content.height, count: content.height)
        }
        return whole
    }

    private func expectContent(
        _ f: Frame, _ slide: Presentation.Slide, _ s: AppState, _ b: Board, _ m: Meeting,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let big = s.height >= 45
        let at = "\(s.width)x\(s.height) \(slide):" + describe(f)
        // The slide's first content row: under its title (wrapped), the underline and the legend.
        let top = slide == .title ? 1 : slideContent(width: s.width, height: s.height, titleRows: s.slideTitleRows(slide, b)).y
        switch slide {
        case .title:
            #expect(f.contains(b.programme.name), "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("Strategic Violence Reduction Board"), "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("\(m.date.long) · \(b.programme.year) · as at \(b.programme.asAt.long)"), "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("“"), "the vision: \(at)", sourceLocation: sourceLocation)
            #expect(f.contains("Agenda"), "\(at)", sourceLocation: sourceLocation)
            // Each agenda item numbered by the slide that carries it.
            for (item, slide) in s.agendaSlides(m) where Meeting.standingAgenda.contains(item) {
                #expect(f.contains(slide.map { "\($0). \(item)" } ?? "· \(item)"), "\(at)", sourceLocation: sourceLocation)
            }
        case .highlight:
            #expect(f.lines[top].hasPrefix("  In-year ratings by priority"), "\(at)", sourceLocation: sourceLocation)
            for p in b.orderedPriorities {
                #expect(f.contains("\(p.number). \(p.title.prefix(30))"), "\(at)", sourceLocation: sourceLocation)
                let c = RAGCounts(b.workstreams(in: p.id).map(\.inYear))
                let spread = RAG.scale.filter { c[$0] > 0 }.map { "\($0.badge) \(c[$0])" }.joined(separator: "  ")
                #expect(f.contains("   " + spread), "priority \(p.number) spread \(spread): \(at)", sourceLocation: sourceLocation)
            }
            #expect(f.contains("Changed in the last quarter (first recorded board)"), "\(at)", sourceLocation: sourceLocation)
            // The money's warnings (each wraps within its column: its opening words on one line).
            for alert in moneyAlerts(b) { #expect(f.contains(String(("⚠ " + alert).prefix(30))), "\(alert): \(at)", sourceLocation: sourceLocation) }
            #expect(!moneyAlerts(b).isEmpty, "both datasets forecast an underspend")
            let moves = b.changes(since: nil)
            let first = try #require(moves.first, sourceLocation: sourceLocation)
            let moveLine = try #require(line(f, containing: first.workstream.id + " "), "\(at)", sourceLocation: sourceLocation)
            // Both ratings, each from → to when it moved.
            func shown(_ kind: RatingKind) -> String {
                let (before, after) = first.rating(kind)
                let mark = first.workstream.isJudgement(kind) ? Provenance.judgementMark : ""
                return (first.moved(kind) ? before.map { $0.badge + "→" } ?? "" : "") + after.badge + mark
            }
            #expect(
                moveLine.contains("in-year \(shown(.inYear))  overall \(shown(.overall)) \(first.workstream.title.prefix(20))"),
                "\(at)", sourceLocation: sourceLocation)
            let alarms = b.activeWorkstreams.filter { [.red, .amberRed].contains($0.inYear) || [.red, .amberRed].contains($0.overall) }
            #expect(f.contains("Red or amber/red (\(alarms.count))"), "\(at)", sourceLocation: sourceLocation)
            for a in alarms {
                #expect(
                    f.lines.contains { $0.contains("in-year \(a.shownBadge(.inYear)) overall \(a.shownBadge(.overall)) \(a.id) ") },
                    "alarm \(a.id): \(at)", sourceLocation: sourceLocation)
            }
            // Every change since the last board, not just those that fit one screen.
            for mv in moves { #expect(f.lines.contains { $0.contains("\(mv.workstream.id) in-year ") }, "change \(mv.workstream.id): \(at)") }
        case .priority(let id):
            let p = try #require(b.priorities[id], sourceLocation: sourceLocation)
            #expect(f.lines[top] == "  Sponsor: \(b.name(of: p.sponsor))", "\(at)", sourceLocation: sourceLocation)
            #expect(f.lines[top...].contains { $0.hasSuffix("In-year  Overall  Trend") }, "\(at)", sourceLocation: sourceLocation)
            let ws = b.workstreams(in: id)
            for w in ws {
                let y = try #require(
                    f.lines.firstIndex { $0.hasPrefix("  \(Width.pad(w.id, to: 7)) ") }, "no row for \(w.id): \(at)",
                    sourceLocation: sourceLocation)
                let row = f.lines[y]
                // The overall badge starts 8 cells after the in-year one, judged (`†`) or not.
                let badges = w.shownBadge(.inYear) + String(repeating: " ", count: 8 - Width.of(w.shownBadge(.inYear))) + w.shownBadge(.overall)
                let r = try #require(row.range(of: badges), "\(w.id) ratings \(badges): \(at)", sourceLocation: sourceLocation)
                #expect(row.contains("\(w.trend(.inYear).glyph) \(w.trend(.inYear).word)"), "\(at)", sourceLocation: sourceLocation)
                // The badges carry their rating's colour role as well as the letter.
                let x = Width.of(String(row[..<r.lowerBound]))
                #expect(f[x + 1, y].role == w.inYear.role, "\(w.id) in-year colour", sourceLocation: sourceLocation)
                #expect(f[x + 8 + 1, y].role == w.overall.role, "\(w.id) overall colour", sourceLocation: sourceLocation)
                // Its comment under its title (which may wrap onto more rows).
                if let c = w.history.last {
                    let comment = f.lines[(y + 1)...].first { $0.hasPrefix("          “") }
                    #expect(
                        comment?.hasPrefix("          “\(c.comment.prefix(25))") == true, "\(w.id) comment: \(at)", sourceLocation: sourceLocation)
                }
            }
            // Only this priority's workstreams.
            for other in b.activeWorkstreams where other.priority != id {
                #expect(
                    !f.lines.contains { $0.hasPrefix("  \(Width.pad(other.id, to: 7)) ") }, "\(other.id) on \(id)'s slide",
                    sourceLocation: sourceLocation)
            }
        case .interventions:
            let q = Quarter(containing: b.programme.asAt)
            let total = b.reach(inYear: q.year, today: m.date)
            #expect(
                f.lines[top].hasPrefix(
                    "  \(b.interventions.count) interventions · reach 2021/22: \(total.under25.grouped) under 25, \(total.over25.grouped) aged 25 and over"
                ),
                "\(at)", sourceLocation: sourceLocation)
            for t in b.reachByLevel(inYear: q.year, total: true) {
                let row = try #require(line(f, containing: "  " + Width.pad(t.label, to: 16)), "\(t.label): \(at)", sourceLocation: sourceLocation)
                #expect(row.contains(" \(t.under25.grouped) ") && row.hasSuffix("no return"), "\(t.label): \(at)", sourceLocation: sourceLocation)
            }
            for iv in b.interventions.items where !iv.lateReturns(on: m.date, dueDays: Intervention.dueDays).isEmpty {
                #expect(f.lines.contains { $0.hasPrefix("    \(iv.id) ") }, "late \(iv.id): \(at)", sourceLocation: sourceLocation)
            }
            for e in b.evaluationsDue {
                #expect(
                    f.contains("  due \(e.dueLabel) · \(e.status.label.lowercased()) · \(e.title.prefix(10))"), "\(e.id): \(at)",
                    sourceLocation: sourceLocation)
            }
            if b.programme.shortName == "NNVRU" {
                #expect(!f.contains("interventions budget"), "NNVRU's register has no budgets: \(at)", sourceLocation: sourceLocation)
            } else {
                let text = f.lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                #expect(
                    text.contains("16 of 16 interventions budget £2,090,000*, of £2,150,000* for interventions: £60,000* uncommitted"), "\(at)",
                    sourceLocation: sourceLocation)
                #expect(
                    f.contains("✓ PASS* Evaluation ≥ 10% of the register's budgets: 10.3%   margin £6,000"), "\(at)", sourceLocation: sourceLocation)
            }
        case .outcomes:
            let measures = b.orderedOutcomes
            let better = measures.filter { $0.improving == true }.count
            #expect(f.lines[top].hasPrefix("  \(measures.count) measures · \(better) moving the better way"), "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("The Home Office's success measures") && f.contains("Local measures"), "\(at)", sourceLocation: sourceLocation)
            for o in measures {
                let row = try #require(line(f, containing: String(o.title.prefix(20))), "\(o.id): \(at)", sourceLocation: sourceLocation)
                #expect(row.contains("\(o.glyph) \(o.words)"), "\(o.id) in words and glyph: \(at)", sourceLocation: sourceLocation)
            }
        case .funding:
            let fu = b.funding
            #expect(f.lines[top] == "  \(fu.allocationName): \(Money.format(fu.allocation))", "\(at)", sourceLocation: sourceLocation)
            for c in fu.categories {
                let row = try #require(line(f, containing: String(c.name.prefix(20))), "\(c.name): \(at)", sourceLocation: sourceLocation)
                #expect(row.hasSuffix(" \(fu.shareText(of: c))") && row.contains("█"), "\(c.name) share: \(at)", sourceLocation: sourceLocation)
            }
            for c in fu.checks {
                #expect(
                    f.contains("\(c.verdict) \(c.label): \(c.share)   margin \(Money.format(c.margin))"), "\(at)",
                    sourceLocation: sourceLocation)
            }
            if b.programme.shortName == "NNVRU" {
                #expect(f.contains("✓ PASS Interventions ≥ 20% of the grant: 29%   margin £79,200"), "\(at)", sourceLocation: sourceLocation)
                let row = try #require(line(f, containing: "Commissioned interventions"), sourceLocation: sourceLocation)
                #expect(row.hasSuffix("  29%"), "\(at)", sourceLocation: sourceLocation)
            }
        case .risks:
            let esc = b.escalatedRisks
            #expect(
                f.lines[top].hasPrefix("  \(esc.count) risks for the board (residual ≥ \(b.programme.escalationThreshold)"), "\(at)",
                sourceLocation: sourceLocation)
            for r in esc {
                #expect(
                    f.lines.contains { $0.hasPrefix("  \(Width.pad("\(r.residual.value) \(r.band.letter)", to: 5)) \(r.id) ") },
                    "escalated \(r.id): \(at)", sourceLocation: sourceLocation)
            }
            // The heat map: each cell's count is RiskRegister.heatMap's, coloured by its band.
            let origin = try #require(f.find("Heat map of open risks"), "\(at)", sourceLocation: sourceLocation)
            let grid = RiskRegister.heatMap(b.risks.items)
            for row in 0..<5 {
                let likelihood = 5 - row, y = origin.y + 2 + row
                #expect(cells(f, x: origin.x, y: y, width: 3) == "L\(likelihood)", "\(at)", sourceLocation: sourceLocation)
                for col in 0..<5 {
                    let text = cells(f, x: origin.x + 3 + col * 4, y: y, width: 4)
                    let n = grid[likelihood - 1][col]
                    #expect(text == (n == 0 ? "·" : "\(n)"), "L\(likelihood) I\(col + 1): \(at)", sourceLocation: sourceLocation)
                    let role = f[origin.x + 3 + col * 4 + 2, y].role
                    #expect(role == (n == 0 ? .heatEmpty : Band(score: likelihood * (col + 1)).role), sourceLocation: sourceLocation)
                }
            }
            #expect(cells(f, x: origin.x, y: origin.y + 7, width: 24) == "I1  I2  I3  I4  I5", "\(at)", sourceLocation: sourceLocation)
        case .record:
            #expect(f.lines[top] == "  Decisions (\(m.decisions.count))", "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("Actions (\(m.actions.count))"), "\(at)", sourceLocation: sourceLocation)
            if m.decisions.isEmpty { #expect(f.contains("None recorded yet: press d"), sourceLocation: sourceLocation) }
            if m.actions.isEmpty { #expect(f.contains("None recorded yet: press a"), sourceLocation: sourceLocation) }
        case .minutes:
            // The first recorded meeting: no minutes to approve, no actions arising.
            #expect(f.lines[top].hasPrefix("  No earlier meeting is recorded: no minutes to approve"), "\(at)", sourceLocation: sourceLocation)
            #expect(f.contains("Matters arising: actions from earlier meetings (0)"), "\(at)", sourceLocation: sourceLocation)
        case .subGroups:
            // Every sub-group with its chair, each with its report or the key that records one.
            for g in b.programme.subGroups {
                let row = try #require(line(f, containing: g.name), "\(g.name): \(at)", sourceLocation: sourceLocation)
                #expect(row.contains("chair \(g.chair) · \(g.frequency.prefix(20))"), "\(at)", sourceLocation: sourceLocation)
            }
            #expect(!b.programme.subGroups.isEmpty, sourceLocation: sourceLocation)
            #expect(
                f.lines.filter { $0.contains("No report recorded: s records the chairs' reports") }.count == b.programme.subGroups.count, "\(at)",
                sourceLocation: sourceLocation)
        case .exit:
            #expect(f.lines[top] == "  Each workstream's option when the funding ends [004 §59]", "\(at)", sourceLocation: sourceLocation)
            let ws = b.activeWorkstreams
            for w in big ? ws : Array(ws.prefix(10)) {
                let row = try #require(
                    f.lines.first { $0.hasPrefix("  \(Width.pad(w.id, to: 7)) ") }, "no row for \(w.id): \(at)",
                    sourceLocation: sourceLocation)
                #expect(row.contains((w.exitStrategy?.option ?? .undecided).label), "\(at)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("the footer's clock shows the time since the walkthrough started")
    func elapsedTime() throws {
        var s = try walkthrough()
        s.presentation?.startedAt = 100
        s.clock = 100 + 3725
        let f = render(s)
        #expect(f.lines[s.height - 1].hasSuffix("Slide 1 of \(s.slides.count) · 01:02:05"))
    }

    @Test("the record slide lists the meeting's decisions and actions")
    func recordSlide() throws {
        var s = try walkthrough() { m in
            m.decisions = [
                Decision(text: "Approve the year 3 commissioning plan", at: walkNow, by: walkUser),
                Decision(text: "Escalate Probation data access nationally", at: walkNow, by: walkUser),
            ]
            m.actions = [MeetingAction(text: "Draft the multi-year funding case", owner: "PCC", due: Day("2021-12-14")!, at: walkNow, by: walkUser)]
        }
        let recordSlide = try #require(s.slideIndex(of: .record))
        s.presentation?.slide = recordSlide
        let f = render(s)
        #expect(f.lines[4] == "  Decisions (2)")
        #expect(f.lines[5] == "    D1. Approve the year 3 commissioning plan")
        #expect(f.lines[6] == "    D2. Escalate Probation data access nationally")
        #expect(f.contains("  Actions (1)"))
        #expect(f.contains("    A1. Draft the multi-year funding case  PCC · due 14 Dec 2021"))
        #expect(!f.contains("None recorded yet"))
    }

    @Test("the outline lists every slide; the current one is marked")
    func outlineOverlay() throws {
        var s = try walkthrough(height: tall)
        _ = s.press(.char("3"), .char("o"))
        let f = render(s)
        #expect(f.contains("Outline · Enter jumps · Esc closes"))
        let b = try #require(s.shownBoard)
        for (i, slide) in s.slides.enumerated() {
            let pos = try #require(f.find(" \(i + 1). \(Presentation.title(slide, in: b).prefix(30))"), "\(describe(f))")
            #expect(f[pos.x + 1, pos.y].role == (i == 2 ? .selected : .overlay))
        }
        expectFits(f, width: s.width, height: s.height)
    }
}

// MARK: Keys

@Suite struct PresentationKeyTests {
    @Test("Space, →, PgDn, l and Enter go forward; ←, PgUp, h and Backspace go back; both stop at the ends")
    func nextAndBack() throws {
        var s = try walkthrough(height: tall)
        let last = s.slides.count - 1
        for k in [Key.char(" "), .right, .pageDown, .char("l"), .enter] {
            let before = try #require(s.slideIndex)
            #expect(s.press(k).isEmpty)
            #expect(s.slideIndex == before + 1, "\(k)")
        }
        #expect(s.slideIndex == 5)
        for k in [Key.left, .pageUp, .char("h"), .backspace] {
            let before = try #require(s.slideIndex)
            _ = s.press(k)
            #expect(s.slideIndex == before - 1, "\(k)")
        }
        #expect(s.slideIndex == 1)
        _ = s.press(.left, .left, .left)
        #expect(s.slideIndex == 0)
        for _ in 0..<(last + 3) { _ = s.press(.char(" ")) }
        #expect(s.slideIndex == last)
        #expect(render(s).lines[s.height - 1].contains("Slide \(s.slides.count) of \(s.slides.count)"))
    }

    @Test("1-9 jump to a slide; 0 does nothing; g/Home and G/End go to the first and last")
    func jumps() throws {
        var s = try walkthrough(height: tall)
        for n in 1...9 {
            _ = s.press(.char(Character("\(n)")))
            #expect(s.slideIndex == n - 1)
            #expect(render(s).lines[s.height - 1].contains("Slide \(n) of \(s.slides.count)"))
        }
        _ = s.press(.char("4"), .char("0"))
        #expect(s.slideIndex == 3)
        _ = s.press(.char("G"))
        #expect(s.slideIndex == s.slides.count - 1)
        _ = s.press(.home)
        #expect(s.slideIndex == 0)
        _ = s.press(.end)
        #expect(s.slideIndex == s.slides.count - 1)
        _ = s.press(.home)
        #expect(s.slideIndex == 0)
        // The keys of the board's screens do not switch screens here.
        _ = s.press(.char("3"), .tab)
        #expect(s.slideIndex == 2)
        #expect(s.screen == .overview)
        #expect(s.presentation != nil)
    }

    @Test("o opens the outline at the current slide; j/k/↓/↑ move; Enter jumps; Esc and o close without moving")
    func outline() throws {
        var s = try walkthrough(height: tall)
        _ = s.press(.char("5"), .char("o"))
        #expect(s.presentation?.showOutline == true)
        #expect(s.presentation?.outlineCursor == 4)
        _ = s.press(.char("j"), .down, .char("j"))
        #expect(s.presentation?.outlineCursor == 7)
        #expect(s.slideIndex == 4, "moving in the outline does not change the slide")
        _ = s.press(.char("k"))
        _ = s.press(.enter)
        #expect(s.presentation?.showOutline == false)
        #expect(s.slideIndex == 6)
        _ = s.press(.char("o"), .up, .up, .escape)
        #expect(s.presentation?.showOutline == false)
        #expect(s.slideIndex == 6)
        _ = s.press(.char("o"), .char("k"), .char("o"))
        #expect(s.presentation?.showOutline == false)
        #expect(s.slideIndex == 6)
        // The cursor stops at the ends.
        _ = s.press(.home, .char("o"), .up, .char("k"))
        #expect(s.presentation?.outlineCursor == 0)
        for _ in 0..<15 { _ = s.press(.down) }
        #expect(s.presentation?.outlineCursor == s.slides.count - 1)
        _ = s.press(.enter)
        #expect(s.slideIndex == s.slides.count - 1)
    }

    @Test("q and Esc end a walkthrough started with vrboard present")
    func quit() throws {
        var s = try walkthrough()
        #expect(s.press(.char("q")) == [.quit])
        #expect(s.press(.escape) == [.quit])
        _ = s.press(.char("o"))
        #expect(s.press(.char("q")) == [.quit])
        #expect(s.press(.ctrl("c")) == [.quit])
    }

    @Test("P on the board starts today's walkthrough; q goes back to the board, not out")
    func fromTheBoard() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 100, height: 30)
        s.clock = 42
        #expect(s.press(.char("P")) == [.startPresentation(create: false, on: nil)])
        let m = Meeting.new(on: b.programme.asAt, board: b, author: walkUser)
        b.meetings.put(m)
        _ = update(&s, .presentationReady(meetingID: m.id, board: b))
        #expect(s.presentation == Presentation(meetingID: m.id, startedAt: 42, fromBoard: true))
        #expect(render(s).lines[s.height - 1].contains("Slide 1 of \(s.slides.count)"))
        _ = s.press(.char(" "), .char(" "))
        #expect(s.press(.char("q")).isEmpty)
        #expect(s.presentation == nil)
        let f = render(s)
        #expect(f.lines[1].contains("1 Overview"))
        #expect(!f.contains("Slide 3 of \(s.slides.count)"))
    }

    @Test("? shows the walkthrough's keys; any key closes the help")
    func help() throws {
        var s = try walkthrough()
        _ = s.press(.char("2"), .char("?"))
        #expect(s.showHelp)
        #expect(render(s).contains("Keys: j/k, PgDn, End scroll · any key closes"))
        // j scrolls the help down to the walkthrough's own keys.
        var scrolls = 0
        while !render(s).contains("Record a decision (saved with the meeting)") && scrolls < 200 {
            _ = s.press(.char("j"))
            scrolls += 1
        }
        let f = render(s)
        #expect(f.contains("Board walkthrough (vrboard present, or P)"), "\(describe(f))")
        #expect(f.contains("Record a decision (saved with the meeting)"), "\(describe(f))")
        #expect(s.slideIndex == 1, "keys in the help do not move the slides")
        _ = s.press(.char("x"))
        #expect(!s.showHelp)
        #expect(s.slideIndex == 1)
        #expect(render(s).lines[s.height - 1].contains("Slide 2 of \(s.slides.count)"))
    }

    @Test("r, n, x and u change nothing and say the slides are read-only", arguments: ["r", "n", "x", "u"])
    func editKeysAreRefused(key: String) throws {
        var s = try walkthrough()
        _ = s.press(.char("3"))
        let board = s.board
        let effects = s.press(.char(Character(key)))
        #expect(effects.isEmpty)
        #expect(s.board == board)
        #expect(s.modal == nil)
        #expect(s.slideIndex == 2)
        #expect(s.undoStack.isEmpty)
        #expect(s.message == "The slides are read-only: d records a decision, a an action, e corrects the minutes, A the attendance")
        let f = render(s)
        let hint = try #require(f.find("The slides are read-only"), "\(describe(f))")
        #expect(hint.y == s.height - 1 - Walkthrough.hintRows)
        #expect(f[hint.x, hint.y].role == .warning)
        // The next key clears the message.
        _ = s.press(.char(" "))
        #expect(s.message == nil)
        #expect(!render(s).contains("read-only"))
    }

    @Test("with a read-only store, d and a refuse to open their forms")
    func readOnlyStore() throws {
        var s = try walkthrough()
        s.readOnly = true
        for k in ["d", "a"] {
            #expect(s.press(.char(Character(k))).isEmpty)
            #expect(s.modal == nil)
            #expect(s.message?.hasPrefix("Read-only") == true)
        }
    }
}

// MARK: Recording decisions and actions

@Suite struct PresentationRecordTests {
    @Test("d, typing, Enter: a save of the meeting with the decision appended, and the slide shows it", arguments: Fixtures.datasets)
    func recordADecision(dataset: String) throws {
        var s = try walkthrough(dataset)
        let rt = FakeRuntime(s.board)
        let m = try #require(s.meeting)
        _ = s.press(.char("7"))
        rt.press(&s, .char("d"))
        let form = try #require(s.walkForm)
        #expect(form.title == "Record a decision · board of \(m.date.long)")
        #expect(render(s).contains("Record a decision · board of \(m.date.long)"))
        s.type("Approve the year 3 commissioning plan")
        let effects = rt.press(&s, .enter)

        let edit = try #require(savesIn(effects).first)
        #expect(savesIn(effects).count == 1)
        #expect(edit.baseRev == m.rev)
        #expect(edit.note == "Board of \(m.date.long): decision recorded: Approve the year 3 commissioning plan")
        var expected = m
        expected.decisions = [Decision(text: "Approve the year 3 commissioning plan", at: walkNow, by: walkUser)]
        #expect(edit.doc == .meeting(expected))

        // Saved: the form closes, the walkthrough stays where it was, and the meeting has the decision.
        #expect(s.modal == nil)
        #expect(s.slideIndex == 6)
        #expect(s.message == "Saved: Board of \(m.date.long): decision recorded: Approve the year 3 commissioning plan")
        let saved = try #require(s.meeting)
        #expect(saved.rev == m.rev + 1)
        #expect(saved.decisions == expected.decisions)
        #expect(saved.snapshot == m.snapshot, "recording a decision must not refreeze the board")
        #expect(rt.board.meetings[m.id] == saved)

        // A second decision goes after the first.
        rt.press(&s, .char("d"))
        s.type("Escalate Probation data access nationally")
        let second = savesIn(rt.press(&s, .enter))
        #expect(second.first?.baseRev == m.rev + 1)
        #expect(s.meeting?.decisions.map(\.text) == ["Approve the year 3 commissioning plan", "Escalate Probation data access nationally"])

        _ = s.press(.char("G"), .left)
        let f = render(s)
        #expect(f.lines[4] == "  Decisions (2)")
        #expect(f.contains("1. Approve the year 3 commissioning plan"))
        #expect(f.contains("2. Escalate Probation data access nationally"))
        // The other slides did not change.
        #expect(s.shownBoard == m.snapshot?.board)
    }

    @Test("an empty decision is refused; Esc leaves the form without saving")
    func emptyDecision() throws {
        var s = try walkthrough()
        let rt = FakeRuntime(s.board)
        rt.press(&s, .char("d"))
        #expect(savesIn(rt.press(&s, .enter)).isEmpty)
        let form = try #require(s.walkForm)
        #expect(form.message == "Not saved: fix the fields marked ✗")
        #expect(form.field("text")?.error == "required")
        #expect(render(s).contains("✗ required"))
        #expect(savesIn(rt.press(&s, .escape)).isEmpty)
        #expect(s.modal == nil)
        #expect(rt.journal.isEmpty)
        #expect(s.meeting?.decisions.isEmpty == true)
    }

    @Test("typed text then Esc asks first; y discards")
    func discardDecision() throws {
        var s = try walkthrough()
        let rt = FakeRuntime(s.board)
        rt.press(&s, .char("d"))
        s.type("Half a thought")
        rt.press(&s, .escape)
        #expect(s.walkForm?.confirmDiscard == true)
        rt.press(&s, .char("y"))
        #expect(s.modal == nil)
        #expect(rt.journal.isEmpty)
    }

    @Test("a records an action with its owner and due date; an impossible date is refused", arguments: Fixtures.datasets)
    func recordAnAction(dataset: String) throws {
        var s = try walkthrough(dataset)
        let rt = FakeRuntime(s.board)
        let m = try #require(s.meeting)
        rt.press(&s, .char("a"))
        let form = try #require(s.walkForm)
        #expect(form.title == "Record an action · board of \(m.date.long)")
        #expect(form.fields.map(\.key) == ["text", "owner", "other", "due"])
        #expect(form.value("due") == m.date.adding(days: 28).description)
        // The owner is chosen from the members, the first by default.
        let members = s.board.members.items.map(\.name)
        #expect(form.value("owner") == members.first)

        s.type("Draft the multi-year funding case")
        // Someone else, with no name typed: refused, and the name field takes the focus.
        _ = s.press(.tab, .left)
        #expect(s.walkForm?.value("owner") == "")
        #expect(savesIn(rt.press(&s, .enter)).isEmpty)
        #expect(s.walkForm?.field("other")?.error == "who owns it? choose a member above, or type a name")
        #expect(s.walkForm?.focus == 2)
        // A name that is not a member's is taken, and said.
        s.type("Youth Justice Service manager")
        #expect(
            s.walkForm?.summary.contains("Youth Justice Service manager is not a member of the board: the action is given to the name as typed")
                == true)
        // Back to a member: the first.
        _ = s.press(.backTab, .right)
        #expect(s.walkForm?.value("owner") == members.first)
        _ = s.press(.tab, .tab, .ctrl("u"))
        s.type("2021-02-30")
        #expect(savesIn(rt.press(&s, .enter)).isEmpty, "30 February is not a date")
        #expect(s.walkForm?.field("due")?.error == "2021-02-30: February 2021 has no 30th (it has 28 days)")
        #expect(s.walkForm?.message == "Not saved: fix the fields marked ✗")
        #expect(s.walkForm?.focus == 3)
        let f = render(s)
        #expect(f.contains("✗ 2021-02-30: February 2021 has no 30th"), "\(describe(f))")
        #expect(rt.journal.isEmpty)

        // A date before the meeting is allowed, but said.
        _ = s.press(.ctrl("u"))
        let before = m.date.adding(days: -1)
        s.type(before.description)
        #expect(s.walkForm?.summary == ["⚠ due \(before.long), before the meeting (\(m.date.long)): it will show as overdue"])
        #expect(render(s).contains("⚠ due \(before.long), before the meeting"))

        _ = s.press(.ctrl("u"))
        s.type("2021-12-15")
        #expect(s.walkForm?.summary == [])
        let edit = try #require(savesIn(rt.press(&s, .enter)).first)
        var expected = m
        expected.actions = [
            MeetingAction(
                text: "Draft the multi-year funding case", owner: members[0],
                due: Day("2021-12-15")!, at: walkNow, by: walkUser)
        ]
        #expect(edit.doc == .meeting(expected))
        #expect(edit.baseRev == m.rev)
        #expect(edit.note == "Board of \(m.date.long): action for \(members[0]) by 15 Dec 2021: Draft the multi-year funding case")
        #expect(s.modal == nil)
        #expect(s.meeting?.actions == expected.actions)
        #expect(s.meeting?.snapshot == m.snapshot)

        let recordSlide = try #require(s.slideIndex(of: .record))
        s.presentation?.slide = recordSlide
        let record = render(s)
        #expect(record.contains("Actions (1)"))
        #expect(record.contains("1. Draft the multi-year funding case  Police and Crime Commissioner · due 15 Dec 2021"), "\(describe(record))")
    }

    @Test("a decision saved while another terminal recorded one on the same meeting keeps both, never overwriting theirs")
    func conflict() throws {
        var s = try walkthrough()
        let rt = FakeRuntime(s.board)
        var m = try #require(s.meeting)
        rt.press(&s, .char("d"))
        s.type("Mine")
        // Meanwhile another clerk records a decision on the same meeting.
        m.decisions = [Decision(text: "Theirs", at: walkNow, by: "other")]
        rt.saveElsewhere(.meeting(m), by: "other", note: "Decision recorded elsewhere")
        rt.press(&s, .enter)
        #expect(s.modal == nil, "two records added to one list merge: \(String(describing: s.modal))")
        #expect(rt.board.meetings[m.id]?.decisions.map(\.text) == ["Theirs", "Mine"])
        #expect(rt.journal.last?.note.contains("merged with a change saved meanwhile to decisions") == true, "\(rt.journal.last?.note ?? "")")
    }
}

// MARK: The snapshot, not the live board

@Suite struct PresentationSnapshotTests {
    @Test("slides draw from the meeting's snapshot: a later change to the live board does not show")
    func slidesUseTheSnapshot() throws {
        var s = try walkthrough()
        var live = s.board
        var w = try #require(live.workstreams["WS-1.3"])
        try w.rate(.inYear, to: .red, by: "analyst", at: "2021-11-02T11:00:00Z", comment: "Agreement lapsed during the meeting")
        live.workstreams.put(w)
        let i = try #require(live.funding.categories.firstIndex { $0.kind == .interventions })
        let staff = try #require(live.funding.categories.firstIndex { $0.kind == .staff })
        live.funding.categories[i].amount = 300_000
        live.funding.categories[staff].amount = 350_200
        live.programme.name = "Renamed after the meeting"
        _ = update(&s, .boardChanged(live))
        #expect(s.board.workstreams["WS-1.3"]?.inYear == .red, "the live board moved on")

        let p1Slide = try #require(s.slideIndex(of: .priority("P1")))
        s.presentation?.slide = p1Slide
        let p1 = render(s)
        let row = try #require(line(p1, containing: "WS-1.3 "), "\(describe(p1))")
        #expect(row.contains("A/R†     A †"), "WS-1.3 should show its frozen A/R (judged): \(row)")
        #expect(!p1.contains("Agreement lapsed"))

        let fundingSlide = try #require(s.slideIndex(of: .funding))
        s.presentation?.slide = fundingSlide
        let funding = render(s)
        #expect(funding.contains("✓ PASS Interventions ≥ 20% of the grant: 29%   margin £79,200"), "\(describe(funding))")
        #expect(!funding.contains("34.1%"))

        _ = s.press(.char("1"))
        let title = render(s)
        #expect(title.contains("Nottingham and Nottinghamshire Violence Reduction Unit"))
        #expect(!title.contains("Renamed after the meeting"))

        _ = s.press(.char("3"))
        let highlight = render(s)
        #expect(highlight.contains("WS-1.3 in-year A/R†  overall  A †"), "\(describe(highlight))")
        #expect(!highlight.lines.contains { $0.contains("WS-1.3") && $0.contains("A/R→ R ") }, "the live change shows")
    }

    @Test("the highlight compares with the previous board's snapshot when there is one")
    func highlightAgainstPreviousBoard() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var first = Meeting.new(on: Day("2021-11-02")!, board: b, author: walkUser)
        first.hold(board: b, seq: nil, at: "2021-11-02T10:00:00Z")
        b.meetings.put(first)
        var w = try #require(b.workstreams["WS-2.3"])
        try w.rate(.inYear, to: .amberGreen, by: "officer", at: "2021-12-01T09:00:00Z", comment: "Social media skills sessions delivered")
        b.workstreams.put(w)
        var second = Meeting.new(on: Day("2022-02-01")!, board: b, author: walkUser)
        second.hold(board: b, seq: nil, at: "2022-02-01T10:00:00Z")
        b.meetings.put(second)
        // A change after the second board, which its walkthrough must not show.
        var late = try #require(b.workstreams["WS-3.2"])
        try late.rate(.inYear, to: .red, by: "officer", at: "2022-02-10T09:00:00Z", comment: "Comms lead left")
        b.workstreams.put(late)

        var s = AppState(board: b, width: 160, height: 45)
        s.presentation = Presentation(meetingID: second.id, startedAt: 0)
        _ = s.press(.char("3"))
        let f = render(s)
        #expect(s.previousMeeting?.id == first.id)
        #expect(f.contains("Changed since the last board (2 Nov 2021)"), "\(describe(f))")
        #expect(f.contains("WS-2.3 in-year  A →A/G  overall  A † Skills on the impact of social media"), "\(describe(f))")
        #expect(f.contains("“Social media skills sessions delivered”"))
        // Nothing else moved between the two boards.
        for other in b.activeWorkstreams where other.id != "WS-2.3" {
            #expect(!f.lines.contains { $0.contains("  \(other.id) ") && $0.contains("→") }, "\(other.id) listed as changed:\(describe(f))")
        }
        #expect(!f.contains("Comms lead left"))

        // Walking through the first board: no earlier one, so the last quarter.
        s.presentation = Presentation(meetingID: first.id, startedAt: 0, fromBoard: false)
        s.presentation?.slide = 2
        let f1 = render(s)
        #expect(f1.contains("Changed in the last quarter (first recorded board)"))
        #expect(!f1.contains("Social media skills sessions delivered"))
    }
}

@Suite struct MeetingDetailsTests {
    @Test func attendeesAgendaAndHeaderAreRecordedWithTheMeeting() throws {
        var s = try walkthrough()
        let rt = FakeRuntime(s.board)
        let before = try #require(s.meeting)
        _ = rt.press(&s, .char("m"))
        guard let form = s[dialog: FormMode.self] else {
            Issue.record("m did not open the meeting form")
            return
        }
        // No one else is attending yet (the members' attendance is A's); the agenda is the standing agenda.
        #expect(form.list("attendee").isEmpty)
        #expect(form.list("agenda") == Meeting.standingAgenda)
        // Move to the first empty attendee field and add one; the list grows another empty field.
        let firstEmpty = try #require(form.fields.firstIndex { $0.key.hasPrefix("attendee.") && $0.input.isEmpty })
        for _ in 0..<firstEmpty { _ = rt.press(&s, .tab) }
        s.type("Community Ambassador (observer)")
        guard let grown = s[dialog: FormMode.self] else {
            Issue.record("form closed")
            return
        }
        #expect(grown.fields.filter { $0.key.hasPrefix("attendee.") }.count == before.attendees.count + 2)
        let effects = rt.press(&s, .enter)
        let edit = try #require(savesIn(effects).first)
        guard case .meeting(let saved) = edit.doc else {
            Issue.record("not a meeting: \(edit.doc)")
            return
        }
        #expect(saved.attendees == before.attendees + ["Community Ambassador (observer)"])
        #expect(saved.agenda == before.agenda)
        #expect(saved.snapshot == before.snapshot)
        #expect(edit.baseRev == before.rev)
        #expect(s.modal == nil)
        #expect(s.meeting?.attendees.last == "Community Ambassador (observer)")
        #expect(render(s).contains("1 also attending"))
    }

    @Test func aBlankPaperHeaderFieldIsRefused() throws {
        var s = try walkthrough()
        let rt = FakeRuntime(s.board)
        // The paper form: Report to is its third field.
        _ = rt.press(&s, .char("W"), .tab, .tab, .ctrl("u"))
        let effects = rt.press(&s, .enter)
        #expect(savesIn(effects).isEmpty)
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("form closed")
            return
        }
        #expect(f.field("reportTo")?.error == "required")
    }
}

@Suite struct HighlightOverflowTests {
    @Test func changesThatDoNotFitContinueOnTheNextPage() throws {
        var s = try walkthrough("wmvru-2021-22", width: 80, height: 24)
        _ = s.press(.char("3"))
        let pages = s.slidePages.filter { $0.slide == .highlight }
        #expect(pages.count > 1, "the highlight needs more than one page at 80x24")
        #expect(pages.map(\.label) == pages.indices.map { "3" + Presentation.Page.letters($0) })
        var text = ""
        for _ in pages {
            let f = render(s)
            #expect(!f.contains("more in the board pack"))
            #expect(f.lines[1].hasPrefix("  VRU highlight report (") && f.lines[1].hasSuffix(" of \(pages.count))"), "\(f.lines[1])")
            text += f.text
            _ = s.press(.char(" "))
        }
        // Every change and every red or amber/red workstream is on one of the pages.
        let b = try #require(s.shownBoard)
        for m in b.changes(since: nil) { #expect(text.contains("\(m.workstream.id) in-year "), "\(m.workstream.id) on no page") }
        for w in b.activeWorkstreams where [.red, .amberRed].contains(w.inYear) || [.red, .amberRed].contains(w.overall) {
            #expect(text.contains(" \(w.id) \(w.title.prefix(20))"), "\(w.id) on no page")
        }
        // The outline lists the pages; the page after the last of slide 3 is slide 4.
        _ = s.press(.char("o"))
        #expect(render(s).contains(" 3a. VRU highlight report") && render(s).contains(" 3b. VRU highlight report (continued)"))
        _ = s.press(.escape)
        #expect(s.presentation?.slide == 3 && s.presentation?.page == 0, "the page after 3b is 4")
    }
}
