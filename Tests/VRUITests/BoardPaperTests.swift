import Foundation
import Testing
import VRModel
import VRReport
import VRStore
import VRTestSupport

@testable import VRUI

/// The board paper in 001's report format: the header from the store (members, never logins), the
/// twelve numbered sections each drawn from the board, written by the secretary in the paper form, or
/// flagged as not written; the paper form itself, driven by its keys.
@Suite("Board paper: 001's report format")
struct BoardPaperTests {
    static let numbered = paperSections

    /// A dataset's board with a held meeting on its date, its paper partly written.
    static func paper(_ dataset: String) throws -> (Board, Meeting, String) {
        var b = try Fixtures.board(dataset)
        var director = try #require(b.members["m-director"])
        director.email = "vru.director@example.org"
        b.members.put(director)
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.hold(board: b, seq: nil, at: "\(b.programme.asAt)T10:00:00Z")
        m.header.authorMember = "m-director"
        m.header.contacts = ["m-pcc"]
        m.header.purpose = .decision
        m.header.publication = .notForPublication
        m.header.exemption = .commercial
        m.header.texts = [
            "purpose": "To give the board the VRU's highlight report.\n\nAnd to ask for its decisions.", "humanResources": "NA",
        ]
        m.recommendations = ["That the board notes the report"]
        b.meetings.put(m)
        let src = PackSource(store: b, meeting: m, today: b.programme.asAt, author: "clerk")
        // Read as shown: Markdown's escapes (before a numbered paragraph's dot, a bracket) taken off.
        return (b, m, MarkdownPack.render(src).replacingOccurrences(of: "\\", with: ""))
    }

