import ArgumentParser
import Foundation
import VRModel
import VRPostgres
import VRReport
import VRRuntime
import VRStore
import VRStoreAPI

@main
struct VRBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vrboard",
        abstract: "A Violence Reduction Unit's strategy board: priorities, workstream RAG, funding and risks.",
        discussion: """
            With no subcommand, opens the board in the terminal. `vrboard help TOPIC` prints a reference topic: \
            \(HelpTopics.all.map(\.name).joined(separator: ", ")) (`vrboard help topics` says what each holds).

            Every command that reads or writes a store takes --store <dir|url>: a folder, or \
            postgres://USER@HOST:PORT/DB?vru=NAME (default: $VRBOARD_STORE, else the config file's store, else a \
            per-user store created from the NNVRU sample). Every command that saves takes --user <name>: the name \
            recorded on changes (default: the config file's user, else your login name); the store records your \
            login or database role beside it.
            """,
        version: "0.1.0",
        subcommands: [
            Open.self, Present.self, Meetings.self, Render.self, Init.self, Validate.self, Repair.self, SourcesCommand.self, Rag.self, Reach.self,
            Spend.self, Export.self, Template.self, Import.self, SourceCommand.self, History.self, Copy.self, Grant.self, National.self,
            KeyTable.self, BoardDateCommand.self, QuarterCommand.self, Year.self,
        ],
        defaultSubcommand: Open.self)

    /// Exit codes, the same for every command (`vrboard help commands` lists them).
    enum Exit {
        static let problems: Int32 = 1
        static let usage: Int32 = 2
        static let conflict: Int32 = 3
    }

    static func main() {
        // For the benchmark's child processes: the process's own peak memory, said on stderr as it exits
        // (what wait4 reports of a spawned child counts the benchmark it was started from).
        if ProcessInfo.processInfo.environment["VRBOARD_REPORT_PEAK"] != nil {
            atexit { PeakMemory.report() }
        }
        // `vrboard help TOPIC`: the reference README points to (`vrboard help COMMAND` is the command's help).
        let args = Array(CommandLine.arguments.dropFirst())
        if args.first == "help", let text = HelpTopics.text(args.dropFirst().first) {
            printOut(text)
            return
        }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // --help and --version print in full; any other parse error is bad usage: one line, one code.
            if exitCode(for: error) == .success { exit(withError: error) }
            fail(usageLine(for: error), code: Exit.usage)
        }
        do {
            try command.run()
        } catch let e as CLIError {
            fail(e.description, code: e.code)
        } catch let e as StoreError {
            if case .problems(let ps) = e {
                for p in ps { printErr("\(p)") }
                Foundation.exit(Exit.problems)
            }
            fail(e.description, code: e.isConflict ? Exit.conflict : Exit.problems)
        } catch let e as Problem {
            fail(e.description, code: 1)
        } catch {
            exit(withError: error)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        printErr("vrboard: error: \(message)")
        Foundation.exit(code)
    }

    /// ArgumentParser's message on one line, and where to read more: `unknown command 'x'` when the
    /// first word names no command.
    static func usageLine(for error: Error) -> String {
        let args = Array(CommandLine.arguments.dropFirst())
        let sub = args.first.flatMap { a in configuration.subcommands.contains { $0._commandName == a } ? a : nil }
        if let first = args.first, !first.hasPrefix("-"), sub == nil {
            // The commands README lists: the shown ones, less the default (the board itself).
            let shown = configuration.subcommands.filter { $0.configuration.shouldDisplay && ObjectIdentifier($0) != ObjectIdentifier(Open.self) }.map
            { $0._commandName }
            return "unknown command '\(first)'; commands: \(shown.joined(separator: ", ")) (see `vrboard --help`)"
        }
        let lines = message(for: error).split(separator: "\n").map(String.init)
        // A long list of values comes as "- value" lines: one line still, the values quoted as a short list is.
        let values = lines.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("- ") }.map { "'\($0.dropFirst(2))'" }
        let list = values.count > 1 ? " " + values.dropLast().joined(separator: ", ") + " or " + values.last! : ""
        let text = (lines.first ?? "\(error)") + list
        let line = text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text
        return "\(line) (see `vrboard \(sub.map { $0 + " " } ?? "")--help`)"
    }
}

extension StoreError {
    var isConflict: Bool { if case .conflict = self { return true } else { return false } }
}

/// Writes a line to stdout. Whatever the store holds, no control character reaches the terminal:
/// each is shown as a visible picture (`␛`), line breaks kept.
func printOut(_ s: String) { writeLine(s, to: .standardOutput) }

/// The same for stderr (messages quote ids, file names and values from the store).
func printErr(_ s: String) { writeLine(s, to: .standardError) }

