import ArgumentParser
import Foundation
import VRModel
import VRPostgres
import VRStore
import VRStoreAPI

/// `vrboard template`: the registers as empty spreadsheets to fill in.
struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Write the registers as spreadsheets to fill in: one CSV per register, each with its header, a row of guidance and an example row.",
        discussion: """
            Writes programme.csv, funding.csv, members.csv, priorities.csv, workstreams.csv, risks.csv, interventions.csv, \
            evaluations.csv, outcomes.csv and sources.csv (the documents the figures cite), and a table for each list of records inside them (workstreams.history.csv, \
            risks.actions.csv, interventions.returns.csv, funding.categories.csv, funding.grants.csv, …), whose first column \
            names the row it belongs to. The guidance row starts with # and is skipped on import; the example row comes from the \
            NNVRU sample, its source marked as the example, and import refuses it until it is replaced or deleted. \
            Then: vrboard import DIR --into NEW-STORE.
            """)

    @Option(help: ArgumentHelp("The folder to write into (made if it does not exist; no file in it is overwritten).", valueName: "dir")) var out:
        String

    func run() throws {
        let example = try Store(path: try Datasets.path(of: Datasets.defaultName), readOnly: true).board
        let files = try Registers.template(example: example)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        if let there = files.first(where: { FileManager.default.fileExists(atPath: out + "/" + $0.name) }) {
            throw CLIError("\(out)/\(there.name) already exists; nothing was written (choose a new folder, so no filled-in sheet is overwritten)")
        }
        for f in files { try Data(f.text.utf8).write(to: URL(fileURLWithPath: out + "/" + f.name), options: .withoutOverwriting) }
        printOut(
            """
            Wrote \(files.count) spreadsheets to \(out): \(files.map(\.name).joined(separator: ", ")).
            Fill them in (keep each header row; the row starting # is guidance and is skipped; replace or delete the example row), then:
              vrboard import \(out) --into NEW-STORE --dry-run    (check everything; write nothing)
              vrboard import \(out) --into NEW-STORE
            """)
    }
}

