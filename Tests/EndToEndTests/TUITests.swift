import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The live board, driven through tmux: keys in, `capture-pane` out, polled until the expected screen shows.
@Suite("Live board in tmux", .serialized)
struct TUITests {
    // Text that is on one screen and on no other (at 100x30 with the NNVRU sample).
    static let overview = ScreenText.overview
    static let workstreams = ScreenText.priorityList
    static let funding = ScreenText.funding
    static let risks = ScreenText.risks
    static let allScreens = [overview, workstreams, funding, risks]
    static let tabRow = ScreenText.tabRow

    /// Waits for `marker`'s screen and checks no other screen's marker is left on it.
    @discardableResult
    static func expectScreen(_ s: BoardSession, _ marker: String, also: [String] = []) throws -> String {
        try s.waitFor([marker, tabRow] + also, none: allScreens.filter { $0 != marker })
    }

    /// A fresh NNVRU store and the board open on it at 100x30, showing the overview.
    static func open(
        _ label: String, _ box: Sandbox, dataset: Dataset = .nnvru, arguments: [String] = ["--no-mouse"],
        env: [String: String] = [:]
    ) throws -> (BoardSession, URL) {
        let store = try box.makeStore(dataset)
        let s = try BoardSession(label, sandbox: box, store: store, arguments: arguments, env: env)
        return (s, store)
    }

    static func expectSaneTerminal(_ exit: BoardSession.Exit, sourceLocation: SourceLocation = #_sourceLocation) {
        for mode in BoardSession.saneModes {
            #expect(
                exit.modes.contains(mode) && !exit.modes.contains("-" + mode),
                "terminal mode \(mode) not restored; stty saw \(exit.modes); screen:\n\(exit.screen)",
                sourceLocation: sourceLocation)
        }
        // The board is gone: the shell's screen is back (curses left the alternate screen).
        for leftover in [tabRow, "Strategic priorities", overview] {
            #expect(
                !exit.screen.contains(leftover), "the board is still drawn after exit:\n\(exit.screen)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("1-4 open each screen")
    func screensByNumber() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("numbers", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview, also: ["Strategic priorities (5) · in-year RAG", "Escalated risks"])
        try s.press("3")
        try Self.expectScreen(s, Self.funding, also: ["split by category", "£255,200"])
        try s.press("4")
        try Self.expectScreen(s, Self.risks, also: ["Risk register", "R01"])
        try s.press("2")
        try Self.expectScreen(s, Self.workstreams, also: ["Strategic priorities"])
        try s.press("1")
        try Self.expectScreen(s, Self.overview)
    }

