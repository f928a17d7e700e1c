import VRModel

/// Switches screens: the screen left lets go of its focus, the screen shown says what it needs.
@discardableResult
func switchScreen(_ s: inout AppState, to screen: Screen) -> [Effect] {
    let previous = s.screen
    s.feature.leave(&s)
    let effects = screen.feature.enter(&s, from: previous)
    s.screen = screen
    return effects
}

/// Browsing the board: the keys every screen shares. Each screen adds its own (`ScreenFeature.bindings`).
enum Browsing {
    static func moving(_ s: inout AppState, _ by: @Sendable (AppState, Layout) -> Int) {
        let l = Layout(width: s.width, height: s.height)
        s.feature.move(&s, by: by(s, l), l)
    }

    static let everywhere = KeyGroup(
        "Everywhere",
        [
            Binding("board.quit", [.char("q")], help: "Quit", hint: "quit", rank: 0) { _, _ in [.quit] },
            Binding("board.help", [.char("?")], help: "Show or hide this help (this screen's keys first)", hint: "help", rank: 1) { s in
                s.showHelp = true
                s.helpScroll = 0
            },
            Binding("board.nextScreen", [.tab], help: "Next screen", hint: "screen", rank: 45) { s, _ in
                let all = Screen.allCases
                return switchScreen(&s, to: all[(s.screen.index + 1) % all.count])
            },
            Binding("board.previousScreen", [.backTab], help: "Previous screen") { s, _ in
                let all = Screen.allCases
                return switchScreen(&s, to: all[(s.screen.index + all.count - 1) % all.count])
            },
            Binding(
                // The number keys reach the first nine screens (a tenth is reached with Tab).
                "board.screen", Screen.numberKeys, label: "1-\(Screen.numberKeys.count)",
                help:
                    "Go to a screen by its number, as the tabs show (\(Screen.numberKeys.count) is \(Screen.allCases[Screen.numberKeys.count - 1].title))"
            ) { s, k in
                guard case .char(let c) = k, let n = c.wholeNumberValue, (1...Screen.numberKeys.count).contains(n) else { return [] }
                return switchScreen(&s, to: Screen.allCases[n - 1])
            },
            Binding(
                "board.attention", [.char("A")],
                help: "What needs attention: red, A/R, declining, review due, no update",
                hint: "attention", rank: 43
            ) { s, _ in s.navigate(to: .attention) },
            Binding(
                "board.find", [.char("F")], help: "Find a workstream, risk, grant or action anywhere ({find.go} goes to it)", hint: "find", rank: 44
            ) { s in FindMode.open(&s) },
            Binding("board.sources", [.char("S")], help: "The documents the figures cite (declare or correct one)") { s in
                s.modal = SourcesDialog.open(SourcesState())
            },
            Binding("board.quarter", [.char("Q")], help: "The quarter close: what the quarterly report still needs, and who owns it") { s in
                s.modal = QuarterDialog.open(s)
            },
            Binding("board.year", [.char("Y")], help: "Open the next financial year (asks first, saying what will happen)", disabled: Guard.writable)
            {
                s in
                guard let next = Board.yearAfter(s.board.programme.year) else {
                    s.message = "The board's year '\(s.board.programme.year)' is not a financial year"
                    return
                }
                do {
                    let o = try s.board.openingYear(next, seq: s.board.position ?? 0, at: s.now, by: s.user)
                    s.modal = .confirm(
                        message: "Open \(next)? " + o.plan.joined(separator: ". ")
                            + ". While nothing is entered in it, `vrboard year undo` takes it back.", action: .openYear(next))
                } catch {
                    s.message = "\(error)"
                }
            },
            Binding("board.present", [.char("P")], help: "Walk the board through today's meeting (asks before starting a draft)") { _, _ in
                [.startPresentation(create: false)]
            },
            Binding("board.threeColour", [.char("c")], help: "Switch between five-point and three-colour RAG") { s in
                s.threeColour.toggle()
                s.message = s.threeColour ? "Showing three-colour RAG (A/G as green, A/R as red)" : "Showing the five-point RAG scale"
            },
        ])

