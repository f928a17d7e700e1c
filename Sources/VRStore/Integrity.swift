#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

/// The rules a journal keeps, checked the same way on open (the entries after the checkpoint), on
/// catching up with other writers, by `validate` and by `repair` (every entry):
/// - the sequence rises by one (skipping only the numbers `repair` removed and recorded);
/// - a document's revision rises by one, and each entry's `baseRev` is the revision before it;
/// - the first entry after the checkpoint of a document starts from the snapshot's revision.
/// What the chain reads of an entry: its place in the sequence and the revisions of its document.
protocol ChainLink {
    var seq: Int { get }
    var baseRev: Int { get }
    var rev: Int { get }
    var collection: CollectionName { get }
    var id: String { get }
}

extension JournalEntry: ChainLink {}

/// A journal line as the quick check reads it: the chain's fields (a whole entry's id and revision from
/// its document, as the full decoding takes them), with their bounds checked, and the line's JSON checked
/// whole, but the document itself not decoded. `validate` decodes and inspects every line whole.
struct JournalHeader: ChainLink, Decodable {
    let seq: Int
    let baseRev: Int
    let rev: Int
    let collection: CollectionName
    let id: String

    private struct DocKeys: Decodable {
        let id: String
        let rev: Int
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: JournalEntry.Keys.self)
        seq = try c.decode(Int.self, forKey: .seq)
        _ = try c.decode(String.self, forKey: .at)
        _ = try c.decode(String.self, forKey: .by)
        baseRev = try c.decode(Int.self, forKey: .baseRev)
        collection = try c.decode(CollectionName.self, forKey: .collection)
        if c.contains(.patch) {
            id = try c.decode(String.self, forKey: .id)
            rev = try c.decode(Int.self, forKey: .rev)
        } else {
            let d = try c.decode(DocKeys.self, forKey: .doc)
            id = d.id
            rev = d.rev
        }
    }

    /// The bounds of its numbers, as `entryIssues` checks an entry's own fields.
    var issues: [FieldIssue] {
        var i = Inspector(texts: false)
        i.number("seq", seq, 1...Limits.maxSequence, "a sequence number")
        i.revision(baseRev, key: "baseRev", from: 0)
        i.revision(rev)
        return i.issues
    }
}

struct JournalChain {
    /// The sequence number the next entry must carry, skipping removed ones.
    private(set) var lastSeq: Int
    private(set) var removed: Set<Int>
    /// Revision of each document as far as the journal has been read ("collection/id").
    private var known: [String: Int] = [:]
    /// Entries at or below this are in the snapshots.
    let checkpointSeq: Int
    /// The sequence each collection's snapshot file was written at: an entry at or below it is already
    /// in that file (a checkpoint that stopped before the manifest was moved on).
    let fileSeqs: [CollectionName: Int]

    init(after seq: Int, checkpointSeq: Int, removed: [Int], fileSeqs: [CollectionName: Int]) {
        lastSeq = seq
        self.checkpointSeq = checkpointSeq
        self.removed = Set(removed)
        self.fileSeqs = fileSeqs
    }

    /// The next sequence number expected after `lastSeq`.
    var expectedSeq: Int {
        var n = lastSeq + 1
        while removed.contains(n) { n += 1 }
        return n
    }

    /// Why `e` cannot follow what came before, or nil when it can. Accepts it either way.
    /// `snapshotRev` gives the document's revision in the snapshots (for its first entry after them).
    mutating func check(_ e: some ChainLink, snapshotRev: (CollectionName, String) -> Int?) -> String? {
        let r = reason(e, snapshotRev: snapshotRev)
        accept(e)
        return r
    }

    /// Takes `e` as the latest entry.
    mutating func accept(_ e: some ChainLink) {
        lastSeq = max(lastSeq, e.seq)
        known["\(e.collection.rawValue)/\(e.id)"] = e.rev
    }

    /// Counts a sequence number as removed (its line could not be kept).
    mutating func markRemoved(_ seq: Int) {
        removed.insert(seq)
        lastSeq = max(lastSeq, seq)
    }

    /// The highest sequence number the journal accounts for, kept or removed.
    var end: Int { max(lastSeq, removed.max() ?? 0) }

