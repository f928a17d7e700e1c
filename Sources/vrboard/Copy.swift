import ArgumentParser
import Foundation
import VRModel
import VRPostgres
import VRRuntime
import VRStore

struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a store, with its whole journal, from a folder or PostgreSQL to a new folder or PostgreSQL VRU.",
        discussion: """
            The target must not exist yet (a new or empty folder; a VRU the database does not hold). The source is \
            only read. The board and every change in the journal (who, when, the note, the document) are copied, \
            so the copy's export and history are the source's.
            """)
    @Option(help: ArgumentHelp("The store to copy: a folder or postgres://USER@HOST:PORT/DB?vru=NAME.", valueName: "dir|url")) var from: String
    @Option(help: ArgumentHelp("The new store: a folder or postgres://USER@HOST:PORT/DB?vru=NAME.", valueName: "dir|url")) var to: String

    func run() throws {
        let source = try StoreOptions.open(from, readOnly: true)
        if let first = source.journalProblems().first {
            throw CLIError("\(first)\nnot copied: the source's journal does not check; run `vrboard validate` on it")
        }
        let entries = try source.allEntries()
        let board = source.board
        if let address = try StoreOptions.address(to) {
            try PostgresStore.create(at: address, board: board, dataset: nil, journal: entries)
        } else {
            try Store.create(at: to, board: board, dataset: nil, journal: entries)
        }
        let target = try StoreOptions.open(to, readOnly: true)
        printOut(
            "Copied \(source.location) to \(target.location): \(DocumentCodec.documents(of: board).count) documents, \(entries.count) changes (newest #\(target.lastSeq))."
        )
    }
}

struct Grant: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "PostgreSQL: give a database login a vrboard role (viewer, editor, secretary, admin or national).",
        discussion: """
            viewer: read the board and walk the meeting through it. editor: change workstreams, risks, interventions, \
            evaluations, funding and outcomes. secretary: record meetings and members. admin: everything, for every VRU. \
            national: read every VRU of the database. viewer, editor and secretary are for the VRU of --store; the \
            server enforces each role (GRANTs and row-level security), whatever the client does.
            """)
    @Argument(help: ArgumentHelp("The role.", valueName: "role")) var role: String
    @Argument(help: ArgumentHelp("The database login (it must exist).", valueName: "login")) var login: String
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        guard let address = try storeOptions.address() else { throw CLIError("roles are the PostgreSQL store's: give --store postgres://…") }
        try PostgresStore.grant(role, to: login, at: address)
        printOut("\(login) is now a vrboard \(role)\(["national", "admin"].contains(role) ? "" : " of \(address.vru ?? "the database's VRU")").")
    }
}
