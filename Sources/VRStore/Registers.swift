import Foundation
import VRModel

/// A board's registers as spreadsheets, and back: what `vrboard template`, `vrboard import` and
/// `export --format csv` share. One table per collection (meetings are not a register: the board makes
/// them), and one per list of records inside a document.
public enum Registers {
    /// The collections a workbook holds, in the order they are read (what is named before what names it).
    public static let collections: [CollectionName] = [
        .programme, .funding, .members, .priorities, .workstreams, .risks, .interventions, .evaluations, .outcomes, .sources,
    ]
    static let singles: Set<String> = [CollectionName.programme.rawValue, CollectionName.funding.rawValue]
    /// What the template puts in an example row's source, and import refuses.
    public static let exampleMark = "illustrative: the template's example row; replace it with your own or delete it"

    /// The tables of a board, each with what its columns hold.
    static func build(_ board: Board) throws -> [(SheetTable, kinds: [String: SheetKind])] {
        let b = SheetBuilder(singles: singles)
        for name in collections {
            let t = b.table(name.rawValue, parent: nil)
            for doc in Store.documents(name, of: board).compactMap({ board.document(name, $0.id) }) {
                t.rows.append([:])
                t.parents.append((0, 0))
                try doc.document.encode(to: SheetEncoder(builder: b, table: t, row: t.rows.count - 1, column: "", type: Any.self))
            }
        }
        // A list of records is its own table: its column in the parent table goes.
        let sheets = b.sheets()
        let names = Set(sheets.map(\.0.name))
        return sheets.map { sheet, kinds in
            let keep = sheet.header.indices.filter { !names.contains(sheet.name + "." + sheet.header[$0]) }
            return (SheetTable(name: sheet.name, header: keep.map { sheet.header[$0] }, rows: sheet.rows.map { r in keep.map { r[$0] } }), kinds)
        }
    }

    /// The board's registers, one CSV text per table (`workstreams.csv`, `workstreams.history.csv`, …).
    public static func files(of board: Board) throws -> [(name: String, text: String)] {
        try build(board).map { ($0.0.fileName, SheetCSV.write($0.0)) }
    }

    /// The template: every table with its header, a row of guidance and the example board's first
    /// document of each register (its source marked as the example) with its records.
    public static func template(example: Board) throws -> [(name: String, text: String)] {
        var trimmed = example
        // One document of each register, and what it names, so the example reads as a whole board.
        let ws = example.workstreams.items.first
        let priority = ws.flatMap { example.priorities[$0.priority] } ?? example.priorities.items.first
        let risk = example.risks.items.first
        var iv = example.interventions.items.first
        iv?.workstreams.removeAll { $0 != ws?.id }
        if let p = iv?.priority, p != priority?.id { iv?.priority = priority?.id }
        var ev = example.evaluations.items.first
        ev?.interventions.removeAll { $0 != iv?.id }
        var named = Set([ws?.lead, ws?.sponsor, priority?.sponsor, risk?.owner].compactMap { $0 })
        named.formUnion(example.programme.quorum?.required ?? [])
        trimmed.members = DocumentList(example.members.items.filter { named.contains($0.id) })
        trimmed.priorities = DocumentList([priority].compactMap { $0 })
        trimmed.workstreams = DocumentList([ws].compactMap { $0 })
        trimmed.risks = DocumentList([risk].compactMap { $0 })
        trimmed.interventions = DocumentList([iv].compactMap { $0 })
        trimmed.evaluations = DocumentList([ev].compactMap { $0 })
        trimmed.outcomes = DocumentList(Array(example.outcomes.items.prefix(1)))
        // A VRU's own board is live: its date is today (the sample's is fixed at its paper).
        trimmed.programme.clock = .today
        return try build(trimmed).map { table, kinds in
            var t = table
            let parent = SheetBuilder.parentColumn(of: t.name, singles: singles)
            if t.name.contains(".") == false, let s = t.header.firstIndex(of: "source") ?? t.header.firstIndex(where: { $0.hasSuffix("Source") }) {
                for i in t.rows.indices { t.rows[i][s] = exampleMark }
            }
            let guidance = t.header.enumerated().map { i, c -> String in
                let words = c == parent || c == "parent" ? "the id of the \(c) this row belongs to" : guide(t.name, c, kinds[c] ?? .text)
                return i == 0 ? "# \(words)" : words
            }
            return (t.fileName, SheetCSV.write(t, comments: [guidance]))
        }
    }

