import Foundation
import VRModel

/// The most rows a slide's content can take: its own lists' rows and its headings (so the frame it is
/// drawn into is as small as it can be, whatever the size of the rest of the board).
func slideRows(_ slide: Presentation.Slide, _ m: Meeting, _ b: Board) -> Int {
    switch slide {
    case .title: 0
    case .highlight: 2 * b.priorities.items.count + 2 * b.activeWorkstreams.count + b.activeWorkstreams.count + 4 * moneyAlerts(b).count + 8
    case .priority(let id): 3 * b.workstreams(in: id).count + 4
    case .interventions:
        b.reachByLevel(inYear: Quarter(containing: b.programme.asAt).year, total: true).count + b.interventions.count + b.evaluations.count
            + b.funding.conditions.count + 17
    case .outcomes: 2 * b.outcomes.count + 6
    case .funding: b.funding.categories.count + 3 * b.funding.checks.count + 18
    case .risks: 2 * b.escalatedRisks.count + 10
    case .minutes: 2 * b.carriedActions(into: m).count + 10
    case .subGroups: 4 * b.programme.subGroups.count + 4
    case .record: 3 * m.decisions.count + 2 * m.actions.count + 2 * m.recommendations.count + 10
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
    case .interventions: drawInterventionsSlide(&f, m, b, r, pageHeight: pageHeight)
    case .outcomes: drawOutcomesSlide(&f, b, r, pageHeight: pageHeight)
    case .funding: drawFundingSlide(&f, b, r)
    case .risks: drawRiskSlide(&f, b, r, pageHeight: pageHeight)
    case .minutes: drawMinutes(&f, s, m, r, pageHeight: pageHeight)
    case .subGroups: drawSubGroups(&f, s, m, b, r, pageHeight: pageHeight)
    case .record: drawRecord(&f, s, m, b, r, pageHeight: pageHeight)
    case .exit: drawExit(&f, b, r)
    }
    return f
}