/// `vrboard import`: a folder of register spreadsheets into a new store, or added to and updated in one.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Read register spreadsheets (as `vrboard template` or `export --format csv` writes them) into a new store, or add and update by id in an existing one.",
        discussion: """
            Every sheet is read and checked before anything is written: each problem is printed as file:row:column (with the \
            spreadsheet's column letter) and the reason, and then nothing is written. Reads Excel's "CSV UTF-8" and plain \
            Windows-1252 CSV, comma- or semicolon-separated; amounts as Excel writes them (£1,234, 1234.00); dates as \
            2022-03-31 or 31/03/2022; yes/no. Into an existing store, a row whose id the store has updates that document, a \
            column a sheet leaves out keeps the stored value, and a records table that is not there leaves the records as they \
            are; each change is one saved, durable change in the history. DIR may be the folder `export --format csv` wrote \
            (its registers/ folder is read).
            """)

    @Argument(help: ArgumentHelp("The folder of CSV files.", valueName: "dir")) var dir: String
    @Option(help: ArgumentHelp("The store: a folder (new, or a vrboard store), or postgres://USER@HOST:PORT/DB?vru=NAME.", valueName: "dir|url"))
    var into: String
    @Flag(help: "Check everything and say what would change; write nothing.") var dryRun = false
    @Option(help: "The author of the changes (default: the config file's user, else your login name).") var user: String?

    func run() throws {
        // The folder `export --format csv` wrote keeps the registers in registers/.
        let folder = FileManager.default.fileExists(atPath: dir + "/registers") ? dir + "/registers" : dir
        let (tables, notes) = try Import.tables(in: folder)
        for n in notes { printErr(n) }
        // Read-only while checking: a refused import leaves the store exactly as it was.
        let existing = try Import.openExisting(into, readOnly: true)
        let base = existing?.board
        let (reading, board) = Registers.read(tables, base: base)
        for w in reading.warnings { printErr("\(folder)/\(w) (warning)") }
        if !reading.problems.isEmpty {
            for p in reading.problems.prefix(200) { printErr("\(folder)/\(p)") }
            if reading.problems.count > 200 { printErr("… and \(reading.problems.count - 200) more") }
            throw CLIError(
                "\(reading.problems.count) problem\(reading.problems.count == 1 ? "" : "s") in \(folder) (above); nothing was written",
                code: VRBoard.Exit.problems)
        }
        guard let board else { throw CLIError("\(folder) holds no register vrboard reads; nothing was written") }
        let changes = Registers.changes(reading.documents, base: base)
        let added = changes.filter { $0.hasPrefix("add") }.count
        let summary =
            "\(added) to add, \(changes.count - added) to update, \(max(0, tables.reduce(0) { $0 + ($1.name.contains(".") ? 0 : $1.rows.count) } - changes.count)) unchanged"
        if dryRun {
            for c in changes { printOut(c) }
            printOut("\(summary) in \(existing?.location ?? into); nothing was written (--dry-run)")
            return
        }
        guard existing != nil else {
            if let address = try StoreOptions.address(into) {
                try PostgresStore.create(at: address, board: board, dataset: nil)
            } else {
                try Store.create(at: into, board: board, dataset: nil)
            }
            printOut("Created a vrboard store at \(into) from \(folder) (\(reading.documents.count) documents).")
            return
        }
        let store = try Stores.open(into, readOnly: false)
        if let first = store.journalProblems().first {
            throw CLIError("\(first)\nnothing was written: the journal does not check; run `vrboard validate`, then `vrboard repair`")
        }
        let author = Settings.user(user)
        var saved = 0
        for doc in reading.documents {
            let baseRev = base?.document(doc.collection, doc.id)?.rev ?? 0
            do {
                try store.commit(doc, baseRev: baseRev, by: author, note: "imported from \(folder)", at: Timestamp.now())
                saved += 1
            } catch StoreError.conflict {
                throw CLIError(
                    "\(doc.collection.rawValue)/\(doc.id) was changed by another save while importing; \(saved) of \(reading.documents.count) changes saved, "
                        + "each durable; run the import again (it adds and updates by id, so it picks up the rest)", code: VRBoard.Exit.conflict)
            }
        }
        try? store.close()
        printOut("Imported \(folder) into \(store.location): \(summary.replacingOccurrences(of: " to ", with: " "))")
    }

    /// Every CSV of a folder as a table, and a note for each read as Windows-1252.
    static func tables(in folder: String) throws -> ([SheetTable], [String]) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("\(folder) is not a folder", code: VRBoard.Exit.usage)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        guard !names.isEmpty else { throw CLIError("\(folder) holds no .csv file (`vrboard template --out \(folder)` writes them)") }
        var tables: [SheetTable] = [], notes: [String] = []
        var problems: [String] = []
        for n in names {
            let bytes = try readFileBytes(folder + "/" + n)
            let encoding = SheetCSV.text(bytes).encoding
            if encoding != "UTF-8" { notes.append("\(folder)/\(n): not UTF-8; read as \(encoding)") }
            do { tables.append(try SheetCSV.table(name: String(n.dropLast(4)), bytes: bytes)) } catch let p as SheetProblem {
                problems.append("\(folder)/\(p)")
            }
        }
        if !problems.isEmpty {
            for p in problems { printErr(p) }
            throw CLIError("\(problems.count) file\(problems.count == 1 ? "" : "s") in \(folder) could not be read (above); nothing was written")
        }
        return (tables, notes)
    }

    /// The store to import into, when it exists; nil for a new one (a folder not there or empty, a VRU the database lacks).
    static func openExisting(_ into: String, readOnly: Bool) throws -> (any DurableStore)? {
        if try StoreOptions.address(into) != nil {
            do { return try Stores.open(into, readOnly: readOnly) } catch let e as PostgresStoreError where e.isMissingStore { return nil }
        }
        if FileManager.default.fileExists(atPath: into + "/" + Store.manifestName) { return try Stores.open(into, readOnly: readOnly) }
        if let inside = try? FileManager.default.contentsOfDirectory(atPath: into), !inside.isEmpty {
            throw CLIError("\(into) is a folder that is not a vrboard store and is not empty; nothing was written", code: VRBoard.Exit.usage)
        }
        return nil
    }

    static func readFileBytes(_ path: String) throws -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read \(path)") }
        defer { try? h.close() }
        let data = try h.read(upToCount: SheetCSV.maxBytes + 1) ?? Data()
        return [UInt8](data)
    }
}

