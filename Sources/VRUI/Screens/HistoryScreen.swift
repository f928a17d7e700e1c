import VRModel
import VRStore
import VRStoreAPI

extension Screen {
    public static let history = Screen(id: "history", title: "History")
}

/// The history of changes from the journal, newest first: every change, or one item's (f, or H from
/// the item). The runtime reads it a page at a time, without holding the board up: the first page when
/// the screen opens or the board changes, the next as the cursor nears the end of what is loaded.
public enum HistoryScreen: ScreenFeature {
    public struct State: FeatureState {
        /// Loaded by the runtime from the journal, newest first: the pages read so far.
        public var items: [HistoryItem] = []
        /// Older changes follow what is loaded.
        public var more = false
        /// The page asked for and not yet arrived (keys keep working meanwhile).
        public var loading: HistoryRequest?
        /// Why the journal could not be read, shown instead of an empty history.
        public var error: String?
        /// Show only this item's changes.
        public var filter: String?
        public var cursor = ListCursor()
        /// The item selected when the history screen was opened, for `f`.
        public var lastItemID: String?
        /// The screen the history was opened from: Esc goes back to it once no filter is left to clear.
        public var cameFrom: Screen?
        public private(set) var rows: [HistoryItem] = []
        public init() {}

        fileprivate mutating func rebuild(query q: String) {
            rows = items.filter { (filter == nil || $0.id == filter) && AppState.matches(q, $0.id, $0.who, $0.note) }
            cursor.clamp(count: rows.count)
        }
    }

    public static let screen = Screen.history
    public static let goesBack = true
    public static let searchable = true
    public static let opens = true

    public static func canOpen(_ s: AppState) -> Bool { s.historyScreen.rows.indices.contains(s.historyScreen.cursor.selected) }

    /// Enter reads the selected change whole: its note, and the fields it changed with their old and new values.
    public static func open(_ s: inout AppState) -> [Effect] {
        let st = s.historyScreen
        guard st.rows.indices.contains(st.cursor.selected) else { return [] }
        let item = st.rows[st.cursor.selected]
        s.modal = .viewer(Viewer.change(item, s))
        return [.loadEntry(item)]
    }

    public static let bindings: [Binding] = [
        Binding(
            "history.filter", [.char("f")], help: "Show every change, or only the item you came from", hint: "filter", rank: 20,
            disabled: { s in
                s.historyScreen.filter == nil && s.historyScreen.lastItemID == nil
                    ? "Open the history from an item ({edit.itemHistory}) to filter by it" : nil
            }
        ) { s, _ in
            if s.historyScreen.filter != nil {
                s.historyScreen.filter = nil
                s.message = "Showing every change"
            } else if let last = s.historyScreen.lastItemID {
                s.historyScreen.filter = last
                s.message = "Showing changes to \(last)"
            }
            return reload(&s)
        }
    ]

    public static func rebuild(_ s: inout AppState) {
        let q = s.queries[screen] ?? ""
        s.historyScreen.rebuild(query: q)
    }

    /// The journal could not be read: say why, never show an empty history.
    static func loaded(_ s: inout AppState, _ items: [HistoryItem], error: String?) {
        s.historyScreen.items = items
        s.historyScreen.more = false
        s.historyScreen.loading = nil
        s.historyScreen.error = error
        rebuild(&s)
    }

    /// A page arrived: the first replaces what was shown, a later one is added below it. A page for a
    /// request no longer wanted (the filter changed meanwhile) is dropped.
    static func loaded(_ s: inout AppState, _ items: [HistoryItem], more: Bool, for request: HistoryRequest?) {
        if let request, request != s.historyScreen.loading { return }
        if request?.before == nil {
            s.historyScreen.items = items
        } else {
            s.historyScreen.items += items
        }
        s.historyScreen.more = more
        s.historyScreen.loading = nil
        s.historyScreen.error = nil
        rebuild(&s)
    }

    /// Asks for the newest page again (the screen opened, the filter or the board changed).
    static func reload(_ s: inout AppState) -> [Effect] {
        let request = HistoryRequest(id: s.historyScreen.filter)
        s.historyScreen.loading = request
        rebuild(&s)
        return [.loadHistory(request)]
    }

    /// The next page, when the cursor is within a screen of the end of what is loaded and more follows.
    static func nextPage(_ s: inout AppState) -> [Effect] {
        let st = s.historyScreen
        guard st.more, st.loading == nil, let last = st.items.last,
            st.cursor.selected + pageRows(s, Layout(width: s.width, height: s.height)) >= st.rows.count
        else { return [] }
        let request = HistoryRequest(id: st.filter, before: last.seq)
        s.historyScreen.loading = request
        return [.loadHistory(request)]
    }

    /// One item's history (H from its screen) is shown here.
    public static func shows(_ route: Route) -> Bool { if case .history = route { true } else { false } }
    public static func show(_ route: Route, _ s: inout AppState) {
        guard case .history(let id) = route else { return }
        s.historyScreen.filter = id
        s.historyScreen.cursor = ListCursor()
        rebuild(&s)
    }

    /// Another terminal's save (or this one's) shows at once: the newest page again.
    public static func boardChanged(_ s: inout AppState) -> [Effect] { reload(&s) }

