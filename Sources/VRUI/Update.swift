import VRModel

public enum Msg: Sendable {
    case key(Key)
    case mouse(Mouse)
    case resize(width: Int, height: Int)
    /// Another process saved a change; the board as it now is.
    case boardChanged(Board)
    /// A save landed; the board with it.
    case saved(Edit, board: Board)
    /// A save was refused because the item changed since it was read: both versions.
    case conflict(Edit, theirs: AnyDocument?, board: Board)
    /// A save failed for another reason (disk, permissions); nothing was written.
    case saveFailed(Edit, reason: String)
    case historyLoaded([HistoryItem])
    /// The journal could not be read: say why, never show an empty history.
    case historyFailed(String)
    /// Something to tell the user in the status line (a warning from opening, a save's afterthought).
    case notice(String)
    /// The journal does not check (a bad or forged line): the board turns read-only and says why.
    case journalDamaged(String)
    /// The meeting to walk through is in the store (created if new); show it.
    case presentationReady(meetingID: String, board: Board)
    /// Text pasted in one piece (bracketed paste): inserted as text, never run as keys.
    case paste(String)
}

/// Side effects the runtime carries out, answering with a message.
public enum Effect: Equatable, Sendable {
    case quit
    case save(Edit)
    case loadHistory
    /// Find or create today's meeting (freezing the programme as shown), then answer .presentationReady.
    case startPresentation
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
        return s.screen == .history ? [.loadHistory] : []
    case .saved(let edit, let board):
        saved(&s, edit, board: board)
        return s.screen == .history ? [.loadHistory] : []
    case .conflict(let edit, let theirs, let board):
        conflicted(&s, edit, theirs: theirs, board: board)
        return []
    case .saveFailed(_, let reason):
        s.message = "Not saved: \(reason)"
        if case .form(var f) = s.modal { f.message = "Not saved: \(reason)"; s.modal = .form(f) }
        return []
    case .historyLoaded(let items):
        s.historyError = nil
        s.history = items
        return []
    case .historyFailed(let reason):
        s.historyError = reason
        s.history = []
        if s.screen == .history { s.message = "The journal cannot be read: \(reason)" }
        return []
    case .notice(let text):
        s.message = Width.truncate(text, to: 300)
        return []
    case .journalDamaged(let reason):
        s.readOnly = true
        s.readOnlyReason = "the journal does not check (\(reason)); nothing can be saved until `vrboard repair` has been run"
        s.historyError = reason
        s.message = Width.truncate("Read-only: the journal does not check: \(reason). Run `vrboard validate`, then `vrboard repair`", to: 300)
        return []
    case .presentationReady(let id, let board):
        s.board = board
        s.presentation = Presentation(meetingID: id, startedAt: s.clock, fromBoard: true)
        return []
    case .paste(let text):
        if !s.tooSmall { paste(&s, text) }
        return []
    case .mouse(let m):
        if s.tooSmall || s.showHelp || s.modal != nil { return [] }
        if s.presentation != nil {
            // On a shared screen a click moves on and the wheel pages, like a clicker.
            switch m.kind {
            case .click, .wheelDown: return presentationKey(&s, .right)
            case .wheelUp: return presentationKey(&s, .left)
            }
        }
        return mouse(&s, m)
    case .key(let k):
        s.message = nil
        if s.tooSmall {
            return k == .char("q") || k == .ctrl("c") ? [.quit] : []
        }
        if k == .ctrl("c") { return [.quit] }
        if s.modal != nil { return modalKey(&s, k) }
        if s.presentation != nil && !s.showHelp { return presentationKey(&s, k) }
        if s.searching { searchKey(&s, k); return [] }
        if s.showHelp {
            switch k {
            case .down, .char("j"): s.helpScroll += 1
            case .up, .char("k"): s.helpScroll = max(0, s.helpScroll - 1)
            default: s.showHelp = false; s.helpScroll = 0
            }
            return []
        }
        guard let action = Keymap.action(for: k, in: s.contexts) else { return [] }
        return perform(&s, action)
    }
}

extension AppState {
    /// The key contexts that apply on the current screen.
    public var contexts: [KeyContext] {
        var c: [KeyContext] = [.global, .lists]
        switch screen {
        case .risks: c += [.risks, .editing]
        case .workstreams, .funding: c.append(.editing)
        case .history: c.append(.history)
        case .overview: break
        }
        return c
    }
}