private func writeLine(_ s: String, to handle: FileHandle) {
    let safe = Sanitize.display(s, keepLineBreaks: true)
    handle.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store: a new folder, or a VRU in a PostgreSQL database (postgres://USER@HOST:PORT/DB?vru=NAME).",
        discussion: "In a database, the first init creates vrboard's tables and roles (it needs a role that may create them).")

    @Argument(help: ArgumentHelp("The folder to create, or a PostgreSQL address with ?vru=NAME.", valueName: "dir|url")) var dir: String
    @Option(help: "The data to start from.") var dataset = DatasetName(Datasets.defaultName)
    @Option(
        help: ArgumentHelp(
            "Start from a folder of JSON written by hand (programme.json, members.json, workstreams.json, … as data/ holds them), checked whole first: nothing is created unless it is sound.",
            valueName: "dir"))
    var from: String?

    func run() throws {
        let board: Board
        if let from {
            board = try Init.board(fromHandWritten: from)
        } else if dataset.name == DatasetName.empty {
            board = Store.emptyBoard(asAt: Timestamp.today())
        } else {
            // Opening read-only checks every snapshot and the journal, and writes nothing to the source.
            board = try Store(path: try Datasets.path(of: dataset.name), readOnly: true).board
        }
        let name = from != nil || dataset.name == DatasetName.empty ? nil : dataset.name
        if let address = try StoreOptions.address(dir) {
            try PostgresStore.create(at: address, board: board, dataset: name)
            printOut("Created VRU \(address.vru ?? "") in the PostgreSQL store \(address.display) (\(dataset)).")
        } else {
            try Store.create(at: dir, board: board, dataset: name)
            printOut("Created a vrboard store at \(dir) (\(from.map { "from \($0)" } ?? "\(dataset)")).")
        }
    }

    /// The board a folder of hand-written JSON holds, checked as `validate` checks a store (every file
    /// placed, the figures agreeing) before anything is created; a file the folder lacks is an empty
    /// collection, except programme.json and funding.json, which every board needs.
    static func board(fromHandWritten dir: String) throws -> Board {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("--from: \(dir) is not a folder", code: VRBoard.Exit.usage)
        }
        for required in [CollectionName.programme, .funding] where !FileManager.default.fileExists(atPath: dir + "/" + required.fileName) {
            throw CLIError("--from: \(dir) has no \(required.fileName); every board needs one (data/ has examples); nothing was created")
        }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-init-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        try Store.create(at: work, board: Store.emptyBoard(asAt: Timestamp.today()), dataset: nil)
        for name in CollectionName.allCases where FileManager.default.fileExists(atPath: dir + "/" + name.fileName) {
            try FileManager.default.removeItem(atPath: work + "/" + name.fileName)
            try FileManager.default.copyItem(atPath: dir + "/" + name.fileName, toPath: work + "/" + name.fileName)
        }
        let result = Store.check(work)
        for w in result.warnings { printErr("\(dir)/\(w) (warning)") }
        if !result.problems.isEmpty {
            for p in result.problems { printErr(p.file == work ? "\(dir): \(p.reason)" : "\(dir)/\(p)") }
            throw CLIError(
                "\(dir) is not sound (\(result.problems.count) problem\(result.problems.count == 1 ? "" : "s") above); nothing was created")
        }
        return try Store(path: work, readOnly: true).board
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every file of a store; print file:line:column: reason for each problem. Changes nothing.")

    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }

    func run() throws {
        let path = storeOptions.resolvedPath().path
        if try storeOptions.address() != nil {
            // On PostgreSQL: every document decoded and checked on opening, and the journal's rules by the server.
            let store = try storeOptions.open(readOnly: true)
            // The same rules and figures as a folder's: references, and figures that must agree.
            let problems = store.journalProblems() + ((store as? PostgresStore)?.textProblems() ?? []) + store.board.problems.map(\.description)
            let warnings = store.board.figureWarnings.map(\.description)
            for w in warnings { printErr("\(w) (warning)") }
            for p in problems { printErr(p) }
            if !problems.isEmpty { throw ExitCode(VRBoard.Exit.problems) }
            printOut("\(store.location): sound" + (warnings.isEmpty ? "" : " (\(warnings.count) warning\(warnings.count == 1 ? "" : "s"))"))
            return
        }
        let result = Store.check(path)
        for w in result.warnings { printErr("\(path)/\(w) (warning)") }
        if result.problems.isEmpty {
            printOut(
                "\(path): sound" + (result.warnings.isEmpty ? "" : " (\(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s"))"))
            return
        }
        // A problem with the path itself (a file given as the store) is placed there, not under it.
        for p in result.problems { printErr(p.file == path ? "\(p)" : "\(path)/\(p)") }
        throw ExitCode(VRBoard.Exit.problems)
    }
}

struct Rag: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rag",
        abstract: "Change a workstream's rating; exits 0 only once the change is durable.",
        discussion: "RATING is one of G, A/G, A, A/R, R, C (complete), NR (not rated), or the full name (amber-green).")

    @Argument(help: ArgumentHelp("The workstream id, e.g. WS-1.1.", valueName: "workstream-id")) var workstream: String
    @Argument(help: ArgumentHelp("The new rating.", valueName: "rating")) var rating: String
    @Option(help: ArgumentHelp("The evidence for the change; `-` reads it from stdin.", valueName: "text")) var note: String?
    @Option(help: ArgumentHelp("Read the evidence from a file (for a long note).", valueName: "path")) var noteFile: String?
    @Flag(help: "Change the overall delivery confidence rather than the in-year rating.") var overall = false
    @Flag(help: "The rating is a judgement from the evidence in the note, not a rating the evidence gives (shown with †).") var judgement = false
    @Flag(name: .customLong("evidence"), help: "The evidence gives the rating (a review of a judged rating otherwise stays a judgement).")
    var asEvidence = false
    @Option(help: "The author (default: the config file's user, else your login name).") var user: String?
    @OptionGroup var storeOptions: StoreOptions

    /// The note from --note, stdin (`--note -`) or --note-file, checked like the form's comment field.
    func evidence() throws -> String {
        let text: String
        switch (note, noteFile) {
        case (nil, nil):
            throw CLIError(
                "the evidence is required: --note TEXT, --note - (stdin) or --note-file PATH (see `vrboard rag --help`)", code: VRBoard.Exit.usage)
        case (.some, .some): throw CLIError("give --note or --note-file, not both (see `vrboard rag --help`)", code: VRBoard.Exit.usage)
        case (let n?, nil) where n != "-": text = Limits.tabsAsSpaces(n, multiLine: true)
        case (_, let path):
            let data: Data
            if let path {
                guard let d = FileManager.default.contents(atPath: path) else {
                    throw CLIError("--note-file: cannot read \(path)", code: VRBoard.Exit.usage)
                }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            guard let s = String(data: data, encoding: .utf8) else { throw CLIError("the note is not UTF-8 text", code: VRBoard.Exit.usage) }
            text = Limits.tabsAsSpaces(s.hasSuffix("\n") ? String(s.dropLast()) : s, multiLine: true)
        }
        if let problem = Limits.textProblem(text, multiLine: true) { throw CLIError("the note \(problem)", code: VRBoard.Exit.usage) }
        return text
    }

    func run() throws {
        guard let new = RAG(parsing: rating) else {
            throw CLIError(
                "'\(rating)' is not a rating; use one of G, A/G, A, A/R, R, C (complete), NR (not rated) or a name such as amber-green",
                code: VRBoard.Exit.usage)
        }
        let note = try evidence()
        let kind: RatingKind = overall ? .overall : .inYear
        let author = Settings.user(user)
        if let problem = Limits.textProblem(author, multiLine: false) { throw CLIError("--user \(problem)", code: VRBoard.Exit.usage) }
        if judgement && asEvidence { throw CLIError("--judgement and --evidence say opposite things; give one", code: VRBoard.Exit.usage) }
        var old = new
        var basis = RatingChange.Basis.evidence
        let saved = try writeChange(storeOptions, by: author, reading: [(.workstreams, workstream)], requires: (.workstreams, workstream)) {
            board, login in
            guard var ws = board.workstreams[workstream] else {
                throw CLIError("no workstream '\(workstream)'; ids look like \(board.workstreams.items.prefix(3).map(\.id).joined(separator: ", "))")
            }
            old = ws.rating(kind)
            // A review keeps the rating's basis (a judgement stays one) unless told; a change is evidence unless told.
            basis = judgement ? .judgement : asEvidence ? .evidence : old == new ? (ws.lastChange(kind)?.basis ?? .evidence) : .evidence
            do {
                // The rating it already has: a dated review that keeps it, with its evidence.
                let now = Timestamp.now(), on = board.programme.entryDay(at: now)
                if old == new {
                    try ws.review(kind, by: author, at: now, comment: note, basis: basis, login: login, boardDate: on)
                } else {
                    try ws.rate(kind, to: new, by: author, at: now, comment: note, basis: basis, login: login, boardDate: on)
                }
            } catch {
                throw CLIError("\(workstream): \(error)")
            }
            return (.workstream(ws), board.workstreams[workstream]!.rev, RatingChange.note(kind, from: old, to: new, comment: note))
        }
        printOut(
            "\(workstream): \(kind.label.lowercased()) rating \(old == new ? "\(old.letter) reviewed, no change" : "\(old.letter) -> \(new.letter)")\(basis == .judgement ? " (judgement)" : "") (change #\(saved.entry.seq), by \(author))"
        )
        if let warning = saved.checkpointProblem { printErr("vrboard: warning: \(warning)") }
    }
}

