import VRModel

extension Screen {
    public static let workstreams = Screen(id: "workstreams", title: "Workstreams")
}

/// The strategic priorities, and a priority's workstreams with their ratings: where a portfolio
/// officer rates (r), edits (e), adds (n) and archives (x) workstreams.
public enum WorkstreamsScreen: ScreenFeature {
    /// A row of the all-workstreams view: a priority's heading, or one of its workstreams with what
    /// needs attention about it.
    public enum AllRow: Sendable {
        case group(Priority, shown: Int, of: Int)
        case item(Workstream, [Attention])

        public var workstream: Workstream? {
            if case .item(let w, _) = self { return w }
            return nil
        }
    }

    public struct State: FeatureState {
        public var priorityCursor = ListCursor()
        /// The priority whose workstreams are open, or nil for the priority list.
        public var openPriority: String?
        public var workstreamCursor = ListCursor()
        /// Every workstream, grouped by priority (a), narrowed to what needs attention (f, A).
        public var showAll = false
        /// nil: every workstream; else only those needing attention of this kind.
        public var attention: Attention.Kind?
        public var allCursor = ListCursor()
        public private(set) var priorityRows: [Priority] = []
        public private(set) var workstreamRows: [Workstream] = []
        public private(set) var allRows: [AllRow] = []
        /// Live workstreams in all, and how many need attention of any kind (for the view's title).
        public private(set) var liveCount = 0
        public private(set) var attentionCount = 0
        /// The widest reasons of a row listed, worked out with the rows (not a frame at a time).
        public private(set) var widestReasons = 0
        public init() {}

        fileprivate mutating func rebuild(_ b: Board, _ d: Derived, query q: String, today: Day) {
            priorityRows = b.orderedPriorities
            workstreamRows = []
            allRows = []
            if showAll {
                rebuildAll(b, d, query: q, today: today)
            } else if let open = openPriority {
                workstreamRows = (d.workstreamsByPriority[open] ?? []).filter {
                    AppState.matches(q, $0.id, $0.title, b.name(of: $0.lead), b.name(of: $0.sponsor))
                }
            } else {
                priorityRows = b.orderedPriorities.filter { AppState.matches(q, $0.title, $0.id, "\($0.number)") }
            }
            priorityCursor.clamp(count: priorityRows.count)
            workstreamCursor.clamp(count: workstreamRows.count)
            allCursor.clamp(count: allRows.count)
            allCursor.selected = nearestItem(allCursor.selected, step: 1)
        }

        private mutating func rebuildAll(_ b: Board, _ d: Derived, query q: String, today: Day) {
            let lastBoard = b.lastBoard(on: today)
            liveCount = 0
            attentionCount = 0
            widestReasons = 0
            for p in b.orderedPriorities {
                let live = d.workstreamsByPriority[p.id] ?? []
                liveCount += live.count
                var items: [AllRow] = []
                for w in live {
                    let reasons = w.attention(on: today, lastBoard: lastBoard, marked: b.pendingMark(w.boardMarks))
                    if !reasons.isEmpty { attentionCount += 1 }
                    switch attention {
                    case nil: break
                    case .any?: if reasons.isEmpty { continue }
                    case let k?: if !reasons.contains(where: { $0.kind == k }) { continue }
                    }
                    let comments = w.history.map(\.comment).joined(separator: " ")
                    guard AppState.matches(q, w.id, w.title, b.name(of: w.lead), b.name(of: w.sponsor), comments) else { continue }
                    items.append(.item(w, reasons))
                    widestReasons = max(widestReasons, Width.of(reasons.map(\.description).joined(separator: " · ")))
                }
                if !items.isEmpty { allRows += [.group(p, shown: items.count, of: live.count)] + items }
            }
        }

        /// The workstream row nearest `i`, looking first in the direction of `step` (a heading is never selected).
        func nearestItem(_ i: Int, step: Int) -> Int {
            guard !allRows.isEmpty else { return 0 }
            let start = min(max(0, i), allRows.count - 1)
            for dir in [step, -step] {
                var j = start
                while allRows.indices.contains(j) {
                    if allRows[j].workstream != nil { return j }
                    j += dir
                }
            }
            return start
        }
    }

