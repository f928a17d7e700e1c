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

    /// Creates a store holding `board`, with an empty journal.
    public static func create(at path: String, board: Board, dataset: String?) throws {
        if FileIO.exists(path + "/" + manifestName) { throw StoreError.invalid("\(path) already holds a vrboard store; nothing was changed") }
        if FileIO.exists(path) && !FileIO.isDirectory(path) { throw StoreError.invalid("\(path) exists and is not a folder") }
        if FileIO.isDirectory(path) && !FileIO.listDirectory(path).isEmpty {
            throw StoreError.invalid("\(path) is a folder with other files in it; give a new or empty folder")
        }
        do {
            try FileIO.makeDirectory(path)
            for name in CollectionName.allCases {
                try FileIO.atomicWrite(try encodeCollection(name, board: board, journalSeq: 0), to: path + "/" + name.fileName, defaultMode: 0o600)
            }
            let jfd = try FileIO.open(path + "/" + journalName, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o600)
            try FileIO.fsync(jfd, journalName)
            FileIO.close(jfd)
            // The manifest last: until it exists the folder is not a store.
            let m = Manifest(kind: "vrboard-store", format: format, dataset: dataset, checkpointSeq: 0)
            try FileIO.atomicWrite([UInt8](try prettyJSON(m)), to: path + "/" + manifestName, defaultMode: 0o600)
        } catch let f as IOFailure {
            throw StoreError.io(f)
        }
    }

    /// A new programme with nothing in it yet.
    public static func emptyBoard(asAt: Day) -> Board {
        Board(programme: Programme(name: "New Violence Reduction Unit", shortName: "VRU", area: "", year: asAt.financialYear,
                                   vision: "", scope: "", accountableBody: "", asAt: asAt, source: "created empty"),
              funding: Funding(allocationName: "Home Office VRU grant", allocation: 1, allocationSource: "to be entered",
                               categories: [], grants: [],
                               conditions: [Condition(rule: .interventionsFloor, percent: 20, source: "Home Office grant condition")]),
              members: [], priorities: [], workstreams: [], risks: [])
    }

    /// Checks every file of a store without changing any byte of it: syntax, types, formats, the journal
    /// line by line, and the references between documents. An empty result means the store is sound.
    public static func validate(_ path: String) -> [Problem] {
        guard FileIO.exists(path + "/" + manifestName) else {
            return [Problem(file: manifestName, line: 1, column: 1, reason: StoreError.notAStore(path).description)]
        }
        var problems: [Problem] = []
        var snapshots: Snapshots?
        var manifest: Manifest?
        do { let (m, s) = try readSnapshots(path); manifest = m; snapshots = s } catch StoreError.problems(let ps) {
            problems += ps
        } catch { problems.append(Problem(file: path, line: 1, column: 1, reason: "\(error)")) }

        // The journal, every line.
        var lastEntryLine: [String: Int] = [:]  // "collection/id" -> journal line of its newest version
        var board = snapshots?.board
        let jpath = path + "/" + journalName
        if !FileIO.exists(jpath) {
            problems.append(Problem(file: journalName, line: 1, column: 1, reason: "missing: every store has \(journalName)"))
        } else if let bytes = try? readBytes(journalName, in: path) {
            var start = 0, lineNo = 1, prevSeq = 0
            let decoder = JSONDecoder()
            while start < bytes.count {
                guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
                    problems.append(Problem(file: journalName, line: lineNo, column: 1,
                                            reason: "last line is incomplete (\(bytes.count - start) bytes from a write that never finished); the next writable open removes it"))
                    break
                }
                if nl > start {
                    let line = Array(bytes[start..<nl])
                    if let e = try? decoder.decode(JournalEntry.self, from: Data(line)) {
                        if e.seq <= prevSeq {
                            problems.append(Problem(file: journalName, line: lineNo, column: 1, reason: "sequence \(e.seq) does not follow \(prevSeq)"))
                        }
                        prevSeq = e.seq
                        if e.seq > (manifest?.checkpointSeq ?? 0) { board?.apply(e.doc) }
                        lastEntryLine["\(e.collection.rawValue)/\(e.id)"] = lineNo
                    } else {
                        problems.append(placed(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "")), line: lineNo, bytes: line))
                    }
                }
                start = nl + 1
                lineNo += 1
            }
            if let m = manifest, (m.checkpointSeq ?? 0) > prevSeq {
                problems.append(Problem(file: manifestName, line: 1, column: 1,
                                        reason: "checkpointSeq \(m.checkpointSeq ?? 0) is past the end of the journal (\(prevSeq))"))
            }
        } else {
            problems.append(Problem(file: journalName, line: 1, column: 1, reason: "cannot read"))
        }

        // References and rules, placed where the document's current version is written.
        if let board, let snapshots {
            for bp in board.problems {
                let key = "\(bp.collection)/\(bp.id)"
                if let line = lastEntryLine[key] {
                    problems.append(Problem(file: journalName, line: line, column: 1, reason: "\(key): \(bp.reason)"))
                    continue
                }
                let name = CollectionName(rawValue: bp.collection) ?? .programme
                let bytes = snapshots.files[name] ?? []
                var offset = 0
                if let idx = index(of: bp.id, in: name, board: snapshots.board) {
                    var p: [JSONScan.PathComponent] = [.key("documents"), .index(idx)]
                    if let f = bp.field { p.append(.key(f)) }
                    offset = JSONScan.offset(of: p, in: bytes) ?? 0
                }
                let (l, c) = JSONScan.lineColumn(of: offset, in: bytes)
                problems.append(Problem(file: name.fileName, line: l, column: c, reason: "\(key): \(bp.reason)"))
            }
        }
        return problems
    }

    private static func index(of id: String, in name: CollectionName, board: Board) -> Int? {
        switch name {
        case .programme, .funding: 0
        case .members: board.members.items.firstIndex { $0.id == id }
        case .priorities: board.priorities.items.firstIndex { $0.id == id }
        case .workstreams: board.workstreams.items.firstIndex { $0.id == id }
        case .risks: board.risks.items.firstIndex { $0.id == id }
        case .meetings: board.meetings.items.firstIndex { $0.id == id }
        }
    }
}
