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
