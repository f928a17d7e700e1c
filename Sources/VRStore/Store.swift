#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

/// The JSON document store: one folder of pretty-printed collection snapshots and a journal.
///
/// The commit point of a change is one fdatasync'd append to `journal.jsonl`. Snapshots are rewritten
/// later (checkpoint) by temp file, fsync, rename and folder fsync; on open, journal entries after the
/// manifest's `checkpointSeq` are replayed. Writers are serialised across processes by `flock` on
/// `.vrboard.lock`, a file that is never renamed. Every document carries a revision and a save based on
/// a stale revision is refused as a conflict.
public final class Store {
    /// The format this vrboard writes. 1: the first stores (no meetings). 2: adds `meetings.json`.
    /// 3: the journal is sealed into segments (`journal/000001.jsonl`, each with an index) as it grows, and
    /// an entry may carry only what changed. Older formats are read as they are and upgraded by the next
    /// writable open, keeping a backup.
    public static let format = 3
    public static let segmentFolder = "journal"
    public static let lockName = ".vrboard.lock"
    public static let journalName = "journal.jsonl"
    /// Where a walkthrough's presenter is (`PresenterPosition`): not a save, never journalled.
    public static let presenterName = "presenting.json"
    public static let manifestName = "vrboard.json"
    /// This process's operating-system login, recorded on each change it saves.
    public static let osLogin = Timestamp.osLogin()

    public let path: String
    public let readOnly: Bool
    public private(set) var board: Board { didSet { stamp() } }
    /// Sequence number of the newest journal entry applied.
    public private(set) var lastSeq: Int { didSet { stamp() } }
    /// The boards held meetings showed, rebuilt from this store's journal (`attach(frozen:)`).
    private var frozenBoards = FrozenBoards()

    /// Keeps the board's journal position and its held meetings' boards with it, whatever replaced it.
    private func stamp() {
        // The assignment runs the board's observer again, which then finds nothing to change.
        if let kept = board.keeping(position: lastSeq, frozen: frozenBoards) { board = kept }
    }

    /// The cache (and the rebuilding) of the boards held meetings showed, for this store's board.
    public func attach(frozen: FrozenBoards) {
        frozenBoards = frozen
        stamp()
    }
    /// Things repaired or noticed on open (e.g. a torn last journal line).
    public private(set) var warnings: [String] = []

    /// Checkpoint once this many entries are pending…
    public var checkpointEvery = 512
    /// …or at once after a commit when the changed snapshot is smaller than this.
    public var eagerCheckpointBytes = 1 << 20
    /// The active journal is sealed into a segment at a checkpoint once it holds this many bytes, and a
    /// segment holds at most this many (a single larger entry has one to itself).
    public var segmentBytes: Int

    private(set) var manifest: Manifest
    private var journalFD: Int32 = -1
    private var lockFD: Int32 = -1
    private var lockDepth = 0
    private var journalOffset = 0
    private var dirty: Set<CollectionName> = []
    /// The journal's rules as far as it has been read: the next entry must follow on from here.
    private(set) var chain = JournalChain(after: 0, checkpointSeq: 0, removed: [], fileSeqs: [:])
    /// Set when a save was durable but rewriting the snapshots afterwards failed (retried at the next
    /// save and on close); nil once they are written.
    public private(set) var checkpointProblem: String?
    private var snapshotBytes: [CollectionName: Int] = [:]
    /// The documents the active journal holds an entry of (so a further change can be written as a patch
    /// and the file still reads on its own): "collection/id".
    /// Nil until first needed (a writer's first save reads the active journal's ids once).
    private var wholeInActive: Set<String>?

    private var journalPath: String { path + "/" + Store.journalName }

    /// A store opened for one save (`saveOne`): the documents read ("collection/id", besides the programme
    /// and the funding, which are always read), nil for a store opened whole. It saves only a document it
    /// read, and writes back only the snapshots of collections it read whole.
    private var partial: Set<String>?
    /// The collections of which such a store read only some documents: never written back.
    private(set) var picked: Set<CollectionName> = []
    /// The partial board as the snapshots hold it, before the journal's newest changes (what the journal's
    /// check compares a document's first change after the checkpoint with).
    private(set) var partialSnapshots: Board?

    // MARK: Opening

    /// Opens a store. Read-only opening never creates, repairs or writes any file.
    /// `segmentBytes`: the size the journal is sealed at (smaller in tests, so sealing happens often).
    public convenience init(path: String, readOnly: Bool = false, segmentBytes: Int = 4 << 20) throws {
        try self.init(path: path, readOnly: readOnly, segmentBytes: segmentBytes, partial: nil)
        do {
            try withLock(readOnly ? LOCK_SH : LOCK_EX) { try self.load() }
        } catch {
            closeFiles()
            throw error
        }
    }

    /// Opens the store's files without reading it (`load` reads it, under the lock).
    init(path: String, readOnly: Bool, segmentBytes: Int, partial: Set<String>?) throws {
        self.path = path
        self.partial = partial
        self.readOnly = readOnly
        self.segmentBytes = segmentBytes
        if FileIO.exists(path) && !FileIO.isDirectory(path) {
            throw StoreError.invalid("\(path) is a file, not a store folder; give the folder that holds \(Store.manifestName)")
        }
        guard FileIO.exists(path + "/" + Store.manifestName) else { throw StoreError.notAStore(path) }
        let lockPath = path + "/" + Store.lockName
        do {
            // The journal first: a writer that cannot write it leaves no lock file behind. If another writer
            // seals and replaces it before the lock is taken, `load` opens the new one under the lock.
            journalFD = try FileIO.open(
                path + "/" + Store.journalName, readOnly ? O_RDONLY : (O_RDWR | O_APPEND | O_CREAT),
                mode: FileIO.mode(of: path + "/" + Store.manifestName) ?? 0o600)
            if readOnly {
                lockFD = FileIO.exists(lockPath) ? try FileIO.open(lockPath, O_RDONLY) : -1
            } else {
                lockFD = try FileIO.open(lockPath, O_RDWR | O_CREAT, mode: FileIO.mode(of: path + "/" + Store.manifestName) ?? 0o600)
            }
        } catch let f as IOFailure {
            if journalFD >= 0 {
                FileIO.close(journalFD)
                journalFD = -1
            }
            throw StoreError.io(f)
        }
        // Placeholders until loaded under the lock.
        manifest = Manifest(kind: "vrboard-store", format: Store.format, dataset: nil, checkpointSeq: 0)
        board = Store.emptyBoard
        lastSeq = 0
    }

    deinit { closeFiles() }

