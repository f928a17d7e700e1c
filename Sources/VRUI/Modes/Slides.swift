import Foundation
import VRModel

/// The most rows a slide's whole content may take (about 4,000 pages at 24 rows): a frame grows to what
/// its slide draws, and no real board comes near this.
let slideRowsLimit = 100_000

/// A slide's whole content, drawn from row 0 into a frame as wide as the screen that grows as tall as
/// the slide needs: every text wrapped within its column, never cut; `pageHeight` is one page's rows,
/// for keeping items on one page. `gap` is the blank rows between a slide's items and sections (0
/// when that saves a page holding a line or two).
func drawSlideContent(_ slide: Presentation.Slide, _ s: AppState, _ m: Meeting, _ b: Board, width: Int, pageHeight: Int, gap: Int = 1) -> Frame {
    var f = Frame(width: width, height: max(1, pageHeight), growsTo: slideRowsLimit)
    let r = Rect(x: 2, y: 0, width: max(1, width - 4), height: slideRowsLimit)
    let g = Gap(rows: gap)
    switch slide {
    case .title: drawTitleBody(&f, s, m, b, r, gap: g)
    case .highlight: drawHighlight(&f, s, b, r, pageHeight: pageHeight, gap: g)
    case .priority(let id): drawPrioritySlide(&f, s, b, id, r, pageHeight: pageHeight, gap: g)
    case .interventions: drawInterventionsSlide(&f, m, b, r, pageHeight: pageHeight, gap: g)
    case .outcomes: drawOutcomesSlide(&f, b, r, pageHeight: pageHeight, gap: g)
    case .funding: drawFundingSlide(&f, b, r, pageHeight: pageHeight, gap: g)
    case .risks: drawRiskSlide(&f, b, r, pageHeight: pageHeight, gap: g)
    case .minutes: drawMinutes(&f, s, m, r, pageHeight: pageHeight, gap: g)
    case .subGroups: drawSubGroups(&f, s, m, b, r, pageHeight: pageHeight, gap: g)
    case .record: drawRecord(&f, s, m, b, r, pageHeight: pageHeight, gap: g)
    case .exit: drawExit(&f, b, r, pageHeight: pageHeight, gap: g)
    }
    return f
}

/// The blank rows a slide leaves between its items and sections.
struct Gap {
    var rows: Int
}

/// Text laid out in wrapped lines at a column: placed whole on one page where it fits.
struct Block {
    var lines: [[Span]]
    var x: Int
    var width: Int
    var indent: Int
    var base: Role

    init(_ spans: [Span], x: Int, width: Int, indent: Int = 0, base: Role = .normal) {
        lines = Span.wrap(spans, width: width, indent: indent)
        (self.x, self.width, self.indent, self.base) = (x, width, indent, base)
    }

    init(_ text: String, x: Int, width: Int, indent: Int = 0, role: Role = .normal) {
        self.init([Span(text, role)], x: x, width: width, indent: indent, base: role)
    }

    var rows: Int { lines.count }
}

/// Draws blocks from row `y` (moved on past them), starting them on the next page when they would
/// straddle a break and fit on one page; a block longer than a page runs on over the break.
func place(_ f: inout Frame, _ blocks: [Block], y: inout Int, pageHeight: Int) {
    keepTogether(&y, rows: blocks.reduce(0) { $0 + $1.rows }, pageHeight: pageHeight)
    for b in blocks {
        for (i, line) in b.lines.enumerated() {
            let x = i == 0 ? b.x : b.x + b.indent
            f.put(line, x: x, y: y, base: b.base, limit: b.width - (x - b.x))
            y += 1
        }
    }
}

