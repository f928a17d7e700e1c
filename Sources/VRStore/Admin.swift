#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

extension Store {
    /// Creates a store at `path` as a copy of a dataset store (e.g. a bundled one). The source is checked
    /// first, and nothing is written if it is unsound or the destination already holds a store.
    public static func create(at path: String, copying source: String, dataset: String) throws {
        // Opening read-only checks every snapshot and the journal, and writes nothing to the source.
        let original = try Store(path: source, readOnly: true)
        try create(at: path, board: original.board, dataset: dataset)
    }

    /// Creates a store holding `board`, with `journal` (each entry whole, oldest first) as its history:
    /// the snapshots already hold every change, so nothing is replayed on opening.
    public static func create(at path: String, board: Board, dataset: String?, journal: [JournalEntry] = []) throws {
        if FileIO.exists(path + "/" + manifestName) { throw StoreError.invalid("\(path) already holds a vrboard store; nothing was changed") }
        if FileIO.isDanglingLink(path) {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "a missing file"
            throw StoreError.invalid(
                "\(path) is a symbolic link to \(target), which does not exist; give a new folder, or create the link's target first")
        }
        if FileIO.exists(path) && !FileIO.isDirectory(path) { throw StoreError.invalid("\(path) exists and is not a folder") }
        if FileIO.isDirectory(path) && !FileIO.listDirectory(path).isEmpty {
            throw StoreError.invalid("\(path) is a folder with other files in it; give a new or empty folder")
        }
        do {
            try FileIO.makeDirectory(path)
            let last = journal.last?.seq ?? 0
            for name in CollectionName.allCases {
                try FileIO.atomicWrite(try encodeCollection(name, board: board, journalSeq: last), to: path + "/" + name.fileName, defaultMode: 0o600)
            }
            var lines: [UInt8] = []
            for e in journal { lines += try e.line() + [0x0A] }
            let jfd = try FileIO.open(path + "/" + journalName, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
            try FileIO.writeAll(jfd, lines, journalName)
            try FileIO.fsync(jfd, journalName)
            FileIO.close(jfd)
            // Numbers the copied journal skips (removed by a repair in its source) stay accounted for.
            let seqs = Set(journal.map(\.seq))
            let removed = last > 0 ? (1...last).filter { !seqs.contains($0) } : []
            // The manifest last: until it exists the folder is not a store.
            var m = Manifest(kind: "vrboard-store", format: format, dataset: dataset, checkpointSeq: last)
            if !removed.isEmpty { m.removedSeqs = removed }
            try FileIO.atomicWrite([UInt8](try prettyJSON(m)), to: path + "/" + manifestName, defaultMode: 0o600)
        } catch let f as IOFailure {
            throw StoreError.io(f)
        }
    }

    /// A new programme with nothing in it yet.
    public static func emptyBoard(asAt: Day) -> Board {
        var b = Board(
            programme: Programme(
                name: "New Violence Reduction Unit", shortName: "VRU", area: "", year: asAt.financialYear,
                vision: "", scope: "", accountableBody: "", asAt: asAt, clock: .today,
                source: "illustrative: created empty; enter the VRU's own name, vision and threshold"),
            funding: Funding(
                allocationName: "Home Office VRU grant", allocation: 1, allocationSource: "illustrative: to be entered from the grant letter",
                categories: [], grants: [],
                conditions: [
                    Condition(
                        rule: .interventionsFloor, percent: 20,
                        source: "illustrative: the Home Office condition as the grant letter states it; enter your own letter's paragraph")
                ]),
            members: [], priorities: [], workstreams: [], risks: [])
        // The board's annual business for its year, each due by the year's end.
        b.programme.business = BoardBusiness.annual(year: Quarter(containing: asAt).year, source: BoardBusiness.defaultSource)
        return b
    }

    /// What `validate` found: problems make a store unsound; warnings (a torn last line from a write
    /// that was never acknowledged) do not.
    public struct Validation {
        public var problems: [Problem] = []
        public var warnings: [Problem] = []
    }

    /// The problems `check` finds (warnings left out): empty means the store is sound.
    public static func validate(_ path: String) -> [Problem] { check(path).problems }

    /// Checks every file of a store without changing any byte of it: syntax, types, formats, every number
    /// within its bounds, text free of control characters, the journal line by line (sequence and
    /// revision chain), and the references between documents.
    public static func check(_ path: String) -> Validation {
        var out = Validation()
        if FileIO.exists(path) && !FileIO.isDirectory(path) {
            out.problems.append(Problem(file: path, line: 1, column: 1, reason: "is a file, not a store folder"))
            return out
        }
        guard FileIO.exists(path + "/" + manifestName) else {
            out.problems.append(Problem(file: manifestName, line: 1, column: 1, reason: StoreError.notAStore(path).description))
            return out
        }
        let snapshots: Snapshots
        let manifest: Manifest
        do { (manifest, snapshots) = try readSnapshots(path) } catch StoreError.problems(let ps) {
            out.problems += ps
            return out
        } catch {
            out.problems.append(Problem(file: path, line: 1, column: 1, reason: "\(error)"))
            return out
        }
        // The checks of the snapshots' and the journal files' bytes read nothing the journal's check changes:
        // they run on another core meanwhile, and their problems are reported in the same order as before.
        final class Beside: @unchecked Sendable {
            var first: [Problem] = []
            var last: [Problem] = []
        }
        let beside = Beside()
        let besideDone = DispatchGroup()
        DispatchQueue.global().async(group: besideDone) { [snapshots, manifest] in
            beside.first = snapshotByteProblems(snapshots) + journalFileProblems(path, manifest: manifest)
            beside.last = unknownFields(snapshots)
        }

        // The journal, every line, and the board as it stands after it.
        var lastEntryLine: [String: (file: String, line: Int)] = [:]  // "collection/id" -> where its newest version is written
        // Per document, the revision of its newest change that its snapshot file was written after.
        var heldRev: [String: (seq: Int, rev: Int)] = [:]
        var board = snapshots.board
        var journal = JournalReport()
        verifyJournal(
            path, manifest: manifest, fileSeqs: snapshots.journalSeqs, snapshotRev: { snapshots.board.document($0, $1)?.rev }, texts: true,
            into: &journal
        ) { e, file, line in
            if e.seq > (manifest.checkpointSeq ?? 0), let doc = try? e.document(base: board.document(e.collection, e.id)) { board.apply(doc) }
            lastEntryLine["\(e.collection.rawValue)/\(e.id)"] = (file, line)
            if let written = snapshots.journalSeqs[e.collection], e.seq <= written { heldRev["\(e.collection.rawValue)/\(e.id)"] = (e.seq, e.rev) }
        }
        besideDone.wait()
        out.problems += beside.first + journal.problems
        out.warnings += journal.warnings

        // A snapshot's revision is its newest change's: one changed by hand would make history tell it wrongly.
        for name in CollectionName.allCases {
            for (i, doc) in documents(name, of: snapshots.board).enumerated() {
                guard let held = heldRev["\(name.rawValue)/\(doc.id)"], held.rev != doc.rev else { continue }
                let (l, c) = JSONScan.place([.key("documents"), .index(i), .key("rev")], in: snapshots.files[name] ?? [])
                out.problems.append(
                    Problem(
                        file: name.fileName, line: l, column: c,
                        reason:
                            "\(name.rawValue)/\(doc.id): rev \(doc.rev), but its newest change before this file was written (#\(held.seq)) saved rev \(held.rev): the revision was changed by hand"
                    ))
            }
        }

        // References and rules, placed where the document's current version is written; figures that do
        // not add up but may be meant, as warnings.
        for (bp, isWarning) in board.problems.map({ ($0, false) }) + board.figureWarnings.map({ ($0, true) }) {
            let key = "\(bp.collection)/\(bp.id)"
            if let at = lastEntryLine[key] {
                let p = Problem(file: at.file, line: at.line, column: 1, reason: "\(key): \(bp.reason)")
                if isWarning { out.warnings.append(p) } else { out.problems.append(p) }
                continue
            }
            let name = CollectionName(rawValue: bp.collection) ?? .programme
            var path: [FieldKey] = []
            if let idx = documents(name, of: snapshots.board).firstIndex(where: { $0.id == bp.id }) {
                path = [.key("documents"), .index(idx)] + (bp.field.map { [.key($0)] } ?? [])
            }
            let (l, c) = JSONScan.place(path, in: snapshots.files[name] ?? [])
            let p = Problem(file: name.fileName, line: l, column: c, reason: "\(key): \(bp.reason)")
            if isWarning { out.warnings.append(p) } else { out.problems.append(p) }
        }
        out.problems += beside.last
        return out
    }

    /// Text in every snapshot (control characters and over-long fields), and a key named twice in one
    /// object (vrboard's decoder and other readers would disagree on the value): each placed.
    static func snapshotByteProblems(_ snapshots: Snapshots) -> [Problem] {
        var problems: [Problem] = []
        // Text in every snapshot: control characters and over-long fields, placed.
        for name in CollectionName.allCases {
            guard let bytes = snapshots.files[name] else { continue }
            for (i, doc) in documents(name, of: snapshots.board).enumerated() {
                let issues = Inspector.issues(of: doc, texts: true, numbers: false)
                problems += placed(issues, under: [.key("documents"), .index(i)], in: bytes, file: name.fileName)
            }
        }

        // A key named twice in one object: vrboard's decoder and other readers would disagree on the value.
        for name in CollectionName.allCases {
            guard let bytes = snapshots.files[name], let f = JSONScan.firstDuplicateKey(in: bytes) else { continue }
            let (l, c) = JSONScan.lineColumn(of: f.offset, in: bytes)
            problems.append(Problem(file: name.fileName, line: l, column: c, reason: f.reason))
        }
        return problems
    }

    /// Every journal file's bytes checked for what the line-by-line reading tolerates: a byte-order mark at
    /// its start (which `history` and `export` cannot read past), and a key named twice in a line.
    static func journalFileProblems(_ path: String, manifest: Manifest) -> [Problem] {
        var problems: [Problem] = []
        for name in journalFiles(manifest) {
            guard let bytes = try? FileIO.readFile(path + "/" + name) else { continue }
            if bytes.starts(with: JSONScan.byteOrderMark) {
                problems.append(
                    Problem(
                        file: name, line: 1, column: 1,
                        reason: "starts with a byte-order mark (EF BB BF), which vrboard never writes: `vrboard repair` removes it"))
            }
            var start = bytes.starts(with: JSONScan.byteOrderMark) ? 3 : 0, line = 1
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                if end > start, let f = JSONScan.firstDuplicateKey(in: Array(bytes[start..<end])) {
                    problems.append(Problem(file: name, line: line, column: f.offset + 1, reason: f.reason))
                }
                start = end + 1
                line += 1
            }
        }
        return problems
    }

    /// A collection's documents in file order.
    static func documents(_ name: CollectionName, of board: Board) -> [any StoreDocument] {
        switch name {
        case .programme: [board.programme]
        case .funding: [board.funding]
        case .members: board.members.items
        case .priorities: board.priorities.items
        case .workstreams: board.workstreams.items
        case .risks: board.risks.items
        case .meetings: board.meetings.items
        case .interventions: board.interventions.items
        case .evaluations: board.evaluations.items
        case .outcomes: board.outcomes.items
        case .sources: board.sources.items
        }
    }
}
