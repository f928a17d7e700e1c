import VRModel

extension Screen {
    public static let risks = Screen(id: "risks", title: "Risks")
}

public enum RiskSort: String, CaseIterable, Sendable {
    case residual = "residual score", owner, review = "review date", status = "status (escalated first)"
}

/// The risk register: the table (sorted, filtered by band or by a heat-map cell), the heat map of open
/// risks, and the selected risk's detail with its mitigating actions.
public enum RisksScreen: ScreenFeature {
    public struct State: FeatureState {
        public var cursor = ListCursor()
        public var sort: RiskSort = .residual
        public var bandFilter: Band?
        /// The heat map has the keyboard (m): arrows move its cell, Enter filters by it.
        public var heatFocus = false
        public var heatCell = Score(likelihood: 3, impact: 3)
        public var heatFilter: Score?
        public private(set) var rows: [Risk] = []
        public init() {}

        fileprivate mutating func rebuild(_ b: Board, query q: String) {
            var risks = b.risks.items.filter { r in
                (bandFilter == nil || r.band == bandFilter) && (heatFilter == nil || (r.residual == heatFilter && r.status == .open))
                    && AppState.matches(q, r.id, r.title, r.category, b.name(of: r.owner))
            }
            switch sort {
            case .residual:
                risks.sort { ($0.status == .open ? 0 : 1, -$0.residual.value, $0.id) < ($1.status == .open ? 0 : 1, -$1.residual.value, $1.id) }
            case .owner:
                risks.sort { (b.name(of: $0.owner), $0.id) < (b.name(of: $1.owner), $1.id) }
            case .review:
                risks.sort { ($0.status == .open ? 0 : 1, $0.nextReview, $0.id) < ($1.status == .open ? 0 : 1, $1.nextReview, $1.id) }
            case .status:
                // Open before closed (not the alphabet's "closed" < "open"); of the open, those escalated to the
                // board first; then by residual score.
                risks.sort {
                    ($0.status == .open ? 0 : 1, $0.escalate ? 0 : 1, -$0.residual.value, $0.id)
                        < ($1.status == .open ? 0 : 1, $1.escalate ? 0 : 1, -$1.residual.value, $1.id)
                }
            }
            rows = risks
            cursor.clamp(count: rows.count)
        }
    }

    public static let screen = Screen.risks
    public static let opens = true
    public static let goesBack = true
    public static let editable = true
    public static let searchable = true

    static let selectOne = Guard.require("Select a risk first") { $0.selectedRisk != nil }

