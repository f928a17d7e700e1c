import Foundation
import VRModel

extension Screen {
    public static let interventions = Screen(id: "interventions", title: "Interventions")
}

/// The commissioned interventions: the register with this year's reach by age band and the returns'
/// lateness, the evaluations, and this year's reach by prevention level against last year with the
/// register's budgets against the funding split.
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

    /// What the priority filter shows: every intervention, those serving one priority, or those tied to none.
    public enum PriorityFilter: Equatable, Sendable {
        case all
        case priority(String)
        case none
    }

    /// The three tables the screen shows (t cycles).
    public enum Table: String, CaseIterable, Sendable {
        case register, evaluations, levels
        var label: String {
            switch self {
            case .register: "the register"
            case .evaluations: "the evaluations"
            case .levels: "reach by prevention level and the register's budgets"
            }
        }
    }

    public struct State: FeatureState {
        public var table: Table = .register
        public var cursor = ListCursor()
        public var evaluationCursor = ListCursor()
        public var level: LevelFilter = .all
        public var priority: PriorityFilter = .all
        /// Only interventions with a return late.
        public var lateOnly = false
        public private(set) var rows: [Intervention] = []
        /// Each row's overdue quarters, and the evaluations covering each intervention: worked out once a
        /// change, not once a frame.
        public private(set) var overdue: [[Quarter]] = []
        public private(set) var covering: [String: [Evaluation]] = [:]
        /// The evaluations, as the search leaves them.
        public private(set) var evaluations: [Evaluation] = []
        /// This year's reach of every live intervention, and the returns overdue.
        public private(set) var reach = Totals()
        public private(set) var levels: [LevelTotals] = []
        public private(set) var rollup: RegisterRollup?
        /// The interventions' own spend to date against the categories' (worked out once a change).
        public private(set) var spent = Spent()
        public init() {}

        public struct Spent: Equatable, Sendable {
            public var interventions: Pounds = 0, categories: Pounds = 0, recorded = 0
        }

        public struct Totals: Equatable, Sendable {
            public var under25 = 0, over25 = 0, overdue = 0
        }

        var filtered: Bool { level != .all || priority != .all || lateOnly }

        fileprivate mutating func rebuild(_ b: Board, query q: String, today: Day, year: Int) {
            var covering: [String: [Evaluation]] = [:]
            for e in b.evaluations.items { for id in e.interventions { covering[id, default: []].append(e) } }
            self.covering = covering
            var rows: [Intervention] = [], overdue: [[Quarter]] = []
            var totals = Totals()
            for iv in b.interventions.items where !iv.archived {
                let late = iv.lateReturns(on: today, dueDays: Intervention.dueDays)
                let r = iv.reach(inYear: year)
                totals.under25 = Reach.add(totals.under25, r.under25)
                totals.over25 = Reach.add(totals.over25, r.over25)
                totals.overdue += late.count
                switch level {
                case .all: break
                case .level(let l): if iv.level != l { continue }
                case .notGiven: if iv.level != nil { continue }
                }
                switch priority {
                case .all: break
                case .priority(let p): if !b.priorities(of: iv).contains(p) { continue }
                case .none: if !b.priorities(of: iv).isEmpty { continue }
                }
                if lateOnly && late.isEmpty { continue }
                guard AppState.matches(q, iv.id, iv.name, iv.provider, iv.setting, iv.area) else { continue }
                rows.append(iv)
                overdue.append(late)
            }
            self.rows = rows
            self.overdue = overdue
            reach = totals
            cursor.clamp(count: rows.count)
            evaluations = b.evaluations.items.filter { AppState.matches(q, $0.id, $0.title, $0.commissionedBy, $0.scope) }
            evaluationCursor.clamp(count: evaluations.count)
            // The board-wide figures do not depend on the filters: worked out again only when the board
            // (every change bumps a revision) or the day has changed, not on a filter key.
            let key = FiguresKey(b, today: today, year: year)
            guard key != figuresKey else { return }
            figuresKey = key
            levels = b.reachByLevel(inYear: year, total: true)
            rollup = b.register
            let sp = b.interventionSpend(asAt: b.programme.asAt)
            spent = Spent(interventions: sp.interventions, categories: sp.categories, recorded: sp.recorded)
        }

        /// What the board-wide figures were worked out from.
        private var figuresKey: FiguresKey?
        struct FiguresKey: Equatable, Sendable {
            var funding: Int, interventions: [Int], evaluations: [Int], asAt: Day, today: Day, year: Int
            init(_ b: Board, today: Day, year: Int) {
                funding = b.funding.rev
                interventions = [b.interventions.count, Money.sum(b.interventions.items.map(\.rev))]
                evaluations = [b.evaluations.count, Money.sum(b.evaluations.items.map(\.rev))]
                asAt = b.programme.asAt
                self.today = today
                self.year = year
            }
        }
    }

    public static let screen = Screen.interventions
    public static let searchable = true
    public static let goesBack = true
    public static let editable = true

    public static func canGoBack(_ s: AppState) -> Bool { s.interventionsScreen.filtered || s.interventionsScreen.table != .register }

    static func on(_ tables: Table..., otherwise reason: String) -> @Sendable (AppState) -> String? {
        let list = tables
        return Guard.require(reason) { list.contains($0.interventionsScreen.table) }
    }
    static let onRegister = on(.register, otherwise: "Only on the register: {interventions.table} shows it")
    static let selectOne = Guard.require("Select an intervention first") { $0.selectedIntervention != nil }
    static let selectEither = Guard.all(
        on(.register, .evaluations, otherwise: "The totals are read-only: {interventions.table} shows the register"),
        Guard.require("Select one first") { $0.selectedIntervention != nil || $0.selectedEvaluation != nil })

    /// Sets a filter, back to the first row.
    static func filter(_ s: inout AppState, _ message: String, _ change: (inout State) -> Void) {
        change(&s.interventionsScreen)
        s.interventionsScreen.cursor.selected = 0
        rebuild(&s)
        s.message = message
    }

    public static let bindings: [Binding] = [
        Binding(
            "interventions.return", [.char("r")], help: "Enter a quarterly reach return for the selected intervention", hint: "return", rank: 10,
            disabled: Guard.all(Guard.writable, onRegister, selectOne)
        ) { s in
            if let iv = s.selectedIntervention { s.modal = .form(ReachReturnForm.open(iv, board: s.board, today: s.today)) }
        },
        Binding(
            "interventions.spend", [.char("a")], help: "Enter a quarter's spend on the selected intervention",
            hint: "actuals", rank: 13, disabled: Guard.all(Guard.writable, onRegister, selectOne)
        ) { s in
            if let iv = s.selectedIntervention { s.modal = .form(InterventionSpendForm.open(iv, board: s.board)) }
        },
        Binding(
            "interventions.edit", [.char("e")], help: "Edit the selected intervention, or update the selected evaluation", hint: "edit", rank: 11,
            disabled: Guard.all(Guard.writable, selectEither)
        ) { s in
            if s.interventionsScreen.table == .evaluations, let e = s.selectedEvaluation {
                s.modal = .form(EvaluationForm.open(e, board: s.board))
            } else if let iv = s.selectedIntervention {
                s.modal = .form(InterventionForm.open(iv, board: s.board))
            }
        },
        Binding(
            "interventions.new", [.char("n")], help: "Add an intervention, or an evaluation when they are shown", hint: "new", rank: 12,
            disabled: Guard.all(
                Guard.writable, on(.register, .evaluations, otherwise: "The totals are read-only: {interventions.table} shows the register"))
        ) { s in
            s.modal = .form(
                s.interventionsScreen.table == .evaluations ? EvaluationForm.open(nil, board: s.board) : InterventionForm.open(nil, board: s.board))
        },
        Binding(
            "interventions.table", [.char("t")], help: "Show the register, the evaluations, or reach by level and the budgets", hint: "table",
            rank: 18
        ) { s in
            let all = Table.allCases
            let i = all.firstIndex(of: s.interventionsScreen.table) ?? 0
            s.interventionsScreen.table = all[(i + 1) % all.count]
            s.message = "Showing \(s.interventionsScreen.table.label)"
        },
        Binding(
            "interventions.level", [.char("p")], help: "Filter by prevention level: all, primary, secondary, tertiary, not given", hint: "level",
            rank: 20, disabled: onRegister
        ) { s in
            let cycle: [LevelFilter] = [.all] + PreventionLevel.allCases.map(LevelFilter.level) + [.notGiven]
            let i = cycle.firstIndex(of: s.interventionsScreen.level) ?? 0
            let next = cycle[(i + 1) % cycle.count]
            filter(&s, "Showing interventions of \(next.label)") { $0.level = next }
        },
        Binding(
            "interventions.priority", [.char("f")], help: "Filter by the priority served: all, each priority in turn, none given",
            hint: "priority", rank: 21, disabled: onRegister
        ) { s in
            let cycle: [PriorityFilter] = [.all] + s.board.priorities.items.map { .priority($0.id) } + [.none]
            let i = cycle.firstIndex(of: s.interventionsScreen.priority) ?? 0
            let next = cycle[(i + 1) % cycle.count]
            filter(&s, "Showing interventions serving \(s.priorityLabel(next))") { $0.priority = next }
        },
        Binding(
            "interventions.late", [.char("o")], help: "Only interventions with a reach return overdue, or all", hint: "overdue", rank: 22,
            disabled: onRegister
        ) { s in
            let on = !s.interventionsScreen.lateOnly
            filter(&s, on ? "Showing interventions with a return overdue" : "Showing every intervention") { $0.lateOnly = on }
        },
        Binding(
            "interventions.view", [.char("v")], help: "Read the selected intervention or evaluation whole", hint: "view", rank: 19,
            disabled: selectEither
        ) { s in
            if s.interventionsScreen.table == .evaluations, let e = s.selectedEvaluation {
                s.modal = .viewer(Viewer.evaluation(e, s))
            } else if let iv = s.selectedIntervention {
                s.modal = .viewer(Viewer.intervention(iv, s))
            }
        },
    ]

    public static func back(_ s: inout AppState) -> [Effect] {
        if s.interventionsScreen.table != .register {
            s.interventionsScreen.table = .register
            return []
        }
        s.interventionsScreen.level = .all
        s.interventionsScreen.priority = .all
        s.interventionsScreen.lateOnly = false
        rebuild(&s)
        return []
    }

    public static func rebuild(_ s: inout AppState) {
        let b = s.board, q = s.queries[screen] ?? "", today = s.today, year = s.financialYear
        s.interventionsScreen.rebuild(b, query: q, today: today, year: year)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) {
        switch s.interventionsScreen.table {
        case .register: drawInterventions(&f, s, l)
        case .evaluations: drawEvaluations(&f, s, l)
        case .levels: drawLevels(&f, s, l)
        }
    }
    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(l.interventionTable) }

    /// The cursor the shown table moves, and its row count.
    static func withCursor<T>(_ s: inout AppState, _ body: (inout ListCursor, Int) -> T) -> T {
        switch s.interventionsScreen.table {
        case .evaluations: return body(&s.interventionsScreen.evaluationCursor, s.interventionsScreen.evaluations.count)
        case .register, .levels:
            return body(&s.interventionsScreen.cursor, s.interventionsScreen.table == .levels ? 0 : s.interventionsScreen.rows.count)
        }
    }
    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) { withCursor(&s) { $0.move(by: d, count: $1) } }
    public static func reveal(_ s: inout AppState, _ l: Layout) {
        guard s.interventionsScreen.table != .levels else { return }
        withCursor(&s) { $0.reveal(rows: Layout.tableRows(l.interventionTable), count: $1) }
    }
    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let r = l.interventionTable
        guard s.interventionsScreen.table != .levels, r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
        withCursor(&s) { c, count in
            let i = c.scroll + (m.y - r.y - 2)
            if i < count { c.selected = i }
        }
        return []
    }
    public static func selectedItemID(_ s: AppState) -> String? {
        s.interventionsScreen.table == .evaluations ? s.selectedEvaluation?.id : s.selectedIntervention?.id
    }
    public static func searched(_ s: inout AppState) {
        s.interventionsScreen.cursor.selected = 0
        s.interventionsScreen.evaluationCursor.selected = 0
    }

    /// An intervention (in the register, its filters cleared) or an evaluation is shown here, selected.
    public static func shows(_ route: Route) -> Bool {
        switch route {
        case .intervention, .evaluation: true
        default: false
        }
    }

    public static func show(_ route: Route, _ s: inout AppState) {
        s.queries[screen] = nil
        switch route {
        case .intervention(let id):
            s.interventionsScreen.table = .register
            s.interventionsScreen.level = .all
            s.interventionsScreen.priority = .all
            s.interventionsScreen.lateOnly = false
            rebuild(&s)
            if let i = s.interventionsScreen.rows.firstIndex(where: { $0.id == id }) { s.interventionsScreen.cursor.selected = i }
        case .evaluation(let id):
            s.interventionsScreen.table = .evaluations
            rebuild(&s)
            if let i = s.interventionsScreen.evaluations.firstIndex(where: { $0.id == id }) { s.interventionsScreen.evaluationCursor.selected = i }
        default: return
        }
        reveal(&s, Layout(width: s.width, height: s.height))
    }
}

