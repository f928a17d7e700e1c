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
    /// The slide shown (its index in the running order), and which of its pages.
    public var slide = 0
    public var page = 0
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

    /// One page of a slide: a slide whose lists do not fit the screen continues on pages 2a, 2b, …, each
    /// in the outline, so nothing shown to the board depends on the projector's size.
    public struct Page: Equatable, Sendable {
        public let slide: Slide
        /// The slide's number in the running order, from 1.
        public let number: Int
        public let page: Int
        public let pages: Int
        /// `3`, or `2a`, `2b` for a slide on more than one page.
        public var label: String { pages > 1 ? "\(number)\(Character(UnicodeScalar(UInt8(97 + min(page, 25)))))" : "\(number)" }
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
    /// How many pages slide `index` takes at this frame's size: its content measured against the room
    /// under its title. Only the slide asked about is drawn.
    public func pageCount(ofSlide index: Int) -> Int { slideDrawn(index).pages }

    /// Slide `index`'s whole content (nil for the title slide) and the pages it takes at this size.
    func slideDrawn(_ index: Int) -> (whole: Frame?, pages: Int) {
        guard let m = meeting, let b = shownBoard else { return (nil, 1) }
        let slides = Presentation.slides(for: b)
        let room = slideContent(width: width, height: height).height
        guard slides.indices.contains(index), slides[index] != .title, room > 0 else { return (nil, 1) }
        let whole = drawSlideContent(slides[index], self, m, b, width: width, pageHeight: room)
        return (whole, max(1, (whole.usedRows + room - 1) / room))
    }

    /// Every page of the walkthrough at this frame's size (for the outline: every slide measured).
    public var slidePages: [Presentation.Page] {
        guard let b = shownBoard else { return [] }
        return Presentation.slides(for: b).enumerated().flatMap { i, slide in
            let n = pageCount(ofSlide: i)
            return (0..<n).map { Presentation.Page(slide: slide, number: i + 1, page: $0, pages: n) }
        }
    }

    /// The index of a slide in the running order.
    public func slideIndex(of slide: Presentation.Slide) -> Int? { shownBoard.flatMap { Presentation.slides(for: $0).firstIndex(of: slide) } }

    public var meeting: Meeting? { presentation.flatMap { board.meetings[$0.meetingID] } }
    /// What the board is shown: the meeting's snapshot, never the live store.
    public var shownBoard: Board? { meeting?.snapshot.board }
    public var previousMeeting: Meeting? { meeting.flatMap { board.meeting(before: $0.date) } }
}

/// The walkthrough's keys: a clicker's (Space, arrows, PgUp/PgDn) and the secretary's (d, a, m).
enum Walkthrough {
    /// Runs `change` on the walkthrough with its last slide's index and meeting.
    static func slides(_ s: inout AppState, _ change: (inout AppState, inout Presentation, Int, Meeting) -> [Effect]) -> [Effect] {
        guard var p = s.presentation, let m = s.meeting, let b = s.shownBoard else { return [] }
        let last = Presentation.slides(for: b).count - 1
        let effects = change(&s, &p, last, m)
        if s.presentation != nil { s.presentation = p }
        return effects
    }

    /// The next page: this slide's, else the next slide's first; the last page stays.
    static func next(_ s: inout AppState) {
        let count = s.pageCount(ofSlide: s.presentation?.slide ?? 0)
        _ = slides(&s) { _, p, last, _ in
            if p.page + 1 < count { p.page += 1 } else if p.slide < last { (p.slide, p.page) = (p.slide + 1, 0) }
            return []
        }
    }

    /// The page before: this slide's, else the previous slide's last; the first page stays.
    static func previous(_ s: inout AppState) {
        guard let p0 = s.presentation else { return }
        let before = p0.page == 0 && p0.slide > 0 ? s.pageCount(ofSlide: p0.slide - 1) : 0
        _ = slides(&s) { _, p, _, _ in
            if p.page > 0 { p.page -= 1 } else if p.slide > 0 { (p.slide, p.page) = (p.slide - 1, before - 1) }
            return []
        }
    }

    /// A slide's first page (`last` for the final slide's last page).
    static func show(_ s: inout AppState, slide index: (Int) -> Int, lastPage: Bool = false) {
        guard let b = s.shownBoard else { return }
        let i = max(0, min(Presentation.slides(for: b).count - 1, index(Presentation.slides(for: b).count - 1)))
        let page = lastPage ? s.pageCount(ofSlide: i) - 1 : 0
        _ = slides(&s) { _, p, _, _ in
            (p.slide, p.page) = (i, page)
            return []
        }
    }

