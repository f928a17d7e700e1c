import VRModel

public enum Msg: Sendable {
    case key(Key)
    case mouse(Mouse)
    case resize(width: Int, height: Int)
    /// Another process saved a change; the board as it now is.
    case boardChanged(Board)
}

/// Side effects the runtime carries out.
public enum Effect: Equatable, Sendable {
    case quit
}

/// The whole behaviour of the UI: pure, synchronous, no I/O.
public func update(_ s: inout AppState, _ msg: Msg) -> [Effect] {
    switch msg {
    case .resize(let w, let h):
        s.width = w; s.height = h
        revealAll(&s)
        return []
    case .boardChanged(let b):
        s.board = b
        return []
    case .mouse(let m):
        if s.tooSmall || s.showHelp { return [] }
        mouse(&s, m)
        return []
    case .key(let k):
        s.message = nil
        if s.tooSmall {
            return k == .char("q") || k == .ctrl("c") ? [.quit] : []
        }
        if k == .ctrl("c") { return [.quit] }
        if s.searching { searchKey(&s, k); return [] }
        if s.showHelp {
            switch k {
            case .down, .char("j"): s.helpScroll += 1
            case .up, .char("k"): s.helpScroll = max(0, s.helpScroll - 1)
            case .char("q"): return [.quit]
            default: s.showHelp = false; s.helpScroll = 0
            }
            return []
        }
        var contexts: [KeyContext] = [.global, .lists]
        if s.screen == .risks { contexts.append(.risks) }
        guard let action = Keymap.action(for: k, in: contexts) else { return [] }
        return perform(&s, action)
    }
}

private func perform(_ s: inout AppState, _ a: Action) -> [Effect] {
    let layout = Layout(width: s.width, height: s.height)
    switch a {
    case .quit: return [.quit]
    case .help: s.showHelp = true
    case .nextScreen: switchTo(&s, Screen(rawValue: (s.screen.rawValue + 1) % Screen.allCases.count)!)
    case .previousScreen: switchTo(&s, Screen(rawValue: (s.screen.rawValue + Screen.allCases.count - 1) % Screen.allCases.count)!)
    case .screen(let sc): switchTo(&s, sc)
    case .threeColour:
        s.threeColour.toggle()
        s.message = s.threeColour ? "Showing three-colour RAG (A/G as green, A/R as red)" : "Showing the five-point RAG scale"
    case .up: move(&s, -1, layout)
    case .down: move(&s, 1, layout)
    case .pageUp: move(&s, -max(1, pageRows(s, layout) - 1), layout)
    case .pageDown: move(&s, max(1, pageRows(s, layout) - 1), layout)
    case .first: move(&s, -1_000_000_000, layout)
    case .last: move(&s, 1_000_000_000, layout)
    case .left:
        if s.screen == .risks && s.heatFocus { s.heatCell.impact = max(1, s.heatCell.impact - 1) } else { back(&s) }
    case .right:
        if s.screen == .risks && s.heatFocus { s.heatCell.impact = min(5, s.heatCell.impact + 1) } else { open(&s) }
    case .open: open(&s)
    case .back: back(&s)
    case .search:
        if s.screen == .overview || s.screen == .funding {
            s.message = "Search works on the workstreams and risk lists (2 or 4)"
        } else {
            s.searching = true
            s.heatFocus = false
        }
    case .sortRisks:
        let all = RiskSort.allCases
        s.riskSort = all[(all.firstIndex(of: s.riskSort)! + 1) % all.count]
        s.riskCursor.selected = 0
        s.message = "Risks sorted by \(s.riskSort.rawValue)"
    case .filterBand:
        let cycle: [Band?] = [nil, .veryHigh, .high, .medium, .low]
        let i = cycle.firstIndex(where: { $0 == s.bandFilter }) ?? 0
        s.bandFilter = cycle[(i + 1) % cycle.count]
        s.riskCursor.selected = 0
        s.message = s.bandFilter.map { "Showing \($0.name.lowercased()) risks only" } ?? "Showing risks of every band"
    case .heatMap:
        s.heatFocus.toggle()
        if s.heatFocus, let r = s.selectedRisk, r.residual.isValid { s.heatCell = r.residual }
    }
    revealAll(&s)
    return []
}

private func switchTo(_ s: inout AppState, _ screen: Screen) {
    s.screen = screen
    s.heatFocus = false
}

private func pageRows(_ s: AppState, _ l: Layout) -> Int {
    switch s.screen {
    case .overview: 1
    case .workstreams: s.openPriority == nil ? Layout.listRows(l.priorityList, perItem: 2) : Layout.tableRows(l.workstreamTable)
    case .funding: Layout.tableRows(l.fundingLower(categories: s.board.funding.categories.count, conditions: s.board.funding.conditions.count).grants)
    case .risks: Layout.tableRows(l.riskTable)
    }
}

private func move(_ s: inout AppState, _ d: Int, _ l: Layout) {
    switch s.screen {
    case .overview: break
    case .workstreams:
        if s.openPriority == nil { s.priorityCursor.move(by: d, count: s.priorityRows.count) }
        else { s.workstreamCursor.move(by: d, count: s.workstreamRows.count) }
    case .funding:
        s.grantCursor.move(by: d, count: s.board.funding.grants.count)
    case .risks:
        if s.heatFocus {
            s.heatCell.likelihood = min(5, max(1, s.heatCell.likelihood - (d > 0 ? 1 : -1) * min(abs(d), 4)))
        } else {
            s.riskCursor.move(by: d, count: s.riskRows.count)
        }
    }
}

