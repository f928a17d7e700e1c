import Foundation
import Testing
import VRModel
import VRReport
import VRStore

// Text from the store reaches papers, spreadsheets and terminals. Whatever it holds, no byte of it may
// drive a terminal (ESC, BEL), become markup (<script>, </table>) or run as a spreadsheet formula.

private let oscTitle = "Knife crime \u{1B}]2;PWNED\u{07} programme"
private let clearScreen = "\u{1B}[2J\u{1B}[H z"
private let markup = "<script>alert(1)</script></td></tr></table>"

/// Rates a workstream to some other in-year rating with `comment`.
private func rated(_ w: Workstream, comment: String) throws -> Workstream {
    var w = w
    let next = [RAG.red, .green].first { $0 != w.inYear }!
    try w.rate(.inYear, to: next, by: "analyst", at: "2021-11-01T09:00:00Z", comment: comment)
    return w
}

/// The NNVRU board with hostile text in titles, comments, a risk and a funding line.
private func hostileBoard() throws -> Board {
    var b = try PackFixtures.board("nnvru-2021-22")
    var w1 = try rated(try #require(b.workstreams["WS-1.1"]), comment: clearScreen)
    w1.title = oscTitle
    b.workstreams.put(w1)
    var w2 = try rated(try #require(b.workstreams["WS-1.2"]), comment: markup)
    w2.title = markup
    b.workstreams.put(w2)
    var r = try #require(b.risks["R01"])
    r.title = "Data \u{07}\u{1B}[31m sharing"
    b.risks.put(r)
    b.funding.categories[0].name = "Staff \u{1B}]0;x\u{07} costs"
    return b
}

private func controlBytes(_ s: String) -> [UInt8] { s.utf8.filter { $0 == 0x1B || $0 == 0x07 } }

@Suite struct InjectionTests {
    @Test("the Markdown pack carries no terminal control byte and no raw markup")
    func markdownPack() throws {
        let b = try hostileBoard()
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: Day("2021-11-02")!, author: "clerk"))
        #expect(controlBytes(md).isEmpty, "ESC or BEL in the Markdown pack")
        // The text is kept, shown: ESC and BEL as their pictures.
        let shown = Markdown.shown(md)
        #expect(shown.contains("Knife crime ␛]2;PWNED␇ programme"))
        #expect(shown.contains("␛[2J␛[H z"))
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"))
        #expect(!md.contains("<script>"))
        #expect(!md.contains("</td>") && !md.contains("</table>"))
        // Every table is still whole, and the hostile cells read back as the text they hold.
        let (tables, problems) = Markdown.tables(md)
        #expect(problems.isEmpty, "\(problems)")
        let p1 = try #require(tables.first { $0.rows.contains { $0.first == "WS-1.2" && $0.count == 7 } })
        let row = try #require(p1.rows.first { $0.first == "WS-1.2" })
        #expect(row[1] == markup)
        #expect(row.last?.hasPrefix(markup) == true, "\(row)")
    }

    /// Every Markdown metacharacter, in a title (a table cell), a comment and a decision's wording (a
    /// paragraph that begins a line): each written backslash-escaped, so no link, image, emphasis, code,
    /// heading, quote or list item is made from data, and the text reads back as it was.
    @Test("Markdown syntax in data stays text: links, images, emphasis, code, headings, lists")
    func markdownMetacharacters() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        let hostile = #"[x](javascript:alert(3)) ![i](http://e/x.png) *em* _em_ **b** `code` ~~s~~ \ # h > q + - = 1. 2) <http://a>"#
        var w = try rated(try #require(b.workstreams["WS-1.1"]), comment: "# heading\n> quote\n- item\n1. item\n" + hostile)
        w.title = hostile
        b.workstreams.put(w)
        var r = try #require(b.risks["R01"])
        r.title = "- " + hostile
        b.risks.put(r)
        let md = MarkdownPack.render(PackSource(store: b, meeting: nil, today: Day("2021-11-02")!, author: "clerk"))
        // No link, image or code syntax survives unescaped anywhere in the document.
        for line in Markdown.rawLines(md) {
            var previous: Character = " "
            for ch in line {
                #expect(!("[]`!".contains(ch) && previous != "\\"), "bare \(ch) in: \(line.prefix(160))")
                previous = previous == "\\" && ch == "\\" ? " " : ch
            }
        }
        // Emphasis and strike-through cannot open: each opening mark is escaped (a closing one alone does nothing).
        for escaped in [#"\*em*"#, #"\_em_"#, #"\*\*b**"#, #"\~\~s\~~"#, #"\`code\`"#, #"\!\[i\](http://e/x.png)"#] {
            #expect(md.contains(escaped), "\(escaped)")
        }
        #expect(!md.replacingOccurrences(of: "\\]", with: "").contains("](javascript:"), "an unescaped link")
        // Every line that begins with data begins as text: no heading, quote or list item is made.
        #expect(!Markdown.rawLines(md).contains { $0.hasPrefix("# heading") || $0.hasPrefix("> quote") || $0.hasPrefix("- item") })
        // The title reads back whole, as it was, in its table cell.
        let (tables, problems) = Markdown.tables(md)
        #expect(problems.isEmpty, "\(problems)")
        let row = try #require(tables.flatMap(\.rows).first { $0.first == "WS-1.1" })
        #expect(row[1] == hostile, "\(row[1])")
        #expect(Markdown.shown(md).contains(hostile))
    }

    @Test("the HTML pack carries no terminal control byte, and hostile text stays text")
    func htmlPack() throws {
        let b = try hostileBoard()
        let html = HTMLPack.render(PackSource(store: b, meeting: nil, today: Day("2021-11-02")!, author: "clerk"))
        #expect(controlBytes(html).isEmpty, "ESC or BEL in the HTML pack")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"))
        #expect(!html.contains("<script"))
        #expect(html.components(separatedBy: "<table>").count == html.components(separatedBy: "</table>").count)
        #expect(html.components(separatedBy: "<td").count == html.components(separatedBy: "</td>").count)

        let parsed = try parseHTML(html)
        #expect(parsed.errors.isEmpty, "\(parsed.errors)")
        #expect(!parsed.tags.contains { $0.tag == "script" })
        let cells = parsed.tables.flatMap { $0.flatMap { $0 } }.map(\.text)
        #expect(cells.contains(markup), "the title reads back as text")
        #expect(cells.contains("Knife crime ␛]2;PWNED␇ programme"))
    }

    @Test("CSV: formulas are neutralised, numbers stay numbers")
    func csvFormulas() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        let titles = [
            "WS-2.1": "=HYPERLINK(\"http://x\")", "WS-2.2": "+1", "WS-2.3": "-2", "WS-3.1": "-", "WS-3.2": "@SUM(A1)",
            "WS-3.3": "\u{1B}]2;PWNED\u{07}",
        ]
        for (id, title) in titles {
            var w = try #require(b.workstreams[id])
            w.title = title
            b.workstreams.put(w)
        }
        let folder = try TempFolder("csv-injection")
        defer { folder.remove() }
        let text = CSVExport.workstreams(b)
        #expect(controlBytes(text).isEmpty)
        let rows = try roundTripCSV(text, in: folder, name: "workstreams.csv")
        func title(_ id: String) -> String? { rows.first { $0.first == id }?[3] }
        #expect(title("WS-2.1") == "'=HYPERLINK(\"http://x\")")
        #expect(title("WS-2.2") == "+1")
        #expect(title("WS-2.3") == "-2")
        #expect(title("WS-3.1") == "-")
        #expect(title("WS-3.2") == "'@SUM(A1)")
        #expect(title("WS-3.3") == "␛]2;PWNED␇")
        // The field rule itself, for the other cases a sheet may hold.
        #expect(CSVExport.field("-1200") == "-1200")
        #expect(CSVExport.field("+3") == "+3")
        #expect(CSVExport.field("29%") == "29%")
        #expect(CSVExport.field("-x") == "'-x")
        #expect(CSVExport.field("=1+2") == "'=1+2")
        // Funding amounts, negative ones included, are written as numbers.
        b.funding.grants[0].amount = -5
        let funding = try roundTripCSV(CSVExport.funding(b), in: folder, name: "funding.csv")
        #expect(funding.contains { $0[0] == "grant" && $0[2] == "-5" })
    }
}

