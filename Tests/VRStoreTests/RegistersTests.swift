import Foundation
import Testing
import VRGenerate
import VRModel
import VRStore
import VRTestSupport

/// The registers as spreadsheets: what `export --format csv` and `vrboard template` write, and what
/// `vrboard import` reads back.
@Suite struct RegistersTests {
    /// The tables as a spreadsheet would hand them back: written as CSV, read as CSV.
    static func roundTrip(_ files: [(name: String, text: String)]) throws -> [SheetTable] {
        try files.map { f in try SheetCSV.table(name: String(f.name.dropLast(4)), bytes: Array(f.text.utf8)) }
    }

    /// A board without its meetings (not a register), each document at revision 1.
    static func registers(_ b: Board) -> Board {
        var out = b
        out.meetings = DocumentList([])
        for d in DocumentCodec.documents(of: out) { out.apply(d.withRev(1)) }
        return out
    }

    /// The top-level fields two versions of a document differ in, each as both write it.
    static func difference(_ a: AnyDocument?, _ b: AnyDocument?) -> String {
        func fields(_ d: AnyDocument?) -> [String: String] {
            guard let d, let data = try? DocumentCodec.encode(d), let o = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                return [:]
            }
            return o.mapValues { v in
                (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys])).map {
                    String(decoding: $0, as: UTF8.self)
                } ?? "?"
            }
        }
        let x = fields(a), y = fields(b)
        return Set(x.keys).union(y.keys).sorted().filter { x[$0] != y[$0] }.map { "\($0): \(x[$0] ?? "-") ≠ \(y[$0] ?? "-")" }.joined(separator: "\n")
    }

    @Test(arguments: Dataset.allCases)
    func importingTheRegistersGivesTheSameBoardBack(_ d: Dataset) throws {
        let board = try Fixtures.board(d.rawValue)
        let tables = try Self.roundTrip(try Registers.files(of: board))
        let (reading, back) = Registers.read(tables, base: nil)
        #expect(reading.problems.isEmpty, "\(reading.problems.prefix(10))")
        let got = try #require(back)
        let want = Self.registers(board)
        for a in DocumentCodec.documents(of: want) {
            let b = got.document(a.collection, a.id)
            #expect(a == b, "\(a.collection.rawValue)/\(a.id): \(Self.difference(a, b))")
        }
        #expect(Self.registers(got) == want)
    }

    @Test func aGeneratedVRUWithLongTextsAndEveryScriptComesBackWhole() throws {
        let board = Generator.thirdVRU()
        let (reading, back) = Registers.read(try Self.roundTrip(try Registers.files(of: board)), base: nil)
        #expect(reading.problems.isEmpty, "\(reading.problems.prefix(5))")
        #expect(back.map(Self.registers) == Self.registers(board))
    }

    /// The NNVRU registers with one cell of one table changed (by the column's name, in the row whose
    /// first cell is `row`), as a spreadsheet user would.
    static func edited(_ table: String, row: String, column: String, to value: String) throws -> [SheetTable] {
        var tables = try roundTrip(try Registers.files(of: try Fixtures.board(Dataset.nnvru.rawValue)))
        let t = try #require(tables.firstIndex { $0.name == table })
        let r = try #require(tables[t].rows.firstIndex { $0.first == row })
        let c = try #require(tables[t].header.firstIndex(of: column))
        tables[t].rows[r][c] = value
        return tables
    }

    @Test func oneBadCellIsNamedByFileRowAndColumnAndNothingIsRead() throws {
        let (reading, board) = Registers.read(try Self.edited("workstreams", row: "WS-1.2", column: "inYear", to: "Amber"), base: nil)
        let p = try #require(reading.problems.first)
        #expect(reading.problems.count == 1, "\(reading.problems)")
        #expect(p.place == "workstreams.csv:3:inYear (column G)")
        #expect(p.reason.contains("'Amber' is not one of the accepted values") && p.reason.contains("did you mean 'amber'"), "\(p)")
        #expect(board != nil)  // the board read is only for placing; the caller writes nothing when there is a problem
    }

    @Test func aRecordsCellIsPlacedInItsOwnTable() throws {
        let (reading, _) = Registers.read(try Self.edited("risks.actions", row: "R02", column: "due", to: "31/02/2022"), base: nil)
        #expect(reading.problems.map(\.description) == ["risks.actions.csv:4:due (column D): '31/02/2022' is not a date: Feb 2022 has no day 31"])
        let (monthFirst, _) = Registers.read(try Self.edited("risks", row: "R02", column: "lastReviewed", to: "10/31/2021"), base: nil)
        #expect(monthFirst.problems.first?.reason.contains("there is no month 31 (dates are day first") == true, "\(monthFirst.problems)")
    }

    @Test func theBoardsOwnChecksArePlacedAtTheCell() throws {
        let (reading, _) = Registers.read(try Self.edited("workstreams", row: "WS-1.2", column: "lead", to: "m-nobody"), base: nil)
        #expect(reading.problems.map(\.description) == ["workstreams.csv:3:lead (column D): lead 'm-nobody' is not a board member"])
    }

    @Test func amountsAndDatesAreReadAsExcelWritesThem() throws {
        var tables = try Self.edited("funding", row: "funding", column: "allocation", to: "£880,000.00")
        let p = try #require(tables.firstIndex { $0.name == "programme" })
        tables[p].rows[0][try #require(tables[p].header.firstIndex(of: "asAt"))] = "02/11/2021"
        let (reading, board) = Registers.read(tables, base: nil)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        #expect(board?.funding.allocation == 880_000)
        #expect(board?.programme.asAt == Day("2021-11-02"))
        let (pence, _) = Registers.read(try Self.edited("funding", row: "funding", column: "allocation", to: "880000.50"), base: nil)
        #expect(pence.problems.first?.reason.contains("has a fraction (pence?)") == true, "\(pence.problems)")
    }

    @Test func windows1252AndSemicolonsRead() throws {
        // "Café £5" in Windows-1252, in a semicolon-separated sheet as a European-locale Excel writes it.
        let bytes: [UInt8] = Array("id;name\r\nx;Caf".utf8) + [0xE9, 0x20, 0xA3] + Array("5\r\n".utf8)
        #expect(SheetCSV.text(bytes).encoding == "Windows-1252")
        let t = try SheetCSV.table(name: "t", bytes: bytes)
        #expect(t.header == ["id", "name"] && t.rows == [["x", "Café £5"]])
        #expect(throws: SheetProblem.self) { try SheetCSV.table(name: "t", bytes: Array("id,name\r\nx,\"open".utf8)) }
    }

    @Test func formulaLikeTextIsProtectedOnTheWayOutAndRestoredOnTheWayIn() {
        for text in ["=SUM(A1)", "-12 people", "'=x", "+44 7700 900123", "@here", "- a list"] {
            let cell = SheetCSV.cell(text)
            #expect(cell.hasPrefix("'") || cell.hasPrefix("\"'"), "\(text) → \(cell)")
            #expect(SheetCSV.unneutralised(cell.hasPrefix("\"") ? String(cell.dropFirst().dropLast()) : cell) == text)
        }
        #expect(SheetCSV.cell("-1200") == "-1200" && SheetCSV.cell("-") == "-")
    }

    @Test func intoAnExistingBoardAMissingColumnKeepsTheStoredValue() throws {
        let base = try Fixtures.board(Dataset.nnvru.rawValue)
        let risk = try #require(base.risks.items.first)
        let sheet = SheetTable(name: "risks", header: ["id", "title"], rows: [[risk.id, "A new title"], ["R99", "A risk of our own"]])
        let (reading, board) = Registers.read([sheet], base: base)
        // R99 has none of the other fields a risk needs: named, not guessed.
        #expect(reading.problems.map(\.description).contains { $0.hasPrefix("risks.csv:3:") && $0.contains("has no column") }, "\(reading.problems)")
        let (update, after) = Registers.read([SheetTable(name: "risks", header: ["id", "title"], rows: [[risk.id, "A new title"]])], base: base)
        #expect(update.problems.isEmpty, "\(update.problems)")
        var want = risk
        want.title = "A new title"
        #expect(after?.risks[risk.id] == want)
        #expect(Registers.changes(update.documents, base: base) == ["update  risks/\(risk.id): title"])
        _ = board
    }

    @Test func theMultiLineFieldsAreEveryOneTheInspectorReadsAsSeveralLines() throws {
        var seen = Set<String>()
        for d in Dataset.allCases {
            for doc in DocumentCodec.documents(of: try Fixtures.board(d.rawValue)) {
                var i = Inspector(texts: true)
                doc.document.inspect(&i)
                seen.formUnion(i.multiLineKeys)
            }
        }
        #expect(!seen.isEmpty)
        #expect(seen.subtracting(Limits.multiLineKeys).isEmpty, "\(seen.subtracting(Limits.multiLineKeys).sorted())")
    }

    @Test func aTabInACellIsASpaceByTheOneRule() throws {
        let (reading, board) = Registers.read(try Self.edited("risks", row: "R02", column: "description", to: "one\ttwo\nthree"), base: nil)
        #expect(reading.problems.isEmpty)
        #expect(board?.risks["R02"]?.description == "one    two\nthree")
        let (title, b2) = Registers.read(try Self.edited("risks", row: "R02", column: "title", to: "a\tb"), base: nil)
        #expect(title.problems.isEmpty && b2?.risks["R02"]?.title == "a b")
    }
}