private func open(_ s: inout AppState) {
    switch s.screen {
    case .overview:
        switchTo(&s, .workstreams)
    case .workstreams:
        if s.openPriority == nil, let p = s.selectedPriority {
            s.openPriority = p.id
            s.queries[.workstreams] = nil
            s.workstreamCursor = ListCursor()
        }
    case .funding: break
    case .risks:
        if s.heatFocus {
            s.heatFilter = s.heatCell
            s.heatFocus = false
            s.riskCursor = ListCursor()
            s.message = "Risks scored likelihood \(s.heatCell.likelihood) × impact \(s.heatCell.impact); Esc shows all"
        }
    }
}

private func back(_ s: inout AppState) {
    if !(s.queries[s.screen] ?? "").isEmpty { s.queries[s.screen] = nil; return }
    switch s.screen {
    case .workstreams:
        if let id = s.openPriority {
            s.openPriority = nil
            if let i = s.priorityRows.firstIndex(where: { $0.id == id }) { s.priorityCursor.selected = i }
        }
    case .risks:
        if s.heatFocus { s.heatFocus = false }
        else if s.heatFilter != nil { s.heatFilter = nil }
        else if s.bandFilter != nil { s.bandFilter = nil }
    case .overview, .funding: break
    }
}

private func searchKey(_ s: inout AppState, _ k: Key) {
    var q = s.queries[s.screen] ?? ""
    switch k {
    case .enter: s.searching = false; return
    case .escape: s.searching = false; s.queries[s.screen] = nil; return
    case .backspace: if !q.isEmpty { q.removeLast() }
    case .ctrl("u"): q = ""
    case .char(let c): if !c.isNewline && Width.of(c) > 0 && q.count < 200 { q.append(c) }
    default: return
    }
    s.queries[s.screen] = q
    s.workstreamCursor.selected = 0
    s.priorityCursor.selected = 0
    s.riskCursor.selected = 0
    revealAll(&s)
}

private func mouse(_ s: inout AppState, _ m: Mouse) {
    let l = Layout(width: s.width, height: s.height)
    switch m.kind {
    case .wheelUp: move(&s, -3, l)
    case .wheelDown: move(&s, 3, l)
    case .click:
        if m.y == 1 {
            // The tab row: " 1 Overview  2 Workstreams …"
            var x = 1
            for sc in Screen.allCases {
                let w = Width.of(" \(sc.rawValue + 1) \(sc.title) ")
                if m.x >= x && m.x < x + w { switchTo(&s, sc); break }
                x += w + 1
            }
            return
        }
        switch s.screen {
        case .workstreams:
            if s.openPriority == nil {
                let r = l.priorityList
                if r.contains(x: m.x, y: m.y), m.y > r.y {
                    let i = s.priorityCursor.scroll + (m.y - r.y - 1) / 2
                    if i < s.priorityRows.count {
                        if i == s.priorityCursor.selected { open(&s) } else { s.priorityCursor.selected = i }
                    }
                }
            } else {
                let r = l.workstreamTable
                if r.contains(x: m.x, y: m.y), m.y > r.y + 1 {
                    let i = s.workstreamCursor.scroll + (m.y - r.y - 2)
                    if i < s.workstreamRows.count { s.workstreamCursor.selected = i }
                }
            }
        case .risks:
            if let cell = l.heatCell(atX: m.x, y: m.y) {
                s.heatCell = cell
                s.heatFilter = cell
                s.riskCursor = ListCursor()
            } else if l.riskTable.contains(x: m.x, y: m.y), m.y > l.riskTable.y + 1 {
                let i = s.riskCursor.scroll + (m.y - l.riskTable.y - 2)
                if i < s.riskRows.count { s.riskCursor.selected = i }
            }
        case .funding:
            let r = l.fundingLower(categories: s.board.funding.categories.count, conditions: s.board.funding.conditions.count).grants
            if r.contains(x: m.x, y: m.y), m.y > r.y + 1 {
                let i = s.grantCursor.scroll + (m.y - r.y - 2)
                if i < s.board.funding.grants.count { s.grantCursor.selected = i }
            }
        case .overview: break
        }
    }
    revealAll(&s)
}

/// Keeps every selection on screen after a move or a resize.
func revealAll(_ s: inout AppState) {
    let l = Layout(width: s.width, height: s.height)
    s.priorityCursor.reveal(rows: Layout.listRows(l.priorityList, perItem: 2), count: s.priorityRows.count)
    s.workstreamCursor.reveal(rows: Layout.tableRows(l.workstreamTable), count: s.workstreamRows.count)
    s.riskCursor.reveal(rows: Layout.tableRows(l.riskTable), count: s.riskRows.count)
    s.grantCursor.reveal(rows: Layout.tableRows(l.fundingLower(categories: s.board.funding.categories.count, conditions: s.board.funding.conditions.count).grants), count: s.board.funding.grants.count)
}
