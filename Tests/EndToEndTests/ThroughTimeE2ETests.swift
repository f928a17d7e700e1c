import Foundation
import Testing
import VRTestSupport

/// One store driven through the end of Q3 2021/22, its quarter close, Q4 and `year open 2022/23`, by the
/// real binary and the real board in tmux, on the folder store and on PostgreSQL: at each step what is
/// overdue and what the checklist lists, and nothing recorded before lost or changed.
@Suite("The board through time", .serialized)
struct ThroughTimeE2ETests {
    @Test func folderStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        try walk(box, store: store.path)
    }

    @Test func postgresStore() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let folder = try box.makeStore(.wmvru)
        let url = cluster.url(try cluster.database("e2etime"), vru: "wm")
        try #require(box.vrboard(["copy", "--from", folder.path, "--to", url]).status == 0)
        try walk(box, store: url)
    }

    /// `vrboard ARGS --store STORE`, required to exit `status`.
    @discardableResult
    func run(
        _ box: Sandbox, _ args: [String], _ store: String, status: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> RunResult
    {
        let r = try box.vrboard(args + ["--store", store])
        #expect(r.status == status, "vrboard \(args.joined(separator: " ")): \(r)", sourceLocation: sourceLocation)
        return r
    }

    /// The board in tmux at the board's date: Q shows the checklist for `quarter`, with each of `lines`.
    func checklist(_ box: Sandbox, _ store: String, quarter: String, lines: [String]) throws {
        let s = try BoardSession("through-time", sandbox: box, vrboard: ["--store", store, "--no-mouse"], width: 120, height: 40)
        defer { s.kill() }
        try s.waitFor([ScreenText.tabRow])
        try s.press("Q")
        try s.waitFor(["Quarter close · \(quarter)"] + lines)
        try s.press("Escape")
        try s.press("q")
        _ = try s.waitForExit()
    }

    func walk(_ box: Sandbox, store: String) throws {
        // The sample keeps the date of its paper, and says so.
        #expect(try run(box, ["date"], store).stdout.contains("13 Dec 2021 (a sample"))
        // The end of Q3: the close lists what is missing, and the board's checklist shows the same.
        try run(box, ["date", "--fixed", "2022-01-05"], store)
        let q3 = try run(box, ["quarter"], store, status: 1)
        #expect(q3.stdout.contains("Quarter close: Q3 2021/22 (ended 31 Dec 2021), as at 5 Jan 2022 · fixed"), "\(q3)")
        #expect(q3.stdout.contains("✗ Actuals not entered"), "\(q3)")
        #expect(q3.stdout.contains("✗ Reach returns not in"), "\(q3)")
        #expect(q3.stdout.contains("IV-01") && q3.stdout.contains("due 30 Jan 2022"), "\(q3)")
        let csv = try run(box, ["quarter", "--format", "csv"], store, status: 1)
        #expect(csv.stdout.hasPrefix("quarter,kind,ref,what,owner,due\r\n2021-Q3,"), "\(csv)")
        try checklist(box, store, quarter: "Q3 2021/22", lines: ["✗ Actuals not entered", "✗ Reach returns not in"])

        // Ticking off is the ordinary editing: a return in, and it leaves the list.
        try run(box, ["reach", "IV-01", "--quarter", "2021-Q3", "--under-25", "120", "--over-25", "3", "--user", "officer"], store)
        let after = try run(box, ["quarter", "--format", "csv"], store, status: 1)
        #expect(!after.stdout.contains("reach-return,IV-01,"), "\(after)")
        // The return belongs to the board's date, and keeps the day it was recorded too.
        let export = try run(box, ["export", "--format", "json"], store).stdout
        #expect(export.contains("\"boardDate\" : \"2022-01-05\""), "the return keeps the board's date")

        // A meeting on the board's date, held: its pack is the one last year must keep byte for byte.
        try run(box, ["meetings", "schedule", "2022-01-05", "2022-04-20"], store)
        try run(box, ["meetings", "hold", "2022-01-05"], store)
        let pack = try run(box, ["export", "--format", "md", "--meeting", "2022-01-05"], store).stdout
        #expect(pack.contains("VRU highlight report, 5 Jan 2022"))
        // The next meeting is ahead: holding it asks for --future, and its pack is the prepared draft.
        let early = try run(box, ["meetings", "hold", "2022-04-20"], store, status: 2)
        #expect(early.stderr.contains("dated after the board's date (5 Jan 2022 · fixed)"), "\(early)")
        #expect(try run(box, ["export", "--format", "md", "--meeting", "2022-04-20"], store).stdout.contains("(prepared draft)"))
        let plan = try run(box, ["meetings", "plan"], store).stdout
        #expect(plan.contains("20 Apr 2022 · draft · receives the Q4 2021/22 close"), "\(plan)")
        #expect(plan.contains("Annual business: Approve the 2022/23 VRU budget and suite of interventions (due 31 Mar 2022)"), "\(plan)")

        // Q4: the date moves on; the overdue returns are judged at it.
        try run(box, ["date", "--fixed", "2022-04-02"], store)
        let q4 = try run(box, ["quarter"], store, status: 1)
        #expect(q4.stdout.contains("Quarter close: Q4 2021/22 (ended 31 Mar 2022), as at 2 Apr 2022 · fixed"), "\(q4)")
        #expect(!q4.stdout.contains("IV-01 ") || !q4.stdout.contains("the Q3 2021/22 return"), "the Q3 return is in")
        let render = try run(box, ["render", "--screen", "overview", "--size", "120x36"], store).stdout
        #expect(render.contains("2021/22 · as at 2 Apr 2022 · fixed"), "\(render)")
        // `present` with no meeting on the board's date offers the next one scheduled.
        let offered = try run(box, ["present"], store, status: 1)
        #expect(offered.stderr.contains("the next scheduled is 20 Apr 2022; give --meeting 2022-04-20 to open it"), "\(offered)")
        let before = try run(box, ["export", "--format", "json"], store).stdout

        // The new year: asked for --yes off a terminal; then opened, last year kept whole.
        let refused = try run(box, ["year", "open", "2022/23"], store, status: 2)
        #expect(refused.stdout.contains("Opening 2022/23") && refused.stderr.contains("add --yes"), "\(refused)")
        #expect(try run(box, ["export", "--format", "json"], store).stdout == before, "a refused year open changes nothing")
        let opened = try run(box, ["year", "open", "2022/23", "--yes"], store)
        #expect(opened.stdout.contains("Saved: 2022/23 is open"), "\(opened)")
        #expect(try run(box, ["validate"], store).stdout.contains("sound"))
        #expect(try run(box, ["export", "--format", "md", "--meeting", "2022-01-05", "--year", "2021/22"], store).stdout == pack)
        #expect(try run(box, ["export", "--format", "json", "--year", "2021/22"], store).stdout == before, "the closed year reads as it stood")
        let now = try run(box, ["render", "--screen", "funding", "--size", "120x36"], store).stdout
        #expect(now.contains("2022/23 · as at 1 Apr 2022 · fixed"), "\(now)")
        let years = try run(box, ["year"], store).stdout
        #expect(years.contains("Open: 2022/23") && years.contains("Closed: 2021/22"), "\(years)")
        // Nothing in the closed year can change.
        let frozen = try run(box, ["rag", "WM-02", "G", "--note", "too late", "--year", "2021/22"], store, status: 1)
        #expect(frozen.stderr.contains("2021/22 is a closed year"), "\(frozen)")
        try checklist(box, store, quarter: "Q4 2021/22", lines: ["✗ Actuals not entered"])

        // Opened by mistake: undone while nothing is entered; then again, and once entered it stays.
        #expect(try run(box, ["year", "undo"], store).stdout.contains("Year 2022/23 undone"))
        #expect(try run(box, ["year"], store).stdout.contains("Open: 2021/22"))
        try run(box, ["year", "open", "2022/23", "--yes"], store)
        try run(box, ["rag", "WM-02", "G", "--note", "first rating of the year", "--user", "officer"], store)
        let stays = try run(box, ["year", "undo"], store, status: 1)
        #expect(stays.stderr.contains("was entered in it"), "\(stays)")
        #expect(try run(box, ["validate"], store).stdout.contains("sound"))
    }
}
