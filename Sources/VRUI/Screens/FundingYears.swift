import VRModel

// The Funding screen's years ahead (t twice): every grant's amount by financial year, confirmed or
// expected, the match and in-kind contributions beside them, and what bridging costs while next year's
// core grant is not confirmed.

extension Layout {
    public func yearsTable(grants: Int) -> Rect { body.splitTop(min(body.height - 7, grants + 4)).0 }
    public func yearsDetail(grants: Int) -> Rect { body.splitTop(min(body.height - 7, grants + 4)).1 }
}

func drawYears(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let fu = s.board.funding
    let grants = fu.grants
    let years = fu.grantYears
    let r = l.yearsTable(grants: grants.count)
    let wide = r.width >= 110
    var cols = [Column("Grant"), Column("Kind", wide ? 12 : 6)]
    cols += years.map { Column(GrantYear(year: $0, amount: nil, status: .expected, source: "").label, wide ? 12 : 9, right: true) }
    cols.append(Column("Status", 10))
    f.table(
        r, title: "Grants and contributions by financial year · ✓ confirmed · ? expected", columns: cols, count: grants.count,
        cursor: s.fundingScreen.grantCursor, focused: true, empty: "No grant recorded"
    ) { i, c in
        let g = grants[i]
        let title = cols[c].title
        if title == "Grant" { return [Span(g.name)] }
        if title == "Kind" {
            let kind =
                g.core == true
                ? "core" : g.contribution == .match ? "match" : g.contribution == .inKind ? "in kind" : g.separate ? "separate" : "grant"
            return [Span(kind, g.core == true ? .heading : .muted)]
        }
        if title == "Status" {
            let role: Role = g.status == .continuing ? .pass : g.status == .ending ? .warning : .muted
            return [Span(g.status.rawValue, role)]
        }
        guard let y = (g.years ?? []).first(where: { GrantYear(year: $0.year, amount: nil, status: .expected, source: "").label == title }) else {
            return [Span("-", .muted)]
        }
        let amount = y.amount.map { wide ? Money.format($0) : Money.compact($0) } ?? "not known"
        return [Span(amount + (y.status == .confirmed ? " ✓" : " ?"), y.status == .confirmed ? nil : .warning)]
    }
    let d = l.yearsDetail(grants: grants.count)
    f.box(d, title: "Beyond this year")
    let inner = d.inset(1)
    var y = inner.y
    let x = inner.x + 1, w = inner.width - 2
    func para(_ text: String, _ role: Role, lines: Int = 3) {
        guard y < inner.maxY else { return }
        y += f.paragraph(text, in: Rect(x: x, y: y, width: w, height: inner.maxY - y), role: role, maxLines: lines)
    }
    if years.isEmpty { para("No grant has amounts by year recorded: e on a grant adds none yet; the data file holds `years`.", .muted) }
    // What is at stake first, then the core grant's next year, each with its source after.
    if let warning = fu.bridgingWarning(asAt: s.board.programme.asAt) { para("⚠ " + warning, .fail, lines: 2) }
    let next = fu.nextYear(asAt: s.board.programme.asAt)
    if let next {
        let amount = next.amount.map(Money.format) ?? "amount not known"
        para(
            "Core grant \(next.label): \(next.status == .confirmed ? next.statusText : "expected, not confirmed") (\(amount))",
            next.status == .confirmed ? .pass : .warning, lines: 1)
    }
    let contributions = grants.filter { $0.contribution != nil }
    if !contributions.isEmpty {
        para(
            "Match and in-kind contributions: "
                + contributions.map { "\($0.name) \(Money.format($0.amount)) (\($0.period))" }.joined(separator: "; "), .normal)
    }
    let sources = [next.map { "\($0.label): \($0.source)" }, fu.bridging.map { "bridging: \($0.source)" }].compactMap { $0 }
    if !sources.isEmpty { para("Sources · " + sources.joined(separator: " · "), .muted, lines: 2) }
    if grants.indices.contains(s.fundingScreen.grantCursor.selected) {
        let g = grants[s.fundingScreen.grantCursor.selected]
        para("Selected: \(g.name) · source \(g.source)", .muted, lines: 2)
        for yr in g.years ?? [] where y < inner.maxY {
            para("  \(yr.label): \(yr.amount.map(Money.format) ?? "amount not known"), \(yr.statusText) · \(yr.source)", .muted, lines: 1)
        }
    }
}