private func perform(_ s: inout AppState, _ a: Action) -> [Effect] {
    let layout = Layout(width: s.width, height: s.height)
    switch a {
    case .quit: return [.quit]
    case .help: s.showHelp = true
    case .nextScreen: return switchTo(&s, Screen(rawValue: (s.screen.rawValue + 1) % Screen.allCases.count)!)
    case .previousScreen: return switchTo(&s, Screen(rawValue: (s.screen.rawValue + Screen.allCases.count - 1) % Screen.allCases.count)!)
    case .screen(let sc): return switchTo(&s, sc)
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
            s.message = "Search works on the workstreams, risks and history lists (2, 4, 5)"
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
    case .rate: startRate(&s)
    case .edit: startEdit(&s)
    case .new: startNew(&s)
    case .archive: startArchive(&s)
    case .actions: startActions(&s)
    case .undo: return undo(&s)
    case .redo: return redo(&s)
    case .itemHistory:
        guard let id = s.selectedItemID else { s.message = "Select a workstream, risk or the funding to see its history"; return [] }
        s.historyFilter = id
        s.historyCursor = ListCursor()
        return switchTo(&s, .history)
    case .present:
        return [.startPresentation]
    case .historyFilter:
        if s.historyFilter != nil { s.historyFilter = nil; s.message = "Showing every change" }
        else if let last = s.lastItemID { s.historyFilter = last; s.message = "Showing changes to \(last)" }
    }
    revealAll(&s)
    return []
}

@discardableResult
private func switchTo(_ s: inout AppState, _ screen: Screen) -> [Effect] {
    if screen == .history, s.screen != .history { s.lastItemID = s.selectedItemID ?? s.lastItemID }
    s.screen = screen
    s.heatFocus = false
    return screen == .history ? [.loadHistory] : []
}

private func pageRows(_ s: AppState, _ l: Layout) -> Int {
    switch s.screen {
    case .overview: 1
    case .workstreams: s.openPriority == nil ? Layout.listRows(l.priorityList, perItem: 2) : Layout.tableRows(l.workstreamTable)
    case .funding: Layout.tableRows(l.fundingLower(categories: s.board.funding.categories.count, conditions: s.board.funding.conditions.count).grants)
    case .risks: Layout.tableRows(l.riskTable)
    case .history: Layout.tableRows(l.body)
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
    case .history:
        s.historyCursor.move(by: d, count: s.historyRows.count)
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
        _ = switchTo(&s, .workstreams)
    case .workstreams:
        if s.openPriority == nil, let p = s.selectedPriority {
            s.openPriority = p.id
            s.queries[.workstreams] = nil
            s.workstreamCursor = ListCursor()
        }
    case .funding: openGrant(&s)
    case .history: break
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
    case .history:
        if s.historyFilter != nil { s.historyFilter = nil }
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

private func mouse(_ s: inout AppState, _ m: Mouse) -> [Effect] {
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
                if m.x >= x && m.x < x + w { return switchTo(&s, sc) }
                x += w + 1
            }
            return []
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
        case .history:
            let r = l.body
            if m.y > r.y + 1 {
                let i = s.historyCursor.scroll + (m.y - r.y - 2)
                if i < s.historyRows.count { s.historyCursor.selected = i }
            }
        case .overview: break
        }
    }
    revealAll(&s)
    return []
}

/// Keeps every selection on screen after a move or a resize.
func revealAll(_ s: inout AppState) {
    let l = Layout(width: s.width, height: s.height)
    s.priorityCursor.reveal(rows: Layout.listRows(l.priorityList, perItem: 2), count: s.priorityRows.count)
    s.workstreamCursor.reveal(rows: Layout.tableRows(l.workstreamTable), count: s.workstreamRows.count)
    s.riskCursor.reveal(rows: Layout.tableRows(l.riskTable), count: s.riskRows.count)
    s.grantCursor.reveal(rows: Layout.tableRows(l.fundingLower(categories: s.board.funding.categories.count, conditions: s.board.funding.conditions.count).grants), count: s.board.funding.grants.count)
    s.historyCursor.reveal(rows: Layout.tableRows(l.body), count: s.historyRows.count)
}
