#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

extension Store {
    /// One journal line `repair` removes (or, dry, would remove).
    public struct RemovedLine: Equatable, Sendable {
        /// The journal file the line was in (`journal.jsonl`, or a segment).
        public var file: String = journalName
        public var line: Int
        public var seq: Int?
        /// `collection/id rev N`, when the line could be read.
        public var change: String?
        public var reason: String
        /// True when the snapshots still hold the change (or a later version of its document).
        public var heldBySnapshots: Bool
    }

    public struct RepairReport: Sendable {
        public var backup: String?
        public var removed: [RemovedLine] = []
        public var manifestChanges: [String] = []
        /// Other changes to a file than removing lines (a byte-order mark removed).
        public var fileChanges: [String] = []
        /// Problems repair does not fix (a snapshot that cannot be read): fix by hand or restore a backup.
        public var unrepairable: [Problem] = []
        public var changed: Bool { !removed.isEmpty || !manifestChanges.isEmpty || !fileChanges.isEmpty }
    }

    /// Makes a damaged store openable again, losing as little as possible and nothing silently.
    ///
    /// Under the writer's lock: first copies every file to `backup-repair-<time>/`; then removes the
    /// journal lines that cannot be read or break the chain (sequence and revisions), recording their
    /// sequence numbers in the manifest so the rest still checks; cuts a torn last line; and moves
    /// `checkpointSeq` back if it is past the end. Reports each line removed and whether the snapshots
    /// still hold its change. With `dryRun`, reports the same and changes nothing.
    public static func repair(_ path: String, dryRun: Bool) throws -> RepairReport {
        if FileIO.exists(path) && !FileIO.isDirectory(path) { throw StoreError.invalid("\(path) is a file, not a store folder") }
        guard FileIO.exists(path + "/" + manifestName) else { throw StoreError.notAStore(path) }
        var report = RepairReport()
        let lockFD: Int32
        do {
            lockFD = try FileIO.open(
                path + "/" + lockName, dryRun ? O_RDONLY : O_RDWR | O_CREAT, mode: FileIO.mode(of: path + "/" + manifestName) ?? 0o600)
            try FileIO.lock(lockFD, dryRun ? LOCK_SH : LOCK_EX, path + "/" + lockName)
        } catch let f as IOFailure { throw StoreError.io(f) }
        defer { FileIO.close(lockFD) }

        let manifest: Manifest, snapshots: Snapshots
        do { (manifest, snapshots) = try readSnapshots(path) } catch StoreError.problems(let ps) {
            report.unrepairable = ps
            return report
        }
        let checkpoint = manifest.checkpointSeq ?? 0
        var chain = JournalChain(after: 0, checkpointSeq: checkpoint, removed: manifest.removedSeqs ?? [], fileSeqs: snapshots.journalSeqs)
        let snapshotRev: (CollectionName, String) -> Int? = { snapshots.board.document($0, $1)?.rev }
        let decoder = JSONDecoder()
        struct SeqOnly: Decodable { var seq: Int }
        let sealed = manifest.segments?.last?.lastSeq ?? 0
        // Every journal file in order, one chain across them: what to keep of each.
        var files: [(name: String, bytes: [UInt8], kept: [UInt8], seqs: [Int])] = []
        for name in journalFiles(manifest) {
            let full = path + "/" + name
            let raw = FileIO.exists(full) ? try io(path) { try FileIO.readFile(full) } : []
            // A byte-order mark vrboard never writes (an editor's save): removed, the lines after it kept.
            let bytes = raw.starts(with: JSONScan.byteOrderMark) ? Array(raw.dropFirst(3)) : raw
            if bytes.count != raw.count { report.fileChanges.append("\(name): removes the byte-order mark at its start") }
            let active = name == journalName
            var kept: [UInt8] = []
            var seqs: [Int] = []
            kept.reserveCapacity(bytes.count)
            var start = 0, lineNo = 1
            func nextSeq(after end: Int) -> Int? {
                guard end + 1 < bytes.count else { return nil }
                let next = bytes[(end + 1)...].firstIndex(of: 0x0A) ?? bytes.count
                return try? decoder.decode(SeqOnly.self, from: Data(bytes[(end + 1)..<next])).seq
            }
            func holdsExpectedSlot(_ e: JournalEntry, end: Int) -> Bool {
                if e.seq == chain.expectedSeq { return true }
                var after = chain
                after.markRemoved(chain.expectedSeq)
                return nextSeq(after: end) == after.expectedSeq
            }
            while start < bytes.count {
                let nl = bytes[start...].firstIndex(of: 0x0A)
                let end = nl ?? bytes.count
                let line = Array(bytes[start..<end])
                func remove(_ reason: String, _ e: JournalEntry?, consumes: Bool) {
                    let seq = consumes ? chain.expectedSeq : e?.seq
                    if consumes, let seq { chain.markRemoved(seq) }
                    // The snapshots hold everything up to the checkpoint, and a collection file what it was written at.
                    let slot = seq ?? .max
                    var held = slot <= checkpoint
                    if let e, !held {
                        held = (snapshotRev(e.collection, e.id) ?? 0) >= e.rev && slot <= (snapshots.journalSeqs[e.collection] ?? 0)
                    }
                    report.removed.append(
                        RemovedLine(
                            file: name, line: lineNo, seq: seq, change: e.map { "\($0.collection.rawValue)/\($0.id) rev \($0.rev)" },
                            reason: reason, heldBySnapshots: held))
                }
                if nl == nil {
                    // A torn last line: never complete. It held the next change, acknowledged only if the snapshots say so.
                    remove("incomplete (\(line.count) bytes): a write that never finished", nil, consumes: chain.expectedSeq <= checkpoint)
                } else if line.isEmpty {
                    remove("empty line", nil, consumes: false)
                } else if let e = try? decoder.decode(JournalEntry.self, from: Data(line)) {
                    let issues = entryIssues(e, texts: false)
                    if active && e.seq <= sealed {
                        remove("already sealed into a segment (a sealing that stopped short)", e, consumes: false)
                    } else if let first = issues.first {
                        remove("\(first)", e, consumes: holdsExpectedSlot(e, end: end))
                    } else if let reason = chain.reason(e, snapshotRev: snapshotRev) {
                        remove(reason, e, consumes: holdsExpectedSlot(e, end: end))
                    } else {
                        chain.accept(e)
                        kept += line
                        kept.append(0x0A)
                        seqs.append(e.seq)
                    }
                } else {
                    let p = placed(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "")), line: lineNo, bytes: line, file: name)
                    remove("cannot be read: column \(p.column): \(p.reason)", nil, consumes: true)
                }
                start = end + 1
                lineNo += 1
            }
            files.append((name, raw, kept, seqs))
        }
        // A segment whose index is missing or wrong is indexed again.
        var reindex: [Segment] = []
        for (k, segment) in (manifest.segments ?? []).enumerated()
        where (try? FileIO.readFile(path + "/" + segment.index)) != indexBytes(ofSegment: files[k].kept) {
            reindex.append(segment)
            report.manifestChanges.append("\(segment.index) is indexed again")
        }

        var m = manifest
        let newlyRemoved = chain.removed.subtracting(manifest.removedSeqs ?? []).sorted()
        if !newlyRemoved.isEmpty {
            m.removedSeqs = ((manifest.removedSeqs ?? []) + newlyRemoved).sorted()
            report.manifestChanges.append(
                "records the removed change numbers \(newlyRemoved.map(String.init).joined(separator: ", ")) so the journal still checks")
        }
        // Segments keep their names; their ranges follow what they keep, and one left empty is dropped.
        if let segments = manifest.segments {
            let updated = segments.enumerated().compactMap { k, seg -> Segment? in
                guard let first = files[k].seqs.first, let last = files[k].seqs.last else { return nil }
                return Segment(file: seg.file, firstSeq: first, lastSeq: last)
            }
            if updated != segments {
                m.segments = updated
                report.manifestChanges.append("the segments' ranges follow the lines they keep")
            }
        }
        if checkpoint > chain.end {
            m.checkpointSeq = chain.end
            report.manifestChanges.append("checkpointSeq \(checkpoint) was past the end of the journal: now \(chain.end)")
        }
        guard report.changed, !dryRun else { return report }

        // Everything is copied before anything changes.
        let stamp = Timestamp.now().filter { $0.isNumber || $0 == "T" }
        var backup = "\(path)/backup-repair-\(stamp)"
        var n = 1
        while FileIO.exists(backup) {
            n += 1
            backup = "\(path)/backup-repair-\(stamp)-\(n)"
        }
        try io(path) {
            try FileIO.makeDirectory(backup)
            for name in FileIO.listDirectory(path) where name != lockName && !FileIO.isDirectory(path + "/" + name) {
                let file = path + "/" + name
                try FileIO.atomicWrite(try FileIO.readFile(file), to: backup + "/" + name, defaultMode: FileIO.mode(of: file) ?? 0o600)
            }
            let folder = path + "/" + segmentFolder
            if FileIO.isDirectory(folder) {
                try FileIO.makeDirectory(backup + "/" + segmentFolder)
                for name in FileIO.listDirectory(folder) {
                    try FileIO.atomicWrite(
                        try FileIO.readFile(folder + "/" + name), to: backup + "/" + segmentFolder + "/" + name,
                        defaultMode: FileIO.mode(of: folder + "/" + name) ?? 0o600)
                }
            }
        }
        report.backup = FileIO.basename(of: backup)
        for f in files where f.kept != f.bytes {
            let full = path + "/" + f.name
            if f.name == journalName {
                // In place, so that an open board's descriptor still names the journal (it reloads on seeing it shorter).
                try io(path) {
                    let fd = try FileIO.open(full, O_WRONLY | O_CREAT)
                    defer { FileIO.close(fd) }
                    try FileIO.pwriteAll(fd, f.kept, at: 0, full)
                    try FileIO.truncate(fd, to: f.kept.count, full)
                    try FileIO.fsync(fd, full)
                }
            } else {
                try io(path) { try FileIO.atomicWrite(f.kept, to: full, defaultMode: FileIO.mode(of: full) ?? 0o600) }
            }
        }
        for (k, segment) in (manifest.segments ?? []).enumerated() where reindex.contains(segment) || files[k].kept != files[k].bytes {
            try io(path) { try FileIO.atomicWrite(indexBytes(ofSegment: files[k].kept), to: path + "/" + segment.index, defaultMode: 0o600) }
        }
        if m != manifest {
            try io(path) { try FileIO.atomicWrite([UInt8](try prettyJSON(m)), to: path + "/" + manifestName, defaultMode: 0o600) }
        }
        return report
    }

    /// Runs file work, turning a failed system call into a store error (repair, history).
    static func io<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let f as IOFailure { throw StoreError.io(f) }
    }
}
