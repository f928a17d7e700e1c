import Foundation
import Testing
import VRModel
import VRReport

/// The quarterly VRU Programme Summary [000 §2.3.6]: a second paper from the pack's engine, for one
/// quarter, its figures built from what the board records in and about that quarter.
@Suite("The quarterly Programme Summary")
struct ProgrammeSummaryTests {
    static let q2 = Quarter(year: 2021, number: 2)!
    static let parts = [
        "1. Highlight of the quarter", "2. Spend against profile", "3. Reach returns", "4. Risks", "5. Outcomes", "6. The quarter close",
        "Appendix A. Budget monitoring figures",
    ]

    static func markdown(_ b: Board, _ q: Quarter, author: String = PackFixtures.author) -> String {
        MarkdownPack.render(ProgrammeSummary.blocks(b, quarter: q, author: author, marking: "OFFICIAL")).replacingOccurrences(of: "\\", with: "")
    }

    /// The text under a level-2 heading, up to the next level-2 heading.
    static func part(_ md: String, _ heading: String) -> String {
        guard let start = md.range(of: "\n## \(heading)\n") else { return "" }
        let rest = md[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The table row of a Markdown table whose first cell is `first`, as cells.
    static func row(_ text: String, _ first: String) -> [String]? {
        text.split(separator: "\n").first { $0.hasPrefix("| \(first) |") }.map {
            $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    @Test("both datasets: the header, the contents and the six parts with the monitoring appendix, in order", arguments: PackFixtures.datasets)
    func shape(dataset: String) throws {
        let b = try PackFixtures.board(dataset)
        let q = QuarterClose.defaultQuarter(asAt: b.programme.asAt)
        #expect(ProgrammeSummary.problem(q, board: b) == nil)
        let md = Self.markdown(b, q)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == ["Contents"] + Self.parts)
        #expect(md.contains("# \(b.programme.name): VRU Programme Summary, \(q.label)"))
        #expect(md.contains("| Quarter | \(q.label): \(q.first.long) to \(q.last.long) |"))
        #expect(md.contains("| Status | The quarter ended \(q.last.long); figures \(b.programme.asAtLabel) |"))
        #expect(md.contains("[000 §2.3.6]"))
        // The contents list each part by its label and title.
        let contents = Self.part(md, "Contents")
        #expect(contents.contains("- 1 Highlight of the quarter") && contents.contains("- Appendix A Budget monitoring figures"), "\(contents)")
        // The marking at the top and the foot.
        #expect(md.hasPrefix("**OFFICIAL**") && md.hasSuffix("**OFFICIAL**\n\n"))
        // The author is a member or said not to be one: never a login.
        #expect(md.contains("| Report Author | Not a member (--author names one) |"))
    }

    @Test("a member named as author is printed with the e-mail the members register holds")
    func author() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var director = try #require(b.members["m-director"])
        director.email = "vru.director@example.org"
        b.members.put(director)
        let md = Self.markdown(b, Self.q2, author: director.shownName)
        #expect(md.contains("| Report Author | \(director.shownName)"))
        #expect(md.contains("| E-mail | vru.director@example.org |"))
    }

    @Test("the quarter's ratings: those at its end by priority, what moved inside it, and a later rating not counted")
    func highlight() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.activeWorkstreams.first)
        w.history = [
            RatingChange(kind: .inYear, from: nil, to: .amber, at: "2021-06-30T09:00:00Z", by: "Pat Officer", comment: "Started"),
            RatingChange(kind: .inYear, from: .amber, to: .red, at: "2021-08-15T09:00:00Z", by: "Pat Officer", comment: "Feed paused in August"),
            RatingChange(kind: .inYear, from: .red, to: .green, at: "2021-10-20T09:00:00Z", by: "Pat Officer", comment: "Restored after the quarter"),
        ]
        b.workstreams.put(w)
        let md = Self.markdown(b, Self.q2)
        let part = Self.part(md, "1. Highlight of the quarter")
        // Moved in the quarter: the August change, not the June one nor the October one.
        #expect(part.contains("| \(w.id) \(w.title) | In-year | A → R Red | 15 Aug 2021 | Feed paused in August"), "\(part)")
        #expect(!part.contains("Restored after the quarter") && !part.contains("| 30 Jun 2021 |"))
        // At the quarter's end it was red: an alarm, though it is green now.
        #expect(part.contains("- \(w.id) \(w.title): in-year R"), "\(part)")
        let priority = try #require(b.priorities[w.priority])
        let cells = try #require(Self.row(part, "\(priority.number). \(priority.title)"))
        #expect(cells[RAG.scale.firstIndex(of: .red)! + 1] == "1", "\(cells)")
    }