    public static let screen = Screen.workstreams
    public static let opens = true
    public static let goesBack = true
    public static let editable = true
    public static let searchable = true

    static let selectOne = Guard.require("Open a priority's workstreams ({list.open}), or all of them ({workstreams.all}), and select one first") {
        $0.selectedWorkstream != nil
    }

    /// Shows every workstream grouped by priority, narrowed to `attention` (nil: all of them).
    static func showAll(_ s: inout AppState, attention: Attention.Kind?) {
        let keep = s.selectedWorkstream?.id
        s.workstreamsScreen.showAll = true
        s.workstreamsScreen.attention = attention
        s.queries[screen] = nil
        rebuild(&s)
        let rows = s.workstreamsScreen.allRows
        s.workstreamsScreen.allCursor = ListCursor()
        s.workstreamsScreen.allCursor.selected = s.workstreamsScreen.nearestItem(
            rows.firstIndex { $0.workstream?.id == keep && keep != nil } ?? 0, step: 1)
        reveal(&s, Layout(width: s.width, height: s.height))
    }

    /// `A` from anywhere: every workstream that needs attention.
    /// A workstream is shown here (selected under its priority), and so is what needs attention.
    public static func shows(_ route: Route) -> Bool {
        switch route {
        case .workstream, .attention, .priority, .member: true
        default: false
        }
    }

    public static func show(_ route: Route, _ s: inout AppState) {
        switch route {
        case .workstream(let id): if let w = s.board.workstreams[id] { select(w, &s) }
        case .attention: showAll(&s, attention: .any)
        case .member(let id):
            // Every workstream, narrowed to those naming the member as lead or sponsor.
            showAll(&s, attention: nil)
            s.queries[screen] = s.board.name(of: id)
        case .priority(let id):
            s.workstreamsScreen.showAll = false
            s.queries[screen] = nil
            show(priority: id, &s)
        default: break
        }
    }

    public static let bindings: [Binding] = [
        Binding(
            "workstreams.all", [.char("a")], help: "All workstreams, grouped by priority ({workstreams.all} again: the priorities)", hint: "all",
            rank: 20
        ) { s in
            if s.workstreamsScreen.showAll {
                s.workstreamsScreen.showAll = false
                rebuild(&s)
            } else {
                showAll(&s, attention: nil)
            }
        },
        Binding(
            "workstreams.attention", [.char("f")],
            help: "Only what needs attention, then each reason in turn, then every workstream",
            hint: "attention", rank: 21
        ) { s in
            let kinds: [Attention.Kind?] = [nil] + Attention.Kind.allCases
            let now = s.workstreamsScreen.showAll ? s.workstreamsScreen.attention : nil
            let next = s.workstreamsScreen.showAll ? kinds[((kinds.firstIndex(of: now) ?? 0) + 1) % kinds.count] : .any
            showAll(&s, attention: next)
            s.message = next.map { "Showing workstreams that need attention: \($0.rawValue)" } ?? "Showing every workstream"
        },
        Binding(
            "workstreams.view", [.char("v")], help: "Read the selected workstream whole: every rating change and its comment", hint: "view",
            rank: 19, disabled: selectOne
        ) { s in
            if let w = s.selectedWorkstream { s.modal = .viewer(Viewer.workstream(w, s)) }
        },
        Binding(
            "workstreams.rate", [.char("r")], help: "Rate the selected workstream (in-year or overall), with a comment", hint: "rate", rank: 10,
            disabled: Guard.all(selectOne, Guard.writable)
        ) { s in
            if let w = s.selectedWorkstream { s.modal = .rate(RatingForm(workstream: w, kind: .inYear)) }
        },
        Binding(
            "workstreams.edit", [.char("e")], help: "Edit the selected workstream", hint: "edit", rank: 11,
            disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let w = s.selectedWorkstream { s.modal = .form(WorkstreamForm.open(w, board: s.board, priority: w.priority)) }
        },
        Binding(
            "workstreams.new", [.char("n")], help: "Add a workstream (to the open or selected priority)", hint: "new", rank: 12,
            disabled: Guard.writable
        ) { s in
            s.modal = .form(WorkstreamForm.open(nil, board: s.board, priority: s.selectedPriority?.id))
        },
        Binding(
            "workstreams.forBoard", [.char("b")], help: "Mark the selected workstream for the board, with why (or unmark it)",
            hint: "for the board", rank: 36, disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            if let w = s.selectedWorkstream { BoardMarkForm.toggle(&s, .workstream, w.id, marks: w.boardMarks) }
        },
        Binding(
            "workstreams.archive", [.char("x")], help: "Archive the selected workstream (asks first)", hint: "archive", rank: 13,
            disabled: Guard.all(Guard.writable, selectOne)
        ) { s in
            guard let w = s.selectedWorkstream else { return }
            s.modal = .confirm(
                message: "Archive \(w.id) \(w.title)? It leaves the board; its history stays in the journal. (y/n)",
                action: .archiveWorkstream(w.id))
        },
    ]