    public static let bindings: [Binding] = [
        Binding("risks.view", [.char("v")], help: "Read the selected risk whole: description, causes, every action", disabled: selectOne) { s in
            if let r = s.selectedRisk { s.modal = .viewer(Viewer.risk(r, s)) }
        },
        Binding("risks.sort", [.char("s")], help: "Sort by residual score, owner, review date, status", hint: "sort", rank: 20) { s in
            let all = RiskSort.allCases
            s.risksScreen.sort = all[((all.firstIndex(of: s.risksScreen.sort) ?? 0) + 1) % all.count]
            s.risksScreen.cursor.selected = 0
            rebuild(&s)
            s.message = "Risks sorted by \(s.risksScreen.sort.rawValue)"
        },
        Binding("risks.band", [.char("f")], help: "Filter by band: all, very high, high, medium, low", hint: "band", rank: 21) { s in
            let cycle: [Band?] = [nil, .veryHigh, .high, .medium, .low]
            let i = cycle.firstIndex(where: { $0 == s.risksScreen.bandFilter }) ?? 0
            s.risksScreen.bandFilter = cycle[(i + 1) % cycle.count]
            s.risksScreen.cursor.selected = 0
            rebuild(&s)
            s.message = s.risksScreen.bandFilter.map { "Showing \($0.name.lowercased()) risks only" } ?? "Showing risks of every band"
        },
        Binding("risks.heatMap", [.char("m")], help: "Move into the heat map ({list.open} filters by the cell)", hint: "heat map", rank: 22) { s in
            s.risksScreen.heatFocus.toggle()
            if s.risksScreen.heatFocus, let r = s.selectedRisk, r.residual.isValid { s.risksScreen.heatCell = r.residual }
        },
        Binding(
            "risks.actions", [.char("a")], help: "The selected risk's mitigating actions: add, edit, complete", hint: "actions", rank: 17,
            disabled: selectOne
        ) { s in
            if let r = s.selectedRisk { s.modal = .actions(riskID: r.id) }
        },
        Binding("risks.edit", [.char("e")], help: "Edit the selected risk", hint: "edit", rank: 11, disabled: Guard.all(Guard.writable, selectOne)) {
            s in
            if let r = s.selectedRisk { s.modal = .form(RiskForm.open(r, board: s.board, today: s.today)) }
        },
        Binding("risks.new", [.char("n")], help: "Add a risk", hint: "new", rank: 12, disabled: Guard.writable) { s in
            s.modal = .form(RiskForm.open(nil, board: s.board, today: s.today))
        },
        Binding(
            "risks.forBoard", [.char("b")], help: "Mark the selected risk for the board, with why (or unmark it)", hint: "for the board",
            rank: 36, disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let r = s.selectedRisk { BoardMarkForm.toggle(&s, .risk, r.id, marks: r.boardMarks) }
        },
        Binding(
            "risks.close", [.char("x")], help: "Close the selected risk with a reason, or reopen a closed one (asks first)", hint: "close",
            rank: 13, disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            guard let r = s.selectedRisk else { return }
            if r.status == .closed {
                s.modal = .confirm(message: "Reopen \(r.id) \(r.title)? (y/n)", action: .reopenRisk(r.id))
            } else {
                s.modal = .form(CloseRiskForm.open(r, board: s.board))
            }
        },
    ]

    public static func rebuild(_ s: inout AppState) {
        let b = s.board, q = s.queries[screen] ?? ""
        s.risksScreen.rebuild(b, query: q)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) { drawRisks(&f, s, l) }

    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(l.riskTable(s)) }

    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) {
        if s.risksScreen.heatFocus {
            let c = s.risksScreen.heatCell
            s.risksScreen.heatCell.likelihood = min(5, max(1, c.likelihood - (d > 0 ? 1 : -1) * min(abs(d), 4)))
        } else {
            s.risksScreen.cursor.move(by: d, count: s.risksScreen.rows.count)
        }
    }

    public static func left(_ s: inout AppState) -> [Effect] {
        guard s.risksScreen.heatFocus else { return back(&s) }
        s.risksScreen.heatCell.impact = max(1, s.risksScreen.heatCell.impact - 1)
        return []
    }

    public static func right(_ s: inout AppState) -> [Effect] {
        if s.risksScreen.heatFocus {
            s.risksScreen.heatCell.impact = min(5, s.risksScreen.heatCell.impact + 1)
            return []
        }
        return open(&s)
    }

    /// Enter in the heat map filters the table by its cell.
    public static func open(_ s: inout AppState) -> [Effect] {
        guard s.risksScreen.heatFocus else { return [] }
        let cell = s.risksScreen.heatCell
        s.risksScreen.heatFilter = cell
        s.risksScreen.heatFocus = false
        s.risksScreen.cursor = ListCursor()
        rebuild(&s)
        s.message = "Risks scored likelihood \(cell.likelihood) × impact \(cell.impact); " + s.keyed("{list.back} shows all")
        return []
    }

    public static func canOpen(_ s: AppState) -> Bool { s.risksScreen.heatFocus }

    public static func canGoBack(_ s: AppState) -> Bool {
        s.risksScreen.heatFocus || s.risksScreen.heatFilter != nil || s.risksScreen.bandFilter != nil
    }

    public static func back(_ s: inout AppState) -> [Effect] {
        if s.risksScreen.heatFocus {
            s.risksScreen.heatFocus = false
            return []
        }
        if s.risksScreen.heatFilter != nil {
            s.risksScreen.heatFilter = nil
        } else if s.risksScreen.bandFilter != nil {
            s.risksScreen.bandFilter = nil
        }
        rebuild(&s)
        return []
    }

    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        if let cell = l.heatCell(atX: m.x, y: m.y, s) {
            s.risksScreen.heatCell = cell
            s.risksScreen.heatFilter = cell
            s.risksScreen.cursor = ListCursor()
            rebuild(&s)
        } else if l.riskTable(s).contains(x: m.x, y: m.y), m.y > l.riskTable(s).y + 1 {
            let i = s.risksScreen.cursor.scroll + (m.y - l.riskTable(s).y - 2)
            if i < s.risksScreen.rows.count { s.risksScreen.cursor.selected = i }
        }
        return []
    }

    public static func reveal(_ s: inout AppState, _ l: Layout) {
        s.risksScreen.cursor.reveal(rows: Layout.tableRows(l.riskTable(s)), count: s.risksScreen.rows.count)
    }

    public static func selectedItemID(_ s: AppState) -> String? { s.selectedRisk?.id }

    /// A risk is shown here, selected, with the filters that would hide it cleared.
    public static func shows(_ route: Route) -> Bool { if case .risk = route { true } else { false } }
    public static func show(_ route: Route, _ s: inout AppState) {
        guard case .risk(let id) = route else { return }
        s.risksScreen.bandFilter = nil
        s.risksScreen.heatFilter = nil
        s.risksScreen.heatFocus = false
        s.queries[screen] = nil
        rebuild(&s)
        if let i = s.risksScreen.rows.firstIndex(where: { $0.id == id }) { s.risksScreen.cursor.selected = i }
        reveal(&s, Layout(width: s.width, height: s.height))
    }

    /// Typing a search starts again from the first match.
    public static func searched(_ s: inout AppState) { s.risksScreen.cursor.selected = 0 }

    /// Leaving (or searching) takes the keyboard out of the heat map.
    public static func leave(_ s: inout AppState) { s.risksScreen.heatFocus = false }
}

