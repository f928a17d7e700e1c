import Testing
import VRModel
@testable import VRUI

/// The director's Monday: every workstream grouped by priority, narrowed to what needs attention, and
/// one search across the board.
@Suite struct AttentionTests {
    static func rated(_ b: Board, _ id: String, _ history: [RatingChange], inYear: RAG) throws -> Workstream {
        var w = try #require(b.workstreams[id])
        w.history = history
        w.inYear = inYear
        return w
    }

    static func change(_ day: String, from: RAG?, to: RAG) -> RatingChange {
        RatingChange(kind: .inYear, from: from, to: to, at: "\(day)T10:00:00Z", by: "alice", comment: "c", basis: .evidence)
    }

    @Test("a workstream's reasons: red or A/R, declining, no update for a quarter, not reviewed since the last board")
    func reasons() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let today = try #require(Day("2021-11-02"))
        let board = try #require(Day("2021-10-14"))
        let down = try Self.rated(b, "WS-1.1", [Self.change("2021-10-26", from: .amber, to: .amberRed)], inYear: .amberRed)
        #expect(down.attention(on: today, lastBoard: board) == [.rated(.amberRed), .declining])
        let steady = try Self.rated(b, "WS-1.1", [Self.change("2021-10-26", from: .green, to: .green)], inYear: .green)
        #expect(steady.attention(on: today, lastBoard: board).isEmpty, "reviewed after the board, green, not declining")
        let beforeBoard = try Self.rated(b, "WS-1.1", [Self.change("2021-09-30", from: .amber, to: .amber)], inYear: .amber)
        #expect(beforeBoard.attention(on: today, lastBoard: board) == [.reviewDue(board: board)])
        #expect(beforeBoard.attention(on: today, lastBoard: nil).isEmpty, "no board yet: a month-old review is not overdue")
        let stale = try Self.rated(b, "WS-1.1", [Self.change("2021-07-20", from: .amber, to: .amber)], inYear: .amber)
        #expect(stale.attention(on: today, lastBoard: board) == [.noUpdate(since: Day("2021-07-20"))], "more than 91 days")
        let never = try Self.rated(b, "WS-1.1", [], inYear: .red)
        #expect(never.attention(on: today, lastBoard: nil) == [.rated(.red), .noUpdate(since: nil)])
        #expect(Attention.noUpdate(since: nil).description == "never updated")
        var done = stale
        done.inYear = .complete
        #expect(done.attention(on: today, lastBoard: board).isEmpty, "complete work needs no attention")
        var archived = never
        archived.archived = true
        #expect(archived.attention(on: today, lastBoard: board).isEmpty)
    }

    @Test("the last board is the last meeting held on or before today: a draft never held is not a board that met")
    func lastBoardIgnoresDrafts() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        let today = b.programme.asAt
        #expect(b.lastBoard(on: today) == nil)
        var held = Meeting.new(on: today.adding(days: -20), board: b, author: "clerk")
        held.stage = .held
        b.meetings.put(held)
        b.meetings.put(Meeting.new(on: today, board: b, author: "clerk"))
        var later = Meeting.new(on: today.adding(days: 30), board: b, author: "clerk")
        later.stage = .closed
        b.meetings.put(later)
        #expect(b.lastBoard(on: today) == held.date, "the draft today and the meeting after today do not count")
    }

    @Test("A from any screen shows every workstream needing attention, grouped by priority, with reasons in words", arguments: Fixtures.datasets)
    func attentionFromAnywhere(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let lastBoard = b.lastBoard(on: b.programme.asAt)
        let needing = b.activeWorkstreams.filter { !$0.attention(on: b.programme.asAt, lastBoard: lastBoard).isEmpty }
        #expect(!needing.isEmpty, "the sample has workstreams needing attention")
        for start in ["1", "3", "4", "5"] {
            var s = AppState(board: b, width: 80, height: 24)
            _ = s.press(.char(Character(start)))
            _ = s.press(.char("A"))
            #expect(s.screen == .workstreams && s.workstreamsScreen.showAll && s.workstreamsScreen.attention == .any, "from \(start)")
            let shown = s.workstreamsScreen.allRows.compactMap(\.workstream).map(\.id)
            #expect(Set(shown) == Set(needing.map(\.id)), "from \(start)")
            // Grouped: every workstream follows its own priority's heading.
            var group: String?
            for row in s.workstreamsScreen.allRows {
                switch row {
                case .group(let p, _, _): group = p.id
                case .item(let w, _): #expect(w.priority == group, "\(w.id) under \(group ?? "no heading")")
                }
            }
            let f = render(s)
            expectFits(f, width: 80, height: 24)
            #expect(f.contains("Needs attention · \(needing.count) of \(b.activeWorkstreams.count) workstreams"))
            let selected = try #require(s.selectedWorkstream)
            #expect(needing.contains { $0.id == selected.id }, "a workstream is selected, never a heading")
        }
    }

    @Test("the first rows at 80x24 say each reason in words; f narrows to one reason at a time, then shows every workstream")
    func filterCycle() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("A"))
        let f = render(s)
        let today = b.programme.asAt, lastBoard = b.lastBoard(on: today)
        for w in s.workstreamsScreen.allRows.compactMap(\.workstream).prefix(Layout.tableRows(Layout(width: 80, height: 24).workstreamTable) - 2) {
            let words = w.attention(on: today, lastBoard: lastBoard).map(\.description)
            let line = try #require(f.lines.first { $0.contains("│\(w.id) ") }, "\(w.id)")
            #expect(line.contains(Width.truncate(words.joined(separator: " · "), to: 20, ellipsis: false)), "\(line)")
        }
        var seen: [Attention.Kind?] = []
        for _ in 0..<Attention.Kind.allCases.count {
            _ = s.press(.char("f"))
            seen.append(s.workstreamsScreen.attention)
            guard let kind = s.workstreamsScreen.attention else { continue }
            for row in s.workstreamsScreen.allRows {
                guard case .item(_, let reasons) = row else { continue }
                #expect(kind == .any || reasons.contains { $0.kind == kind }, "\(kind)")
            }
        }
        #expect(seen == [.red, .declining, .reviewDue, .noUpdate, .forBoard, nil])
        #expect(s.workstreamsScreen.allRows.compactMap(\.workstream).count == b.activeWorkstreams.count, "f at the end shows every workstream")
        #expect(render(s).contains("All workstreams · \(b.activeWorkstreams.count)"))
    }

    @Test("in all workstreams the officer's keys work on the selected row; Enter opens its priority on it; Esc goes back")
    func keysOnAllWorkstreams() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 120, height: 36)
        _ = s.press(.char("2"), .char("a"))
        #expect(s.workstreamsScreen.showAll && s.workstreamsScreen.attention == nil)
        _ = s.press(.char("G"))
        let last = try #require(s.selectedWorkstream)
        #expect(last.id == b.orderedPriorities.last.flatMap { s.derived.workstreamsByPriority[$0.id]?.last }?.id)
        _ = s.press(.char("g"), .down)
        #expect(s.selectedWorkstream?.id == b.workstreams(in: "P1").filter { !$0.archived }.dropFirst().first?.id, "headings are skipped")
        _ = s.press(.char("r"))
        guard let form = s[dialog: RatingPicker.self] else {
            Issue.record("r opens the rating picker on the selected row")
            return
        }
        #expect(form.workstreamID == s.selectedWorkstream?.id)
        _ = s.press(.escape)
        let target = try #require(s.selectedWorkstream)
        _ = s.press(.enter)
        #expect(!s.workstreamsScreen.showAll && s.workstreamsScreen.openPriority == target.priority)
        #expect(s.selectedWorkstream?.id == target.id)
        _ = s.press(.char("a"), .escape)
        #expect(!s.workstreamsScreen.showAll && s.workstreamsScreen.openPriority == target.priority, "Esc: back to where a was pressed")
        _ = s.press(.escape)
        #expect(s.workstreamsScreen.openPriority == nil)
        _ = s.press(.char("a"), .char("/"))
        s.type("probation")
        _ = s.press(.enter)
        let ids = s.workstreamsScreen.allRows.compactMap(\.workstream).map(\.id)
        #expect(
            !ids.isEmpty
                && ids.allSatisfy { id in
                    let w = b.workstreams[id]!
                    return ([w.title, b.name(of: w.lead), b.name(of: w.sponsor)] + w.history.map(\.comment)).joined().lowercased().contains(
                        "probation")
                }, "\(ids)")
    }

    @Test("F finds by id, title, lead and comment across workstreams, risks, grants and actions; Enter goes to the item")
    func findAnywhere() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("F"))
        #expect(s.mode == .find)
        s.type("Probation")
        guard let finder = s[dialog: FindMode.self] else {
            Issue.record("F opens find")
            return
        }
        let kinds = Set(finder.hits.map(\.kind))
        #expect(kinds.isSuperset(of: ["Workstream", "Risk", "Action"]), "\(kinds)")
        #expect(finder.hits.contains { $0.id == "WS-1.7" } && finder.hits.contains { $0.id == "R01" })
        expectFits(render(s), width: 80, height: 24)
        // Enter on the risk goes to the register with it selected.
        let risk = try #require(finder.hits.firstIndex { $0.id == "R01" })
        for _ in 0..<risk { _ = s.press(.down) }
        _ = s.press(.enter)
        #expect(s.modal == nil && s.screen == .risks && s.selectedRisk?.id == "R01")

        // A comment: the words of a rating's comment find its workstream, on another screen.
        let w = try #require(b.activeWorkstreams.first { !($0.history.last?.comment ?? "").isEmpty })
        let words = String(try #require(w.history.last?.comment.split(separator: " ").prefix(4).joined(separator: " ")))
        _ = s.press(.char("F"))
        s.type(words)
        _ = s.press(.enter)
        #expect(s.screen == .workstreams && s.selectedWorkstream?.id == w.id, "\(words)")

        // A grant, by its funder, from the overview's / (it has no list of its own to filter).
        let grant = try #require(b.funding.grants.last)
        _ = s.press(.char("1"), .char("/"))
        #expect(s.mode == .find)
        s.type(grant.name)
        _ = s.press(.enter)
        #expect(s.screen == .funding && s.fundingScreen.grantCursor.selected == b.funding.grants.count - 1)

        // A mitigating action opens its risk's actions on it.
        let r = try #require(b.risks.items.first { $0.actions.count > 1 })
        _ = s.press(.char("F"))
        s.type(r.actions[1].action)
        _ = s.press(.enter)
        #expect(s.screen == .risks && s.selectedRisk?.id == r.id)
        guard let d = s[dialog: ActionsDialog.self], d.riskID == r.id else {
            Issue.record("the actions dialog opens")
            return
        }
        #expect(d.cursor.selected == 1)

        // By rating, as the director asks ("which are A/R?").
        _ = s.press(.escape, .char("F"))
        s.type("A/R")
        guard let byRating = s[dialog: FindMode.self] else { return }
        let ar = b.activeWorkstreams.filter { $0.inYear == .amberRed }.map(\.id)
        #expect(!ar.isEmpty && ar.allSatisfy { id in byRating.hits.contains { $0.id == id } })
        _ = s.press(.escape)
        #expect(s.modal == nil && s.screen == .risks, "Esc closes without going anywhere")
    }

    @Test("find takes a paste of garbage as text, lists nothing for it, and never runs it as keys")
    func findGarbage() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("F"))
        _ = update(&s, .paste("zz\u{1B}[2J q"))
        #expect(s.mode == .find)
        _ = update(&s, .paste("qqqq zzzz"))
        guard let f = s[dialog: FindMode.self] else {
            Issue.record("still finding")
            return
        }
        #expect(f.hits.isEmpty && f.query.text == "qqqq zzzz")
        #expect(render(s).contains("No match"))
    }
}

