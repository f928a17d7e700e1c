import Foundation
import VRModel

/// A board walkthrough on a shared screen: slides in board order, drawn from the meeting's frozen
/// snapshot. Read-only except for the meeting's own record (decisions and actions).
public struct Presentation: Sendable, Equatable {
    public enum Slide: Equatable, Sendable {
        case title, highlight, priority(String), funding, risks, record, exit
        /// The slides that show workstream ratings (and so may show `†`).
        public var showsRatings: Bool {
            switch self {
            case .highlight, .priority: true
            default: false
            }
        }
    }

    public var meetingID: String
    public var slide = 0
    public var showOutline = false
    public var outlineCursor = 0
    /// Seconds on the runtime's clock when the walkthrough started.
    public var startedAt: Int
    /// Opened from the board (P): q goes back to it rather than quitting.
    public var fromBoard = false

    public init(meetingID: String, startedAt: Int, fromBoard: Bool = false) {
        self.meetingID = meetingID
        self.startedAt = startedAt
        self.fromBoard = fromBoard
    }

    public static func slides(for snapshot: Board) -> [Slide] {
        [.title, .highlight] + snapshot.orderedPriorities.map { .priority($0.id) } + [.funding, .risks, .record, .exit]
    }

    public static func title(_ s: Slide, in b: Board) -> String {
        switch s {
        case .title: "Title"
        case .highlight: "VRU highlight report"
        case .priority(let id): b.priorities[id].map { "Priority \($0.number): \($0.title)" } ?? id
        case .funding: "Funding and the grant conditions"
        case .risks: "Escalated risks"
        case .record: "Decisions and actions"
        case .exit: "Exit strategy"
        }
    }
}

extension AppState {
    public var meeting: Meeting? { presentation.flatMap { board.meetings[$0.meetingID] } }
    /// What the board is shown: the meeting's snapshot, never the live store.
    public var shownBoard: Board? { meeting?.snapshot.board }
    public var previousMeeting: Meeting? { meeting.flatMap { board.meeting(before: $0.date) } }
}

/// The walkthrough's keys: a clicker's (Space, arrows, PgUp/PgDn) and the secretary's (d, a, m).
enum Walkthrough {
    /// Runs `change` on the walkthrough with its slide count and meeting.
    static func slides(_ s: inout AppState, _ change: (inout AppState, inout Presentation, Int, Meeting) -> [Effect]) -> [Effect] {
        guard var p = s.presentation, let m = s.meeting, let shown = s.shownBoard else { return [] }
        let last = Presentation.slides(for: shown).count - 1
        let effects = change(&s, &p, last, m)
        if s.presentation != nil { s.presentation = p }
        return effects
    }

    static func go(_ s: inout AppState, _ to: @escaping (Int, Int) -> Int) {
        _ = slides(&s) { _, p, last, _ in
            p.slide = max(0, min(last, to(p.slide, last)))
            return []
        }
    }

    static let keys = KeyGroup(
        Mode.walkthrough.title,
        [
            Binding("walk.next", [.char(" "), .right, .pageDown, .char("l"), .enter], help: "Next slide", hint: "next", hintKeys: "Space/→", rank: 1)
            { s in go(&s) { n, _ in n + 1 } },
            Binding("walk.previous", [.left, .pageUp, .char("h"), .backspace], help: "Previous slide", hint: "back", rank: 2) { s in
                go(&s) { n, _ in n - 1 }
            },
            Binding("walk.first", [.char("g"), .home], help: "First slide") { s in go(&s) { _, _ in 0 } },
            Binding("walk.last", [.char("G"), .end], help: "Last slide") { s in go(&s) { _, last in last } },
            Binding(
                "walk.jump", (1...9).map { Key.char(Character(String($0))) }, label: "1-9", help: "Jump to a slide", hint: "jump", hintKeys: "1-9",
                rank: 3
            ) { s, k in
                guard case .char(let c) = k, let n = c.wholeNumberValue else { return [] }
                return slides(&s) { _, p, last, _ in
                    if n - 1 <= last { p.slide = n - 1 }
                    return []
                }
            },
            Binding("walk.outline", [.char("o")], help: "Outline of the slides (Enter jumps)", hint: "outline", rank: 4) { s in
                _ = slides(&s) { _, p, _, _ in
                    p.showOutline = true
                    p.outlineCursor = p.slide
                    return []
                }
            },
            Binding(
                "walk.decision", [.char("d")], help: "Record a decision (saved with the meeting)", hint: "decision", rank: 5, disabled: Guard.writable
            ) { s in
                if let m = s.meeting { s.modal = .form(DecisionForm.open(m, board: s.board)) }
            },
            Binding("walk.action", [.char("a")], help: "Record an action: text, owner, due date", hint: "action", rank: 6, disabled: Guard.writable) {
                s in
                if let m = s.meeting { s.modal = .form(MeetingActionForm.open(m, board: s.board)) }
            },
            Binding("walk.meeting", [.char("m")], help: "The meeting's attendees, agenda and paper header", disabled: Guard.writable) { s in
                if let m = s.meeting { s.modal = .form(MeetingDetailsForm.open(m, board: s.board)) }
            },
            Binding("walk.help", [.char("?")], help: "Show the keys") { s in
                s.showHelp = true
                s.helpScroll = 0
            },
            Binding("walk.end", [.char("q"), .escape], help: "End the walkthrough", hint: "quit", rank: 7) { s, _ in leave(&s) },
            Binding(
                "walk.readOnly", [.char("e"), .char("r"), .char("n"), .char("x"), .char("u")], label: "e/r/n/x/u",
                help: "Say that the slides are read-only (the board's edit keys)"
            ) { s in
                s.message = "The walkthrough is read-only: d records a decision, a an action, m the attendees and agenda"
            },
        ])