    func closeFiles() {
        if journalFD >= 0 {
            FileIO.close(journalFD)
            journalFD = -1
        }
        if lockFD >= 0 {
            FileIO.close(lockFD)
            lockFD = -1
        }
    }

    /// Writes any pending snapshots and releases the files. A failure to rewrite the snapshots is not
    /// an error (every change is in the journal): it is left in `checkpointProblem` for the caller to
    /// report, and the next writable open tries again.
    public func close() throws {
        defer { closeFiles() }
        if !readOnly && !dirty.isEmpty {
            try withLock(LOCK_EX) {
                try self.catchUp(exclusive: true)
                self.tryCheckpoint()
            }
        }
    }

    /// Checkpoints, turning a failure into `checkpointProblem` (the journal already holds every change).
    private func tryCheckpoint() {
        do {
            try checkpoint()
            checkpointProblem = nil
        } catch {
            checkpointProblem = Store.notRewritten(error)
        }
    }

    /// What a save says when it is durable but the snapshots could not be rewritten after it.
    static func notRewritten(_ error: Error) -> String {
        "the change is saved in the journal, but the snapshot files could not be rewritten (\(error)); they are rewritten at the next save or open"
    }

    func load() throws {
        if !readOnly {
            // A writer killed mid-checkpoint leaves its temp file; the rename never happened, so it holds nothing needed.
            for name in FileIO.listDirectory(path) where name.hasPrefix(".") && name.contains(".json.tmp-") {
                unlink(path + "/" + name)
            }
        }
        // Under the lock, the journal is the one at its path: a descriptor opened before the lock may name a
        // journal another writer has since sealed and replaced, and tidying or reading that one would lose
        // the new one's changes.
        if journalReplaced { try io { try self.reopenJournal() } }
        // For one save, the journal's newest changes first: the documents they touch are read with the one saved.
        var early: Tail?
        var only: Set<String>?
        if let wanted = partial {
            manifest = try Store.decodeVersioned(Manifest.self, try Store.readBytes(Store.manifestName, in: path), file: Store.manifestName) {
                $0.format
            }
            if !readOnly { try tidySegments() }
            let tail = try readTail(after: manifest.checkpointSeq ?? 0)
            early = tail
            only = wanted.union(tail.entries.map { Store.key($0.collection, $0.id) })
        }
        var (m, snapshots) = try Store.readSnapshots(path, only: only, wholeBelow: eagerCheckpointBytes)
        if let only {
            // An older store is upgraded by a whole open; a manifest that moved on was rewritten under this lock by nobody.
            guard snapshots.oldestFormat == Store.format, m.checkpointSeq == manifest.checkpointSeq else { throw NeedsWholeBoard() }
            partial = only
            picked = snapshots.picked
            partialSnapshots = snapshots.board
        }
        var upgraded = false
        if snapshots.oldestFormat < Store.format {
            if readOnly {
                warnings.append(
                    "this store is in format \(snapshots.oldestFormat); it is read as it is and will be upgraded to format \(Store.format) the next time it is opened for writing"
                )
            } else {
                m = try migrate(from: &snapshots, manifest: m)
                upgraded = true
            }
        }
        manifest = m
        board = snapshots.board
        dirty = []
        wholeInActive = nil
        snapshotBytes = snapshots.sizes
        let checkpointSeq = m.checkpointSeq ?? 0
        if !readOnly && early == nil { try tidySegments() }
        let tail = try early ?? readTail(after: checkpointSeq)
        if tail.tornBytes > 0 {
            // The torn line would have been the change after the last complete one.
            let tornSeq = JournalChain(
                after: tail.newestSeq ?? checkpointSeq, checkpointSeq: checkpointSeq, removed: m.removedSeqs ?? [], fileSeqs: [:]
            ).expectedSeq
            let where_ = "\(Store.journalName): last line (\(tail.tornBytes) bytes) is incomplete"
            if tornSeq <= checkpointSeq {
                // Acknowledged (the snapshots hold it) and since damaged: never cut without a backup.
                let reason =
                    "\(where_), but it held change #\(tornSeq), which was saved and is held by the snapshots; run `vrboard repair` to cut it, keeping a backup"
                if !readOnly { throw StoreError.problems([try problemAt(offset: tail.validEnd, reason: reason)]) }
                warnings.append(reason)
            } else if readOnly {
                warnings.append("\(where_), from a write that never finished; ignored (read-only)")
            } else {
                try io {
                    try FileIO.truncate(self.journalFD, to: tail.validEnd, self.journalPath)
                    try FileIO.fsync(self.journalFD, self.journalPath)
                }
                warnings.append(
                    "\(where_), from a write that never finished and was never acknowledged; removed it (no acknowledged change was lost)")
            }
        }
        if checkpointSeq > max(tail.newestSeq ?? m.segments?.last?.lastSeq ?? 0, m.removedSeqs?.max() ?? 0) {
            throw StoreError.problems([
                Problem(
                    file: Store.manifestName, line: 1, column: 1,
                    reason:
                        "checkpointSeq \(checkpointSeq) is past the end of the journal (\(tail.newestSeq ?? 0)): entries are missing; run `vrboard validate`, then `vrboard repair`"
                )
            ])
        }
        chain = JournalChain(after: checkpointSeq, checkpointSeq: checkpointSeq, removed: m.removedSeqs ?? [], fileSeqs: snapshots.journalSeqs)
        for (e, offset) in zip(tail.entries, tail.offsets) { try accept(e, at: offset) }
        lastSeq = max(checkpointSeq, tail.entries.last?.seq ?? 0)
        journalOffset = tail.validEnd
        if upgraded {
            // An upgraded store's journal is sealed into segments of bounded size straight away.
            try checkpoint()
        }
    }

    /// Writable open, under the writer's lock: removes segment files no manifest lists (a sealing that
    /// stopped before the manifest named them), and finishes a sealing that stopped after it (the active
    /// journal still holding only changes a segment holds).
    private func tidySegments() throws {
        let listed = Set((manifest.segments ?? []).flatMap { [$0.file, $0.index] })
        let folder = path + "/" + Store.segmentFolder
        for name in FileIO.listDirectory(folder) where !listed.contains(Store.segmentFolder + "/" + name) {
            unlink(folder + "/" + name)
        }
        guard let sealed = manifest.segments?.last?.lastSeq else { return }
        var lines = try io { try BackwardLines(fd: self.journalFD, path: self.journalPath) }
        if let (line, _) = try io({ try lines.next() }), let newest = EntryMeta.scan(line), newest.seq <= sealed {
            try io {
                try FileIO.atomicWrite([], to: self.journalPath, defaultMode: FileIO.mode(of: self.journalPath) ?? 0o600)
                try self.reopenJournal()
            }
            warnings.append("finished sealing the journal into segments, which an earlier save had begun")
        }
    }