    func reason(_ e: some ChainLink, snapshotRev: (CollectionName, String) -> Int?) -> String? {
        var reason: String?
        let expected = expectedSeq
        if e.seq != expected {
            reason =
                e.seq > expected
                ? "sequence jumps from \(lastSeq) to \(e.seq): entries are missing or this line was forged"
                : "sequence \(e.seq) does not follow \(lastSeq): a line was repeated, reordered or forged"
        }
        let key = "\(e.collection.rawValue)/\(e.id)"
        if reason == nil {
            let (next, over) = e.baseRev.addingReportingOverflow(1)
            if over || e.rev != next {
                reason = "\(key): rev \(e.rev) does not follow baseRev \(e.baseRev) (a change raises the revision by one)"
            } else if let prior = known[key]
                ?? (e.seq > checkpointSeq && e.seq > (fileSeqs[e.collection] ?? 0) ? (snapshotRev(e.collection, e.id) ?? 0) : nil),
                e.baseRev != prior, !(e.baseRev > prior && gapsAllow(e.baseRev - prior))
            {
                reason = "\(key): this change is based on rev \(e.baseRev), but the revision before it is \(prior)"
            }
        }
        return reason
    }

    /// A removed line took one revision of some document with it: a jump of `n` is allowed when at least
    /// `n` lines were removed.
    private func gapsAllow(_ n: Int) -> Bool { removed.count >= n }
}

extension Store {
    /// Number problems (and, with `texts`, text problems) of a decoded value, placed in its bytes.
    static func placed(
        _ issues: [FieldIssue], under prefix: [JSONScan.PathComponent], in bytes: [UInt8], file: String, lineOffset: Int = 0
    ) -> [Problem] {
        issues.map { issue in
            let path = prefix + issue.path
            let (l, c) = JSONScan.place(path, in: bytes)
            return Problem(file: file, line: l + lineOffset, column: c, reason: "\(FieldIssue.text(of: path)): \(issue.reason)")
        }
    }

    /// A journal line's own numbers: its sequence and base revision, and every number of its document.
    static func entryIssues(_ e: JournalEntry, texts: Bool) -> [FieldIssue] {
        var i = Inspector(texts: texts)
        i.number("seq", e.seq, 1...Limits.maxSequence, "a sequence number")
        i.revision(e.baseRev, key: "baseRev", from: 0)
        i.text("at", e.at)
        i.text("by", e.by)
        i.text("note", e.note, multiLine: true)
        i.text("id", e.id)
        i.revision(e.rev)
        switch e.body {
        case .doc(let d):
            return i.issues
                + Inspector.issues(of: d, texts: texts).map {
                    var f = $0
                    f.path.insert(.key("doc"), at: 0)
                    return f
                }
        case .patch(let p):
            // A change alone has no type to check it by: every number within the widest bound a document
            // allows and whole, every text free of control characters. Applied to its base on open, the
            // whole document is checked as any other.
            var out = i.issues
            let value = JSONValue.object(p.set.mapValues { $0 }.merging(p.append.mapValues { JSONValue.array($0) }) { a, _ in a })
            value.walk([.key("patch")]) { path, v in
                switch v {
                case .int(let n) where !(-Limits.maxPounds...Limits.maxPounds).contains(n):
                    out.append(FieldIssue(path: path, reason: "a number out of bounds: \(n.grouped)", kind: .number))
                case .double(let d):
                    out.append(FieldIssue(path: path, reason: "expected a whole number, found \(d)", kind: .number))
                case .string(let s) where texts:
                    if let problem = Limits.textProblem(s, multiLine: true) { out.append(FieldIssue(path: path, reason: problem, kind: .text)) }
                default: break
                }
            }
            return out
        }
    }

    /// What a full read of the journal found.
    public struct JournalReport {
        public var problems: [Problem] = []
        public var warnings: [Problem] = []
        public var entries = 0
        public var lastSeq = 0
    }

    /// Reads every line of the journal and checks each against the chain rules, without changing any
    /// byte. Used by `validate`, by commands that open the whole board to write, and by the board in the
    /// background (a save of one document checks the active journal alone: `saveOne`).
    /// A torn last line (a write that never finished) is a warning, unless the snapshots show that
    /// change was acknowledged.
    public static func verifyJournal(_ path: String) -> JournalReport {
        var report = JournalReport()
        // The quick check reads what the chain needs: the manifest and the sequence each snapshot file was
        // written at (not its documents); the snapshots whole only if an entry after them needs its
        // document's revision there.
        guard let (manifest, seqs) = try? readSnapshotSeqs(path) else {
            report.problems.append(Problem(file: manifestName, line: 1, column: 1, reason: "the snapshots cannot be read; run `vrboard validate`"))
            return report
        }
        let lazy = LazySnapshots(path)
        verifyJournal(
            path, manifest: manifest, fileSeqs: seqs, snapshotRev: { lazy.rev($0, $1) }, texts: false, headersOnly: true, into: &report,
            lineOfEntry: { _, _, _ in })
        if lazy.failed {
            report.problems.append(Problem(file: manifestName, line: 1, column: 1, reason: "the snapshots cannot be read; run `vrboard validate`"))
        }
        return report
    }