    /// The line under the slides: the walkthrough's hinted keys.
    static func hint(_ s: AppState) -> String {
        s.keyRemaps.apply(keys).bindings.filter { $0.hint != nil }.sorted { $0.rank < $1.rank }.map { "\($0.hintLabel) \($0.hint!)" }
            .joined(separator: " · ")
    }

    static let outline = KeyGroup(
        Mode.outline.title,
        [
            Binding("outline.up", [.up, .char("k")], help: "Previous slide in the outline") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.outlineCursor = max(0, p.outlineCursor - 1)
                    return []
                }
            },
            Binding("outline.down", [.down, .char("j")], help: "Next slide in the outline") { s in
                _ = slides(&s) { _, p, last, _ in
                    p.outlineCursor = min(last, p.outlineCursor + 1)
                    return []
                }
            },
            Binding("outline.jump", [.enter], help: "Show the chosen slide") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.slide = p.outlineCursor
                    p.showOutline = false
                    return []
                }
            },
            Binding("outline.close", [.escape, .char("o")], help: "Close the outline") { s in
                _ = slides(&s) { _, p, _, _ in
                    p.showOutline = false
                    return []
                }
            },
            Binding("outline.end", [.char("q")], help: "End the walkthrough") { s, _ in leave(&s) },
        ])
}

/// Ends the walkthrough: back to the board when it was opened from there, else quit.
func leave(_ s: inout AppState) -> [Effect] {
    if s.presentation?.fromBoard == true {
        s.presentation = nil
        return []
    }
    return [.quit]
}

// MARK: Drawing

private func big(_ f: inout Frame, _ text: String, y: Int, role: Role, width: Int) {
    let w = Width.of(text)
    f.put(text, x: max(2, (width - w) / 2), y: y, role: role, limit: width - 4)
}

func drawPresentation(_ f: inout Frame, _ s: AppState) {
    guard let p = s.presentation, let m = s.meeting, let b = s.shownBoard else { return }
    let slides = Presentation.slides(for: b)
    let slide = slides[min(p.slide, slides.count - 1)]
    f.fill(f.bounds, role: .normal)
    let body = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 3)
    // Slide title, spaced and underlined.
    if slide != .title {
        f.put(Presentation.title(slide, in: b), x: body.x, y: body.y, role: .title, limit: body.width)
        f.put(String(repeating: "━", count: min(body.width, Width.of(Presentation.title(slide, in: b)))), x: body.x, y: body.y + 1, role: .heading)
    }
    let content = Rect(x: body.x, y: body.y + 3, width: body.width, height: body.height - 3)
    // A slide that shows ratings says what `†` means, under its title.
    if slide.showsRatings && b.showsJudgement() { f.put(Sources.judgementLegend, x: body.x, y: body.y + 2, role: .muted, limit: body.width) }
    switch slide {
    case .title: drawTitleSlide(&f, s, m, b, body)
    case .highlight: drawHighlight(&f, s, b, content)
    case .priority(let id): drawPrioritySlide(&f, s, b, id, content)
    case .funding: drawFundingSlide(&f, b, content)
    case .risks: drawRiskSlide(&f, b, content)
    case .record: drawRecord(&f, m, content)
    case .exit: drawExit(&f, b, content)
    }
    // Footer: VRU, meeting date, slide n of N, elapsed time.
    let y = s.height - 1
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .titleBar)
    let elapsed = max(0, s.clock - p.startedAt)
    let time = String(format: "%02d:%02d:%02d", elapsed / 3600, elapsed / 60 % 60, elapsed % 60)
    let left = " \(b.programme.shortName) · Strategic board \(m.date.long)"
    let right = "Slide \(p.slide + 1) of \(slides.count) · \(time) "
    f.put(left, x: 0, y: y, role: .titleBar, limit: s.width - Width.of(right) - 1)
    f.put(right, x: s.width - Width.of(right), y: y, role: .titleBar)
    let hint = s.message ?? Walkthrough.hint(s)
    f.put(hint, x: 2, y: s.height - 2, role: s.message == nil ? .muted : .warning, limit: s.width - 4)
    if p.showOutline { drawOutline(&f, s, slides, b, p) }
}

