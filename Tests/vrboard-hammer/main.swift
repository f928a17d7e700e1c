#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRPostgres
import VRRuntime
import VRStore

/// vrboard-hammer: a contending writer for the store's process tests (built with the tests, not shipped).
///
///   vrboard-hammer --store DIR|URL --count N [--workstream ID] [--user NAME] [--segment-bytes N]
///       make N durable rating edits, printing `ack SEQ ID REV USER N` after each; a conflict re-reads and retries

func argument(_ name: String, in args: [String]) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

func hammer(_ args: [String]) throws {
    guard let dir = argument("--store", in: args) else { throw StoreError.invalid("hammer needs --store DIR") }
    let count = Int(argument("--count", in: args) ?? "100") ?? 100
    let user = argument("--user", in: args) ?? "hammer-\(getpid())"
    let fixed = argument("--workstream", in: args)
    let store: any DurableStore
    if PostgresAddress.isAddress(dir) {
        store = try Stores.open(dir)
    } else {
        let folder = try Store(path: dir)
        // Small segments: the journal is sealed every few saves, so a kill lands in a sealing too.
        if let n = argument("--segment-bytes", in: args).flatMap(Int.init) { folder.segmentBytes = n }
        store = folder
    }
    let ratings: [RAG] = [.green, .amberGreen, .amber, .amberRed, .red]
    var done = 0
    while done < count {
        let ids = store.board.workstreams.items.map(\.id)
        let id = fixed ?? ids[Int.random(in: 0..<ids.count)]
        guard var ws = store.board.workstreams[id] else { throw StoreError.invalid("no workstream \(id)") }
        let base = ws.rev
        let next = ratings.filter { $0 != ws.inYear }.randomElement()!
        try ws.rate(.inYear, to: next, by: user, at: Timestamp.now(), comment: "\(user) edit \(done)")
        do {
            let e = try store.commit(.workstream(ws), baseRev: base, by: user, note: "\(user) edit \(done)", at: Timestamp.now())
            FileHandle.standardOutput.write(Data("ack \(e.seq) \(e.id) \(e.rev) \(user) \(done)\n".utf8))
            done += 1
        } catch StoreError.conflict {
            _ = try store.refresh()
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
