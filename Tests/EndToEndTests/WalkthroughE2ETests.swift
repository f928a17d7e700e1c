import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The board walkthrough (`vrboard present`) in tmux, and the board pack exported afterwards.
@Suite("Board walkthrough in tmux", .serialized)
struct WalkthroughE2ETests {
    struct Size: Sendable, CustomTestStringConvertible {
        let width: Int
        let height: Int
        var testDescription: String { "\(width)x\(height)" }
    }

    static let meeting = "2021-11-02"
    static let decision = "Approve the year 3 commissioning plan"
    static let action = "Draft the multi-year funding case"
    static let owner = "Police and Crime Commissioner"

    /// Text on each NNVRU slide (1-based) and on no slide before it.
    static let slideMarkers: [Int: [String]] = [
        1: [
            "Nottingham and Nottinghamshire Violence Reduction Unit", "Strategic Violence Reduction Board", "Agenda",
            "2. Minutes of the last meeting and matters arising", "3. VRU highlight report", "Draft: the slides follow the live board",
        ],
        2: [
            "Minutes of the last meeting and matters arising", "No earlier meeting is recorded", "Matters arising: actions from earlier meetings (0)",
        ],
        3: ["VRU highlight report", "In-year ratings by priority", "Changed in the last quarter (first recorded board)"],
        4: ["Reports from sub-group chairs", "Analytical steering group*", "No report recorded: s records the chairs' reports"],
        5: ["Priority 1: Data, intelligence and evidence base", "Sponsor: Director of Public Health (City)", "WS-1.7"],
        6: ["Priority 2: Trauma-informed approaches", "WS-2.3"],
        7: ["Priority 3: Community capacity building and empowerment", "WS-3.1"],
        8: ["Priority 4: Mentoring, education, training and employment (ETE)", "WS-4.3"],
        9: ["Priority 5: Enforcement, rehabilitation and resettlement", "WS-5.3"],
        10: [
            "Commissioned interventions: reach, returns and evaluations", "2 interventions · reach 2021/22", "Evaluations not yet reported (3)",
        ],
        11: ["Outcomes against the success measures", "9 measures · 6 moving the better way · 0 the worse way", "Overall serious violence"],
        12: [
            "Funding and the grant conditions", "Home Office VRU grant 2020/21: £880,000",
            "✓ PASS Interventions ≥ 20% of the grant: 29%   margin £79,200",
        ],
        13: ["Escalated risks", "5 risks for the board", "Heat map of open risks", "R01 No access to Probation data"],
        14: ["Decisions and actions", "Decisions (0)", "Actions (0)"],
        15: ["Exit strategy", "Each workstream's option when the funding ends", "Undecided"],
    ]

    static let slides = 15
    static let record = 14

    static func footer(_ n: Int) -> String { "Slide \(n) of \(slides)" }

    /// The footer shows slide `n`, on any of its pages (`5`, `5a`, `5b`), and the screen holds `all`.
    static func on(_ n: Int, _ all: [String]) -> (String) -> Bool {
        { screen in label(screen).map(number) == n && all.allSatisfy(screen.contains) }
    }

    /// The page label in a screen's footer: `3`, `2a`, `11b`.
    static func label(_ screen: String) -> String? {
        guard let r = screen.range(of: "Slide [0-9]+[a-z]? of \(slides)", options: .regularExpression) else { return nil }
        return String(screen[r].dropFirst("Slide ".count).dropLast(" of \(slides)".count))
    }

    /// The slide number of a page label.
    static func number(_ label: String) -> Int { Int(label.filter(\.isNumber)) ?? 0 }

    /// Presses `key` until the footer shows slide `n` (any page of it), waiting for each page to change.
    static func go(_ s: BoardSession, _ key: String, to n: Int) throws -> String {
        var screen = try s.waitFor("a footer") { label($0) != nil }
        for _ in 0..<30 where number(label(screen)!) != n {
            let before = label(screen)
            try s.press(key)
            screen = try s.waitFor("the page after \(before ?? "?")") { label($0) != nil && label($0) != before }
        }
        return screen
    }

    /// `present --meeting` on the test's date: `--new` starts it (a date not today needs it); a meeting
    /// already recorded opens without it.
    static func start(_ label: String, _ box: Sandbox, _ store: URL, _ size: Size, new: Bool = true) throws -> BoardSession {
        try BoardSession(
            label, sandbox: box,
            vrboard: ["present", "--store", store.path, "--user", "clerk", "--meeting", meeting, "--no-mouse"] + (new ? ["--new"] : []),
            width: size.width, height: size.height)
    }