private func drawTitleSlide(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect) {
    var y = r.y + max(1, r.height / 6)
    big(&f, b.programme.name, y: y, role: .title, width: s.width)
    y += 2
    big(&f, m.title, y: y, role: .heading, width: s.width)
    y += 1
    big(&f, "\(m.date.long) · \(b.programme.year) · as at \(b.programme.asAt.long)", y: y, role: .normal, width: s.width)
    y += 2
    let vision = Width.wrap("“\(b.programme.vision)”", to: min(90, s.width - 8))
    for line in vision.prefix(4) {
        big(&f, line, y: y, role: .muted, width: s.width)
        y += 1
    }
    y += 1
    if y < r.maxY - 2 {
        big(&f, "Agenda", y: y, role: .heading, width: s.width)
        y += 1
    }
    for (i, item) in m.agenda.enumerated() where y < r.maxY - 2 {
        big(&f, "\(i + 1). \(item)", y: y, role: .normal, width: s.width)
        y += 1
    }
    if y < r.maxY - 1 {
        y += 1
        big(&f, "\(m.attendees.count) attending · m records attendees and agenda", y: y, role: .muted, width: s.width)
    }
}

private func drawHighlight(_ f: inout Frame, _ s: AppState, _ b: Board, _ r: Rect) {
    let half = r.width >= 110 ? r.width / 2 : r.width
    var y = r.y
    f.put("In-year ratings by priority", x: r.x, y: y, role: .heading)
    y += 1
    for p in b.orderedPriorities where y < r.maxY {
        let counts = RAGCounts(b.workstreams(in: p.id).map(\.inYear))
        f.put("\(p.number). \(p.title)", x: r.x, y: y, role: .normal, limit: half - 2)
        y += 1
        let judged = b.workstreams(in: p.id).contains { $0.isJudgement(.inYear) }
        if y < r.maxY {
            f.put(countSpans(counts, threeColour: false, judged: judged), x: r.x + 3, y: y, base: .normal, limit: half - 4)
            y += 1
        }
    }
    var ry = half == r.width ? y + 1 : r.y
    let rx = half == r.width ? r.x : r.x + half + 1
    let rw = half == r.width ? r.width : r.width - half - 1
    let previous = s.previousMeeting
    let moves = b.changes(since: previous?.snapshot)
    f.put(
        previous.map { "Changed since the last board (\($0.date.long))" } ?? "Changed in the last quarter (first recorded board)", x: rx, y: ry,
        role: .heading, limit: rw)
    ry += 1
    if moves.isEmpty {
        f.put("No rating has changed", x: rx, y: ry, role: .muted)
        ry += 1
    }
    // Keep rows for the red and amber/red list below; say how many changes did not fit. When room is
    // short a change shows without its comment rather than not at all.
    let limit = r.maxY - 3
    for (i, mv) in moves.enumerated() {
        var comment = mv.comments.last(where: { $0.kind == .inYear }) ?? mv.comments.last
        let more = i == moves.count - 1 ? 0 : 1
        if comment != nil && ry + 2 + more > limit { comment = nil }
        let need = comment == nil ? 1 : 2
        if ry + need + more > limit {
            if ry < limit {
                f.put("+\(moves.count - i) more in the board pack (vrboard export)", x: rx, y: ry, role: .warning, limit: rw)
                ry += 1
            }
            break
        }
        // Both ratings, each from → to when it moved: an overall fall is never hidden behind a steady in-year.
        var spans = [Span(mv.workstream.id + " ", .heading)]
        for kind in RatingKind.allCases {
            let (before, after) = mv.rating(kind)
            spans.append(Span(kind == .inYear ? "in-year " : "  overall ", .muted))
            if mv.moved(kind), let before { spans += ragSpans(before) + [Span("→")] }
            spans += ragSpans(after, judged: mv.workstream.isJudgement(kind))
        }
        spans.append(Span(" " + mv.workstream.title))
        f.put(spans, x: rx, y: ry, base: .normal, limit: rw)
        ry += 1
        if let c = comment {
            f.put("   “\(c.comment)”", x: rx, y: ry, role: .muted, limit: rw)
            ry += 1
        }
    }
    let alarms = b.activeWorkstreams.filter { $0.inYear == .red || $0.inYear == .amberRed || $0.overall == .red || $0.overall == .amberRed }
    if ry < r.maxY - 1 {
        ry += 1
        f.put("Red or amber/red (\(alarms.count))", x: rx, y: ry, role: .heading)
        ry += 1
        for w in alarms where ry < r.maxY {
            f.put(
                [Span("in-year ")] + ragSpans(w.inYear, judged: w.isJudgement(.inYear)) + [Span(" overall ")]
                    + ragSpans(w.overall, judged: w.isJudgement(.overall)) + [Span(" \(w.id) \(w.title)")],
                x: rx, y: ry, base: .normal, limit: rw)
            ry += 1
        }
    }
}

