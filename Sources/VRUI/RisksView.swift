import VRModel

func drawRisks(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let rows = s.riskRows
    let tr = l.riskTable
    var cols = [Column("ID", 4), Column("Risk")]
    if tr.width >= 70 { cols.append(Column("Owner", tr.width >= 90 ? 18 : 14)) }
    cols.append(Column("Score", 7))
    if tr.width >= 110 { cols.append(Column("Response", 9)) }
    cols.append(Column("Review", 11))
    if tr.width >= 70 { cols.append(Column("Status", 6)) }
    var title = "Risk register · \(rows.count) · by \(s.riskSort.rawValue)"
    if let b = s.bandFilter { title += " · \(b.name.lowercased()) only" }
    if let h = s.heatFilter { title += " · L\(h.likelihood)×I\(h.impact)" }
    f.table(tr, title: title, columns: cols, count: rows.count, cursor: s.riskCursor, focused: !s.heatFocus, empty: "No risk matches") { i, c in
        let r = rows[i]
        switch cols[c].title {
        case "ID": return [Span(r.id)]
        case "Risk": return [Span(r.isEscalated(threshold: s.board.programme.escalationThreshold) ? "▲ " : "", .warning), Span(r.title)]
        case "Owner": return [Span(s.board.name(of: r.owner))]
        case "Score": return [Span(Width.pad("\(r.residual.value)", to: 2, alignRight: true) + " " + Width.pad(r.band.letter, to: 2), r.band.role)]
        case "Response": return [Span(r.response.rawValue)]
        case "Review":
            let overdue = r.isOverdue(on: s.today)
            return [Span(r.status == .closed ? "closed" : r.nextReview.long, r.status == .closed ? .muted : overdue ? .fail : nil)]
        case "Status": return [Span(r.status.rawValue, r.status == .closed ? .muted : nil)]
        default: return []
        }
    }
    f.legend(illustrative: cols.contains { $0.title == "Owner" } && rows.contains { s.board.members[$0.owner]?.isIllustrative == true }, on: tr)
    drawHeatMap(&f, s, l.heatMap)
    drawRiskDetail(&f, s, l.riskDetail)
}

private func drawHeatMap(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    f.box(r, title: s.heatFocus ? "Heat map · Enter filters" : "Heat map (m)", role: s.heatFocus ? .heading : .border)
    let grid = s.derived.heatGrid
    let gx = r.x + 5
    for row in 0..<5 {
        let lik = 5 - row
        let y = r.y + 1 + row
        guard y < r.maxY - 1 else { break }
        f.put("L\(lik)", x: r.x + 2, y: y, role: .muted)
        for col in 0..<5 {
            let imp = col + 1
            let n = grid[lik - 1][imp - 1]
            let band = Band(score: lik * imp)
            let isCursor = s.heatFocus && s.heatCell == Score(likelihood: lik, impact: imp)
            let isFilter = s.heatFilter == Score(likelihood: lik, impact: imp)
            let text = n == 0 ? (isCursor || isFilter ? "[ ]" : " · ") : (isCursor || isFilter ? "[\(n)]" : Width.pad("\(n)", to: 2, alignRight: true) + " ")
            f.put(" " + Width.pad(text, to: 3), x: gx + col * 4 - 1, y: y, role: isCursor ? .heatSelected : (n == 0 ? .heatEmpty : band.role))
        }
    }
    let ly = r.y + 6
    if ly < r.maxY - 1 { f.put("    I1  I2  I3  I4  I5", x: r.x + 1, y: ly, role: .muted, limit: r.width - 2) }
    if ly + 1 < r.maxY - 1 { f.put("Likelihood × Impact", x: r.x + 3, y: ly + 1, role: .muted, limit: r.width - 4) }
    if ly + 2 < r.maxY - 1 {
        f.put("\(s.derived.openRisks) open · \(s.derived.escalated.count) escalated", x: r.x + 3, y: ly + 2, role: .normal, limit: r.width - 4)
    }
}

private func drawRiskDetail(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    guard let k = s.selectedRisk else { f.box(r, title: "Risk"); return }
    f.box(r, title: "\(k.id) · \(k.title)")
    let inner = r.inset(1)
    let (lr, rr) = inner.splitLeft(inner.width / 2)
    let x = lr.x + 1, w = lr.width - 2
    var y = lr.y
    let esc = k.isEscalated(threshold: s.board.programme.escalationThreshold)
    var head: [Span] = [Span("\(k.category) · owner \(s.board.name(of: k.owner)) · \(k.proximity)", .muted)]
    if esc { head.append(Span("  ▲ escalated", .warning)) }
    y += f.paragraph(head.map(\.text).joined(), in: Rect(x: x, y: y, width: w, height: 2), role: .muted, maxLines: 2)
    for (name, sc) in [("Inherent", k.inherent), ("Residual", k.residual), ("Target", k.target)] where y < lr.maxY {
        f.put([Span(Width.pad(name, to: 9), .heading), Span("L\(sc.likelihood) \(sc.likelihoodName) × I\(sc.impact) \(sc.impactName) = "),
               Span("\(sc.value) \(sc.band.name)", sc.band.role)], x: x, y: y, base: .normal, limit: w)
        y += 1
    }
    if y < lr.maxY {
        let status = k.status == .closed ? "closed: \(k.closedReason ?? "")" : "open, \(k.response.rawValue); next review \(k.nextReview.long)"
        f.put(status, x: x, y: y, role: k.isOverdue(on: s.today) ? .fail : .muted, limit: w); y += 1
    }
    if y < lr.maxY { f.put("Causes", x: x, y: y, role: .heading); y += 1 }
    for c in k.causes where y < lr.maxY { y += f.bullet(c, in: Rect(x: x, y: y, width: w, height: lr.maxY - y), maxLines: 2) }
    if y < lr.maxY { y += f.paragraph(k.description, in: Rect(x: x, y: y, width: w, height: lr.maxY - y), role: .muted) }

    for yy in rr.y..<rr.maxY { f.put("│", x: rr.x, y: yy, role: .border) }
    let rx = rr.x + 2, rw = rr.width - 3
    var ry = rr.y
    f.put("Mitigating actions (\(k.actions.count))", x: rx, y: ry, role: .heading); ry += 1
    if k.actions.isEmpty { f.put("None recorded", x: rx, y: ry, role: .muted) }
    for a in k.actions where ry < rr.maxY {
        let role: Role = a.status == .done ? .pass : (a.due < s.today ? .fail : .muted)
        let mark = a.status == .done ? "✓" : a.status == .inProgress ? "◐" : "○"
        f.put([Span(mark + " ", role), Span(a.action)], x: rx, y: ry, base: .normal, limit: rw); ry += 1
        if ry < rr.maxY { f.put("  \(a.owner) · due \(a.due.long) · \(a.status.label)", x: rx, y: ry, role: role == .pass ? .muted : role, limit: rw); ry += 1 }
    }
    if ry < rr.maxY - 1 { ry += 1; ry += f.paragraph("Source: \(k.source)", in: Rect(x: rx, y: ry, width: rw, height: rr.maxY - ry), role: .muted, maxLines: 3) }
    f.legend(illustrative: s.board.members[k.owner]?.isIllustrative == true, on: r)
}
