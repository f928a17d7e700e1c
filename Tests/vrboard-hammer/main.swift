#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRPostgres
import VRStoreAPI
import VRStore

/// vrboard-hammer: a contending writer for the store's process tests (built with the tests, not shipped).
///
///   vrboard-hammer --store DIR|URL --count N [--workstream ID] [--user NAME] [--segment-bytes N]
///       [--reopen] [--note-bytes N] [--retry-errors]
///       make N durable rating edits, printing `ack SEQ ID REV USER N` after each; a conflict re-reads and retries.
///       --reopen opens the store afresh for every save (as separate `vrboard rag` runs do); --note-bytes
///       pads each change's note to about N bytes, so the journal is sealed sooner; --retry-errors goes on
///       after a save that failed (a connection the server ended), unacknowledged.

func argument(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func hammer(_ args: [String]) throws {
    guard let dir = argument("--store", in: args) else { throw StoreError.invalid("hammer needs --store DIR") }
    let count = Int(argument("--count", in: args) ?? "100") ?? 100
    let user = argument("--user", in: args) ?? "hammer-\(getpid())"
    let fixed = argument("--workstream", in: args)
    let reopen = args.contains("--reopen")
    let retryErrors = args.contains("--retry-errors")
    let padding = String(repeating: "x", count: max(0, Int(argument("--note-bytes", in: args) ?? "0") ?? 0))
    func open() throws -> any DurableStore {
        if PostgresAddress.isAddress(dir) { return try Stores.open(dir) }
        let folder = try Store(path: dir)
        // Small segments: the journal is sealed every few saves, so a kill lands in a sealing too.
        if let n = argument("--segment-bytes", in: args).flatMap(Int.init) { folder.segmentBytes = n }
        return folder
    }
    var store = try open()
    let ratings: [RAG] = [.green, .amberGreen, .amber, .amberRed, .red]
    var done = 0
    while done < count {
        if reopen && done > 0 {
            try store.close()
            store = try open()
        }
        let ids = store.board.workstreams.items.map(\.id)
        let id = fixed ?? ids[Int.random(in: 0..<ids.count)]
        guard var ws = store.board.workstreams[id] else { throw StoreError.invalid("no workstream \(id)") }
        let base = ws.rev
        let next = ratings.filter { $0 != ws.inYear }.randomElement()!
        let note = "\(user) edit \(done)" + padding
        try ws.rate(.inYear, to: next, by: user, at: Timestamp.now(), comment: "\(user) edit \(done)")
        do {
            let e = try store.commit(.workstream(ws), baseRev: base, by: user, note: note, at: Timestamp.now())
            FileHandle.standardOutput.write(Data("ack \(e.seq) \(e.id) \(e.rev) \(user) \(done)\n".utf8))
            done += 1
        } catch StoreError.conflict {
            _ = try? store.refresh()
        } catch {
            guard retryErrors else { throw error }
            usleep(5_000)
            _ = try? store.refresh()
        }
    }
    try store.close()
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    try hammer(args)
} catch {
    FileHandle.standardError.write(Data("vrboard-hammer: error: \(error)\n".utf8))
    exit(1)
}