@Suite struct TextLimitTests {
    @Test("a control character is refused in a title; a line break is allowed in a comment")
    func textProblem() {
        let esc = Limits.textProblem("Title \u{1B}]2;x\u{07}", multiLine: false)
        #expect(esc?.contains("U+001B") == true, "\(esc ?? "nil")")
        #expect(Limits.textProblem("a\u{07}b", multiLine: true)?.contains("U+0007") == true)
        #expect(Limits.textProblem("a\u{9B}b", multiLine: true) != nil, "C1 CSI")
        #expect(Limits.textProblem("a\u{7F}b", multiLine: true) != nil, "DEL")
        #expect(Limits.textProblem("first line\nsecond line", multiLine: true) == nil)
        #expect(Limits.textProblem("first line\r\nsecond line", multiLine: true) == nil)
        #expect(Limits.textProblem("first line\nsecond line", multiLine: false) != nil, "a title is one line")
        #expect(Limits.textProblem("Café · £1,000 — ok", multiLine: false) == nil)
        #expect(Limits.textProblem(String(repeating: "x", count: Limits.maxTextLength), multiLine: true) == nil)
        #expect(Limits.textProblem(String(repeating: "x", count: Limits.maxTextLength + 1), multiLine: true)?.contains("10,000") == true)
    }

    @Test("validate places a control character in a snapshot title at file:line:column")
    func validatePlacesControlCharacter() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.workstreams["WS-2.2"])
        w.title = oscTitle
        b.workstreams.put(w)
        let folder = try TempFolder("validate-control")
        defer { folder.remove() }
        let path = folder.file("store")
        try Store.create(at: path, board: b, dataset: nil)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/workstreams.json")))
        let text = String(decoding: bytes, as: UTF8.self)
        // JSON writes ESC as an escape; the value starts at its opening quote.
        let quoted = try #require(text.range(of: "\"Knife crime \\u001b"))
        let before = text[..<quoted.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let column = before.distance(from: before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex, to: before.endIndex) + 1

        let problems = Store.validate(path)
        #expect(problems.count == 1, "\(problems)")
        let p = try #require(problems.first)
        #expect(p.file == "workstreams.json")
        #expect(p.line == line && p.column == column, "expected workstreams.json:\(line):\(column), got \(p)")
        #expect(p.reason.contains("title") && p.reason.contains("U+001B"), "\(p)")
        // Opening does not check text (only numbers): the board opens and shows the title safely.
        #expect(try Store(path: path, readOnly: true).board.workstreams["WS-2.2"]?.title == oscTitle)
    }
}
