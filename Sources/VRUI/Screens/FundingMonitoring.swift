import VRModel

// The Funding screen's budget monitoring (t): each category's budget, actual by quarter, spend to date
// against the budget and the year gone, forecast outturn and variance in pounds, percent and words; a
// total; the selected line's quarters, reprofiling and commentary; the conditions on the plan, on actual
// spend to date and on the forecast outturn; and the grant's forecast under- or overspend.

extension Layout {
    /// The monitoring table: every category, the header and a total row, as room allows.
    public func monitoringTable(lines: Int) -> Rect { body.splitTop(min(body.height - 8, lines + 4)).0 }
    public func monitoringDetail(lines: Int) -> Rect { body.splitTop(min(body.height - 8, lines + 4)).1 }
}

/// `£12k` or `£1.45M` (whole pounds when `wide`) in `width` cells, its unit never cut, with the
/// illustrative mark when it rests on an illustrative entry.
private func money(_ v: Pounds, _ mark: Bool, wide: Bool, width: Int) -> String {
    let m = mark ? Provenance.illustrativeMark : ""
    return Money.fit(v, width: width - Width.of(m), whole: wide) + m
}

func drawMonitoring(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let report = s.budgetReport
    let lines = report.lines
    let r = l.monitoringTable(lines: lines.count)
    // Quarters from 110 columns; whole pounds and "favourable"/"adverse" from 160; else compact.
    let quarters = r.width >= 110, wide = r.width >= 160
    var cols = [Column("Category"), Column("Budget", wide ? 11 : 7, right: true)]
    if quarters { cols += (1...4).map { Column("Q\($0)", wide ? 10 : 8, right: true) } }
    cols += [
        Column("To date", wide ? 11 : 7, right: true), Column("Spent", 6, right: true), Column("Forecast", wide ? 11 : 8, right: true),
        Column("Variance", wide ? 22 : 15, right: true),
    ]
    let ended = report.quartersEnded
    let fy = Quarter(year: report.year, number: 1)?.first.financialYear ?? "\(report.year)"
    let title =
        "Budget monitoring · \(fy) · \(ended == 0 ? "no quarter ended" : "Q\(ended) ended") · \(report.yearElapsed) of the year gone"
    // Every category, then a total row (selection never lands on it: the cursor counts categories).
    let count = lines.count + (lines.isEmpty ? 0 : 1)
    f.table(r, title: title, columns: cols, count: count, cursor: s.fundingScreen.lineCursor, focused: true, empty: "No category in the split") {
        i, c in
        let total = i == lines.count
        let mark = total ? report.illustrative : (lines[i].illustrative || lines[i].category.isIllustrative)
        let budget = total ? report.budget : lines[i].budget
        let toDate = total ? report.actualToDate : lines[i].actualToDate
        let forecast = total ? report.forecast : lines[i].forecast
        let variance = Money.difference(budget, forecast)
        let role: Role? = total ? .heading : nil
        let width = cols[c].width ?? 12
        switch cols[c].title {
        case "Category":
            if total { return [Span("Total", .heading)] }
            return [Span(lines[i].category.name + (lines[i].reprofiled ? " (reprofiled)" : ""))]
        case "Budget": return [Span(money(budget, !total && lines[i].category.isIllustrative, wide: wide, width: width), role)]
        case "To date": return [Span(money(toDate, mark, wide: wide, width: width), role)]
        case "Spent": return [Span(budget == 0 ? "-" : "\(Share(toDate, of: budget))", role)]
        case "Forecast": return [Span(money(forecast, total ? mark : lines[i].forecastIllustrative, wide: wide, width: width), role)]
        case "Variance":
            if variance == 0 { return [Span("on budget", .muted)] }
            let words = wide ? (variance > 0 ? "favourable" : "adverse") : (variance > 0 ? "under" : "over")
            let needs = !total && lines[i].needsCommentary
            return [
                Span(needs ? "! " : "", .fail),
                Span(
                    money(variance == .min ? .max : abs(variance), mark, wide: wide, width: width - Width.of(words) - 1 - (needs ? 2 : 0)) + " "
                        + words,
                    variance > 0 ? .pass : .fail),
            ]
        default:
            // A quarter: its actual, or its profile (muted) when none is entered yet.
            guard let q = Int(cols[c].title.dropFirst()) else { return [] }
            let profile = total ? Money.sum(lines.map { $0.profile[q - 1] }) : lines[i].profile[q - 1]
            let actual: Pounds? =
                total
                ? (lines.contains { $0.actuals[q - 1] != nil } ? Money.sum(lines.compactMap { $0.actuals[q - 1] }) : nil) : lines[i].actuals[q - 1]
            if let actual {
                let marked = total ? lines.contains { $0.quarterIllustrative[q - 1] } : lines[i].quarterIllustrative[q - 1]
                return [Span(money(actual, marked, wide: wide, width: width), role)]
            }
            return [Span("(\(Money.fit(profile, width: width - 2, whole: wide)))", .muted)]
        }
    }
    drawMonitoringDetail(&f, s, report, l.monitoringDetail(lines: lines.count))
}

