import Foundation
import VRModel

extension Screen {
    public static let interventions = Screen(id: "interventions", title: "Interventions")
}

/// The commissioned interventions: the register with this year's reach by age band and the returns'
/// lateness, this year's totals, and the selected intervention's reach by return and the evaluations
/// covering it.
public enum InterventionsScreen: ScreenFeature {
    /// What the level filter shows.
    public enum LevelFilter: Equatable, Sendable {
        case all
        case level(PreventionLevel)
        case notGiven
        var label: String {
            switch self {
            case .all: "every level"
            case .level(let l): l.label.lowercased()
            case .notGiven: "level not given"
            }
        }
    }

    public struct State: FeatureState {
        public var cursor = ListCursor()
        public var level: LevelFilter = .all
        /// Only interventions with a return late.
        public var lateOnly = false
        public private(set) var rows: [Intervention] = []
        public init() {}

        fileprivate mutating func rebuild(_ b: Board, query q: String, today: Day) {
            rows = b.interventions.items.filter { iv in
                guard !iv.archived else { return false }
                switch level {
                case .all: break
                case .level(let l): if iv.level != l { return false }
                case .notGiven: if iv.level != nil { return false }
                }
                if lateOnly && iv.lateReturns(on: today, dueDays: Intervention.dueDays).isEmpty { return false }
                return AppState.matches(q, iv.id, iv.name, iv.provider, iv.setting, iv.area)
            }
            cursor.clamp(count: rows.count)
        }
    }

    public static let screen = Screen.interventions
    public static let searchable = true
    public static let goesBack = true
    public static let editable = true

    public static func canGoBack(_ s: AppState) -> Bool { s.interventionsScreen.level != .all || s.interventionsScreen.lateOnly }

    static let selectOne = Guard.require("Select an intervention first") { $0.selectedIntervention != nil }

    public static let bindings: [Binding] = [
        Binding(
            "interventions.return", [.char("r")], help: "Enter a quarterly reach return for the selected intervention", hint: "return", rank: 10,
            disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let iv = s.selectedIntervention { s.modal = .form(ReachReturnForm.open(iv, board: s.board, today: s.today)) }
        },
        Binding(
            "interventions.edit", [.char("e")], help: "Edit the selected intervention", hint: "edit", rank: 11,
            disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let iv = s.selectedIntervention { s.modal = .form(InterventionForm.open(iv, board: s.board)) }
        },
        Binding("interventions.new", [.char("n")], help: "Add an intervention", hint: "new", rank: 12, disabled: Guard.writable) { s in
            s.modal = .form(InterventionForm.open(nil, board: s.board))
        },
        Binding(
            "interventions.level", [.char("p")], help: "Filter by prevention level: all, primary, secondary, tertiary, not given", hint: "level",
            rank: 20
        ) {
            s in
            let cycle: [LevelFilter] = [.all] + PreventionLevel.allCases.map(LevelFilter.level) + [.notGiven]
            let i = cycle.firstIndex(of: s.interventionsScreen.level) ?? 0
            s.interventionsScreen.level = cycle[(i + 1) % cycle.count]
            s.interventionsScreen.cursor.selected = 0
            rebuild(&s)
            s.message = "Showing interventions of \(s.interventionsScreen.level.label)"
        },
        Binding("interventions.late", [.char("o")], help: "Only interventions with a reach return overdue, or all", hint: "overdue", rank: 21) { s in
            s.interventionsScreen.lateOnly.toggle()
            s.interventionsScreen.cursor.selected = 0
            rebuild(&s)
            s.message = s.interventionsScreen.lateOnly ? "Showing interventions with a return overdue" : "Showing every intervention"
        },
        Binding("interventions.view", [.char("v")], help: "Read the selected intervention whole: every return and evaluation", hint: "view", rank: 19)
        {
            s in
            if let iv = s.selectedIntervention { s.modal = .viewer(Viewer.intervention(iv, s)) }
        },
    ]

    public static func back(_ s: inout AppState) -> [Effect] {
        s.interventionsScreen.level = .all
        s.interventionsScreen.lateOnly = false
        rebuild(&s)
        return []
    }

