import Testing
import VRModel
@testable import VRUI

@Suite struct ScreenTests {
    @Test(arguments: Fixtures.datasets)
    func everyScreenFitsAndShowsItsFrameAtBothSizes(dataset: String) throws {
        let board = try Fixtures.board(dataset)
        for (w, h) in Fixtures.sizes {
            for screen in Screen.allCases {
                var s = AppState(board: board, width: w, height: h)
                s.screen = screen
                let f = render(s)
                expectFits(f, width: w, height: h)
                #expect(f.lines[0].contains(board.programme.shortName))
                #expect(f.lines[0].contains(board.programme.year))
                // Every tab shows, at 80 columns too (the longest other titles cut to fit).
                #expect(Screen.allCases.allSatisfy { f.lines[1].contains("\($0.index + 1) \($0.title.prefix(3))") }, "\(f.lines[1])")
                #expect(f.lines[h - 1].contains("q quit") && f.lines[h - 1].contains("? help"))
                // The active tab is drawn with its own role.
                let tab = try #require(f.find("\(screen.index + 1) \(screen.title)"))
                #expect(f[tab.x, tab.y].role == .tabActive)
            }
        }
    }

    @Test(arguments: Fixtures.sizes.map { [$0.0, $0.1] })
    func nnvruOverviewShowsPrioritiesFundingAndRisks(size: [Int]) throws {
        let board = try Fixtures.board("nnvru-2021-22")
        let f = render(AppState(board: board, width: size[0], height: size[1]))
        #expect(f.contains("Data, intelligence and evidence base"))
        #expect(f.contains("Enforcement, rehabilitation and resett"))
        #expect(f.contains("£880,000"))
        #expect(f.contains("Interventions £255,200 (29%)"))
        // Each condition one line with two results, the plan's and the forecast outturn's (NNVRU has actuals).
        #expect(f.contains("Interventions ≥ 20%"))
        #expect(f.contains(size[0] >= 120 ? "  plan ✓ 29%  forecast ✓ 28.6%*" : "  plan ✓  forecast ✓*"))
        #expect(!f.contains("on forecast"))
        // The split is 2020/21's, on a 2021/22 board: said so, and why.
        #expect(f.contains("The 2020/21 split: none is"))
        // At 80x24 the heading shortens to keep the overdue count whole.
        #expect(f.contains("Escalated risks (\(board.escalatedRisks.count))") || f.contains("Escalated (\(board.escalatedRisks.count)) · "))
        let top = try #require(board.escalatedRisks.first)
        #expect(f.contains("\(top.residual.value) \(Width.pad(top.band.letter, to: 2))  \(top.id)"))
        // Each priority's RAG counts, drawn from its workstreams.
        let p1 = board.workstreams(in: "P1")
        let greens = p1.filter { $0.inYear == .green }.count
        if greens > 0 { #expect(f.contains(" G  \(greens)")) }
        #expect(f.contains("Latest rating changes"))
    }

    @Test func wmvruOverviewWithLongerNamesFitsAt80x24() throws {
        let board = try Fixtures.board("wmvru-2021-22")
        let f = render(AppState(board: board, width: 80, height: 24))
        expectFits(f, width: 80, height: 24)
        #expect(f.contains("Stop violence before it starts"))
        #expect(f.contains("£3,370,000"))
        // The evaluation condition passes on the plan and fails on the forecast: one line, two results.
        #expect(f.contains("Evaluation ≥ 10%"))
        #expect(f.contains("  plan ✓*  forecast ✗*"))
        #expect(!f.contains("The 2021/22 split"), "WM-VRU's split is its own year's")
        // Truncated names end in an ellipsis rather than being cut mid-word silently.
        #expect(f.contains("…"))
    }

    @Test func fundingScreenShowsSplitConditionsAndGrants() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        for (w, h) in Fixtures.sizes {
            var s = AppState(board: board, width: w, height: h)
            _ = s.press(.char("3"))
            let f = render(s)
            #expect(f.contains("£880,000"))
            #expect(f.contains("£255,200"))
            #expect(f.contains("29%"))
            #expect(f.contains("✓ PASS Interventions ≥ 20% of the grant: 29%"))
            #expect(f.contains("required £176,000"))
            #expect(f.contains("margin £79,200"))
            #expect(f.contains("* illustrative, or resting on an illustrative figure"))
            #expect(f.contains("Police Surge Funding"))
            #expect(f.contains("£1,003,730"))
            // Another year's split says so, and why where there is room.
            #expect(
                f.contains(h >= 36 ? "The 2020/21 split, for 2021/22: the latest in the sources" : "The 2020/21 split: none is published for 2021/22")
            )
        }
    }

    @Test func failingConditionShowsFailAndNegativeMargin() throws {
        var board = try Fixtures.board("nnvru-2021-22")
        let i = try #require(board.funding.categories.firstIndex { $0.kind == .interventions })
        board.funding.categories[i].amount = 150_000
        var s = AppState(board: board, width: 120, height: 36)
        _ = s.press(.char("3"))
        let f = render(s)
        #expect(f.contains("✗ FAIL Interventions ≥ 20% of the grant"))
        #expect(f.contains("margin -£26,000"))
        let pos = try #require(f.find("✗ FAIL"))
        #expect(f[pos.x, pos.y].role == .fail)
    }

    @Test func barsAreProportionalToAmounts() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        _ = s.press(.char("3"))
        let f = render(s)
        func bar(_ name: String) throws -> Int {
            let row = try #require(f.lines.first { $0.contains(name) })
            return row.filter { $0 == "█" }.count
        }
        let staff = try bar("Staff costs"), interventions = try bar("Commissioned interventions"), other = try bar("Other funding")
        #expect(staff > interventions && interventions > other && other >= 1)
    }

    @Test func tooSmallScreenAndQuit() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 40, height: 10)
        let f = render(s)
        expectFits(f, width: 40, height: 10)
        #expect(f.contains("Terminal too small"))
        #expect(f.contains("40×10"))
        #expect(s.press(.char("j")).isEmpty)
        #expect(s.press(.char("q")) == [.quit])
        _ = update(&s, .resize(width: 79, height: 30))
        #expect(render(s).contains("Terminal too small"))
        _ = update(&s, .resize(width: 80, height: 24))
        #expect(render(s).contains("1 Overview"))
    }

    @Test func helpOverlayListsEveryBindingFromTheKeymap() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 50)
        _ = s.press(.char("?"))
        // The overlay scrolls with j: gather everything it shows, read as text (a description wraps under
        // its column, so the box's borders and the key column's spaces are taken out).
        func words(_ t: String) -> String {
            t.replacingOccurrences(of: "│", with: " ").split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        }
        var seen = words(render(s).text)
        for _ in 0..<400 {
            _ = s.press(.char("j"))
            seen += " | " + words(render(s).text)
        }
        #expect(s.showHelp)
        for g in VRUI.Keys.allGroups {
            for b in g.all { #expect(seen.contains(words(Keys.keyed(b.help, remaps: KeyRemaps()))), "help lacks \(b.help) (\(g.title))") }
        }
        _ = s.press(.char("x"))
        #expect(!render(s).contains("any key closes"))
    }

    @Test func hintBarComesFromTheKeymap() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        _ = s.press(.char("4"))
        let hints = render(s).lines[35]
        // The bar is the keymap's hints that apply here, in rank order; when they do not all fit, those
        // that cannot run now go first, then the last.
        let hinted: [Binding] = s.keyGroups.flatMap(\.all).filter { $0.hint != nil && $0.applies(on: .risks) }
        let ranked = hinted.sorted { $0.rank < $1.rank }
        let label = { (b: Binding) in "\(b.hintLabel) \(b.hint!)" }
        let shown = hints.trimmingCharacters(in: .whitespaces)
        let shownHints = shown.components(separatedBy: "  ").filter { !$0.isEmpty }
        #expect(shownHints == ranked.map(label).filter { shownHints.contains($0) }, "in rank order")
        let dropped = ranked.filter { !shownHints.contains(label($0)) }
        let lastShown = try #require(ranked.lastIndex { shownHints.contains(label($0)) })
        for b in dropped where b.reason(s) == nil {
            #expect(ranked.firstIndex { $0.id == b.id }! > lastShown, "\(b.id) can run but was dropped before a later hint")
        }
        #expect(shown.contains("q quit") && shown.contains("s sort") && shown.contains("a actions"))
        #expect(!shown.contains("r rate"))
    }

    @Test func monochromeThemeHasNoColourButRAGKeepsItsLetter() throws {
        for r in Role.allCases {
            let st = Theme.monochrome.style(r)
            #expect(st.fg == nil && st.bg == nil)
        }
        let board = try Fixtures.board("nnvru-2021-22")
        let f = render(AppState(board: board, width: 120, height: 36))
        let ansi = f.ansiLines(theme: .monochrome).joined()
        #expect(!ansi.contains("[42m") && !ansi.contains("[43m") && !ansi.contains("[41m"))
        #expect(f.contains("A/G") && f.contains("A/R"))
        let coloured = f.ansiLines(theme: .colour).joined()
        #expect(coloured.contains(";42m") || coloured.contains(";42;") || coloured.contains("42m"))
    }

    @Test func threeColourToggleMapsRatings() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        #expect(render(s).contains("A/G"))
        _ = s.press(.char("c"))
        let f = render(s)
        #expect(!f.lines[2..<14].joined().contains("A/G"))
        #expect(f.contains("three-colour"))
    }
}