/// The title slide's body, paged as any slide's: the programme, the meeting, its stage, the vision and the
/// agenda (each item with the number of the slide it is on), every line wrapped and centred, none cut.
func drawTitleBody(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect, gap: Gap) {
    var y = r.y + gap.rows
    func centred(_ text: String, _ role: Role) {
        for line in Width.wrap(text, to: max(1, r.width - 4)) {
            big(&f, line, y: y, role: role, width: f.width)
            y += 1
        }
    }
    centred(b.programme.name, .title)
    y += gap.rows
    centred(m.title, .heading)
    centred("\(m.date.long) · \(b.programme.year) · \(b.programme.asAtLabel)", .normal)
    centred(s.keyed(stageLine(m, now: s.now)), m.stage == .draft ? .warning : .muted)
    y += gap.rows
    for line in Width.wrap("“\(b.programme.vision)”", to: min(90, max(1, r.width - 4))) {
        big(&f, line, y: y, role: .muted, width: f.width)
        y += 1
    }
    y += gap.rows
    centred("Agenda", .heading)
    for (item, slide) in s.agendaSlides(m) { centred(slide.map { "\($0). \(item)" } ?? "· \(item)", .normal) }
    // The paper's sections not yet written.
    let missing = m.header.unwritten(recommendations: m.recommendations)
    if !missing.isEmpty && m.stage != .closed {
        y += gap.rows
        centred(s.keyed("Paper: \(missing.count) section\(missing.count == 1 ? "" : "s") not yet written · {walk.paper} writes them"), .warning)
    }
}

/// The title slide's foot, on each of its pages: who is there and whether the board can decide.
func drawTitleFoot(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect) {
    let counts = Attendance.Status.allCases.compactMap { st -> String? in
        let n = m.attendance.filter { $0.status == st }.count
        return n == 0 ? nil : "\(n) \(st.label.lowercased())"
    }
    let quorum = m.quorum(b)
    let attendance = (counts + (m.attendees.isEmpty ? [] : ["\(m.attendees.count) also attending"])).joined(separator: " · ")
    let quorumLines = Width.wrap(m.quorumText(b), to: max(1, r.width - 4))
    var y = r.maxY - quorumLines.count
    for line in quorumLines {
        big(&f, line, y: y, role: quorum.isQuorate == false ? .fail : quorum.isQuorate == true ? .pass : .muted, width: s.width)
        y += 1
    }
    if !attendance.isEmpty { big(&f, attendance, y: r.maxY - quorumLines.count - 1, role: .muted, width: s.width) }
}

/// The rows the title slide's foot takes at this width.
func titleFootRows(_ s: AppState, _ m: Meeting, _ b: Board, width: Int) -> Int {
    Width.wrap(m.quorumText(b), to: max(1, width - 8)).count + 1
}

/// Where the meeting is in its life, for the title slide and the footer.
func stageLine(_ m: Meeting, now: String) -> String {
    switch m.stage {
    case .draft: "Draft: the slides follow the live board, as at \(clockTime(now)) · {walk.hold} starts the meeting"
    case .held: "Held: the board as shown was frozen\(m.heldAt.map { " " + clockTime($0) } ?? "") · {walk.close} closes the minutes"
    case .closed: "Closed: the minutes are final\(m.closedAt.map { " (\(clockTime($0)))" } ?? ""); corrections are amendments"
    }
}

/// `2026-11-30T19:04:05Z` as `30 Nov 2026 19:04`; other text as it is.
func clockTime(_ iso: String) -> String { Day.minute(iso) ?? iso }

/// Moves `y` to the next page's first row when an item of `rows` rows would straddle a page break, so a
/// workstream and its comment are never split across pages.
private func keepTogether(_ y: inout Int, rows: Int, pageHeight: Int) {
    guard pageHeight > 0, rows <= pageHeight, y % pageHeight + rows > pageHeight else { return }
    y += pageHeight - y % pageHeight
}

/// One row of a slide's table: each cell wrapped within its column, the row as tall as its tallest cell,
/// kept on one page; returns nothing, `y` moved past it.
func placeRow(_ f: inout Frame, _ cells: [(spans: [Span], x: Int, width: Int)], y: inout Int, pageHeight: Int, base: Role = .normal) {
    let laid = cells.map { Span.wrap($0.spans, width: max(1, $0.width)) }
    let rows = laid.map(\.count).max() ?? 0
    keepTogether(&y, rows: rows, pageHeight: pageHeight)
    for (c, lines) in zip(cells, laid) {
        for (i, line) in lines.enumerated() { f.put(line, x: c.x, y: y + i, base: base, limit: c.width) }
    }
    y += rows
}

