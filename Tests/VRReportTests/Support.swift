import Foundation
import Testing
@_exported import VRTestSupport
import VRModel
import VRReport
import VRStore

#if canImport(Glibc)
    import Glibc
#endif

/// A failure with enough context to debug from the test log alone.
typealias ReportTestFailure = TestFailure

/// The shipped datasets (opened read-only straight from the checkout's data/ folder) and meetings on them.
enum PackFixtures {
    static var dataDir: String { Fixtures.dataDir }
    static let datasets = Fixtures.datasets
    static let author = "clerk"

    static func board(_ name: String) throws -> Board { try Fixtures.board(name) }

    /// The board meeting each dataset's papers were written for (NNVRU's is its as-at date).
    static func meetingDay(_ name: String) -> Day {
        Day(name.hasPrefix("nnvru") ? "2021-11-02" : "2021-12-14")!
    }

    /// A board with a meeting (frozen from it) stored in it; the meeting's record filled in by `record`.
    static func withMeeting(_ name: String, record: (inout Meeting) -> Void = { _ in }) throws -> (Board, Meeting) {
        var b = try board(name)
        var m = Meeting.new(on: meetingDay(name), board: b, author: author)
        m.stage = .held
        record(&m)
        b.meetings.put(m)
        return (b, m)
    }

    /// The pack of a dataset's meeting, as shown to the board.
    static func meetingSource(_ name: String, record: (inout Meeting) -> Void = { _ in }) throws -> (Board, Meeting, PackSource) {
        let (b, m) = try withMeeting(name, record: record)
        return (b, m, PackSource(store: b, meeting: m, today: Day("2030-01-01")!, author: "someone-else"))
    }
}

/// A finished program's output, as the report tests read it.
typealias ToolResult = RunResult

extension RunResult {
    var out: String { stdout }
    var err: String { stderr }
}

/// Runs a program to completion, failing if it runs past `timeout`.
func runTool(_ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 60) throws -> RunResult {
    try runProcess(URL(fileURLWithPath: executable), arguments, environment: environment, timeout: timeout)
}

func onPath(_ name: String) throws -> String { try Paths.onPath(name) }

// MARK: CSV, read back with Python's csv module

/// Rows of a CSV file as Python's csv.reader reads it (UTF-8 with or without a BOM).
func readCSV(_ file: String) throws -> [[String]] {
    let script = #"import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))))"#
    let r = try runTool(try onPath("python3"), ["-c", script, file])
    guard r.status == 0 else { throw ReportTestFailure("python3 csv.reader failed on \(file): \(r)") }
    return try JSONDecoder().decode([[String]].self, from: r.stdoutData)
}

/// Writes `text` as UTF-8 to `file` and reads it back with csv.reader.
func roundTripCSV(_ text: String, in folder: TempFolder, name: String) throws -> [[String]] {
    try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file(name)))
    return try readCSV(folder.file(name))
}

// MARK: HTML, read back with Python's html.parser

/// What an HTML document holds, as Python's html.parser reads it (entities decoded).
struct ParsedHTML: Decodable {
    struct Tag: Decodable {
        let tag: String
        let attrs: [String: String]
    }
    struct Cell: Decodable {
        let text: String
        let `class`: String
    }
    struct List: Decodable {
        let kind: String
        let items: [String]
    }
    struct Span: Decodable {
        let text: String
        let `class`: String
        let title: String
    }
    /// Tags closed out of order, stray or left open.
    let errors: [String]
    let tags: [Tag]
    let tables: [[[Cell]]]
    let lists: [List]
    let headings: [[String]]
    let paragraphs: [String]
    let spans: [Span]
    let style: String
    let title: String
    let doctype: String

    var headingTexts: [String] { headings.map { $0[1] } }
    /// The table that follows a heading (the first table after it).
    func table(after heading: String) -> [[Cell]]? {
        guard let i = tableHeadings.firstIndex(of: heading) else { return nil }
        return tables[i]
    }
    /// For each table, the heading just before it.
    let tableHeadings: [String]
}

