#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

/// Thrown inside a load for one save when the store needs its whole board (an older format to upgrade).
struct NeedsWholeBoard: Error {}

/// A save refused because the journal's newest file does not check: nothing was written.
public struct JournalRefusal: Error, Sendable {
    public let problems: [Problem]
}

extension Store {
    /// A save of one document reads and applies each change waiting in the journal since the snapshots were
    /// last rewritten (about half a millisecond each for a workstream); past this many, it opens the whole
    /// board once to rewrite them (about 1.3 s on the benchmark's 10,000-workstream store), so no save of one
    /// document costs more than about 75 ms there, and the rewrite is one save in 64.
    public static let oneSaveCheckpointEvery = 64

    /// What a save of one document did.
    public struct OneSave {
        public let entry: JournalEntry
        /// The board as far as the save read it: the programme, the funding, the document saved, and any
        /// other the journal's newest changes touched. Not the whole board.
        public let board: Board
        /// Things repaired or noticed on the way (a torn last line removed).
        public let warnings: [String]
        /// Set when the save is durable but the snapshots could not be rewritten afterwards.
        public let checkpointProblem: String?
    }

    /// Saves one document without reading the whole board: what a command-line edit costs is what it
    /// touches, not the size of the board. Under the writer's lock it reads the manifest; the journal's
    /// end (the active file, every line's header checked as the whole journal's quick check does, and the
    /// changes after the checkpoint decoded and applied, as an open applies them); the programme, the
    /// funding and the documents in `reading`, found in their collections' files. `change` makes the
    /// document from that board (nil: it needs the whole board, and nothing is written), and it is saved
    /// as `commit` saves any change: one appended line, durable before this returns.
    ///
    /// A collection file under `wholeBelow` bytes (a whole board's `eagerCheckpointBytes`) is read whole,
    /// and rewritten with the save as a whole board's save rewrites it; in a larger one the documents named
    /// are found by their own id lines, and its change waits in the journal, as it does after a board's
    /// save, until the changes since the last rewrite reach `oneSaveCheckpointEvery`, when the whole board
    /// is opened to rewrite them.
    ///
    /// Returns nil when the store needs its whole board for this (an older format to upgrade, or `change`
    /// said so): open it whole and save there. Throws `JournalRefusal` when the journal's newest file does
    /// not check: a writer never appends to a journal that has been damaged or forged.
    public static func saveOne(
        at path: String, reading: [(CollectionName, String)], by user: String, at timestamp: String = Timestamp.now(),
        segmentBytes: Int = 4 << 20, wholeBelow: Int = 1 << 20,
        _ change: (Board, _ login: String) throws -> (doc: AnyDocument, baseRev: Int, note: String)?
    ) throws -> OneSave? {
        let store = try Store(path: path, readOnly: false, segmentBytes: segmentBytes, partial: Set(reading.map { key($0.0, $0.1) }))
        store.eagerCheckpointBytes = wholeBelow
        defer { store.closeFiles() }
        let saved: (entry: JournalEntry, collection: CollectionName)?
        do {
            saved = try store.withLock(LOCK_EX) { () -> (JournalEntry, CollectionName)? in
                try store.load()
                var report = JournalReport()
                let manifest = store.manifest, snapshots = store.partialSnapshots
                verifyJournal(
                    path, manifest: manifest, fileSeqs: store.chain.fileSeqs, snapshotRev: { snapshots?.document($0, $1)?.rev }, texts: false,
                    headersOnly: true, activeOnly: true, into: &report, lineOfEntry: { _, _, _ in })
                if !report.problems.isEmpty { throw JournalRefusal(problems: report.problems) }
                guard let (doc, base, note) = try change(store.board, osLogin) else { return nil }
                return (try store.commit(doc, baseRev: base, by: user, note: note, at: timestamp), doc.collection)
            }
        } catch is NeedsWholeBoard {
            return nil
        }
        guard let saved else { return nil }
        // The snapshots as a whole board's save leaves them: the collections read whole were rewritten with the
        // save when small (`commit`); a picked one is left to the journal, as a large collection's change is,
        // until the changes since the last rewrite reach `oneSaveCheckpointEvery`, when the whole board is opened.
        var problem = store.checkpointProblem
        if store.lastSeq - (store.manifest.checkpointSeq ?? 0) >= oneSaveCheckpointEvery {
            do {
                let whole = try Store(path: path, segmentBytes: segmentBytes)
                try whole.close()
                problem = whole.checkpointProblem
            } catch {
                problem = Store.notRewritten(error)
            }
        }
        return OneSave(entry: saved.entry, board: store.board, warnings: store.warnings, checkpointProblem: problem)
    }
}
