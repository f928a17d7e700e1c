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

    /// The user's key remaps from the config file, applied to the view's bindings as to the board's.
    public var keyRemaps = KeyRemaps()

    /// What a key asks of the program around the view: its effects.
    public enum Action: Equatable, Sendable {
        case none, quit
        /// Open this board read-only (a folder or an address).
        case open(String)
    }

    /// The groups with keys now: the filter box's while it has the keyboard, else the view's; remapped.
    public var keyGroups: [NationalGroup] { (filtering ? [NationalView.filter] : [NationalView.keys]).map(keyRemaps.apply) }

    /// Runs a key through the current group's bindings.
    public mutating func send(_ key: Key) -> Action {
        message = nil
        guard let b = keyGroups.lazy.compactMap({ $0.binding(for: key) }).first else { return .none }
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
    if let m = s.message {
        f.put(m, x: 1, y: s.height - 1, role: .warning, limit: s.width - 2)
    } else {
        // The foot: each hinted binding's key as the user has it, and what it does.
        // Whole hints, least important last, as many as fit.
        var hinted = s.keyGroups.flatMap(\.all).filter { $0.hint != nil }.sorted { $0.rank < $1.rank }
        func spans() -> [Span] { Array(hinted.flatMap { [Span($0.hintLabel, .key), Span(" \($0.hint!)"), Span(" · ", .muted)] }.dropLast()) }
        while hinted.count > 1 && Span.width(spans()) > s.width - 2 { hinted.removeLast() }
        f.put(spans(), x: 1, y: s.height - 1, base: .hint, limit: s.width - 2)
    }
    _ = y
    return f
}

/// A key of the national view.
public typealias NationalBinding = KeyBinding<NationalState, NationalState.Action>
public typealias NationalGroup = KeyGroupOf<NationalState, NationalState.Action>

/// The national view's keys: one table the dispatch, the foot, `vrboard help keys` and the remaps share.
public enum NationalView {
    public static let keys = NationalGroup(
        "National view (vrboard national)",
        [
            NationalBinding("national.up", [.up, .char("k")], help: "Previous VRU", hint: "move", hintKeys: "↑↓", rank: 1) { s, _ in
                s.cursor.move(by: -1, count: s.shown.count)
                return .none
            },
            NationalBinding("national.down", [.down, .char("j")], help: "Next VRU") { s, _ in
                s.cursor.move(by: 1, count: s.shown.count)
                return .none
            },
            NationalBinding("national.pageUp", [.pageUp], help: "A page up", hint: "page", hintKeys: "PgUp PgDn", rank: 3) { s, _ in
                s.cursor.move(by: -max(1, s.tableRows), count: s.shown.count)
                return .none
            },
            NationalBinding("national.pageDown", [.pageDown], help: "A page down") { s, _ in
                s.cursor.move(by: max(1, s.tableRows), count: s.shown.count)
                return .none
            },
            NationalBinding("national.first", [.home, .char("g")], help: "The first VRU") { s, _ in
                s.cursor.move(by: -s.shown.count, count: s.shown.count)
                return .none
            },
            NationalBinding("national.last", [.end, .char("G")], help: "The last VRU") { s, _ in
                s.cursor.move(by: s.shown.count, count: s.shown.count)
                return .none
            },
            NationalBinding(
                "national.sort", [.char("s")], help: "Sort by allocation, share on interventions, name or attention", hint: "sort", rank: 4
            ) { s, _ in
                let all = NationalRow.Sort.allCases
                s.sort = all[((all.firstIndex(of: s.sort) ?? 0) + 1) % all.count]
                s.rebuild()
                s.message = "Sorted by \(s.sort.label)"
                return .none
            },
            NationalBinding("national.filter", [.char("/")], help: "Filter the VRUs by name", hint: "filter", rank: 5) { s, _ in
                s.filtering = true
                return .none
            },
            NationalBinding("national.levels", [.char("t")], help: "Show or hide the national count by level", hint: "levels", rank: 6) {
                s, _ in
                s.showLevels.toggle()
                s.message =
                    s.showLevels
                    ? "The national count by level shown"
                    : "The national count by level hidden (\(Keys.keyName("national.levels", remaps: s.keyRemaps)) shows it)"
                return .none
            },
            NationalBinding("national.open", [.enter], help: "Open the selected VRU's board, read-only", hint: "open its board", rank: 2) {
                s, _ in
                guard let r = s.selected else { return .none }
                guard let location = r.location else {
                    s.message = "\(r.name): only the national figures are known; there is no board to open"
                    return .none
                }
                return .open(location)
            },
            NationalBinding("national.quit", [.char("q"), .escape], help: "Quit", hint: "quit", rank: 0) { _, _ in .quit },
        ])

    /// While the filter box has the keyboard.
    public static let filter = NationalGroup(
        "National view: filtering by name",
        [
            NationalBinding("national.filterKeep", [.enter], help: "Keep the filter and go back to the table", hint: "keep", rank: 1) { s, _ in
                s.filtering = false
                return .none
            },
            NationalBinding("national.filterClear", [.escape], help: "Clear the filter", hint: "clear", rank: 2) { s, _ in
                s.filtering = false
                s.filter = ""
                s.rebuild()
                return .none
            },
            NationalBinding("national.filterBackspace", [.backspace], help: "Delete the last character") { s, _ in
                if !s.filter.isEmpty { s.filter.removeLast() }
                s.rebuild()
                return .none
            },
        ],
        fallback: NationalBinding("national.filterType", [], label: "text", help: "Typed into the filter (up to 40 characters)") { s, key in
            if case .char(let c) = key, !c.isNewline, s.filter.count < 40 {
                s.filter.append(c)
                s.rebuild()
            }
            return .none
        })

    public static let groups = [keys, filter]
}