func drawTitleSlide(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect) {
    // The agenda and the quorum always show; the vision and the margin above take what room is left.
    // The agenda: the meeting's items, then the annual business it takes (from the live board).
    let agenda = s.board.agenda(of: m)
    let agendaRows = min(agenda.count, max(1, r.height - 10))
    let fixed = 2 + 3 + 1 + 1 + agendaRows + 3
    let vision = Width.wrap("“\(b.programme.vision)”", to: min(90, s.width - 8))
    let visionRows = min(4, vision.count, max(0, r.height - fixed - 1))
    var y = r.y + max(0, min(r.height / 8, r.height - fixed - visionRows - (visionRows > 0 ? 1 : 0)))
    big(&f, b.programme.name, y: y, role: .title, width: s.width)
    y += 2
    big(&f, m.title, y: y, role: .heading, width: s.width)
    y += 1
    big(&f, "\(m.date.long) · \(b.programme.year) · \(b.programme.asAtLabel)", y: y, role: .normal, width: s.width)
    y += 1
    big(&f, s.keyed(stageLine(m, now: s.now)), y: y, role: m.stage == .draft ? .warning : .muted, width: s.width)
    y += 2
    for line in vision.prefix(visionRows) {
        big(&f, line, y: y, role: .muted, width: s.width)
        y += 1
    }
    if visionRows > 0 { y += 1 }
    big(&f, "Agenda", y: y, role: .heading, width: s.width)
    y += 1
    for (i, item) in agenda.prefix(agendaRows).enumerated() {
        let more = i == agendaRows - 1 && agenda.count > agendaRows ? "  (+\(agenda.count - agendaRows) more in the pack)" : ""
        big(&f, "\(i + 1). \(item)\(more)", y: y, role: .normal, width: s.width)
        y += 1
    }
    // The paper's sections not yet written, where the slide has a row for it above the attendance.
    let missing = m.header.unwritten(recommendations: m.recommendations)
    if !missing.isEmpty && m.stage != .closed && y < r.maxY - 3 {
        big(
            &f, s.keyed("Paper: \(missing.count) section\(missing.count == 1 ? "" : "s") not yet written · {walk.paper} writes them"), y: r.maxY - 3,
            role: .warning, width: s.width)
    }
    // Who is there and whether the board can decide: always on the slide, at its foot.
    let counts = Attendance.Status.allCases.compactMap { st -> String? in
        let n = m.attendance.filter { $0.status == st }.count
        return n == 0 ? nil : "\(n) \(st.label.lowercased())"
    }
    let quorum = m.quorum(b)
    let attendance = (counts + (m.attendees.isEmpty ? [] : ["\(m.attendees.count) also attending"])).joined(separator: " · ")
    if !attendance.isEmpty { big(&f, attendance, y: r.maxY - 2, role: .muted, width: s.width) }
    big(&f, m.quorumText(b), y: r.maxY - 1, role: quorum.isQuorate == false ? .fail : quorum.isQuorate == true ? .pass : .muted, width: s.width)
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
    // What the money says the board must know: a condition the forecast fails, the grant's forecast
    // under- or overspend, and the bridging at stake.
    let alerts = moneyAlerts(b)
    for alert in alerts where y + 1 < r.maxY {
        y += 1
        y += f.paragraph("⚠ " + alert, in: Rect(x: r.x, y: y, width: half - 2, height: r.maxY - y), role: .fail, maxLines: 3)
    }
    if alerts.contains(where: { $0.contains(Provenance.illustrativeMark) }), y < r.maxY {
        y += f.paragraph(Provenance.illustrativeLegend, in: Rect(x: r.x, y: y, width: half - 2, height: r.maxY - y), role: .muted, maxLines: 2)
    }
    var ry = half == r.width ? y + 1 : r.y
    let rx = half == r.width ? r.x : r.x + half + 1
    let rw = half == r.width ? r.width : r.width - half - 1
    let previous = s.previousMeeting
    let moves = b.changes(since: previous?.shown(live: s.board))
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
    let idW = Derived.IDWidths.column(Derived.IDWidths.widest(ws.map(\.id)), least: 7)
    f.put(Width.pad("Workstream", to: titleW + idW + 1) + "In-year  Overall  Trend", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    for w in ws where y < r.maxY {
        keepTogether(&y, rows: w.history.isEmpty ? 1 : 2, pageHeight: pageHeight)
        f.put(
            [Span(Width.pad(w.id, to: idW) + " ", .muted), Span(Width.pad(w.title, to: titleW)), Span("   ")]
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

/// Reach by prevention level and age band against last year, the returns overdue at the board's date
/// (the one date every slide uses), the evaluations not yet reported, and the register's budgets against the funding split.
private func drawInterventionsSlide(_ f: inout Frame, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int) {
    let q = Quarter(containing: b.programme.asAt)
    let year = b.programme.asAt.financialYear, last = q.previousYear.first.financialYear
    let total = b.reach(inYear: q.year, today: b.programme.asAt)
    var y = r.y
    let live = b.interventions.items.filter { !$0.archived }
    f.put(
        "\(live.count) interventions · reach \(year): \(total.under25.grouped) under 25, \(total.over25.grouped) aged 25 and over", x: r.x,
        y: y, role: .heading, limit: r.width)
    y += 2
    let cols = [("Level", 16), ("Interventions", 13), ("Under 25", 9), ("25 and over", 11), ("<25 \(last)", 11), ("25+ \(last)", 11)]
    var x = r.x
    for (i, (h, w)) in cols.enumerated() {
        f.put(i == 0 ? Width.pad(h, to: w) : Width.pad(h, to: w, alignRight: true), x: x, y: y, role: .muted, limit: w)
        x += w + 1
    }
    y += 1
    for t in b.reachByLevel(inYear: q.year, total: true) where y < r.maxY {
        let cells = [
            t.label, "\(t.interventions)", t.under25.grouped, t.over25.grouped, t.lastUnder25?.grouped ?? "no return",
            t.lastOver25?.grouped ?? "no return",
        ]
        x = r.x
        for (i, c) in cells.enumerated() {
            let w = cols[i].1
            f.put(
                i == 0 ? Width.pad(c, to: w) : Width.pad(c, to: w, alignRight: true), x: x, y: y, role: i >= 4 && c == "no return" ? .muted : .normal,
                limit: w)
            x += w + 1
        }
        y += 1
    }
    y += 1
    let late = live.map { ($0, $0.lateReturns(on: m.date, dueDays: Intervention.dueDays)) }.filter { !$0.1.isEmpty }
    keepTogether(&y, rows: min(3, late.count + 1), pageHeight: pageHeight)
    f.put(
        late.isEmpty
            ? "No reach return overdue at \(m.date.long)" : "Reach returns overdue at \(m.date.long) (\(late.reduce(0) { $0 + $1.1.count }))",
        x: r.x, y: y, role: late.isEmpty ? .pass : .heading, limit: r.width)
    y += 1
    for (iv, qs) in late where y < r.maxY {
        f.put(
            [Span("  \(iv.id) ", .muted), Span(iv.name), Span(" · " + qs.map(\.label).joined(separator: ", "), .fail)], x: r.x, y: y, base: .normal,
            limit: r.width)
        y += 1
    }
    y += 1
    let due = b.evaluationsDue
    keepTogether(&y, rows: min(3, due.count + 1), pageHeight: pageHeight)
    f.put("Evaluations not yet reported (\(due.count))", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    for e in due where y < r.maxY {
        f.put([Span("  due \(e.dueLabel) · \(e.status.label.lowercased()) · ", .muted), Span(e.title)], x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
    }
    let roll = b.register
    guard roll.withBudget > 0, y + 2 < r.maxY else { return }
    y += 1
    keepTogether(&y, rows: 3 + roll.checks.count, pageHeight: pageHeight)
    y += f.paragraph(roll.summary, in: Rect(x: r.x, y: y, width: r.width, height: 2), role: roll.overCommitted > 0 ? .fail : .normal, maxLines: 2)
    for c in roll.checks where y < r.maxY {
        f.put(
            checkSpans(c) + [Span("   margin "), Span(Money.format(c.margin), c.passes ? .pass : .fail)], x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
    }
    if roll.illustrative, y < r.maxY { f.put(Provenance.illustrativeLegend, x: r.x, y: y, role: .muted, limit: r.width) }
}

/// Each measure, the Home Office's first, with its change in words and glyph (never colour alone), the
/// periods it covers and its trend where values have been entered.
private func drawOutcomesSlide(_ f: inout Frame, _ b: Board, _ r: Rect, pageHeight: Int) {
    var y = r.y
    let measures = b.orderedOutcomes
    let better = measures.filter { $0.improving == true }.count, worse = measures.filter { $0.improving == false }.count
    f.put("\(measures.count) measures · \(better) moving the better way · \(worse) the worse way", x: r.x, y: y, role: .heading, limit: r.width)
    y += 2
    for kind in OutcomeMeasure.Kind.allCases {
        let group = measures.filter { $0.kind == kind }
        guard !group.isEmpty else { continue }
        keepTogether(&y, rows: 3, pageHeight: pageHeight)
        f.put(kind == .homeOffice ? "The Home Office's success measures" : "Local measures", x: r.x, y: y, role: .heading, limit: r.width)
        y += 1
        for o in group where y + 1 < r.maxY {
            keepTogether(&y, rows: 2, pageHeight: pageHeight)
            let changeW = 22
            f.put(changeSpans(o), x: r.x, y: y, base: .normal, limit: changeW)
            f.put(o.title, x: r.x + changeW + 1, y: y, role: .normal, limit: r.width - changeW - 1)
            y += 1
            let trend = o.values.count >= 2 ? "  " + sparkline(o.series.map(\.value)) : ""
            f.put(
                [
                    Span(String(repeating: " ", count: changeW + 1)), Span((o.periods.isEmpty ? o.note : o.periods) + " · " + o.source, .muted),
                    Span(trend, .bar),
                ],
                x: r.x, y: y, base: .normal, limit: r.width)
            y += 1
        }
        y += 1
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
    // The budget monitoring in brief: spend to date against the budget and the year, the forecast
    // outturn, the conditions on it, and what needs the board's attention.
    let report = fu.monitor(asAt: b.programme.asAt)
    if report.hasActuals && y < r.maxY - 1 {
        y += 1
        let mark = report.illustrative ? Provenance.illustrativeMark : ""
        f.put(
            [
                Span("Spent to date ", .muted), Span("\(Money.format(report.actualToDate))\(mark)"),
                Span(
                    " (\(Share(report.actualToDate, of: report.budget)) of the budget, \(report.yearElapsed) of the year gone) · forecast outturn ",
                    .muted),
                Span("\(Money.format(report.forecast))\(mark)"),
            ], x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
        for c in report.conditions where y < r.maxY && !c.forecast.passes {
            f.put([verdictSpan(c.forecast), Span(" \(c.forecast.label): \(c.forecast.share)")], x: r.x, y: y, base: .normal, limit: r.width)
            y += 1
        }
        for w in report.conditionWarnings + [report.outturnWarning].compactMap({ $0 }) where y < r.maxY {
            y += f.paragraph("⚠ " + w, in: Rect(x: r.x, y: y, width: r.width, height: r.maxY - y), role: .fail, maxLines: 2)
        }
        let uncommented = report.lines.filter(\.needsCommentary)
        if !uncommented.isEmpty && y < r.maxY {
            f.put(
                "Material variances without commentary: " + uncommented.map(\.category.name).joined(separator: "; "), x: r.x, y: y, role: .warning,
                limit: r.width)
            y += 1
        }
    }
    if let w = fu.bridgingWarning(asAt: b.programme.asAt), y < r.maxY {
        y += f.paragraph("⚠ " + w, in: Rect(x: r.x, y: y, width: r.width, height: r.maxY - y), role: .fail, maxLines: 2)
    }
    if (fu.showsIllustrative || report.illustrative) && y < r.maxY {
        f.put(Provenance.illustrativeLegend, x: r.x, y: y, role: .muted, limit: r.width)
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
    let grid = RiskRegister.heatMap(b.risks.items)
    let pitch = Layout.heatPitch(grid)
    let mapW = 30 + 5 * (pitch - 4)
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
    let gx = r.x + listW + 2
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

/// The recommendations, the meeting's decisions and its actions: withdrawn items kept and said, a
/// decision taken without a quorum marked.
private func drawRecord(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int) {
    var y = r.y
    if !m.recommendations.isEmpty {
        f.put("The board is asked to", x: r.x, y: y, role: .heading)
        y += 1
        for (i, t) in m.recommendations.enumerated() {
            y += f.paragraph("\(i + 1). \(t)", in: Rect(x: r.x + 2, y: y, width: r.width - 2, height: 2))
        }
        y += 1
    }
    f.put("Decisions (\(m.decisions.count))", x: r.x, y: y, role: .heading)
    y += 1
    if m.decisions.isEmpty {
        f.put(recordRefusal(m) == nil ? s.keyed("None recorded yet: press {walk.decision}") : "None recorded", x: r.x + 2, y: y, role: .muted)
        y += 1
    }
    for (i, d) in m.decisions.enumerated() {
        keepTogether(&y, rows: d.changeNote == nil ? 2 : 3, pageHeight: pageHeight)
        let mark = d.quorate == false ? " [not quorate]" : ""
        y += f.paragraph(
            "D\(i + 1). \(d.isWithdrawn ? "[withdrawn] " : "")\(d.text)\(mark)", in: Rect(x: r.x + 2, y: y, width: r.width - 2, height: 2),
            role: d.isWithdrawn ? .muted : d.quorate == false ? .warning : .normal)
        if let note = d.changeNote {
            f.put("     \(note)", x: r.x + 2, y: y, role: .muted, limit: r.width - 2)
            y += 1
        }
    }
    y += 1
    f.put("Actions (\(m.actions.count))", x: r.x, y: y, role: .heading)
    y += 1
    if m.actions.isEmpty {
        f.put(recordRefusal(m) == nil ? s.keyed("None recorded yet: press {walk.action}") : "None recorded", x: r.x + 2, y: y, role: .muted)
        y += 1
    }
    for (i, a) in m.actions.enumerated() {
        keepTogether(&y, rows: a.changeNote == nil ? 1 : 2, pageHeight: pageHeight)
        let status = a.status(on: m.date)
        f.put(
            [Span("A\(i + 1). \(a.isWithdrawn ? "[withdrawn] " : "")\(a.text)"), Span("  \(a.owner) · due \(a.due.long)", .muted)]
                + (status == .overdue ? [Span("  overdue", .fail)] : []),
            x: r.x + 2, y: y, base: a.isWithdrawn ? .muted : .normal, limit: r.width - 2)
        y += 1
        if let note = a.changeNote {
            f.put("     \(note)", x: r.x + 2, y: y, role: .muted, limit: r.width - 2)
            y += 1
        }
    }
    if recordRefusal(m) == nil || m.stage == .closed {
        y += 1
        f.put("e corrects or withdraws an item", x: r.x, y: y, role: .muted)
    }
}

/// The standing first item: the last meeting's minutes, and the actions arising from earlier meetings
/// with where each stands (open, done, overdue).
private func drawMinutes(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ r: Rect, pageHeight: Int) {
    var y = r.y
    let previous = s.board.meeting(before: m.date)
    if let p = previous {
        f.put("Minutes of \(p.date.long)", x: r.x, y: y, role: .heading)
        y += 1
        if let a = m.minutesApproval {
            f.put(
                [Span(a.outcome.label, a.outcome == .approved ? .pass : .warning)] + (a.note.isEmpty ? [] : [Span(": \(a.note)")]), x: r.x + 2, y: y,
                base: .normal, limit: r.width - 2)
        } else {
            f.put(
                s.keyed("Not yet recorded: {walk.previousMinutes} records whether they were approved"), x: r.x + 2, y: y, role: .muted,
                limit: r.width - 2)
        }
        y += 1
        let amended = p.amendments
        if !amended.isEmpty {
            f.put("Amended after they were closed: \(amended.count) item\(amended.count == 1 ? "" : "s")", x: r.x + 2, y: y, role: .warning)
            y += 1
        }
    } else {
        f.put("No earlier meeting is recorded: no minutes to approve", x: r.x, y: y, role: .muted, limit: r.width)
        y += 1
    }
    y += 1
    let carried = s.board.carriedActions(into: m)
    f.put("Matters arising: actions from earlier meetings (\(carried.count))", x: r.x, y: y, role: .heading, limit: r.width)
    y += 1
    if carried.isEmpty {
        f.put("None open", x: r.x + 2, y: y, role: .muted)
        y += 1
    }
    for c in carried {
        keepTogether(&y, rows: 2, pageHeight: pageHeight)
        let role: Role = c.status == .done ? .pass : c.status == .overdue ? .fail : .warning
        f.put(
            [Span(Width.pad(c.status.label, to: 8), role), Span(" A\(c.index + 1) of \(c.meeting.date.long): ", .muted), Span(c.action.text)],
            x: r.x + 2, y: y, base: .normal, limit: r.width - 2)
        y += 1
        f.put(
            "           \(c.action.owner) · due \(c.action.due.long)" + (c.action.done.map { " · done \($0.long)" } ?? ""), x: r.x + 2, y: y,
            role: .muted, limit: r.width - 2)
        y += 1
    }
}

/// The standing item "Reports from sub-group chairs": each sub-group, its chair, and its report.
private func drawSubGroups(_ f: inout Frame, _ s: AppState, _ m: Meeting, _ b: Board, _ r: Rect, pageHeight: Int) {
    var y = r.y
    let groups = b.programme.subGroups
    if groups.isEmpty {
        f.put("No sub-groups are recorded for \(b.programme.shortName)", x: r.x, y: y, role: .muted, limit: r.width)
        return
    }
    if groups.contains(where: \.isIllustrative) {
        f.put(Provenance.illustrativeLegend, x: r.x, y: y, role: .muted, limit: r.width)
        y += 2
    }
    for g in groups {
        let report = m.reports.first { $0.subGroup == g.id }
        let lines = report.map { Width.wrap($0.text, to: max(10, r.width - 4)).count } ?? 1
        keepTogether(&y, rows: lines + 2, pageHeight: pageHeight)
        f.put(
            [Span(g.name + (g.isIllustrative ? Provenance.illustrativeMark : ""), .heading), Span("  chair \(g.chair) · \(g.frequency)", .muted)],
            x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
        if let report {
            y += f.paragraph(report.text, in: Rect(x: r.x + 2, y: y, width: r.width - 2, height: lines))
        } else {
            f.put(s.keyed("No report recorded: {walk.reports} records the chairs' reports"), x: r.x + 2, y: y, role: .muted, limit: r.width - 2)
            y += 1
        }
        y += 1
    }
}

private func drawExit(_ f: inout Frame, _ b: Board, _ r: Rect) {
    var y = r.y
    f.put("Each workstream's option when the funding ends [004 §59]", x: r.x, y: y, role: .muted, limit: r.width)
    y += 2
    let titleW = min(50, r.width / 2)
    let all = b.activeWorkstreams
    let idW = Derived.IDWidths.column(Derived.IDWidths.widest(all.map(\.id)), least: 7)
    for w in all where y < r.maxY {
        let option = w.exitStrategy?.option ?? .undecided
        f.put(
            [
                Span(Width.pad(w.id, to: idW) + " ", .muted), Span(Width.pad(w.title, to: titleW)), Span("  "),
                Span(Width.pad(option.label, to: 11), option == .undecided ? .warning : .heading), Span(w.exitStrategy?.note ?? "", .muted),
            ],
            x: r.x, y: y, base: .normal, limit: r.width)
        y += 1
    }
}

/// The money's warnings for the highlight report: conditions the forecast fails, the grant's outturn,
/// the bridging at stake.
func moneyAlerts(_ b: Board) -> [String] {
    let report = b.funding.monitor(asAt: b.programme.asAt)
    return report.conditionWarnings + [report.outturnWarning, b.funding.bridgingWarning(asAt: b.programme.asAt)].compactMap { $0 }
}
