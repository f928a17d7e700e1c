import ArgumentParser
import Foundation
import VRModel
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
    static let configuration = CommandConfiguration(abstract: "Write the whole store as one document on stdout.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json }
    @Option(help: "Output format.") var format: Format = .json
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
    }

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        let doc = Document(format: Store.format, journalSeq: store.lastSeq, programme: b.programme, funding: b.funding,
                           members: b.members.items, priorities: b.priorities.items, workstreams: b.workstreams.items, risks: b.risks.items)
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try e.encode(doc))
        FileHandle.standardOutput.write(Data("\n".utf8))
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
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try e.encode(Array(entries)))
            FileHandle.standardOutput.write(Data("\n".utf8))
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
