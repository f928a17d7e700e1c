import VRModel

extension Mode {
    /// The quarter close checklist.
    static let quarter = Mode("quarter", "Quarter close")
}

/// Which quarter the checklist shows, and the selected item.
public struct QuarterState: Equatable, Sendable {
    public var quarter: Quarter
    public var cursor = ListCursor()
    public init(quarter: Quarter) { self.quarter = quarter }
}

/// The quarter close (Q): what the quarterly highlight report and the VRU Programme Summary still need,
/// and who owns each; Enter goes to the item, where the ordinary editing records it and ticks it off.
/// `vrboard quarter` prints the same list.
enum QuarterDialog: DialogFeature {
    static let modes = [Mode.quarter]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: QuarterState) -> Bool { false }

    /// The checklist for the board's own last ended quarter.
    static func open(_ s: AppState) -> Modal { open(QuarterState(quarter: QuarterClose.defaultQuarter(asAt: s.today))) }

    /// The close of quarter `q`: the board's default one is already kept with the board (Derived).
    static func close(_ s: AppState, _ q: Quarter) -> QuarterClose {
        s.derived.quarterClose.quarter == q ? s.derived.quarterClose : s.board.quarterClose(q)
    }

    static func moving(_ s: inout AppState, _ change: (QuarterClose, inout QuarterState) -> Void) {
        s.withDialog(QuarterDialog.self, or: ()) { s, d in change(close(s, d.quarter), &d) }
    }

    static let keys = KeyGroup(
        Mode.quarter.title,
        [
            Binding("quarter.up", [.up, .char("k")], help: "Previous item") { s, _ in
                moving(&s) { c, d in d.cursor.move(by: -1, count: c.items.count) }
                return []
            },
            Binding("quarter.down", [.down, .char("j")], help: "Next item") { s, _ in
                moving(&s) { c, d in d.cursor.move(by: 1, count: c.items.count) }
                return []
            },
            Binding("quarter.previous", [.left, .char("[")], help: "The quarter before") { s, _ in
                moving(&s) { _, d in d = QuarterState(quarter: d.quarter.previous) }
                return []
            },
            Binding("quarter.next", [.right, .char("]")], help: "The quarter after") { s, _ in
                moving(&s) { _, d in d = QuarterState(quarter: d.quarter.next) }
                return []
            },
            Binding("quarter.go", [.enter], help: "Go to the selected item, to record what is missing") { s, _ in
                guard let d = s[dialog: QuarterDialog.self] else { return [] }
                let items = close(s, d.quarter).items
                guard items.indices.contains(d.cursor.selected) else {
                    s.message = "Nothing to go to: the quarter has nothing outstanding"
                    return []
                }
                let item = items[d.cursor.selected]
                s.modal = nil
                switch item.kind {
                case .reachReturn: return s.navigate(to: .intervention(item.ref))
                case .rating: return s.navigate(to: .workstream(item.ref))
                case .riskReview: return s.navigate(to: .risk(item.ref))
                case .actuals, .commentary, .condition: return switchScreen(&s, to: .funding)
                }
            },
            Binding("quarter.close", [.escape, .char("q")], help: "Close the quarter close") { s in s.modal = nil },
        ])

    /// The lines the panel shows: each group's heading, then its items (with the item's index).
    typealias Line = (text: String, owner: String, item: Int?, done: Bool)

    static func lines(_ c: QuarterClose) -> [Line] {
        var out: [(String, String, Int?, Bool)] = []
        var index = 0
        for kind in QuarterClose.Kind.allCases {
            let items = c.items(kind)
            out.append((c.summary(kind), "", nil, items.isEmpty))
            for i in items {
                out.append(("  " + i.what, i.owner + (i.due.map { " · due \($0.long)" } ?? ""), index, false))
                index += 1
            }
        }
        return out
    }

    static func draw(_ f: inout Frame, _ s: AppState, _ d: QuarterState) {
        let c = close(s, d.quarter)
        let state = c.ended ? "ended \(c.quarter.last.long)" : "not yet ended"
        let title = "Quarter close · \(c.quarter.label) (\(state)) · \(c.items.count) outstanding"
        let inner = panel(&f, s, width: 110, height: s.height - 2, title: title)
        let x = inner.x + 1, w = inner.width - 2
        let intro = Width.wrap("For the quarterly highlight report [004 ToR] and the VRU Programme Summary [000 §2.3.6]", to: w)
        for (n, line) in intro.enumerated() { f.put(line, x: x, y: inner.y + n, role: .muted, limit: w) }
        // Each line wrapped whole, who owns it on its first row at the right.
        let rows = lines(c).flatMap { line -> [(line: Line, text: String, owner: String)] in
            let owner = line.owner.isEmpty ? "" : " " + line.owner
            let ow = min(Width.of(owner), w / 2)
            // An item's further rows stand under its words, past the two-space indent.
            let item = line.item != nil
            let text = item ? String(line.text.drop { $0 == " " }) : line.text
            return Width.wrap(text, to: max(8, w - ow - (item ? 4 : 0))).enumerated().map {
                (line, (item ? ($0.offset == 0 ? "  " : "    ") : "") + $0.element, $0.offset == 0 ? owner : "")
            }
        }
        let top = inner.y + intro.count
        let room = max(1, inner.maxY - 1 - top)
        // Scroll so the selected item's rows are shown.
        let selected = rows.indices.filter { rows[$0].line.item != nil && rows[$0].line.item == d.cursor.selected }
        var scroll = d.cursor.scroll
        if let first = selected.first, first < scroll { scroll = first }
        if let last = selected.last, last >= scroll + room { scroll = last - room + 1 }
        scroll = max(0, min(scroll, max(0, rows.count - room)))
        var y = top
        for row in rows.dropFirst(scroll) where y < inner.maxY - 1 {
            let line = row.line
            let sel = line.item != nil && line.item == d.cursor.selected
            if sel { f.fill(Rect(x: x, y: y, width: w, height: 1), role: .selected) }
            let role: Role = sel ? .selected : line.item == nil ? (line.done ? .pass : .heading) : .overlay
            let ow = min(Width.of(row.owner), w / 2)
            f.put(row.text, x: x, y: y, role: role, limit: w - ow)
            if ow > 0 { f.put(row.owner, x: x + w - ow, y: y, role: sel ? .selected : .muted, limit: ow) }
            y += 1
        }
        f.put(
            s.footer(
                [("quarter.go", "go to it"), ("quarter.previous", "quarter before"), ("quarter.next", "after"), ("quarter.close", "close")], gap: "  "
            ),
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }
}
