import VRModel

func drawHistory(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let rows = s.historyRows
    var title = s.historyError == nil ? "History · \(rows.count) change\(rows.count == 1 ? "" : "s") · newest first" : "History · the journal cannot be read"
    if let id = s.historyFilter { title += " · \(id) only (f shows all)" }
    let cols = [Column("#", 6, right: true), Column("When", 19), Column("Who", 14), Column("Item", 16), Column("Change")]
    f.table(l.body, title: title, columns: cols, count: rows.count, cursor: s.historyCursor, focused: true,
            empty: s.historyError.map { "The journal cannot be read: \($0)" } ?? (s.history.isEmpty ? "No changes recorded yet" : "No change matches")) { i, c in
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
