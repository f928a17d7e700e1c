import VRModel

/// The national view across VRUs: one line per VRU with its allocation, its share on interventions
/// against the floor, its conditions, its workstreams' RAG, escalated risks, reach and late returns;
/// sorted and filtered like the board's tables; Enter opens a VRU's own board read-only.
public struct NationalState: Sendable {
    public var title: String
    public var rows: [NationalRow]
    public var levels: [NationalDataset.Level]
    public var levelsTotal: NationalDataset.LevelTotal?
    public var levelsAsAt: String
    public var sort: NationalRow.Sort = .allocation
    public var filter = ""
    public var filtering = false
    public var cursor = ListCursor()
    public var width: Int
    public var height: Int
    public var message: String?
    public private(set) var shown: [NationalRow] = []

    public init(title: String, rows: [NationalRow], dataset: NationalDataset?, width: Int, height: Int, sort: NationalRow.Sort = .allocation) {
        self.title = title
        self.sort = sort
        self.rows = rows
        levels = dataset?.levels ?? []
        levelsTotal = dataset?.levelsTotal
        levelsAsAt = dataset.flatMap { Day($0.asAt)?.long } ?? ""
        self.width = width
        self.height = height
        showLevels = height >= 30
        rebuild()
    }

    mutating func rebuild() {
        let q = filter.lowercased()
        shown = NationalRow.sorted(rows, by: sort).filter { q.isEmpty || $0.name.lowercased().contains(q) }
        cursor.clamp(count: shown.count)
    }

    public var selected: NationalRow? { shown.indices.contains(cursor.selected) ? shown[cursor.selected] : nil }

    /// What a key asks of the program around the view.
    public enum Action: Equatable, Sendable {
        case none, quit
        /// Open this board read-only (a folder or an address).
        case open(String)
    }

    /// One key binding of the view: its keys, what the foot and README call them, and what it does. The
    /// dispatch, the foot and the help all come from this one table.
    public struct Binding: Sendable {
        public let keys: [Key]
        public let label: String
        public let does: String
        let run: @Sendable (inout NationalState, Key) -> Action
    }

    public static let bindings: [Binding] = [
        Binding(keys: [.up, .char("k"), .down, .char("j")], label: "↑↓ j k", does: "move") { s, key in
            s.cursor.move(by: [.up, .char("k")].contains(key) ? -1 : 1, count: s.shown.count)
            return .none
        },
        Binding(keys: [.pageUp, .pageDown, .home, .end], label: "PgUp PgDn", does: "page") { s, key in
            let page = max(1, s.tableRows)
            let by = [Key.pageUp: -page, .pageDown: page, .home: -s.shown.count, .end: s.shown.count][key] ?? 0
            s.cursor.move(by: by, count: s.shown.count)
            return .none
        },
        Binding(keys: [.char("s")], label: "s", does: "sort") { s, _ in
            let all = NationalRow.Sort.allCases
            s.sort = all[(all.firstIndex(of: s.sort)! + 1) % all.count]
            s.rebuild()
            s.message = "Sorted by \(s.sort.label)"
            return .none
        },
        Binding(keys: [.char("/")], label: "/", does: "filter by name") { s, _ in
            s.filtering = true
            return .none
        },
        Binding(keys: [.char("t")], label: "t", does: "count by level") { s, _ in
            s.showLevels.toggle()
            s.message = s.showLevels ? "The national count by level shown" : "The national count by level hidden (t shows it)"
            return .none
        },
        Binding(keys: [.enter], label: "Enter", does: "open its board read-only") { s, _ in
            guard let r = s.selected else { return .none }
            guard let location = r.location else {
                s.message = "\(r.name): only the national figures are known; there is no board to open"
                return .none
            }
            return .open(location)
        },
        Binding(keys: [.char("q"), .escape], label: "q", does: "quit") { _, _ in .quit },
    ]

    public mutating func send(_ key: Key) -> Action {
        message = nil
        if filtering {
            switch key {
            case .enter, .escape:
                filtering = false
                if key == .escape { filter = "" }
            case .backspace: if !filter.isEmpty { filter.removeLast() }
            case .char(let c) where !c.isNewline && filter.count < 40: filter.append(c)
            default: break
            }
            rebuild()
            return .none
        }
        guard let b = NationalState.bindings.first(where: { $0.keys.contains(key) }) else { return .none }
        let action = b.run(&self, key)
        cursor.reveal(rows: max(1, tableRows), count: shown.count)
        return action
    }

    public mutating func resize(width: Int, height: Int) {
        self.width = width
        self.height = height
        cursor.reveal(rows: max(1, tableRows), count: shown.count)
    }

    /// Rows the VRU table shows: what the levels panel and the foot leave.
    var tableRows: Int { height - 6 - levelsHeight - NationalState.detailHeight }
    static let detailHeight = 4
    var levelsHeight: Int { levels.isEmpty || !showLevels ? 0 : levels.count + 4 }
    /// The national count by level below the table (`t`); on a short terminal it starts hidden.
    public var showLevels: Bool
}