    public static func rebuild(_ s: inout AppState) {
        let b = s.board, d = s.derived, q = s.queries[screen] ?? "", today = s.today
        s.workstreamsScreen.rebuild(b, d, query: q, today: today)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) {
        let st = s.workstreamsScreen
        if st.showAll {
            drawAllWorkstreams(&f, s, l)
        } else if st.openPriority == nil {
            drawPriorityList(f: &f, s, l)
        } else {
            drawWorkstreamTable(&f, s, l)
        }
    }

    public static func pageRows(_ s: AppState, _ l: Layout) -> Int {
        let st = s.workstreamsScreen
        return st.openPriority == nil && !st.showAll ? Layout.listRows(l.priorityList, perItem: 2) : Layout.tableRows(l.workstreamTable)
    }

    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) {
        let st = s.workstreamsScreen
        if st.showAll {
            var c = st.allCursor
            c.move(by: d, count: st.allRows.count)
            c.selected = st.nearestItem(c.selected, step: d < 0 ? -1 : 1)
            s.workstreamsScreen.allCursor = c
        } else if st.openPriority == nil {
            s.workstreamsScreen.priorityCursor.move(by: d, count: st.priorityRows.count)
        } else {
            s.workstreamsScreen.workstreamCursor.move(by: d, count: st.workstreamRows.count)
        }
    }

    public static func open(_ s: inout AppState) -> [Effect] {
        if s.workstreamsScreen.showAll {
            // Enter on a workstream opens its priority with it selected.
            guard let w = s.selectedWorkstream else { return [] }
            select(w, &s)
            return []
        }
        guard s.workstreamsScreen.openPriority == nil, let p = s.selectedPriority else { return [] }
        s.workstreamsScreen.openPriority = p.id
        s.workstreamsScreen.workstreamCursor = ListCursor()
        s.queries[screen] = nil
        rebuild(&s)
        return []
    }

    /// Typing a search starts again from the first match.
    public static func searched(_ s: inout AppState) {
        s.workstreamsScreen.workstreamCursor.selected = 0
        s.workstreamsScreen.priorityCursor.selected = 0
    }

    /// Opens a priority's workstreams (`vrboard render --priority`).
    public static func show(priority id: String, _ s: inout AppState) {
        s.workstreamsScreen.openPriority = id
        s.workstreamsScreen.workstreamCursor = ListCursor()
        rebuild(&s)
    }

    /// Opens `w`'s priority with `w` selected (Enter in all workstreams, a search hit).
    static func select(_ w: Workstream, _ s: inout AppState) {
        s.workstreamsScreen.showAll = false
        s.queries[screen] = nil
        show(priority: w.priority, &s)
        if let i = s.workstreamsScreen.workstreamRows.firstIndex(where: { $0.id == w.id }) { s.workstreamsScreen.workstreamCursor.selected = i }
        if let i = s.workstreamsScreen.priorityRows.firstIndex(where: { $0.id == w.priority }) { s.workstreamsScreen.priorityCursor.selected = i }
        reveal(&s, Layout(width: s.width, height: s.height))
    }

    public static func canOpen(_ s: AppState) -> Bool {
        let st = s.workstreamsScreen
        return st.showAll ? s.selectedWorkstream != nil : st.openPriority == nil && s.selectedPriority != nil
    }

    public static func canGoBack(_ s: AppState) -> Bool { s.workstreamsScreen.showAll || s.workstreamsScreen.openPriority != nil }

    public static func back(_ s: inout AppState) -> [Effect] {
        if s.workstreamsScreen.showAll {
            s.workstreamsScreen.showAll = false
            rebuild(&s)
            return []
        }
        guard let id = s.workstreamsScreen.openPriority else { return [] }
        s.workstreamsScreen.openPriority = nil
        rebuild(&s)
        if let i = s.workstreamsScreen.priorityRows.firstIndex(where: { $0.id == id }) { s.workstreamsScreen.priorityCursor.selected = i }
        return []
    }

    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let st = s.workstreamsScreen
        if st.showAll {
            let r = l.workstreamTable
            guard r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
            let i = st.allCursor.scroll + (m.y - r.y - 2)
            if i < st.allRows.count, st.allRows[i].workstream != nil { s.workstreamsScreen.allCursor.selected = i }
        } else if st.openPriority == nil {
            let r = l.priorityList
            guard r.contains(x: m.x, y: m.y), m.y > r.y else { return [] }
            let i = st.priorityCursor.scroll + (m.y - r.y - 1) / 2
            guard i < st.priorityRows.count else { return [] }
            if i == st.priorityCursor.selected { return open(&s) }
            s.workstreamsScreen.priorityCursor.selected = i
        } else {
            let r = l.workstreamTable
            guard r.contains(x: m.x, y: m.y), m.y > r.y + 1 else { return [] }
            let i = st.workstreamCursor.scroll + (m.y - r.y - 2)
            if i < st.workstreamRows.count { s.workstreamsScreen.workstreamCursor.selected = i }
        }
        return []
    }

    public static func reveal(_ s: inout AppState, _ l: Layout) {
        let st = s.workstreamsScreen
        s.workstreamsScreen.priorityCursor.reveal(rows: Layout.listRows(l.priorityList, perItem: 2), count: st.priorityRows.count)
        s.workstreamsScreen.workstreamCursor.reveal(rows: Layout.tableRows(l.workstreamTable), count: st.workstreamRows.count)
        s.workstreamsScreen.allCursor.reveal(rows: Layout.tableRows(l.workstreamTable), count: st.allRows.count)
    }

    public static func selectedItemID(_ s: AppState) -> String? { s.selectedWorkstream?.id }
}

