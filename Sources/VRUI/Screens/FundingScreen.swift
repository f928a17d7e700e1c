import VRModel

extension Screen {
    public static let funding = Screen(id: "funding", title: "Funding")
}

/// The funding: the allocation's split by category, the grant conditions, and the other grants; and
/// (t) the budget monitoring: actuals by quarter against the profile, forecast outturn and variance.
/// e edits the split; Enter edits the selected grant; n adds one; s enters a quarter's actuals.
public enum FundingScreen: ScreenFeature {
    public enum Table: String, CaseIterable, Sendable {
        case split, monitoring, years
        var label: String {
            switch self {
            case .split: "the split and the grants"
            case .monitoring: "the budget monitoring: actuals, forecast and variance"
            case .years: "the grants year by year, the contributions, and the bridging at stake"
            }
        }
    }

    public struct State: FeatureState {
        public var table: Table = .split
        public var grantCursor = ListCursor()
        public var lineCursor = ListCursor()
        public init() {}
    }

    static let onMonitoring = Guard.require("Only on the budget monitoring: {funding.table} shows it") { $0.fundingScreen.table == .monitoring }

    public static let screen = Screen.funding
    public static let opens = true
    public static let editable = true

    public static let bindings: [Binding] = [
        Binding(
            "funding.edit", [.char("e")], help: "Edit the allocation and the split by category", hint: "edit", rank: 11,
            disabled: Guard.writable
        ) { s in
            s.modal = .form(FundingForm.open(s.board.funding, board: s.board))
        },
        Binding("funding.new", [.char("n")], help: "Add a grant", hint: "new", rank: 12, disabled: Guard.writable) { s in
            s.modal = .form(GrantForm.open(nil, index: nil, board: s.board))
        },
        Binding(
            "funding.table", [.char("t")], help: "Show the split, the budget monitoring, or the years ahead",
            hint: "table", rank: 18
        ) { s in
            let all = Table.allCases
            s.fundingScreen.table = all[((all.firstIndex(of: s.fundingScreen.table) ?? 0) + 1) % all.count]
            s.message = "Showing \(s.fundingScreen.table.label)"
        },
        Binding(
            "funding.spend", [.char("a")], help: "Enter a quarter's actual spend and forecast outturn, category by category", hint: "actuals",
            rank: 13, disabled: Guard.writable
        ) { s in
            s.modal = .form(SpendForm.open(board: s.board, today: s.today))
        },
        Binding(
            "funding.commentary", [.char("x")], help: "Explain the selected line's variance: cause, one-off or lasting, action",
            hint: "explain", rank: 14, disabled: Guard.all(Guard.writable, onMonitoring)
        ) { s in
            if let line = s.selectedBudgetLine { s.modal = .form(CommentaryForm.open(line, board: s.board)) }
        },
        Binding(
            "funding.reprofile", [.char("m")], help: "Move budget between categories or quarters, with the reason", hint: "reprofile",
            rank: 15, disabled: Guard.writable
        ) { s in
            s.modal = .form(ReprofileForm.open(from: s.selectedBudgetLine?.category, board: s.board))
        },
    ]

    public static func canOpen(_ s: AppState) -> Bool {
        s.fundingScreen.table == .monitoring ? s.selectedBudgetLine != nil : !s.board.funding.grants.isEmpty
    }

    /// Enter edits the selected grant, or explains the selected line's variance.
    public static func open(_ s: inout AppState) -> [Effect] {
        if s.fundingScreen.table == .monitoring {
            if let reason = Guard.writable(s) {
                s.message = reason
            } else if let line = s.selectedBudgetLine {
                s.modal = .form(CommentaryForm.open(line, board: s.board))
            }
            return []
        }
        let grants = s.board.funding.grants
        let i = s.fundingScreen.grantCursor.selected
        guard grants.indices.contains(i) else { return [] }
        if let reason = Guard.writable(s) {
            s.message = reason
            return []
        }
        s.modal = .form(GrantForm.open(grants[i], index: i, board: s.board))
        return []
    }

