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
        #expect(csv.stdout.hasPrefix("item,field,value,status,source\r\n"))
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
