import Foundation
import Testing

/// The board pack printed to PDF by a real browser (Chromium, headless) and read back page by page with
/// poppler's pdftotext: the protective marking at the top and foot of every page, "Page n of N" on each,
/// and a table that runs onto another page repeating its header row there. The register is made long
/// enough to run over pages whatever the paper and fonts, so nothing rests on where a browser breaks.
@Suite("Board pack printed to PDF", .serialized)
struct PackPDFTests {
    static func tool(_ name: String) throws -> URL {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw TestFailure("\(name) is not installed: `bash .ci/setup` installs it (Debian's chromium and poppler-utils)")
    }

    /// Each page's text, as pdftotext lays it out, blank lines dropped, runs of spaces kept.
    static func pages(_ pdf: URL) throws -> [[String]] {
        let info = try runProcess(try tool("pdfinfo"), [pdf.path])
        let count = try #require(
            info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") }, "\(info)")
        return try (1...count).map { n in
            let r = try runProcess(try tool("pdftotext"), ["-layout", "-f", "\(n)", "-l", "\(n)", pdf.path, "-"])
            // Each page ends in a form feed: not text.
            let blank = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{0C}"))
            return r.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: blank) }.filter { !$0.isEmpty }
        }
    }

    /// A collection file grown to `count` documents, each a copy of its first under a new id.
    static func grow(_ file: URL, to count: Int, ids: String) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var documents = try #require(json["documents"] as? [[String: Any]])
        let first = try #require(documents.first)
        for n in 1...max(1, count - documents.count) {
            var copy = first
            copy["id"] = String(format: ids, n)
            documents.append(copy)
        }
        json["documents"] = documents
        try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: file)
    }

    @Test("every printed page carries the marking at top and foot and its number; long tables repeat their header")
    func printedPages() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        // The WM-VRU board with its risk register grown to 160 risks and its interventions to 240: tables
        // that run over pages on any paper, in any font, wherever the browser breaks them.
        try Self.grow(store.appendingPathComponent("risks.json"), to: 160, ids: "RX%03d")
        try Self.grow(store.appendingPathComponent("interventions.json"), to: 240, ids: "IVX%03d")
        try #require(try box.vrboard(["validate", "--store", store.path]).status == 0)
        // vrboard prints it: A4, with the contents' page numbers read from a first printing.
        let pdf = box.root.appendingPathComponent("pack.pdf")
        let export = try box.vrboard(
            ["export", "--store", store.path, "--format", "pdf", "--live", "--marking", "OFFICIAL-SENSITIVE", "--out", pdf.path], timeout: 600)
        try #require(export.status == 0, "\(export)")
        try Self.expectA4(pdf)
        let pages = try Self.pages(pdf)
        #expect(pages.count >= 3, "a whole WM-VRU pack is several pages: \(pages.count)")
        for (i, page) in pages.enumerated() {
            let place = "page \(i + 1) of \(pages.count):\n\(page.prefix(3).joined(separator: "\n"))\n…\n\(page.suffix(2).joined(separator: "\n"))"
            #expect(page.first == "OFFICIAL-SENSITIVE", "the marking heads \(place)")
            let foot = try #require(page.last, "\(place)")
            #expect(
                foot.hasPrefix("OFFICIAL-SENSITIVE") && foot.hasSuffix("Page \(i + 1) of \(pages.count)"), "the marking and number foot \(place)")
            // Printed once a page: the margin boxes carry it, the body's own copy is for the screen.
            // (the first page's header names the marking once more).
            #expect(page.filter { $0.contains("OFFICIAL-SENSITIVE") }.count == (i == 0 ? 3 : 2), "\(place)")
        }
        // The pack's long tables, each printed once (the risk register, the interventions register, the
        // evaluations, the budget monitoring, reach by level): whichever runs over a page break prints its
        // header row again at the top of the next page, wherever the break falls.
        let heads = [
            #/^ID\s+Risk\s+Category\s+Owner\s+Inherent\s+Residual\s+Target\s+Response/#,
            #/^ID\s+Intervention\s+Provider\s+Level\s+Budget/#, #/^ID\s+Evaluation\s+Commissioned by\s+Type/#,
            #/^Category\s+Budget\s+Q1\s+Q2\s+Q3\s+Q4/#, #/^Level\s+Interventions\s+Under 25/#,
        ]
        for head in heads {
            let withHead = pages.indices.filter { pages[$0].contains { $0.firstMatch(of: head) != nil } }
            for p in withHead.dropFirst() {
                #expect(pages[p][1].firstMatch(of: head) != nil, "page \(p + 1) starts with the repeated header: \(pages[p].prefix(3))")
            }
        }
        let entries = try Self.expectContents(pages)
        #expect(entries.count >= 20, "the contents list every part: \(entries)")
        #expect(entries.first == "1. Purpose of the Report" && entries.last == "Appendix E. Risk register")
        // The register (160 risks) ran over several pages, and its header row was printed again on each.
        let registerPages = pages.indices.filter { pages[$0].contains { $0.firstMatch(of: heads[0]) != nil } }
        #expect(registerPages.count >= 2, "160 risks fill more than a page, each under the header: \(registerPages)")
    }

    /// The page size pdfinfo reads is A4 (595.28 x 841.89 pt; Chromium writes it rounded, 594.96 x 841.92), not US Letter.
    static func expectA4(_ pdf: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let info = try runProcess(try tool("pdfinfo"), [pdf.path])
        let size = try #require(info.stdout.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init), "\(info)")
        let dims = size.split(whereSeparator: { !$0.isNumber && $0 != "." }).compactMap { Double($0) }
        #expect(
            dims.count >= 2 && abs(dims[0] - 595.28) < 1.5 && abs(dims[1] - 841.89) < 1.5, "A4, not US Letter (612 x 792): \(size)",
            sourceLocation: sourceLocation)
    }

    /// The contents (the lines after "Contents" of the form "label title page"): each part's page is the
    /// page its heading is printed on. Returns the headings listed.
    static func expectContents(_ pages: [[String]], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let lines = pages.enumerated().flatMap { p, ls in ls.map { (page: p, text: $0.split(separator: " ").joined(separator: " ")) } }
        let start = try #require(lines.firstIndex { $0.text == "Contents" }, "a contents")
        var entries: [(heading: String, page: Int)] = []
        for l in lines[(start + 1)...] {
            guard let m = l.text.firstMatch(of: #/^(\d+(?:\.\d+)?|Appendix [A-Z]) (.+) (\d+)$/#), let n = Int(m.3) else { break }
            entries.append(("\(m.1). \(m.2)", n))
        }
        for e in entries {
            let printed = lines[(start + 1)...].first { $0.text == e.heading }.map { $0.page + 1 }
            #expect(
                printed == e.page, "\(e.heading): the contents say page \(e.page), printed on \(printed.map(String.init) ?? "none")",
                sourceLocation: sourceLocation)
        }
        return entries.map(\.heading)
    }

    @Test("the quarterly Programme Summary prints on A4, its contents' pages where its parts fall")
    func programmeSummary() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        // Long enough to run over pages however the browser breaks them: 240 interventions with returns.
        try Self.grow(store.appendingPathComponent("interventions.json"), to: 240, ids: "IVX%03d")
        let pdf = box.root.appendingPathComponent("summary.pdf")
        let export = try box.vrboard(
            ["export", "--store", store.path, "--paper", "summary", "--quarter", "2021-Q2", "--format", "pdf", "--out", pdf.path], timeout: 600)
        try #require(export.status == 0, "\(export)")
        try Self.expectA4(pdf)
        let pages = try Self.pages(pdf)
        #expect(pages.count >= 3, "240 interventions' returns fill pages: \(pages.count)")
        #expect(pages.allSatisfy { $0.first == "OFFICIAL" }, "the marking heads every page")
        let entries = try Self.expectContents(pages)
        #expect(
            entries == [
                "1. Highlight of the quarter", "2. Spend against profile", "3. Reach returns", "4. Risks", "5. Outcomes", "6. The quarter close",
                "Appendix A. Budget monitoring figures",
            ])
    }
}
