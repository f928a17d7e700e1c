import Foundation
import Testing
import VRModel
import VRReport
import VRStore
import VRUI

// Every number read from a file is range-checked: a value that would overflow arithmetic downstream is
// refused on open with its place in the file, and a value that opens cannot trap any screen or paper.

/// `<root>/data/nnvru-2021-22`, from `<root>/Tests/VRStoreTests/ExtremeNumberTests.swift`.
private let shippedDataset = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/nnvru-2021-22").path

/// One step into a JSON value.
private enum Step: Hashable, CustomStringConvertible {
    case key(String)
    case index(Int)
    var description: String {
        switch self {
        case .key(let k): ".\(k)"
        case .index(let i): "[\(i)]"
        }
    }
}

private func text(of path: [Step]) -> String { path.map(\.description).joined() }

/// The path with every index collapsed: `.documents[].categories[].amount`.
private func shape(of path: [Step]) -> String {
    path.map { if case .key(let k) = $0 { ".\(k)" } else { "[]" } }.joined()
}

private func isBoolean(_ n: NSNumber) -> Bool {
    String(cString: n.objCType) == "c" || String(describing: type(of: n)).contains("Boolean")
}

/// The paths of every numeric leaf (not a boolean), in document order.
private func numericPaths(_ v: Any, _ prefix: [Step] = []) -> [[Step]] {
    if let d = v as? [String: Any] {
        return d.keys.sorted().flatMap { numericPaths(d[$0]!, prefix + [.key($0)]) }
    }
    if let a = v as? [Any] {
        return a.enumerated().flatMap { numericPaths($0.element, prefix + [.index($0.offset)]) }
    }
    if let n = v as? NSNumber, !isBoolean(n) { return [prefix] }
    return []
}

/// `v` with the value at `path` replaced by `value`.
private func setting(_ v: Any, _ path: ArraySlice<Step>, to value: Int) -> Any {
    guard let step = path.first else { return value }
    switch step {
    case .key(let k):
        var d = v as! [String: Any]
        d[k] = setting(d[k]!, path.dropFirst(), to: value)
        return d
    case .index(let i):
        var a = v as! [Any]
        a[i] = setting(a[i], path.dropFirst(), to: value)
        return a
    }
}

private func serialised(_ v: Any) throws -> [UInt8] {
    [UInt8](try JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .prettyPrinted])) + [0x0A]
}

/// Lines (1-based) on which `needle` appears.
private func lines(containing needle: String, in bytes: [UInt8]) -> Set<Int> {
    Set(offsets(of: needle, in: bytes).map { lineColumn(of: $0, in: bytes).line })
}

/// Draws every screen (and the workstream table of every priority, and each risk's detail row) and writes
/// every paper and spreadsheet of a board. A number that traps anywhere in them crashes the test run.
func exerciseEveryView(_ board: Board) {
    for (w, h) in [(120, 36), (80, 24)] {
        for screen in Screen.allCases {
            var st = AppState(board: board, width: w, height: h)
            st.screen = screen
            #expect(render(st).lines.count == h)
        }
        for p in board.orderedPriorities {
            var st = AppState(board: board, width: w, height: h)
            _ = update(&st, .show(.workstreams))
            WorkstreamsScreen.show(priority: p.id, &st)
            #expect(render(st).lines.count == h)
        }
    }
    let src = PackSource(store: board, meeting: nil, today: Day("2021-11-02")!, author: "fuzz")
    #expect(!MarkdownPack.render(src).isEmpty)
    #expect(!HTMLPack.render(src).isEmpty)
    #expect(!CSVExport.workstreams(board).isEmpty)
    #expect(!CSVExport.risks(board).isEmpty)
    #expect(!CSVExport.funding(board).isEmpty)
}

@Suite struct ExtremeNumberTests {
    static let values = [Int.max, Int.min, 10_000_000_000_000_000, -1, 0]