/// `vrboard source`: declares a document the board's figures cite, or changes one; journalled like any save.
struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source",
        abstract: "Declare a document the board's figures cite (a report, a board paper), or change one; one durable save.",
        discussion: """
            Citations name the document by its id and a place in it (`WVPU-AR-2324 §3.2`). With only the id, prints the \
            document. Given options change only what they name.
            """)

    @Argument(help: ArgumentHelp("The document's id, as citations name it (no spaces).", valueName: "id")) var id: String
    @Option(help: "Its title.") var title: String?
    @Option(help: "Who issued it.") var publisher: String?
    @Option(help: ArgumentHelp("Its date: yyyy-mm-dd or dd/mm/yyyy.", valueName: "date")) var date: String?
    @Option(help: ArgumentHelp("How the date reads: published, as-at or meeting.", valueName: "kind")) var kind: String?
    @Option(help: "Where it can be read.") var link: String?
    @Option(help: ArgumentHelp("Its sections, tables and annexes, comma-separated (§1, §2.3, Table 1, annex).", valueName: "list"))
    var sections: String?
    @Option(help: "How the date and sections were established.") var note: String?
    @Option(help: "The author of the change (default: the config file's user, else your login name).") var user: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard !id.isEmpty, !id.contains(" "), !id.contains("/"), Limits.textProblem(id, multiLine: false) == nil else {
            throw CLIError("the id '\(Sanitize.display(id))' may not be empty or hold spaces or slashes", code: VRBoard.Exit.usage)
        }
        if [title, publisher, date, kind, link, sections, note].allSatisfy({ $0 == nil }) {
            let store = try storeOptions.open(readOnly: true)
            guard let d = store.board.sources[id] else { throw CLIError("no source document '\(Sanitize.display(id))'") }
            printOut("\(d.id)  \(d.title) · \(d.dated)\(d.link.map { " · \($0)" } ?? "")")
            printOut("sections: \((d.sections ?? []).joined(separator: ", "))")
            printOut(d.note)
            return
        }
        let day: Day? = try date.map { text in
            let (d, why) = Day.reading(text)
            guard let d else { throw CLIError("--date: \(why ?? "not a date")", code: VRBoard.Exit.usage) }
            return d
        }
        let dateKind: SourceDocument.DateKind? = try kind.map { k in
            guard let v = SourceDocument.DateKind(rawValue: k) else {
                throw CLIError("--kind: \(SourceDocument.DateKind.refusal(k))", code: VRBoard.Exit.usage)
            }
            return v
        }
        let author = Settings.user(user)
        let saved = try writeChange(storeOptions, by: author, reading: [(.sources, id)]) { board, _ in
            var d: SourceDocument
            if let existing = board.sources[id] {
                d = existing
            } else {
                guard let title, let publisher, let day else {
                    throw CLIError("a new source document needs --title, --publisher and --date", code: VRBoard.Exit.usage)
                }
                d = SourceDocument(id: id, title: title, publisher: publisher, date: day, dateKind: dateKind ?? .published, note: note ?? "")
            }
            if let title { d.title = Limits.tabsAsSpaces(title, multiLine: false) }
            if let publisher { d.publisher = Limits.tabsAsSpaces(publisher, multiLine: false) }
            if let day { d.date = day }
            if let dateKind { d.dateKind = dateKind }
            if let link { d.link = link.isEmpty ? nil : link }
            if let sections {
                let list = sections.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                d.sections = list.isEmpty ? nil : list
            }
            if let note { d.note = Limits.tabsAsSpaces(note, multiLine: true) }
            if let issue = Inspector.issues(of: d, texts: true).first { throw CLIError("\(issue)", code: VRBoard.Exit.usage) }
            let base = board.sources[id]?.rev ?? 0
            return (.source(d), base, "\(base == 0 ? "Declared" : "Changed") source document \(id): \(d.title) (\(d.dated))")
        }
        printOut("\(id): \(saved.board.sources[id].map { "\($0.title) · \($0.dated)" } ?? "") (change #\(saved.entry.seq), by \(author))")
    }
}