    static let keys = KeyGroup(
        Mode.walkthrough.title,
        [
            Binding(
                "walk.next", [.char(" "), .right, .pageDown, .char("l"), .enter], help: "Next slide (or the slide's next page)", hint: "next",
                hintKeys: "Space/→", rank: 1
            ) { s in next(&s) },
            Binding(
                "walk.previous", [.left, .pageUp, .char("h"), .backspace], help: "Previous slide (or the slide's previous page)", hint: "back",
                rank: 2
            ) { s in previous(&s) },
            Binding("walk.first", [.char("g"), .home], help: "First slide") { s in show(&s, slide: { _ in 0 }) },
            Binding("walk.last", [.char("G"), .end], help: "Last slide (its last page)") { s in show(&s, slide: { last in last }, lastPage: true) },
            Binding(
                "walk.jump", (1...9).map { Key.char(Character(String($0))) }, label: "1-9", help: "Jump to a slide (its first page)", hint: "jump",
                hintKeys: "1-9", rank: 3
            ) { s, k in
                guard case .char(let c) = k, let n = c.wholeNumberValue, let b = s.shownBoard, n <= Presentation.slides(for: b).count else {
                    return []
                }
                show(&s, slide: { _ in n - 1 })
                return []
            },
            Binding("walk.outline", [.char("o")], help: "Outline of the slides (Enter jumps)", hint: "outline", rank: 4) { s in
                // The outline lists every page; its cursor starts on the page shown.
                let pages = s.slidePages
                _ = slides(&s) { _, p, _, _ in
                    p.showOutline = true
                    p.outlineCursor = pages.firstIndex { $0.number == p.slide + 1 && $0.page == p.page } ?? 0
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
                let count = s.slidePages.count
                _ = slides(&s) { _, p, _, _ in
                    p.outlineCursor = min(count - 1, p.outlineCursor + 1)
                    return []
                }
            },
            Binding("outline.jump", [.enter], help: "Show the chosen slide") { s in
                let pages = s.slidePages
                _ = slides(&s) { _, p, _, _ in
                    if pages.indices.contains(p.outlineCursor) {
                        (p.slide, p.page) = (pages[p.outlineCursor].number - 1, pages[p.outlineCursor].page)
                    }
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
    let index = min(p.slide, slides.count - 1)
    // The slide is drawn once: its pages are counted from the same frame this page is cut from.
    let (whole, count) = s.slideDrawn(index)
    let page = Presentation.Page(slide: slides[index], number: index + 1, page: min(p.page, count - 1), pages: count)
    let slide = page.slide
    f.fill(f.bounds, role: .normal)
    let body = Rect(x: 2, y: 1, width: s.width - 4, height: s.height - 3)
    // Slide title, spaced and underlined; a slide on more than one page says which page this is.
    if slide != .title {
        let title = Presentation.title(slide, in: b) + (page.pages > 1 ? " (\(page.page + 1) of \(page.pages))" : "")
        f.put(title, x: body.x, y: body.y, role: .title, limit: body.width)
        f.put(String(repeating: "━", count: min(body.width, Width.of(title))), x: body.x, y: body.y + 1, role: .heading)
    }
    let content = slideContent(width: s.width, height: s.height)
    // A slide that shows ratings says what `†` means, under its title.
    if slide.showsRatings && b.showsJudgement() { f.put(Sources.judgementLegend, x: body.x, y: body.y + 2, role: .muted, limit: body.width) }
    if let whole {
        // This page's rows of the slide's whole content.
        f.copyRows(of: whole, from: page.page * content.height, to: content.y, count: content.height)
    } else {
        drawTitleSlide(&f, s, m, b, body)
    }
    // Footer: VRU, meeting date, slide n of N, elapsed time.
    let y = s.height - 1
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .titleBar)
    let elapsed = max(0, s.clock - p.startedAt)
    let time = String(format: "%02d:%02d:%02d", elapsed / 3600, elapsed / 60 % 60, elapsed % 60)
    let left = " \(b.programme.shortName) · Strategic board \(m.date.long)"
    let right = "Slide \(page.label) of \(slides.count) · \(time) "
    f.put(left, x: 0, y: y, role: .titleBar, limit: s.width - Width.of(right) - 1)
    f.put(right, x: s.width - Width.of(right), y: y, role: .titleBar)
    let hint = s.message ?? Walkthrough.hint(s)
    f.put(hint, x: 2, y: s.height - 2, role: s.message == nil ? .muted : .warning, limit: s.width - 4)
    if p.showOutline { drawOutline(&f, s, s.slidePages, b, p) }
}

/// Where a slide's content goes on a frame of this size: under the title, above the hints and footer.
func slideContent(width: Int, height: Int) -> Rect {
    Rect(x: 2, y: 4, width: width - 4, height: max(0, height - 6))
}

/// The most rows a slide's content can take: its own lists' rows and its headings (so the frame it is
/// drawn into is as small as it can be, whatever the size of the rest of the board).
func slideRows(_ slide: Presentation.Slide, _ m: Meeting, _ b: Board) -> Int {
    switch slide {
    case .title: 0
    case .highlight: 2 * b.priorities.items.count + 2 * b.activeWorkstreams.count + b.activeWorkstreams.count + 8
    case .priority(let id): 3 * b.workstreams(in: id).count + 4
    case .funding: b.funding.categories.count + b.funding.checks.count + 10
    case .risks: 2 * b.escalatedRisks.count + 10
    case .record: 2 * m.decisions.count + m.actions.count + 6
    case .exit: b.activeWorkstreams.count + 4
    }
}

/// A slide's whole content, drawn from row 0 into a frame as wide as the screen and as tall as the slide
/// can need (with a row a page for keeping items together); `pageHeight` is one page's rows, for choices
/// of spacing and page breaks.
func drawSlideContent(_ slide: Presentation.Slide, _ s: AppState, _ m: Meeting, _ b: Board, width: Int, pageHeight: Int) -> Frame {
    let need = slideRows(slide, m, b)
    let rows = max(pageHeight, need + need / max(1, pageHeight) + 4)
    var f = Frame(width: width, height: rows)
    let r = Rect(x: 2, y: 0, width: width - 4, height: rows)
    switch slide {
    case .title: break
    case .highlight: drawHighlight(&f, s, b, r, pageHeight: pageHeight)
    case .priority(let id): drawPrioritySlide(&f, s, b, id, r, pageHeight: pageHeight)
    case .funding: drawFundingSlide(&f, b, r)
    case .risks: drawRiskSlide(&f, b, r, pageHeight: pageHeight)
    case .record: drawRecord(&f, m, r)
    case .exit: drawExit(&f, b, r)
    }
    return f
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

/// Moves `y` to the next page's first row when an item of `rows` rows would straddle a page break, so a
/// workstream and its comment are never split across pages.
private func keepTogether(_ y: inout Int, rows: Int, pageHeight: Int) {
    guard pageHeight > 0, rows <= pageHeight, y % pageHeight + rows > pageHeight else { return }
    y += pageHeight - y % pageHeight
}

private func drawHighlight(_ f: inout Frame, _ s: AppState, _ b: Board, _ r: Rect, pageHeight: Int) {
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
    // Every change, with its comment: what does not fit the screen continues on the next page.
    for mv in moves {
        let comment = mv.comments.last(where: { $0.kind == .inYear }) ?? mv.comments.last
        // Both ratings, each from → to when it moved: an overall fall is never hidden behind a steady in-year.
        var spans = [Span(mv.workstream.id + " ", .heading)]
        for kind in RatingKind.allCases {
            let (before, after) = mv.rating(kind)
            spans.append(Span(kind == .inYear ? "in-year " : "  overall ", .muted))
            if mv.moved(kind), let before { spans += ragSpans(before) + [Span("→")] }
            spans += ragSpans(after, judged: mv.workstream.isJudgement(kind))
        }
        spans.append(Span(" " + mv.workstream.title))
        keepTogether(&ry, rows: comment == nil ? 1 : 2, pageHeight: pageHeight)
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

private func drawPrioritySlide(_ f: inout Frame, _ s: AppState, _ b: Board, _ id: String, _ r: Rect, pageHeight: Int) {
    guard let p = b.priorities[id] else { return }
    var y = r.y
    f.put("Sponsor: \(b.name(of: p.sponsor))", x: r.x, y: y, role: .muted, limit: r.width)
    y += 2
    let ws = b.workstreams(in: id)
    let titleW = max(20, min(60, r.width - 40))
    f.put(Width.pad("Workstream", to: titleW + 8) + "In-year  Overall  Trend", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    for w in ws where y < r.maxY {
        keepTogether(&y, rows: w.history.isEmpty ? 1 : 2, pageHeight: pageHeight)
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
        // Room to spare on one page: a blank line between workstreams.
        if y < r.maxY && pageHeight > ws.count * 3 { y += 1 }
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

private func drawRiskSlide(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int) {
    let esc = b.escalatedRisks
    let mapW = 30
    let listW = r.width - mapW - 2
    var y = r.y
    f.put(
        "\(esc.count) risk\(esc.count == 1 ? "" : "s") for the board (residual ≥ \(b.programme.escalationThreshold), or flagged)", x: r.x, y: y,
        role: .heading, limit: listW)
    y += 2
    for k in esc where y < r.maxY {
        keepTogether(&y, rows: k.actions.contains { $0.status != .done } ? 2 : 1, pageHeight: pageHeight)
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
    for w in all where y < r.maxY {
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

private func drawOutline(_ f: inout Frame, _ s: AppState, _ pages: [Presentation.Page], _ b: Board, _ p: Presentation) {
    let inner = panel(&f, s, width: 80, height: pages.count + 4, title: "Outline · Enter jumps · Esc closes")
    let rows = max(1, inner.height - 1)
    let first = max(0, min(p.outlineCursor - rows / 2, pages.count - rows))
    for (i, pg) in pages.enumerated().dropFirst(first).prefix(rows) {
        let sel = i == p.outlineCursor
        let title = Presentation.title(pg.slide, in: b) + (pg.page > 0 ? " (continued)" : "")
        f.put(
            " \(pg.label). \(title)", x: inner.x, y: inner.y + i - first,
            role: sel ? .selected : (pg.number == p.slide + 1 && pg.page == p.page ? .heading : .overlay),
            limit: inner.width)
    }
}