extension AppState {
    public var workstreamsScreen: WorkstreamsScreen.State {
        get { self[state: WorkstreamsScreen.self] }
        set { self[state: WorkstreamsScreen.self] = newValue }
    }

    /// The open priority, the selected workstream's in all workstreams, or the one selected in the priority list.
    public var selectedPriority: Priority? {
        let st = workstreamsScreen
        if st.showAll { return selectedWorkstream.flatMap { board.priorities[$0.priority] } }
        if let id = st.openPriority { return board.priorities[id] }
        return st.priorityRows.indices.contains(st.priorityCursor.selected) ? st.priorityRows[st.priorityCursor.selected] : nil
    }

    /// The workstream selected in an open priority's table, or in all workstreams.
    public var selectedWorkstream: Workstream? {
        let st = workstreamsScreen
        if st.showAll { return st.allRows.indices.contains(st.allCursor.selected) ? st.allRows[st.allCursor.selected].workstream : nil }
        return st.workstreamRows.indices.contains(st.workstreamCursor.selected) ? st.workstreamRows[st.workstreamCursor.selected] : nil
    }
}

extension Layout {
    private var priorityListWidth: Int { max(40, min(64, body.width / 2)) }
    public var priorityList: Rect { body.splitLeft(priorityListWidth).0 }
    public var priorityDetail: Rect { body.splitLeft(priorityListWidth).1 }
    public var workstreamTable: Rect { body.splitTop(max(8, body.height * 11 / 20)).0 }
    public var workstreamDetail: Rect { body.splitTop(max(8, body.height * 11 / 20)).1 }
}