    @Test("Tab and Shift-Tab cycle through the screens")
    func screensByTab() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("tabs", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview)
        for marker in [Self.workstreams, Self.funding, Self.risks] {
            try s.press("Tab")
            try Self.expectScreen(s, marker)
        }
        for marker in [Self.funding, Self.workstreams, Self.overview] {
            try s.press("BTab")
            try Self.expectScreen(s, marker)
        }
        // Shift-Tab from the first screen wraps to the last one, and Tab from there wraps back to the first.
        try s.press("BTab")
        try s.waitFor("the last screen") { screen in
            screen.contains(Self.tabRow) && !screen.contains(Self.overview) && !screen.contains(Self.workstreams)
                && !screen.contains(Self.funding)
        }
        try s.press("Tab")
        try Self.expectScreen(s, Self.overview)
    }

    @Test("Enter drills into priority 2's workstreams; Esc and Backspace go back")
    func drillIntoPriority() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("drill", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview)
        try s.press("2")
        try Self.expectScreen(s, Self.workstreams)
        try s.press("j")
        try s.waitFor(["─ Priority 2 ─"])
        try s.press("Enter")
        try s.waitFor(
            ["2. Trauma-informed approaches", "3 workstreams", "WS-2.1", "WS-2.2", "WS-2.3"],
            none: ["WS-1.1", "─ Priority 2 ─"])
        try s.press("Escape")
        // Back on the priority list, still on priority 2.
        try s.waitFor(["Strategic priorities", "─ Priority 2 ─"], none: ["2. Trauma-informed approaches", "WS-2.1"])
        try s.press("Enter")
        try s.waitFor(["2. Trauma-informed approaches", "WS-2.3"])
        try s.press("BSpace")
        try s.waitFor(["Strategic priorities", "─ Priority 2 ─"], none: ["WS-2.1"])
    }

    @Test("/ narrows the workstream table as you type; Enter keeps the filter; Esc clears it")
    func search() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("search", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview)
        try s.press("2")
        try Self.expectScreen(s, Self.workstreams)
        try s.press("j", "Enter")
        try s.waitFor(["2. Trauma-informed approaches", "WS-2.1", "WS-2.2", "WS-2.3"])

        try s.press("/")
        try s.waitFor(["Search:"])
        try s.type("social me")
        try s.waitFor(["Search: social me", "WS-2.3", "Skills on the impact of social media"], none: ["WS-2.1", "WS-2.2"])
        try s.press("Escape")
        try s.waitFor("the search cleared") { screen in
            !Self.tabRowLine(screen).contains("social") && ["WS-2.1", "WS-2.2", "WS-2.3"].allSatisfy(screen.contains)
        }

        // Enter keeps the filter and leaves search mode: j then moves rather than typing.
        try s.press("/")
        try s.type("contextual")
        try s.waitFor(["Search: contextual", "WS-2.2"], none: ["WS-2.1", "WS-2.3"])
        try s.press("Enter")
        try s.press("j")
        try s.waitFor("the filter kept after Enter, with search mode left") { screen in
            let tabs = Self.tabRowLine(screen)
            return tabs.contains("contextual") && !tabs.contains("contextualj") && !tabs.contains("Search:")
                && screen.contains("WS-2.2") && !screen.contains("WS-2.1") && !screen.contains("WS-2.3")
        }
        // Esc now clears the kept filter.
        try s.press("Escape")
        try s.waitFor("the filter cleared") { screen in
            !Self.tabRowLine(screen).contains("contextual") && screen.contains("2. Trauma-informed approaches")
                && ["WS-2.1", "WS-2.2", "WS-2.3"].allSatisfy(screen.contains)
        }
    }

    /// The line holding the tab row (where the search text shows).
    static func tabRowLine(_ screen: String) -> String {
        // Padded, tighter, or beside the search box with titles cut: the second line, which holds the tabs.
        screen.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
    }

    @Test("? shows the help overlay and any key closes it")
    func help() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("help", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview)
        try s.press("?")
        try s.waitFor(["Keys: j/k, PgDn, End scroll · any key closes", "Quit"])
        try s.press("x")
        try s.waitFor([Self.overview, "Strategic priorities (5) · in-year RAG"], none: ["any key closes"])
        // Help works on another screen too, and closing it keeps that screen.
        try s.press("3")
        try Self.expectScreen(s, Self.funding)
        try s.press("?")
        try s.waitFor(["Keys: j/k, PgDn, End scroll · any key closes"])
        // Space pages the help down (as PgDn); any other key closes it.
        try s.press("Space")
        try s.waitFor(["Keys: j/k, PgDn, End scroll · any key closes"])
        try s.press("x")
        try Self.expectScreen(s, Self.funding)
        #expect(!(try s.capture()).contains("any key closes"))
    }

    @Test("below 80x24 the too-small screen shows; growing back restores the board; q still quits")
    func resize() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("resize", box)
        defer { s.kill() }
        try s.press("3")
        try Self.expectScreen(s, Self.funding)
        try s.resize(width: 40, height: 10)
        try s.waitFor(["Terminal too small"], none: [Self.funding, Self.tabRow])
        try s.resize(width: 100, height: 30)
        try Self.expectScreen(s, Self.funding, also: ["£255,200"])
        #expect(!(try s.capture()).contains("Terminal too small"))
        try s.resize(width: 40, height: 10)
        try s.waitFor(["Terminal too small"])
        try s.press("q")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")
        Self.expectSaneTerminal(exit)
    }

    @Test("q quits with status 0 and gives the shell back a sane terminal")
    func quitWithQ() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("quit-q", box)
        defer { s.kill() }
        try s.press("4")
        try Self.expectScreen(s, Self.risks)
        try s.press("q")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")
        Self.expectSaneTerminal(exit)
    }

    @Test("Ctrl-C quits and restores the terminal")
    func quitWithCtrlC() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("quit-c", box)
        defer { s.kill() }
        try s.press("2", "j", "Enter")
        try s.waitFor(["2. Trauma-informed approaches"])
        try s.press("C-c")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")
        Self.expectSaneTerminal(exit)
    }

    @Test("SIGTERM ends the board and restores the terminal")
    func sigterm() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("sigterm", box)
        defer { s.kill() }
        try s.press("3")
        try Self.expectScreen(s, Self.funding)
        let pid = try s.vrboardPID()
        #expect(kill(pid, SIGTERM) == 0)
        let exit = try s.waitForExit()
        Self.expectSaneTerminal(exit)
        #expect(!processIsAlive(pid), "vrboard (pid \(pid)) is still running after SIGTERM")
    }

    @Test("NO_COLOR: no colour codes, yet the RAG letters show")
    func noColor() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("nocolor", box, env: ["NO_COLOR": "1"])
        defer { s.kill() }
        let plain = try Self.expectScreen(s, Self.overview)
        // The RAG letters of priority 1's in-year spread.
        // Each priority's rating spread, e.g. "G  1  A/G 2   A  1": the letters carry the RAG without colour.
        let spreads = plain.split(separator: "\n").filter { $0.range(of: #"│\s+(G|A/G|A|A/R|R|C|-)\s+[0-9]+\s"#, options: .regularExpression) != nil }
        #expect(spreads.count >= 5, "RAG letters missing:\n\(plain)")
        for letters in ["A/G", "A/R", " G "] {
            #expect(spreads.contains { $0.contains(letters) }, "no \(letters) in the rating spreads:\n\(plain)")
        }
        let styled = try s.capture(escapes: true)
        #expect(colourParameters(styled).isEmpty, "colour SGR codes with NO_COLOR=1: \(Set(colourParameters(styled)).sorted())")
        // Monochrome is still styled (bold/reverse), so the board is not flat text.
        #expect(!sgrSequences(styled).isEmpty)
    }

    @Test("--color never in the live board: no colour codes")
    func colorNever() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("never", box, arguments: ["--no-mouse", "--color", "never"])
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview, also: ["A/R"])
        let styled = try s.capture(escapes: true)
        #expect(colourParameters(styled).isEmpty, "colour SGR codes with --color never: \(Set(colourParameters(styled)).sorted())")
    }

    @Test("with colour on, RAG cells have coloured backgrounds")
    func colourOn() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("colour", box)
        defer { s.kill() }
        try Self.expectScreen(s, Self.overview)
        let styled = try s.waitFor("colour codes on the overview", escapes: true) { !colourParameters($0).isEmpty }
        let colours = Set(colourParameters(styled))
        #expect(!colours.isDisjoint(with: [41, 42, 43]), "no red/green/amber backgrounds: \(colours.sorted())")
    }

    @Test("UTF-8: pound signs, ≥ and box drawing display correctly")
    func utf8() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("utf8", box)
        defer { s.kill() }
        let overview = try Self.expectScreen(s, Self.overview, also: ["£880,000", "≥ 20%", "┌─ Strategic priorities", "┐", "└", "┘", "│"])
        #expect(!overview.contains("\u{FFFD}") && !overview.contains("Â£") && !overview.contains("â"), "mojibake:\n\(overview)")
        try s.press("3")
        try Self.expectScreen(s, Self.funding, also: ["✓ PASS Interventions ≥ 20% of the grant", "£255,200", "█"])
    }

    @Test("the West Midlands board opens too")
    func westMidlands() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("wm", box, dataset: .wmvru)
        defer { s.kill() }
        try s.waitFor(["West Midlands Violence Reduction Unit", "Stop violence before it starts", "£3,370,000", Self.overview])
    }

    @Test("risks: f filters by band, s sorts, m and Enter filter by a heat-map cell, Esc clears")
    func risksKeys() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, _) = try Self.open("risks", box, dataset: .wmvru)
        defer { s.kill() }
        try s.press("4")
        let start = try s.waitFor(["Risk register ·", "by residual score", "R01", "R02"])
        let title = try #require(start.firstMatch(of: /Risk register · ([0-9]+) ·/), "no risk count in:\n\(start)")
        let all = "Risk register · \(title.1) ·"
        try s.press("f")
        try s.waitFor(["very high only", "R01"], none: ["R02 ", "R05 "])
        try s.press("f")
        try s.waitFor(["high only", "R02", "R05"], none: ["very high only", "R01 "])
        try s.press("s")
        try s.waitFor("a different sort order") { $0.contains("Risks sorted by") && !$0.contains("by residual score") }
        try s.press("Escape")
        try s.waitFor([all], none: ["high only"])
        try s.press("m")
        let focused = try s.waitFor("a heat-map cell selected") { $0.range(of: #"\[[0-9]+\]"#, options: .regularExpression) != nil }
        try s.press("Enter")
        let filtered = try s.waitFor(["Risks scored likelihood"])
        #expect(!filtered.contains(all), "the heat-map cell should filter the register:\n\(filtered)\nfrom\n\(focused)")
        try s.press("Escape")
        try s.waitFor([all], none: ["Risks scored likelihood"])
    }

    @Test("a change saved by another process shows on the open board without a keypress")
    func liveRefresh() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let (s, store) = try Self.open("refresh", box)
        defer { s.kill() }
        let before = try Self.expectScreen(s, Self.overview)
        #expect(!before.contains("WS-2.3"), "WS-2.3 should not be among the latest changes yet:\n\(before)")
        let r = try box.vrboard(["rag", "WS-2.3", "R", "--note", "Provider withdrew", "--user", "carol", "--store", store.path])
        try #require(r.status == 0, "\(r)")
        try s.waitFor("WS-2.3's new rating in the latest changes") { screen in
            screen.split(separator: "\n").contains { $0.contains("WS-2.3") && $0.contains("→ R") }
        }
    }
}