/// Find covers the whole board, and keeps the match in view however long the text around it.
@Suite struct FindCoverageTests {
    @Test(arguments: Fixtures.datasets)
    func everyKindOfItemIsFoundAndEnterGoesToIt(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        // One query per kind, from the board itself: the first of each kind it holds.
        var cases: [(String, String, (AppState) -> Bool)] = []
        if let p = b.orderedPriorities.first {
            cases.append((p.snaFinding, "Priority", { $0.screen == .workstreams && $0.workstreamsScreen.openPriority == p.id }))
        }
        if let iv = b.interventions.items.first(where: { !$0.archived && !$0.provider.isEmpty })
            ?? b.interventions.items.first(where: { !$0.archived })
        {
            cases.append(
                (iv.provider.isEmpty ? iv.name : iv.provider, "Intervention", { $0.screen == .interventions && $0.selectedIntervention?.id == iv.id })
            )
        }
        if let e = b.evaluations.items.first {
            cases.append((e.title, "Evaluation", { $0.screen == .interventions && $0.interventionsScreen.table == .evaluations }))
        }
        if let o = b.orderedOutcomes.first { cases.append((o.title, "Outcome", { $0.screen == .outcomes && $0.selectedOutcome?.id == o.id })) }
        if let m = b.members.items.first(where: { mem in b.workstreams.items.contains { $0.lead == mem.id } }) {
            cases.append((m.name, "Member", { $0.screen == .workstreams && $0.workstreamsScreen.showAll && $0.query == m.name }))
        }
        #expect(cases.count >= 4, "the shipped board has each kind")
        for (query, kind, arrived) in cases {
            let hits = Finder.search(query, in: b)
            let i = try #require(hits.firstIndex { $0.kind == kind }, "\(kind) not found by '\(query.prefix(30))'")
            var s = AppState(board: b, width: 120, height: 36)
            FindMode.open(&s)
            s[dialog: FindMode.self]?.query.insert(query)
            s[dialog: FindMode.self]?.refresh(b)
            s[dialog: FindMode.self]?.cursor.selected = i
            _ = s.press(.enter)
            #expect(arrived(s), "Enter on a \(kind) hit went to \(s.screen)")
        }
    }