    /// A column's line of guidance.
    static func guide(_ table: String, _ column: String, _ kind: SheetKind) -> String {
        let key = String(column.split(separator: ".").last ?? "")
        let refs: [String: String] = [
            "lead": "a member's id (members.csv)", "sponsor": "a member's id (members.csv)", "owner": "a member's id (members.csv)",
            "priority": "a priority's id (priorities.csv)", "workstreams": "workstream ids (workstreams.csv), one a line",
            "interventions": "intervention ids (interventions.csv), one a line",
        ]
        if key == "id" { return table.contains(".") ? "an id for this record (optional)" : "a unique id: no spaces or slashes" }
        if key == "source" || key.hasSuffix("Source") {
            return "where the figure comes from (document and paragraph), or 'illustrative: …' / 'judgement: …'"
        }
        if let r = refs[key], table != "members" { return r }
        if kind == .whole, ["amount", "budget", "allocation", "cost", "approved", "profile"].contains(where: { key.lowercased().contains($0) }) {
            return "whole pounds: £1,234 or 1234 read the same"
        }
        return kind.guidance + (Limits.multiLineKeys.contains(key) ? " (several lines allowed)" : "")
    }

    /// What reading a workbook found: the documents it holds, in register order, and each problem.
    public struct Reading {
        public var documents: [AnyDocument] = []
        public var problems: [SheetProblem] = []
        public var warnings: [SheetProblem] = []
        /// Where each document's row is, for placing what the board's checks find.
        var rows: [String: (table: String, row: Int)] = [:]
        var reader: SheetReader?

        /// A finding about a document (a field, or a path into its records) placed at its cell.
        func place(_ collection: String, _ id: String, _ path: [FieldKey]) -> String {
            guard let (table, row) = rows[collection + "/" + id], let reader else { return "\(collection).csv: \(id)" }
            var t = table, r = row
            var ref = Registers.singles.contains(collection) ? "" : id
            var column: String?
            var i = 0
            while i < path.count {
                guard case .key(let k) = path[i] else { break }
                let child = t + "." + (column.map { $0 + "." + k } ?? k)
                if reader.tables[child] != nil, i + 1 < path.count, case .index(let n) = path[i + 1],
                    let rows = reader.records(child, of: ref), rows.indices.contains(n)
                {
                    t = child
                    r = rows[n]
                    let own = (reader.cell(child, r, "id") ?? "").trimmingCharacters(in: .whitespaces)
                    let mine = own.isEmpty ? "#\(n + 1)" : own
                    ref = ref.isEmpty ? mine : ref + "/" + mine
                    column = nil
                    i += 2
                    continue
                }
                column = column.map { $0 + "." + k } ?? k
                i += 1
                if i < path.count, case .index = path[i] { break }
            }
            return reader.place(t, r, column.flatMap { reader.hasColumn(t, $0) ? $0 : nil })
        }
    }