    /// Each line of a journal file that ends in a newline, decoded as `T` (a header, or the whole entry;
    /// nil where it does not decode, or with `utf8Whole` where the line is not UTF-8 throughout), the lines
    /// shared between the cores.
    static func decodeLines<T: Decodable & Sendable>(_ bytes: [UInt8], as type: T.Type, utf8Whole: Bool) -> [T?] {
        var found: [Range<Int>] = []
        var start = 0
        while start < bytes.count, let nl = bytes[start...].firstIndex(of: 0x0A) {
            found.append(start..<nl)
            start = nl + 1
        }
        let ranges = found
        let workers = min(max(1, ProcessInfo.processInfo.activeProcessorCount), max(1, ranges.count / 512))
        let out = ParallelSlots<T?>(count: ranges.count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let decoder = JSONDecoder()
            for i in stride(from: w, to: ranges.count, by: workers) where !ranges[i].isEmpty {
                // A header's line is UTF-8 throughout (the parser skips the strings a header does not read).
                guard !utf8Whole || String(validating: bytes[ranges[i]], as: UTF8.self) != nil else { continue }
                out[i] = try? decoder.decode(T.self, from: Data(bytes[ranges[i]]))
            }
        }
        return out.values
    }

    /// The manifest, and the journal sequence each collection file was written at, read without decoding
    /// the documents (their JSON is still parsed whole).
    static func readSnapshotSeqs(_ path: String) throws -> (Manifest, [CollectionName: Int]) {
        struct Head: Decodable {
            let collection: String
            let format: Int
            let journalSeq: Int?
        }
        let m = try decodeVersioned(Manifest.self, try readBytes(manifestName, in: path), file: manifestName) { $0.format }
        guard m.kind == "vrboard-store" else { throw Problem(file: manifestName, line: 1, column: 1, reason: "kind is '\(m.kind)'") }
        var seqs: [CollectionName: Int] = [:]
        for name in CollectionName.allCases where !(name.optional && !FileIO.exists(path + "/" + name.fileName)) {
            let head = try decodeVersioned(Head.self, try readBytes(name.fileName, in: path), file: name.fileName) { $0.format }
            guard head.collection == name.rawValue, (0...Limits.maxSequence).contains(head.journalSeq ?? 0) else {
                throw Problem(file: name.fileName, line: 1, column: 1, reason: "not the \(name.rawValue) snapshot")
            }
            seqs[name] = head.journalSeq ?? 0
        }
        return (m, seqs)
    }

    /// The snapshots, read whole the first time a revision in them is asked for.
    final class LazySnapshots {
        let path: String
        private var board: Board?
        private(set) var failed = false
        init(_ path: String) { self.path = path }
        func rev(_ c: CollectionName, _ id: String) -> Int? {
            if board == nil && !failed {
                if let (_, s) = try? readSnapshots(path) { board = s.board } else { failed = true }
            }
            return board?.document(c, id)?.rev
        }
    }