private func drawPrioritySlide(_ f: inout Frame, _ s: AppState, _ b: Board, _ id: String, _ r: Rect) {
    guard let p = b.priorities[id] else { return }
    var y = r.y
    f.put("Sponsor: \(b.name(of: p.sponsor))", x: r.x, y: y, role: .muted, limit: r.width)
    y += 2
    let ws = b.workstreams(in: id)
    let titleW = max(20, min(60, r.width - 40))
    f.put(Width.pad("Workstream", to: titleW + 8) + "In-year  Overall  Trend", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    for w in ws where y < r.maxY {
        f.put(
            [Span(Width.pad(w.id, to: 7) + " ", .muted), Span(Width.pad(w.title, to: titleW)), Span("   ")]
                + ragSpans(w.inYear, judged: w.isJudgement(.inYear)) + [Span(w.isJudgement(.inYear) ? "    " : "     ")]
                + ragSpans(w.overall, judged: w.isJudgement(.overall))
                + [
                    Span(
                        (w.isJudgement(.overall) ? "   " : "    ") + "\(w.trend(.inYear).glyph) \(w.trend(.inYear).word)", trendRole(w.trend(.inYear))
                    )
                ],
            x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
        if let c = w.history.last, y < r.maxY {
            f.put("        “\(c.comment)”", x: r.x, y: y, role: .muted, limit: r.width)
            y += 1
        }
        if y < r.maxY && r.height > ws.count * 3 { y += 1 }
    }
}

private func drawFundingSlide(_ f: inout Frame, _ b: Board, _ r: Rect) {
    let fu = b.funding
    var y = r.y
    f.put("\(fu.allocationName): \(Money.format(fu.allocation))", x: r.x, y: y, role: .heading, limit: r.width)
    y += 2
    let nameW = min(56, r.width / 2), barW = max(6, r.width - nameW - 20)
    let maxA = max(1, fu.categories.map(\.amount).max() ?? 1)
    for c in fu.categories where y < r.maxY - 4 {
        let n = max(c.amount > 0 ? 1 : 0, Int((Double(c.amount) / Double(maxA) * Double(barW)).rounded()))
        f.put(c.name, x: r.x, y: y, role: c.kind == .interventions ? .heading : .normal, limit: nameW - 1)
        f.put(String(repeating: "█", count: n), x: r.x + nameW, y: y, role: c.kind == .interventions ? .bar : .barAlt, limit: barW)
        f.put(Width.pad(fu.shareText(of: c), to: 6, alignRight: true), x: r.x + nameW + barW + 1, y: y, role: .heading)
        y += 1
    }
    y += 1
    for c in fu.checks where y < r.maxY {
        f.put(
            checkSpans(c) + [Span("   margin "), Span(Money.format(c.margin), c.passes ? .pass : .fail)], x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
    }
    if fu.showsIllustrative && y < r.maxY {
        f.put(Sources.illustrativeLegend, x: r.x, y: y, role: .muted, limit: r.width)
        y += 1
    }
    let ending = fu.grants.filter { $0.status == .ending }
    if !ending.isEmpty && y < r.maxY - 1 {
        y += 1
        f.put(
            "Grants ending: " + ending.map { "\($0.name) \(Money.compact($0.amount))" }.joined(separator: " · "), x: r.x, y: y, role: .warning,
            limit: r.width)
    }
}

private func drawRiskSlide(_ f: inout Frame, _ b: Board, _ r: Rect) {
    let esc = b.escalatedRisks
    let mapW = 30
    let listW = r.width - mapW - 2
    var y = r.y
    f.put(
        "\(esc.count) risk\(esc.count == 1 ? "" : "s") for the board (residual ≥ \(b.programme.escalationThreshold), or flagged)", x: r.x, y: y,
        role: .heading, limit: listW)
    y += 2
    for k in esc where y < r.maxY {
        f.put(
            [Span(Width.pad("\(k.residual.value) \(k.band.letter)", to: 5), k.band.role), Span(" \(k.id) ", .muted), Span(k.title)], x: r.x, y: y,
            base: .normal, limit: listW)
        y += 1
        if let a = k.actions.first(where: { $0.status != .done }), y < r.maxY {
            f.put("      → \(a.action) (\(a.owner), \(a.due.long))", x: r.x, y: y, role: .muted, limit: listW)
            y += 1
        }
    }
    let grid = RiskRegister.heatMap(b.risks.items)
    let gx = r.x + listW + 2
    f.put("Heat map of open risks", x: gx, y: r.y, role: .heading)
    for row in 0..<5 {
        let lik = 5 - row
        f.put("L\(lik)", x: gx, y: r.y + 2 + row, role: .muted)
        for col in 0..<5 {
            let n = grid[lik - 1][col]
            f.put(
                n == 0 ? "  · " : Width.pad("\(n)", to: 3, alignRight: true) + " ", x: gx + 3 + col * 4, y: r.y + 2 + row,
                role: n == 0 ? .heatEmpty : Band(score: lik * (col + 1)).role)
        }
    }
    f.put("    I1  I2  I3  I4  I5", x: gx, y: r.y + 7, role: .muted)
}

private func drawRecord(_ f: inout Frame, _ m: Meeting, _ r: Rect) {
    var y = r.y
    f.put("Decisions (\(m.decisions.count))", x: r.x, y: y, role: .heading)
    y += 1
    if m.decisions.isEmpty {
        f.put("None recorded yet: press d", x: r.x + 2, y: y, role: .muted)
        y += 1
    }
    for (i, d) in m.decisions.enumerated() where y < r.maxY - 3 {
        y += f.paragraph("\(i + 1). \(d.text)", in: Rect(x: r.x + 2, y: y, width: r.width - 2, height: 2))
    }
    y += 1
    f.put("Actions (\(m.actions.count))", x: r.x, y: y, role: .heading)
    y += 1
    if m.actions.isEmpty { f.put("None recorded yet: press a", x: r.x + 2, y: y, role: .muted) }
    for (i, a) in m.actions.enumerated() where y < r.maxY {
        f.put([Span("\(i + 1). \(a.text)"), Span("  \(a.owner) · due \(a.due.long)", .muted)], x: r.x + 2, y: y, base: .normal, limit: r.width - 2)
        y += 1
    }
}

private func drawExit(_ f: inout Frame, _ b: Board, _ r: Rect) {
    var y = r.y
    f.put("Each workstream's option when the funding ends [004 §59]", x: r.x, y: y, role: .muted, limit: r.width)
    y += 2
    let titleW = min(50, r.width / 2)
    let all = b.activeWorkstreams
    let room = r.maxY - y
    for (i, w) in all.enumerated() where y < r.maxY {
        if i == room - 1 && all.count > room {
            f.put("+\(all.count - i) more: enlarge the window, or see the board pack", x: r.x, y: y, role: .warning, limit: r.width)
            break
        }
        let option = w.exitStrategy?.option ?? .undecided
        f.put(
            [
                Span(Width.pad(w.id, to: 7) + " ", .muted), Span(Width.pad(w.title, to: titleW)), Span("  "),
                Span(Width.pad(option.label, to: 11), option == .undecided ? .warning : .heading), Span(w.exitStrategy?.note ?? "", .muted),
            ],
            x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
    }
}

private func drawOutline(_ f: inout Frame, _ s: AppState, _ slides: [Presentation.Slide], _ b: Board, _ p: Presentation) {
    let inner = panel(&f, s, width: 80, height: slides.count + 4, title: "Outline · Enter jumps · Esc closes")
    for (i, sl) in slides.enumerated() where i < inner.height - 1 {
        let sel = i == p.outlineCursor
        f.put(
            " \(i + 1). \(Presentation.title(sl, in: b))", x: inner.x, y: inner.y + i, role: sel ? .selected : (i == p.slide ? .heading : .overlay),
            limit: inner.width)
    }
}