    /// Opens the active journal afresh (after it was sealed and replaced), reading it from its start.
    private func reopenJournal() throws {
        let fd = try FileIO.open(journalPath, readOnly ? O_RDONLY : (O_RDWR | O_APPEND | O_CREAT), mode: FileIO.mode(of: journalPath) ?? 0o600)
        FileIO.close(journalFD)
        journalFD = fd
        journalOffset = 0
        wholeInActive = []
    }

    /// True when the active journal was sealed and replaced by another process since it was opened here.
    private var journalReplaced: Bool {
        var a = stat(), b = stat()
        guard fstat(journalFD, &a) == 0, stat(journalPath, &b) == 0 else { return false }
        return a.st_ino != b.st_ino || a.st_dev != b.st_dev
    }

    /// Applies one journal entry after checking it follows on from the last (sequence and revisions).
    private func accept(_ e: JournalEntry, at offset: Int, file: String = Store.journalName) throws {
        if let reason = chain.check(e, snapshotRev: { self.board.document($0, $1)?.rev }) {
            throw StoreError.problems([
                try problemAt(offset: offset, reason: reason + "; run `vrboard validate`, then `vrboard repair`", file: file)
            ])
        }
        // A snapshot file written after this entry already holds it (a checkpoint stopped before the manifest).
        if let current = board.document(e.collection, e.id), current.rev >= e.rev { return }
        // A change written as a patch is made to the revision before it, then checked whole like any document.
        let doc: AnyDocument
        do {
            doc = try e.document(base: board.document(e.collection, e.id))
        } catch {
            throw StoreError.problems([try problemAt(offset: offset, reason: "\(error)", file: file)])
        }
        if e.doc == nil, let issue = Inspector.issues(of: doc, texts: false).first {
            throw StoreError.problems([try problemAt(offset: offset, reason: "\(e.collection.rawValue)/\(e.id): \(issue)", file: file)])
        }
        board.apply(doc)
        dirty.insert(e.collection)
        if file == Store.journalName { wholeInActive?.insert(Store.key(e.collection, e.id)) }
    }

    static func key(_ c: CollectionName, _ id: String) -> String { c.rawValue + "/" + id }

    /// True when the active journal already holds an entry of this document (so it holds it whole).
    private func activeHolds(_ doc: AnyDocument) throws -> Bool {
        if wholeInActive == nil {
            let bytes = try io { try FileIO.pread(self.journalFD, count: self.journalOffset, at: 0, self.journalPath) }
            var ids: Set<String> = []
            var start = 0
            while let nl = bytes[start...].firstIndex(of: 0x0A) {
                if let m = EntryMeta.scan(bytes[start..<nl]), let c = CollectionName(rawValue: m.collection) { ids.insert(Store.key(c, m.id)) }
                start = nl + 1
            }
            wholeInActive = ids
        }
        return wholeInActive?.contains(Store.key(doc.collection, doc.id)) ?? false
    }

    struct Snapshots {
        var board: Board
        var sizes: [CollectionName: Int]
        /// The journal sequence each collection file was written at.
        var journalSeqs: [CollectionName: Int] = [:]
        var files: [CollectionName: [UInt8]]
        /// The oldest format among the files (below `Store.format` means the store needs upgrading).
        var oldestFormat: Int
        /// The collections only some documents of which were read (`readSnapshots(only:)`).
        var picked: Set<CollectionName> = []
    }

    static let emptyBoard = Board(
        programme: Programme(
            name: "", shortName: "", area: "", year: "", vision: "", scope: "", accountableBody: "",
            asAt: Day(year: 2000, month: 1, day: 1)!, source: ""),
        funding: Funding(allocationName: "", allocation: 0, allocationSource: "", categories: [], grants: [], conditions: []),
        members: [], priorities: [], workstreams: [], risks: [])

    static func readBytes(_ file: String, in dir: String) throws -> [UInt8] {
        let full = dir + "/" + file
        guard FileIO.exists(full) else { throw Problem(file: file, line: 1, column: 1, reason: "missing: every store has \(file)") }
        do {
            let fd = try FileIO.open(full, O_RDONLY)
            defer { FileIO.close(fd) }
            let size = try FileIO.size(fd, full)
            guard size <= Located.maxFileBytes else {
                throw Problem(file: file, line: 1, column: 1, reason: "file is \(size >> 20) MiB, over the \(Located.maxFileBytes >> 20) MiB limit")
            }
            return try FileIO.pread(fd, count: size, at: 0, full)
        } catch let f as IOFailure {
            throw Problem(file: file, line: 1, column: 1, reason: "cannot read: \(String(cString: strerror(f.code)))")
        }
    }