private func drawPriorityList(f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.workstreamsScreen
    let r = l.priorityList
    f.box(r, title: "Strategic priorities")
    let inner = r.inset(1)
    let rows = Layout.listRows(r, perItem: 2)
    if st.priorityRows.isEmpty { f.put("No priority matches", x: inner.x + 1, y: inner.y, role: .muted) }
    for i in 0..<min(rows, max(0, st.priorityRows.count - st.priorityCursor.scroll)) {
        let idx = st.priorityCursor.scroll + i
        let p = st.priorityRows[idx]
        let y = inner.y + i * 2
        let selected = idx == st.priorityCursor.selected
        let base: Role = selected ? .selected : .normal
        if selected { f.fill(Rect(x: inner.x, y: y, width: inner.width, height: 2), role: base) }
        // The number column is as wide as the widest number, so priority 10's title does not run into it.
        let numW = Width.of("\(st.priorityRows.map(\.number).max() ?? 1)")
        f.put(" " + Width.pad("\(p.number)", to: numW, alignRight: true) + " ", x: inner.x, y: y, role: selected ? .selected : .heading)
        f.put(p.title, x: inner.x + numW + 2, y: y, role: base, limit: inner.width - numW - 3)
        let counts = s.derived.counts(p.id, threeColour: s.threeColour)
        f.put(
            countSpans(counts, threeColour: s.threeColour, judged: s.derived.judged(p.id)), x: inner.x + numW + 2, y: y + 1, base: base,
            limit: inner.width - numW - 3)
    }
    f.scrollbar(
        Rect(x: inner.x, y: inner.y - 1, width: inner.width, height: inner.height + 1), first: st.priorityCursor.scroll,
        visible: rows, total: st.priorityRows.count)
    f.legend(judged: !s.derived.judgedInYear.isEmpty, on: r)

    let d = l.priorityDetail
    guard let p = s.selectedPriority else {
        f.box(d, title: "Priority")
        return
    }
    f.box(d, title: "Priority \(p.number)")
    let di = d.inset(1).inset(0)
    var y = di.y
    let w = Rect(x: di.x + 1, y: y, width: di.width - 2, height: di.maxY - y)
    y += f.paragraph(p.title, in: w, role: .title, maxLines: 2)
    y += f.paragraph(
        "Sponsor: \(s.board.name(of: p.sponsor))", in: Rect(x: w.x, y: y, width: w.width, height: di.maxY - y), role: .muted, maxLines: 1)
    y += 1
    y += f.paragraph(p.description, in: Rect(x: w.x, y: y, width: w.width, height: di.maxY - y), maxLines: max(2, (di.maxY - y) / 3))
    if y < di.maxY - 2 {
        f.put("Answers the SNA finding:", x: w.x, y: y, role: .heading)
        y += 1
        y += f.paragraph(p.snaFinding, in: Rect(x: w.x, y: y, width: w.width, height: di.maxY - y), role: .muted, maxLines: 2)
    }
    if y < di.maxY - 3 {
        y += f.paragraph("Source: \(p.source)", in: Rect(x: w.x, y: y, width: w.width, height: di.maxY - y), role: .muted, maxLines: 2)
    }
    f.legend(illustrative: s.board.members[p.sponsor]?.isIllustrative == true, on: d)
    let ws = s.derived.workstreamsByPriority[p.id] ?? []
    if y < di.maxY - 1 {
        y += 1
        f.put("Workstreams (\(ws.count)) · " + s.keyed("{list.open} opens"), x: w.x, y: y, role: .heading)
        y += 1
        for wsi in ws where y < di.maxY {
            f.put(
                ragSpans(s.shown(wsi.inYear), judged: wsi.isJudgement(.inYear)) + [Span(" "), Span(wsi.title)], x: w.x, y: y, base: .normal,
                limit: w.width)
            y += 1
        }
    }
}

private func drawWorkstreamTable(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.workstreamsScreen
    guard let p = s.selectedPriority else { return }
    let r = l.workstreamTable
    let wide = r.width >= 110
    var cols = [
        Column("ID", Derived.IDWidths.column(s.derived.idWidths.workstreams, least: 7)), Column("Workstream"),
        Column("Lead", wide ? 20 : 14, grows: true),
    ]
    if wide { cols.append(Column("Sponsor", 18, grows: true)) }
    cols += [Column("In-yr", 5), Column("Overall", 7), Column("Trend", 5), Column("Updated", 11)]
    let rows = st.workstreamRows
    f.table(
        r, title: "\(p.number). \(p.title) · \(rows.count) workstream\(rows.count == 1 ? "" : "s")", columns: cols, count: rows.count,
        cursor: st.workstreamCursor, focused: true, empty: "No workstream matches"
    ) { i, c in
        workstreamCell(rows[i], cols[c].title, s)
    }
    // The legend explains the marks on the rows shown.
    let shown = rows.dropFirst(st.workstreamCursor.scroll).prefix(Layout.tableRows(r))
    f.legend(
        judged: shown.contains { $0.isJudgement(.inYear) || $0.isJudgement(.overall) },
        illustrative: shown.contains {
            s.board.members[$0.lead]?.isIllustrative == true || (wide && s.board.members[$0.sponsor]?.isIllustrative == true)
        }, on: r)
    drawWorkstreamDetail(&f, s, l.workstreamDetail)
}