private func drawHighlight(_ f: inout Frame, _ s: AppState, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    let half = r.width >= 110 ? r.width / 2 : r.width
    var y = r.y
    place(&f, [Block("In-year ratings by priority", x: r.x, width: half - 2, role: .heading)], y: &y, pageHeight: pageHeight)
    for p in b.orderedPriorities {
        let counts = RAGCounts(b.workstreams(in: p.id).map(\.inYear))
        let judged = b.workstreams(in: p.id).contains { $0.isJudgement(.inYear) }
        place(
            &f,
            [
                Block("\(p.number). \(p.title)", x: r.x, width: half - 2, indent: 3),
                Block(countSpans(counts, threeColour: false, judged: judged), x: r.x + 3, width: half - 5),
            ], y: &y, pageHeight: pageHeight)
    }
    // What the money says the board must know: a condition the forecast fails, the grant's forecast
    // under- or overspend, and the bridging at stake.
    let alerts = moneyAlerts(b)
    for alert in alerts {
        y += gap.rows
        place(&f, [Block("⚠ " + alert, x: r.x, width: half - 2, indent: 2, role: .fail)], y: &y, pageHeight: pageHeight)
    }
    if alerts.contains(where: { $0.contains(Provenance.illustrativeMark) }) {
        place(&f, [Block(Provenance.illustrativeLegend, x: r.x, width: half - 2, role: .muted)], y: &y, pageHeight: pageHeight)
    }
    var ry = half == r.width ? y + 1 : r.y
    let rx = half == r.width ? r.x : r.x + half + 1
    let rw = half == r.width ? r.width : r.width - half - 1
    let previous = s.previousMeeting
    let moves = b.changes(since: previous?.shown(live: s.board))
    place(
        &f,
        [
            Block(
                previous.map { "Changed since the last board (\($0.date.long))" } ?? "Changed in the last quarter (first recorded board)", x: rx,
                width: rw, role: .heading)
        ], y: &ry, pageHeight: pageHeight)
    if moves.isEmpty { place(&f, [Block("No rating has changed", x: rx, width: rw, role: .muted)], y: &ry, pageHeight: pageHeight) }
    // Every change, with its comment whole: what does not fit the screen continues on the next page.
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
        place(
            &f,
            [Block(spans, x: rx, width: rw, indent: 3)] + (comment.map { [Block("“\($0.comment)”", x: rx + 3, width: rw - 3, role: .muted)] } ?? []),
            y: &ry, pageHeight: pageHeight)
    }
    let alarms = b.activeWorkstreams.filter { $0.inYear == .red || $0.inYear == .amberRed || $0.overall == .red || $0.overall == .amberRed }
    ry += gap.rows
    place(&f, [Block("Red or amber/red (\(alarms.count))", x: rx, width: rw, role: .heading)], y: &ry, pageHeight: pageHeight)
    for w in alarms {
        place(
            &f,
            [
                Block(
                    [Span("in-year ")] + ragSpans(w.inYear, judged: w.isJudgement(.inYear)) + [Span(" overall ")]
                        + ragSpans(w.overall, judged: w.isJudgement(.overall)) + [Span(" \(w.id) \(w.title)")], x: rx, width: rw, indent: 3)
            ], y: &ry, pageHeight: pageHeight)
    }
}

