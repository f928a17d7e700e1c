import ArgumentParser
import Foundation
import VRModel
import VRReport
import VRStore

@main
struct VRBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vrboard",
        abstract: "A Violence Reduction Unit's strategy board: priorities, workstream RAG, funding and risks.",
        discussion: "With no subcommand, opens the board in the terminal.",
        version: "0.1.0",
        subcommands: [Open.self, Present.self, Render.self, Init.self, Validate.self, Rag.self, Export.self, History.self, Keys.self],
        defaultSubcommand: Open.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as CLIError {
            fail(e.description, code: e.code)
        } catch let e as StoreError {
            if case .problems(let ps) = e {
                for p in ps { FileHandle.standardError.write(Data("\(p)\n".utf8)) }
                Foundation.exit(1)
            }
            fail(e.description, code: e.isConflict ? 3 : 1)
        } catch let e as Problem {
            fail(e.description, code: 1)
        } catch {
            exit(withError: error)
        }
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("vrboard: error: \(message)\n".utf8))
        Foundation.exit(code)
    }
}

extension StoreError {
    var isConflict: Bool { if case .conflict = self { return true } else { return false } }
}

func printOut(_ s: String) {
    FileHandle.standardOutput.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a store in a new folder.")

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "dir")) var dir: String
    @Option(help: "The data to start from: nnvru-2020-21, wmvru-2021-22 or empty.") var dataset = Datasets.defaultName

    func run() throws {
        if dataset == "empty" {
            try Store.create(at: dir, board: Store.emptyBoard(asAt: Timestamp.today()), dataset: nil)
        } else {
            try Store.create(at: dir, copying: try Datasets.path(of: dataset), dataset: dataset)
        }
        printOut("Created a vrboard store at \(dir) (\(dataset)).")
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every file of a store; print file:line:column: reason for each problem. Changes nothing.")

    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let path = storeOptions.resolvedPath().path
        let problems = Store.validate(path)
        if problems.isEmpty {
            printOut("\(path): sound")
            return
        }
        for p in problems { FileHandle.standardError.write(Data("\(path)/\(p)\n".utf8)) }
        throw ExitCode(1)
    }
}

struct Rag: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Change a workstream's rating; exits 0 only once the change is durable.",
        discussion: "RATING is one of G, A/G, A, A/R, R, C (complete), NR (not rated), or the full name (amber-green).")

    @Argument(help: ArgumentHelp("The workstream id, e.g. WS-1.1.", valueName: "workstream-id")) var workstream: String
    @Argument(help: ArgumentHelp("The new rating.", valueName: "rating")) var rating: String
    @Option(help: "The evidence for the change (required).") var note: String
    @Flag(help: "Change the overall delivery confidence rather than the in-year rating.") var overall = false
    @Option(help: "The author (default: your login name).") var user: String?
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let new = RAG(parsing: rating) else {
            throw CLIError("'\(rating)' is not a rating; use one of G, A/G, A, A/R, R, C (complete), NR (not rated) or a name such as amber-green", code: 2)
        }
        let kind: RatingKind = overall ? .overall : .inYear
        let author = user ?? Timestamp.loginName()
        let store = try storeOptions.open()
        // Another process may save between our read and our write: the store refuses that as a conflict,
        // and a rating change is simply re-applied to the newer version.
        for attempt in 1...5 {
            guard var ws = store.board.workstreams[workstream] else {
                throw CLIError("no workstream '\(workstream)'; ids look like \(store.board.workstreams.items.prefix(3).map(\.id).joined(separator: ", "))")
            }
            let base = ws.rev
            let old = ws.rating(kind)
            do {
                try ws.rate(kind, to: new, by: author, at: Timestamp.now(), comment: note)
            } catch {
                throw CLIError("\(workstream): \(error)")
            }
            do {
                let e = try store.commit(.workstream(ws), baseRev: base, by: author, note: RatingChange.note(kind, from: old, to: new, comment: note))
                try store.close()
                printOut("\(workstream): \(kind.label.lowercased()) rating \(old.letter) -> \(new.letter) (change #\(e.seq), by \(author))")
                return
            } catch StoreError.conflict where attempt < 5 {
                try store.refresh()
            }
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the store: JSON (everything), the board pack (Markdown or HTML), or CSV for spreadsheets.",
        discussion: """
        json: the whole store as one document. md / html: the board pack (paper header, highlight report, \
        workstreams, funding and conditions, risk register and heat map, decisions and actions); with --meeting, \
        as that board was shown. csv: workstreams.csv, risks.csv and funding.csv into the --out folder.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, md, html, csv }
    @Option(help: "json, md, html or csv.") var format: Format = .json
    @Option(help: ArgumentHelp("The meeting (its date) whose board pack to write.", valueName: "yyyy-mm-dd")) var meeting: String?
    @Option(help: ArgumentHelp("A file for json/md/html (default: stdout); the folder for csv.", valueName: "path")) var out: String?
    @Option(help: "The paper's author when there is no meeting (default: your login name).") var author: String?
    @OptionGroup var storeOptions: StoreOptions

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
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        var chosen: Meeting?
        if let meeting {
            guard let d = Day(meeting) else { throw CLIError("--meeting must be a date like 2021-11-02", code: 2) }
            guard let m = b.meetings[d.description] else {
                let known = b.orderedMeetings.map(\.id)
                throw CLIError("no meeting on \(d.long)" + (known.isEmpty ? "; none is recorded yet (vrboard present starts one)" : "; recorded: \(known.joined(separator: ", "))"))
            }
            chosen = m
        }
        let src = PackSource(store: b, meeting: chosen, today: Timestamp.today(), author: author ?? Timestamp.loginName())
        switch format {
        case .json:
            let doc = Document(format: Store.format, journalSeq: store.lastSeq, programme: b.programme, funding: b.funding, members: b.members.items,
                               priorities: b.priorities.items, workstreams: b.workstreams.items, risks: b.risks.items, meetings: b.meetings.items)
            try emit(try Store.prettyJSON(doc))
        case .md: try emit(Data(MarkdownPack.render(src).utf8))
        case .html: try emit(Data(HTMLPack.render(src).utf8))
        case .csv:
            guard let out else { throw CLIError("--out FOLDER is required for csv (it receives workstreams.csv, risks.csv and funding.csv)", code: 2) }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let shown = src.board
            for (name, text) in [("workstreams.csv", CSVExport.workstreams(shown)), ("risks.csv", CSVExport.risks(shown)), ("funding.csv", CSVExport.funding(shown))] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name), options: .atomic)
            }
            printOut("Wrote workstreams.csv, risks.csv and funding.csv to \(out)")
        }
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
    static let configuration = CommandConfiguration(abstract: "The journal of changes, newest first.")

    @Argument(help: ArgumentHelp("Only changes to this document id.", valueName: "id")) var id: String?
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }
    @Option(help: "text or json.") var format: Format = .text
    @Flag(name: .customLong("json"), help: .hidden) var jsonFlag = false
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let entries = try store.journal().filter { id == nil || $0.id == id }.reversed()
        if format == .json || jsonFlag {
            FileHandle.standardOutput.write(try Store.prettyJSON(Array(entries)))
            return
        }
        if entries.isEmpty {
            printOut(id.map { "No changes recorded for \($0)." } ?? "No changes recorded yet.")
            return
        }
        for e in entries {
            printOut("#\(e.seq)  \(e.at)  \(e.by)  \(e.collection.rawValue)/\(e.id) rev \(e.rev)  \(e.note)")
        }
    }
}