    public static func rebuild(_ s: inout AppState) {
        s.fundingScreen.grantCursor.clamp(count: s.board.funding.grants.count)
        s.fundingScreen.lineCursor.clamp(count: s.board.funding.categories.count)
    }

    public static let goesBack = true
    public static func canGoBack(_ s: AppState) -> Bool { s.fundingScreen.table != .split }
    public static func back(_ s: inout AppState) -> [Effect] {
        s.fundingScreen.table = .split
        return []
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) {
        switch s.fundingScreen.table {
        case .split: drawFunding(&f, s, l)
        case .monitoring: drawMonitoring(&f, s, l)
        case .years: drawYears(&f, s, l)
        }
    }

    static func grantsRect(_ s: AppState, _ l: Layout) -> Rect {
        switch s.fundingScreen.table {
        case .monitoring: l.monitoringTable(lines: s.board.funding.categories.count)
        case .years: l.yearsTable(grants: s.board.funding.grants.count)
        case .split: l.fundingLower(s.board).grants
        }
    }

    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(grantsRect(s, l)) }

    /// The cursor of the table shown, and its rows.
    static func withCursor<T>(_ s: inout AppState, _ body: (inout ListCursor, Int) -> T) -> T {
        s.fundingScreen.table == .monitoring
            ? body(&s.fundingScreen.lineCursor, s.board.funding.categories.count)
            : body(&s.fundingScreen.grantCursor, s.board.funding.grants.count)
    }

    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) { withCursor(&s) { $0.move(by: d, count: $1) } }

    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let r = grantsRect(s, l)
        guard r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
        withCursor(&s) { c, count in
            let i = c.scroll + (m.y - r.y - 2)
            if i < count { c.selected = i }
        }
        return []
    }

    public static func reveal(_ s: inout AppState, _ l: Layout) {
        let rows = pageRows(s, l)
        withCursor(&s) { $0.reveal(rows: rows, count: $1) }
    }

    public static func selectedItemID(_ s: AppState) -> String? { s.board.funding.id }

    /// A grant is shown here, selected in the grants table and scrolled into view.
    public static func shows(_ route: Route) -> Bool { if case .grant = route { true } else { false } }
    public static func show(_ route: Route, _ s: inout AppState) {
        guard case .grant(let index) = route else { return }
        s.fundingScreen.grantCursor.selected = index
        reveal(&s, Layout(width: s.width, height: s.height))
    }
}

extension AppState {
    public var fundingScreen: FundingScreen.State {
        get { self[state: FundingScreen.self] }
        set { self[state: FundingScreen.self] = newValue }
    }

    /// The year's budget monitoring at the board's as-at date.
    public var budgetReport: BudgetReport { board.funding.monitor(asAt: board.programme.asAt) }

    /// The category line selected on the budget monitoring (nil while the split shows).
    public var selectedBudgetLine: BudgetLine? {
        guard fundingScreen.table == .monitoring else { return nil }
        let lines = budgetReport.lines
        return lines.indices.contains(fundingScreen.lineCursor.selected) ? lines[fundingScreen.lineCursor.selected] : nil
    }
}

extension Layout {
    /// The split's box: a row a category, and the rows its note takes (another year's split, and why).
    public func fundingChart(categories: Int, note: Int = 0) -> Rect { body.splitTop(min(body.height - 9, categories + note + 3)).0 }
    public func fundingLower(categories: Int, conditions: Int, register: Int = 0, note: Int = 0) -> (conditions: Rect, grants: Rect) {
        let rest = body.splitTop(min(body.height - 9, categories + note + 3)).1
        if width >= 150 {
            let (l, r) = rest.splitLeft(rest.width * 2 / 5)
            return (l, r)
        }
        // Each condition takes two lines when narrow, one when wide; the register's roll-up its lines.
        return rest.splitTop(2 + conditions * (width >= 120 ? 1 : 2) + register)
    }

    /// The lines the register's roll-up takes under the conditions: when wide its summary and its own
    /// checks; when narrow one line, only when it is over-committed or fails a check; none while no
    /// intervention has a budget.
    func registerRows(_ b: Board) -> Int {
        let r = b.register
        guard r.withBudget > 0 else { return 0 }
        return width >= 120 ? 1 + r.checks.count : r.needsAttention ? 1 : 0
    }
    func fundingLower(_ b: Board) -> (conditions: Rect, grants: Rect) {
        fundingLower(
            categories: b.funding.categories.count, conditions: b.funding.conditions.count, register: registerRows(b), note: splitNote(b).count)
    }

