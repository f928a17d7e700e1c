import Foundation
import Testing

/// The week's second pass at 80x24, end to end in tmux: panels that keep their place, a conflict of long
/// texts read whole, help scrolled to its end, dates and amounts explained and said back, the frames
/// that were cut, and a workstream marked for the board found on the next meeting's slide.
@Suite("The week at 80x24 (tmux)", .serialized)
struct WeekE2ETests {
    static func session(_ label: String, _ box: Sandbox, _ store: URL, user: String = "officer") throws -> BoardSession {
        try BoardSession("week-\(label)", sandbox: box, store: store, arguments: ["--no-mouse", "--user", user], width: 80, height: 24)
    }

    @Test("a n (type) Tab Tab Enter twice adds two actions, the panel kept open; a new risk saved is the one selected")
    func twoActionsInARow() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try Self.session("actions", box, store)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("4")
        try s.waitFor(["Risk register · 15"])
        try s.press("a")
        try s.waitFor(["Mitigating actions · R01"])
        for text in ["Exit plan for navigators", "Second bridging letter to providers"] {
            try s.press("n")
            try s.waitFor(["New action on R01"], none: ["New risk"])
            try s.type(text)
            try s.press("Tab", "Tab", "Enter")
            try s.waitFor(["Mitigating actions · R01", text], none: ["New action on R01"])
        }
        let panel = try s.capture()
        #expect(panel.contains("Exit plan for navigators") && panel.contains("Second bridging letter"), "\(panel)")
        try s.press("Escape")
        // A new risk saved is selected: its detail is the one shown.
        try s.press("n")
        try s.waitFor(["New risk", "R16"])
        try s.press("Tab")
        try s.type("Navigator contracts end")
        try s.press("Tab", "Tab", "Tab")
        try s.type("Funding")
        try s.press("Enter")
        try s.waitFor(["┌─ R16 · Navigator contracts end"], none: ["New risk"])
    }

    @Test("two officers' long objectives meet: each side is text, a line an item, wrapped; v reads both whole")
    func conflictOfLongTexts() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let alice = try Self.session("conflict-alice", box, store, user: "alice")
        defer { alice.kill() }
        let bob = try Self.session("conflict-bob", box, store, user: "bob")
        defer { bob.kill() }
        let tail =
            " - with the partners' data protection officers agreeing a single information sharing agreement covering police, health, probation and the two local authorities, reviewed each quarter by the board"
        for s in [alice, bob] {
            try s.waitFor(["1 Overview"])
            try s.press("2")
            try s.waitFor(["Strategic priorities"])
            try s.press("Enter")
            try s.waitFor(["┌─ WS-1.1 ·"])
            try s.press("e")
            try s.waitFor(["Edit WS-1.1"])
            // Title, priority, lead, sponsor, then the first objective.
            try s.press("Tab", "Tab", "Tab", "Tab", "End")
        }
        try bob.type(tail + " (bob's version)")
        try bob.press("Enter")
        try bob.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Edit WS-1.1"])
        try alice.type(tail + " (alice's version)")
        try alice.press("Enter")
        let dialog = try alice.waitFor(["Changed by someone else: WS-1.1", "Objectives", "more lines: v reads", "it whole)"])
        #expect(!dialog.contains("[\"") && !dialog.contains("\"]"), "no JSON brackets or quotes:\n\(dialog)")
        #expect(dialog.contains("• "), "a list is its items, a line each:\n\(dialog)")
        try alice.press("v")
        // Both versions whole, scrolled with the arrows: the ends of both long texts can be read.
        var seen = try alice.capture()
        for _ in 0..<30 where !(seen.contains("(alice's version)") && seen.contains("(bob's version)")) {
            try alice.press("Down")
            seen += try alice.capture()
        }
        #expect(seen.contains("(alice's version)") && seen.contains("(bob's version)"), "\(seen)")
    }

    @Test("? then G shows the help's last line at 80x24; PgUp goes back up, the help stays open; Esc closes it")
    func helpScrolledToItsEnd() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try Self.session("help", box, store)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("?")
        try s.waitFor(["Keys here: Overview", "RAG: G green", "† judgement"])
        try s.press("G")
        try s.waitFor(["Select / scroll (not with --no-mouse)"], none: ["Keys here: Overview"])
        try s.press("PPage")
        try s.waitFor(["Keys:"], none: ["Select / scroll (not with --no-mouse)"])
        try s.press("Home")
        try s.waitFor(["Keys here: Overview"])
        try s.press("Escape")
        try s.waitFor(["Escalated risks"], none: ["Keys here: Overview"])
    }

    @Test("a date field explains each refusal and says back tomorrow, +7d and next Friday; the actuals table says back 3.37m and pence")
    func datesAndAmountsSaidBack() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try Self.session("dates", box, store)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("4")
        try s.waitFor(["Risk register"])
        try s.press("a")
        try s.waitFor(["Mitigating actions · R01"])
        try s.press("n")
        try s.waitFor(["New action on R01"])
        try s.type("Check the dates")
        // Action, owner, or-not-a-member, then the due date (the board's date is Monday 13 Dec 2021).
        try s.press("Tab", "Tab", "Tab")
        let cases = [
            ("31/02/2022", "February 2022 has no 31st (it has 28 days)"),
            ("03/31/2022", "reads as month first; type 31/03/2022 (day first)"),
            ("13/13/2022", "there is no month 13"),
            ("tomorrow", "read as Tuesday 14 Dec 2021"),
            ("+7d", "read as Monday 20 Dec 2021"),
            ("next Friday", "read as Friday 17 Dec 2021"),
        ]
        for (typed, said) in cases {
            try s.press("C-u")
            try s.type(typed)
            try s.waitFor([said])
        }
        try s.press("Escape")
        try s.waitFor(["Discard your changes?"])
        try s.press("y")
        try s.press("Escape")
        try s.press("3")
        try s.waitFor(["split by category"])
        try s.press("a")
        try s.waitFor(["Actual spend and forecast outturn", "type each category's actual"])
        // Every category a row at once.
        let table = try s.capture()
        for start in [
            "Commissioned interventions", "Place-based delivery", "Local evaluation", "System-change", "Workforce development",
            "Insight and analysis", "Communications, engagement",
        ] {
            #expect(table.contains(start), "\(start) has its row at 80x24:\n\(table)")
        }
        try s.press("Tab", "Tab", "Tab")
        try s.type("3.37m")
        try s.waitFor(["Actual: read as £3,370,000", "Place-based delivery budgets agreed with local violence reduction boards"])
        try s.press("Tab")
        try s.type("£212,450.75")
        try s.waitFor(["Forecast outturn: whole pounds: saved as £212,451"])
        try s.type("x")
        try s.waitFor(["✗ Forecast outturn: not an amount"])
    }

    @Test(
        "at 80x24: the overview says the split is 2020/21's and why, each condition plan and forecast; attention keeps Overall; History shows a long note whole"
    )
    func framesAt80x24() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let note =
            "Schools data sharing agreement signed with two of the three local authorities; the third expected by January, after its information governance board meets"
        let r = try box.vrboard(["rag", "WS-1.3", "A", "--note", note, "--store", store.path, "--user", "officer"])
        #expect(r.status == 0, "\(r)")
        let s = try Self.session("frames", box, store)
        defer { s.kill() }
        try s.waitFor(["1 Overview", "The 2020/21 split: none is", "published for 2021/22", "  plan ✓  forecast ✓*"], none: ["on forecast"])
        try s.press("A")
        let attention = try s.waitFor(["Needs attention", "In-yr Overall Trend"])
        let row = try #require(attention.split(separator: "\n").first { $0.contains("WS-1.7") }, "\(attention)")
        #expect(row.contains("A/R†") && row.contains("R †"), "WS-1.7's overall red shows beside its in-year rating: \(row)")
        try s.press("5")
        try s.waitFor(["History · 1 change", "┌─ #1 · WS-1.3", "information governance board meets"])
    }

    @Test("b marks WS-1.7 for the board from the attention list; the next meeting's matters arising slide raises it with why")
    func markedForTheBoard() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.session("board", box, store, user: "secretary")
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("A")
        try s.waitFor(["Needs attention"])
        try s.press("Down")
        try s.waitFor(["┌─ WS-1.7 ·"])
        try s.press("b")
        try s.waitFor(["For the board: WS-1.7", "Why raise it"])
        try s.type("Probation data still not shared; the board to write to the regional director")
        try s.press("Enter")
        try s.waitFor(["Saved: Marked WS-1.7 for the board", "for the board ·", "For the next board:"])
        try s.press("P")
        try s.waitFor(["Start"])
        try s.press("y")
        try s.waitFor(["Strategic Violence Reduction Board", "Slide 1"])
        try s.press("2")
        try s.waitFor([
            "Raised for the board (1)", "WS-1.7 Access to Probation data", "Probation data still not shared; the board",
            "marked by secretary, 2 Nov 2021",
        ])
        let pack = try box.vrboard(["export", "--store", store.path, "--meeting", "2021-11-02", "--format", "md"])
        #expect(pack.status == 0 && pack.stdout.contains("#### Raised for the board"), "\(pack)")
    }
}