    @Test(
        "page through every slide, record a decision and an action, quit, then export them",
        arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30), Size(width: 160, height: 45)])
    func walkthrough(_ size: Size) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.start("present", box, store, size)
        defer { s.kill() }

        // Slide 1, with the VRU and the meeting date in the footer.
        let first = try s.waitFor("slide 1", Self.on(1, ["NNVRU · Strategic board 2 Nov 2021"] + Self.slideMarkers[1]!))
        #expect(!first.contains("Slide 2 of"))
        // Space pages through every page of every slide, the footer counting each (2a, 2b for a slide that
        // continues); everything a slide lists is on one of its pages.
        var seen: [Int: String] = [1: first]
        var screen = first
        while true {
            let before = Self.label(screen)!
            try s.press("Space")
            guard let next = try? s.waitFor("the page after \(before)", timeout: 3, { Self.label($0) != nil && Self.label($0) != before }) else {
                break  // Space on the last page stays there.
            }
            screen = next
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count >= size.height, "the pane should be \(size.height) rows:\n\(screen)")
            #expect(lines.allSatisfy { $0.count <= size.width })
            #expect(
                lines.contains {
                    $0.hasPrefix(" NNVRU · Strategic board 2 Nov 2021") && $0.contains("Slide \(Self.label(screen)!) of \(Self.slides)")
                },
                "\(screen)")
            seen[Self.number(Self.label(screen)!), default: ""] += screen
        }
        #expect(Self.number(Self.label(screen)!) == Self.slides, "\(screen)")
        for n in 1...Self.slides {
            let text = try #require(seen[n], "slide \(n) was never shown")
            for marker in Self.slideMarkers[n]! { #expect(text.contains(marker), "slide \(n) lacks \(marker)") }
        }
        // Every item of every list is on one of its slide's pages, whatever the size: each live workstream on
        // its priority's slide and the exit strategy, and each red or amber/red one on the highlight.
        for w in try Self.liveWorkstreams() {
            let priority = try #require(Int(w.priority.dropFirst()))
            #expect(seen[4 + priority]!.contains("\(w.id) "), "\(w.id) missing from priority \(priority)'s slide at \(size.width)x\(size.height)")
            #expect(seen[Self.slides]!.contains("\(w.id) "), "\(w.id) missing from the exit strategy at \(size.width)x\(size.height)")
            if [w.inYear, w.overall].contains(where: { $0 == "red" || $0 == "amber-red" }) {
                #expect(seen[3]!.contains(" \(w.id) "), "\(w.id) (red or amber/red) missing from the highlight at \(size.width)x\(size.height)")
            }
        }
        // The outline, opened on the last page, shows it still current.
        try s.press("o")
        try s.waitFor(["Outline · Enter jumps · Esc closes", "Exit strategy"])
        try s.press("Escape")
        try s.waitFor(["Slide \(Self.label(screen)!) of \(Self.slides)"], none: ["Outline · Enter jumps"])

        // A draft takes no decision: H starts the meeting proper, freezing the slides, once confirmed.
        try s.press("d")
        try s.waitFor(["the meeting is still a draft: H starts it"])
        try s.press("H")
        try s.waitFor(["Start the board of 2 Nov 2021?", "The slides freeze"])
        try s.press("y")
        try s.waitFor(["Saved: Board of 2 Nov 2021: meeting held, the board as shown frozen"])

        // A decision: d, the text, Enter.
        try s.press("d")
        try s.waitFor(["Record a decision · board of 2 Nov 2021", "Decision"])
        try s.type(Self.decision)
        try s.waitFor([Self.decision])
        try s.press("Enter")
        try s.waitFor(["Saved: Board of 2 Nov 2021: decision recorded: Approve"], none: ["Record a decision · board of"])
        _ = try Self.go(s, "Left", to: Self.record)
        try s.waitFor([Self.footer(Self.record), "Decisions (1)", "D1. \(Self.decision)", "Actions (0)"])

        // An action: a, the text, Tab, the owner chosen from the members (typing c goes to the next whose
        // words start with c, the Chief Constable; ← back to the first, the Commissioner), Tab past "or not
        // a member", the due date (replacing the suggested one), Enter.
        try s.press("a")
        try s.waitFor(["Record an action · board of 2 Nov 2021", "2021-11-30"])
        try s.type(Self.action)
        try s.press("Tab")
        try s.press("c")
        try s.waitFor(["◀ Chief Constable ▶"])
        try s.press("Left")
        try s.waitFor(["◀ \(Self.owner) ▶"])
        try s.press("Tab")
        try s.press("Tab")
        try s.press("C-u")
        try s.type("2022-01-31")
        try s.waitFor([Self.owner, "2022-01-31"], none: ["2021-11-30"])
        try s.press("Enter")
        try s.waitFor(
            [Self.footer(Self.record), "Actions (1)", "Decisions (1)"]
                + [size.width >= 100 ? "A1. \(Self.action)  \(Self.owner) · due 31 Jan 2022" : "A1. \(Self.action)  Police"],
            none: ["Record an action · board of"])

        // q ends the walkthrough and gives the terminal back.
        try s.press("q")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")
        for mode in BoardSession.saneModes {
            #expect(
                exit.modes.contains(mode) && !exit.modes.contains("-" + mode), "terminal mode \(mode) not restored: \(exit.modes)\n\(exit.screen)")
        }
        #expect(
            !exit.screen.contains(Self.footer(Self.record)) && !exit.screen.contains("Decisions (1)"),
            "the walkthrough is still drawn:\n\(exit.screen)")

        // The papers of that meeting carry the decision and the action.
        let md = try box.vrboard(["export", "--store", store.path, "--format", "md", "--meeting", Self.meeting])
        try #require(md.status == 0, "\(md)")
        #expect(md.stdout.contains("| Date of Meeting | 2 Nov 2021 |\n"))
        #expect(md.stdout.contains("| Report Author | NOT YET CHOSEN (the paper form) |\n"), "clerk is no member: no author yet")
        #expect(md.stdout.contains("#### Decisions\n\n1. \(Self.decision)\n\n"), "\(md.stdout.suffix(3000))")
        #expect(
            md.stdout.contains(
                "| # | Action | Owner | Due | Status |\n|---|---|---|---|---|\n| 1 | \(Self.action) | \(Self.owner) | 31 Jan 2022 | open |\n"),
            "\(md.stdout.suffix(3000))")
        // The meeting is listed with its record.
        let listed = try box.vrboard(["meetings", "--store", store.path])
        #expect(listed.status == 0, "\(listed)")
        #expect(listed.stdout.hasPrefix("2021-11-02  "), "\(listed.stdout)")
        #expect(listed.stdout.hasPrefix("2021-11-02  Held    1 decision · 1 action · "), "\(listed.stdout)")
        #expect(listed.stdout.contains("board as shown, as at 2 Nov 2021"), "\(listed.stdout)")

        // As README shows it, with no --meeting: the latest meeting's pack, the same decision and action.
        let plain = try box.vrboard(["export", "--store", store.path, "--format", "md"])
        #expect(plain.stdout == md.stdout, "export without --meeting left out the walkthrough's minutes")
        #expect(plain.stderr.contains("the pack of the board of 2 Nov 2021"))
        let html = try box.vrboard(["export", "--store", store.path, "--format", "html", "--meeting", Self.meeting])
        try #require(html.status == 0, "\(html)")
        #expect(html.stdout.contains("<h4>Decisions</h4>\n<ol>\n<li>\(Self.decision)</li>\n</ol>\n"))
        #expect(html.stdout.contains("<tr><td>1</td><td>\(Self.action)</td><td>\(Self.owner)</td><td>31 Jan 2022</td><td>open</td></tr>"))
        #expect(html.stdout.contains("@media print"))

        // The spreadsheets: three files, each read back by a real CSV parser.
        let out = box.root.appendingPathComponent("csv")
        let csv = try box.vrboard(["export", "--store", store.path, "--format", "csv", "--meeting", Self.meeting, "--out", out.path])
        try #require(csv.status == 0, "\(csv)")
        let wrote = "Wrote workstreams.csv, risks.csv, funding.csv, interventions.csv, reach.csv, evaluations.csv, outcomes.csv and monitoring.csv"
        #expect(csv.stdout.contains("\(wrote) to \(out.path)"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(
            files == [
                "evaluations.csv", "funding.csv", "interventions.csv", "monitoring.csv", "outcomes.csv", "reach.csv", "registers", "risks.csv",
                "workstreams.csv",
            ])
        let workstreams = try Self.readCSV(box, out.appendingPathComponent("workstreams.csv"))
        #expect(workstreams.first?.first == "id")
        #expect(workstreams.count == 26)
        #expect(workstreams.first { $0.first == "WS-1.3" }?[6] == "A/R")
        let risks = try Self.readCSV(box, out.appendingPathComponent("risks.csv"))
        #expect(risks.count == 16)
        #expect(risks.dropFirst().map { $0[0] } == (1...15).map { String(format: "R%02d", $0) })
        let funding = try Self.readCSV(box, out.appendingPathComponent("funding.csv"))
        #expect(funding.first == ["line", "name", "amount_gbp", "share", "kind_or_result", "detail", "source"])
        #expect(funding.contains { $0[0] == "condition" && $0[4] == "pass" && $0[5] == "margin 79200; required 176000" })

        // The journal names the clerk for the meeting (started, held) and its record.
        let history = try box.vrboard(["history", Self.meeting, "--store", store.path, "--format", "json"])
        try #require(history.status == 0, "\(history)")
        let entries = try #require(try parseJSON(history.stdoutData) as? [[String: Any]])
        #expect(entries.count == 4, "\(history.stdout)")
        #expect(entries.allSatisfy { $0["by"] as? String == "clerk" }, "\(history.stdout)")
    }

    @Test("a meeting's life: a draft follows the live board, holding freezes it, closing makes later corrections amendments")
    func lifeCycleThroughTheCommandLine() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let size = Size(width: 100, height: 30)
        let ws13 = "| WS-1.3 | School-age data quality with local authorities and schools | Head of Insight and Analysis* |"
        do {
            let s = try Self.start("draft", box, store, size)
            defer { s.kill() }
            try s.waitFor("slide 1, a draft", Self.on(1, ["Draft: the slides follow the live board"]))
            try s.press("q")
            #expect(try s.waitForExit().status == 0)
        }
        let draft = try box.vrboard(["meetings", "--store", store.path])
        #expect(draft.stdout.hasPrefix("2021-11-02  Draft "), "\(draft)")
        #expect(draft.stdout.contains("slides follow the live board"), "\(draft)")

        // A draft follows the live board: a rating changed while preparing is in its pack, which says it is a draft.
        let rag = try box.vrboard(["rag", "WS-1.3", "R", "--note", "Agreement lapsed", "--user", "analyst", "--store", store.path])
        try #require(rag.status == 0, "\(rag)")
        let preview = try box.vrboard(["export", "--store", store.path, "--format", "md", "--meeting", Self.meeting])
        try #require(preview.status == 0, "\(preview)")
        #expect(preview.stdout.contains(ws13 + " R Red |"), "\(preview.stdout.prefix(4000))")
        #expect(
            preview.stdout.contains(
                "| Status | DRAFT: the meeting of 2 Nov 2021 has not been held; figures are the live board's as at 2 Nov 2021 · sample |"),
            "\(preview.stdout.prefix(2000))")

        // Held: frozen as it is now; a later change does not reach the meeting's papers or slides.
        let hold = try box.vrboard(["meetings", "hold", Self.meeting, "--store", store.path, "--user", "clerk"])
        #expect(hold.status == 0 && hold.stdout.contains("Saved: Board of 2 Nov 2021: meeting held"), "\(hold)")
        let again = try box.vrboard(["meetings", "hold", Self.meeting, "--store", store.path])
        #expect(again.status == 1 && again.stderr.contains("the meeting of 2 Nov 2021 is held, not draft"), "\(again)")
        let back = try box.vrboard(["rag", "WS-1.3", "A", "--note", "Agreement renewed", "--user", "analyst", "--store", store.path])
        try #require(back.status == 0, "\(back)")
        let then = try box.vrboard(["export", "--store", store.path, "--format", "md", "--meeting", Self.meeting])
        #expect(then.stdout.contains(ws13 + " R Red |"), "\(then.stdout.prefix(4000))")
        #expect(!then.stdout.contains("Agreement renewed"))
        #expect(
            then.stdout.contains("| Status | Held 2 Nov 2021; figures as shown to the board; minutes not yet closed |"), "\(then.stdout.prefix(2000))"
        )
        let latest = try box.vrboard(["export", "--store", store.path, "--format", "md"])
        #expect(latest.stdout == then.stdout)
        #expect(latest.stderr.contains("the pack of the board of 2 Nov 2021, the latest meeting, on or before the board's date"), "\(latest.stderr)")
        let now = try box.vrboard(["export", "--store", store.path, "--format", "md", "--live", "--author", "analyst"])
        #expect(now.stdout.contains(ws13 + " A Amber |"), "\(now.stdout.prefix(4000))")

        // The headless slide and a second walkthrough of the same meeting show the frozen rating too.
        let slide = try box.vrboard([
            "render", "--store", store.path, "--meeting", Self.meeting, "--slide", "5", "--size", "80x24", "--color", "never",
        ])
        try #require(slide.status == 0, "\(slide)")
        let lines = frameLines(slide.stdout)
        #expect(lines.count == 24)
        #expect(lines.contains { $0.contains("WS-1.3") && $0.range(of: " R +A †", options: .regularExpression) != nil }, "\(slide.stdout)")
        #expect(lines.last.flatMap(Self.label).map(Self.number) == 5)
        let reopened = try Self.start("reopen", box, store, size, new: false)
        defer { reopened.kill() }
        try reopened.waitFor("slide 1, held", Self.on(1, ["Held: the board as shown was frozen"]))
        try reopened.press("5")
        let p1 = try reopened.waitFor("slide 5 with WS-1.3", Self.on(5, ["WS-1.3"]))
        #expect(p1.split(separator: "\n").contains { $0.contains("WS-1.3") && $0.range(of: " R +A †", options: .regularExpression) != nil }, "\(p1)")
        try reopened.press("q")
        #expect(try reopened.waitForExit().status == 0)

        // Closed: listed so; the journal has the draft, the hold and the close, and no second meeting.
        let close = try box.vrboard(["meetings", "close", Self.meeting, "--store", store.path, "--user", "clerk"])
        #expect(close.status == 0 && close.stdout.contains("Saved: Board of 2 Nov 2021: minutes closed"), "\(close)")
        #expect(try box.vrboard(["meetings", "--store", store.path]).stdout.hasPrefix("2021-11-02  Closed "))
        let history = try box.vrboard(["history", Self.meeting, "--store", store.path, "--format", "json"])
        let notes = ((try parseJSON(history.stdoutData) as? [[String: Any]]) ?? []).compactMap { $0["note"] as? String }
        #expect(notes.count == 3, "\(history)")
        #expect(notes.contains { $0.contains("draft meeting started") } && notes.contains { $0.contains("minutes closed") }, "\(notes)")
    }

    /// The NNVRU sample's live workstreams, read from the shipped data: id, priority, in-year and overall rating.
    static func liveWorkstreams() throws -> [(id: String, priority: String, inYear: String, overall: String)] {
        let url = Paths.data.appendingPathComponent("nnvru-2021-22/workstreams.json")
        let file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let docs = try #require(file["documents"] as? [[String: Any]])
        return docs.filter { ($0["archived"] as? Bool) != true }.compactMap { d in
            guard let id = d["id"] as? String, let p = d["priority"] as? String, let i = d["inYear"] as? String, let o = d["overall"] as? String
            else { return nil }
            return (id, p, i, o)
        }
    }

    /// Rows of a CSV file as Python's csv.reader reads them.
    static func readCSV(_ box: Sandbox, _ file: URL) throws -> [[String]] {
        let script = #"import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))"#
        let r = try runProcess(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, file.path], environment: box.environment(), cwd: box.work)
        guard r.status == 0 else { throw TestFailure("python3 csv.reader failed on \(file.path): \(r)") }
        return try JSONDecoder().decode([[String]].self, from: r.stdoutData)
    }

    @Test("meetings hold refuses a meeting dated after today unless --future says it is meant")
    func holdingAFutureMeeting() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let draft = """
            {"collection" : "meetings", "format" : 3, "journalSeq" : 0, "documents" : [{"id" : "2099-01-15", "rev" : 1, "date" : "2099-01-15",
            "title" : "Strategic Violence Reduction Board", "stage" : "draft", "attendees" : [], "agenda" : [], "decisions" : [], "actions" : [],
            "header" : {"reportTo" : "Strategic Violence Reduction Board", "author" : "clerk", "agendaItem" : "VRU highlight report"}}]}
            """
        try Data(draft.utf8).write(to: store.appendingPathComponent("meetings.json"))
        let refused = try box.vrboard(["meetings", "hold", "2099-01-15", "--store", store.path])
        #expect(refused.status == 2 && refused.stderr.contains("is dated after the board's date"), "\(refused)")
        let held = try box.vrboard(["meetings", "hold", "2099-01-15", "--future", "--store", store.path, "--user", "clerk"])
        #expect(held.status == 0 && held.stdout.contains("meeting held"), "\(held)")
    }

    @Test(
        "minuting at 80x24: attendance of every member in a key each, a three-line decision, an action with owner and date, read back on the slides and in the pack"
    )
    func minutingAtTheSpeedOfSpeech() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try BoardSession(
            "minuting", sandbox: box,
            vrboard: ["present", "--store", store.path, "--user", "clerk", "--meeting", "2021-12-13", "--new", "--no-mouse"], width: 80, height: 24)
        defer { s.kill() }
        try s.waitFor(["WM-VRU · Strategic board 13 Dec 2021"])
        try s.press("H")
        try s.waitFor(["Start the board of 13 Dec 2021?"])
        try s.press("y")
        try s.waitFor(["Saved: Board of 13 Dec 2021: meeting held"])

        // Attendance: the PCC by deputy (d, the name, Enter), apologies from the Chief Constable, every other
        // member present with one key each, Enter.
        let members = try #require(try Self.jsonDocuments(store.appendingPathComponent("members.json"))).filter {
            ($0["membership"] as? String) != "officer"
        }
        #expect(members.count >= 10)
        try s.press("A")
        try s.waitFor(["Attendance · board of 13 Dec 2021", "Attendance not recorded: quorum not known"])
        try s.press("d")
        try s.type("Deputy PCC Waheed Saleem")
        try s.press("Enter")
        try s.press("a")
        for _ in 2..<members.count { try s.press("p") }
        // The table scrolls with the cursor: the last member is present, none is left unrecorded.
        try s.waitFor(["Apologies   Chief Constable", "Present     \(members.last?["name"] as? String ?? "")"], none: ["│ ·   "])
        try s.press("Enter")
        try s.waitFor(["Saved: Board of 13 Dec 2021: attendance recorded (\(members.count - 2) present, 1 by deputy"])

        // A decision of three lines, each shown whole as it is typed (Ctrl-J a new line).
        let lines = [
            "The board approves the 2022/23 commissioning plan in principle,",
            "subject to the Home Office confirming the multi-year settlement,",
            "and asks the VRU Director to report the final allocations in March.",
        ]
        try s.press("d")
        try s.waitFor(["Record a decision · board of 13 Dec 2021"])
        for (i, line) in lines.enumerated() {
            try s.type(line)
            if i < lines.count - 1 { try s.press("C-j") }
        }
        try s.waitFor(["approves the 2022/23", "multi-year settlement,", "allocations in March."])
        try s.press("Enter")
        try s.waitFor(["Saved: Board of 13 Dec 2021: decision recorded"])

        // An action: the text, the owner chosen from the members (c: the Chief Constable), the date.
        try s.press("a")
        try s.waitFor(["Record an action · board of 13 Dec 2021"])
        try s.type("Confirm the police contribution to the bridging costs")
        try s.press("Tab")
        try s.press("c")
        try s.waitFor(["◀ Chief Constable ▶"])
        try s.press("Tab")
        try s.press("Tab")
        try s.press("C-u")
        try s.type("31/01/2022")
        try s.press("Enter")
        try s.waitFor(["Saved: Board of 13 Dec 2021: action for Chief Constable by 31 Jan 2022"])

        // Read back: g 14 Enter goes to the decisions and actions, each whole with its owner and date.
        try s.press("g")
        try s.type("14")
        try s.press("Enter")
        let record = try s.waitFor("the record slide", Self.on(14, ["Decisions (1)", "Actions (1)"]))
        let text = record.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(text.contains("D1. " + lines.joined(separator: " ")), "the decision whole:\n\(record)")
        #expect(text.contains("A1. Confirm the police contribution to the bridging costs Chief Constable · due 31 Jan 2022"), "\(record)")
        // The title slide's foot counts who came.
        try s.press("Home")
        try s.waitFor("the title slide", Self.on(1, ["\(members.count - 2) present · 1 deputy · 1 apologies"]))
        try s.press("q")
        #expect(try s.waitForExit().status == 0)

        // And in the pack.
        let md = try box.vrboard(["export", "--store", store.path, "--format", "md", "--meeting", "2021-12-13"])
        try #require(md.status == 0, "\(md)")
        let pack = md.stdout.replacingOccurrences(of: "\\", with: "")
        for line in lines { #expect(pack.contains(line), "\(line) in the pack") }
        #expect(pack.contains("Confirm the police contribution to the bridging costs | Chief Constable | 31 Jan 2022"), "\(pack.prefix(3000))")
        #expect(pack.contains("Deputy PCC Waheed Saleem"))
    }

    /// The documents of a store's collection file.
    static func jsonDocuments(_ file: URL) throws -> [[String: Any]]? {
        (try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])?["documents"] as? [[String: Any]]
    }
}