    /// The screens with a list or table to move through.
    static let movable = Features.screens { $0.moves }

    static let lists = KeyGroup(
        "Lists and tables",
        [
            Binding("list.up", [.up, .char("k")], help: "Move up", screens: movable) { s in moving(&s) { _, _ in -1 } },
            Binding("list.down", [.down, .char("j")], help: "Move down", hint: "move", rank: 40, screens: movable) { s in moving(&s) { _, _ in 1 } },
            Binding("list.left", [.left, .char("h")], help: "Move left (heat map) or back", screens: movable) { s, _ in s.feature.left(&s) },
            Binding("list.right", [.right, .char("l")], help: "Move right (heat map) or open", screens: movable) { s, _ in s.feature.right(&s) },
            Binding("list.pageUp", [.pageUp], help: "Page up", screens: movable) { s in
                moving(&s) { s, l in -max(1, s.feature.pageRows(s, l) - 1) }
            },
            Binding("list.pageDown", [.pageDown], help: "Page down", screens: movable) { s in
                moving(&s) { s, l in max(1, s.feature.pageRows(s, l) - 1) }
            },
            Binding("list.first", [.char("g"), .home], help: "First row", screens: movable) { s in moving(&s) { _, _ in -1_000_000_000 } },
            Binding("list.last", [.char("G"), .end], help: "Last row", screens: movable) { s in moving(&s) { _, _ in 1_000_000_000 } },
            Binding(
                "list.open", [.enter], help: "Open: a priority's workstreams, a grant, a heat-map cell's risks", hint: "open", rank: 31,
                screens: Features.screens { $0.opens },
                disabled: Guard.require("Nothing to open here") { $0.feature.canOpen($0) }
            ) { s, _ in
                s.feature.open(&s)
            },
            Binding(
                "list.back", [.escape, .backspace], help: "Back, or clear a filter", hint: "back", rank: 32,
                screens: Features.screens { $0.goesBack },
                disabled: Guard.require("Nothing to go back to here") { !$0.query.isEmpty || $0.feature.canGoBack($0) }
            ) { s, _ in
                if !s.query.isEmpty {
                    s.queries[s.screen] = nil
                    return []
                }
                return s.feature.back(&s)
            },
            Binding(
                "list.search", [.char("/")], help: "Search the current list as you type", hint: "search", rank: 30,
                screens: Features.screens { $0.searchable }
            ) { s in
                s.feature.leave(&s)
                s.searching = true
            },
        ])

    static let editable = Features.screens { $0.editable }

    static let editing = KeyGroup(
        "Editing",
        [
            Binding(
                "edit.undo", [.char("u")], help: "Undo this session's last edit (itself recorded)", hint: "undo", rank: 33, screens: editable,
                disabled: Guard.all(Guard.writable, Guard.require("Nothing to undo in this session") { !$0.undoStack.isEmpty })
            ) { s, _ in undo(&s) },
            Binding(
                "edit.redo", [.ctrl("r")], help: "Redo what was undone", hint: "redo", rank: 34, screens: editable,
                disabled: Guard.all(Guard.writable, Guard.require("Nothing to redo") { !$0.redoStack.isEmpty })
            ) { s, _ in redo(&s) },
            Binding(
                "edit.itemHistory", [.char("H")], help: "History of the selected item", hint: "history", rank: 35, screens: editable,
                disabled: Guard.require("Select a workstream, risk or the funding to see its history") { $0.selectedItemID != nil }
            ) { s, _ in
                guard let id = s.selectedItemID else { return [] }
                return s.navigate(to: .history(of: id))
            },
        ])

    /// Each screen's own keys, under its title.
    static func screenGroup(_ f: any ScreenFeature.Type) -> KeyGroup { KeyGroup(f.screen.title, f.bindings) }

    /// The groups that apply on `screen`: its own keys first, then the shared ones.
    static func groups(on screen: Screen) -> [KeyGroup] {
        [screenGroup(screen.feature), editing, lists, everywhere].filter { !$0.bindings.isEmpty }
    }
}