    /// Scrolling near the end of the history loaded so far asks for the next page.
    public static func afterInput(_ s: inout AppState) -> [Effect] { nextPage(&s) }

    /// Opening the history remembers the item it came from (for f) and asks for the newest page.
    public static func enter(_ s: inout AppState, from previous: Screen) -> [Effect] {
        if previous != screen {
            s.historyScreen.lastItemID = s.selectedItemID ?? s.historyScreen.lastItemID
            s.historyScreen.cameFrom = previous
        }
        return reload(&s)
    }

    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(areas(l).table) }

    /// Under 120 columns the change's column is narrow, so the selected change is shown whole in a box
    /// under the table (Enter still opens it with the fields it changed).
    static func areas(_ l: Layout) -> (table: Rect, detail: Rect?) {
        let r = l.body
        guard r.width < 120, r.height >= 14 else { return (r, nil) }
        let (table, detail) = r.splitTop(r.height - min(8, r.height / 3))
        return (table, detail)
    }

    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) {
        s.historyScreen.cursor.move(by: d, count: s.historyScreen.rows.count)
    }

    public static func canGoBack(_ s: AppState) -> Bool { s.historyScreen.filter != nil || s.historyScreen.cameFrom != nil }

    public static func back(_ s: inout AppState) -> [Effect] {
        if s.historyScreen.filter != nil {
            // The whole history: its newest page read again (the page shown was the item's).
            s.historyScreen.filter = nil
            return reload(&s)
        }
        if let previous = s.historyScreen.cameFrom { return switchScreen(&s, to: previous) }
        return []
    }

    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        // Rows of the table only (not the box under it that shows the selected change).
        let r = areas(l).table
        guard m.y > r.y + 1, m.y < r.maxY - 1 else { return [] }
        let i = s.historyScreen.cursor.scroll + (m.y - r.y - 2)
        if i < s.historyScreen.rows.count { s.historyScreen.cursor.selected = i }
        return []
    }

    public static func reveal(_ s: inout AppState, _ l: Layout) {
        s.historyScreen.cursor.reveal(rows: pageRows(s, l), count: s.historyScreen.rows.count)
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) {
        let st = s.historyScreen
        let rows = st.rows
        let count = "\(rows.count)\(st.more ? "+" : "") change\(rows.count == 1 && !st.more ? "" : "s")"
        var title = st.error == nil ? "History · \(count) · newest first" : "History · the journal cannot be read"
        if let id = st.filter { title += " · \(id) only" + s.keyed(" ({history.filter} shows all)") }
        if st.loading != nil { title += " · loading…" } else if st.more { title += " · older ones load as you scroll" }
        let (table, detail) = areas(l)
        let cols = [
            Column("#", 6, right: true), Column("When", 19), Column("Who", 14, grows: true), Column("Item", 16, grows: true), Column("Change"),
        ]
        if let detail { drawDetail(&f, s, detail) }
        f.table(
            table, title: title, columns: cols, count: rows.count, cursor: st.cursor, focused: true,
            empty: st.error.map { "The journal cannot be read: \($0)" }
                ?? (st.loading != nil && st.items.isEmpty ? "Loading…" : st.items.isEmpty ? "No changes recorded yet" : "No change matches")
        ) { i, c in
            let h = rows[i]
            switch c {
            case 0: return [Span("\(h.seq)", .muted)]
            case 1: return [Span(h.shownAt)]
            case 2: return [Span(h.who)]
            case 3: return [Span("\(h.id) r\(h.rev)", .heading)]
            // One line here (Enter shows the note whole, its paragraphs kept).
            default: return [Span(h.note.split(whereSeparator: \.isNewline).joined(separator: " "))]
            }
        }
    }

    /// The selected change whole: who made it (their login beside), when, the item, and its note wrapped.
    static func drawDetail(_ f: inout Frame, _ s: AppState, _ r: Rect) {
        let st = s.historyScreen
        guard st.rows.indices.contains(st.cursor.selected) else {
            f.box(r, title: "Change")
            return
        }
        let h = st.rows[st.cursor.selected]
        f.box(r, title: "#\(h.seq) · \(h.id) r\(h.rev) · \(h.shownAt)")
        let inner = r.inset(1)
        let x = inner.x + 1, w = inner.width - 2
        f.put(s.board.person(h.by, login: h.login), x: x, y: inner.y, role: .muted, limit: w)
        let room = Rect(x: x, y: inner.y + 1, width: w, height: inner.height - 1)
        // A note longer than the box keeps its last row to say where the rest is.
        let whole = Width.wrap(h.note, to: w, limit: room.height + 1).count <= room.height
        f.paragraph(h.note, in: room, role: .normal, maxLines: whole ? room.height : room.height - 1)
        if !whole { f.put(s.keyed("{list.open} reads it whole, with the fields it changed"), x: x, y: room.maxY - 1, role: .muted, limit: w) }
    }
}

extension AppState {
    public var historyScreen: HistoryScreen.State {
        get { self[state: HistoryScreen.self] }
        set { self[state: HistoryScreen.self] = newValue }
    }
}
