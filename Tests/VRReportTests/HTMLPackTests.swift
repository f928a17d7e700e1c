import Foundation
import Testing
import VRModel
import VRReport

/// The board pack as one HTML file: read back with Python's html.parser and compared with the model.
@Suite("Board pack: HTML")
struct HTMLPackTests {
    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    @Test(
        "one self-contained document: a style sheet with print rules, nothing fetched from elsewhere",
        arguments: PackFixtures.datasets)
    func selfContained(dataset: String) throws {
        let (b, m, src) = try PackFixtures.meetingSource(dataset)
        let html = HTMLPack.render(src)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(html.hasSuffix("</body>\n</html>\n"))
        #expect(html.components(separatedBy: "<html").count == 2, "more than one document")
        let doc = try parseHTML(html)
        #expect(doc.errors.isEmpty, "tags out of order:\n\(doc.errors.joined(separator: "\n"))")
        #expect(doc.doctype.lowercased() == "doctype html")
        #expect(doc.title == "\(b.programme.name): VRU highlight report, \(m.date.long)")
        #expect(doc.tags.contains { $0.tag == "meta" && $0.attrs["charset"]?.lowercased() == "utf-8" })
        #expect(doc.tags.filter { $0.tag == "style" }.count == 1)
        #expect(doc.style.contains("@media print"))
        #expect(doc.style.contains(".rag-red") && doc.style.contains(".rag-green"))
        // Nothing external: no scripts, stylesheets, images, fonts or links to other sites.
        for t in doc.tags {
            #expect(!["script", "link", "img", "iframe", "object", "embed"].contains(t.tag), "external element <\(t.tag)>")
            for (name, value) in t.attrs where ["src", "href"].contains(name) {
                #expect(!value.lowercased().hasPrefix("http") && !value.hasPrefix("//"), "<\(t.tag) \(name)=\(value)> reaches out")
            }
        }
        #expect(!doc.style.contains("@import") && !doc.style.contains("url("), "the style sheet fetches something")
        #expect(!html.lowercased().contains("http://") && !html.lowercased().contains("https://"))
        // The same sections as the Markdown pack.
        #expect(
            doc.headings.filter { $0[0] == "2" }.map { $0[1] } == ["Contents", "Attendance", "Agenda"] + MarkdownPackTests.paper
                + MarkdownPackTests.appendices)
    }

    @Test("the HTML tables hold what the Markdown tables hold", arguments: PackFixtures.datasets)
    func sameTablesAsMarkdown(dataset: String) throws {
        let (_, _, src) = try PackFixtures.meetingSource(dataset) { m in
            m.decisions = [Decision(text: "Agree the risk appetite", at: "t", by: "clerk")]
            m.actions = [MeetingAction(text: "Circulate the minutes", owner: "Board secretary", due: Day("2022-01-05")!, at: "t", by: "clerk")]
        }
        let doc = try parseHTML(HTMLPack.render(src))
        let md = Markdown.tables(MarkdownPack.render(src)).tables
        try #require(doc.tables.count == md.count)
        for (h, m) in zip(doc.tables, md) {
            #expect(h.first?.map(\.text) == m.head)
            let body = h.dropFirst().map { $0.map { $0.text.replacingOccurrences(of: "✓ ", with: "").replacingOccurrences(of: "✗ ", with: "") } }
            #expect(Array(body) == m.rows, "table under \(m.heading)")
        }
        #expect(doc.lists.contains { $0.kind == "ol" && $0.items == ["Agree the risk appetite"] })
    }

    @Test("RAG shows as text (letter and name) and as a class for colour", arguments: PackFixtures.datasets)
    func ragAsTextAndClass(dataset: String) throws {
        let (_, _, src) = try PackFixtures.meetingSource(dataset)
        let b = src.board
        let html = HTMLPack.render(src)
        let doc = try parseHTML(html)
        for p in b.orderedPriorities {
            let table = try #require(doc.table(after: "\(p.number). \(p.title)"))
            let ws = b.workstreams(in: p.id)
            try #require(table.count == ws.count + 1)
            for (row, w) in zip(table.dropFirst(), ws) {
                #expect(row[0].text == w.id)
                #expect(row[3].text == w.spelled(.inYear))
                #expect(row[4].text == w.spelled(.overall))
            }
            for w in ws {
                for kind in RatingKind.allCases {
                    let r = w.rating(kind)
                    let mark = w.isJudgement(kind) ? "<span title=\"\(Self.escaped(Provenance.judgementLegend))\">†</span>" : ""
                    let span =
                        "<span class=\"rag rag-\(r.rawValue)\" title=\"\(Self.escaped(r.definition))\">\(Self.escaped(r.letter))</span> \(Self.escaped(r.name))\(mark)</td>"
                    #expect(html.contains(span), "no coloured, lettered \(r.name) for \(w.id)")
                }
            }
        }
        // Every RAG span's class names its rating, and its text is that rating's letter.
        let ragSpans = doc.spans.filter { $0.class.hasPrefix("rag ") }
        #expect(ragSpans.count == 2 * b.activeWorkstreams.count)
        for s in ragSpans {
            let r = try #require(RAG.allCases.first { s.class == "rag rag-\($0.rawValue)" }, "unknown class \(s.class)")
            #expect(s.text == r.letter)
            #expect(s.title == r.definition)
            #expect(doc.style.contains(".rag-\(r.rawValue){"), "no colour for .rag-\(r.rawValue)")
        }
        // Pass and fail read as words too.
        let checks = try #require(doc.table(after: "Grant conditions"))
        #expect(checks.dropFirst().allSatisfy { ($0[4].text == "✓ PASS" || $0[4].text == "✓ PASS*") && $0[4].class == "pass" })
        // Heat-map cells carry their band.
        let heat = try #require(doc.table(after: "Heat map of open risks (residual likelihood × impact)"))
        #expect(heat[1][5].class.hasPrefix("band-very-high"))
        #expect(heat[5][1].class.hasPrefix("band-low"))
    }

    @Test("text is escaped: a <script> and & in a title show as text, never as markup")
    func escaping() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.workstreams["WS-2.3"])
        let title = "<script>alert(\"pwned\")</script> & Sons' \"social\" media"
        w.title = title
        try w.rate(.inYear, to: .red, by: "A & B <team>", at: "2021-11-01T09:00:00Z", comment: "<b>bold</b> & <i>claims</i>")
        b.workstreams.put(w)
        var m = Meeting.new(on: Day("2021-11-02")!, board: b, author: "<Clerk & Co>")
        m.header.agendaItem = "<Clerk & Co>"
        m.decisions = [Decision(text: "Fund <img src=x onerror=alert(1)> & more", at: "t", by: "clerk")]
        m.actions = [MeetingAction(text: "Fix </td></tr></table>", owner: "R&D", due: Day("2021-12-01")!, at: "t", by: "clerk")]
        b.meetings.put(m)
        let html = HTMLPack.render(PackSource(store: b, meeting: m, today: m.date, author: "x"))
        #expect(!html.contains("<script"), "an unescaped <script> in the pack")
        #expect(!html.contains("<b>") && !html.contains("<img") && !html.contains("<Clerk"))
        #expect(html.contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; Sons' &quot;social&quot; media"))
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;claims&lt;/i&gt;"))
        #expect(html.contains("<li>Fund &lt;img src=x onerror=alert(1)&gt; &amp; more</li>"))
        #expect(html.contains("<td>R&amp;D</td>"))
        let doc = try parseHTML(html)
        #expect(doc.errors.isEmpty, "tags out of order:\n\(doc.errors.joined(separator: "\n"))")
        #expect(!doc.tags.contains { ["script", "b", "i", "img"].contains($0.tag) })
        // Read back, the text is exactly what was typed.
        let row = try #require(doc.tables.flatMap { $0 }.first { $0.first?.text == "WS-2.3" && $0.count == 7 })
        #expect(row[1].text == title)
        #expect(row[6].text == "<b>bold</b> & <i>claims</i> (A & B <team>, 1 Nov 2021)")
        #expect(doc.tables.first?.contains { $0.map(\.text) == ["Agenda Item", "<Clerk & Co>"] } == true)
        #expect(doc.tables.flatMap { $0 }.contains { $0.map(\.text) == ["1", "Fix </td></tr></table>", "R&D", "1 Dec 2021", "open"] })
        #expect(doc.lists.contains { $0.items == ["Fund <img src=x onerror=alert(1)> & more"] })
        // The change bullets (highlight report) are escaped too.
        #expect(doc.lists.flatMap(\.items).contains { $0.hasPrefix("WS-2.3 \(title): in-year") })
    }

    @Test("NNVRU funding figures and PASS with margin £79,200 in the HTML pack")
    func nnvruFunding() throws {
        let (_, _, src) = try PackFixtures.meetingSource("nnvru-2021-22")
        let doc = try parseHTML(HTMLPack.render(src))
        let split = try #require(doc.table(after: "Appendix D. Funding and budget monitoring"))
        #expect(
            split.contains {
                $0.map(\.text) == ["Commissioned interventions, primary, secondary and tertiary", "£255,200", "29%", "000 §2.3.6 (29%)"]
            })
        let checks = try #require(doc.table(after: "Grant conditions"))
        #expect(checks[1].map(\.text) == ["Interventions ≥ 20% of the grant", "£255,200 (29%)", "£176,000", "£79,200", "✓ PASS"])
        #expect(checks[1][1].class == "r" && checks[1][3].class == "r")
    }
}