extension AppState {
    public var interventionsScreen: InterventionsScreen.State {
        get { self[state: InterventionsScreen.self] }
        set { self[state: InterventionsScreen.self] = newValue }
    }

    /// The intervention selected on the register (nil while another table shows).
    public var selectedIntervention: Intervention? {
        let st = interventionsScreen
        guard st.table == .register else { return nil }
        return st.rows.indices.contains(st.cursor.selected) ? st.rows[st.cursor.selected] : nil
    }

    /// The evaluation selected while the evaluations show.
    public var selectedEvaluation: Evaluation? {
        let st = interventionsScreen
        guard st.table == .evaluations else { return nil }
        return st.evaluations.indices.contains(st.evaluationCursor.selected) ? st.evaluations[st.evaluationCursor.selected] : nil
    }

    func priorityLabel(_ p: InterventionsScreen.PriorityFilter) -> String {
        switch p {
        case .all: "any priority"
        case .priority(let id): board.priorities[id].map { "priority \($0.number), \($0.title)" } ?? id
        case .none: "no priority recorded"
        }
    }

    /// The financial year the board is in (2021 for 2021/22).
    var financialYear: Int { Quarter(containing: board.programme.asAt).year }
    /// `2021/22`.
    var yearLabel: String { board.programme.asAt.financialYear }
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
    var cols = [Column("ID", Derived.IDWidths.column(s.derived.idWidths.interventions, least: 5)), Column("Intervention")]
    if wide { cols += [Column("Provider", 16, grows: true), Column("Level", 9)] }
    cols += [Column("<25", 6, right: true), Column("25+", 5, right: true), Column("Latest", 13), Column("Returns", 11)]
    if wide { cols.append(Column("Evaluation", 10)) }
    let rows = st.rows
    let total = st.reach
    var filters: [String] = []
    if st.level != .all { filters.append(st.level.label) }
    if st.priority != .all { filters.append("serving \(s.priorityLabel(st.priority))") }
    if st.lateOnly { filters.append("returns overdue") }
    let live = s.board.interventions.items.lazy.filter { !$0.archived }.count
    let title =
        "Commissioned interventions · \(rows.count)\(filters.isEmpty ? "" : " of \(live) · " + filters.joined(separator: ", ")) · reach \(s.yearLabel): "
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
            let late = st.overdue[i]
            if !late.isEmpty { return [Span("\(late.count) overdue", .fail)] }
            // With no start date and no return, nothing is known to be due.
            return iv.start == nil && iv.returns.isEmpty ? [Span("none yet", .muted)] : [Span("on time", .pass)]
        default:
            let evs = st.covering[iv.id] ?? []
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
    let budget = iv.budget.map { Money.format($0) + (iv.budgetIllustrative ? Provenance.illustrativeMark : "") } ?? "not given"
    line([
        Span("Budget ", .muted), Span(budget), Span(" · workstreams ", .muted),
        Span(iv.workstreams.isEmpty ? "-" : iv.workstreams.joined(separator: ", ")),
    ])
    // Its spend against its budget, once any is entered (a on the register).
    if let b = iv.budgetLine(settings: s.board.funding.settings, asAt: s.board.programme.asAt), b.actuals.contains(where: { $0 != nil }) {
        let mark = b.illustrative ? Provenance.illustrativeMark : ""
        line([
            Span("Spent ", .muted), Span("\(Money.format(b.actualToDate))\(mark) (\(Share(b.actualToDate, of: b.budget)))"),
            Span(" · forecast ", .muted), Span(Money.format(b.forecast) + (b.forecastIllustrative ? Provenance.illustrativeMark : "")),
            Span(
                b.variance == 0
                    ? " (on budget)" : " (\(Money.format(b.variance == .min ? .max : abs(b.variance))) \(b.variance > 0 ? "under" : "over"))",
                b.variance >= 0 ? .pass : .fail),
        ])
    }
    let late = s.interventionsScreen.overdue[s.interventionsScreen.cursor.selected]
    if !late.isEmpty {
        line([
            Span("Overdue: ", .fail),
            Span(late.map { "\($0.label) (due \(Intervention.due($0, dueDays: Intervention.dueDays).long))" }.joined(separator: ", "), .fail),
        ])
    }
    if y < lr.maxY { y += f.paragraph("Source: \(iv.source)", in: Rect(x: x, y: y, width: w, height: lr.maxY - y), role: .muted, maxLines: 3) }
    let evs = s.interventionsScreen.covering[iv.id] ?? []
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

private func drawEvaluations(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.interventionsScreen
    let r = l.interventionTable
    let wide = r.width >= 110
    var cols = [
        Column("ID", Derived.IDWidths.column(s.derived.idWidths.evaluations, least: 5)), Column("Evaluation"), Column("Status", 9), Column("Due", 11),
    ]
    if wide { cols += [Column("Type", 18), Column("Commissioned by", 16, grows: true)] }
    cols += [Column("Covers", 7, right: true), Column("Cost", 9, right: true)]
    let evs = st.evaluations
    let open = s.board.evaluations.items.lazy.filter { $0.status != .reported }.count
    let title = "Evaluations · \(evs.count) · \(open) not yet reported"
    f.table(r, title: title, columns: cols, count: evs.count, cursor: st.evaluationCursor, focused: true, empty: "No evaluation matches") { i, c in
        let e = evs[i]
        switch cols[c].title {
        case "ID": return [Span(e.id)]
        case "Evaluation": return [Span(e.title)]
        case "Status": return [Span(e.status.label, e.status == .reported ? .pass : nil)]
        case "Due":
            let overdue = e.status != .reported && (e.due.map { $0 < s.today } ?? false)
            return [Span(e.due?.long ?? (e.dueText.isEmpty ? "-" : e.dueText), overdue ? .fail : e.due == nil && e.dueText.isEmpty ? .muted : nil)]
        case "Type": return [Span(e.kind?.label ?? "not given", e.kind == nil ? .muted : nil)]
        case "Commissioned by": return [Span(e.commissionedBy)]
        case "Covers": return [e.interventions.isEmpty ? Span("-", .muted) : Span("\(e.interventions.count)")]
        default: return [e.cost.map { Span(Money.compact($0) + (e.costIllustrative ? Provenance.illustrativeMark : "")) } ?? Span("-", .muted)]
        }
    }
    let d = l.interventionDetail
    guard let e = s.selectedEvaluation else {
        f.box(d, title: "Evaluation")
        return
    }
    f.box(d, title: "\(e.id) · \(e.title)")
    let inner = d.inset(1)
    let text = Viewer.evaluation(e, s).lines(width: inner.width - 2)
    for (k, (line, role)) in text.prefix(inner.height).enumerated() {
        f.put(line, x: inner.x + 1, y: inner.y + k, role: role, limit: inner.width - 2)
    }
}

private func drawLevels(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.interventionsScreen
    let r = l.interventionTable
    let last = Quarter(containing: s.board.programme.asAt).previousYear.first.financialYear
    let cols = [
        Column("Level"), Column("Interventions", 13, right: true), Column("<25", 7, right: true), Column("25+", 6, right: true),
        Column("<25 \(last)", 12, right: true), Column("25+ \(last)", 12, right: true),
    ]
    // Each level, then all of them together; no row is selected (nothing here to act on).
    let rows = st.levels
    var none = ListCursor()
    none.selected = -1
    f.table(
        r, title: "Reach by prevention level · \(s.yearLabel) against \(last)", columns: cols, count: rows.count, cursor: none, focused: false,
        empty: "No intervention in the register"
    ) { i, c in
        let t = rows[i], total = t.isTotal
        switch c {
        case 0: return [Span(t.label, total ? .heading : t.level == nil ? .muted : nil)]
        case 1: return [Span("\(t.interventions)", total ? .heading : nil)]
        case 2: return [Span(t.under25.grouped, total ? .heading : nil)]
        case 3: return [Span(t.over25.grouped, total ? .heading : nil)]
        case 4: return [t.lastUnder25.map { Span($0.grouped) } ?? Span("no return", .muted)]
        default: return [t.lastOver25.map { Span($0.grouped) } ?? Span("no return", .muted)]
        }
    }
    let d = l.interventionDetail
    f.box(d, title: "The register against the funding split")
    let inner = d.inset(1)
    var y = inner.y
    let x = inner.x + 1, w = inner.width - 2
    guard let roll = st.rollup else { return }
    y += f.paragraph(
        roll.summary, in: Rect(x: x, y: y, width: w, height: inner.maxY - y), role: roll.overCommitted > 0 ? .fail : .normal, maxLines: 2)
    for c in roll.checks where y < inner.maxY {
        f.put(
            checkSpans(c) + [Span(" · \(Money.format(c.actual)) of \(Money.format(c.required)) required", .muted)], x: x, y: y, base: .normal,
            limit: w)
        y += 1
    }
    let spent = st.spent
    if spent.recorded > 0, y < inner.maxY {
        f.put(
            [
                Span("Spent by \(spent.recorded) intervention\(spent.recorded == 1 ? "" : "s") ", .muted), Span(Money.format(spent.interventions)),
                Span(" to date, of the interventions categories' \(Money.format(spent.categories))", .muted),
            ], x: x, y: y, base: .normal, limit: w)
        y += 1
    }
    if roll.withBudget > 0, roll.checks.isEmpty, y < inner.maxY {
        f.put("No evaluation condition is set on the funding screen", x: x, y: y, role: .muted, limit: w)
        y += 1
    }
    let due = s.board.evaluationsDue
    guard y + 1 < inner.maxY else { return }
    y += 1
    f.put("Evaluations not yet reported (\(due.count)), soonest first", x: x, y: y, role: .heading, limit: w)
    y += 1
    for e in due where y < inner.maxY {
        f.put([Span("• \(e.title)"), Span(" · \(e.status.label.lowercased()), due \(e.dueLabel)", .muted)], x: x, y: y, base: .normal, limit: w)
        y += 1
    }
    if roll.illustrative, y < inner.maxY { f.put(Provenance.illustrativeLegend, x: x, y: inner.maxY - 1, role: .muted, limit: w) }
}
