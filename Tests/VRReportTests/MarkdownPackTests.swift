import Foundation
import Testing
import VRModel
import VRReport

/// The board pack in Markdown: read back as GFM tables and sections, and compared with the model.
@Suite("Board pack: Markdown")
struct MarkdownPackTests {
    /// The twelve numbered sections of 001, in its order and wording.
    static let paper = paperSections
    static let summary = [
        "4.1. Minutes of the last meeting and matters arising", "4.2. Highlight report", "4.3. Reports from sub-group chairs",
        "4.4. Decisions and actions", "4.5. Exit strategy",
    ]
    static let appendices = [
        "Appendix A. Priorities and workstreams", "Appendix B. Commissioned interventions", "Appendix C. Outcomes against the success measures",
        "Appendix D. Funding and budget monitoring", "Appendix E. Risk register",
    ]
    static let sections = [
        "4.1. Minutes of the last meeting and matters arising", "4.2. Highlight report", "4.3. Reports from sub-group chairs",
        "Appendix A. Priorities and workstreams", "Appendix B. Commissioned interventions", "Appendix C. Outcomes against the success measures",
        "Appendix D. Funding and budget monitoring",
        "Appendix E. Risk register", "4.4. Decisions and actions", "4.5. Exit strategy",
    ]

    @Test("paper header of a meeting: report to, date of meeting, author, agenda item", arguments: PackFixtures.datasets)
    func paperHeader(dataset: String) throws {
        let (b, m, src) = try PackFixtures.meetingSource(dataset)
        let md = MarkdownPack.render(src)
        #expect(md.hasPrefix("# \(b.programme.name): VRU highlight report, \(m.date.long)\n"))
        let header = try #require(Markdown.tables(md).tables.first)
        #expect(header.head == ["Paper", ""])
        // 001's header, in its order: nothing chosen yet, so the author is flagged, not a login.
        #expect(
            header.rows == [
                ["For", "For Consideration"],
                ["Publication", "Public"],
                ["Report to", "Strategic Violence Reduction Board"],
                ["Date of Meeting", m.date.long],
                ["Report of", b.programme.accountableBody],
                ["Report Author", "NOT YET CHOSEN (the paper form)"],
                ["E-mail", "-"],
                ["Other Contacts", "None chosen"],
                ["Agenda Item", "2. VRU highlight report"],
                ["Status", "Held \(m.date.long); figures as shown to the board; minutes not yet closed"],
            ])
        #expect(md.contains("\(b.programme.year) · figures \(b.programme.asAtLabel) · as shown to the board"))
        // The contents, attendance and agenda, then 001's twelve sections in order and the appendices.
        #expect(Markdown.headings(md).filter { $0.0 == 2 }.map(\.1) == ["Contents", "Attendance", "Agenda"] + Self.paper + Self.appendices)
        #expect(Markdown.headings(md).filter { $0.0 == 3 }.map(\.1).filter { $0.firstMatch(of: #/^4\.\d/#) != nil } == Self.summary)
    }

    @Test("without a meeting: today's date, the given author, and no decisions")
    func headerWithoutMeeting() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: Day("2021-12-01")!, author: "j.smith"))
        let header = try #require(Markdown.tables(md).tables.first)
        #expect(header.rows.first { $0.first == "Date of Meeting" } == ["Date of Meeting", "1 Dec 2021"])
        // No meeting, no paper form: no author, and never the login given.
        #expect(header.rows.first { $0.first == "Report Author" } == ["Report Author", "Not a meeting's paper"])
        #expect(!md.contains("j.smith"))
        #expect(!md.contains("as shown to the board"))
        // The shipped data holds no meeting yet: the pack says how to record one.
        #expect(b.meetings.items.isEmpty)
        #expect(Markdown.section(md, "4.4. Decisions and actions")?.contains("No meeting is recorded yet: `vrboard present` records one") == true)
    }

    @Test("highlight report: ratings by priority, what changed, and the red and amber/red", arguments: PackFixtures.datasets)
    func highlightReport(dataset: String) throws {
        let (_, _, src) = try PackFixtures.meetingSource(dataset)
        let b = src.board
        let md = MarkdownPack.render(src)
        let counts = try #require(Markdown.table(md, under: "In-year ratings by priority"))
        #expect(counts.head == ["Priority", "G", "A/G", "A", "A/R", "R", "C", "-"])
        #expect(counts.rightAligned == [false] + Array(repeating: true, count: 7))
        #expect(counts.rows.count == b.priorities.count)
        for (row, p) in zip(counts.rows, b.orderedPriorities) {
            let ws = b.workstreams(in: p.id)
            let c = RAGCounts(ws.map(\.inYear))
            // A count that includes a judged rating carries the mark.
            let cells: [String] = RAG.scale.map { (r: RAG) -> String in
                let judged = ws.contains { $0.inYear == r && $0.isJudgement(.inYear) }
                return "\(c[r])" + (judged ? Provenance.judgementMark : "")
            }
            #expect(row == ["\(p.number). \(p.title)"] + cells)
        }
        // Every live workstream is counted once.
        let numbers: [Int] = counts.rows.flatMap {
            $0.dropFirst().compactMap { (cell: String) -> Int? in Int(cell.replacingOccurrences(of: Provenance.judgementMark, with: "")) }
        }
        #expect(numbers.reduce(0, +) == b.activeWorkstreams.count)

        // No earlier board: the quarter before the as-at date.
        let changedHeading = "Changed in the quarter to \(b.programme.asAt.long) (no earlier board recorded)"
        let changed = try #require(Markdown.table(md, under: changedHeading), "no table under \(changedHeading)")
        #expect(changed.head == ["Workstream", "In-year", "Overall", "Latest comment"])
        #expect(!src.changes.isEmpty)
        #expect(changed.rows.count == src.changes.count)
        for (row, mv) in zip(changed.rows, src.changes) {
            #expect(row[0] == "\(mv.workstream.id) \(mv.workstream.title)")
            // Each rating: from → to when it moved, else unchanged; the judgement mark when judged.
            for (cell, kind) in [(row[1], RatingKind.inYear), (row[2], .overall)] {
                let (before, after) = mv.rating(kind)
                #expect(cell.contains("\(after.letter) \(after.name)\(mv.workstream.mark(kind))"), "\(mv.workstream.id) \(kind): \(cell)")
                #expect(cell.contains("→") == (before != nil && before != after), "\(mv.workstream.id) \(kind): \(cell)")
            }
            #expect(row[3].hasPrefix(mv.latest?.comment ?? ""), "\(row[3])")
        }

        let alarms = b.activeWorkstreams.filter { [.red, .amberRed].contains($0.inYear) || [.red, .amberRed].contains($0.overall) }
        let alarmSection = try #require(Markdown.section(md, "Red or amber/red (\(alarms.count))"))
        #expect(
            alarmSection.split(separator: "\n").filter { $0.hasPrefix("- ") }
                == alarms.map { "- \($0.id) \($0.title): in-year \($0.letter(.inYear)), overall \($0.letter(.overall))"[...] })
    }

    @Test("NNVRU highlight: WS-1.3 first rated A/R at the 001 paper (its trend starts there), with its evidence")
    func nnvruHighlightNamesTheFall() throws {
        let (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        let md = MarkdownPack.render(src)
        #expect(
            Markdown.shown(md).contains(
                "| WS-1.3 School-age data quality with local authorities and schools | new: A/R Amber/Red† | new: A Amber† | "
                    + "Data sharing efforts"))
        #expect(Markdown.shown(md).contains("(in-year, Head of Insight and Analysis*, 2 Nov 2021)"))
        #expect(
            Markdown.shown(md).contains(
                "### Red or amber/red (2)\n\n- WS-1.3 School-age data quality with local authorities and schools: in-year A/R†, overall A†\n"
                    + "- WS-1.7 Access to Probation data (with the Leicestershire VRN): in-year A/R†, overall R†\n"))
    }

    @Test(
        "each priority's workstreams with lead, both ratings (letter and name), trend and latest comment",
        arguments: PackFixtures.datasets)
    func workstreams(dataset: String) throws {
        let (_, _, src) = try PackFixtures.meetingSource(dataset)
        let b = src.board
        let md = MarkdownPack.render(src)
        for p in b.orderedPriorities {
            let heading = "\(p.number). \(p.title)"
            let section = try #require(Markdown.section(md, heading), "no section for priority \(p.number)")
            #expect(section.contains("Sponsor: \(b.name(of: p.sponsor))."))
            let t = try #require(Markdown.tables(md).tables.first { $0.heading == heading && $0.head.first == "ID" })
            #expect(t.head == ["ID", "Workstream", "Lead", "In-year", "Overall", "Trend", "Latest comment"])
            let ws = b.workstreams(in: p.id)
            #expect(t.rows.count == ws.count)
            for (row, w) in zip(t.rows, ws) {
                #expect(row[0] == w.id)
                #expect(row[1] == w.title)
                #expect(row[2] == b.name(of: w.lead))
                #expect(row[3] == w.spelled(.inYear), "\(w.id) in-year")
                #expect(row[4] == w.spelled(.overall), "\(w.id) overall")
                #expect(row[5] == w.trend(.inYear).word)
                if let c = w.history.last {
                    #expect(row[6] == "\(c.comment) (\(b.person(c.by)), \(c.day?.long ?? c.at))", "\(w.id) latest comment")
                } else {
                    #expect(row[6] == "")
                }
            }
        }
        // Archived workstreams are not reported.
        var archivedBoard = b
        var gone = try #require(b.workstreams.items.first)
        gone.archived = true
        archivedBoard.workstreams.put(gone)
        let md2 = MarkdownPack.render(PackSource(store: archivedBoard, meeting: nil, today: b.programme.asAt, author: "a"))
        #expect(!Markdown.tables(md2).tables.flatMap(\.rows).contains { $0.first == gone.id })
    }

    @Test("NNVRU workstream rows, exactly")
    func nnvruRows() throws {
        let (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        let md = MarkdownPack.render(src)
        #expect(
            Markdown.shown(md).contains(
                "| WS-1.3 | School-age data quality with local authorities and schools | Head of Insight and Analysis* | A/R Amber/Red† | A Amber† | first rating | "
            ))
        #expect(
            Markdown.shown(md).contains(
                "| WS-1.6 | Qualitative research with communities affected by serious violence | Head of Insight and Analysis* | C Complete† | C Complete† | done | Findings in use alongside the SNA (001 §4.33) (Head of Insight and Analysis*, 2 Nov 2021) |"
            ))
        #expect(md.contains("| WS-4.3 | Mentors in Violence Prevention bystander workshop"))
        let p4 = try #require(Markdown.tables(md).tables.first { $0.heading.hasPrefix("4. Mentoring") && $0.head.first == "ID" })
        #expect(p4.rows.first { $0[0] == "WS-4.3" }?[3] == "- Not rated†")
    }

    @Test("NNVRU funding: the split, 29% / £255,200 on interventions, and both conditions PASS")
    func nnvruFunding() throws {
        let (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        let md = MarkdownPack.render(src)
        let section = try #require(Markdown.section(md, "Appendix D. Funding and budget monitoring"))
        #expect(
            section.contains(
                "Home Office VRU grant 2020/21: £880,000 (000 §2.3.6 (the 2020/21 allocation and its split, the latest in the seeds; 001 §4.19 gives the core budget as £880,000 per annum but no 2021/22 split)). Shares are of the allocation."
            ))
        let split = try #require(Markdown.tables(md).tables.first { $0.heading == "Appendix D. Funding and budget monitoring" })
        #expect(split.head == ["Category", "Amount", "Share", "Source"])
        #expect(split.rightAligned == [false, true, true, false])
        #expect(split.rows.count == 7)
        #expect(split.rows.contains(["Commissioned interventions, primary, secondary and tertiary", "£255,200", "29%", "000 §2.3.6 (29%)"]))
        // An illustrative amount, and the share derived from it, carry the mark.
        #expect(
            split.rows.contains([
                "Staff costs, including public health and analytical capability", "£395,000*", "44.9%*",
                "illustrative: share not given in 000 Fig. 4",
            ]))
        let checks = try #require(Markdown.table(md, under: "Grant conditions"))
        #expect(checks.head == ["Condition", "Actual", "Required", "Margin", "Result"])
        #expect(
            checks.rows == [
                ["Interventions ≥ 20% of the grant", "£255,200 (29%)", "£176,000", "£79,200", "PASS"],
                // The evaluation amount (and the condition itself) are illustrative: so is the verdict.
                ["Evaluation ≥ 10% of intervention spend", "£66,000 (25.9%)*", "£25,520", "£40,480", "PASS*"],
            ])
        let grants = try #require(Markdown.table(md, under: "Grants"))
        #expect(
            grants.rows.contains([
                "Police Surge Funding 2020/21 (separate from the allocation)", "Home Office (Serious Violence Fund)",
                "Nottinghamshire Police", "£1,003,730", "31 Mar 2021", "ended",
            ]))
        #expect(grants.rows.count == 3)
    }

    @Test("WMVRU funding: interventions 63.8% and evaluation 10.5% of intervention spend, both PASS")
    func wmvruFunding() throws {
        let (_, _, src) = try PackFixtures.meetingSource("wmvru-2021-22")
        let md = MarkdownPack.render(src)
        let checks = try #require(Markdown.table(md, under: "Grant conditions"))
        #expect(
            checks.rows == [
                ["Interventions ≥ 20% of the grant", "£2,150,000 (63.8%)*", "£674,000", "£1,476,000", "PASS*"],
                ["Evaluation ≥ 10% of intervention spend", "£225,000 (10.5%)*", "£215,000", "£10,000", "PASS*"],
            ])
        let split = try #require(Markdown.tables(md).tables.first { $0.heading == "Appendix D. Funding and budget monitoring" })
        #expect(split.rows.count == src.board.funding.categories.count)
        // Every WM-VRU category amount is illustrative (004 gives no split).
        #expect(split.rows.map { $0[1] } == src.board.funding.categories.map { Money.format($0.amount) + "*" })
    }

    @Test("commissioned interventions: reach by level, the register, returns overdue, the evaluations and the budgets against the split")
    func interventions() throws {
        let (_, _, src) = try PackFixtures.meetingSource("wmvru-2021-22")
        let md = MarkdownPack.render(src)
        let b = src.board
        let levels = try #require(Markdown.table(md, under: "Reach by prevention level"))
        #expect(levels.head == ["Level", "Interventions", "Under 25", "25 and over", "Under 25 2020/21", "25 and over 2020/21"])
        #expect(levels.rows.map { $0[0] } == ["Primary", "Secondary", "Tertiary", "Level not given", "All levels"])
        let under25: [Int] = levels.rows.dropLast().map { Int($0[2].replacingOccurrences(of: ",", with: "")) ?? -1 }
        #expect(under25.reduce(0, +) == 2_934)
        #expect(levels.rows.last == ["All levels", "16", "2,934", "197", "no return", "no return"])
        let register = try #require(Markdown.table(md, under: "The interventions register"))
        #expect(register.rows.map { $0[0] } == b.interventions.items.map(\.id))
        let desist = try #require(register.rows.first)
        #expect(desist == ["IV-01", "Desist and Transform", "St Giles Trust", "Tertiary", "£120,000*", "75", "0", "Q1-Q2 2021/22", "on time"])
        let evaluations = try #require(Markdown.table(md, under: "Evaluations"))
        #expect(evaluations.rows.count == 8 && evaluations.rows[1][7] == "£110,000*" && evaluations.rows[0][7] == "-")
        #expect(
            Markdown.section(md, "Appendix B. Commissioned interventions")?.contains(
                "16 commissioned interventions. Reach in 2021/22: 2,934 aged 24 and under, 197 aged 25 and over") == true)
        let section = try #require(Markdown.section(md, "The register against the funding split"))
        #expect(section.contains("16 of 16 interventions budget £2,090,000*, of £2,150,000* for interventions: £60,000* uncommitted."))
        let checks = try #require(Markdown.table(md, under: "The register against the funding split"))
        #expect(checks.rows == [["Evaluation ≥ 10% of the register's budgets", "£215,000 (10.3%)*", "£209,000", "£6,000", "PASS*"]])
        #expect(section.contains(Provenance.illustrativeLegend))
        // A board with no intervention has no such section, and the numbering closes up.
        var bare = b
        bare.interventions = DocumentList([])
        let plain = MarkdownPack.render(PackSource(store: bare, meeting: nil, today: b.programme.asAt, author: "a"))
        #expect(!plain.contains("Commissioned interventions\n") && plain.contains("## Appendix C. Funding and budget monitoring"))
    }

    @Test("a condition that fails says FAIL with a negative margin")
    func failingCondition() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        let i = try #require(b.funding.categories.firstIndex { $0.kind == .interventions })
        b.funding.categories[i].amount = 150_000
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "a"))
        let checks = try #require(Markdown.table(md, under: "Grant conditions"))
        #expect(checks.rows.first == ["Interventions ≥ 20% of the grant", "£150,000 (17%)", "£176,000", "-£26,000", "FAIL"])
    }

    @Test(
        "risk register: the heat map counts are RiskRegister.heatMap, escalated and full register rows",
        arguments: PackFixtures.datasets)
    func riskRegister(dataset: String) throws {
        let (_, _, src) = try PackFixtures.meetingSource(dataset)
        let b = src.board
        let md = MarkdownPack.render(src)
        let heat = try #require(Markdown.table(md, under: "Heat map of open risks (residual likelihood × impact)"))
        #expect(heat.head == ["Likelihood \\ impact", "1", "2", "3", "4", "5"])
        #expect(heat.rows.count == 5)
        let grid = RiskRegister.heatMap(b.risks.items)
        for (row, likelihood) in zip(heat.rows, [5, 4, 3, 2, 1]) {
            #expect(row[0] == "\(likelihood) \(Score.likelihoodNames[likelihood - 1])")
            let shown = row.dropFirst().map { $0 == "·" ? 0 : (Int($0) ?? -1) }
            #expect(shown == grid[likelihood - 1], "likelihood \(likelihood)")
        }
        // Every open risk is in exactly one cell; closed ones in none.
        let total = heat.rows.flatMap { $0.dropFirst() }.compactMap { Int($0) }.reduce(0, +)
        #expect(total == b.openRisks.count)

        let escalated = try #require(Markdown.table(md, under: "Escalated to the board (\(b.escalatedRisks.count))"))
        #expect(escalated.rows.map { $0[0] } == b.escalatedRisks.map(\.id))
        for (row, r) in zip(escalated.rows, b.escalatedRisks) {
            #expect(row[1] == r.title)
            #expect(row[2] == b.name(of: r.owner))
            #expect(row[3] == "\(r.residual.value) \(r.band.name)")
            #expect(row[4] == r.nextReview.long)
        }

        let register = try #require(Markdown.table(md, under: "The register"))
        #expect(register.head == ["ID", "Risk", "Category", "Owner", "Inherent", "Residual", "Target", "Response", "Next review", "Status"])
        #expect(register.rows.map { $0[0] } == b.risks.items.map(\.id))
        for (row, r) in zip(register.rows, b.risks.items) {
            #expect(row[5] == "\(r.residual.value) \(r.band.name)")
            #expect(row[9] == (r.status == .open ? "open" : "closed: \(r.closedReason ?? "")"))
        }
    }

    @Test("decisions and actions of a meeting are in the pack, in order")
    func decisionsAndActions() throws {
        let (_, m, src) = try PackFixtures.meetingSource("nnvru-2021-22") { m in
            m.decisions = [
                Decision(text: "Approve the year 3 commissioning plan", at: "2021-11-02T10:05:00Z", by: "clerk"),
                Decision(text: "Escalate Probation data access to the national VRU network", at: "2021-11-02T10:20:00Z", by: "clerk"),
            ]
            m.actions = [
                MeetingAction(
                    text: "Draft the multi-year funding case", owner: "Police and Crime Commissioner", due: Day("2021-12-14")!,
                    at: "2021-11-02T10:25:00Z", by: "clerk"),
                MeetingAction(
                    text: "Report County engagement | plans", owner: "VRU Portfolio Officer", due: Day("2022-01-31")!,
                    at: "2021-11-02T10:30:00Z", by: "clerk"),
            ]
        }
        let md = MarkdownPack.render(src)
        let decisions = try #require(Markdown.section(md, "Decisions"))
        #expect(decisions.contains("1. Approve the year 3 commissioning plan\n2. Escalate Probation data access to the national VRU network\n"))
        let actions = try #require(Markdown.table(md, under: "Actions"))
        #expect(actions.head == ["#", "Action", "Owner", "Due", "Status"])
        #expect(
            actions.rows == [
                ["1", "Draft the multi-year funding case", "Police and Crime Commissioner", "14 Dec 2021", "open"],
                ["2", "Report County engagement | plans", "VRU Portfolio Officer", "31 Jan 2022", "open"],
            ])
        #expect(m.decisions.count == 2)

        // A meeting with nothing recorded says so.
        let (_, _, empty) = try PackFixtures.meetingSource("nnvru-2021-22")
        let md2 = MarkdownPack.render(empty)
        #expect(Markdown.section(md2, "Decisions")?.contains("None recorded.") == true)
        #expect(Markdown.section(md2, "Actions")?.contains("None recorded.") == true)
    }

    @Test("exit strategy lists every live workstream with its option", arguments: PackFixtures.datasets)
    func exitStrategy(dataset: String) throws {
        var (b, _) = try PackFixtures.withMeeting(dataset)
        var w = try #require(b.activeWorkstreams.first)
        w.exitStrategy = ExitStrategy(option: .mainstream, note: "Into the council's core youth offer")
        b.workstreams.put(w)
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "a"))
        let t = try #require(Markdown.table(md, under: "4.5. Exit strategy"))
        #expect(t.rows.map { $0[0] } == b.activeWorkstreams.map(\.id))
        #expect(t.rows.first == [w.id, w.title, "Mainstream", "Into the council's core youth offer"])
        #expect(t.rows.dropFirst().allSatisfy { $0[2] == "Undecided" })
    }

    @Test("every table is well-formed, even with | and line breaks in cells", arguments: PackFixtures.datasets)
    func tablesStayWellFormed(dataset: String) throws {
        var b = try PackFixtures.board(dataset)
        let p1 = try #require(b.orderedPriorities.first)
        var w = try #require(b.workstreams(in: p1.id).first)
        let title = "Knives | guns: a \"review\""
        w.title = title
        try w.rate(
            .inYear, to: w.inYear == .red ? .amber : .red, by: "analyst | lead", at: "2021-11-01T09:00:00Z",
            comment: "first line\nsecond | line\n\nA second paragraph.")
        b.workstreams.put(w)
        var r = try #require(b.escalatedRisks.first)
        r.title = "Risk | with a pipe"
        b.risks.put(r)
        b.funding.categories[0].name = "Infrastructure | accommodation"
        let (md, m) = { () -> (String, Meeting) in
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk | minutes")
            m.header.agendaItem = "clerk | minutes"
            m.actions = [MeetingAction(text: "Chase | follow up\nwith partners", owner: "A | B", due: Day("2022-01-10")!, at: "t", by: "clerk")]
            var withM = b
            withM.meetings.put(m)
            return (MarkdownPack.render(PackSource(store: withM, meeting: m, today: b.programme.asAt, author: "x")), m)
        }()
        let (tables, problems) = Markdown.tables(md)
        #expect(problems.isEmpty, "malformed tables:\n\(problems.joined(separator: "\n"))")
        #expect(tables.count >= 10)
        // The pipe reads back as part of the cell, not as a column break.
        let row = try #require(tables.flatMap(\.rows).first { $0.first == w.id && $0.count == 7 })
        #expect(row[1] == title)
        // A comment's line breaks and paragraphs are kept (as <br>), inside the one row.
        #expect(row[6] == "first line<br>second | line<br><br>A second paragraph. (analyst | lead, 1 Nov 2021)")
        #expect(tables.flatMap(\.rows).contains { $0.first == r.id && $0[1] == "Risk | with a pipe" })
        #expect(tables.flatMap(\.rows).contains { $0.first == "Infrastructure | accommodation" })
        #expect(tables.first?.rows.contains(["Agenda Item", "clerk | minutes"]) == true)
        #expect(Markdown.table(md, under: "Actions")?.rows == [["1", "Chase | follow up<br>with partners", "A | B", "10 Jan 2022", "open"]])
        #expect(m.actions.count == 1)
    }

    @Test("a Windows line break (CR LF) or a lone CR in a cell does not break the table")
    func carriageReturnsInCells() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.workstreams["WS-1.1"])
        try w.rate(.inYear, to: .red, by: "The Analyst", at: "2021-11-01T09:00:00Z", comment: "pasted from Word\r\nsecond line\rthird")
        b.workstreams.put(w)
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "a"))
        let (tables, problems) = Markdown.tables(md)
        #expect(problems.isEmpty, "malformed tables:\n\(problems.joined(separator: "\n"))")
        let row = tables.flatMap(\.rows).first { $0.first == "WS-1.1" && $0.count == 7 }
        #expect(row?[6].hasPrefix("pasted from Word") == true)
        #expect(row?[6].contains("third (The Analyst, 1 Nov 2021)") == true)
    }
}