    public static func rebuild(_ s: inout AppState) {
        let b = s.board, q = s.queries[screen] ?? "", today = s.today
        s.interventionsScreen.rebuild(b, query: q, today: today)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) { drawInterventions(&f, s, l) }
    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(l.interventionTable) }
    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) {
        s.interventionsScreen.cursor.move(by: d, count: s.interventionsScreen.rows.count)
    }
    public static func reveal(_ s: inout AppState, _ l: Layout) {
        s.interventionsScreen.cursor.reveal(rows: Layout.tableRows(l.interventionTable), count: s.interventionsScreen.rows.count)
    }
    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let r = l.interventionTable
        guard r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
        let i = s.interventionsScreen.cursor.scroll + (m.y - r.y - 2)
        if i < s.interventionsScreen.rows.count { s.interventionsScreen.cursor.selected = i }
        return []
    }
    public static func selectedItemID(_ s: AppState) -> String? { s.selectedIntervention?.id }
    public static func searched(_ s: inout AppState) { s.interventionsScreen.cursor.selected = 0 }
}

extension AppState {
    public var interventionsScreen: InterventionsScreen.State {
        get { self[state: InterventionsScreen.self] }
        set { self[state: InterventionsScreen.self] = newValue }
    }

    public var selectedIntervention: Intervention? {
        let st = interventionsScreen
        return st.rows.indices.contains(st.cursor.selected) ? st.rows[st.cursor.selected] : nil
    }

    /// The financial year the board is in (2021 for 2021/22).
    var financialYear: Int { Quarter(containing: board.programme.asAt).year }
}

extension Layout {
    public var interventionTable: Rect { body.splitTop(max(9, body.height * 11 / 20)).0 }
    public var interventionDetail: Rect { body.splitTop(max(9, body.height * 11 / 20)).1 }
}

private func drawInterventions(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.interventionsScreen
    let r = l.interventionTable
    let year = s.financialYear
    let wide = r.width >= 110
    var cols = [Column("ID", 5), Column("Intervention")]
    if wide { cols += [Column("Provider", 16, grows: true), Column("Level", 9)] }
    cols += [Column("<25", 6, right: true), Column("25+", 5, right: true), Column("Latest", 13), Column("Returns", 11)]
    if wide { cols.append(Column("Evaluation", 10)) }
    let rows = st.rows
    let all = s.board.interventions.items.filter { !$0.archived }
    let total = s.board.reach(inYear: year, today: s.today)
    var filters: [String] = []
    if st.level != .all { filters.append(st.level.label) }
    if st.lateOnly { filters.append("returns overdue") }
    let title =
        "Commissioned interventions · \(rows.count)\(filters.isEmpty ? "" : " of \(all.count) · " + filters.joined(separator: ", ")) · reach \(year)/\(String(format: "%02d", (year + 1) % 100)): "
        + "\(total.under25.grouped) under 25 · \(total.over25.grouped) 25+"
    f.table(r, title: title, columns: cols, count: rows.count, cursor: st.cursor, focused: true, empty: "No intervention matches") { i, c in
        let iv = rows[i]
        let reach = iv.reach(inYear: year)
        // No return this year is not a reach of none.
        let reported = iv.returns.contains { $0.quarter.year == year }
        switch cols[c].title {
        case "ID": return [Span(iv.id)]
        case "Intervention": return [Span(iv.name)]
        case "Provider": return [Span(iv.provider.isEmpty ? "not named" : iv.provider, iv.provider.isEmpty ? .muted : nil)]
        case "Level": return [Span(iv.level?.label ?? "-", iv.level == nil ? .muted : nil)]
        case "<25": return [reported ? Span(reach.under25.grouped) : Span("-", .muted)]
        case "25+": return [reported ? Span(reach.over25.grouped) : Span("-", .muted)]
        case "Latest": return [Span(iv.latestReturn?.label ?? "none", iv.latestReturn == nil ? .muted : nil)]
        case "Returns":
            let late = iv.lateReturns(on: s.today, dueDays: Intervention.dueDays)
            if !late.isEmpty { return [Span("\(late.count) overdue", .fail)] }
            // With no start date and no return, nothing is known to be due.
            return iv.start == nil && iv.returns.isEmpty ? [Span("none yet", .muted)] : [Span("on time", .pass)]
        default:
            let evs = s.board.evaluations.items.filter { $0.interventions.contains(iv.id) }
            return [Span(evs.isEmpty ? "none" : evs.count == 1 ? evs[0].status.label : "\(evs.count) of them", evs.isEmpty ? .muted : nil)]
        }
    }
    drawInterventionDetail(&f, s, l.interventionDetail)
}

