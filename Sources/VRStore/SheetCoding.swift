import Foundation
import VRModel

// A document as spreadsheet rows and back, by the document's own Codable conformance, so every field
// the store keeps has a column and nothing is lost on the way round:
// - a field is a column named as in the JSON (`title`, `inYear`); a nested object's fields are dotted
//   columns (`inherent.likelihood`);
// - a list of plain values (objectives, causes, workstream ids) is one cell, an item a line;
// - a list of records (a workstream's history, a risk's actions, an intervention's returns) is a table
//   of its own, `workstreams.history`, whose first column names the record it belongs to (`workstream`);
// - yes/no for true/false; dates as 2022-03-31 (31/03/2022 reads too); a store's revision is not a column.

/// What a column holds, for the template's guidance row.
enum SheetKind: Equatable {
    case text, whole, number, yesNo, date, list
    case oneOf([String])

    var guidance: String {
        switch self {
        case .text: "text"
        case .whole: "a whole number"
        case .number: "a number"
        case .yesNo: "yes or no"
        case .date: "a date: 2022-03-31 or 31/03/2022"
        case .list: "a list: one item a line (Alt+Enter in Excel)"
        case .oneOf(let v): "one of: " + v.joined(separator: ", ")
        }
    }
}

/// The tables a board's documents write, as they fill.
final class SheetBuilder {
    final class Table {
        let name: String
        /// The table this one's rows belong to (`workstreams` for `workstreams.history`), and the row of it.
        let parentTable: Table?
        var columns: [String] = []
        var known = Set<String>()
        var kinds: [String: SheetKind] = [:]
        var rows: [[String: String]] = []
        /// Each row's parent row, and its place among that parent's records.
        var parents: [(row: Int, index: Int)] = []

        init(name: String, parent: Table?) {
            self.name = name
            self.parentTable = parent
        }

        func column(_ c: String, kind: SheetKind?) {
            if known.insert(c).inserted { columns.append(c) }
            if let kind, kinds[c] == nil || kinds[c] == .text { kinds[c] = kind }
        }

        func set(_ row: Int, _ c: String, _ value: String, kind: SheetKind) {
            column(c, kind: kind)
            rows[row][c] = value
        }
    }

    var tables: [String: Table] = [:]
    var order: [String] = []
    /// Tables that hold a single document (programme, funding): their records name no parent.
    let singles: Set<String>

    init(singles: Set<String>) { self.singles = singles }

    func table(_ name: String, parent: Table?) -> Table {
        if let t = tables[name] { return t }
        let t = Table(name: name, parent: parent)
        tables[name] = t
        order.append(name)
        return t
    }

    /// How a row is named by its records: its `id`, or its place (`#2`) among its parent's records,
    /// after its parent's own name (`WS-1.1`, `G1`, `IV-01/#3`).
    func reference(_ t: Table, _ row: Int) -> String {
        if t.parentTable == nil { return singles.contains(t.name) ? "" : (t.rows[row]["id"] ?? "") }
        let (p, index) = t.parents[row]
        let mine = t.rows[row]["id"].flatMap { $0.isEmpty ? nil : $0 } ?? "#\(index + 1)"
        let up = reference(t.parentTable!, p)
        return up.isEmpty ? mine : up + "/" + mine
    }

    /// The name of the column that holds a record's parent (`workstream` for `workstreams.history`),
    /// or nil for the records of a single document.
    static func parentColumn(of table: String, singles: Set<String>) -> String? {
        let parent = String(table[..<(table.lastIndex(of: ".") ?? table.startIndex)])
        if parent.isEmpty || singles.contains(parent) { return nil }
        let last = String(parent.split(separator: ".").last ?? "")
        if last.hasSuffix("ies") { return String(last.dropLast(3)) + "y" }
        return last.hasSuffix("s") ? String(last.dropLast()) : last
    }

