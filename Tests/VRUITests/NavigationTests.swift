import Testing
import VRModel
@testable import VRUI

@Suite struct NavigationTests {
    func state(_ dataset: String = "nnvru-2021-22", _ w: Int = 120, _ h: Int = 36) throws -> AppState {
        AppState(board: try Fixtures.board(dataset), width: w, height: h)
    }

    /// At 80 columns the seven tabs do not fit with their titles whole: the current one keeps its title and
    /// the others are cut alike, so every tab shows (the seventh was left out) and a click lands on it.
    @Test("at 80 columns every tab shows, the current one's title whole", arguments: [80, 90, 100])
    func everyTabShowsAt80Columns(width: Int) throws {
        var s = try state("nnvru-2021-22", width, 24)
        for screen in Screen.allCases {
            _ = s.press(.char(Character(String(screen.index + 1))))
            #expect(s.screen == screen)
            let row = render(s).lines[1]
            let shown = tabs(s)
            #expect(shown.map(\.screen) == Screen.allCases, "\(row)")
            #expect(row.contains("\(screen.index + 1) \(screen.title)"), "\(row)")
            #expect(Width.of(row.trimmingCharacters(in: .whitespaces)) <= width - 1)
            // Each tab is where it is drawn: the row holds its text at its place.
            for tab in shown {
                let drawn = String(row.dropFirst(tab.x).prefix(tab.text.count))
                #expect(
                    drawn.trimmingCharacters(in: .whitespaces) == tab.text.trimmingCharacters(in: .whitespaces), "\(tab.text) at \(tab.x) in \(row)")
            }
        }
        #expect(Screen.numberKeys.count == min(9, Screen.allCases.count))
    }

    @Test func tabsAndDigitsSwitchScreens() throws {
        var s = try state()
        _ = s.press(.tab)
        #expect(s.screen == .workstreams)
        _ = s.press(.tab, .tab)
        #expect(s.screen == .risks)
        _ = s.press(.tab)
        #expect(s.screen == .history)
        _ = s.press(.tab)
        #expect(s.screen == .interventions)
        _ = s.press(.tab)
        #expect(s.screen == .outcomes)
        _ = s.press(.tab)
        #expect(s.screen == .overview)
        _ = s.press(.backTab)
        #expect(s.screen == .outcomes)
        _ = s.press(.char("3"))
        #expect(s.screen == .funding)
        _ = s.press(.char("1"))
        #expect(s.screen == .overview)
        #expect(s.press(.char("q")) == [.quit])
        #expect(s.press(.ctrl("c")) == [.quit])
    }

    @Test(arguments: Fixtures.datasets)
    func drillIntoAPriorityAndBack(dataset: String) throws {
        var s = try state(dataset)
        _ = s.press(.char("2"), .char("j"), .enter)
        let p2 = try #require(s.board.priorities["P2"])
        #expect(s.workstreamsScreen.openPriority == "P2")
        let f = render(s)
        #expect(f.contains("2. \(String(p2.title.prefix(30)))"))
        for w in s.board.workstreams(in: "P2") { #expect(f.contains(w.id)) }
        // The detail pane shows the selected workstream's objectives and history.
        let first = try #require(s.selectedWorkstream)
        #expect(f.contains("\(first.id) · "))
        #expect(f.contains("Objectives"))
        #expect(f.contains("Rating history"))
        _ = s.press(.escape)
        #expect(s.workstreamsScreen.openPriority == nil)
        #expect(s.selectedPriority?.id == "P2")
        _ = s.press(.char("l"))
        #expect(s.workstreamsScreen.openPriority == "P2")
        _ = s.press(.backspace)
        #expect(s.workstreamsScreen.openPriority == nil)
    }

    @Test func movingClampsAndPagesAndJumps() throws {
        var s = try state()
        _ = s.press(.char("2"), .enter)  // P1: seven workstreams
        let n = s.workstreamsScreen.workstreamRows.count
        #expect(n > 3)
        _ = s.press(.char("k"))
        #expect(s.workstreamsScreen.workstreamCursor.selected == 0)
        _ = s.press(.char("G"))
        #expect(s.workstreamsScreen.workstreamCursor.selected == n - 1)
        _ = s.press(.char("j"))
        #expect(s.workstreamsScreen.workstreamCursor.selected == n - 1)
        _ = s.press(.char("g"))
        #expect(s.workstreamsScreen.workstreamCursor.selected == 0)
        _ = s.press(.pageDown)
        #expect(s.workstreamsScreen.workstreamCursor.selected > 0)
    }

    @Test func searchNarrowsIncrementallyAndEscClears() throws {
        var s = try state()
        _ = s.press(.char("2"), .char("j"), .char("j"), .enter)  // P3, nine workstreams
        let all = s.workstreamsScreen.workstreamRows.count
        _ = s.press(.char("/"))
        #expect(s.searching)
        s.type("amb")
        #expect(s.workstreamsScreen.workstreamRows.count < all)
        #expect(
            s.workstreamsScreen.workstreamRows.allSatisfy {
                $0.title.lowercased().contains("amb") || $0.id.lowercased().contains("amb") || s.board.name(of: $0.lead).lowercased().contains("amb")
                    || s.board.name(of: $0.sponsor).lowercased().contains("amb")
            })
        #expect(render(s).lines[1].contains("Search: amb"))
        _ = s.press(.backspace, .backspace, .backspace)
        #expect(s.workstreamsScreen.workstreamRows.count == all)
        s.type("zzzz-nothing")
        #expect(s.workstreamsScreen.workstreamRows.isEmpty)
        #expect(render(s).contains("No workstream matches"))
        _ = s.press(.escape)
        #expect(!s.searching && s.workstreamsScreen.workstreamRows.count == all)
        // Enter keeps the filter; Esc then clears it.
        _ = s.press(.char("/"))
        s.type("ambassador")
        _ = s.press(.enter)
        #expect(!s.searching && s.workstreamsScreen.workstreamRows.count >= 1 && s.workstreamsScreen.workstreamRows.count < all)
        #expect(render(s).lines[1].contains("Filter: ambassador"))
        _ = s.press(.escape)
        #expect(s.workstreamsScreen.workstreamRows.count == all)
        // q typed into the search box is text, not quit.
        _ = s.press(.char("/"))
        #expect(s.press(.char("q")).isEmpty)
    }

    @Test func riskSortBandFilterAndHeatMap() throws {
        var s = try state("wmvru-2021-22")
        _ = s.press(.char("4"))
        let scores = s.risksScreen.rows.filter { $0.status == .open }.map(\.residual.value)
        #expect(scores == scores.sorted(by: >))
        _ = s.press(.char("s"))
        #expect(s.risksScreen.sort == .owner)
        let owners = s.risksScreen.rows.map { s.board.name(of: $0.owner) }
        #expect(owners == owners.sorted())
        #expect(render(s).contains("by owner"))
        _ = s.press(.char("s"))
        let open = s.risksScreen.rows.filter { $0.status == .open }.map(\.nextReview)
        #expect(open == open.sorted())
        _ = s.press(.char("s"), .char("s"))
        #expect(s.risksScreen.sort == .residual)

        // f filters by band (b marks a risk for the board).
        _ = s.press(.char("f"))
        #expect(s.risksScreen.bandFilter == .veryHigh)
        #expect(!s.risksScreen.rows.isEmpty && s.risksScreen.rows.allSatisfy { $0.band == .veryHigh })
        _ = s.press(.char("f"))
        #expect(s.risksScreen.rows.allSatisfy { $0.band == .high })
        _ = s.press(.escape)
        #expect(s.risksScreen.bandFilter == nil)

        // The heat map counts every open risk once, and Enter on a cell filters the table to it.
        let grid = RiskRegister.heatMap(s.board.risks.items)
        #expect(grid.joined().reduce(0, +) == s.board.openRisks.count)
        let top = try #require(s.selectedRisk)
        _ = s.press(.char("m"))
        #expect(s.risksScreen.heatFocus && s.risksScreen.heatCell == top.residual)
        _ = s.press(.enter)
        #expect(s.risksScreen.heatFilter == top.residual)
        #expect(s.risksScreen.rows.count == grid[top.residual.likelihood - 1][top.residual.impact - 1])
        #expect(s.risksScreen.rows.allSatisfy { $0.residual == top.residual })
        _ = s.press(.escape)
        #expect(s.risksScreen.heatFilter == nil)
        // Arrows move the heat-map cursor within 1...5.
        _ = s.press(.char("m"), .up, .up, .up, .up, .up, .up, .right, .right, .right, .right, .right)
        #expect(s.risksScreen.heatCell == Score(likelihood: 5, impact: 5))
    }

    @Test func heatMapCountsAreDrawn() throws {
        var s = try state("wmvru-2021-22")
        _ = s.press(.char("4"))
        let f = render(s)
        let grid = RiskRegister.heatMap(s.board.risks.items)
        let l = Layout(width: 120, height: 36)
        for lik in 1...5 {
            for imp in 1...5 where grid[lik - 1][imp - 1] > 0 {
                // Find the cell under the heat map's own hit test, and read its number.
                let r = l.heatMap(s)
                let y = r.y + 1 + (5 - lik)
                let x = r.x + 5 + (imp - 1) * 4
                #expect(l.heatCell(atX: x, y: y, s) == Score(likelihood: lik, impact: imp))
                let text = (x - 1..<x + 3).map { f[$0, y].text }.joined().trimmingCharacters(in: .whitespaces)
                #expect(text == "\(grid[lik - 1][imp - 1])")
            }
        }
    }

    @Test func mouseSelectsTabsRowsAndHeatCells() throws {
        var s = try state("wmvru-2021-22")
        let tabs = render(s).lines[1]
        let funding = try #require(tabs.range(of: "3 Funding"))
        _ = update(&s, .mouse(Mouse(.click, x: Width.of(String(tabs[..<funding.lowerBound])), y: 1)))
        #expect(s.screen == .funding)
        _ = s.press(.char("4"))
        let l = Layout(width: 120, height: 36)
        _ = update(&s, .mouse(Mouse(.click, x: l.riskTable(s).x + 3, y: l.riskTable(s).y + 4)))
        #expect(s.risksScreen.cursor.selected == 2)
        _ = update(&s, .mouse(Mouse(.wheelDown, x: 5, y: 10)))
        #expect(s.risksScreen.cursor.selected == 5)
        _ = update(&s, .mouse(Mouse(.click, x: l.heatMap(s).x + 5 + 2 * 4, y: l.heatMap(s).y + 1 + 1)))
        #expect(s.risksScreen.heatFilter == Score(likelihood: 4, impact: 3))
    }

    @Test func externalChangeKeepsSelectionInRange() throws {
        var s = try state()
        _ = s.press(.char("2"), .enter, .char("G"))
        var b = s.board
        var ws = try #require(b.workstreams["WS-1.1"])
        ws.archived = true
        b.workstreams.put(ws)
        _ = update(&s, .boardChanged(b))
        #expect(s.workstreamsScreen.workstreamCursor.selected < s.workstreamsScreen.workstreamRows.count)
        #expect(!s.workstreamsScreen.workstreamRows.contains { $0.id == "WS-1.1" })
    }
}