private let htmlScript = #"""
    import sys, json
    from html.parser import HTMLParser
    VOID = {"meta", "br", "hr", "img", "link", "input", "source", "area", "base", "col", "embed", "param", "track", "wbr"}
    class P(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack = []; self.errors = []; self.tags = []; self.tables = []; self.table_headings = []
            self.row = None; self.cell = None; self.lists = []; self.item = None
            self.headings = []; self.heading = None; self.last_heading = ""
            self.paragraphs = []; self.para = None; self.spans = []; self.span = None
            self.style = ""; self.in_style = False; self.title = ""; self.in_title = False; self.doctype = ""
        def handle_decl(self, decl):
            self.doctype = decl
        def handle_starttag(self, tag, attrs):
            a = {k: (v or "") for k, v in attrs}
            self.tags.append({"tag": tag, "attrs": a})
            if tag not in VOID:
                self.stack.append(tag)
            if tag == "table":
                self.tables.append([]); self.table_headings.append(self.last_heading)
            elif tag == "tr":
                self.row = []
            elif tag in ("td", "th"):
                self.cell = {"text": "", "class": a.get("class", "")}
            elif tag in ("ul", "ol"):
                self.lists.append({"kind": tag, "items": []})
            elif tag == "li":
                self.item = ""
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = ""
            elif tag == "p":
                self.para = ""
            elif tag == "span":
                self.span = {"text": "", "class": a.get("class", ""), "title": a.get("title", "")}
            elif tag == "style":
                self.in_style = True
            elif tag == "title":
                self.in_title = True
        def handle_startendtag(self, tag, attrs):
            self.tags.append({"tag": tag, "attrs": {k: (v or "") for k, v in attrs}})
        def handle_endtag(self, tag):
            if tag in VOID:
                return
            if not self.stack or self.stack[-1] != tag:
                self.errors.append("</%s> at line %d while open: %s" % (tag, self.getpos()[0], self.stack))
            else:
                self.stack.pop()
            if tag in ("td", "th") and self.cell is not None and self.row is not None:
                self.row.append(self.cell); self.cell = None
            elif tag == "tr" and self.row is not None and self.tables:
                self.tables[-1].append(self.row); self.row = None
            elif tag == "li" and self.item is not None and self.lists:
                self.lists[-1]["items"].append(self.item); self.item = None
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.heading is not None:
                self.headings.append([tag[1], self.heading]); self.last_heading = self.heading; self.heading = None
            elif tag == "p" and self.para is not None:
                self.paragraphs.append(self.para); self.para = None
            elif tag == "span" and self.span is not None:
                self.spans.append(self.span); self.span = None
            elif tag == "style":
                self.in_style = False
            elif tag == "title":
                self.in_title = False
        def handle_data(self, d):
            if self.cell is not None: self.cell["text"] += d
            if self.item is not None: self.item += d
            if self.heading is not None: self.heading += d
            if self.para is not None: self.para += d
            if self.span is not None: self.span["text"] += d
            if self.in_style: self.style += d
            if self.in_title: self.title += d
    p = P()
    p.feed(open(sys.argv[1], encoding="utf-8").read())
    p.close()
    if p.stack:
        p.errors.append("left open at the end: %s" % p.stack)
    print(json.dumps({"errors": p.errors, "tags": p.tags, "tables": p.tables, "tableHeadings": p.table_headings,
                      "lists": p.lists, "headings": p.headings, "paragraphs": p.paragraphs, "spans": p.spans,
                      "style": p.style, "title": p.title, "doctype": p.doctype}))
    """#

func parseHTML(_ html: String) throws -> ParsedHTML {
    let folder = try TempFolder("html")
    defer { folder.remove() }
    try Data(html.utf8).write(to: URL(fileURLWithPath: folder.file("pack.html")))
    let r = try runTool(try onPath("python3"), ["-c", htmlScript, folder.file("pack.html")])
    guard r.status == 0 else { throw ReportTestFailure("python3 html.parser failed: \(r)") }
    return try JSONDecoder().decode(ParsedHTML.self, from: r.stdoutData)
}

// MARK: Markdown tables, read back by the GFM rules

/// A GFM table: header cells, the delimiter row's alignments, and body rows (cells unescaped and trimmed).
struct MarkdownTable {
    let head: [String]
    let rightAligned: [Bool]
    let rows: [[String]]
    /// The heading (any level) the table sits under.
    let heading: String
}

enum Markdown {
    /// Lines split at every line ending CommonMark recognises (LF, CR LF and a lone CR), with the entities
    /// the pack writes for HTML-significant characters read back as a renderer shows them.
    static func lines(_ md: String) -> [String] {
        rawLines(md).map {
            $0.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    /// The whole document as a renderer shows its text: entities and backslash escapes read back.
    static func shown(_ md: String) -> String { markdownShown(lines(md).joined(separator: "\n")) }

    static func rawLines(_ md: String) -> [String] {
        var out: [String] = [], line = String.UnicodeScalarView()
        var afterCR = false
        for s in md.unicodeScalars {
            if s == "\n" && afterCR {
                afterCR = false
                continue
            }
            afterCR = s == "\r"
            if s == "\n" || s == "\r" {
                out.append(String(line))
                line = String.UnicodeScalarView()
            } else {
                line.append(s)
            }
        }
        out.append(String(line))
        return out
    }

    /// The cells of a table row, split as cmark-gfm splits them: a `|` is a cell break unless the character
    /// right before it is a backslash (cmark's longest-match cell scanner), and `\|` reads back as `|`.
    /// Nil unless the line both starts and ends with a cell break.
    static func cells(_ line: String) -> [String]? {
        let t = line.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("|") else { return nil }
        var cells: [String] = [], cell = ""
        var escaped = false
        for ch in t.dropFirst() {
            if escaped {
                // CommonMark: a backslash before ASCII punctuation makes it literal; before anything else it is itself.
                if !(ch.isASCII && ch.isPunctuation || ch.isASCII && ch.isSymbol) { cell.append("\\") }
                cell.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == "|" {
                cells.append(cell.trimmingCharacters(in: .whitespaces))
                cell = ""
            } else {
                cell.append(ch)
            }
        }
        if escaped { cell.append("\\") }
        // Text after the last cell break: the row does not end where it should.
        guard cell.trimmingCharacters(in: .whitespaces).isEmpty, !cells.isEmpty else { return nil }
        return cells
    }

    /// The tables of a document; a malformed table (a row that is not a whole row, a wrong cell count,
    /// a missing delimiter row) is reported in `problems`.
    static func tables(_ md: String) -> (tables: [MarkdownTable], problems: [String]) {
        let ls = lines(md)
        var tables: [MarkdownTable] = [], problems: [String] = []
        var heading = ""
        var i = 0
        while i < ls.count {
            let line = ls[i]
            if line.hasPrefix("#") { heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("|") else {
                i += 1
                continue
            }
            var block: [(Int, String)] = []
            while i < ls.count, !ls[i].isEmpty, !ls[i].hasPrefix("#") {
                block.append((i + 1, ls[i]))
                i += 1
            }
            guard let head = cells(block[0].1) else {
                problems.append("line \(block[0].0): not a table row: \(block[0].1)")
                continue
            }
            guard block.count >= 2, let delim = cells(block[1].1),
                delim.count == head.count, delim.allSatisfy({ $0.range(of: #"^:?-{3,}:?$"#, options: .regularExpression) != nil })
            else {
                problems.append("line \(block[0].0): the header row is not followed by a delimiter row of \(head.count) cells")
                continue
            }
            var rows: [[String]] = []
            for (n, text) in block.dropFirst(2) {
                guard let r = cells(text) else {
                    problems.append("line \(n): not a whole table row: \(text)")
                    continue
                }
                if r.count != head.count { problems.append("line \(n): \(r.count) cells under a header of \(head.count): \(text)") }
                rows.append(r)
            }
            tables.append(MarkdownTable(head: head, rightAligned: delim.map { $0.hasSuffix(":") }, rows: rows, heading: heading))
        }
        return (tables, problems)
    }

    /// The first table under a heading.
    static func table(_ md: String, under heading: String) -> MarkdownTable? {
        tables(md).tables.first { $0.heading == heading }
    }

    /// The text under a heading, up to the next heading.
    static func section(_ md: String, _ heading: String) -> String? {
        let ls = shown(md).components(separatedBy: "\n")
        guard let start = ls.firstIndex(where: { $0.hasPrefix("#") && $0.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces) == heading }) else {
            return nil
        }
        let rest = ls[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("#") } ?? ls.endIndex
        return ls[(start + 1)..<end].joined(separator: "\n")
    }

    /// The headings in order: level and text.
    static func headings(_ md: String) -> [(Int, String)] {
        shown(md).components(separatedBy: "\n").filter { $0.hasPrefix("#") }.map { l in
            (l.prefix { $0 == "#" }.count, l.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces))
        }
    }
}

// MARK: The text the packs are expected to show

extension RAG {
    /// How every format spells a rating: the letter and the name.
    var spelled: String { "\(letter) \(name)" }
}

/// The built vrboard executable.
func vrboardBinary() throws -> String { Paths.binary.path }

extension Workstream {
    /// `†` when the rating of `kind` was judged: what every surface puts after it.
    func mark(_ kind: RatingKind) -> String { isJudgement(kind) ? Provenance.judgementMark : "" }
    /// The rating as the packs spell it: `A/G Amber/Green`, then `†` when judged.
    func spelled(_ kind: RatingKind) -> String { rating(kind).spelled + mark(kind) }
    /// The rating's letter as the packs write it in a list: `A/G`, then `†` when judged.
    func letter(_ kind: RatingKind) -> String { rating(kind).letter + mark(kind) }
}
