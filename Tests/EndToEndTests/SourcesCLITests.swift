import Foundation
import Testing

/// `vrboard sources`: every figure, rating and quoted text with its source or mark; exit 1 when
/// anything shown as fact has none.
@Suite struct SourcesCLITests {
    @Test("sources exits 0 on both shipped datasets and lists every item with its status", arguments: Dataset.allCases)
    func shippedDataIsSourced(dataset: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(dataset)
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains("MISSING"))
        #expect(r.stdout.contains("SOURCED  funding · allocation"))
        #expect(r.stderr.contains(", 0 missing"), "\(r.stderr)")
        let csv = try box.vrboard(["sources", "--format", "csv", "--store", store.path])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("item,field,value,status,documents,date,source\r\n"))
        // Grouped by document, each with its date: a reader sees which paper carries which figures.
        let seed = dataset == .nnvru ? "001  Violence Reduction Unit" : "004  "
        #expect(r.stdout.contains(seed), "\(r.stdout.prefix(600))")
        #expect(!r.stderr.contains("written after it") && !r.stderr.contains("has no"), "\(r.stderr)")
    }

    /// A copy of the NNVRU sample with one snapshot file edited as text.
    static func edited(_ box: Sandbox, _ file: String, _ change: (String) -> String) throws -> URL {
        let store = try box.makeStore(.nnvru)
        let url = store.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let after = change(text)
        #expect(after != text, "the edit changed nothing in \(file)")
        try Data(after.utf8).write(to: url)
        return store
    }

    @Test("a rating dated in July that cites a November paper makes sources exit 1, naming both dates")
    func aRecordThatPredatesItsEvidenceFails() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        // WS-1.1's first rating, dated 20 Jul 2021, made to cite the paper of 2 Nov 2021 (001).
        let url = store.appendingPathComponent("workstreams.json")
        var file = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var docs = try #require(file["documents"] as? [[String: Any]])
        let i = try #require(docs.firstIndex { $0["id"] as? String == "WS-1.1" })
        var history = try #require(docs[i]["history"] as? [[String: Any]])
        history[0]["at"] = "2021-07-20T10:00:00Z"
        history[0]["comment"] = "Judged slipping (001 §4.30)"
        docs[i]["history"] = history
        file["documents"] = docs
        try JSONSerialization.data(withJSONObject: file, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("dated 20 Jul 2021, it cites 001 §4.30, of Nottinghamshire"), "\(r.stderr)")
        #expect(r.stderr.contains("2 Nov 2021, written after it"), "\(r.stderr)")
    }

    @Test("a citation of a section its document does not have makes sources exit 1, with its place")
    func aSectionTheDocumentLacksFails() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try Self.edited(box, "funding.json") { $0.replacingOccurrences(of: "000 §2.3.6 (29%)", with: "000 §9.9.9 (29%)") }
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("cites 000 §9.9.9, but 000 (Serious Violence Response Strategy) has no §9.9.9"), "\(r.stderr)")
    }

    @Test("a store that declares its own annual report shows its figures as sourced")
    func aDeclaredAnnualReportSources() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = box.root.appendingPathComponent("wales")
        #expect(try box.vrboard(["init", store.path, "--dataset", "empty"]).status == 0)
        // The empty store's placeholders are marked illustrative, never missing.
        let empty = try box.vrboard(["sources", "--store", store.path])
        #expect(empty.status == 0 && empty.stderr.contains(" 0 missing"), "\(empty)")
        // Its own report declared, and the allocation cited to it.
        let report = """
            {"collection" : "sources", "format" : 3, "journalSeq" : 0, "documents" : [{"id" : "WVPU-AR-2324", "rev" : 1,
            "title" : "Wales Violence Prevention Unit Annual Report 2023/24", "publisher" : "Wales Violence Prevention Unit",
            "date" : "2024-07-01", "dateKind" : "published", "sections" : ["§1", "§2", "§3", "Table 1"],
            "note" : "illustrative: a test's own document"}]}
            """
        try Data(report.utf8).write(to: store.appendingPathComponent("sources.json"))
        let funding = store.appendingPathComponent("funding.json")
        let text = try String(contentsOf: funding, encoding: .utf8)
        let cited = text.replacingOccurrences(
            of: "illustrative: to be entered from the grant letter", with: "WVPU-AR-2324 §3.2 (the core grant)")
        #expect(cited != text)
        try Data(cited.utf8).write(to: funding)
        #expect(try box.vrboard(["validate", store.path]).status == 0)
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        #expect(
            r.stdout.contains("WVPU-AR-2324  Wales Violence Prevention Unit Annual Report 2023/24 · Wales Violence Prevention Unit, 1 Jul 2024"),
            "\(r.stdout)")
        #expect(r.stdout.contains("SOURCED  funding · allocation"), "\(r.stdout)")
    }

    @Test("a figure added without a source makes sources exit 1, naming it")
    func aFigureWithoutASourceFails() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let file = store.appendingPathComponent("funding.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let edited = text.replacingOccurrences(of: "\"source\" : \"000 §2.3.6 (29%)\"", with: "\"source\" : \"from the budget spreadsheet\"")
        #expect(edited != text)
        try Data(edited.utf8).write(to: file)
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stdout.contains("MISSING  funding/"))
        #expect(r.stderr.contains("1 item shown as fact without a source: funding/"), "\(r.stderr)")
    }
}

