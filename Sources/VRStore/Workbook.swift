import Foundation
import VRModel

/// A spreadsheet's CSV file, read the way spreadsheets write them: UTF-8 with or without a byte-order
/// mark (Excel's "CSV UTF-8"), UTF-16 with its mark, or Windows-1252 (Excel's plain "CSV" on a UK
/// Windows machine) when the bytes are not UTF-8; RFC 4180 quoting; CRLF, LF or CR line ends; comma-separated, or semicolon-
/// separated when the header has semicolons and no commas (a spreadsheet set to a European locale).
/// Rows are numbered as the spreadsheet numbers them (the header is row 1, a cell holding line breaks
/// is still one row); a row whose first cell starts with `#` is a comment (the template's guidance),
/// and a row with nothing in it is skipped.
public struct SheetTable: Equatable, Sendable {
    public var name: String
    public var header: [String]
    public var rows: [[String]]
    /// The spreadsheet's row number of each row.
    public var rowNumbers: [Int]

    public init(name: String, header: [String], rows: [[String]] = [], rowNumbers: [Int]? = nil) {
        self.name = name
        self.header = header
        self.rows = rows
        self.rowNumbers = rowNumbers ?? rows.indices.map { $0 + 2 }
    }

    public var fileName: String { name + ".csv" }

    /// `workstreams.csv:7:inYear (column H)`: where a cell is, as a person finds it.
    public func place(row: Int, column: String?) -> String {
        let r = rows.indices.contains(row) ? rowNumbers[row] : 1
        guard let column else { return "\(fileName):\(r)" }
        guard let i = header.firstIndex(of: column) else { return "\(fileName):\(r): \(column)" }
        return "\(fileName):\(r):\(column) (column \(SheetTable.letters(i)))"
    }

    /// A spreadsheet's column letters: 0 → A, 25 → Z, 26 → AA.
    public static func letters(_ index: Int) -> String {
        var n = max(0, index) + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}

/// A problem in a spreadsheet, placed at its file, row and column.
public struct SheetProblem: Error, Equatable, Sendable, CustomStringConvertible {
    public var place: String
    public var reason: String
    public init(_ place: String, _ reason: String) {
        self.place = place
        self.reason = reason
    }
    public var description: String { "\(place): \(reason)" }
}

public enum SheetCSV {
    /// The largest CSV file read (a register of 100,000 rows is far below it).
    public static let maxBytes = 256 << 20

    /// The text of a CSV file's bytes, and which encoding it was read as: the actuals import's reading
    /// (UTF-8 with or without its mark, UTF-16 with its mark, else Windows-1252).
    public static func text(_ bytes: [UInt8]) -> (text: String, encoding: String) { SpendImport.decode(bytes) }

    /// The records of a CSV text, each with the row number it starts on; an unclosed quote is refused
    /// at the row where it opened.
    public static func records(_ text: String, file: String) throws -> [(row: Int, cells: [String])] {
        let scalars = Array(text.unicodeScalars)
        // The separator: a semicolon only when the first line has semicolons and no commas.
        let firstLine = scalars.prefix { $0 != "\n" && $0 != "\r" }
        let sep: Unicode.Scalar = !firstLine.contains(",") && firstLine.contains(";") ? ";" : ","
        var out: [(row: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var i = 0
        var row = 1
        var quoted = false
        var openedAt = 1
        var any = false
        func endCell() {
            cells.append(String(cell))
            cell = String.UnicodeScalarView()
        }
        func endRecord() {
            endCell()
            out.append((row, cells))
            cells = []
            row += 1
            any = false
        }
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count, scalars[i + 1] == "\"" {
                        cell.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" && cell.isEmpty {
                quoted = true
                openedAt = row
                any = true
            } else if c == sep {
                endCell()
                any = true
            } else if c == "\r" || c == "\n" {
                if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
                endRecord()
            } else {
                cell.append(c)
                any = true
            }
            i += 1
        }
        if quoted { throw SheetProblem("\(file):\(openedAt)", "a quoted cell is never closed (a \" is missing)") }
        if any || !cell.isEmpty || !cells.isEmpty { endRecord() }
        return out
    }

    /// A table from a file's bytes: its header, and every row that is neither a comment nor empty.
    public static func table(name: String, bytes: [UInt8]) throws -> SheetTable {
        let file = name + ".csv"
        guard bytes.count <= maxBytes else {
            throw SheetProblem(file, "is \(bytes.count.grouped) bytes, more than vrboard reads (\(maxBytes.grouped))")
        }
        let recs = try records(text(bytes).text, file: file)
        guard let head = recs.first else { throw SheetProblem(file, "is empty: it needs a header row (vrboard template writes one)") }
        let header = head.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for (i, h) in header.enumerated() where !h.isEmpty && !seen.insert(h).inserted {
            throw SheetProblem("\(file):1:\(h) (column \(SheetTable.letters(i)))", "the column '\(Sanitize.display(h))' is named twice")
        }
        var t = SheetTable(name: name, header: header, rows: [], rowNumbers: [])
        for r in recs.dropFirst() {
            if r.cells.first?.hasPrefix("#") == true { continue }
            if r.cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            if r.cells.count > header.count, r.cells[header.count...].contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw SheetProblem(
                    "\(file):\(r.row):\(SheetTable.letters(header.count))",
                    "this row has \(r.cells.count) cells but the header names \(header.count) columns")
            }
            t.rows.append(Array(r.cells.prefix(header.count)) + Array(repeating: "", count: max(0, header.count - r.cells.count)))
            t.rowNumbers.append(r.row)
        }
        return t
    }

    /// A table as CSV: UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF, formulas neutralised,
    /// the same rules as the exports (`CSVCell`); `comments` follow the header, each its own row.
    public static func write(_ t: SheetTable, comments: [[String]] = []) -> String {
        "\u{FEFF}" + ([t.header] + comments + t.rows).map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
    }

    public static func cell(_ raw: String) -> String { CSVCell.text(raw) }
    public static func unneutralised(_ s: String) -> String { CSVCell.unneutralised(s) }
}
