import VRModel

extension Screen {
    public static let outcomes = Screen(id: "outcomes", title: "Outcomes")
}

/// Outcomes against the success measures: the Home Office's three, worded exactly, and the local ones;
/// each with its periods, its change in words and a glyph as well as colour, and a trend of the values
/// entered. r records a value as it comes; n adds a local measure; e edits one.
public enum OutcomesScreen: ScreenFeature {
    public struct State: FeatureState {
        public var cursor = ListCursor()
        public private(set) var rows: [OutcomeMeasure] = []
        public init() {}

        fileprivate mutating func rebuild(_ b: Board, query q: String) {
            rows = b.orderedOutcomes.filter { AppState.matches(q, $0.id, $0.title, $0.note, $0.source) }
            cursor.clamp(count: rows.count)
        }
    }

    public static let screen = Screen.outcomes
    public static let searchable = true
    public static let editable = true

    static let selectOne = Guard.require("Select a measure first") { $0.selectedOutcome != nil }

    public static let bindings: [Binding] = [
        Binding(
            "outcomes.record", [.char("r")], help: "Record a value for the selected measure (a quarter, or a period)", hint: "record", rank: 10,
            disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let o = s.selectedOutcome { s.modal = .form(OutcomeValueForm.open(o, board: s.board)) }
        },
        Binding(
            "outcomes.edit", [.char("e")], help: "Edit the selected measure", hint: "edit", rank: 11, disabled: Guard.all(Guard.writable, selectOne)
        ) {
            s in
            if let o = s.selectedOutcome { s.modal = .form(OutcomeMeasureForm.open(o, board: s.board)) }
        },
        Binding("outcomes.new", [.char("n")], help: "Add a local outcome measure", hint: "new", rank: 12, disabled: Guard.writable) { s in
            s.modal = .form(OutcomeMeasureForm.open(nil, board: s.board))
        },
    ]

    public static func rebuild(_ s: inout AppState) {
        let b = s.board, q = s.queries[screen] ?? ""
        s.outcomesScreen.rebuild(b, query: q)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) { drawOutcomes(&f, s, l) }
    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(l.outcomesTable) }
    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) { s.outcomesScreen.cursor.move(by: d, count: s.outcomesScreen.rows.count) }
    public static func reveal(_ s: inout AppState, _ l: Layout) {
        s.outcomesScreen.cursor.reveal(rows: Layout.tableRows(l.outcomesTable), count: s.outcomesScreen.rows.count)
    }
    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let r = l.outcomesTable
        guard r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
        let i = s.outcomesScreen.cursor.scroll + (m.y - r.y - 2)
        if i < s.outcomesScreen.rows.count { s.outcomesScreen.cursor.selected = i }
        return []
    }
    public static func selectedItemID(_ s: AppState) -> String? { s.selectedOutcome?.id }

    /// An outcome measure is shown here, selected (the search cleared so it is listed).
    public static func shows(_ route: Route) -> Bool { if case .outcome = route { true } else { false } }
    public static func show(_ route: Route, _ s: inout AppState) {
        guard case .outcome(let id) = route else { return }
        s.queries[screen] = nil
        if let i = s.outcomesScreen.rows.firstIndex(where: { $0.id == id }) { s.outcomesScreen.cursor.selected = i }
        reveal(&s, Layout(width: s.width, height: s.height))
    }
    public static func searched(_ s: inout AppState) { s.outcomesScreen.cursor.selected = 0 }
}

extension AppState {
    public var outcomesScreen: OutcomesScreen.State {
        get { self[state: OutcomesScreen.self] }
        set { self[state: OutcomesScreen.self] = newValue }
    }

    public var selectedOutcome: OutcomeMeasure? {
        let st = outcomesScreen
        return st.rows.indices.contains(st.cursor.selected) ? st.rows[st.cursor.selected] : nil
    }
}

extension Layout {
    public var outcomesTable: Rect { body.splitTop(max(8, body.height / 2)).0 }
    public var outcomesDetail: Rect { body.splitTop(max(8, body.height / 2)).1 }
}

/// The change's spans: glyph and words, in the pass colour when better, fail when worse.
func changeSpans(_ o: OutcomeMeasure) -> [Span] {
    let role: Role = o.improving == true ? .pass : o.improving == false ? .fail : .muted
    return [Span(o.glyph + " " + o.words, role)]
}