/// Declaring a document from the command line, and a review keeping its rating's basis.
@Suite struct SourceDocumentCLITests {
    @Test("vrboard source declares a document, changes it, and each is a change in the history")
    func declareAndChange() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let missing = try box.vrboard(["source", "NNVRU-AR-2122", "--title", "Annual report", "--store", store.path])
        #expect(missing.status == 2 && missing.stderr.contains("needs --title, --publisher and --date"), "\(missing)")
        let bad = try box.vrboard(["source", "X", "--title", "T", "--publisher", "P", "--date", "31/02/2022", "--store", store.path])
        #expect(bad.status == 2 && bad.stderr.contains("Feb 2022 has no day 31"), "\(bad)")
        let add = try box.vrboard([
            "source", "NNVRU-AR-2122", "--title", "NNVRU Annual Report 2021/22", "--publisher", "Nottinghamshire OPCC", "--date", "30/06/2022",
            "--sections", "§1, §2, §3, Table 1", "--user", "clerk", "--store", store.path,
        ])
        #expect(add.status == 0, "\(add)")
        let change = try box.vrboard(["source", "NNVRU-AR-2122", "--kind", "as-at", "--user", "clerk", "--store", store.path])
        #expect(change.status == 0, "\(change)")
        let shown = try box.vrboard(["source", "NNVRU-AR-2122", "--store", store.path])
        #expect(shown.stdout.contains("NNVRU Annual Report 2021/22 · Nottinghamshire OPCC, as at 30 Jun 2022"), "\(shown)")
        #expect(shown.stdout.contains("sections: §1, §2, §3, Table 1"))
        let h = try box.vrboard(["history", "NNVRU-AR-2122", "--store", store.path])
        #expect(h.stdout.contains("Declared source document NNVRU-AR-2122") && h.stdout.contains("Changed source document"), "\(h)")
        #expect(try box.vrboard(["validate", store.path]).status == 0)
        #expect(try box.vrboard(["sources", "--store", store.path]).stdout.contains("NNVRU-AR-2122  NNVRU Annual Report 2021/22"))
    }

    @Test("rag reviewing a judged rating keeps it a judgement; --evidence makes it evidence, said in the output")
    func ragKeepsTheBasis() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        // Every NNVRU rating is a judgement (001 gives no RAG).
        let review = try box.vrboard(["rag", "WS-1.2", "A/G", "--note", "Reviewed at the steering group", "--store", store.path])
        #expect(review.status == 0 && review.stdout.contains("reviewed, no change (judgement)"), "\(review)")
        let evidence = try box.vrboard(["rag", "WS-1.2", "A/G", "--evidence", "--note", "The Q3 return gives it", "--store", store.path])
        #expect(evidence.status == 0 && !evidence.stdout.contains("(judgement)"), "\(evidence)")
        let both = try box.vrboard(["rag", "WS-1.2", "A/G", "--evidence", "--judgement", "--note", "x", "--store", store.path])
        #expect(both.status == 2, "\(both)")
    }
}

/// A rating change an officer records on the board is the board's own record, not a claim about a seed:
/// `sources` lists it as recorded (or judgement with `--judgement`) and still exits 0.
@Suite struct RecordedRatingSourcesTests {
    @Test("rag with evidence, then rag --judgement: sources lists them as recorded and judgement and exits 0")
    func officersRatingsAreRecordsNotMissingSources() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let first = try box.vrboard(["rag", "WS-1.1", "G", "--note", "Provider return for Q3 received", "--user", "alice", "--store", store.path])
        #expect(first.status == 0, "\(first)")
        let second = try box.vrboard([
            "rag", "WS-1.2", "R", "--judgement", "--note", "Judged from two missed returns", "--user", "bob", "--store", store.path,
        ])
        #expect(second.status == 0, "\(second)")
        #expect(second.stdout.contains("(judgement)"))
        let r = try box.vrboard(["sources", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        #expect(r.stdout.contains("RECORDED  WS-1.1 · in-year rating G"), "\(r.stdout)")
        #expect(r.stdout.contains("evidence, by alice"))
        #expect(r.stdout.contains("JUDGEMENT  WS-1.2 · in-year rating R"))
        #expect(r.stdout.contains("judgement, by bob"))
        #expect(r.stderr.contains("1 recorded"), "\(r.stderr)")
        // The CSV export says each rating's basis.
        let out = box.work.appendingPathComponent("csv")
        let csv = try box.vrboard(["export", "--format", "csv", "--out", out.path, "--store", store.path])
        #expect(csv.status == 0, "\(csv)")
        let rows = try String(contentsOf: out.appendingPathComponent("workstreams.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(rows.first?.hasSuffix(",in_year_basis,overall_basis,updated_by") == true)
        #expect(rows.contains { $0.hasPrefix("WS-1.2,") && $0.contains(",judgement,") }, "WS-1.2's in-year basis")
    }
}
