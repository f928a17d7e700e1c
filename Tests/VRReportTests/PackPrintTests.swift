import Foundation
import Testing
import VRModel
@testable import VRReport

/// A pack the secretary can send as it is: who attended and the agenda, the protective marking on every
/// printed page, page numbers, and table headers that repeat across pages.
@Suite struct PackPrintTests {
    @Test(arguments: PackFixtures.datasets)
    func attendeesAndAgendaAreInThePack(dataset: String) throws {
        let (_, m, src) = try PackFixtures.meetingSource(dataset) { m in
            m.attendees = ["Chief Constable", "Director of Public Health (City)"]
            m.agenda = ["Minutes of the last meeting", "VRU highlight report"]
        }
        #expect(m.attendees.count == 2)
        let md = MarkdownPack.render(src)
        let attendees = try #require(Markdown.section(md, "Attendees"))
        #expect(attendees.contains("- Chief Constable\n- Director of Public Health (City)"))
        let agenda = try #require(Markdown.section(md, "Agenda"))
        #expect(agenda.contains("1. Minutes of the last meeting\n2. VRU highlight report"))
        let html = HTMLPack.render(src)
        #expect(html.contains("<h3>Attendees</h3>\n<ul>\n<li>Chief Constable</li>"))
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