/// What a command's save did: the board as far as it was read, the change, and a warning when the
/// snapshots could not be rewritten after it (the change is durable in the journal either way).
struct WrittenChange {
    let board: Board
    let entry: JournalEntry
    let checkpointProblem: String?
}

/// Writes one change and returns once it is durable (a rewrite of the snapshots that fails afterwards is a
/// warning, not a failed save). `change` makes the document from the board as it is.
///
/// On a folder store it costs what it touches (`Store.saveOne`): the documents in `reading` (and the
/// programme and the funding) are read, not the whole board, under the writer's lock, after the journal's
/// newest file is checked (a writer never appends to a journal that has been damaged or forged). When
/// `requires` is not among them, or the store needs its whole board (an older format), it is opened whole:
/// on PostgreSQL too, where the whole journal is checked first and `change` is made again on the newer
/// board if another process saved in between, backing off with jitter, for up to `contentionLimit` seconds.
func writeChange(
    _ options: StoreOptions, by author: String, reading: [(CollectionName, String)] = [], requires: (CollectionName, String)? = nil,
    _ change: (Board, _ login: String) throws -> (doc: AnyDocument, baseRev: Int, note: String)
) throws -> WrittenChange {
    let (path, _) = options.resolvedPath()
    if try options.address() == nil, options.year == nil, FileManager.default.fileExists(atPath: path + "/" + Store.manifestName) {
        do {
            let one = try Store.saveOne(at: path, reading: reading, by: author) { board, login in
                if let (c, id) = requires, board.document(c, id) == nil { return nil }
                return try change(board, login)
            }
            if let one {
                for w in one.warnings { printErr("vrboard: warning: \(w)") }
                return WrittenChange(board: one.board, entry: one.entry, checkpointProblem: one.checkpointProblem)
            }
        } catch let refusal as JournalRefusal {
            throw CLIError(
                refusal.problems.map { "\(path)/\($0)" }.joined(separator: "\n")
                    + "\nnot saved: the journal does not check; run `vrboard validate`, then `vrboard repair`")
        }
    }
    let store = try options.open()
    if let first = store.journalProblems().first {
        throw CLIError("\(first)\nnot saved: the journal does not check; run `vrboard validate`, then `vrboard repair`")
    }
    let start = monotonicSeconds()
    var pause = 0.002, tries = 0
    var last: AnyDocument?
    while true {
        let (doc, base, note) = try change(store.board, store.login)
        tries += 1
        do {
            let e = try store.commit(doc, baseRev: base, by: author, note: note, at: Timestamp.now())
            try? store.close()
            return WrittenChange(board: store.board, entry: e, checkpointProblem: store.checkpointProblem)
        } catch StoreError.conflict {
            last = doc
            guard monotonicSeconds() - start + pause < contentionLimit else { break }
            // Others are saving the same document: wait a random part of a growing pause, so the writers spread out.
            usleep(UInt32(Double.random(in: pause / 2...pause) * 1_000_000))
            pause = min(pause * 2, 0.25)
            _ = try store.refresh()
        }
    }
    let what = last.map { "\($0.collection.rawValue)/\($0.id)" } ?? "the document"
    throw CLIError(
        "not saved: contention: other saves kept changing \(what) for \(Int(contentionLimit)) s (\(tries) tries); nothing was written; try again",
        code: VRBoard.Exit.conflict)
}

/// How long a command keeps retrying a save that others' saves keep overtaking.
let contentionLimit = 15.0

/// Seconds on a clock that only goes forward.
func monotonicSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