    /// The text under a level-2 heading, up to the next level-2 heading.
    static func section(_ md: String, _ heading: String) -> String? {
        guard let start = md.range(of: "\n## \(heading)\n") else { return nil }
        let rest = md[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    @Test("the header and the twelve sections of 001 in order: each drawn, written, said to be none, or flagged", arguments: Fixtures.datasets)
    func twelveSections(dataset: String) throws {
        let (b, m, md) = try Self.paper(dataset)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings.filter { Self.numbered.contains($0) } == Self.numbered, "001's sections, each once, in order")
        // The header, in 001's order, from the store.
        let header = md.split(separator: "\n").filter { $0.hasPrefix("| ") }.prefix(12).map(String.init)
        let director = try #require(b.members["m-director"]), pcc = try #require(b.members["m-pcc"])
        for row in [
            "| For | For Decision |", "| Publication | Not for publication: \(PaperHeader.Exemption.commercial.label) |",
            "| Date of Meeting | \(m.date.long) |", "| Report of | \(b.programme.accountableBody) |",
            "| Report Author | \(director.shownName), \(director.organisation) |", "| E-mail | vru.director@example.org |",
            "| Other Contacts | \(pcc.shownName), \(pcc.organisation) |", "| Agenda Item | 2. VRU highlight report |",
        ] {
            #expect(header.contains(row), "\(row) in\n\(header.joined(separator: "\n"))")
        }
        let order = ["For", "Publication", "Report to", "Date of Meeting", "Report of", "Report Author", "E-mail", "Other Contacts", "Agenda Item"]
        #expect(
            Array(header.compactMap { $0.split(separator: "|").first.map { $0.trimmingCharacters(in: .whitespaces) } }.dropFirst().prefix(9)) == order
        )
        // Written by the secretary: numbered as 001 numbers its paragraphs; "NA" is said as None.
        #expect(Self.section(md, "1. Purpose of the Report")?.contains("1.1 To give the board the VRU's highlight report.\n\n1.2 And to ask") == true)
        #expect(Self.section(md, "2. Recommendations")?.contains("2.1 That the board notes the report") == true)
        #expect(Self.section(md, "6. Human Resources Implications")?.contains("6.1 None.") == true)
        // Not yet written: flagged, never "None".
        for h in [
            "3. Reasons for Recommendations", "10. Changes in Legislation or other Legal Considerations", "11. Details of outcome of consultation",
        ] {
            let text = try #require(Self.section(md, h))
            #expect(text.contains("NOT YET WRITTEN") && !text.contains("None"), "\(h): \(text)")
        }
        // Drawn from the board, and saying so.
        let financial = try #require(Self.section(md, "5. Financial Implications and Budget Provision"))
        #expect(financial.contains("Drawn from the board's funding"))
        #expect(financial.contains(Money.format(b.funding.allocation)))
        for c in b.funding.checks { #expect(financial.contains(c.label), "\(c.label)") }
        let equality = try #require(Self.section(md, "7. Equality Implications"))
        #expect(equality.contains("Drawn from the providers' reach returns") && equality.contains("aged 24 and under"))
        // WM-VRU's commitments are 004 §170-172's; NNVRU holds none and says so.
        if dataset.hasPrefix("wmvru") {
            for c in b.programme.equality { #expect(equality.contains(c.text) && equality.contains("[\(c.source)]")) }
            #expect(b.programme.equality.map(\.source) == ["004 §170", "004 §171", "004 §172"])
        } else {
            #expect(equality.contains("holds no equality commitments"))
        }
        let risk = try #require(Self.section(md, "8. Risk Management"))
        #expect(risk.contains("Drawn from the risk register") && risk.contains("\(b.escalatedRisks.count) escalated to the board"))
        for r in b.escalatedRisks { #expect(risk.contains("\(r.id) \(r.title)")) }
        let policy = try #require(Self.section(md, "9. Policy Implications and links to the Police and Crime Plan Priorities"))
        let plan = try #require(b.orderedPriorities.first?.plan)
        #expect(policy.contains("Every priority: \(plan.text)") && policy.contains(plan.source.hasPrefix("001") ? "001 §9.1" : "004 §122-124"))
        // 12 lists the appendices the paper carries, and each is there.
        let appendices = try #require(Self.section(md, "12. Appendices"))
        let listed = appendices.split(separator: "\n").filter { $0.hasPrefix("12.") }.map { String($0.split(separator: " ", maxSplits: 1)[1]) }
        #expect(listed.count == 5)
        for a in listed { #expect(headings.contains(a), "\(a) is an appendix of the paper") }
    }

    @Test("a pack of a meeting no paper form has touched flags every written section and the author")
    func untouchedPaperIsFlagged() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        let m = Meeting.new(on: b.programme.asAt, board: b, author: "root")
        b.meetings.put(m)
        let md = MarkdownPack.render(PackSource(store: b, meeting: m, today: b.programme.asAt, author: "root"))
        #expect(md.contains("| Report Author | NOT YET CHOSEN (the paper form) |"))
        #expect(md.components(separatedBy: "NOT YET WRITTEN").count - 1 == 6, "1, 2, 3, 6, 10, 11")
        #expect(m.header.unwritten(recommendations: m.recommendations).map(\.number) == [1, 2, 3, 6, 10, 11])
        #expect(md.firstMatch(of: #/\broot\b/#) == nil, "a login is never printed")
    }

    @Test("the paper form: W opens it, the author and a contact are chosen from the members, a section is typed over lines and saved")
    func paperForm() throws {
        var b = try Fixtures.board("wmvru-2021-22")
        let m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        b.meetings.put(m)
        var s = AppState(board: b, width: 100, height: 40)
        s.user = "clerk"
        s.now = "\(b.programme.asAt)T10:30:00Z"
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        let rt = FakeRuntime(b)
        // The title slide says what the paper still lacks.
        #expect(render(s).contains("Paper: 6 sections not yet written · W writes them"))
        rt.press(&s, .char("W"))
        var form = try #require(s[dialog: FormMode.self])
        #expect(form.title.contains("the paper"))
        // For: Consideration → Decision.
        rt.press(&s, .right)
        // Report author: the first member in the list (by name), then contact 1 the next one.
        let people = Forms.memberChoices(b)
        for _ in 0..<4 { rt.press(&s, .tab) }
        rt.press(&s, .right)
        rt.press(&s, .tab)
        rt.press(&s, .right, .right)
        for _ in 0..<3 { rt.press(&s, .tab) }
        form = try #require(s[dialog: FormMode.self])
        #expect(form.fields[form.focus].key == "purpose" && form.fields[form.focus].isLong)
        s.type("To report the quarter.")
        rt.press(&s, .ctrl("j"), .ctrl("j"))
        s.type("And to ask for a decision.")
        // The whole wording shows as it grows, over the lines it takes.
        let shown = render(s)
        #expect(shown.contains("To report the quarter.") && shown.contains("And to ask for a decision."))
        rt.press(&s, .enter)
        #expect(s.modal == nil, "saved: \(s.message ?? "")")
        let saved = try #require(rt.board.meetings[m.id])
        #expect(saved.header.purpose == .decision)
        #expect(saved.header.authorMember == people[0].value)
        #expect(saved.header.contacts == [people[1].value])
        #expect(saved.header.state(.purpose) == .text("To report the quarter.\n\nAnd to ask for a decision."))
        #expect(rt.journal.last?.note.hasPrefix("Board of \(m.date.long): paper saved; not yet written: 2, 3, 6, 10, 11") == true)
    }
}