    /// Decodes a versioned file. A file from a newer vrboard is refused as such, even when its shape
    /// no longer decodes; the format is probed only on that error path, so opening parses each file once.
    static func decodeVersioned<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], file: String, format: (T) -> Int) throws -> T {
        let value: T
        do {
            value = try Located.decode(T.self, from: bytes, file: file)
        } catch {
            if let probe = try? Located.decode(Located.FormatProbe.self, from: bytes, file: file), let f = probe.format {
                try checkFormat(f, file: file)
            }
            throw error
        }
        try checkFormat(format(value), file: file)
        return value
    }

    /// Upgrades an older store in place, under the writer's lock: every original file is first copied to
    /// `backup-format-N-<time>/`, then the snapshots and the manifest are rewritten in the current
    /// format (1 → 2 adds an empty `meetings.json`). The journal's lines are the same in every format.
    private func migrate(from snapshots: inout Snapshots, manifest old: Manifest) throws -> Manifest {
        let stamp = Timestamp.now().filter { $0.isNumber || $0 == "T" }
        let backup = "\(path)/backup-format-\(snapshots.oldestFormat)-\(stamp)"
        try io {
            try FileIO.makeDirectory(backup)
            for name in [Store.manifestName, Store.journalName] + CollectionName.allCases.map(\.fileName)
            where FileIO.exists(path + "/" + name) {
                try FileIO.atomicWrite(
                    try FileIO.readFile(path + "/" + name), to: backup + "/" + name, defaultMode: FileIO.mode(of: path + "/" + name) ?? 0o600)
            }
        }
        for name in CollectionName.allCases {
            let bytes = try Store.encodeCollection(name, board: snapshots.board, journalSeq: old.checkpointSeq ?? 0)
            snapshots.sizes[name] = bytes.count
            try io {
                try FileIO.atomicWrite(
                    bytes, to: self.path + "/" + name.fileName, defaultMode: FileIO.mode(of: self.path + "/" + Store.manifestName) ?? 0o600)
            }
        }
        var m = old
        m.format = Store.format
        let mb = [UInt8](try Store.prettyJSON(m))
        try io { try FileIO.atomicWrite(mb, to: self.path + "/" + Store.manifestName, defaultMode: 0o600) }
        warnings.append(
            "upgraded this store from format \(snapshots.oldestFormat) to \(Store.format); the original files are in \(FileIO.basename(of: backup))")
        return m
    }

    static func checkFormat(_ f: Int, file: String) throws {
        if f > Store.format {
            throw Problem(
                file: file, line: 1, column: 1,
                reason: "format \(f) is newer than this vrboard understands (up to \(Store.format)); upgrade vrboard to open it")
        }
        if f < 1 { throw Problem(file: file, line: 1, column: 1, reason: "format \(f) is not a vrboard format") }
    }

    /// Reads the manifest and every snapshot, collecting every problem rather than stopping at the first.
    /// `only` ("collection/id"): the programme, the funding and these documents, and no other (a save that
    /// touches one document); a collection file of `wholeBelow` bytes or more that holds one of them is
    /// skimmed for it, not decoded whole (`Snapshots.picked`).
    static func readSnapshots(_ dir: String, only: Set<String>? = nil, wholeBelow: Int = 0) throws -> (Manifest, Snapshots) {
        var problems: [Problem] = []
        var manifest: Manifest?
        var oldest = Store.format
        do {
            let bytes = try readBytes(manifestName, in: dir)
            let m = try decodeVersioned(Manifest.self, bytes, file: manifestName) { $0.format }
            oldest = min(oldest, m.format)
            if m.kind != "vrboard-store" { throw Problem(file: manifestName, line: 1, column: 1, reason: "kind is '\(m.kind)', not 'vrboard-store'") }
            var i = Inspector(texts: false)
            i.number("checkpointSeq", m.checkpointSeq ?? 0, 0...Limits.maxSequence, "a sequence number")
            for (k, n) in (m.removedSeqs ?? []).enumerated() { i.number("removedSeqs[\(k)]", n, 1...Limits.maxSequence, "a sequence number") }
            let bad = placed(i.issues, under: [], in: bytes, file: manifestName)
            if let first = bad.first { throw first }
            manifest = m
        } catch let p as Problem { problems.append(p) }

        // A whole read reads and checks the collection files on every core at once, the largest first; each
        // file's outcome is taken in below in the collections' own order, so problems are reported as before.
        // A read of some documents (one save) reads little: one thread, and no more memory than it needs.
        let programme = Read<Programme>(.programme), funding = Read<Funding>(.funding), members = Read<Member>(.members)
        let priorities = Read<Priority>(.priorities), workstreams = Read<Workstream>(.workstreams), risks = Read<Risk>(.risks)
        let meetings = Read<Meeting>(.meetings), interventions = Read<Intervention>(.interventions)
        let evaluations = Read<Evaluation>(.evaluations), outcomes = Read<OutcomeMeasure>(.outcomes), sources = Read<SourceDocument>(.sources)
        let reads: [any CollectionRead] = [
            programme, funding, members, priorities, workstreams, risks, meetings, interventions, evaluations, outcomes, sources,
        ]
        if only == nil {
            let largestFirst = reads.map { ($0, FileIO.size(of: dir + "/" + $0.name.fileName) ?? 0) }.sorted { $0.1 > $1.1 }.map(\.0)
            DispatchQueue.concurrentPerform(iterations: largestFirst.count) { largestFirst[$0].run(dir: dir, only: nil, wholeBelow: wholeBelow) }
        } else {
            for r in reads { r.run(dir: dir, only: only, wholeBelow: wholeBelow) }
        }
        var sizes: [CollectionName: Int] = [:]
        var seqs: [CollectionName: Int] = [:]
        var files: [CollectionName: [UInt8]] = [:]
        var picked: Set<CollectionName> = []
        for r in reads {
            let o = r.outcome
            problems += o.problems
            sizes[r.name] = o.size
            seqs[r.name] = o.journalSeq
            files[r.name] = o.bytes
            if o.picked { picked.insert(r.name) }
            if let f = o.format { oldest = min(oldest, f) }
        }
        for r in [programme, funding] as [any CollectionRead] where r.outcome.bytes != nil && r.outcome.documents != 1 {
            if !problems.contains(where: { $0.file == r.name.fileName }) {
                problems.append(
                    Problem(file: r.name.fileName, line: 1, column: 1, reason: "must hold exactly one document (holds \(r.outcome.documents))"))
            }
        }
        guard problems.isEmpty, let manifest, let p = programme.docs.first, let f = funding.docs.first else { throw StoreError.problems(problems) }
        let board = Board(
            programme: p, funding: f, members: members.docs, priorities: priorities.docs, workstreams: workstreams.docs, risks: risks.docs,
            meetings: meetings.docs, interventions: interventions.docs, evaluations: evaluations.docs, outcomes: outcomes.docs,
            sources: sources.docs)
        return (manifest, Snapshots(board: board, sizes: sizes, journalSeqs: seqs, files: files, oldestFormat: oldest, picked: picked))
    }

    /// The documents with these ids in a collection file, found without decoding the others, then checked
    /// as a whole read checks them (numbers within bounds, one document an id, a revision of 1 or more).
    static func pick<D: StoreDocument>(
        _ type: D.Type, ids: Set<String>, from bytes: [UInt8], _ name: CollectionName
    ) throws -> (
        docs: [D], journalSeq: Int, format: Int
    ) {
        let file = name.fileName
        func checked(format: Int?, collection: String?, journalSeq: Int?) throws -> (format: Int, journalSeq: Int) {
            guard let format else { throw Problem(file: file, line: 1, column: 1, reason: "not a collection file: it has no format") }
            try checkFormat(format, file: file)
            guard collection == name.rawValue else {
                throw Problem(file: file, line: 1, column: 1, reason: "holds collection '\(collection ?? "")', expected '\(name.rawValue)'")
            }
            guard let journalSeq, (0...Limits.maxSequence).contains(journalSeq) else {
                throw Problem(file: file, line: 1, column: 1, reason: "journalSeq is not a sequence number")
            }
            return (format, journalSeq)
        }
        // As this vrboard writes the file, its own fields open and close it on lines of their own, and each
        // document's id is on a line of its own at one indentation: found by searching for that line, and
        // checked by skimming that document, the file is not walked.
        if let frame = writtenFrame(bytes, name) {
            let head = try checked(format: frame.format, collection: name.rawValue, journalSeq: frame.journalSeq)
            if let found = documentsWritten(ids: ids, in: bytes) {
                let docs = try found.map { element in
                    try checkedDocument(D.self, Array(element), file: file) { JSONScan.lineColumn(of: element.startIndex, in: bytes).line }
                }
                return (docs, head.journalSeq, head.format)
            }
        }
        // Any other layout (a file written by hand): every document's id, skimmed.
        let top = TopLevel.fields(bytes[...], wanted: ["collection", "format", "journalSeq", "documents"])
        let (format, journalSeq) = try checked(
            format: top.int("format"), collection: top.string("collection"), journalSeq: top.raw["journalSeq"] == nil ? 0 : top.int("journalSeq"))
        var docs: [D] = []
        var seen = Set<String>()
        let list =
            try top.raw["documents"].map { raw in
                try TopLevel.elements(raw, wanted: ["id"]) { element, fields in
                    guard let id = fields.string("id"), ids.contains(id) else { return }
                    let (line, column) = JSONScan.lineColumn(of: element.startIndex, in: bytes)
                    guard seen.insert(id).inserted else { throw Problem(file: file, line: line, column: column, reason: "duplicate id '\(id)'") }
                    docs.append(try checkedDocument(D.self, Array(element), file: file) { line })
                }
            } ?? false
        guard list else {
            let (l, c) = JSONScan.lineColumn(of: top.raw["documents"]?.startIndex ?? 0, in: bytes)
            throw Problem(file: file, line: l, column: c, reason: "documents is not a list of documents")
        }
        return (docs, journalSeq, format)
    }

    /// A document read from its bytes in a collection file (starting at `line`), checked as a whole read
    /// checks each: numbers within bounds, a revision of 1 or more.
    /// (`line` is counted only to place a problem.)
    static func checkedDocument<D: StoreDocument>(_ type: D.Type, _ bytes: [UInt8], file: String, line: () -> Int) throws -> D {
        let d: D
        do { d = try Located.decode(D.self, from: bytes, file: file) } catch let p as Problem {
            throw Problem(file: p.file, line: p.line + line() - 1, column: p.column, reason: p.reason)
        }
        let issues = Inspector.issues(of: d, texts: false)
        if !issues.isEmpty { throw StoreError.problems(placed(issues, under: [], in: bytes, file: file, lineOffset: line() - 1)) }
        if d.rev < 1 { throw Problem(file: file, line: line(), column: 1, reason: "rev must be 1 or more") }
        return d
    }

    /// The format and journal sequence of a collection file laid out as `encodeCollection` writes it, read
    /// from its first and last lines; nil for any other layout.
    static func writtenFrame(_ bytes: [UInt8], _ name: CollectionName) -> (format: Int, journalSeq: Int)? {
        let head = Array("{\n  \"collection\" : \(jsonString(name.rawValue)),\n  \"documents\" : [".utf8)
        guard bytes.starts(with: head) else { return nil }
        // The end: `],\n  "format" : 3,\n  "journalSeq" : 12\n}\n`.
        let tail = String(decoding: bytes.suffix(96), as: UTF8.self)
        guard let f = tail.range(of: "],\n  \"format\" : ", options: .backwards) else { return nil }
        let rest = tail[f.upperBound...]
        let parts = rest.split(separator: "\n", omittingEmptySubsequences: false)
        let seqPrefix = "  \"journalSeq\" : "
        guard parts.count == 4, parts[0].hasSuffix(","), let format = Int(parts[0].dropLast()), parts[1].hasPrefix(seqPrefix),
            let seq = Int(parts[1].dropFirst(seqPrefix.count)), parts[2] == "}", parts[3].isEmpty
        else { return nil }
        return (format, seq)
    }

    /// The bytes of the documents with these ids in a collection file as `encodeCollection` writes it, in
    /// one pass over its lines: a document's own `"id"` is a line at a document member's indentation, the
    /// document opens on a line `    {` before it, and its own id, skimmed, is the one on that line. An id
    /// not found is not there when every document that opens has its id line. Nil when the file is not so
    /// laid out, an id is found twice, or an id line holds an escape (the whole file is skimmed then).
    static func documentsWritten(ids: Set<String>, in bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        let prefix = Array("      \"id\" : \"".utf8), opens = Array("    {\n".utf8)
        var lines: [String: Int] = [:]
        var twice = false  // or an id that is not plain text
        var openings = 0, idLines = 0
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            var i = 0
            while i < p.count, let nl = memchr(base + i, 0x0A, p.count - i) {
                let line = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - base + 1
                i = line
                if p.count - line >= opens.count && memcmp(base + line, opens, opens.count) == 0 { openings += 1 }
                guard p.count - line > prefix.count, memcmp(base + line, prefix, prefix.count) == 0 else { continue }
                idLines += 1
                var j = line + prefix.count
                while j < p.count && p[j] != 0x22 && p[j] != 0x5C && p[j] != 0x0A { j += 1 }
                // An id with an escape in it is compared as the decoder reads it: the whole file is skimmed.
                guard j < p.count, p[j] == 0x22 else {
                    twice = true
                    return
                }
                let id = String(decoding: UnsafeBufferPointer(rebasing: p[(line + prefix.count)..<j]), as: UTF8.self)
                guard ids.contains(id) else { continue }
                if lines.updateValue(line, forKey: id) != nil { twice = true }
            }
        }
        guard !twice, openings == idLines else { return nil }
        let opening = Array("\n    {".utf8)
        var out: [ArraySlice<UInt8>] = []
        for (id, line) in lines.sorted(by: { $0.value < $1.value }) {
            // Back to the line that opens the document (a nested object is indented further).
            var k = line - 1
            while k >= opening.count - 1 && !(bytes[k] == 0x7B && bytes[(k - opening.count + 1)...k].elementsEqual(opening)) { k -= 1 }
            guard k >= opening.count - 1 else { return nil }
            var skim = Skim(bytes[k...])
            guard let own = skim.object(wanted: [Array("id".utf8)], whole: true), own.string("id") == id, skim.i > line else { return nil }
            out.append(bytes[k..<skim.i])
        }
        return out
    }

    // MARK: The journal

    struct Tail {
        var entries: [JournalEntry]
        /// Where each entry's line starts.
        var offsets: [Int]
        /// The sequence of the last complete line, nil when there is none.
        var newestSeq: Int?
        /// Offset just after the last complete line.
        var validEnd: Int
        var tornBytes: Int
    }

    /// Reads the journal backwards from its end until an entry at or before `seq`: the cost grows with the
    /// entries not yet checkpointed, not with the length of the history.
    func readTail(after seq: Int) throws -> Tail {
        let size = try io { try FileIO.size(self.journalFD, self.journalPath) }
        let chunk = 64 << 10
        func read(_ start: Int, _ end: Int) throws -> [UInt8] {
            try io { try FileIO.pread(self.journalFD, count: end - start, at: start, self.journalPath) }
        }
        // Where the last complete line ends; anything after it is a torn write.
        var validEnd = 0
        var probe = size
        while probe > 0 {
            let start = max(0, probe - chunk)
            let bytes = try read(start, probe)
            if let nl = bytes.lastIndex(of: 0x0A) {
                validEnd = start + nl + 1
                break
            }
            probe = start
        }
        // Walk complete lines backwards; `buf` holds bytes [bufStart, lineEnd) and ends with a newline.
        var newestFirst: [JournalEntry] = []
        var offsets: [Int] = []
        var newestSeq: Int?
        var bufStart = validEnd
        var buf: [UInt8] = []
        var lineEnd = validEnd
        if validEnd > 0 {
            bufStart = max(0, validEnd - chunk)
            buf = try read(bufStart, validEnd)
        }
        while lineEnd > 0 {
            let last = buf.count - 1  // the newline that ends the current line
            var k = last - 1
            while k >= 0 && buf[k] != 0x0A { k -= 1 }
            if k < 0 && bufStart > 0 {
                let start = max(0, bufStart - chunk)
                buf = try read(start, bufStart) + buf
                bufStart = start
                continue
            }
            let line = Array(buf[(k + 1)..<last])
            let lineStart = bufStart + k + 1
            if !line.isEmpty {
                let e = try decodeLine(line, startOffset: lineStart)
                if newestSeq == nil { newestSeq = e.seq }
                if e.seq <= seq { break }
                if let newer = newestFirst.last, newer.seq <= e.seq {
                    throw StoreError.problems([
                        try problemAt(offset: lineStart, reason: "journal sequence goes backwards (\(e.seq) then \(newer.seq))")
                    ])
                }
                newestFirst.append(e)
                offsets.append(lineStart)
            }
            buf.removeSubrange((k + 1)...)
            lineEnd = lineStart
        }
        return Tail(
            entries: newestFirst.reversed(), offsets: offsets.reversed(), newestSeq: newestSeq, validEnd: validEnd, tornBytes: size - validEnd)
    }

    /// Decodes one journal line and checks its numbers are within bounds.
    private func decodeLine(_ line: [UInt8], startOffset: Int, file: String = Store.journalName) throws -> JournalEntry {
        let e: JournalEntry
        do {
            e = try Located.decode(JournalEntry.self, from: line, file: file)
        } catch let p as Problem {
            // Place it: count the lines before it (only on this error path).
            let lineNo = try lineNumber(ofOffset: startOffset, file: file)
            throw StoreError.problems([Problem(file: file, line: lineNo, column: p.column, reason: p.reason)])
        }
        let issues = Store.entryIssues(e, texts: false)
        if !issues.isEmpty {
            throw StoreError.problems(
                Store.placed(issues, under: [], in: line, file: file, lineOffset: try lineNumber(ofOffset: startOffset, file: file) - 1))
        }
        return e
    }

    /// The line number of a byte offset in the active journal or a segment (on error paths only).
    private func lineNumber(ofOffset offset: Int, file: String = Store.journalName) throws -> Int {
        let bytes =
            file == Store.journalName
            ? try io { try FileIO.pread(self.journalFD, count: offset, at: 0, self.journalPath) }
            : Array(try io { try FileIO.readFile(self.path + "/" + file) }.prefix(offset))
        return bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    private func problemAt(offset: Int, reason: String, file: String = Store.journalName) throws -> Problem {
        Problem(file: file, line: try lineNumber(ofOffset: offset, file: file), column: 1, reason: reason)
    }

    /// Applies entries other processes appended since we last looked.
    /// With the exclusive lock held, a torn last line is a dead writer's: it is cut off.
    @discardableResult
    private func catchUp(exclusive: Bool) throws -> Bool {
        var changed = false
        if journalReplaced {
            // Sealed by another writer, perhaps more than once: what is left of the old file, then every
            // segment sealed since with changes not yet taken in, then the new active journal.
            changed = try catchUpFile(exclusive: false)
            manifest = try Store.decodeVersioned(Manifest.self, try Store.readBytes(Store.manifestName, in: path), file: Store.manifestName) {
                $0.format
            }
            for segment in manifest.segments ?? [] where segment.lastSeq > lastSeq {
                let bytes = try io { try FileIO.readFile(self.path + "/" + segment.file) }
                var start = 0
                while let nl = bytes[start...].firstIndex(of: 0x0A) {
                    if nl > start {
                        let e = try decodeLine(Array(bytes[start..<nl]), startOffset: start, file: segment.file)
                        if e.seq > lastSeq {
                            try accept(e, at: start, file: segment.file)
                            lastSeq = e.seq
                            changed = true
                        }
                    }
                    start = nl + 1
                }
            }
            try io { try self.reopenJournal() }
        }
        return try catchUpFile(exclusive: exclusive) || changed
    }

    private func catchUpFile(exclusive: Bool) throws -> Bool {
        let size = try io { try FileIO.size(self.journalFD, self.journalPath) }
        if size == journalOffset { return false }
        if size < journalOffset {
            // Someone cut the journal back (a torn line another opener repaired): reload from the files.
            try load()
            return true
        }
        let bytes = try io { try FileIO.pread(self.journalFD, count: size - self.journalOffset, at: self.journalOffset, self.journalPath) }
        var start = 0
        var changed = false
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            let line = Array(bytes[start..<nl])
            if !line.isEmpty {
                let e = try decodeLine(line, startOffset: journalOffset + start)
                try accept(e, at: journalOffset + start)
                lastSeq = e.seq
                changed = true
            }
            start = nl + 1
        }
        let consumed = start
        if consumed < bytes.count && exclusive && !readOnly {
            try io {
                try FileIO.truncate(self.journalFD, to: self.journalOffset + consumed, self.journalPath)
                try FileIO.fsync(self.journalFD, self.journalPath)
            }
            warnings.append("\(Store.journalName): removed an incomplete last line left by a write that never finished")
        }
        journalOffset += consumed
        return changed
    }

    /// True when the journal holds bytes this store has not taken in (another process saved). One fstat.
    public var hasUnseenChanges: Bool { ((try? FileIO.size(journalFD, journalPath)) ?? journalOffset) != journalOffset || journalReplaced }

    /// Picks up changes saved by other processes. Cheap when nothing changed (one fstat).
    @discardableResult
    public func refresh() throws -> Bool {
        let size = try io { try FileIO.size(self.journalFD, self.journalPath) }
        if size == journalOffset && !journalReplaced { return false }
        return try withLock(LOCK_SH) { try self.catchUp(exclusive: false) }
    }

    // MARK: Committing

    private static let fileEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }()

    /// JSON as the store writes its files (sorted keys, pretty-printed), with a final newline.
    public static func prettyJSON(_ value: some Encodable) throws -> Data {
        try fileEncoder.encode(value) + Data("\n".utf8)
    }

    /// Saves one document. `baseRev` is the revision the edit started from (0 for a new document);
    /// if the stored revision differs, nothing is written and `StoreError.conflict` is thrown.
    /// Returns once the change is durable on disk.
    @discardableResult
    public func commit(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String = Timestamp.now()) throws -> JournalEntry
    {
        guard !readOnly else { throw StoreError.readOnly }
        return try withLock(LOCK_EX) {
            try self.catchUp(exclusive: true)
            if let read = self.partial, doc.collection != .programme, doc.collection != .funding,
                !read.contains(Store.key(doc.collection, doc.id))
            {
                throw StoreError.invalid("\(doc.collection.rawValue)/\(doc.id) was not read for this save; nothing was written")
            }
            let current = self.board.document(doc.collection, doc.id)
            if (current?.rev ?? 0) != baseRev {
                throw StoreError.conflict(Conflict(mine: doc, theirs: current, baseRev: baseRev))
            }
            // Each version's fields worked out once, for the patches and the line.
            let saved = doc.withRev(baseRev + 1)
            let savedFields = try Patch.fields(saved)
            let currentFields = try current.map(Patch.fields)
            var entry = JournalEntry(seq: self.chain.expectedSeq, at: timestamp, by: user, note: note, baseRev: baseRev, doc: saved)
            entry.login = Store.osLogin
            let holds = try self.activeHolds(doc)
            // The first entry for a document in this file carries what it replaced, so the version before
            // can always be shown (later ones follow an entry in the same file that holds it).
            if let currentFields, !holds { entry.was = Patch.between(fields: savedFields, currentFields) }
            // Written as what changed when this file already holds the document whole, and that is smaller.
            // (The two are compared by their sizes, counted: only the line written is written out.)
            var value = try entry.value(docFields: savedFields)
            if let currentFields, holds {
                let compact = try JournalEntry(
                    seq: entry.seq, at: entry.at, by: entry.by, note: entry.note, baseRev: baseRev, collection: entry.collection, id: entry.id,
                    rev: entry.rev, body: .patch(Patch.between(fields: currentFields, savedFields)), login: entry.login
                ).value()
                if compact.encodedCount < value.encodedCount { value = compact }
            }
            var line = value.bytes
            line.append(0x0A)
            do {
                try FileIO.writeAll(self.journalFD, line, self.journalPath)
                try FileIO.fdatasync(self.journalFD, self.journalPath)
            } catch let f as IOFailure {
                // Not durable: take the line back so nobody replays a change that was reported as failed.
                do {
                    try FileIO.truncate(self.journalFD, to: self.journalOffset, self.journalPath)
                } catch {
                    // The line may be whole on disk: say so rather than claim nothing was recorded.
                    throw StoreError.appendFailed(f, recorded: .unknown)
                }
                throw StoreError.appendFailed(f, recorded: .no)
            }
            // Durable: from here the save has succeeded, whatever happens to the snapshots.
            self.journalOffset += line.count
            _ = self.chain.check(entry, snapshotRev: { self.board.document($0, $1)?.rev })
            self.board.apply(doc.withRev(baseRev + 1))
            self.wholeInActive?.insert(Store.key(doc.collection, doc.id))
            self.lastSeq = entry.seq
            self.dirty.insert(entry.collection)
            let pending = self.lastSeq - (self.manifest.checkpointSeq ?? 0)
            let small = self.dirty.allSatisfy { (self.snapshotBytes[$0] ?? 0) < self.eagerCheckpointBytes }
            if pending >= self.checkpointEvery || small || self.checkpointProblem != nil {
                self.tryCheckpoint()
            }
            return entry
        }
    }

    /// Rewrites the changed snapshots and moves the manifest's checkpoint forward. Caller holds LOCK_EX.
    private func checkpoint() throws {
        // A board read for one save holds some documents of a picked collection: written back, that file would
        // lose the rest. (The collections it read whole are written as a whole board's are.)
        guard dirty.isDisjoint(with: picked) else { return }
        if !dirty.isEmpty || (manifest.checkpointSeq ?? 0) < lastSeq { try writeSnapshots() }
        if journalOffset >= segmentBytes { try seal() }
    }

    private func writeSnapshots() throws {
        for name in CollectionName.allCases where dirty.contains(name) {
            let bytes = try snapshotBytes(name)
            try io { try FileIO.atomicWrite(bytes, to: self.path + "/" + name.fileName, defaultMode: 0o600) }
            snapshotBytes[name] = bytes.count
        }
        var m = manifest
        m.checkpointSeq = lastSeq
        let mb = [UInt8](try Store.prettyJSON(m))
        try io { try FileIO.atomicWrite(mb, to: self.path + "/" + Store.manifestName, defaultMode: 0o600) }
        manifest = m
        dirty.removeAll()
    }

    /// Seals the active journal, every change of which the snapshots now hold, into segments of at most
    /// `segmentBytes` (split at line ends), each written with its index; then the manifest names them, and
    /// last the active journal is replaced by an empty one. A crash at any step loses nothing: segments no
    /// manifest names are removed at the next writable open, and a journal whose changes are all sealed is
    /// emptied then. Caller holds LOCK_EX.
    private func seal() throws {
        let bytes = try io { try FileIO.pread(self.journalFD, count: self.journalOffset, at: 0, self.journalPath) }
        var m = manifest
        var segments = m.segments ?? []
        let folder = path + "/" + Store.segmentFolder
        try io { try FileIO.makeDirectory(folder) }
        let mode = FileIO.mode(of: journalPath) ?? 0o600
        // Each part reads on its own: a document's first entry in a part is written whole. Only a patch that
        // would open a part is decoded (with the entries before it back to its document's last whole one).
        // A part is closed before the line (as it is written there) would take it past `segmentBytes`, so a
        // segment exceeds that size by at most one entry.
        var since: [String: [[UInt8]]] = [:]
        let decoder = JSONDecoder()
        var chunk: [UInt8] = []
        var inPart: Set<String> = []
        func writeChunk() throws {
            guard !chunk.isEmpty else { return }
            let lastStart = chunk.dropLast().lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            guard let first = chunk.firstIndex(of: 0x0A).flatMap({ EntryMeta.scan(chunk[..<$0]) }),
                let last = EntryMeta.scan(chunk[lastStart..<(chunk.count - 1)])
            else { throw StoreError.invalid("\(Store.journalName): a line to seal is not a journal entry; run `vrboard validate`") }
            let segment = Segment(
                file: String(format: "%@/%06d.jsonl", Store.segmentFolder, segments.count + 1), firstSeq: first.seq, lastSeq: last.seq)
            let written = chunk
            try io {
                try FileIO.atomicWrite(written, to: self.path + "/" + segment.file, defaultMode: mode)
                try FileIO.atomicWrite(Store.indexBytes(ofSegment: written), to: self.path + "/" + segment.index, defaultMode: mode)
            }
            segments.append(segment)
            chunk = []
            inPart = []
        }
        /// The line as this part would hold it: whole when it is a patch opening its document's run here.
        func asWritten(_ line: [UInt8], key k: String, isPatch: Bool) throws -> [UInt8] {
            guard isPatch && !inPart.contains(k) else { return line }
            var doc: AnyDocument?
            for l in (since[k] ?? []) + [line] { doc = try decoder.decode(JournalEntry.self, from: Data(l)).document(base: doc) }
            var whole = try decoder.decode(JournalEntry.self, from: Data(line))
            if let doc { whole.body = .doc(doc) }
            return try whole.line()
        }
        var at = 0
        while at < bytes.count, let nl = bytes[at...].firstIndex(of: 0x0A) {
            let line = Array(bytes[at..<nl])
            at = nl + 1
            guard !line.isEmpty else { continue }
            let f = TopLevel.fields(line[...], wanted: ["collection", "id", "patch"])
            let k = (f.string("collection") ?? "") + "/" + (f.string("id") ?? "")
            let isPatch = f.raw["patch"] != nil
            var madeWhole = isPatch && !inPart.contains(k)
            var out = try asWritten(line, key: k, isPatch: isPatch)
            if !chunk.isEmpty && chunk.count + out.count + 1 > segmentBytes {
                try writeChunk()
                madeWhole = isPatch
                out = try asWritten(line, key: k, isPatch: isPatch)
            }
            chunk += out + [0x0A]
            // What a later patch of this document is applied to: its run since the last whole line.
            since[k] = madeWhole ? [out] : isPatch ? (since[k] ?? []) + [line] : [line]
            inPart.insert(k)
        }
        try writeChunk()
        m.segments = segments
        try io {
            try FileIO.atomicWrite([UInt8](try Store.prettyJSON(m)), to: self.path + "/" + Store.manifestName, defaultMode: 0o600)
            try FileIO.atomicWrite([], to: self.journalPath, defaultMode: mode)
            try self.reopenJournal()
        }
        manifest = m
    }

    /// Forces pending snapshots to disk now.
    public func checkpointNow() throws {
        guard !readOnly else { throw StoreError.readOnly }
        try withLock(LOCK_EX) {
            try self.catchUp(exclusive: true)
            try self.checkpoint()
        }
    }

    func snapshotBytes(_ name: CollectionName) throws -> [UInt8] {
        try Store.encodeCollection(name, board: board, journalSeq: lastSeq)
    }

    static func encodeCollection(_ name: CollectionName, board: Board, journalSeq: Int) throws -> [UInt8] {
        func enc<D: StoreDocument>(_ docs: [D]) throws -> [UInt8] {
            [UInt8](try fileEncoder.encode(CollectionFile(collection: name.rawValue, format: Store.format, journalSeq: journalSeq, documents: docs)))
                + [0x0A]
        }
        switch name {
        case .programme: return try enc([board.programme])
        case .funding: return try enc([board.funding])
        case .members: return try enc(board.members.items)
        case .priorities: return try enc(board.priorities.items)
        case .workstreams: return try enc(board.workstreams.items)
        case .risks: return try enc(board.risks.items)
        case .meetings: return try enc(board.meetings.items)
        case .interventions: return try enc(board.interventions.items)
        case .evaluations: return try enc(board.evaluations.items)
        case .outcomes: return try enc(board.outcomes.items)
        case .sources: return try enc(board.sources.items)
        }
    }

    // MARK: History

    /// Every journal entry, oldest first. Reads the whole journal: for history, not for start-up.
    public func journal() throws -> [JournalEntry] {
        try withLock(LOCK_SH) {
            var out: [JournalEntry] = []
            for name in Store.journalFiles(self.manifest).dropLast() {
                out += try Store.entries(of: try io { try FileIO.readFile(self.path + "/" + name) }, file: name)
            }
            let size = try io { try FileIO.size(self.journalFD, self.journalPath) }
            let bytes = try io { try FileIO.pread(self.journalFD, count: size, at: 0, self.journalPath) }
            let sealed = out.last?.seq ?? 0
            return out + (try Store.entries(of: bytes, file: Store.journalName)).filter { $0.seq > sealed }
        }
    }

    /// Every entry of one journal file, oldest first.
    /// Every entry of one journal file, oldest first, each with its document whole (a file reads on its own:
    /// a document's first entry in it is whole, and each patch applies to the entry before).
    static func entries(of bytes: [UInt8], file: String) throws -> [JournalEntry] {
        var out: [JournalEntry] = []
        var latest: [String: AnyDocument] = [:]
        var start = 0
        let decoder = JSONDecoder()
        var lineNo = 1
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            if nl > start {
                do {
                    let e = try decoder.decode(JournalEntry.self, from: Data(bytes[start..<nl]))
                    let whole = try e.resolved(base: latest[key(e.collection, e.id)])
                    latest[key(e.collection, e.id)] = whole.doc
                    out.append(whole)
                } catch StoreError.invalid(let reason) {
                    throw StoreError.problems([Problem(file: file, line: lineNo, column: 1, reason: reason)])
                } catch {
                    throw StoreError.problems([Store.placed(error, line: lineNo, bytes: Array(bytes[start..<nl]), file: file)])
                }
            }
            start = nl + 1
            lineNo += 1
        }
        return out
    }

    static func placed(_ error: Error, line: Int, bytes: [UInt8], file: String = journalName) -> Problem {
        do { _ = try Located.decode(JournalEntry.self, from: bytes, file: file, lineOffset: line - 1) } catch let p as Problem {
            return p
        } catch {}
        return Problem(file: file, line: line, column: 1, reason: "\(error)")
    }

    // MARK: Locking and errors

    func withLock<T>(_ op: Int32, _ body: () throws -> T) throws -> T {
        if lockDepth > 0 || lockFD < 0 {
            lockDepth += 1
            defer { lockDepth -= 1 }
            return try body()
        }
        try io { try FileIO.lock(self.lockFD, op, self.path + "/" + Store.lockName) }
        lockDepth += 1
        defer {
            lockDepth -= 1
            _ = flock(lockFD, LOCK_UN)
        }
        return try body()
    }

    private func io<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let f as IOFailure { throw StoreError.io(f) }
    }
}