struct Reach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reach",
        abstract: "Record an intervention's quarterly reach return; exits 0 only once it is durable.",
        discussion: """
            QUARTER is of the financial year: 2021-Q1 is April-June 2021; a return that covers two quarters is written \
            Q1-Q2 2021/22 (or 2021-Q1-Q2). A return for the quarters of one already in replaces it (a correction, whole); a \
            one-quarter return inside a two-quarter one splits it, with --reason.
            """)

    @Argument(help: ArgumentHelp("The intervention id, e.g. IV-01.", valueName: "intervention-id")) var intervention: String
    @Option(help: ArgumentHelp("The quarter, e.g. 2021-Q3, or Q1-Q2 2021/22 for a return of two.", valueName: "quarter")) var quarter: String
    @Option(help: ArgumentHelp("Why a return of two quarters is split into its quarters.", valueName: "text")) var reason: String = ""
    @Option(name: .customLong("under-25"), help: ArgumentHelp("How many aged 24 and under it reached.", valueName: "n")) var under25: String
    @Option(name: .customLong("over-25"), help: ArgumentHelp("How many aged 25 and over it reached.", valueName: "n")) var over25: String
    @Option(help: ArgumentHelp("A note: the provider's return, or what changed.", valueName: "text")) var note: String = ""
    @Option(help: "The author (default: the config file's user, else your login name).") var user: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let span = Quarter.span(quarter) else {
            throw CLIError("--quarter: '\(quarter)' is not a quarter (e.g. 2021-Q3, or Q1-Q2 2021/22; Q1 is April-June)", code: VRBoard.Exit.usage)
        }
        var counts: [Int] = []
        for (flag, text) in [("--under-25", under25), ("--over-25", over25)] {
            switch VRModel.Reach.parse(text) {
            case .success(let n): counts.append(n)
            case .failure(let why): throw CLIError("\(flag): '\(text)': \(why)", code: VRBoard.Exit.usage)
            }
        }
        let note = Limits.tabsAsSpaces(note, multiLine: true)
        if let problem = Limits.textProblem(note, multiLine: true) { throw CLIError("the note \(problem)", code: VRBoard.Exit.usage) }
        let author = Settings.user(user)
        if let problem = Limits.textProblem(author, multiLine: false) { throw CLIError("--user \(problem)", code: VRBoard.Exit.usage) }
        var r = ReachReturn(
            quarter: span.first, quarters: span.count, under25: counts[0], over25: counts[1], by: author, at: Timestamp.now(), note: note)
        let reason = Limits.tabsAsSpaces(reason, multiLine: false)
        var warning: String?
        let saved = try writeChange(
            storeOptions, by: author, reading: [(.interventions, intervention)], requires: (.interventions, intervention)
        ) { board, login in
            guard var iv = board.interventions[intervention] else {
                throw CLIError(
                    "no intervention '\(intervention)'"
                        + (board.interventions.items.isEmpty
                            ? "" : "; ids look like \(board.interventions.items.prefix(3).map(\.id).joined(separator: ", "))"))
            }
            let base = iv.rev
            r.boardDate = board.programme.entryDay(at: r.at)
            warning = iv.unusualChange(r)
            // Lateness and "not ended" are judged against the board's as-at date, as on the board.
            let old: ReachReturn?
            do { old = try iv.record(r, today: board.programme.asAt, splitting: reason) } catch { throw CLIError("\(intervention): \(error)") }
            return (.intervention(iv), base, ReachReturn.note(intervention, r, replacing: old, reason: reason))
        }
        printOut(
            "\(intervention): \(r.label) return recorded: \(r.under25.grouped) under 25, \(r.over25.grouped) aged 25 and over (change #\(saved.entry.seq), by \(author))"
        )
        if let warning { printErr("vrboard: warning: \(warning)") }
        if let problem = saved.checkpointProblem { printErr("vrboard: warning: \(problem)") }
    }
}