/// A small trend of a series: one block a value, scaled between its lowest and highest.
func sparkline(_ values: [Double]) -> String {
    let blocks = Array("▁▂▃▄▅▆▇█")
    guard let lo = values.min(), let hi = values.max() else { return "" }
    return String(
        values.map { v in
            // Any value a file could hold draws a block: a step that is not finite is the middle one.
            let step = ((v - lo) / (hi - lo) * 7).rounded()
            return hi == lo || !step.isFinite ? blocks[3] : blocks[min(7, max(0, Int(step)))]
        })
}

private func drawOutcomes(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.outcomesScreen
    let r = l.outcomesTable
    let wide = r.width >= 110
    var cols = [Column("ID", Derived.IDWidths.column(s.derived.idWidths.outcomes, least: 6)), Column("Measure"), Column("Change", 22)]
    if wide { cols += [Column("Periods", 34), Column("Trend", 10)] }
    cols.append(Column("Kind", 11))
    let rows = st.rows
    let better = rows.filter { $0.improving == true }.count, worse = rows.filter { $0.improving == false }.count
    let title =
        "Outcomes · \(rows.count) measures · \(better) better · \(worse) worse · \(rows.count - better - worse) no figure or no change"
    f.table(r, title: title, columns: cols, count: rows.count, cursor: st.cursor, focused: true, empty: "No outcome measure recorded") { i, c in
        let o = rows[i]
        switch cols[c].title {
        case "ID": return [Span(o.id)]
        case "Measure": return [Span(o.title)]
        case "Change": return changeSpans(o)
        case "Periods": return [Span(o.periods.isEmpty ? "-" : o.periods, o.periods.isEmpty ? .muted : nil)]
        case "Trend": return [o.values.count >= 2 ? Span(sparkline(o.series.map(\.value)), .bar) : Span("-", .muted)]
        default: return [Span(o.kind.label, o.kind == .homeOffice ? .heading : nil)]
        }
    }
    let d = l.outcomesDetail
    guard let o = s.selectedOutcome else {
        f.box(d, title: "Measure")
        return
    }
    f.box(d, title: "\(o.id) · \(o.kind.label) measure")
    let inner = d.inset(1)
    var y = inner.y
    let x = inner.x + 1, w = inner.width - 2
    y += f.paragraph(o.title, in: Rect(x: x, y: y, width: w, height: min(2, inner.maxY - y)), role: .heading, maxLines: 2)
    if y < inner.maxY {
        f.put(
            [Span("Change ", .muted)] + changeSpans(o) + [Span(o.periods.isEmpty ? "" : " · \(o.periods)", .muted)], x: x, y: y, base: .normal,
            limit: w)
        y += 1
    }
    if !o.note.isEmpty, y < inner.maxY {
        y += f.paragraph(o.note, in: Rect(x: x, y: y, width: w, height: inner.maxY - y), role: .normal, maxLines: 3)
    }
    if y < inner.maxY { y += f.paragraph("Source: \(o.source)", in: Rect(x: x, y: y, width: w, height: inner.maxY - y), role: .muted, maxLines: 2) }
    // The values as bars, newest last, scaled to the largest.
    let series = o.series
    guard !series.isEmpty, y + 1 < inner.maxY else {
        if y < inner.maxY { f.put(s.keyed("No value entered yet: {outcomes.record} records one as it comes"), x: x, y: y, role: .muted, limit: w) }
        return
    }
    y += 1
    let peak = max(1e-9, series.map { abs($0.value) }.max() ?? 1)
    let labelW = min(28, series.map { Width.of($0.period) }.max() ?? 10)
    let numW = series.map { Width.of(OutcomeMeasure.format($0.value)) }.max() ?? 1
    let barW = max(1, w - labelW - numW - 3)
    for v in series.suffix(max(0, inner.maxY - y)) {
        let n = max(v.value == 0 ? 0 : 1, Int(abs(v.value) / peak * Double(barW)))
        f.put(
            [
                Span(Width.pad(Width.truncate(v.period, to: labelW), to: labelW) + " ", .muted), Span(String(repeating: "█", count: n), .bar),
                Span(
                    " " + OutcomeMeasure.format(v.value) + (v.source.map { Provenance.isIllustrative($0) ? Provenance.illustrativeMark : "" } ?? "")),
            ], x: x, y: y, base: .normal, limit: w)
        y += 1
    }
}