    /// Every table as a sheet, parents first; a record table's first column names its parent.
    func sheets() -> [(SheetTable, kinds: [String: SheetKind])] {
        order.compactMap { tables[$0] }.map { t in
            let pc = SheetBuilder.parentColumn(of: t.name, singles: singles).map { t.known.contains($0) ? "parent" : $0 }
            var header = t.columns
            var rows = t.rows.map { r in t.columns.map { r[$0] ?? "" } }
            if let pc, let parent = t.parentTable {
                header.insert(pc, at: 0)
                for i in rows.indices { rows[i].insert(reference(parent, t.parents[i].row), at: 0) }
            }
            return (SheetTable(name: t.name, header: header, rows: rows), t.kinds)
        }
    }
}

/// Writes one value into a row of a table: a keyed value as columns, a plain value as one cell, a list
/// as one cell or as a records table.
struct SheetEncoder: Encoder {
    let builder: SheetBuilder
    let table: SheetBuilder.Table
    let row: Int
    /// The column this value writes (or, for a keyed value, its columns' prefix); "" for a whole row.
    let column: String
    let type: Any.Type
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }
    func unkeyedContainer() -> UnkeyedEncodingContainer { List(encoder: self) }
    func singleValueContainer() -> SingleValueEncodingContainer { Single(encoder: self) }

    func sub(_ column: String, _ type: Any.Type) -> SheetEncoder {
        SheetEncoder(builder: builder, table: table, row: row, column: column, type: type, codingPath: codingPath)
    }

    static func kind(of type: Any.Type) -> SheetKind? {
        if type == Day.self { return .date }
        if let l = type as? any ListedValues.Type { return .oneOf(l.acceptedValues) }
        return nil
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: SheetEncoder
        var codingPath: [CodingKey] { encoder.codingPath }
        func name(_ key: Key) -> String { encoder.column.isEmpty ? key.stringValue : encoder.column + "." + key.stringValue }
        func put(_ key: Key, _ text: String, _ kind: SheetKind) { encoder.table.set(encoder.row, name(key), text, kind: kind) }

        mutating func encodeNil(forKey key: Key) throws { encoder.table.column(name(key), kind: nil) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { put(key, value ? "yes" : "no", .yesNo) }
        mutating func encode(_ value: String, forKey key: Key) throws { put(key, value, .text) }
        mutating func encode(_ value: Double, forKey key: Key) throws { put(key, "\(value)", .number) }
        mutating func encode(_ value: Float, forKey key: Key) throws { put(key, "\(value)", .number) }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            if !isRevision(key) { put(key, "\(value)", .whole) }
        }
        /// A store's revision is its own business, not the spreadsheet's.
        func isRevision(_ key: Key) -> Bool { encoder.column.isEmpty && encoder.table.parentTable == nil && key.stringValue == "rev" }
        mutating func encode(_ value: Int8, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { put(key, "\(value)", .whole) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            if isRevision(key) { return }
            var sub = encoder.sub(name(key), T.self)
            sub.codingPath.append(key)
            try value.encode(to: sub)
        }
        mutating func nestedContainer<NK: CodingKey>(keyedBy keyType: NK.Type, forKey key: Key) -> KeyedEncodingContainer<NK> {
            KeyedEncodingContainer(Keyed<NK>(encoder: encoder.sub(name(key), Any.self)))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { List(encoder: encoder.sub(name(key), Any.self)) }
        mutating func superEncoder() -> Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> Encoder { encoder.sub(name(key), Any.self) }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: SheetEncoder
        var codingPath: [CodingKey] { encoder.codingPath }
        func put(_ text: String, _ kind: SheetKind) {
            encoder.table.set(encoder.row, encoder.column, text, kind: SheetEncoder.kind(of: encoder.type) ?? kind)
        }
        mutating func encodeNil() throws { encoder.table.column(encoder.column, kind: nil) }
        mutating func encode(_ value: Bool) throws { put(value ? "yes" : "no", .yesNo) }
        mutating func encode(_ value: String) throws { put(value, .text) }
        mutating func encode(_ value: Double) throws { put("\(value)", .number) }
        mutating func encode(_ value: Float) throws { put("\(value)", .number) }
        mutating func encode(_ value: Int) throws { put("\(value)", .whole) }
        mutating func encode(_ value: Int8) throws { put("\(value)", .whole) }
        mutating func encode(_ value: Int16) throws { put("\(value)", .whole) }
        mutating func encode(_ value: Int32) throws { put("\(value)", .whole) }
        mutating func encode(_ value: Int64) throws { put("\(value)", .whole) }
        mutating func encode(_ value: UInt) throws { put("\(value)", .whole) }
        mutating func encode(_ value: UInt8) throws { put("\(value)", .whole) }
        mutating func encode(_ value: UInt16) throws { put("\(value)", .whole) }
        mutating func encode(_ value: UInt32) throws { put("\(value)", .whole) }
        mutating func encode(_ value: UInt64) throws { put("\(value)", .whole) }
        mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: encoder.sub(encoder.column, T.self)) }
    }

    /// A list: plain values gather into one cell, records become rows of the table `<table>.<column>`.
    final class List: UnkeyedEncodingContainer {
        let encoder: SheetEncoder
        var codingPath: [CodingKey] { encoder.codingPath }
        var count = 0
        var plain: [String] = []

        init(encoder: SheetEncoder) {
            self.encoder = encoder
            encoder.table.column(encoder.column, kind: .list)
            encoder.table.rows[encoder.row][encoder.column] = ""
        }

        private func add(_ text: String) {
            plain.append(text)
            count += 1
            // Items that a line break would split, or that read as JSON, are written as a JSON list.
            let needsJSON = plain.contains { $0.isEmpty || $0.contains("\n") || $0.contains("\r") || $0.hasPrefix("[") }
            let cell: String
            if needsJSON, let d = try? JSONSerialization.data(withJSONObject: plain, options: [.withoutEscapingSlashes]) {
                cell = String(decoding: d, as: UTF8.self)
            } else {
                cell = plain.joined(separator: "\n")
            }
            encoder.table.rows[encoder.row][encoder.column] = cell
        }

        func encodeNil() throws { add("") }
        func encode(_ value: Bool) throws { add(value ? "yes" : "no") }
        func encode(_ value: String) throws { add(value) }
        func encode(_ value: Double) throws { add("\(value)") }
        func encode(_ value: Float) throws { add("\(value)") }
        func encode(_ value: Int) throws { add("\(value)") }
        func encode(_ value: Int8) throws { add("\(value)") }
        func encode(_ value: Int16) throws { add("\(value)") }
        func encode(_ value: Int32) throws { add("\(value)") }
        func encode(_ value: Int64) throws { add("\(value)") }
        func encode(_ value: UInt) throws { add("\(value)") }
        func encode(_ value: UInt8) throws { add("\(value)") }
        func encode(_ value: UInt16) throws { add("\(value)") }
        func encode(_ value: UInt32) throws { add("\(value)") }
        func encode(_ value: UInt64) throws { add("\(value)") }

        func encode<T: Encodable>(_ value: T) throws {
            let probe = Probe()
            try value.encode(to: probe)
            if let text = probe.text {
                add(text)
                return
            }
            let child = encoder.builder.table(encoder.table.name + "." + encoder.column, parent: encoder.table)
            child.rows.append([:])
            child.parents.append((encoder.row, count))
            count += 1
            try value.encode(to: SheetEncoder(builder: encoder.builder, table: child, row: child.rows.count - 1, column: "", type: T.self))
        }

        func nestedContainer<NK: CodingKey>(keyedBy keyType: NK.Type) -> KeyedEncodingContainer<NK> {
            let child = encoder.builder.table(encoder.table.name + "." + encoder.column, parent: encoder.table)
            child.rows.append([:])
            child.parents.append((encoder.row, count))
            count += 1
            return KeyedEncodingContainer(
                Keyed<NK>(encoder: SheetEncoder(builder: encoder.builder, table: child, row: child.rows.count - 1, column: "", type: Any.self)))
        }
        func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { self }
        func superEncoder() -> Encoder { encoder }
    }

    /// Finds whether a value is plain (one text) or a record, without writing anything.
    final class Probe: Encoder, SingleValueEncodingContainer {
        var text: String?
        var codingPath: [CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { KeyedEncodingContainer(Null<Key>()) }
        func unkeyedContainer() -> UnkeyedEncodingContainer { NullList() }
        func singleValueContainer() -> SingleValueEncodingContainer { self }
        func encodeNil() throws { text = "" }
        func encode(_ value: Bool) throws { text = value ? "yes" : "no" }
        func encode(_ value: String) throws { text = value }
        func encode(_ value: Double) throws { text = "\(value)" }
        func encode(_ value: Float) throws { text = "\(value)" }
        func encode(_ value: Int) throws { text = "\(value)" }
        func encode(_ value: Int8) throws { text = "\(value)" }
        func encode(_ value: Int16) throws { text = "\(value)" }
        func encode(_ value: Int32) throws { text = "\(value)" }
        func encode(_ value: Int64) throws { text = "\(value)" }
        func encode(_ value: UInt) throws { text = "\(value)" }
        func encode(_ value: UInt8) throws { text = "\(value)" }
        func encode(_ value: UInt16) throws { text = "\(value)" }
        func encode(_ value: UInt32) throws { text = "\(value)" }
        func encode(_ value: UInt64) throws { text = "\(value)" }
        func encode<T: Encodable>(_ value: T) throws { try value.encode(to: self) }
    }

    struct Null<Key: CodingKey>: KeyedEncodingContainerProtocol {
        var codingPath: [CodingKey] { [] }
        mutating func encodeNil(forKey key: Key) throws {}
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {}
        mutating func nestedContainer<NK: CodingKey>(keyedBy keyType: NK.Type, forKey key: Key) -> KeyedEncodingContainer<NK> {
            KeyedEncodingContainer(Null<NK>())
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { NullList() }
        mutating func superEncoder() -> Encoder { Probe() }
        mutating func superEncoder(forKey key: Key) -> Encoder { Probe() }
    }

    struct NullList: UnkeyedEncodingContainer {
        var codingPath: [CodingKey] { [] }
        var count = 0
        mutating func encodeNil() throws {}
        mutating func encode<T: Encodable>(_ value: T) throws {}
        mutating func nestedContainer<NK: CodingKey>(keyedBy keyType: NK.Type) -> KeyedEncodingContainer<NK> { KeyedEncodingContainer(Null<NK>()) }
        mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { self }
        mutating func superEncoder() -> Encoder { Probe() }
    }
}

/// The tables of a workbook, indexed for reading: each column's place, and each records table's rows by
/// the record they belong to.
final class SheetReader {
    let tables: [String: SheetTable]
    let singles: Set<String>
    private var columns: [String: [String: Int]] = [:]
    private var prefixes: [String: Set<String>] = [:]
    private var children: [String: [String: [Int]]] = [:]
    /// The records tables and parent references some document asked for.
    var used: [String: Set<String>] = [:]

    init(tables: [SheetTable], singles: Set<String>) {
        var byName: [String: SheetTable] = [:]
        for t in tables { byName[t.name] = t }
        self.tables = byName
        self.singles = singles
        for t in tables {
            var index: [String: Int] = [:]
            var pre = Set<String>()
            for (i, h) in t.header.enumerated() where !h.isEmpty {
                index[h] = i
                var parts = h.split(separator: ".").dropLast()
                while !parts.isEmpty {
                    pre.insert(parts.joined(separator: "."))
                    parts = parts.dropLast()
                }
            }
            columns[t.name] = index
            prefixes[t.name] = pre
            if let pc = parentColumn(t), let i = index[pc] {
                var rows: [String: [Int]] = [:]
                for (r, row) in t.rows.enumerated() { rows[row[i].trimmingCharacters(in: .whitespaces), default: []].append(r) }
                children[t.name] = rows
            } else if t.name.contains(".") {
                children[t.name] = ["": Array(t.rows.indices)]
            }
        }
    }

    /// The column of a records table naming its parent, as the table writes it.
    func parentColumn(_ t: SheetTable) -> String? {
        guard let pc = SheetBuilder.parentColumn(of: t.name, singles: singles) else { return nil }
        return t.header.first == "parent" ? "parent" : pc
    }

    func cell(_ table: String, _ row: Int, _ column: String) -> String? {
        guard let i = columns[table]?[column], let t = tables[table] else { return nil }
        return t.rows[row][i]
    }
    func hasColumn(_ table: String, _ column: String) -> Bool { columns[table]?[column] != nil }
    func hasNested(_ table: String, _ column: String) -> Bool { prefixes[table]?.contains(column) == true }
    func nestedFilled(_ table: String, _ row: Int, _ column: String) -> Bool {
        guard let t = tables[table], let index = columns[table] else { return false }
        return index.contains { $0.key.hasPrefix(column + ".") && !t.rows[row][$0.value].trimmingCharacters(in: .whitespaces).isEmpty }
    }
    func records(_ table: String, of ref: String) -> [Int]? {
        guard children[table] != nil else { return nil }
        used[table, default: []].insert(ref)
        return children[table]?[ref] ?? []
    }
    /// The rows of records tables that name a parent no document had.
    func orphans() -> [(table: String, row: Int, ref: String)] {
        children.flatMap { name, refs in
            refs.filter { !(used[name]?.contains($0.key) ?? false) }.flatMap { ref, rows in rows.map { (name, $0, ref) } }
        }.sorted { ($0.table, $0.row) < ($1.table, $1.row) }
    }

    func place(_ table: String, _ row: Int, _ column: String?) -> String {
        tables[table]?.place(row: row, column: column) ?? "\(table).csv"
    }
}

/// Reads one value from a row of a table (or from one item of a list cell), with the document's stored
/// version as the fallback for a column the spreadsheet does not have.
struct SheetDecoder: Decoder {
    let reader: SheetReader
    let table: String
    let row: Int
    let column: String
    /// This row's reference (`WS-1.1`, `IV-01/#2`), which its records name.
    let ref: String
    /// The stored value here, as JSON, for a column the spreadsheet leaves out.
    let fallback: Any?
    /// One item of a list cell, read instead of a cell.
    var item: String?
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Keyed<Key>(decoder: self))
    }
    func unkeyedContainer() throws -> UnkeyedDecodingContainer { try list(column) }
    func singleValueContainer() throws -> SingleValueDecodingContainer { Single(decoder: self) }

    func fail(_ column: String?, _ reason: String) -> SheetProblem { SheetProblem(reader.place(table, row, column), reason) }

    /// The text to read: the list item, or the cell (its protecting apostrophe taken off, its tabs made
    /// spaces by the rule for every path).
    func text(_ column: String) -> String? {
        if let item { return item }
        guard let raw = reader.cell(table, row, column) else { return nil }
        let key = String(column.split(separator: ".").last ?? "")
        return Limits.tabsAsSpaces(SheetCSV.unneutralised(raw), multiLine: Limits.multiLineKeys.contains(key))
    }

    /// A list at `column`: a records table's rows for this row, or a cell's items, or the stored list.
    func list(_ column: String) throws -> UnkeyedDecodingContainer {
        let child = table + "." + column
        if item == nil, let rows = reader.records(child, of: ref) {
            let idColumn = reader.hasColumn(child, "id")
            let decoders = rows.enumerated().map { n, r in
                let own = idColumn ? (reader.cell(child, r, "id") ?? "").trimmingCharacters(in: .whitespaces) : ""
                let mine = own.isEmpty ? "#\(n + 1)" : own
                return SheetDecoder(
                    reader: reader, table: child, row: r, column: "", ref: ref.isEmpty ? mine : ref + "/" + mine, fallback: nil,
                    codingPath: codingPath)
            }
            return Items(decoders: decoders, codingPath: codingPath)
        }
        if let cell = text(column) {
            let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            var items: [String]
            if trimmed.hasPrefix("["), let d = trimmed.data(using: .utf8), let list = (try? JSONSerialization.jsonObject(with: d)) as? [String] {
                items = list
            } else {
                items = trimmed.isEmpty ? [] : trimmed.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }
                items.removeAll { $0.isEmpty }
            }
            var me = self
            return Items(
                decoders: items.map {
                    me.item = $0
                    return me
                }, codingPath: codingPath)
        }
        if let fb = fallback as? [Any] {
            return Items(
                decoders: fb.map {
                    SheetDecoder(reader: reader, table: table, row: row, column: column, ref: ref, fallback: $0, codingPath: codingPath)
                },
                codingPath: codingPath, fromFallback: true)
        }
        throw fail(nil, "has no column '\(column)'")
    }

    /// A value read from its stored JSON (a column the spreadsheet leaves out).
    static func stored<T: Decodable>(_ type: T.Type, _ json: Any) throws -> T {
        let data = try JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// `31/03/2022`, `2022-03-31` or Excel's `2022-03-31 00:00:00` as the store writes a date, or why not.
    static func isoDate(_ raw: String) -> Result<String, Why> {
        let t = raw.trimmingCharacters(in: .whitespaces)
        if t.count >= 10, Day(String(t.prefix(10))) != nil, t.count == 10 || t.dropFirst(10).allSatisfy({ " T:0Z".contains($0) }) {
            return .success(String(t.prefix(10)))
        }
        let parts = t.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        if parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], (1000...9999).contains(y) {
            if let day = Day(year: y, month: m, day: d) { return .success(day.description) }
            if m > 12, d <= 12 { return .failure("'\(t)' is not a date: there is no month \(m) (dates are day first, 31/03/2022)") }
            if (1...12).contains(m) {
                return .failure("'\(t)' is not a date: \(Day.monthNames[m - 1]) \(y) has no day \(d)")
            }
            return .failure("'\(t)' is not a date: there is no month \(m)")
        }
        return .failure("'\(Sanitize.display(t))' is not a date; write 2022-03-31 or 31/03/2022")
    }

    static func whole<T: FixedWidthInteger>(_ raw: String, _ type: T.Type) -> Result<T, Why> {
        var t = raw.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .failure("is empty; a whole number is needed") }
        var negative = false
        if t.hasPrefix("("), t.hasSuffix(")") {
            negative = true
            t = String(t.dropFirst().dropLast())
        }
        t = t.filter { $0 != "£" && $0 != "," && $0 != " " && $0 != "\u{00A0}" }
        if t.hasPrefix("-") {
            negative.toggle()
            t.removeFirst()
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return .failure("'\(Sanitize.display(raw))' is not a whole number") }
        if parts.count == 2, parts[1].contains(where: { $0 != "0" }) {
            return .failure("'\(Sanitize.display(raw))' has a fraction (pence?); vrboard keeps whole numbers: round it in the sheet")
        }
        guard let v = T(negative ? "-" + whole : String(whole)) else { return .failure("'\(Sanitize.display(raw))' is too large") }
        return .success(v)
    }

    static func number(_ raw: String) -> Result<Double, Why> {
        let t = raw.trimmingCharacters(in: .whitespaces).filter { $0 != "," && $0 != "£" }
        guard let v = Double(t), v.isFinite else { return .failure("'\(Sanitize.display(raw))' is not a number") }
        return .success(v)
    }

    static func yesNo(_ raw: String) -> Result<Bool, Why> {
        switch raw.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "y", "true", "1": .success(true)
        case "no", "n", "false", "0", "": .success(false)
        default: .failure("'\(Sanitize.display(raw))' is not yes or no")
        }
    }

    /// Why a cell does not read.
    struct Why: Error, ExpressibleByStringInterpolation {
        let text: String
        init(stringLiteral value: String) { text = value }
    }

    /// A value of any type at `column`, its failure placed at the cell.
    func value<T: Decodable>(_ type: T.Type, at column: String, fallback: Any?, key: CodingKey?) throws -> T {
        var sub = SheetDecoder(
            reader: reader, table: table, row: row, column: column, ref: ref, fallback: fallback, item: item, codingPath: codingPath)
        if let key { sub.codingPath.append(key) }
        if T.self == Day.self {
            switch SheetDecoder.isoDate(sub.text(column) ?? "") {
            case .success(let iso): return Day(iso) as! T
            case .failure(let why): throw fail(column, why.text)
            }
        }
        do {
            return try T(from: sub)
        } catch let e as DecodingError {
            switch e {
            case .dataCorrupted(let ctx): throw fail(column, ctx.debugDescription)
            case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): throw fail(column, ctx.debugDescription)
            case .keyNotFound(let k, _): throw fail(column.isEmpty ? k.stringValue : column + "." + k.stringValue, "is missing")
            @unknown default: throw fail(column, "\(e)")
            }
        }
    }

    func parsed<T>(_ column: String, _ parse: (String) -> Result<T, Why>) throws -> T {
        guard let t = text(column) else { throw fail(nil, "has no column '\(column)'") }
        switch parse(t) {
        case .success(let v): return v
        case .failure(let why): throw fail(column, why.text)
        }
    }

    struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let decoder: SheetDecoder
        var codingPath: [CodingKey] { decoder.codingPath }
        var allKeys: [Key] { [] }
        var reader: SheetReader { decoder.reader }

        func name(_ key: Key) -> String { decoder.column.isEmpty ? key.stringValue : decoder.column + "." + key.stringValue }
        func stored(_ key: Key) -> Any? { (decoder.fallback as? [String: Any])?[key.stringValue] }
        /// The sheet has this field: a column, dotted columns, or a records table.
        func inSheet(_ c: String) -> Bool {
            decoder.item == nil
                && (reader.hasColumn(decoder.table, c) || reader.hasNested(decoder.table, c) || reader.tables[decoder.table + "." + c] != nil)
        }
        var isDocument: Bool { decoder.column.isEmpty && !decoder.table.contains(".") }

        func contains(_ key: Key) -> Bool {
            let c = name(key)
            if isDocument, key.stringValue == "rev" { return true }
            guard inSheet(c) else { return stored(key).map { !($0 is NSNull) } ?? false }
            if let cell = reader.cell(decoder.table, decoder.row, c), !cell.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return true }
            if reader.nestedFilled(decoder.table, decoder.row, c) { return true }
            if reader.tables[decoder.table + "." + c] != nil { return !(reader.records(decoder.table + "." + c, of: decoder.ref) ?? []).isEmpty }
            return false
        }
        func decodeNil(forKey key: Key) throws -> Bool { !contains(key) }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            let c = name(key)
            if isDocument, key.stringValue == "rev", T.self == Int.self {
                return (stored(key) as? Int ?? 1) as! T
            }
            if !inSheet(c) {
                if let fb = stored(key) { return try SheetDecoder.stored(T.self, fb) }
                throw SheetProblem(reader.place(decoder.table, decoder.row, nil), "has no column '\(c)', which every row needs")
            }
            return try decoder.value(T.self, at: c, fallback: stored(key), key: key)
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(Wrapped<String>.self, forKey: key).value }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(Wrapped<Bool>.self, forKey: key).value }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(Wrapped<Double>.self, forKey: key).value }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try decode(Wrapped<Double>.self, forKey: key).value) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            if isDocument, key.stringValue == "rev" { return stored(key) as? Int ?? 1 }
            return try decode(Wrapped<Int>.self, forKey: key).value
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(Wrapped<Int8>.self, forKey: key).value }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(Wrapped<Int16>.self, forKey: key).value }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(Wrapped<Int32>.self, forKey: key).value }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(Wrapped<Int64>.self, forKey: key).value }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(Wrapped<UInt>.self, forKey: key).value }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(Wrapped<UInt8>.self, forKey: key).value }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(Wrapped<UInt16>.self, forKey: key).value }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(Wrapped<UInt32>.self, forKey: key).value }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(Wrapped<UInt64>.self, forKey: key).value }

        func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type, forKey key: Key) throws -> KeyedDecodingContainer<NK> {
            KeyedDecodingContainer(
                Keyed<NK>(
                    decoder: SheetDecoder(
                        reader: reader, table: decoder.table, row: decoder.row, column: name(key), ref: decoder.ref, fallback: stored(key),
                        codingPath: codingPath + [key])))
        }
        func nestedUnkeyedContainer(forKey key: Key) throws -> UnkeyedDecodingContainer {
            try SheetDecoder(
                reader: reader, table: decoder.table, row: decoder.row, column: name(key), ref: decoder.ref, fallback: stored(key),
                codingPath: codingPath + [key]
            ).list(name(key))
        }
        func superDecoder() throws -> Decoder { decoder }
        func superDecoder(forKey key: Key) throws -> Decoder {
            SheetDecoder(
                reader: reader, table: decoder.table, row: decoder.row, column: name(key), ref: decoder.ref, fallback: stored(key),
                codingPath: codingPath + [key])
        }
    }

    /// A plain value read through the single-value container (so a primitive gets the same placing).
    struct Wrapped<V: Decodable>: Decodable {
        let value: V
        init(from decoder: Decoder) throws { value = try decoder.singleValueContainer().decode(V.self) }
    }

    struct Single: SingleValueDecodingContainer {
        let decoder: SheetDecoder
        var codingPath: [CodingKey] { decoder.codingPath }
        var column: String { decoder.column }

        func decodeNil() -> Bool {
            guard let t = decoder.text(column) else { return decoder.fallback == nil || decoder.fallback is NSNull }
            return t.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.parsed(column, SheetDecoder.yesNo) }
        func decode(_ type: String.Type) throws -> String {
            if decoder.text(column) == nil, let s = decoder.fallback as? String { return s }
            return try decoder.parsed(column) { Result<String, Why>.success($0) }
        }
        func decode(_ type: Double.Type) throws -> Double { try decoder.parsed(column, SheetDecoder.number) }
        func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.parsed(column) { SheetDecoder.whole($0, Int.self) } }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.parsed(column) { SheetDecoder.whole($0, Int8.self) } }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.parsed(column) { SheetDecoder.whole($0, Int16.self) } }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.parsed(column) { SheetDecoder.whole($0, Int32.self) } }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.parsed(column) { SheetDecoder.whole($0, Int64.self) } }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.parsed(column) { SheetDecoder.whole($0, UInt.self) } }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.parsed(column) { SheetDecoder.whole($0, UInt8.self) } }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.parsed(column) { SheetDecoder.whole($0, UInt16.self) } }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.parsed(column) { SheetDecoder.whole($0, UInt32.self) } }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.parsed(column) { SheetDecoder.whole($0, UInt64.self) } }
        func decode<T: Decodable>(_ type: T.Type) throws -> T {
            if decoder.text(column) == nil, let fb = decoder.fallback { return try SheetDecoder.stored(T.self, fb) }
            return try decoder.value(T.self, at: column, fallback: decoder.fallback, key: nil)
        }
    }

    /// A list's items, each its own decoder.
    struct Items: UnkeyedDecodingContainer {
        let decoders: [SheetDecoder]
        var codingPath: [CodingKey]
        var fromFallback = false
        var count: Int? { decoders.count }
        var isAtEnd: Bool { currentIndex >= decoders.count }
        var currentIndex = 0

        init(decoders: [SheetDecoder], codingPath: [CodingKey], fromFallback: Bool = false) {
            self.decoders = decoders
            self.codingPath = codingPath
            self.fromFallback = fromFallback
        }

        mutating func next() throws -> SheetDecoder {
            guard !isAtEnd else { throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "no more items")) }
            defer { currentIndex += 1 }
            return decoders[currentIndex]
        }
        mutating func decodeNil() throws -> Bool { false }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let d = try next()
            if fromFallback, let fb = d.fallback { return try SheetDecoder.stored(T.self, fb) }
            return try d.item != nil ? d.value(T.self, at: d.column, fallback: nil, key: nil) : T(from: d)
        }
        mutating func decode(_ type: String.Type) throws -> String { try decode(Wrapped<String>.self).value }
        mutating func decode(_ type: Bool.Type) throws -> Bool { try decode(Wrapped<Bool>.self).value }
        mutating func decode(_ type: Int.Type) throws -> Int { try decode(Wrapped<Int>.self).value }
        mutating func decode(_ type: Double.Type) throws -> Double { try decode(Wrapped<Double>.self).value }
        mutating func nestedContainer<NK: CodingKey>(keyedBy type: NK.Type) throws -> KeyedDecodingContainer<NK> {
            try next().container(keyedBy: NK.self)
        }
        mutating func nestedUnkeyedContainer() throws -> UnkeyedDecodingContainer { try next().unkeyedContainer() }
        mutating func superDecoder() throws -> Decoder { try next() }
    }
}

extension Day {
    /// A date as people write it (`2022-03-31`, `31/03/2022`), or why it is not one, in words.
    public static func reading(_ text: String) -> (day: Day?, why: String?) {
        switch SheetDecoder.isoDate(text) {
        case .success(let iso): (Day(iso), nil)
        case .failure(let why): (nil, why.text)
        }
    }
}