private func drawMonitoringDetail(_ f: inout Frame, _ s: AppState, _ report: BudgetReport, _ r: Rect) {
    let line = s.selectedBudgetLine
    f.box(r, title: line.map { "\($0.category.name)" } ?? "Budget monitoring")
    let inner = r.inset(1)
    guard inner.height > 0, inner.width > 4 else { return }
    let split = inner.width >= 150
    let (lr, rr) = split ? inner.splitLeft(inner.width * 11 / 20) : (inner, Rect(x: inner.x, y: inner.maxY, width: inner.width, height: 0))
    var y = lr.y
    let x = lr.x + 1, w = lr.width - 2
    func put(_ spans: [Span], in rect: Rect, _ yy: inout Int) {
        guard yy < rect.maxY else { return }
        f.put(spans, x: rect.x + 1, y: yy, base: .normal, limit: rect.width - 2)
        yy += 1
    }
    if let line {
        let mark = line.illustrative ? Provenance.illustrativeMark : ""
        var head = [Span("Budget ", .muted), Span(Money.format(line.budget))]
        if line.reprofiled { head += [Span(" (approved ", .muted), Span(Money.format(line.approved)), Span(")", .muted)] }
        head += [Span(" · spent ", .muted), Span("\(Money.format(line.actualToDate))\(mark) (\(Share(line.actualToDate, of: line.budget)))")]
        let forecast = [
            Span(split ? "Forecast " : " · forecast ", .muted),
            Span("\(Money.format(line.forecast))\(line.forecastIllustrative ? Provenance.illustrativeMark : "")"),
            Span(line.forecastEntered == nil ? " (plan)" : "", .muted),
        ]
        // Split: the forecast and the variance on a line of their own; stacked: as few lines as will do.
        if split {
            put(head, in: lr, &y)
        } else {
            put(head + forecast, in: lr, &y)
        }
        var verdict = (split ? forecast + [Span(" · ", .muted)] : []) + [Span(line.varianceWords, line.variance >= 0 ? .pass : .fail)]
        let needed = line.commentary == nil && line.material
        if needed && !split { verdict += [Span(" · commentary needed: x explains it", .fail)] }
        put(verdict, in: lr, &y)
        if needed && split {
            put(
                [
                    Span(
                        "Commentary needed: material at \(report.settings.materialityPercent)% or \(Money.format(report.settings.materialityPounds)); x explains it",
                        .fail)
                ], in: lr, &y)
        }
        if let c = line.commentary, y < lr.maxY {
            y += f.paragraph("Commentary: " + c.text, in: Rect(x: x, y: y, width: w, height: lr.maxY - y), role: .normal, maxLines: 2)
        }
        let moves = s.board.funding.reprofiles.filter { $0.from == line.category.id || $0.to == line.category.id }
        if let last = moves.last {
            let what =
                last.from == last.to
                ? "Q\(last.fromQuarter ?? 0) → Q\(last.toQuarter ?? 0)"
                : last.from == line.category.id
                    ? "to \(s.board.funding.category(matching: last.to)?.name ?? last.to)"
                    : "from \(s.board.funding.category(matching: last.from)?.name ?? last.from)"
            put([Span("Reprofiled ", .muted), Span("\(Money.format(last.amount)) \(what): \(last.reason)")], in: lr, &y)
        }
        if split { quarterBars(&f, line, in: lr, &y) }
    }
    // The conditions three ways, and the grant's outturn, beside (wide) or under the line.
    var cy = rr.height > 0 ? rr.y : y
    let cr = rr.height > 0 ? rr : lr
    if rr.height > 0 { for yy in rr.y..<rr.maxY { f.put("│", x: rr.x, y: yy, role: .border) } }
    for c in report.conditions where cy < cr.maxY {
        let (rule, ways) = conditionWays(c, toDate: true, shares: true)
        // On one line when it fits, else the rule above its three verdicts.
        if Width.of(rule) + Span.width(ways) <= cr.width - 2 {
            put([Span(rule, .heading)] + ways, in: cr, &cy)
        } else {
            put([Span(rule, .heading)], in: cr, &cy)
            put(ways, in: cr, &cy)
        }
    }
    for warning in report.conditionWarnings + [report.outturnWarning].compactMap({ $0 }) where cy < cr.maxY {
        cy += f.paragraph("⚠ " + warning, in: Rect(x: cr.x + 1, y: cy, width: cr.width - 2, height: cr.maxY - cy), role: .fail, maxLines: 2)
    }
    if report.illustrative && cy < cr.maxY { put([Span(Provenance.illustrativeLegend, .muted)], in: cr, &cy) }
    if !split, let line { quarterBars(&f, line, in: lr, &cy) }
}

/// Each quarter's actual against its profile, as bars, when there are five rows to spare.
private func quarterBars(_ f: inout Frame, _ line: BudgetLine, in r: Rect, _ y: inout Int) {
    guard y + 5 < r.maxY else { return }
    y += 1
    let peak = max(1, (line.profile + line.actuals.compactMap { $0 }).max() ?? 1)
    let barW = max(4, min(50, r.width - 34))
    for q in 0..<4 {
        let actual = line.actuals[q]
        let n = Int((Double(actual ?? line.profile[q]) / Double(peak) * Double(barW)).rounded())
        let text = actual.map { "\(Money.format($0)) of \(Money.format(line.profile[q]))" } ?? "profile \(Money.format(line.profile[q]))"
        f.put(
            [
                Span("Q\(q + 1) ", .muted), Span(String(repeating: actual == nil ? "░" : "█", count: max(0, n)), actual == nil ? .muted : .bar),
                Span(" " + text, actual == nil ? .muted : nil),
            ], x: r.x + 1, y: y, base: .normal, limit: r.width - 2)
        y += 1
    }
}