/// The national view drawn at its size.
public func renderNational(_ s: NationalState) -> Frame {
    var f = Frame(width: s.width, height: s.height)
    guard s.width >= 80, s.height >= 24 else {
        f.put("Terminal too small", x: max(0, (s.width - 18) / 2), y: s.height / 2, role: .warning, limit: s.width)
        f.put("\(s.width)×\(s.height); the national view needs at least 80×24.", x: 0, y: s.height / 2 + 1, role: .muted, limit: s.width)
        return f
    }
    f.fill(Rect(x: 0, y: 0, width: s.width, height: 1), role: .titleBar)
    f.put(" vrboard · National view · \(s.title)", x: 0, y: 0, role: .titleBar, limit: s.width)
    let sortText = "sorted by \(s.sort.label)" + (s.filter.isEmpty ? "" : " · filter: \(s.filter)") + (s.filtering ? "▏" : "")
    let known = "– not known · ▸ its own board · ≠ the sources disagree"
    f.put("\(s.shown.count) of \(s.rows.count) VRUs · \(sortText) · \(known)", x: 1, y: 1, role: .muted, limit: s.width - 2)
    let tableHeight = s.height - 3 - s.levelsHeight - NationalState.detailHeight
    let columns = [
        Column("VRU", 16, grows: true), Column("Allocation", 10, right: true), Column("Int. ≥ floor", 16), Column("Conds", 6),
        Column("R·A·G", 8), Column("Esc", 3, right: true), Column("Reach", 7, right: true), Column("Late", 4, right: true), Column("Sources", nil),
    ]
    f.table(
        Rect(x: 0, y: 2, width: s.width, height: tableHeight), title: "VRUs", columns: columns, count: s.shown.count, cursor: s.cursor, focused: true,
        empty: "No VRU matches the filter"
    ) { row, col in
        let r = s.shown[row]
        switch col {
        case 0: return [Span(r.name + (r.location == nil ? "" : " ▸"))] + (r.disagreements.isEmpty ? [] : [Span(" ≠", .warning)])
        case 1: return [Span(r.allocation.map(Money.format) ?? "–")]
        case 2: return [Span(r.floorText, r.meetsFloor == nil ? .muted : r.meetsFloor! ? .pass : .fail)]
        case 3: return r.checks.map { [Span(r.conditionsText, $0.allSatisfy(\.passes) ? .pass : .fail)] } ?? [Span("–", .muted)]
        case 4:
            guard let c = r.rag else { return [Span("–", .muted)] }
            return [
                Span("\(c[.red] + c[.amberRed])", .ragRed), Span("·"), Span("\(c[.amber] + c[.amberGreen])", .ragAmber), Span("·"),
                Span("\(c[.green] + c[.complete])", .ragGreen),
            ]
        case 5: return [Span(r.escalatedRisks.map(String.init) ?? "–", r.escalatedRisks == nil ? .muted : nil)]
        case 6: return [Span(r.reach.map { $0.grouped } ?? "–", r.reach == nil ? .muted : nil)]
        case 7: return [Span(r.lateReturns.map(String.init) ?? "–", r.lateReturns.map { $0 > 0 ? .fail : nil } ?? .muted)]
        default:
            return [Span(r.sourceText, .muted)]
                + (r.disagreements.isEmpty ? [] : [Span(" · also " + r.disagreements.joined(separator: ", "), .warning)])
        }
    }
    // The selected VRU's sources in full: what the table's last column can only begin.
    let detail = Rect(x: 0, y: 2 + tableHeight, width: s.width, height: NationalState.detailHeight)
    f.box(detail, title: s.selected?.name ?? "No VRU selected")
    if let r = s.selected {
        let allocation =
            "Allocation \(r.allocation.map(Money.format) ?? "not known") (\(r.allocationSource))"
            + (r.disagreements.isEmpty ? "" : "; the sources disagree: also \(r.disagreements.joined(separator: ", "))")
        let more =
            r.location == nil
            ? "Interventions \(r.interventionShare?.description ?? "not known") of the allocation (\(r.interventionSource)); nothing else is known for this VRU"
            : "Own board \(r.year): interventions \(r.floorText) (\(r.interventionSource)), conditions \(r.conditionsText)"
                + (r.yearOne.map { "; year one: \($0)" } ?? "")
        f.put(allocation, x: 1, y: detail.y + 1, role: r.disagreements.isEmpty ? .normal : .warning, limit: s.width - 2)
        f.put(more, x: 1, y: detail.y + 2, role: .muted, limit: s.width - 2)
    }
    var noSelection = ListCursor()
    noSelection.selected = -1
    var y = 2 + tableHeight + NationalState.detailHeight
    if let total = s.levelsTotal, s.levelsHeight > 0 {
        let rows = s.levels.count + 1
        let levelColumns = [
            Column("Target group", nil), Column("Interventions", 13, right: true), Column("Individuals", 12, right: true), Column("Note", nil),
        ]
        let count = rows
        f.table(
            Rect(x: 0, y: y, width: s.width, height: rows + 3),
            title: "National count by target-group level, \(s.levelsAsAt) (\(total.source))", columns: levelColumns, count: count,
            cursor: noSelection, focused: false
        ) { row, col in
            guard row < s.levels.count else {
                return [
                    [Span("All levels", .heading)], [Span(total.interventions.grouped, .heading)], [Span(total.individuals.grouped, .heading)], [],
                ][col]
            }
            let l = s.levels[row]
            return [[Span(l.level)], [Span(l.interventions.grouped)], [Span(l.individuals.grouped)], [Span(l.note ?? "", .muted)]][col]
        }
        y += rows + 3
    }
    let foot = s.message ?? NationalState.bindings.map { "\($0.label) \($0.does)" }.joined(separator: " · ")
    f.put(foot, x: 1, y: s.height - 1, role: s.message == nil ? .hint : .warning, limit: s.width - 2)
    _ = y
    return f
}