extension AppState {
    public var risksScreen: RisksScreen.State {
        get { self[state: RisksScreen.self] }
        set { self[state: RisksScreen.self] = newValue }
    }

    public var selectedRisk: Risk? {
        let st = risksScreen
        return st.rows.indices.contains(st.cursor.selected) ? st.rows[st.cursor.selected] : nil
    }
}

extension Layout {
    /// The cells a heat-map column takes: 4 for counts up to 99, one more per digit beyond, so a count of
    /// up to 99,999 shows whole.
    public static func heatPitch(_ grid: [[Int]]) -> Int {
        let digits = String(grid.joined().max() ?? 0).count
        return digits <= 2 ? 4 : digits + 2
    }
    public static func heatWidth(_ pitch: Int) -> Int { 29 + 5 * (pitch - 4) }

    /// `    I1  I2  I3  I4  I5`, each under its column.
    public static func impactLabels(_ pitch: Int) -> String {
        "    " + (1...5).map { Width.pad("I\($0)", to: pitch) }.joined().trimmingCharacters(in: .whitespaces)
    }

    public var riskTop: Rect { body.splitTop(max(11, body.height * 11 / 20)).0 }
    public func riskTable(_ s: AppState) -> Rect { riskTop.splitLeft(riskTop.width - Layout.heatWidth(Layout.heatPitch(s.derived.heatGrid))).0 }
    public func heatMap(_ s: AppState) -> Rect { riskTop.splitLeft(riskTop.width - Layout.heatWidth(Layout.heatPitch(s.derived.heatGrid))).1 }
    public var riskDetail: Rect { body.splitTop(max(11, body.height * 11 / 20)).1 }

    /// The heat-map cell under a point: (likelihood, impact).
    public func heatCell(atX x: Int, y: Int, _ s: AppState) -> Score? {
        let r = heatMap(s)
        let pitch = Layout.heatPitch(s.derived.heatGrid)
        let gridX = r.x + 5, gridY = r.y + 1
        let col = (x - gridX) / pitch, row = y - gridY
        guard x >= gridX, (0..<5).contains(col), (0..<5).contains(row) else { return nil }
        return Score(likelihood: 5 - row, impact: col + 1)
    }
}