    /// Reads a workbook's tables: every row decoded and checked, every problem placed at its file, row
    /// and column; nothing is written. With `base` (an existing store's board), a row whose id the board
    /// has updates it, and a column the sheet leaves out keeps the stored value; a records table that is
    /// not there at all leaves each document's records as they are.
    public static func read(_ tables: [SheetTable], base: Board?) -> (Reading, Board?) {
        var out = Reading()
        let known = Set(collections.map(\.rawValue))
        var useful: [SheetTable] = []
        for t in tables {
            let top = String(t.name.split(separator: ".").first ?? "")
            if known.contains(top) {
                useful.append(t)
            } else {
                out.warnings.append(
                    SheetProblem(
                        t.fileName,
                        "not a register vrboard reads (the registers are \(collections.map(\.fileName).map { $0.replacingOccurrences(of: ".json", with: ".csv") }.joined(separator: ", ")) and their records tables); ignored"
                    ))
            }
        }
        let reader = SheetReader(tables: useful, singles: singles)
        out.reader = reader
        var board = base
        /// Rows not read (refused, or with a problem): their records are not reported again as orphans.
        var refused = Set<String>()
        for name in collections {
            guard let t = reader.tables[name.rawValue], !t.rows.isEmpty else { continue }
            guard t.header.contains("id") else {
                out.problems.append(SheetProblem("\(t.fileName):1", "has no 'id' column; every register needs one"))
                continue
            }
            if singles.contains(name.rawValue), t.rows.count > 1 {
                out.problems.append(SheetProblem(t.place(row: 1, column: nil), "\(name.rawValue) holds one row, the board's own; this is a second"))
                continue
            }
            var seen: [String: Int] = [:]
            for r in t.rows.indices {
                let id = (reader.cell(t.name, r, "id") ?? "").trimmingCharacters(in: .whitespaces)
                let before = out.problems.count
                defer { if out.problems.count > before { refused.insert(t.name + "/" + (singles.contains(t.name) ? "" : id)) } }
                if id.isEmpty {
                    out.problems.append(SheetProblem(t.place(row: r, column: "id"), "is empty; every row needs an id"))
                    continue
                }
                if let first = seen[id] {
                    out.problems.append(
                        SheetProblem(t.place(row: r, column: "id"), "'\(Sanitize.display(id))' is also the id of row \(t.rowNumbers[first])"))
                    continue
                }
                seen[id] = r
                if let s = t.header.firstIndex(of: "source") ?? t.header.firstIndex(where: { $0.hasSuffix("Source") }), t.rows[r][s] == exampleMark {
                    out.problems.append(
                        SheetProblem(t.place(row: r, column: nil), "this is the template's example row: replace it with your own, or delete it"))
                    continue
                }
                let stored: AnyDocument? =
                    singles.contains(name.rawValue)
                    ? base.flatMap { b in b.document(name, name == .programme ? b.programme.id : b.funding.id) } : base?.document(name, id)
                let fallback = stored.flatMap { try? DocumentCodec.encode($0) }.flatMap { try? JSONSerialization.jsonObject(with: $0) }
                let decoder = SheetDecoder(
                    reader: reader, table: t.name, row: r, column: "", ref: singles.contains(name.rawValue) ? "" : id, fallback: fallback)
                do {
                    var doc = try document(name, decoder)
                    doc = doc.withRev(stored?.rev ?? 1)
                    out.rows[name.rawValue + "/" + doc.id] = (t.name, r)
                    if stored.map({ $0.withRev(doc.rev) != doc }) ?? true {
                        out.documents.append(doc)
                    }
                    if board == nil, name == .programme, case .programme(let p) = doc {
                        board = Store.emptyBoard(asAt: p.asAt)
                    }
                    board?.apply(doc)
                } catch let p as SheetProblem {
                    out.problems.append(p)
                } catch {
                    out.problems.append(SheetProblem(t.place(row: r, column: nil), "\(error)"))
                }
            }
        }
        for o in reader.orphans() {
            let top = String(o.table.split(separator: ".").first ?? "")
            if refused.contains(top + "/" + (o.ref.split(separator: "/", omittingEmptySubsequences: false).first.map(String.init) ?? "")) { continue }
            let parent = String(o.table[..<(o.table.lastIndex(of: ".") ?? o.table.endIndex)])
            let what = SheetBuilder.parentColumn(of: o.table, singles: singles) ?? "record"
            out.problems.append(
                SheetProblem(
                    reader.place(o.table, o.row, reader.tables[o.table].flatMap { reader.parentColumn($0) }),
                    o.ref.isEmpty
                        ? "belongs to \(parent).csv, which has no row"
                        : "names \(what) '\(Sanitize.display(o.ref))', which no row of \(parent).csv has"))
        }
        guard let b = board else {
            if out.problems.isEmpty {
                out.problems.append(SheetProblem("programme.csv", "is missing: a new board needs its programme (vrboard template writes one)"))
            }
            return (out, nil)
        }
        if base == nil, reader.tables[CollectionName.funding.rawValue] == nil {
            out.problems.append(SheetProblem("funding.csv", "is missing: a new board needs its funding (vrboard template writes one)"))
        }
        // The store's own checks of what was read: texts, numbers, references, figures that must agree.
        for doc in out.documents {
            for issue in Inspector.issues(of: doc.document, texts: true) {
                out.problems.append(SheetProblem(out.place(doc.collection.rawValue, doc.id, issue.path), issue.reason))
            }
        }
        let touched = Set(out.documents.map { $0.collection.rawValue + "/" + $0.id })
        func placed(_ p: BoardProblem) -> SheetProblem? {
            guard touched.contains(p.collection + "/" + p.id) || base == nil else { return nil }
            return SheetProblem(out.place(p.collection, p.id, p.field.map { [.key($0)] } ?? []), p.reason)
        }
        out.problems += b.problems.compactMap(placed)
        out.warnings += b.figureWarnings.compactMap(placed)
        return (out, b)
    }

    static func document(_ name: CollectionName, _ d: SheetDecoder) throws -> AnyDocument {
        switch name {
        case .programme: .programme(try Programme(from: d))
        case .funding: .funding(try Funding(from: d))
        case .members: .member(try Member(from: d))
        case .priorities: .priority(try Priority(from: d))
        case .workstreams: .workstream(try Workstream(from: d))
        case .risks: .risk(try Risk(from: d))
        case .meetings: .meeting(try Meeting(from: d))
        case .interventions: .intervention(try Intervention(from: d))
        case .evaluations: .evaluation(try Evaluation(from: d))
        case .outcomes: .outcome(try OutcomeMeasure(from: d))
        case .sources: .source(try SourceDocument(from: d))
        }
    }

    /// What an import would change, a line per document: added, or updated with the fields that differ.
    public static func changes(_ docs: [AnyDocument], base: Board?) -> [String] {
        docs.map { doc in
            let name = "\(doc.collection.rawValue)/\(doc.id)"
            guard let old = base?.document(doc.collection, doc.id) else { return "add     \(name)" }
            let a = (try? DocumentCodec.encode(old)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
            let b = (try? DocumentCodec.encode(doc.withRev(old.rev))).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
            let fields = Set(a.keys).union(b.keys).filter { k in
                !(a[k].map { NSDictionary(dictionary: ["v": $0]) } == b[k].map { NSDictionary(dictionary: ["v": $0]) })
            }.sorted()
            return "update  \(name): \(fields.joined(separator: ", "))"
        }
    }
}