    @Test("spend against profile: the quarter's actual beside its profile, behind or ahead, and a category not entered said so")
    func spend() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        let categories = b.funding.categories
        let first = try #require(categories.first), second = try #require(categories.dropFirst().first)
        // The ledger for Q2 holds one entry for the first category only.
        b.funding.spend = b.funding.spend.filter { $0.quarter != Self.q2 }
        let line = try #require(b.funding.monitor(asAt: b.programme.asAt).lines.first { $0.category.id == first.id })
        let profile = line.profile[1]
        b.funding.spend.append(
            SpendEntry(
                category: first.id, quarter: Self.q2, actual: profile - 1_234, note: "Two invoices late", by: "Pat", at: "2021-10-05T09:00:00Z"))
        let part = Self.part(Self.markdown(b, Self.q2), "2. Spend against profile")
        let firstRow = try #require(Self.row(part, first.name), "\(part)")
        #expect(firstRow[1].hasPrefix(Money.format(profile)))
        #expect(firstRow[2] == Money.format(profile - 1_234))
        #expect(firstRow[3] == "£1,234 behind")
        #expect(firstRow[6] == "Two invoices late")
        let secondRow = try #require(Self.row(part, second.name))
        #expect(secondRow[2] == "not entered" && secondRow[3] == "-")
        let total = try #require(Self.row(part, "Total"))
        #expect(total[2].hasSuffix("(\(categories.count - 1) not entered)"), "\(total)")
    }

    @Test("reach: a one-quarter return counted, a two-quarter one shown whole and not counted, a missing one overdue with its date")
    func reach() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        let q1 = Quarter(year: 2021, number: 1)!
        func iv(_ id: String, _ returns: [ReachReturn]) -> Intervention {
            Intervention(id: id, name: "Intervention \(id)", provider: "Provider \(id)", start: q1.first, returns: returns, source: "test")
        }
        b.interventions.put(iv("IV-A", [ReachReturn(quarter: Self.q2, under25: 40, over25: 3, by: "Pat", at: "2021-10-10T09:00:00Z")]))
        b.interventions.put(iv("IV-B", [ReachReturn(quarter: q1, quarters: 2, under25: 90, over25: 9, by: "Pat", at: "2021-10-10T09:00:00Z")]))
        b.interventions.put(iv("IV-C", [ReachReturn(quarter: q1, under25: 5, over25: 1, by: "Pat", at: "2021-07-10T09:00:00Z")]))
        let part = Self.part(Self.markdown(b, Self.q2), "3. Reach returns")
        #expect(part.contains("2 of 3 returns in for Q2 2021/22 (due 30 Oct 2021"), "\(part)")
        #expect(part.contains("Reached in the quarter: 40 aged 24 and under, 3 aged 25 and over; 1 return covers more than one quarter"))
        #expect(Self.row(part, "IV-A")?[3] == "40")
        #expect(Self.row(part, "IV-B").map { [$0[3], $0[5]] } == ["90 (Q1-Q2 2021/22)", "the same return"])
        // The board's date (2 Nov 2021) is after the return's due date.
        #expect(Self.row(part, "IV-C").map { [$0[5], $0[6]] } == ["5 / 1", "overdue (due 30 Oct 2021)"])
        // The shipped interventions have no start and no return: said, not counted as not running.
        #expect(part.contains("have no start date and no return recorded"))
    }

    @Test("a quarter still running is a draft to date; one of another year or not started is refused in words")
    func quarters() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        let q3 = Quarter(containing: b.programme.asAt)
        #expect(ProgrammeSummary.problem(q3, board: b) == nil)
        #expect(Self.markdown(b, q3).contains("| Status | DRAFT: the quarter ends \(q3.last.long); figures to date"))
        let q4 = q3.next
        #expect(ProgrammeSummary.problem(q4, board: b)?.contains("has not started at the board's date") == true)
        let old = Quarter(year: 2020, number: 3)!
        #expect(ProgrammeSummary.problem(old, board: b)?.contains("--year 2020/21") == true)
    }

    @Test("the quarter close lists what the quarter still needs, with owners, as `vrboard quarter` does")
    func close() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        let c = b.quarterClose(Self.q2)
        let part = Self.part(Self.markdown(b, Self.q2), "6. The quarter close")
        #expect(part.contains("\(c.items.count) item\(c.items.count == 1 ? "" : "s") outstanding"))
        for i in c.items { #expect(part.contains("- \(i.what) (\(i.owner)"), "\(i.what)") }
    }
}