    /// Another year's split, said under the categories with why, wrapped at the chart's width; in a line
    /// when the whole would leave the grants fewer than two rows.
    func splitNote(_ b: Board) -> [String] {
        let fu = b.funding, year = b.programme.year
        guard let whole = fu.splitYearNote(boardYear: year).map({ Width.wrap($0, to: body.width - 4) }) else { return [] }
        if body.height - 11 - (fu.categories.count + 3) >= whole.count { return whole }
        return fu.splitYearShort(boardYear: year).map { [$0] } ?? []
    }
}

private func drawFunding(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.fundingScreen
    let fu = s.board.funding
    let note = l.splitNote(s.board)
    let chart = l.fundingChart(categories: fu.categories.count, note: note.count)
    f.box(chart, title: "\(fu.allocationName): \(Money.format(fu.allocation)) · split by category")
    let inner = Rect(x: chart.x + 1, y: chart.y + 1, width: chart.width - 2, height: chart.height - 2 - note.count)
    for (i, line) in note.enumerated() { f.put(line, x: inner.x + 1, y: inner.maxY + i, role: .warning, limit: inner.width - 2) }
    // Wide enough for the largest amount whole (with its mark): an amount is never cut.
    let amountW = max(11, fu.categories.map { Width.of(fu.amountText(of: $0)) + ($0.isIllustrative ? 0 : 1) }.max() ?? 0), shareW = 6
    let nameW = min(max(20, inner.width < 100 ? inner.width / 2 : inner.width * 2 / 5), 62)
    let barW = max(4, inner.width - nameW - amountW - shareW - 5)
    let maxAmount = max(1, fu.categories.map(\.amount).max() ?? 1)
    f.put(
        Width.pad("Category", to: nameW) + " " + Width.pad("", to: barW) + " " + Width.pad("Amount", to: amountW, alignRight: true) + " "
            + Width.pad("Share", to: shareW, alignRight: true),
        x: inner.x + 1, y: inner.y, role: .heading, limit: inner.width - 1)
    // More categories than rows: the last row says how many more, over no category's figures.
    let rows = fu.categories.count > inner.height - 1 ? max(0, inner.height - 2) : inner.height - 1
    for (i, c) in fu.categories.prefix(rows).enumerated() {
        let y = inner.y + 1 + i
        let illustrative = c.isIllustrative
        f.put(c.name, x: inner.x + 1, y: y, role: c.kind == .interventions ? .heading : .normal, limit: nameW)
        let cells = Int((Double(c.amount) / Double(maxAmount) * Double(barW)).rounded())
        f.put(
            String(repeating: "█", count: max(c.amount > 0 ? 1 : 0, cells)), x: inner.x + 2 + nameW, y: y,
            role: c.kind == .interventions ? .bar : .barAlt, limit: barW)
        f.put(Width.pad(fu.amountText(of: c) + (illustrative ? "" : " "), to: amountW, alignRight: true), x: inner.x + 3 + nameW + barW, y: y)
        f.put(Width.pad(fu.shareText(of: c), to: shareW, alignRight: true), x: inner.x + 4 + nameW + barW + amountW, y: y, role: .heading)
    }
    if fu.categories.count > rows {
        f.put(
            s.keyed("+\(fu.categories.count - rows) more categories ({funding.table}: the budget monitoring lists every one)"), x: inner.x + 1,
            y: inner.y + 1 + rows,
            role: .muted, limit: inner.width - 2)
    }
    let anyIllustrative = fu.showsIllustrative
    if anyIllustrative || fu.unallocated != 0 {
        var note = fu.unallocated != 0 ? "Unallocated \(Money.format(fu.unallocated)). " : ""
        if anyIllustrative { note += "* illustrative, or resting on an illustrative figure" }
        f.put(" \(note) ", x: chart.maxX - Width.of(note) - 4, y: chart.maxY - 1, role: .muted)
    }

    let (cr, gr) = l.fundingLower(s.board)
    f.box(cr, title: "Grant conditions")
    let ci = cr.inset(1)
    var cy = ci.y
    for c in fu.checks where cy < ci.maxY {
        let detail = [
            Span("actual \(Money.format(c.actual)) · required \(Money.format(c.required)) · margin ", .muted),
            Span(Money.format(c.margin), c.passes ? .pass : .fail),
        ]
        let head = checkSpans(c)
        if Span.width(head + detail) + 3 <= ci.width - 1 {
            f.put(head + [Span("  ")] + detail, x: ci.x + 1, y: cy, base: .normal, limit: ci.width - 1)
            cy += 1
        } else {
            f.put(head, x: ci.x + 1, y: cy, base: .normal, limit: ci.width - 1)
            cy += 1
            if cy < ci.maxY {
                f.put([Span("       ")] + detail, x: ci.x + 1, y: cy, base: .normal, limit: ci.width - 1)
                cy += 1
            }
        }
    }
    if fu.checks.isEmpty { f.put("No conditions recorded", x: ci.x + 1, y: ci.y, role: .muted) }
    // The interventions register against the split: over-commitment flagged, and the evaluation
    // condition measured on what the register records.
    let roll = s.board.register
    if l.registerRows(s.board) > 0, cy < ci.maxY {
        let text = l.width >= 120 ? roll.summary : roll.warning
        f.put(
            [Span("Register ", .heading), Span(text, roll.needsAttention ? .fail : .normal)], x: ci.x + 1, y: cy, base: .normal, limit: ci.width - 1)
        cy += 1
        for c in roll.checks where cy < ci.maxY {
            f.put(
                checkSpans(c) + [Span("  margin ", .muted), Span(Money.format(c.margin), c.passes ? .pass : .fail)], x: ci.x + 1, y: cy,
                base: .normal, limit: ci.width - 1)
            cy += 1
        }
    }
    // Where the allocation and the conditions come from, when there is room.
    if cy < ci.maxY - 1 {
        let sources =
            (["Allocation: \(fu.allocationSource)"]
                + fu.conditions.map { "\($0.rule == .interventionsFloor ? "Interventions" : "Evaluation") \($0.percent)%: \($0.source)" })
        cy += 1
        f.paragraph(
            "Sources · " + sources.joined(separator: " · "), in: Rect(x: ci.x + 1, y: cy, width: ci.width - 2, height: ci.maxY - cy), role: .muted)
    }

    let grants = fu.grants
    let wide = gr.width >= 110
    var cols = [Column("Grant"), Column("Funder", wide ? 24 : 14, grows: true), Column("Amount", 11, right: true), Column("Ends", 11)]
    if wide { cols.insert(Column("Holder", 16, grows: true), at: 2) }
    cols.append(Column("Status", 10))
    f.table(
        gr, title: "Grants · \(grants.count) · \(Money.compact(grants.filter { $0.status != .ended }.reduce(0) { $0 + $1.amount })) live",
        columns: cols, count: grants.count, cursor: st.grantCursor, focused: true, empty: "No other grants recorded"
    ) { i, c in
        let g = grants[i]
        switch cols[c].title {
        case "Grant": return [Span(g.name + (g.separate ? " (separate)" : ""))]
        case "Funder": return [Span(g.funder)]
        case "Holder": return [Span(g.holder)]
        case "Amount": return [Span(Money.fit(g.amount, width: 11))]
        case "Ends": return [Span(g.endDate?.long ?? "-")]
        default:
            let role: Role = g.status == .continuing ? .pass : g.status == .ending ? .warning : .muted
            return [Span(g.status.rawValue, role)]
        }
    }
    // The selected grant's source, on the table's bottom border.
    if grants.indices.contains(st.grantCursor.selected), gr.width > 12 {
        let t = Width.truncate(" Source: \(grants[st.grantCursor.selected].source) ", to: gr.width - 4)
        f.put(t, x: gr.x + 2, y: gr.maxY - 1, role: .muted)
    }
}
