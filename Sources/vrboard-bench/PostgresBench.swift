#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRGenerate
import VRModel
import VRPostgres
import VRRuntime
import VRStore
import VRTestSupport
import VRUI

/// The PostgreSQL store against the folder store, on a private cluster over loopback: a durable save,
/// refresh by NOTIFY, `copy` of the large generated store each way; and the national view's first frame.
enum PostgresBench {
    static func run(root: String, large: String) throws {
        let cluster = try PGCluster()
        defer { cluster.remove() }
        print("PostgreSQL \(try cluster.sql("SHOW server_version")) on loopback, a private cluster (fsync on)")
        // A durable save: 400 rating changes on each store, the same board.
        let board = Generator.board(workstreams: 2_000, risks: 500)
        let folder = root + "/pg-vs-folder"
        try Store.create(at: folder, board: board, dataset: nil)
        let url = cluster.url(try cluster.database("bench"), vru: "bench")
        try PostgresStore.create(at: try PostgresAddress(url), board: board, dataset: nil)
        var medians: [String: Double] = [:]
        for (name, location) in [("folder store", folder), ("PostgreSQL", url)] {
            let store = try Stores.open(location)
            let times = try ratingSaves(400, board: { store.board }) { doc, base in
                try store.commit(doc, baseRev: base, by: "bench", note: "bench", at: Timestamp.now())
            }
            print("durable save, \(name), 400 edits: median \(ms(percentile(times, 0.5))), p99 \(ms(percentile(times, 0.99)))")
            medians[name] = percentile(times, 0.5)
            try store.close()
        }
        let docBytes = try JSONEncoder().encode(board.workstreams.items[0]).count
        if let anchor = try Anchors.pgbench(cluster, docBytes: docBytes) {
            print(
                "pgbench, a transaction of a save's shape (lock, read, update a \(docBytes)-byte document, journal row, NOTIFY), 400: mean \(ms(anchor))"
            )
            Anchors.ratio("PostgreSQL save / pgbench", ours: medians["PostgreSQL"] ?? 0, anchor: anchor, bound: 1.3)
        } else {
            print("anchors: pgbench is not installed: the PostgreSQL save has no anchor this run")
        }
        let live = cluster.url(try cluster.database("refresh"), vru: "r")
        try PostgresStore.create(at: try PostgresAddress(live), board: Generator.board(workstreams: 25, risks: 15), dataset: nil)
        try refreshLatency(live)
        try followLatency(live)
        // copy of the large generated store, each way.
        let big = try Store(path: large, readOnly: true)
        let entries = try big.allEntries()
        let docs = DocumentCodec.documents(of: big.board).count
        let there = cluster.url(try cluster.database("copy"), vru: "large")
        let toPG = try seconds { try PostgresStore.create(at: try PostgresAddress(there), board: big.board, dataset: nil, journal: entries) }
        let back = root + "/copied-back"
        let fromPG = try seconds {
            let s = try Stores.open(there, readOnly: true)
            try Store.create(at: back, board: s.board, dataset: nil, journal: try s.allEntries())
        }
        let same = try Store(path: back, readOnly: true).board == big.board
        print(
            "copy the large store (\(docs) documents, \(entries.count) changes): folder to PostgreSQL \(String(format: "%.2f s", toPG)), back \(String(format: "%.2f s", fromPG))\(same ? ", the board identical" : ", THE BOARDS DIFFER")"
        )
        try openFigures(there, large: large, runs: 3)
    }

    /// Opening the large store on PostgreSQL and as a folder, interleaved, with the ratio.
    static func openFigures(_ there: String, large: String, runs: Int) throws {
        var pg: [Double] = [], folderOpen: [Double] = []
        for _ in 0..<runs {
            pg.append(try seconds { _ = try Stores.open(there, readOnly: true) })
            folderOpen.append(try seconds { _ = try Store(path: large, readOnly: true) })
        }
        print("open the large store: PostgreSQL \(ms(percentile(pg, 0.5))), the folder store \(ms(percentile(folderOpen, 0.5)))")
        Anchors.ratio("PostgreSQL open / folder open", ours: percentile(pg, 0.5), anchor: percentile(folderOpen, 0.5), bound: 1.0)
    }

    /// The large store copied to a private cluster, then the opens alone.
    static func opens(large: String, runs: Int) throws {
        let cluster = try PGCluster()
        defer { cluster.remove() }
        let big = try Store(path: large, readOnly: true)
        let there = cluster.url(try cluster.database("copy"), vru: "large")
        try PostgresStore.create(at: try PostgresAddress(there), board: big.board, dataset: nil, journal: try big.allEntries())
        try openFigures(there, large: large, runs: runs)
    }

    /// The national view's first frame at 120x36: the dataset read, the two bundled boards opened, the rows and the frame.
    static func nationalFirstFrame() throws {
        var times: [Double] = []
        for _ in 0..<5 {
            times.append(
                try seconds {
                    let data = try Data(contentsOf: Paths.data.appendingPathComponent("national/national.json"))
                    let d = try JSONDecoder().decode(NationalDataset.self, from: data)
                    let rows = d.rows { name in (try? Store(path: Paths.data.path + "/" + name, readOnly: true)).map { ($0.board, $0.path) } }
                    _ = renderNational(NationalState(title: d.title, rows: rows, dataset: d, width: 120, height: 36))
                })
        }
        print("national view, 18 VRUs (two full boards), first frame at 120x36: median \(ms(percentile(times, 0.5)))")
    }
}