    @Test func aDecisionIsFoundAndOpensTheMinutesAtIt() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.decisions = [Decision(text: "Approve the knife crime campaign budget", at: "t", by: "clerk")]
        b.meetings.put(m)
        let hit = try #require(Finder.search("campaign budget", in: b).first { $0.kind == "Decision" })
        #expect(hit.target == .boardDecision(meeting: m.id, index: 0))
    }

    @Test func theMatchIsCentredInALongText() {
        let long = String(repeating: "context ", count: 40) + "NEEDLE" + String(repeating: " more", count: 40)
        let hit = Finder.Hit(
            target: .workstream("W"), kind: "Workstream", id: "W", title: "t", field: "comment", snippet: long, matchAt: 320, matchLength: 6)
        let shown = Finder.centred(hit, width: 30)
        #expect(shown.count == 30 && shown.contains("NEEDLE") && shown.hasPrefix("…") && shown.hasSuffix("…"), "\(shown)")
        let hits = Finder.search(
            "needle",
            in: {
                var b = try! Fixtures.board("nnvru-2021-22")
                var w = b.workstreams.items[0]
                w.objectives = [long]
                b.workstreams.put(w)
                return b
            }())
        let h = try! #require(hits.first)
        #expect(Finder.centred(h, width: 24).contains("NEEDLE"))
    }
}