/// Every workstream, grouped by priority, with what needs attention said in words.
private func drawAllWorkstreams(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let st = s.workstreamsScreen
    let r = l.workstreamTable
    let wide = r.width >= 110
    var cols = [Column("ID", Derived.IDWidths.column(s.derived.idWidths.workstreams, least: 7)), Column("Workstream")]
    // The reasons come before the lead: the lead shows in the detail below, and on a very wide terminal here.
    let showLead = r.width >= 150
    if showLead { cols.append(Column("Lead", 20, grows: true)) }
    // Both ratings at any width: a workstream overall red is seen beside its in-year rating.
    cols += [Column("In-yr", 5), Column("Overall", 7), Column("Trend", 5)]
    // Narrow, the reasons say when a stale workstream was last updated; wide, every row says it.
    if wide { cols.append(Column("Updated", 11)) }
    // The reasons keep room for two of them whole ("for the board · amber/red"); the title gives way
    // (the detail below shows it whole).
    let rows = st.allRows
    cols.append(Column("Needs attention", max(15, min(25, st.widestReasons)), grows: true))
    let shown = rows.filter { $0.workstream != nil }.count
    let title =
        st.attention.map { k in "Needs attention\(k == .any ? "" : ": \(k.rawValue)") · \(shown) of \(st.liveCount) workstreams" }
        ?? "All workstreams · \(st.liveCount) · \(st.attentionCount) need attention" + s.keyed(" ({workstreams.attention})")
    f.table(
        r, title: title, columns: cols, count: rows.count, cursor: st.allCursor, focused: true,
        empty: st.attention == nil ? "No workstream matches" : "Nothing needs attention of this kind",
        band: { i in
            guard case .group(let p, let n, let total) = rows[i] else { return nil }
            return [Span("\(p.number). \(p.title)", .heading), Span(n == total ? " · \(total)" : " · \(n) of \(total)", .muted)]
        }
    ) { i, c in
        guard case .item(let w, let reasons) = rows[i] else { return [] }
        if cols[c].title == "Needs attention" {
            return [Span(reasons.map(\.description).joined(separator: " · "), reasons.isEmpty ? .muted : .fail)]
        }
        return workstreamCell(w, cols[c].title, s)
    }
    let visible = rows.dropFirst(st.allCursor.scroll).prefix(Layout.tableRows(r)).compactMap(\.workstream)
    f.legend(
        judged: visible.contains { $0.isJudgement(.inYear) || $0.isJudgement(.overall) },
        illustrative: showLead && visible.contains { s.board.members[$0.lead]?.isIllustrative == true }, on: r)
    drawWorkstreamDetail(&f, s, l.workstreamDetail)
}

/// A workstream's cell in the column called `column`, in both workstream tables.
private func workstreamCell(_ w: Workstream, _ column: String, _ s: AppState) -> [Span] {
    switch column {
    case "ID": return [Span(w.id)]
    case "Workstream": return [Span(w.title)]
    case "Lead": return [Span(s.board.name(of: w.lead))]
    case "Sponsor": return [Span(s.board.name(of: w.sponsor))]
    case "In-yr": return [Span(" ")] + ragSpans(s.shown(w.inYear), judged: w.isJudgement(.inYear))
    case "Overall": return [Span("  ")] + ragSpans(s.shown(w.overall), judged: w.isJudgement(.overall))
    case "Trend":
        let t = w.trend(.inYear)
        return [Span("  \(t.glyph)", trendRole(t))]
    default: return [Span(w.lastUpdated?.day?.long ?? "-")]
    }
}

