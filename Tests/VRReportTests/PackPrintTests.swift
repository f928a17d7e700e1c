import Foundation
import Testing
import VRModel
@testable import VRReport

/// A pack the secretary can send as it is: who attended and the agenda, the protective marking on every
/// printed page, page numbers, and table headers that repeat across pages.
@Suite struct PackPrintTests {
    @Test("attendance, apologies, deputies and the quorum; recommendations; the agenda with each item's section", arguments: PackFixtures.datasets)
    func attendanceRecommendationsAndAgendaAreInThePack(dataset: String) throws {
        let (b, m, src) = try PackFixtures.meetingSource(dataset) { m in
            m.attendance = [
                Attendance(member: "m-pcc", status: .present), Attendance(member: "m-cc", status: .deputy, deputy: "ACC Jane Doe"),
                Attendance(member: "m-director", status: .apologies),
            ]
            m.attendees = ["VRU Programme Manager (minutes)"]
            m.recommendations = ["Note the highlight report", "Approve the exit strategy options"]
            m.agenda = ["Minutes of the last meeting and matters arising", "Escalated risks", "Any other business"]
        }
        let md = MarkdownPack.render(src)
        let asked = try #require(Markdown.section(md, "2. Recommendations"))
        #expect(asked.contains("2.1 Note the highlight report\n\n2.2 Approve the exit strategy options"), "\(asked)")
        let attendance = try #require(Markdown.table(md, under: "Attendance"))
        let pcc = try #require(b.members["m-pcc"]), cc = try #require(b.members["m-cc"]), director = try #require(b.members["m-director"])
        #expect(attendance.rows.first { $0[0] == "Present" }?[1] == "\(pcc.shownName) (\(pcc.organisation))")
        #expect(attendance.rows.first { $0[0] == "Deputising" }?[1] == "ACC Jane Doe, for \(cc.shownName) (\(cc.organisation))")
        #expect(attendance.rows.first { $0[0] == "Apologies" }?[1] == "\(director.shownName) (\(director.organisation))")
        #expect(attendance.rows.first { $0[0] == "Also attending" }?[1] == "VRU Programme Manager (minutes)")
        // Two of many members: the chairs are there, but not a majority of the rest.
        let section = try #require(Markdown.section(md, "Attendance"))
        #expect(section.contains("Not quorate"), "\(section)")
        #expect(section.contains("other members present, not a majority"), "\(section)")
        #expect(m.quorum(b).isQuorate == false)
        // Each agenda item names the section of the pack that carries its paper.
        let agenda = try #require(Markdown.table(md, under: "Agenda"))
        #expect(
            agenda.rows == [
                ["1", "Minutes of the last meeting and matters arising", "4.1. Minutes of the last meeting and matters arising"],
                ["2", "Escalated risks", "8. Risk Management"],
                ["3", "Any other business", "Taken in the meeting (no paper)"],
            ])
        let html = HTMLPack.render(src)
        #expect(html.contains("<h2 id=\"part-2\">2. Recommendations</h2>\n<p>2.1 Note the highlight report</p>"))
    }

    @Test func printedPagesCarryNumbersTheMarkingAndRepeatedHeaders() throws {
        var (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        src.marking = "OFFICIAL-SENSITIVE"
        let html = HTMLPack.render(src)
        #expect(html.contains("thead{display:table-header-group}"))
        #expect(html.contains("@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages)"))
        #expect(html.contains("@top-center{content:\"OFFICIAL-SENSITIVE\";font-weight:bold}"))
        #expect(html.contains("@bottom-center{content:\"OFFICIAL-SENSITIVE\";font-weight:bold}"))
        // On screen too: the first and the last thing in the body.
        let body = try #require(html.components(separatedBy: "<body>\n").last)
        #expect(body.hasPrefix("<p class=\"marking\">OFFICIAL-SENSITIVE</p>"))
        #expect(body.hasSuffix("<p class=\"marking\">OFFICIAL-SENSITIVE</p>\n</body>\n</html>\n"))
    }

    @Test func aHostileMarkingCannotEndTheStyleOrTheString() throws {
        var (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        src.marking = "X\";}</style><script>alert(1)</script>"
        let html = HTMLPack.render(src)
        let style = try #require(html.components(separatedBy: "<style>").last?.components(separatedBy: "</style>").first)
        #expect(!style.contains("<script>") && !style.contains("</"))
        #expect(style.contains("@top-center{content:\"X\\22 ;}\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e \";"))
        #expect(!html.contains("<script>"))
    }
}
