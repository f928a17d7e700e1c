import VRModel

extension Screen {
    public static let history = Screen(id: "history", title: "History")
}

/// The history of changes from the journal, newest first: every change, or one item's (f, or H from
/// the item). The runtime loads it when the screen opens and when the board changes.
public enum HistoryScreen: ScreenFeature {
    public struct State: FeatureState {
        /// Loaded by the runtime from the journal, newest first.
        public var items: [HistoryItem] = []
        /// Why the journal could not be read, shown instead of an empty history.
        public var error: String?
        /// Show only this item's changes.
        public var filter: String?
        public var cursor = ListCursor()
        /// The item selected when the history screen was opened, for `f`.
        public var lastItemID: String?
        public private(set) var rows: [HistoryItem] = []
        public init() {}

        fileprivate mutating func rebuild(query q: String) {
            rows = items.filter { (filter == nil || $0.id == filter) && AppState.matches(q, $0.id, $0.by, $0.note) }
            cursor.clamp(count: rows.count)
        }
    }

    public static let screen = Screen.history
    public static let goesBack = true
    public static let searchable = true

    public static let bindings: [Binding] = [
        Binding(
            "history.filter", [.char("f")], help: "Show every change, or only the item you came from", hint: "filter", rank: 20,
            disabled: { s in
                s.historyScreen.filter == nil && s.historyScreen.lastItemID == nil ? "Open the history from an item (H) to filter by it" : nil
            }
        ) { s in
            if s.historyScreen.filter != nil {
                s.historyScreen.filter = nil
                s.message = "Showing every change"
            } else if let last = s.historyScreen.lastItemID {
                s.historyScreen.filter = last
                s.message = "Showing changes to \(last)"
            }
            rebuild(&s)
        }
    ]

    public static func rebuild(_ s: inout AppState) {
        let q = s.queries[screen] ?? ""
        s.historyScreen.rebuild(query: q)
    }

    /// The journal as loaded (or why it could not be).
    static func loaded(_ s: inout AppState, _ items: [HistoryItem], error: String?) {
        s.historyScreen.items = items
        s.historyScreen.error = error
        rebuild(&s)
    }

    /// Opens the history of one item (H from its screen).
    static func show(_ s: inout AppState, item id: String) -> [Effect] {
        s.historyScreen.filter = id
        s.historyScreen.cursor = ListCursor()
        rebuild(&s)
        return switchScreen(&s, to: .history)
    }

    /// Opening the history remembers the item it came from (for f) and asks for the journal.
    public static func enter(_ s: inout AppState, from previous: Screen) -> [Effect] {
        if previous != screen { s.historyScreen.lastItemID = s.selectedItemID ?? s.historyScreen.lastItemID }
        return [.loadHistory]
    }

    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { Layout.tableRows(l.body) }

    public static func move(_ s: inout AppState, by d: Int, _ l: Layout) {
        s.historyScreen.cursor.move(by: d, count: s.historyScreen.rows.count)
    }

    public static func back(_ s: inout AppState) {
        guard s.historyScreen.filter != nil else { return }
        s.historyScreen.filter = nil
        rebuild(&s)
    }

    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] {
        let r = l.body
        guard m.y > r.y + 1 else { return [] }
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
        var title =
            st.error == nil ? "History · \(rows.count) change\(rows.count == 1 ? "" : "s") · newest first" : "History · the journal cannot be read"
        if let id = st.filter { title += " · \(id) only (f shows all)" }
        let cols = [Column("#", 6, right: true), Column("When", 19), Column("Who", 14), Column("Item", 16), Column("Change")]
        f.table(
            l.body, title: title, columns: cols, count: rows.count, cursor: st.cursor, focused: true,
            empty: st.error.map { "The journal cannot be read: \($0)" } ?? (st.items.isEmpty ? "No changes recorded yet" : "No change matches")
        ) { i, c in
            let h = rows[i]
            switch c {
            case 0: return [Span("\(h.seq)", .muted)]
            case 1: return [Span(h.at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: ""))]
            case 2: return [Span(h.by)]
            case 3: return [Span("\(h.id) r\(h.rev)", .heading)]
            default: return [Span(h.note)]
            }
        }
    }
}

extension AppState {
    public var historyScreen: HistoryScreen.State {
        get { self[state: HistoryScreen.self] }
        set { self[state: HistoryScreen.self] = newValue }
    }
}