func trendRole(_ t: Trend) -> Role {
    switch t {
    case .improving: .pass
    case .declining: .fail
    default: .muted
    }
}

private func drawWorkstreamDetail(_ f: inout Frame, _ s: AppState, _ r: Rect) {
    guard let w = s.selectedWorkstream else {
        f.box(r, title: "Workstream")
        return
    }
    f.box(r, title: "\(w.id) · \(w.title)")
    let inner = r.inset(1)
    let leftW = inner.width >= 100 ? inner.width / 2 : inner.width * 11 / 20
    let (lr, rr) = inner.splitLeft(leftW)
    var y = lr.y
    let x = lr.x + 1, lw = lr.width - 2
    let inYear = [Span("In-year ")] + ragSpans(s.shown(w.inYear), judged: w.isJudgement(.inYear)) + [Span(" \(w.trend(.inYear).word)", .muted)]
    let overall = [Span("Overall ")] + ragSpans(s.shown(w.overall), judged: w.isJudgement(.overall)) + [Span(" \(w.trend(.overall).word)", .muted)]
    // The two ratings on a line when they fit whole, else a line each.
    for line in Span.width(inYear + overall) + 2 <= lw ? [inYear + [Span("  ")] + overall] : [inYear, overall] {
        f.put(line, x: x, y: y, base: .normal, limit: lw)
        y += 1
    }
    f.put("Lead \(s.board.name(of: w.lead)) · Sponsor \(s.board.name(of: w.sponsor))", x: x, y: y, role: .muted, limit: lw)
    y += 1
    y += drawBoardMark(&f, s, w.boardMarks, in: Rect(x: x, y: y, width: lw, height: lr.maxY - y))
    // Where the workstream comes from: its seed paragraphs, or what is illustrative.
    y += f.paragraph("Source: \(w.source)", in: Rect(x: x, y: y, width: lw, height: max(0, lr.maxY - y - 1)), role: .muted, maxLines: 2)
    f.put("Objectives", x: x, y: y, role: .heading)
    y += 1
    for o in w.objectives where y < lr.maxY {
        y += f.bullet(o, in: Rect(x: x, y: y, width: lw, height: lr.maxY - y), maxLines: 2)
    }

    // Latest comment and the rating history, newest first.
    var ry = rr.y
    let rx = rr.x + 1, rw = rr.width - 2
    for yy in rr.y..<rr.maxY { f.put("│", x: rr.x, y: yy, role: .border) }
    f.put("Rating history", x: rx + 1, y: ry, role: .heading)
    ry += 1
    if w.history.isEmpty { f.put("No changes recorded", x: rx + 1, y: ry, role: .muted) }
    // Each change at its board date (the viewer, v, adds the day it was recorded where the two differ).
    for c in w.history.reversed() where ry < rr.maxY {
        var spans: [Span] = [Span((c.day?.long ?? String(c.at.prefix(10))) + " ", .muted), Span(c.kind == .inYear ? "in-year " : "overall ", .muted)]
        if c.isReview {
            spans.append(Span("reviewed ", .muted))
        } else if let from = c.from {
            spans += ragSpans(s.shown(from)) + [Span("→")]
        }
        spans += ragSpans(s.shown(c.to), judged: c.isJudgement) + [Span(" \(s.board.person(c.by, login: c.login))", .muted)]
        f.put(spans, x: rx + 1, y: ry, base: .normal, limit: rw - 1)
        ry += 1
        if ry < rr.maxY { ry += f.paragraph(c.comment, in: Rect(x: rx + 3, y: ry, width: rw - 3, height: rr.maxY - ry), maxLines: 3) }
    }
}

/// An item's mark for the board while its meeting is to come: which meeting, why, by whom; the rows taken.
func drawBoardMark(_ f: inout Frame, _ s: AppState, _ marks: [BoardMark]?, in r: Rect) -> Int {
    guard let m = s.board.pendingMark(marks), r.height > 0 else { return 0 }
    let meeting = s.board.meeting(taking: m).map { "the \($0.date.long) board" } ?? "the next board"
    return f.paragraph(
        "For \(meeting): \(m.why) (\(s.board.name(of: m.by)), \(m.day.long))", in: r, role: .warning, maxLines: 2)
}