    static func verifyJournal(
        _ path: String, manifest: Manifest, fileSeqs: [CollectionName: Int], snapshotRev: (CollectionName, String) -> Int?, texts: Bool,
        headersOnly: Bool = false, activeOnly: Bool = false, into report: inout JournalReport, lineOfEntry: (JournalEntry, String, Int) -> Void
    ) {
        let checkpoint = manifest.checkpointSeq ?? 0
        let sealed = manifest.segments?.last?.lastSeq ?? 0
        let segments = manifest.segments ?? []
        // The sealed segments in order, then the active journal: one chain across them all (or the active
        // journal's, from the last sealed change on).
        var chain = JournalChain(
            after: activeOnly ? sealed : 0, checkpointSeq: checkpoint, removed: manifest.removedSeqs ?? [], fileSeqs: fileSeqs)
        for (k, name) in (activeOnly ? [journalName] : journalFiles(manifest)).enumerated() {
            let active = name == journalName
            let bytes: [UInt8]
            do { bytes = try readBytes(name, in: path) } catch let p as Problem {
                report.problems.append(p)
                return
            } catch {
                report.problems.append(Problem(file: name, line: 1, column: 1, reason: "cannot read: \(error)"))
                return
            }
            if !active && texts {
                // A sealed segment's index is what its lines say.
                let index = segments[k].index
                if (try? readBytes(index, in: path)) != indexBytes(ofSegment: bytes) {
                    report.problems.append(
                        Problem(file: index, line: 1, column: 1, reason: "does not index \(name) as it is; run `vrboard repair` to rebuild it"))
                }
            }
            var start = 0, lineNo = 1
            var first: Int?, last: Int?
            // Each document as this file last wrote it, so a patch is checked against the entry it changes.
            var latest: [String: AnyDocument] = [:]
            // Each line is decoded on every core first (a line reads on its own): the quick check its header,
            // validate the whole entry. The chain is then checked line by line, in order.
            let headers = headersOnly ? decodeLines(bytes, as: JournalHeader.self, utf8Whole: true) : []
            let entries = headersOnly ? [] : decodeLines(bytes, as: JournalEntry.self, utf8Whole: false)
            var index = 0
            while start < bytes.count {
                guard let nl = bytes[start...].firstIndex(of: 0x0A) else {
                    let seq = chain.expectedSeq
                    let torn = Problem(file: name, line: lineNo, column: 1, reason: "last line (\(bytes.count - start) bytes) is incomplete")
                    if !active || seq <= checkpoint {
                        report.problems.append(
                            Problem(
                                file: torn.file, line: torn.line, column: 1,
                                reason: active
                                    ? "\(torn.reason), but it held change #\(seq), which was saved (the snapshots hold it): run `vrboard repair` to cut it, keeping a backup"
                                    : "\(torn.reason): a sealed segment ends with a whole line; run `vrboard repair`"))
                    } else {
                        report.warnings.append(
                            Problem(
                                file: torn.file, line: torn.line, column: 1,
                                reason: "\(torn.reason): a write that never finished and was never acknowledged; the next writable open removes it"))
                    }
                    break
                }
                defer {
                    start = nl + 1
                    lineNo += 1
                    index += 1
                }
                guard nl > start else {
                    report.problems.append(Problem(file: name, line: lineNo, column: 1, reason: "empty line"))
                    continue
                }
                let line = Array(bytes[start..<nl])
                // The quick check reads each line's header (the chain's fields); validate decodes it whole.
                let e: any ChainLink, whole: JournalEntry?, issues: [FieldIssue]
                if headersOnly, let h = headers[index] {
                    (e, whole, issues) = (h, nil, h.issues)
                } else if !headersOnly, let full = entries[index] {
                    (e, whole, issues) = (full, full, entryIssues(full, texts: texts))
                } else {
                    report.problems.append(
                        placed(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "")), line: lineNo, bytes: line, file: name))
                    continue
                }
                if active && e.seq <= sealed {
                    // A sealing that stopped before emptying the active journal: these changes are in the segments.
                    if lineNo == 1 {
                        report.warnings.append(
                            Problem(
                                file: name, line: 1, column: 1,
                                reason: "still holds changes sealed into segments (a sealing that stopped short); the next writable open empties it"))
                    }
                    continue
                }
                report.problems += placed(issues, under: [], in: line, file: name, lineOffset: lineNo - 1)
                if texts, let whole {
                    do {
                        latest[key(e.collection, e.id)] = try whole.document(base: latest[key(e.collection, e.id)])
                    } catch {
                        report.problems.append(Problem(file: name, line: lineNo, column: 1, reason: "\(error)"))
                    }
                }
                report.entries += 1
                // A number out of bounds is as untrustworthy as a line that does not parse (and arithmetic
                // on it, in the chain or the board's sums, could overflow): it is reported, not applied.
                if !issues.contains(where: { $0.kind == .number }) {
                    if let reason = chain.check(e, snapshotRev: snapshotRev) {
                        report.problems.append(Problem(file: name, line: lineNo, column: 1, reason: reason))
                    }
                    report.lastSeq = e.seq
                    first = first ?? e.seq
                    last = e.seq
                    if let whole { lineOfEntry(whole, name, lineNo) }
                }
            }
            if !active, first != segments[k].firstSeq || last != segments[k].lastSeq {
                report.problems.append(
                    Problem(
                        file: name, line: 1, column: 1,
                        reason:
                            "holds changes \(first.map(String.init) ?? "none")-\(last.map(String.init) ?? "none"), but \(manifestName) says \(segments[k].firstSeq)-\(segments[k].lastSeq)"
                    ))
            }
        }
        if checkpoint > chain.end && !report.problems.contains(where: { $0.file == journalName || $0.file.hasPrefix(segmentFolder + "/") }) {
            report.problems.append(
                Problem(
                    file: manifestName, line: 1, column: 1,
                    reason: "checkpointSeq \(checkpoint) is past the end of the journal (\(chain.end))"))
        }
    }
}

/// Slots written from several threads, each slot by one thread only, then read once they have all finished
/// (raw memory, so no exclusivity check stands between the threads).
final class ParallelSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T>
    let count: Int
    init(count: Int, initial: T) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: initial, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    subscript(i: Int) -> T {
        get { base[i] }
        set { base[i] = newValue }
    }
    var values: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