private func drawInterventionDetail(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    guard let iv = s.selectedIntervention else {
        f.box(r, title: "Intervention")
        return
    }
    f.box(r, title: "\(iv.id) · \(iv.name)")
    let inner = r.inset(1)
    let leftW = inner.width * 11 / 20
    let (lr, rr) = inner.splitLeft(leftW)
    var y = lr.y
    let x = lr.x + 1, w = lr.width - 2
    func line(_ spans: [Span]) {
        guard y < lr.maxY else { return }
        f.put(spans, x: x, y: y, base: .normal, limit: w)
        y += 1
    }
    line([Span("Provider ", .muted), Span(iv.provider.isEmpty ? "not named in the source" : iv.provider)])
    line([
        Span("Level ", .muted), Span(iv.level?.label ?? "not given"), Span(" · ", .muted), Span(iv.status.label), Span(" · exit ", .muted),
        Span(iv.exit.label),
    ])
    line([Span("Setting ", .muted), Span(iv.setting.isEmpty ? "-" : iv.setting)])
    line([Span("Area ", .muted), Span(iv.area.isEmpty ? "-" : iv.area)])
    let budget = iv.budget.map { Money.format($0) + (iv.budgetIllustrative ? Sources.illustrativeMark : "") } ?? "not given"
    line([
        Span("Budget ", .muted), Span(budget), Span(" · workstreams ", .muted),
        Span(iv.workstreams.isEmpty ? "-" : iv.workstreams.joined(separator: ", ")),
    ])
    let late = iv.lateReturns(on: s.today, dueDays: Intervention.dueDays)
    if !late.isEmpty {
        line([
            Span("Overdue: ", .fail),
            Span(late.map { "\($0.label) (due \(Intervention.due($0, dueDays: Intervention.dueDays).long))" }.joined(separator: ", "), .fail),
        ])
    }
    if y < lr.maxY { y += f.paragraph("Source: \(iv.source)", in: Rect(x: x, y: y, width: w, height: lr.maxY - y), role: .muted, maxLines: 3) }
    let evs = s.board.evaluations.items.filter { $0.interventions.contains(iv.id) }
    if y < lr.maxY {
        line([Span("Evaluations (\(evs.count))", .heading)])
        for e in evs { line([Span("• "), Span(e.title), Span(" · \(e.status.label)\(e.dueText.isEmpty ? "" : ", due \(e.dueText)")", .muted)]) }
        if evs.isEmpty { line([Span("None covers it", .muted)]) }
    }

    // Reach by return, a bar per age band, scaled to the largest.
    var ry = rr.y
    let rx = rr.x + 1, rw = rr.width - 2
    for yy in rr.y..<rr.maxY { f.put("│", x: rr.x, y: yy, role: .border) }
    f.put("Reach by return (under 25 / 25 and over)", x: rx + 1, y: ry, role: .heading, limit: rw - 1)
    ry += 1
    if iv.returns.isEmpty { f.put("No return yet", x: rx + 1, y: ry, role: .muted) }
    let peak = max(1, iv.returns.map { max($0.under25, $0.over25) }.max() ?? 1)
    // The label, "<25 ", the bar, a space and the number: the number is never cut.
    let labelW = 14, numW = iv.returns.map { max(Width.of($0.under25.grouped), Width.of($0.over25.grouped)) }.max() ?? 1
    let barW = max(1, rw - 1 - labelW - 4 - 1 - numW)
    for ret in iv.returns.sorted(by: { $0.quarter > $1.quarter }) where ry + 1 < rr.maxY {
        for (band, n, role) in [("<25", ret.under25, Role.heading), ("25+", ret.over25, Role.muted)] {
            let label = band == "<25" ? ret.label : ""
            let filled = n == 0 ? 0 : max(1, Int(Double(barW) * Double(n) / Double(peak)))
            f.put(
                [
                    Span(Width.pad(label, to: labelW)), Span(band + " "), Span(String(repeating: "█", count: filled), role),
                    Span(" " + n.grouped),
                ], x: rx + 1, y: ry, base: .normal, limit: rw - 1)
            ry += 1
        }
    }
}