private func drawRisks(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.risksScreen
    let rows = st.rows
    let tr = l.riskTable(s)
    var cols = [Column("ID", Derived.IDWidths.column(s.derived.idWidths.risks, least: 4)), Column("Risk")]
    if tr.width >= 70 { cols.append(Column("Owner", tr.width >= 90 ? 18 : 14, grows: true)) }
    cols.append(Column("Score", 7))
    if tr.width >= 110 { cols.append(Column("Response", 9)) }
    cols.append(Column("Review", tr.width >= 90 ? 19 : 11))
    if tr.width >= 70 { cols.append(Column("Status", 6)) }
    var title = "Risk register · \(rows.count) · by \(st.sort.rawValue)"
    if let b = st.bandFilter { title += " · \(b.name.lowercased()) only" }
    if let h = st.heatFilter { title += " · L\(h.likelihood)×I\(h.impact)" }
    f.table(
        tr, title: title, columns: cols, count: rows.count, cursor: st.cursor, focused: !st.heatFocus, empty: "No risk matches"
    ) { i, c in
        let r = rows[i]
        switch cols[c].title {
        case "ID": return [Span(r.id)]
        case "Risk": return [Span(r.isEscalated(threshold: s.board.programme.escalationThreshold) ? "▲ " : "", .warning), Span(r.title)]
        case "Owner": return [Span(s.board.name(of: r.owner))]
        case "Score": return [Span(Width.pad("\(r.residual.value)", to: 2, alignRight: true) + " " + Width.pad(r.band.letter, to: 2), r.band.role)]
        case "Response": return [Span(r.response.rawValue)]
        case "Review":
            // Overdue in words, not only in colour (NO_COLOR, a projector): with the date where there is room.
            if r.status == .closed { return [Span("closed", .muted)] }
            guard r.isOverdue(on: s.today) else { return [Span(r.nextReview.long)] }
            return [Span(tr.width >= 90 ? "\(r.nextReview.long) overdue" : "overdue", .fail)]
        case "Status": return [Span(r.status.rawValue, r.status == .closed ? .muted : nil)]
        default: return []
        }
    }
    // The legend explains the marks on the rows shown.
    let shown = rows.dropFirst(st.cursor.scroll).prefix(Layout.tableRows(tr))
    f.legend(illustrative: cols.contains { $0.title == "Owner" } && shown.contains { s.board.members[$0.owner]?.isIllustrative == true }, on: tr)
    drawHeatMap(&f, s, l.heatMap(s))
    drawRiskDetail(&f, s, l.riskDetail)
}

private func drawHeatMap(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    let st = s.risksScreen
    f.box(r, title: s.keyed(st.heatFocus ? "Heat map · {list.open} filters" : "Heat map ({risks.heatMap})"), role: st.heatFocus ? .heading : .border)
    let grid = s.derived.heatGrid
    let pitch = Layout.heatPitch(grid), cellW = pitch - 1
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
            let isCursor = st.heatFocus && st.heatCell == Score(likelihood: lik, impact: imp)
            let isFilter = st.heatFilter == Score(likelihood: lik, impact: imp)
            let count = n == 0 ? "" : "\(n)"
            let text =
                isCursor || isFilter
                ? "[" + Width.pad(n == 0 ? " " : count, to: cellW - 2, alignRight: true) + "]"
                : (n == 0 ? Width.pad(" ·", to: cellW) : Width.pad(count, to: cellW - 1, alignRight: true) + " ")
            f.put(" " + Width.pad(text, to: cellW), x: gx + col * pitch - 1, y: y, role: isCursor ? .heatSelected : (n == 0 ? .heatEmpty : band.role))
        }
    }
    let ly = r.y + 6
    if ly < r.maxY - 1 { f.put(Layout.impactLabels(pitch), x: r.x + 1, y: ly, role: .muted, limit: r.width - 2) }
    if ly + 1 < r.maxY - 1 { f.put("Likelihood × Impact", x: r.x + 3, y: ly + 1, role: .muted, limit: r.width - 4) }
    if ly + 2 < r.maxY - 1 {
        f.put("\(s.derived.openRisks) open · \(s.derived.escalated.count) escalated", x: r.x + 3, y: ly + 2, role: .normal, limit: r.width - 4)
    }
}

