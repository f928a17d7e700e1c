import Foundation
import Testing
import VRTestSupport

/// Bringing a VRU in from spreadsheets, as a user would: `template`, `import`, `export --format csv`.
@Suite("Import")
struct ImportE2ETests {
    /// The store's documents as JSON (meetings left out: they are not a register), each without its revision.
    static func registers(_ box: Sandbox, _ store: URL) throws -> [String: NSDictionary] {
        let r = try box.vrboard(["export", "--store", store.path, "--format", "json"])
        guard r.status == 0, let doc = try JSONSerialization.jsonObject(with: r.stdoutData) as? [String: Any] else { throw TestFailure("\(r)") }
        var out: [String: NSDictionary] = [:]
        for (key, value) in doc where key != "meetings" {
            for d in (value as? [[String: Any]]) ?? [(value as? [String: Any])].compactMap({ $0 }) {
                var d = d
                d["rev"] = nil
                out["\(key)/\(d["id"] ?? "")"] = d as NSDictionary
            }
        }
        return out
    }

    @Test("what export --format csv wrote imports back as the same board", arguments: Dataset.allCases)
    func exportImportRoundTrip(_ d: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(d)
        let out = box.root.appendingPathComponent("sheets")
        let e = try box.vrboard(["export", "--store", store.path, "--format", "csv", "--live", "--out", out.path])
        #expect(e.status == 0, "\(e)")
        let copy = box.root.appendingPathComponent("copy")
        let i = try box.vrboard(["import", out.path, "--into", copy.path])
        #expect(i.status == 0 && i.stdout.contains("Created a vrboard store"), "\(i)")
        let v = try box.vrboard(["validate", copy.path])
        #expect(v.status == 0 && v.stdout.contains("sound"), "\(v)")
        let a = try Self.registers(box, store), b = try Self.registers(box, copy)
        #expect(a.count > 50 && a == b, "\(Set(a.keys).symmetricDifference(b.keys)) \(a.filter { b[$0.key] != $0.value }.keys.sorted())")
        // Again into the copy: nothing to change.
        let again = try box.vrboard(["import", out.path, "--into", copy.path, "--dry-run"])
        #expect(again.status == 0 && again.stdout.contains("0 to add, 0 to update, \(a.count) unchanged"), "\(again)")
    }

    @Test("a template filled in imports into a new store that validates")
    func templateFilledIn() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let sheets = box.root.appendingPathComponent("sheets")
        let t = try box.vrboard(["template", "--out", sheets.path])
        #expect(t.status == 0, "\(t)")
        let files = try FileManager.default.contentsOfDirectory(atPath: sheets.path)
        for f in [
            "programme.csv", "funding.csv", "members.csv", "priorities.csv", "workstreams.csv", "risks.csv", "interventions.csv", "outcomes.csv",
        ] {
            #expect(files.contains(f), "\(files)")
        }
        let ws = try String(contentsOf: sheets.appendingPathComponent("workstreams.csv"), encoding: .utf8)
        let lines = ws.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("id,priority,title,lead") && lines[1].hasPrefix("# a unique id"), "\(lines.prefix(2))")
        // Left as written, the example rows are refused, each named, and nothing is created.
        let fresh = box.root.appendingPathComponent("fresh")
        let refused = try box.vrboard(["import", sheets.path, "--into", fresh.path])
        #expect(refused.status == 1 && refused.stderr.contains("workstreams.csv:3: this is the template's example row"), "\(refused)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        // Filled in: the example's marked source replaced by the VRU's own.
        for f in files {
            let url = sheets.appendingPathComponent(f)
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(
                of: "illustrative: the template's example row; replace it with your own or delete it", with: "illustrative: our own register"
            )
            .write(to: url, atomically: true, encoding: .utf8)
        }
        let dry = try box.vrboard(["import", sheets.path, "--into", fresh.path, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("add     workstreams/WS-1.1") && dry.stdout.contains("nothing was written"), "\(dry)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        let ok = try box.vrboard(["import", sheets.path, "--into", fresh.path])
        #expect(ok.status == 0, "\(ok)")
        let v = try box.vrboard(["validate", fresh.path])
        #expect(v.status == 0, "\(v)")
        // The template never overwrites a filled-in sheet.
        let over = try box.vrboard(["template", "--out", sheets.path])
        #expect(over.status == 1 && over.stderr.contains("already exists; nothing was written"), "\(over)")
    }

    @Test("a spreadsheet with one bad cell writes nothing and names the cell")
    func oneBadCell() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let out = box.root.appendingPathComponent("sheets")
        #expect(try box.vrboard(["export", "--store", store.path, "--format", "csv", "--live", "--out", out.path]).status == 0)
        // A portfolio officer changes a title and mistypes a rating, in Windows-1252 as plain Excel CSV saves it.
        let url = out.appendingPathComponent("registers/workstreams.csv")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "Violence reduction analytical steering group", with: "Analytical group – café")
        let rows = text.components(separatedBy: "\r\n")
        let i = try #require(rows.firstIndex { $0.hasPrefix("WS-1.2,") })
        var cells = rows[i].components(separatedBy: ",")
        let col = try #require(rows[0].components(separatedBy: ",").firstIndex(of: "inYear"))
        cells[col] = "Amber"
        var edited = rows
        edited[i] = cells.joined(separator: ",")
        let latin = try #require(edited.joined(separator: "\r\n").data(using: .windowsCP1252))
        try latin.write(to: url)
        let before = try snapshot(store)
        let r = try box.vrboard(["import", out.path, "--into", store.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.stderr.contains("workstreams.csv:\(i + 1):inYear (column G): 'Amber' is not one of the accepted values"), "\(r)")
        #expect(r.stderr.contains("read as Windows-1252") && r.stderr.contains("nothing was written"), "\(r)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil)
        // Put right, the title change is one update, saved as a change in the history.
        edited[i] = rows[i]
        try #require(edited.joined(separator: "\r\n").data(using: .windowsCP1252)).write(to: url)
        let dry = try box.vrboard(["import", out.path, "--into", store.path, "--dry-run"])
        #expect(dry.stdout.contains("update  workstreams/WS-1.1: title") && dry.stdout.contains("0 to add, 1 to update"), "\(dry)")
        let ok = try box.vrboard(["import", out.path, "--into", store.path, "--user", "Pat Officer"])
        #expect(ok.status == 0, "\(ok)")
        let h = try box.vrboard(["history", "--store", store.path, "--limit", "1"])
        #expect(h.stdout.contains("WS-1.1") && h.stdout.contains("Pat Officer") && h.stdout.contains("imported from"), "\(h)")
        let shown = try box.vrboard(["export", "--store", store.path, "--format", "json"])
        #expect(shown.stdout.contains("Analytical group – café"))
    }
}