    @Test("every number of every file, at the extremes, is refused with its place or opens and draws")
    func fuzzEveryNumber() throws {
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(at: path, copying: shippedDataset, dataset: "nnvru-2021-22")
            let files = CollectionName.allCases.map(\.fileName) + [Store.manifestName]
            var cases = 0, refused = 0, opened = 0
            for file in files {
                let full = path + "/" + file
                let original = try readBytes(full)
                let json = try JSONSerialization.jsonObject(with: Data(original))
                var seen = Set<String>()
                let paths = numericPaths(json).filter { seen.insert(shape(of: $0)).inserted }
                #expect(!paths.isEmpty, "\(file) has no numbers")
                for p in paths {
                    for value in Self.values {
                        cases += 1
                        let label = "\(file) \(text(of: p)) = \(value)"
                        try writeBytes(try serialised(setting(json, p[...], to: value)), to: full)
                        let before = folderContents(path)

                        let result = Store.check(path)
                        #expect(folderContents(path) == before, "check changed a file: \(label)")
                        for problem in result.problems {
                            #expect(problem.file == file, "\(label): \(problem)")
                            #expect(problem.line >= 1 && problem.column >= 1, "\(label): \(problem)")
                            #expect(!problem.reason.isEmpty, "\(label)")
                        }
                        do {
                            let s = try Store(path: path, readOnly: true)
                            opened += 1
                            // It opened: anything check found is a rule the board itself reports (it shows it).
                            if !result.problems.isEmpty {
                                #expect(!s.board.problems.isEmpty, "\(label): check found \(result.problems), the board none")
                            }
                            exerciseEveryView(s.board)
                            try s.close()
                        } catch StoreError.problems(let ps) {
                            refused += 1
                            #expect(!ps.isEmpty, "\(label)")
                            #expect(!result.problems.isEmpty, "\(label): open refused \(ps) but check found nothing")
                            for problem in ps {
                                #expect(problem.file == file && problem.line >= 1 && problem.column >= 1, "\(label): \(problem)")
                            }
                        } catch {
                            Issue.record("\(label): open threw \(error), expected StoreError.problems")
                        }
                        #expect(folderContents(path) == before, "a read-only open changed a file: \(label)")
                    }
                }
                try writeBytes(original, to: full)
                #expect(Store.validate(path).isEmpty, "\(file) was not restored")
            }
            #expect(cases >= 150, "only \(cases) cases")
            #expect(refused > 0 && opened > 0, "refused \(refused), opened \(opened)")
        }
    }

    /// The cases from the issue: each is refused by check and by both opens, at the line of the value.
    enum IssueCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case twoCategoriesAtIntMax, allocationIntMin, allocationIntMax, residualLikelihoodIntMax, workstreamRevIntMax
        var testDescription: String { rawValue }

        var file: String {
            switch self {
            case .twoCategoriesAtIntMax, .allocationIntMin, .allocationIntMax: "funding.json"
            case .residualLikelihoodIntMax: "risks.json"
            case .workstreamRevIntMax: "workstreams.json"
            }
        }
        fileprivate var edits: [([Step], Int)] {
            let doc: [Step] = [.key("documents"), .index(0)]
            switch self {
            case .twoCategoriesAtIntMax:
                return [
                    (doc + [.key("categories"), .index(0), .key("amount")], .max), (doc + [.key("categories"), .index(1), .key("amount")], .max),
                ]
            case .allocationIntMin: return [(doc + [.key("allocation")], .min)]
            case .allocationIntMax: return [(doc + [.key("allocation")], .max)]
            case .residualLikelihoodIntMax: return [([.key("documents"), .index(2), .key("residual"), .key("likelihood")], .max)]
            case .workstreamRevIntMax: return [([.key("documents"), .index(3), .key("rev")], .max)]
            }
        }
        var field: String {
            switch self {
            case .twoCategoriesAtIntMax: "amount"
            case .allocationIntMin, .allocationIntMax: "allocation"
            case .residualLikelihoodIntMax: "likelihood"
            case .workstreamRevIntMax: "rev"
            }
        }
    }

    @Test("the issue's extreme numbers are refused with file:line:column", arguments: IssueCase.allCases)
    func issueCases(_ c: IssueCase) throws {
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(at: path, copying: shippedDataset, dataset: "nnvru-2021-22")
            let full = path + "/" + c.file
            var json = try JSONSerialization.jsonObject(with: Data(try readBytes(full)))
            for (p, v) in c.edits { json = setting(json, p[...], to: v) }
            let bytes = try serialised(json)
            try writeBytes(bytes, to: full)
            let valueText = String(c.edits[0].1)
            let valueLines = lines(containing: valueText, in: bytes)
            #expect(valueLines.count == c.edits.count)

            let problems = Store.validate(path)
            for line in valueLines {
                let at = try #require(offsets(of: valueText, in: bytes).first { lineColumn(of: $0, in: bytes).line == line })
                let column = lineColumn(of: at, in: bytes).column
                // Placed at the value, naming the field and the number found.
                expectProblem(
                    ExpectedProblem(file: c.file, lines: [line], columns: [column], reason: [c.field, "found \(c.edits[0].1.grouped)"]), in: path)
            }
            #expect(problems.allSatisfy { $0.file == c.file && valueLines.contains($0.line) }, "\(problems)")
        }
    }
}

@Suite struct ExtremeJournalNumberTests {
    enum Field: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case seq, baseRev, docAmount
        var testDescription: String { rawValue }
    }

    @Test("a journal line with an extreme number is refused on open at journal.jsonl:LINE:COLUMN", arguments: Field.allCases)
    func journalLine(_ field: Field) throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            do {
                // Not closed: closing would checkpoint, and the open reads only the lines after the checkpoint.
                let s = try openWithoutCheckpoints(path)
                try commitChange(s, "WS-1", note: "one")
                var funding = s.board.funding
                funding.categories[0].amount = 1_234_567
                try s.commit(.funding(funding), baseRev: funding.rev, by: "tester", note: "two")
                try commitChange(s, "WS-2", note: "three")
            }
            let manifest = try JSONSerialization.jsonObject(with: Data(try readBytes(path + "/" + Store.manifestName))) as? [String: Any]
            try #require(manifest?["checkpointSeq"] as? Int == 0, "every line is after the checkpoint, so opening reads it")

            let journal = path + "/" + Store.journalName
            var bytes = try readBytes(journal)
            let line2 = try #require(offsets(of: "\n", in: bytes).first) + 1
            let needle: String
            switch field {
            case .seq: needle = "\"seq\":2"
            case .baseRev: needle = "\"baseRev\":1"
            case .docAmount: needle = "\"amount\":1234567"
            }
            let key = String(needle.prefix { $0 != ":" }) + ":"
            let at = try #require(offsets(of: needle, in: bytes).first { $0 > line2 })
            bytes = replacing(bytes, at: at, length: needle.utf8.count, with: Array((key + String(Int.max)).utf8))
            try writeBytes(bytes, to: journal)
            let (line, column) = lineColumn(of: at + key.utf8.count, in: bytes)
            #expect(line == 2)
            let reasonField = field == .docAmount ? "doc.categories[0].amount" : field.rawValue
            expectProblem(
                ExpectedProblem(file: Store.journalName, lines: [2], columns: [column], reason: [reasonField, "found \(Int.max.grouped)"]), in: path)
        }
    }
}