private func drawRiskDetail(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    guard let k = s.selectedRisk else {
        f.box(r, title: "Risk")
        return
    }
    f.box(r, title: "\(k.id) · \(k.title)")
    let inner = r.inset(1)
    let (lr, rr) = inner.splitLeft(inner.width / 2)
    let x = lr.x + 1, w = lr.width - 2
    var y = lr.y
    let esc = k.isEscalated(threshold: s.board.programme.escalationThreshold)
    // Escalated first, so a narrow pane cuts the proximity, never the escalation.
    if esc {
        f.put("▲ escalated to the board", x: x, y: y, role: .warning, limit: w)
        y += 1
    }
    y += f.paragraph(
        "\(k.category) · owner \(s.board.name(of: k.owner)) · \(k.proximity)", in: Rect(x: x, y: y, width: w, height: 2), role: .muted, maxLines: 2)
    y += drawBoardMark(&f, s, k.boardMarks, in: Rect(x: x, y: y, width: w, height: lr.maxY - y))
    for (name, sc) in [("Inherent", k.inherent), ("Residual", k.residual), ("Target", k.target)] where y < lr.maxY {
        // The score and band first: a narrow pane cuts the words after them, never the point of the line.
        f.put(
            [
                Span(Width.pad(name, to: 9), .heading), Span("\(sc.value) \(sc.band.name)", sc.band.role),
                Span(" = L\(sc.likelihood) \(sc.likelihoodName) × I\(sc.impact) \(sc.impactName)"),
            ], x: x, y: y, base: .normal, limit: w)
        y += 1
    }
    if y < lr.maxY {
        // Overdue first, so a narrow pane cuts the rest, never the warning.
        let status =
            k.status == .closed
            ? "closed: \(k.closedReason ?? "")"
            : k.isOverdue(on: s.today)
                ? "Review overdue since \(k.nextReview.long) · open, \(k.response.rawValue)"
                : "open, \(k.response.rawValue); next review \(k.nextReview.long)"
        f.put(status, x: x, y: y, role: k.isOverdue(on: s.today) ? .fail : .muted, limit: w)
        y += 1
    }
    if y < lr.maxY {
        f.put("Causes", x: x, y: y, role: .heading)
        y += 1
    }
    for c in k.causes where y < lr.maxY { y += f.bullet(c, in: Rect(x: x, y: y, width: w, height: lr.maxY - y), maxLines: 2) }
    if y < lr.maxY { y += f.paragraph(k.description, in: Rect(x: x, y: y, width: w, height: lr.maxY - y), role: .muted) }

    for yy in rr.y..<rr.maxY { f.put("│", x: rr.x, y: yy, role: .border) }
    let rx = rr.x + 2, rw = rr.width - 3
    var ry = rr.y
    f.put("Mitigating actions (\(k.actions.count))", x: rx, y: ry, role: .heading)
    ry += 1
    if k.actions.isEmpty { f.put("None recorded", x: rx, y: ry, role: .muted) }
    for a in k.actions where ry < rr.maxY {
        let late = a.status != .done && a.due < s.today
        let role: Role = a.status == .done ? .pass : (late ? .fail : .muted)
        let mark = a.status == .done ? "✓" : a.status == .inProgress ? "◐" : "○"
        f.put([Span(mark + " ", role), Span(a.action)], x: rx, y: ry, base: .normal, limit: rw)
        ry += 1
        if ry < rr.maxY {
            f.put(
                "  \(a.owner) · due \(a.due.long) · \(a.status.label)" + (late ? " · overdue" : ""), x: rx, y: ry,
                role: role == .pass ? .muted : role,
                limit: rw)
            ry += 1
        }
    }
    if ry < rr.maxY - 1 {
        ry += 1
        ry += f.paragraph("Source: \(k.source)", in: Rect(x: rx, y: ry, width: rw, height: rr.maxY - ry), role: .muted, maxLines: 3)
    }
    f.legend(illustrative: s.board.members[k.owner]?.isIllustrative == true, on: r)
}