struct Spend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Record a quarter's actual spend on a category (and its forecast outturn), or import a quarter's actuals from CSV.",
        discussion: """
            QUARTER is of the financial year: 2021-Q2 is July-September 2021. CATEGORY is a funding category's id or name. \
            --import reads a finance system's CSV export: a header row naming a category column and an amount (or actual) \
            column, optionally a forecast column; UTF-8, UTF-16 or Windows-1252. Every row is checked and nothing is written \
            unless every row is valid; each problem is named by its row and column. Exits 0 only once the change is durable.
            """)

    @Argument(help: ArgumentHelp("The category's id or name, or an intervention's id (not with --import).", valueName: "category")) var category:
        String?
    @Option(help: ArgumentHelp("The quarter, e.g. 2021-Q2.", valueName: "quarter")) var quarter: String
    @Option(help: ArgumentHelp("The quarter's actual spend, in pounds.", valueName: "amount")) var actual: String?
    @Option(help: ArgumentHelp("The forecast outturn for the year, in pounds.", valueName: "amount")) var forecast: String?
    @Option(name: .customLong("import"), help: ArgumentHelp("A CSV file of the quarter's actuals.", valueName: "file")) var file: String?
    @Option(help: ArgumentHelp("A note: where the figures come from.", valueName: "text")) var note: String = ""
    @Option(help: "The author (default: the config file's user, else your login name).") var user: String?
    @OptionGroup var storeOptions: StoreOptions

    func amount(_ flag: String, _ text: String?) throws -> Pounds? {
        guard let text else { return nil }
        guard let v = Money.parse(text) else {
            throw CLIError("\(flag): '\(text)' is not an amount (e.g. 12500 or £12,500)", code: VRBoard.Exit.usage)
        }
        if v < 0 { throw CLIError("\(flag): cannot be negative", code: VRBoard.Exit.usage) }
        return v
    }

    func run() throws {
        guard let q = Quarter(quarter) else {
            throw CLIError("--quarter: '\(quarter)' is not a quarter (e.g. 2021-Q2; Q1 is April-June)", code: VRBoard.Exit.usage)
        }
        let note = Limits.tabsAsSpaces(note, multiLine: true)
        if let problem = Limits.textProblem(note, multiLine: true) { throw CLIError("the note \(problem)", code: VRBoard.Exit.usage) }
        let author = Settings.user(user)
        if let problem = Limits.textProblem(author, multiLine: false) { throw CLIError("--user \(problem)", code: VRBoard.Exit.usage) }
        var lines: [(category: String, actual: Pounds, forecast: Pounds?)] = []
        var imported: SpendImport.Result?
        if let file {
            guard category == nil, actual == nil, forecast == nil else {
                throw CLIError(
                    "--import takes the categories and amounts from the file: give no CATEGORY, --actual or --forecast", code: VRBoard.Exit.usage)
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot be read") }
            // Checked against the store's categories before anything is written.
            let board = try storeOptions.open(readOnly: true).board
            switch SpendImport.read([UInt8](data), funding: board.funding) {
            case .success(let r):
                imported = r
                lines = r.lines
            case .failure(let p):
                throw CLIError(p.all.map { "\(file): \($0)" }.joined(separator: "\n") + "\nnothing written: every row must be valid")
            }
        } else {
            guard let category else { throw CLIError("give a CATEGORY with --actual, or --import FILE", code: VRBoard.Exit.usage) }
            guard let a = try amount("--actual", actual) else { throw CLIError("--actual is needed: the quarter's spend", code: VRBoard.Exit.usage) }
            lines = [(category, a, try amount("--forecast", forecast))]
        }
        var entries: [SpendEntry] = []
        // An intervention's id, when the category is one, is read with the funding.
        let saved = try writeChange(storeOptions, by: author, reading: imported == nil ? lines.map { (.interventions, $0.category) } : []) {
            board, login in
            // An intervention's id records its own spend, against its budget.
            if imported == nil, let id = lines.first?.category, board.funding.category(matching: id) == nil, var iv = board.interventions[id] {
                var entry = SpendEntry(
                    category: id, quarter: q, actual: lines[0].actual, forecast: lines[0].forecast, note: note, by: author, at: Timestamp.now())
                entry.boardDate = board.programme.entryDay(at: entry.at)
                do { try iv.record(spend: entry, asAt: board.programme.asAt) } catch { throw CLIError("\(id): \(error)") }
                entries = [entry]
                return (.intervention(iv), board.interventions[id]!.rev, entry.interventionNote)
            }
            var fu = board.funding
            let now = Timestamp.now()
            entries = []
            for line in lines {
                guard let c = fu.category(matching: line.category) else {
                    throw CLIError("no category or intervention '\(line.category)'; category ids: \(fu.categories.map(\.id).joined(separator: ", "))")
                }
                var entry = SpendEntry(category: c.id, quarter: q, actual: line.actual, forecast: line.forecast, note: note, by: author, at: now)
                entry.boardDate = board.programme.entryDay(at: now)
                do { try fu.record(entry, asAt: board.programme.asAt) } catch { throw CLIError("\(c.id): \(error)") }
                entries.append(entry)
            }
            return (.funding(fu), board.funding.rev, SpendEntry.note(q, entries, fu))
        }
        if let imported {
            printOut(
                "\(q.label): \(entries.count) categories imported (\(imported.encoding)), \(Money.format(Money.sum(entries.map(\.actual)))) in all (change #\(saved.entry.seq), by \(author))"
            )
            if !imported.rounded.isEmpty {
                printErr(
                    "vrboard: note: pence rounded to whole pounds on row\(imported.rounded.count == 1 ? "" : "s") \(imported.rounded.map(String.init).joined(separator: ", "))"
                )
            }
        } else if let entry = entries.first {
            printOut(
                "\(entry.category): \(q.label) actual \(Money.format(entry.actual))\(entry.forecast.map { ", forecast outturn \(Money.format($0))" } ?? "") recorded (change #\(saved.entry.seq), by \(author))"
            )
        }
        let report = saved.board.funding.monitor(asAt: saved.board.programme.asAt)
        for w in report.conditionWarnings + [report.outturnWarning].compactMap({ $0 }) { printErr("vrboard: warning: \(w)") }
        if let problem = saved.checkpointProblem { printErr("vrboard: warning: \(problem)") }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the store: JSON (everything), the board pack (Markdown or HTML), or CSV for spreadsheets.",
        discussion: """
            json: the whole store as one document. md / html / pdf: the board paper in the report format of the \
            Commissioner's office (header; 1 Purpose, 2 Recommendations, 3 Reasons, 4 Summary of Key Points, 5 Financial, \
            6 HR, 7 Equality, 8 Risk Management, 9 Policy and the Police and Crime Plan, 10 Legal, 11 Consultation, \
            12 Appendices holding the registers) of a meeting, as that board was shown, with its minutes: --meeting DATE, \
            else the latest meeting on or before the board's date (stderr says which; an error naming them when a meeting \
            is dated after it); --live for the board as it is now, with no meeting. csv: workstreams.csv, risks.csv, \
            funding.csv, interventions.csv, reach.csv, evaluations.csv, outcomes.csv and monitoring.csv (budget against actual by quarter, \
            with each intervention's line) into the --out folder, of the board as it is now (or as shown at --meeting). pdf: the paper \
            on A4 with the contents' page numbers, printed by a headless Chromium (needs chromium and poppler-utils). \
            --paper summary (md, html or pdf): the quarterly VRU Programme Summary (000 §2.3.6) of --quarter (default: the \
            last quarter ended at the board's date): ratings at the quarter's end and what moved in it, spend against \
            profile, the reach returns, the risks, the outcomes and the quarter close, with the budget monitoring as an appendix.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, md, html, pdf, csv
        /// A board paper (rather than data).
        var isPaper: Bool { self == .md || self == .html || self == .pdf }
    }
    @Option(help: "json, md, html, pdf (A4, printed by a headless Chromium) or csv.") var format: Format = .json
    @Option(
        help: ArgumentHelp(
            "The meeting (its date) whose board pack to write (default for md/html: the latest on or before the board's date).",
            valueName: "yyyy-mm-dd"))
    var meeting: Day?
    @Flag(help: "md/html: the board as it is now, with no meeting's minutes.") var live = false
    enum Paper: String, ExpressibleByArgument, CaseIterable { case board, summary }
    @Option(help: "md/html/pdf: board (a meeting's board paper) or summary (the quarterly VRU Programme Summary).") var paper: Paper = .board
    @Option(
        help: ArgumentHelp("--paper summary: the quarter (default: the last one ended at the board's date).", valueName: "2021-Q3"))
    var quarter: Quarter?
    @Option(help: ArgumentHelp("A file for json/md/html (default: stdout); the folder for csv.", valueName: "path")) var out: String?
    @Option(
        help:
            "The paper's author when there is no meeting: a member's name or login (default: the config file's user, else your login name); a meeting's author is chosen in its paper form."
    ) var author: String?
    @Option(
        help: ArgumentHelp(
            "The protective marking at the top and foot of the pack (default: the config file's marking, else OFFICIAL; none for none).",
            valueName: "text"))
    var marking: String?
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }

    struct Document: Encodable {
        let format: Int
        let journalSeq: Int
        let programme: Programme
        let funding: Funding
        let members: [Member]
        let priorities: [Priority]
        let workstreams: [Workstream]
        let risks: [Risk]
        let meetings: [Meeting]
        let interventions: [Intervention]
        let evaluations: [Evaluation]
        let outcomes: [OutcomeMeasure]
        let sources: [SourceDocument]
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        var chosen: Meeting?
        if live && meeting != nil { throw CLIError("give --meeting or --live, not both (see `vrboard export --help`)", code: VRBoard.Exit.usage) }
        let today = b.programme.asAt
        if format == .pdf && out == nil { throw CLIError("--out FILE is required for pdf", code: VRBoard.Exit.usage) }
        if paper == .summary { return try summary(b) }
        if quarter != nil { throw CLIError("--quarter is for --paper summary (the quarterly Programme Summary)", code: VRBoard.Exit.usage) }
        if meeting == nil && !live && format.isPaper {
            // The pack is a meeting's. With a meeting dated after the board's date the user may mean that
            // one's papers, or the last one's: that is not guessed.
            let later = b.orderedMeetings.filter { $0.date > today }
            let last = b.orderedMeetings.last(where: { $0.date <= today })
            if let next = later.first {
                throw CLIError(
                    "which meeting? the next is \(next.date.long) (--meeting \(next.date): its papers, a prepared draft)"
                        + (last.map { "; the last is \($0.date.long) (--meeting \($0.date))" } ?? "")
                        + "; --live for the board as it is now, with no meeting", code: VRBoard.Exit.usage)
            }
            if let m = last {
                chosen = m
                printErr(
                    "vrboard: the pack of the board of \(m.date.long)\(m.stage == .draft ? " (a draft: its figures are the live board's)" : ""), the latest meeting, on or before the board's date (--meeting DATE for another, --live for the board as it is now)"
                )
            } else {
                printErr(
                    "vrboard: no meeting is recorded, so the pack shows the board as it is now (vrboard present or vrboard meetings schedule records one)"
                )
            }
        }
        if let d = meeting {
            guard let m = b.meetings[d.description] else { throw CLIError(noMeeting(on: d, in: b)) }
            chosen = m
        }
        if let m = marking, let problem = Limits.textProblem(m, multiLine: false) { throw CLIError("--marking \(problem)", code: VRBoard.Exit.usage) }
        var src = PackSource(store: b, meeting: chosen, today: today, author: Settings.user(author))
        src.marking = chosenMarking
        if format.isPaper { src.changeLog = try changeLog(store, since: src.previous?.date, until: src.date) }
        switch format {
        case .json:
            let doc = Document(
                format: Store.format, journalSeq: store.lastSeq, programme: b.programme, funding: b.funding, members: b.members.items,
                priorities: b.priorities.items, workstreams: b.workstreams.items, risks: b.risks.items, meetings: b.meetings.items,
                interventions: b.interventions.items, evaluations: b.evaluations.items, outcomes: b.outcomes.items,
                sources: b.sources.items)
            try emit(Data(Sanitize.jsonEscapingControls(String(decoding: try Store.prettyJSON(doc), as: UTF8.self)).utf8))
        case .md: try emit(Data(MarkdownPack.render(src).utf8))
        case .html: try emit(Data(HTMLPack.render(src).utf8))
        case .pdf: try pdf(BoardPack.blocks(src))
        case .csv:
            guard let out else {
                throw CLIError(
                    "--out FOLDER is required for csv (it receives workstreams.csv, risks.csv, funding.csv, interventions.csv, reach.csv, evaluations.csv, outcomes.csv and monitoring.csv)",
                    code: 2)
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let shown = src.board
            for (name, text) in [
                ("workstreams.csv", CSVExport.workstreams(shown)), ("risks.csv", CSVExport.risks(shown)), ("funding.csv", CSVExport.funding(shown)),
                ("interventions.csv", CSVExport.interventions(shown)), ("reach.csv", CSVExport.reach(shown)),
                ("evaluations.csv", CSVExport.evaluations(shown)), ("outcomes.csv", CSVExport.outcomes(shown)),
                ("monitoring.csv", CSVExport.monitoring(shown)),
            ] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name), options: .atomic)
            }
            // The registers whole, as `vrboard import` reads them back (meetings are not a register).
            let registers = out + "/registers"
            try FileManager.default.createDirectory(atPath: registers, withIntermediateDirectories: true)
            for f in try Registers.files(of: shown) {
                try Data(f.text.utf8).write(to: URL(fileURLWithPath: registers).appendingPathComponent(f.name), options: .atomic)
            }
            printOut(
                "Wrote workstreams.csv, risks.csv, funding.csv, interventions.csv, reach.csv, evaluations.csv, outcomes.csv and monitoring.csv to \(out), "
                    + "and every register whole to \(registers) (`vrboard import \(out) --into STORE` reads them back)")
        }
    }

    /// The marking printed: OFFICIAL unless the option or the config file says otherwise; `none` prints none.
    private var chosenMarking: String? {
        let mark = marking ?? Settings.current.marking ?? "OFFICIAL"
        return mark.lowercased() == "none" ? nil : mark
    }

    /// The quarterly VRU Programme Summary of `--quarter`, in the paper formats.
    private func summary(_ b: Board) throws {
        guard format.isPaper else {
            throw CLIError("--paper summary is written as md, html or pdf, not \(format.rawValue)", code: VRBoard.Exit.usage)
        }
        if meeting != nil || live {
            throw CLIError("--paper summary is a quarter's, not a meeting's: give --quarter, not --meeting or --live", code: VRBoard.Exit.usage)
        }
        if let m = marking, let problem = Limits.textProblem(m, multiLine: false) { throw CLIError("--marking \(problem)", code: VRBoard.Exit.usage) }
        let q = quarter ?? QuarterClose.defaultQuarter(asAt: b.programme.asAt)
        if let problem = ProgrammeSummary.problem(q, board: b) { throw CLIError(problem, code: VRBoard.Exit.usage) }
        if quarter == nil {
            printErr("vrboard: the Programme Summary of \(q.label), the last quarter ended at the board's date (--quarter for another)")
        }
        let blocks = ProgrammeSummary.blocks(b, quarter: q, author: Settings.user(author), marking: chosenMarking)
        switch format {
        case .md: try emit(Data(MarkdownPack.render(blocks).utf8))
        case .html: try emit(Data(HTMLPack.render(blocks).utf8))
        default: try pdf(blocks)
        }
    }

    /// A paper printed to `--out` on A4, its contents given the pages its headings fall on.
    private func pdf(_ blocks: [PackBlock]) throws {
        guard let out else { throw CLIError("--out FILE is required for pdf", code: VRBoard.Exit.usage) }
        let headings = blocks.compactMap { if case .contents(let e) = $0 { e.map(\.heading) } else { nil } }.flatMap { $0 }
        try PDFPrint.write(to: out, headings: headings) { HTMLPack.render(blocks, pages: $0) }
        printErr("vrboard: wrote \(out) (A4)")
    }

    /// Who saved changes between the last board and this one, from the journal (newest first, at most
    /// 5,000 changes read).
    private func changeLog(_ store: any DurableStore, since: Day?, until: Day) throws -> [PackSource.ChangeAuthor] {
        var query = HistoryQuery(since: since, limit: 500)
        var changes: [(by: String, login: String?, collection: String, at: String)] = []
        for _ in 0..<10 {
            let page = try store.historyQuery(query)
            for e in page.entries where String(e.at.prefix(10)) <= until.description { changes.append((e.by, e.login, e.collection, e.at)) }
            guard page.more, let last = page.entries.last else { break }
            query.before = last.seq
        }
        return PackSource.ChangeAuthor.from(changes)
    }

    private func emit(_ data: Data) throws {
        if let out {
            do { try data.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError("cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "The journal of changes, newest first.",
        discussion: """
            Reads the journal from its newest end, a page at a time, and stops as soon as it has what was asked: \
            the newest changes of a long history, and one document's (by the journal's index), come as quickly as \
            those of a short one.
            """)

    @Argument(help: ArgumentHelp("Only changes to this document id.", valueName: "id")) var id: String?
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    @Option(help: "text or json.") var format: Format = .text
    @Flag(name: .customLong("json"), help: .hidden) var jsonFlag = false
    @Option(help: ArgumentHelp("At most this many changes (the newest).", valueName: "n")) var limit: Int?
    @Option(help: ArgumentHelp("Only changes on or after this day.", valueName: "yyyy-mm-dd")) var since: Day?
    @Option(help: ArgumentHelp("Only changes by this user.", valueName: "user")) var by: String?
    @OptionGroup var storeOptions: StoreOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
    }

    func run() throws {
        // The journal alone: no snapshot or document is read, so a page costs the same however big the board.
        let readPage: (HistoryQuery) throws -> HistoryPage
        if let address = try storeOptions.address() {
            readPage = try PostgresStore.history(at: address)
        } else {
            let path = storeOptions.resolvedPath().path
            readPage = { try Store.history(path, $0) }
        }
        let json = format == .json || jsonFlag
        var query = HistoryQuery(id: id, by: by, since: since, limit: min(limit ?? 500, 500))
        var printed = 0
        if json { FileHandle.standardOutput.write(Data("[".utf8)) }
        // Page by page, printed as read: `history | head` stops reading when head has enough.
        while true {
            let page = try readPage(query)
            for e in page.entries.prefix((limit ?? .max) - printed) {
                if json {
                    let text = Sanitize.jsonEscapingControls(String(decoding: try Store.prettyJSON(e), as: UTF8.self))
                    FileHandle.standardOutput.write(Data(((printed == 0 ? "\n" : ",\n") + text.trimmingCharacters(in: .newlines)).utf8))
                } else {
                    // One line a change (--format json keeps a note's line breaks).
                    let note = e.note.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ⏎ ")
                    printOut("#\(e.seq)  \(e.at)  \(Attribution.who(by: e.by, login: e.login))  \(e.collection)/\(e.id) rev \(e.rev)  \(note)")
                }
                printed += 1
            }
            guard page.more, printed < (limit ?? .max), let last = page.entries.last else { break }
            query.before = last.seq
        }
        if json {
            FileHandle.standardOutput.write(Data((printed == 0 ? "]\n" : "\n]\n").utf8))
        } else if printed == 0 {
            let filters = [by.map { "by \($0)" }, since.map { "since \($0.long)" }].compactMap { $0 }.joined(separator: " ")
            printOut((id.map { "No changes recorded for \($0)" } ?? "No changes recorded") + (filters.isEmpty ? "" : " " + filters) + ".")
        }
    }
}

struct Repair: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Make a damaged store openable: copy every file to a backup folder, then cut what cannot be read.",
        discussion: """
            Removes journal lines that cannot be read or break the chain (sequence and revisions), a torn last \
            line, and a checkpoint past the end; reports each line removed and whether the snapshots still hold \
            its change. Every original file is first copied to backup-repair-<time>/ in the store. Close other \
            vrboard windows on the store first. On PostgreSQL (an administrator): puts every document back to the \
            version its newest journal change saved, in one transaction; --dry-run shows what it would do.
            """)
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }
    @Flag(help: "Report what would be removed, and change nothing.") var dryRun = false

    func run() throws {
        if let address = try storeOptions.address() {
            // On PostgreSQL: the documents checked against the journal, and put back to its versions.
            let lines = try PostgresStore.repair(at: address, dryRun: dryRun)
            if lines.isEmpty {
                printOut("\(address.display): nothing to repair")
            } else {
                for l in lines { printOut(l) }
                if dryRun { printOut("Dry run: nothing was changed.") }
            }
            return
        }
        let path = try storeOptions.folder(for: "repair")
        let r = try Store.repair(path, dryRun: dryRun)
        if !r.unrepairable.isEmpty {
            for p in r.unrepairable { printErr("\(path)/\(p)") }
            throw CLIError(
                "repair fixes the journal and the manifest; the file above cannot be read: fix it by hand or restore it from a backup (nothing was changed)"
            )
        }
        guard r.changed else {
            printOut("\(path): nothing to repair")
            return
        }
        let verb = dryRun ? "would remove" : "removed"
        if let b = r.backup { printOut("Backup of every file, made before any change: \(path)/\(b)") }
        for l in r.removed {
            let what = [l.seq.map { "change #\($0)" }, l.change].compactMap { $0 }.joined(separator: ", ")
            let fate =
                l.heldBySnapshots
                ? "the snapshots still hold its change" : "its change is not in the snapshots" + (dryRun ? "" : " (it is in the backup)")
            printOut("\(verb) \(l.file) line \(l.line)\(what.isEmpty ? "" : " (\(what))"): \(l.reason); \(fate)")
        }
        for m in r.manifestChanges { printOut("\(dryRun ? "would change" : "changed") \(Store.manifestName): \(m)") }
        for c in r.fileChanges { printOut("\(dryRun ? "would change" : "changed") \(c)") }
        if dryRun { printOut("Dry run: nothing was changed.") }
    }
}

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract:
            "List every figure, rating and quoted text with its source, or its illustrative or judgement mark, grouped by the document it cites.",
        discussion: """
            Citations name the documents the store declares (sources.json: id, title, publisher, date, sections); a store that \
            declares none is read against the five documents the shipped data cites. Exits 1 when anything shown as fact has no \
            source, a citation names a place its document does not have, or a dated record (a rating change, a return, an actual) \
            cites a document written after it, so a pack's provenance can be checked before it goes out.
            """)
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }
    @Option(help: "text or csv.") var format: Format = .text
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        var documents = b.sources.items
        if documents.isEmpty {
            documents = SourcesCommand.shippedDocuments()
            if !documents.isEmpty {
                printErr(
                    "vrboard: \(store.location) declares no source documents: citations are read against the \(documents.count) the shipped data declares"
                )
            }
        }
        let rows = Provenance.rows(b, documents: documents)
        let ids = Set(documents.map(\.id))
        let cited = rows.map { r in Array(Set(Provenance.citations(in: r.source, of: ids).map(\.document))).sorted() }
        switch format {
        case .csv:
            let body = zip(rows, cited).map { r, docs in
                [r.item, r.field, r.value, r.status.rawValue, docs.joined(separator: "; "), r.date?.description ?? "", r.source]
            }
            let text =
                (["item,field,value,status,documents,date,source"] + body.map { $0.map(CSVExport.field).joined(separator: ",") }).joined(
                    separator: "\r\n")
                + "\r\n"
            FileHandle.standardOutput.write(Data(Sanitize.display(text, keepLineBreaks: true).utf8))
        case .text:
            func line(_ r: Provenance.Row) -> String { "  \(r.status.rawValue.uppercased())  \(r.item) · \(r.field): \(r.value)  [\(r.source)]" }
            for d in documents.sorted(by: { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }) {
                let mine = zip(rows, cited).filter { $0.1.contains(d.id) }.map(\.0)
                printOut("\(d.id)  \(d.title) · \(d.dated) · \(mine.count) item\(mine.count == 1 ? "" : "s")")
                for r in mine { printOut(line(r)) }
            }
            let uncited = zip(rows, cited).filter { $0.1.isEmpty }.map(\.0)
            if !uncited.isEmpty {
                printOut("No declared document cited (illustrative, judgement, the board's own records, or missing) · \(uncited.count) items")
                for r in uncited { printOut(line(r)) }
            }
        }
        let missing = rows.filter { $0.status == .missing }
        let problems = Provenance.citationProblems(rows, documents: documents)
        for p in problems { printErr(p) }
        let counts = [Provenance.Status.sourced, .illustrative, .judgement, .recorded, .missing].map { s in
            "\(rows.filter { $0.status == s }.count) \(s.rawValue)"
        }
        printErr("\(rows.count) items: " + counts.joined(separator: ", ") + (problems.isEmpty ? "" : "; \(problems.count) citation problems"))
        if !missing.isEmpty || !problems.isEmpty {
            throw CLIError(
                ([
                    missing.isEmpty
                        ? nil
                        : "\(missing.count) item\(missing.count == 1 ? "" : "s") shown as fact without a source: "
                            + missing.prefix(5).map { "\($0.item) \($0.field)" }.joined(separator: "; "),
                    problems.isEmpty ? nil : "\(problems.count) citation\(problems.count == 1 ? "" : "s") that do not hold (above)",
                ] as [String?]).compactMap { $0 }.joined(separator: "; "))
        }
    }

    /// The documents the shipped datasets declare, for a store that declares none.
    static func shippedDocuments() -> [SourceDocument] {
        guard let dir = Datasets.directory() else { return [] }
        var out: [String: SourceDocument] = [:]
        for name in Datasets.names {
            for d in (try? Store(path: dir + "/" + name, readOnly: true).board.sources.items) ?? [] { out[d.id] = d }
        }
        return out.values.sorted { $0.id < $1.id }
    }
}