private func drawPrioritySlide(_ f: inout Frame, _ s: AppState, _ b: Board, _ id: String, _ r: Rect, pageHeight: Int, gap: Gap) {
    guard let p = b.priorities[id] else { return }
    var y = r.y
    place(&f, [Block("Sponsor: \(b.name(of: p.sponsor))", x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
    y += gap.rows
    let ws = b.workstreams(in: id)
    let ratingsW = 36
    let idW = Derived.IDWidths.column(Derived.IDWidths.widest(ws.map(\.id)), least: 7)
    let titleW = max(10, min(60, r.width - ratingsW - idW - 1))
    f.put(Width.pad("Workstream", to: titleW + idW + 1) + "In-year  Overall  Trend", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    // Room to spare on one page: a blank line between workstreams.
    let spaced = gap.rows > 0 && pageHeight > ws.count * 3
    for w in ws {
        let ratings: [Span] =
            [Span("   ")] + ragSpans(w.inYear, judged: w.isJudgement(.inYear)) + [Span(w.isJudgement(.inYear) ? "    " : "     ")]
            + ragSpans(w.overall, judged: w.isJudgement(.overall))
            + [Span((w.isJudgement(.overall) ? "   " : "    ") + "\(w.trend(.inYear).glyph) \(w.trend(.inYear).word)", trendRole(w.trend(.inYear)))]
        let title = Width.wrap(w.title, to: titleW)
        let comment = w.history.last.map { Span.wrap([Span("“\($0.comment)”", .muted)], width: r.width - 8) } ?? []
        keepTogether(&y, rows: title.count + comment.count, pageHeight: pageHeight)
        f.put(Width.pad(w.id, to: idW) + " ", x: r.x, y: y, role: .muted)
        for (i, line) in title.enumerated() { f.put(line, x: r.x + idW + 1, y: y + i, role: .normal, limit: titleW) }
        f.put(ratings, x: r.x + idW + 1 + titleW, y: y, base: .normal, limit: r.width - idW - 1 - titleW)
        y += title.count
        for line in comment {
            f.put(line, x: r.x + 8, y: y, base: .muted, limit: r.width - 8)
            y += 1
        }
        if spaced { y += 1 }
    }
}

/// Reach by prevention level and age band against last year, the returns overdue at the board's date
/// (the one date every slide uses), the evaluations not yet reported, and the register's budgets against the funding split.
private func drawInterventionsSlide(_ f: inout Frame, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    let q = Quarter(containing: b.programme.asAt)
    let year = b.programme.asAt.financialYear, last = q.previousYear.first.financialYear
    let total = b.reach(inYear: q.year, today: b.programme.asAt)
    var y = r.y
    let live = b.interventions.items.filter { !$0.archived }
    place(
        &f,
        [
            Block(
                "\(live.count) interventions · reach \(year): \(total.under25.grouped) under 25, \(total.over25.grouped) aged 25 and over", x: r.x,
                width: r.width, role: .heading)
        ], y: &y, pageHeight: pageHeight)
    y += gap.rows
    let cols = [("Level", 16), ("Interventions", 13), ("Under 25", 9), ("25 and over", 11), ("<25 \(last)", 11), ("25+ \(last)", 11)]
    func row(_ cells: [String], role: (Int) -> Role) {
        var x = r.x
        placeRow(
            &f,
            cells.enumerated().map { i, c in
                defer { x += cols[i].1 + 1 }
                return ([Span(i == 0 ? c : Width.pad(c, to: cols[i].1, alignRight: true), role(i))], x, cols[i].1)
            }, y: &y, pageHeight: pageHeight)
    }
    row(cols.map(\.0)) { _ in .muted }
    for t in b.reachByLevel(inYear: q.year, total: true) {
        let cells = [
            t.label, "\(t.interventions)", t.under25.grouped, t.over25.grouped, t.lastUnder25?.grouped ?? "no return",
            t.lastOver25?.grouped ?? "no return",
        ]
        row(cells) { i in i >= 4 && cells[i] == "no return" ? .muted : .normal }
    }
    y += gap.rows
    let late = live.map { ($0, $0.lateReturns(on: m.date, dueDays: Intervention.dueDays)) }.filter { !$0.1.isEmpty }
    keepTogether(&y, rows: min(3, late.count + 1), pageHeight: pageHeight)
    place(
        &f,
        [
            Block(
                late.isEmpty
                    ? "No reach return overdue at \(m.date.long)" : "Reach returns overdue at \(m.date.long) (\(late.reduce(0) { $0 + $1.1.count }))",
                x: r.x, width: r.width, role: late.isEmpty ? .pass : .heading)
        ], y: &y, pageHeight: pageHeight)
    for (iv, qs) in late {
        place(
            &f,
            [
                Block(
                    [Span("\(iv.id) ", .muted), Span(iv.name), Span(" · " + qs.map(\.label).joined(separator: ", "), .fail)], x: r.x + 2,
                    width: r.width - 2, indent: 2)
            ],
            y: &y, pageHeight: pageHeight)
    }
    y += gap.rows
    let due = b.evaluationsDue
    keepTogether(&y, rows: min(3, due.count + 1), pageHeight: pageHeight)
    place(&f, [Block("Evaluations not yet reported (\(due.count))", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
    for e in due {
        place(
            &f,
            [
                Block(
                    [Span("due \(e.dueLabel) · \(e.status.label.lowercased()) · ", .muted), Span(e.title)], x: r.x + 2, width: r.width - 2, indent: 2)
            ],
            y: &y, pageHeight: pageHeight)
    }
    let roll = b.register
    guard roll.withBudget > 0 else { return }
    y += gap.rows
    var blocks = [Block(roll.summary, x: r.x, width: r.width, role: roll.overCommitted > 0 ? .fail : .normal)]
    blocks += roll.checks.map { c in
        Block(checkSpans(c) + [Span("   margin "), Span(Money.format(c.margin), c.passes ? .pass : .fail)], x: r.x, width: r.width, indent: 2)
    }
    if roll.illustrative { blocks.append(Block(Provenance.illustrativeLegend, x: r.x, width: r.width, role: .muted)) }
    place(&f, blocks, y: &y, pageHeight: pageHeight)
}

/// Each measure, the Home Office's first, with its change in words and glyph (never colour alone), the
/// periods it covers and its trend where values have been entered.
private func drawOutcomesSlide(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    var y = r.y
    let measures = b.orderedOutcomes
    let better = measures.filter { $0.improving == true }.count, worse = measures.filter { $0.improving == false }.count
    place(
        &f, [Block("\(measures.count) measures · \(better) moving the better way · \(worse) the worse way", x: r.x, width: r.width, role: .heading)],
        y: &y, pageHeight: pageHeight)
    y += gap.rows
    for kind in OutcomeMeasure.Kind.allCases {
        let group = measures.filter { $0.kind == kind }
        guard !group.isEmpty else { continue }
        keepTogether(&y, rows: 3, pageHeight: pageHeight)
        place(
            &f, [Block(kind == .homeOffice ? "The Home Office's success measures" : "Local measures", x: r.x, width: r.width, role: .heading)], y: &y,
            pageHeight: pageHeight)
        let changeW = min(22, r.width / 3)
        for o in group {
            let trend = o.values.count >= 2 ? "  " + sparkline(o.series.map(\.value)) : ""
            let title = Span.wrap([Span(o.title)], width: r.width - changeW - 1)
            let change = Span.wrap(changeSpans(o), width: changeW)
            let detail = Span.wrap(
                [Span((o.periods.isEmpty ? o.note : o.periods) + " · " + o.source, .muted), Span(trend, .bar)], width: r.width - changeW - 1)
            let rows = max(title.count, change.count) + detail.count
            keepTogether(&y, rows: rows, pageHeight: pageHeight)
            for (i, line) in change.enumerated() { f.put(line, x: r.x, y: y + i, base: .normal, limit: changeW) }
            for (i, line) in (title + detail).enumerated() {
                f.put(line, x: r.x + changeW + 1, y: y + i, base: .normal, limit: r.width - changeW - 1)
            }
            y += rows
        }
        y += gap.rows
    }
}

private func drawFundingSlide(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    let fu = b.funding
    var y = r.y
    place(&f, [Block("\(fu.allocationName): \(Money.format(fu.allocation))", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
    // Another year's split is said so, and why, before it is read as this year's.
    if let note = fu.splitYearNote(boardYear: b.programme.year) {
        place(&f, [Block(note, x: r.x, width: r.width, role: .warning)], y: &y, pageHeight: pageHeight)
    }
    y += gap.rows
    let nameW = min(56, r.width / 2), barW = max(6, r.width - nameW - 20)
    let maxA = max(1, fu.categories.map(\.amount).max() ?? 1)
    for c in fu.categories {
        let n = max(c.amount > 0 ? 1 : 0, Int((Double(c.amount) / Double(maxA) * Double(barW)).rounded()))
        placeRow(
            &f,
            [
                ([Span(c.name, c.kind == .interventions ? .heading : .normal)], r.x, nameW - 1),
                ([Span(String(repeating: "█", count: n), c.kind == .interventions ? .bar : .barAlt)], r.x + nameW, barW),
                (
                    [Span(Width.pad(fu.shareText(of: c), to: 6, alignRight: true), .heading)], r.x + nameW + barW + 1,
                    max(6, r.width - nameW - barW - 1)
                ),
            ], y: &y, pageHeight: pageHeight)
    }
    y += gap.rows
    for c in fu.checks {
        place(
            &f,
            [Block(checkSpans(c) + [Span("   margin "), Span(Money.format(c.margin), c.passes ? .pass : .fail)], x: r.x, width: r.width, indent: 2)],
            y: &y, pageHeight: pageHeight)
    }
    // The budget monitoring in brief: spend to date against the budget and the year, the forecast
    // outturn, the conditions on it, and what needs the board's attention.
    let report = fu.monitor(asAt: b.programme.asAt)
    if report.hasActuals {
        y += gap.rows
        let mark = report.illustrative ? Provenance.illustrativeMark : ""
        place(
            &f,
            [
                Block(
                    [
                        Span("Spent to date ", .muted), Span("\(Money.format(report.actualToDate))\(mark)"),
                        Span(
                            " (\(Share(report.actualToDate, of: report.budget)) of the budget, \(report.yearElapsed) of the year gone) · forecast outturn ",
                            .muted),
                        Span("\(Money.format(report.forecast))\(mark)"),
                    ], x: r.x, width: r.width, indent: 2)
            ], y: &y, pageHeight: pageHeight)
        for c in report.conditions where !c.forecast.passes {
            place(
                &f, [Block([verdictSpan(c.forecast), Span(" \(c.forecast.label): \(c.forecast.share)")], x: r.x, width: r.width, indent: 2)], y: &y,
                pageHeight: pageHeight)
        }
        for w in report.conditionWarnings + [report.outturnWarning].compactMap({ $0 }) {
            place(&f, [Block("⚠ " + w, x: r.x, width: r.width, indent: 2, role: .fail)], y: &y, pageHeight: pageHeight)
        }
        let uncommented = report.lines.filter(\.needsCommentary)
        if !uncommented.isEmpty {
            place(
                &f,
                [
                    Block(
                        "Material variances without commentary: " + uncommented.map(\.category.name).joined(separator: "; "), x: r.x, width: r.width,
                        indent: 2, role: .warning)
                ],
                y: &y, pageHeight: pageHeight)
        }
    }
    if let w = fu.bridgingWarning(asAt: b.programme.asAt) {
        place(&f, [Block("⚠ " + w, x: r.x, width: r.width, indent: 2, role: .fail)], y: &y, pageHeight: pageHeight)
    }
    if fu.showsIllustrative || report.illustrative {
        place(&f, [Block(Provenance.illustrativeLegend, x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
    }
    let ending = fu.grants.filter { $0.status == .ending }
    if !ending.isEmpty {
        y += gap.rows
        place(
            &f,
            [
                Block(
                    "Grants ending: " + ending.map { "\($0.name) \(Money.compact($0.amount))" }.joined(separator: " · "), x: r.x, width: r.width,
                    indent: 2, role: .warning)
            ],
            y: &y, pageHeight: pageHeight)
    }
}

private func drawRiskSlide(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    let esc = b.escalatedRisks
    let grid = RiskRegister.heatMap(b.risks.items)
    let pitch = Layout.heatPitch(grid)
    let mapW = 30 + 5 * (pitch - 4)
    // Beside the heat map while there is room for the list; under it on a narrow screen.
    let beside = r.width - mapW - 2 >= 40
    let listW = beside ? r.width - mapW - 2 : r.width
    var y = beside ? r.y : r.y + 9
    place(
        &f,
        [
            Block(
                "\(esc.count) risk\(esc.count == 1 ? "" : "s") for the board (residual ≥ \(b.programme.escalationThreshold), or flagged)", x: r.x,
                width: listW, role: .heading)
        ], y: &y, pageHeight: pageHeight)
    y += gap.rows
    for k in esc {
        var blocks = [
            Block(
                [Span(Width.pad("\(k.residual.value) \(k.band.letter)", to: 5), k.band.role), Span(" \(k.id) ", .muted), Span(k.title)], x: r.x,
                width: listW, indent: 6)
        ]
        // Every open action, its owner and date whole.
        for a in k.actions where a.status != .done {
            blocks.append(Block("→ \(a.action) (\(a.owner), \(a.due.long))", x: r.x + 6, width: listW - 6, indent: 2, role: .muted))
        }
        place(&f, blocks, y: &y, pageHeight: pageHeight)
    }
    let gx = beside ? r.x + listW + 2 : r.x
    f.put("Heat map of open risks", x: gx, y: r.y, role: .heading)
    for row in 0..<5 {
        let lik = 5 - row
        f.put("L\(lik)", x: gx, y: r.y + 2 + row, role: .muted)
        for col in 0..<5 {
            let n = grid[lik - 1][col]
            f.put(
                n == 0 ? Width.pad("  ·", to: pitch) : Width.pad("\(n)", to: pitch - 1, alignRight: true) + " ", x: gx + 3 + col * pitch,
                y: r.y + 2 + row,
                role: n == 0 ? .heatEmpty : Band(score: lik * (col + 1)).role)
        }
    }
    f.put(Layout.impactLabels(pitch), x: gx, y: r.y + 7, role: .muted)
}

/// The recommendations, the meeting's decisions and its actions, each whole: withdrawn items kept and
/// said, a decision taken without a quorum marked.
private func drawRecord(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    var y = r.y
    if !m.recommendations.isEmpty {
        place(&f, [Block("The board is asked to", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
        for (i, t) in m.recommendations.enumerated() {
            place(&f, [Block("\(i + 1). \(t)", x: r.x + 2, width: r.width - 2, indent: 3)], y: &y, pageHeight: pageHeight)
        }
        y += gap.rows
    }
    /// A list's heading, and what to press while it is empty (nothing, once the record is closed to it).
    func heading(_ title: String, count: Int, key: String) {
        place(&f, [Block("\(title) (\(count))", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
        guard count == 0 else { return }
        let empty = recordRefusal(m) == nil ? s.keyed("None recorded yet: press {\(key)}") : "None recorded"
        place(&f, [Block(empty, x: r.x + 2, width: r.width - 2, role: .muted)], y: &y, pageHeight: pageHeight)
    }
    heading("Decisions", count: m.decisions.count, key: "walk.decision")
    for (i, d) in m.decisions.enumerated() {
        let mark = d.quorate == false ? " [not quorate]" : ""
        let label = "D\(i + 1). "
        place(
            &f,
            [
                Block(
                    "\(label)\(d.isWithdrawn ? "[withdrawn] " : "")\(d.text)\(mark)", x: r.x + 2, width: r.width - 2, indent: Width.of(label),
                    role: d.isWithdrawn ? .muted : d.quorate == false ? .warning : .normal)
            ] + (d.changeNote.map { [Block($0, x: r.x + 2 + Width.of(label), width: r.width - 2 - Width.of(label), role: .muted)] } ?? []), y: &y,
            pageHeight: pageHeight)
    }
    y += gap.rows
    heading("Actions", count: m.actions.count, key: "walk.action")
    for (i, a) in m.actions.enumerated() {
        let status = a.status(on: m.date)
        let label = "A\(i + 1). "
        place(
            &f,
            [
                Block(
                    [Span("\(label)\(a.isWithdrawn ? "[withdrawn] " : "")\(a.text)"), Span("  \(a.owner) · due \(a.due.long)", .muted)]
                        + (status == .overdue ? [Span("  overdue", .fail)] : []), x: r.x + 2, width: r.width - 2, indent: Width.of(label),
                    base: a.isWithdrawn ? .muted : .normal)
            ] + (a.changeNote.map { [Block($0, x: r.x + 2 + Width.of(label), width: r.width - 2 - Width.of(label), role: .muted)] } ?? []), y: &y,
            pageHeight: pageHeight)
    }
    if recordRefusal(m) == nil || m.stage == .closed {
        y += gap.rows
        place(
            &f, [Block(s.keyed("{walk.minutes} corrects or withdraws an item"), x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
    }
}

/// The standing first item: the last meeting's minutes, and the actions arising from earlier meetings
/// with where each stands (open, done, overdue).
private func drawMinutes(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ r: Rect, pageHeight: Int, gap: Gap) {
    var y = r.y
    let previous = s.board.meeting(before: m.date)
    if let p = previous {
        place(&f, [Block("Minutes of \(p.date.long)", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
        if let a = m.minutesApproval {
            place(
                &f,
                [
                    Block(
                        [Span(a.outcome.label, a.outcome == .approved ? .pass : .warning)] + (a.note.isEmpty ? [] : [Span(": \(a.note)")]),
                        x: r.x + 2, width: r.width - 2, indent: 2)
                ],
                y: &y, pageHeight: pageHeight)
        } else {
            place(
                &f,
                [
                    Block(
                        s.keyed("Not yet recorded: {walk.previousMinutes} records whether they were approved"), x: r.x + 2, width: r.width - 2,
                        role: .muted)
                ],
                y: &y, pageHeight: pageHeight)
        }
        let amended = p.amendments
        if !amended.isEmpty {
            place(
                &f,
                [
                    Block(
                        "Amended after they were closed: \(amended.count) item\(amended.count == 1 ? "" : "s")", x: r.x + 2, width: r.width - 2,
                        role: .warning)
                ],
                y: &y, pageHeight: pageHeight)
        }
    } else {
        place(
            &f, [Block("No earlier meeting is recorded: no minutes to approve", x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
    }
    y += gap.rows
    let carried = s.board.carriedActions(into: m)
    place(
        &f, [Block("Matters arising: actions from earlier meetings (\(carried.count))", x: r.x, width: r.width, role: .heading)], y: &y,
        pageHeight: pageHeight)
    if carried.isEmpty { place(&f, [Block("None open", x: r.x + 2, width: r.width - 2, role: .muted)], y: &y, pageHeight: pageHeight) }
    for c in carried {
        let role: Role = c.status == .done ? .pass : c.status == .overdue ? .fail : .warning
        place(
            &f,
            [
                Block(
                    [
                        Span(Width.pad(c.status.label, to: 8), role), Span(" A\(c.index + 1) of \(c.meeting.date.long): ", .muted),
                        Span(c.action.text),
                    ], x: r.x + 2, width: r.width - 2, indent: 9),
                Block(
                    "\(c.action.owner) · due \(c.action.due.long)" + (c.action.done.map { " · done \($0.long)" } ?? ""), x: r.x + 11,
                    width: r.width - 11,
                    role: .muted),
            ], y: &y, pageHeight: pageHeight)
    }
    // Workstreams and risks officers marked for this board (b), each with why.
    let raised = s.board.raised(at: m)
    guard !raised.isEmpty else { return }
    y += gap.rows
    place(&f, [Block("Raised for the board (\(raised.count))", x: r.x, width: r.width, role: .heading)], y: &y, pageHeight: pageHeight)
    for item in raised {
        place(
            &f,
            [
                Block([Span("\(item.id) ", .heading), Span(item.title)], x: r.x + 2, width: r.width - 2, indent: 2),
                Block(item.mark.why, x: r.x + 4, width: r.width - 4),
                Block("marked by \(s.board.name(of: item.mark.by)), \(item.mark.day.long)", x: r.x + 4, width: r.width - 4, role: .muted),
            ], y: &y, pageHeight: pageHeight)
    }
}

/// The standing item "Reports from sub-group chairs": each sub-group, its chair, and its report.
private func drawSubGroups(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    var y = r.y
    let groups = b.programme.subGroups
    if groups.isEmpty {
        place(
            &f, [Block("No sub-groups are recorded for \(b.programme.shortName)", x: r.x, width: r.width, role: .muted)], y: &y,
            pageHeight: pageHeight)
        return
    }
    if groups.contains(where: \.isIllustrative) {
        place(&f, [Block(Provenance.illustrativeLegend, x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
        y += gap.rows
    }
    for g in groups {
        let report = m.reports.first { $0.subGroup == g.id }
        place(
            &f,
            [
                Block(
                    [
                        Span(g.name + (g.isIllustrative ? Provenance.illustrativeMark : ""), .heading),
                        Span("  chair \(g.chair) · \(g.frequency)", .muted),
                    ],
                    x: r.x, width: r.width, indent: 2),
                report.map { Block($0.text, x: r.x + 2, width: r.width - 2) }
                    ?? Block(s.keyed("No report recorded: {walk.reports} records the chairs' reports"), x: r.x + 2, width: r.width - 2, role: .muted),
            ], y: &y, pageHeight: pageHeight)
        y += gap.rows
    }
}

private func drawExit(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int, gap: Gap) {
    var y = r.y
    place(
        &f, [Block("Each workstream's option when the funding ends [004 §59]", x: r.x, width: r.width, role: .muted)], y: &y, pageHeight: pageHeight)
    y += gap.rows
    let titleW = min(50, r.width / 2)
    let all = b.activeWorkstreams
    let idW = Derived.IDWidths.column(Derived.IDWidths.widest(all.map(\.id)), least: 7)
    let noteX = r.x + idW + 1 + titleW + 2 + 11
    for w in all {
        let option = w.exitStrategy?.option ?? .undecided
        placeRow(
            &f,
            [
                ([Span(w.id, .muted)], r.x, idW), ([Span(w.title)], r.x + idW + 1, titleW),
                ([Span(option.label, option == .undecided ? .warning : .heading)], r.x + idW + 1 + titleW + 2, 11),
                ([Span(w.exitStrategy?.note ?? "", .muted)], noteX, max(1, r.maxX - noteX)),
            ], y: &y, pageHeight: pageHeight)
    }
}

/// The money's warnings for the highlight report: conditions the forecast fails, the grant's outturn,
/// the bridging at stake.
func moneyAlerts(_ b: Board) -> [String] {
    let report = b.funding.monitor(asAt: b.programme.asAt)
    return report.conditionWarnings + [report.outturnWarning, b.funding.bridgingWarning(asAt: b.programme.asAt)].compactMap { $0 }
}
