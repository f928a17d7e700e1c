import Foundation
import Testing
import VRModel
import VRStore
import VRGenerate
@testable import vrboard_bench

/// The documents of one snapshot file, read as plain JSON (not through the store's decoder).
private func snapshotDocuments(_ path: String, _ collection: CollectionName) throws -> [[String: Any]] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path + "/" + collection.fileName))
    let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(obj["documents"] as? [[String: Any]])
}

/// The journal's lines, read as plain JSON.
private func journalLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path + "/" + Store.journalName, encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

private struct MadeEdit {
    var doc: AnyDocument
    var baseRev: Int
    var by: String
    var note: String
    var at: String
}

@Suite struct EditingStoreTests {
    /// Five edits as the UI would make them, each by a different person: a rating change with its comment,
    /// a workstream edit, an archive, a risk closed with a reason, and a funding change.
    private func edits(on b: Board) throws -> [MadeEdit] {
        var out: [MadeEdit] = []

        let ws0 = try #require(b.workstreams["WS-0"])
        var rated = ws0
        let comment = "Hub open five nights a week; referrals up 40% since September"
        let newRating: RAG = ws0.inYear == .amber ? .amberRed : .amber
        try rated.rate(.inYear, to: newRating, by: "alice", at: "2021-11-20T10:15:00Z", comment: comment)
        out.append(
            MadeEdit(
                doc: .workstream(rated), baseRev: ws0.rev, by: "alice",
                note: RatingChange.note(.inYear, from: ws0.inYear, to: newRating, comment: comment), at: "2021-11-20T10:15:00Z"))

        var ws1 = try #require(b.workstreams["WS-1"])
        ws1.title = "Mentoring in schools, renamed by the board"
        ws1.lead = "m7"
        ws1.objectives.append("Train twelve mentors by March")
        out.append(MadeEdit(doc: .workstream(ws1), baseRev: ws1.rev, by: "bob", note: "Edited workstream WS-1", at: "2021-11-20T10:16:00Z"))

        var ws2 = try #require(b.workstreams["WS-2"])
        ws2.archived = true
        out.append(
            MadeEdit(doc: .workstream(ws2), baseRev: ws2.rev, by: "carol", note: "Archived workstream WS-2: \(ws2.title)", at: "2021-11-20T10:17:00Z")
        )

        var r1 = try #require(b.risks["R1"])
        r1.status = .closed
        r1.closedReason = "Grant confirmed for three years"
        out.append(
            MadeEdit(doc: .risk(r1), baseRev: r1.rev, by: "dave", note: "Closed risk R1: Grant confirmed for three years", at: "2021-11-20T10:18:00Z")
        )

        var fu = b.funding
        let i = try #require(fu.categories.firstIndex { $0.kind == .interventions })
        // £100,000 moved into interventions from the running costs: the split still adds up.
        fu.categories[i].amount += 100_000
        let running = try #require(fu.categories.firstIndex { $0.id == "running" })
        fu.categories[running].amount -= 100_000
        #expect(fu.problems.isEmpty)
        out.append(
            MadeEdit(
                doc: .funding(fu), baseRev: fu.rev, by: "erin",
                note: "Edited the funding split: allocation \(Money.format(fu.allocation)), interventions \(Money.format(fu.spend(.interventions)))",
                at: "2021-11-20T10:19:00Z"))
        return out
    }

    @Test func eachEditLandsWithItsAuthorAndComment() throws {
        try withTempDir { dir in
            let path = dir + "/store"
            let original = Generator.board(workstreams: 10, risks: 5)
            try Store.create(at: path, board: original, dataset: "editing")
            let made = try edits(on: original)

            do {
                let store = try Store(path: path)
                for (n, e) in made.enumerated() {
                    let entry = try store.commit(e.doc, baseRev: e.baseRev, by: e.by, note: e.note, at: e.at)
                    #expect(entry.seq == n + 1 && entry.rev == e.baseRev + 1 && entry.by == e.by && entry.note == e.note)
                }
                try store.close()
            }

            // Reopened, every edit is there: in the journal with its author and note, and in the documents.
            let store = try Store(path: path)
            #expect(store.warnings.isEmpty)
            #expect(Store.validate(path).isEmpty)
            let journal = try store.journal()
            #expect(journal.count == made.count)
            for (entry, e) in zip(journal, made) {
                #expect(entry.by == e.by)
                #expect(entry.note == e.note)
                #expect(entry.at == e.at)
                #expect(entry.baseRev == e.baseRev && entry.rev == e.baseRev + 1)
                #expect(entry.doc == e.doc.withRev(e.baseRev + 1))
                #expect(store.board.document(e.doc.collection, e.doc.id) == e.doc.withRev(e.baseRev + 1))
            }

            // The rating change carries who, when, from, to and the comment in the document itself.
            let ws0 = try #require(store.board.workstreams["WS-0"])
            let before0 = try #require(original.workstreams["WS-0"])
            #expect(ws0.rev == before0.rev + 1)
            #expect(ws0.history.count == before0.history.count + 1)
            let change = try #require(ws0.history.last)
            #expect(change.by == "alice" && change.at == "2021-11-20T10:15:00Z")
            #expect(change.comment == "Hub open five nights a week; referrals up 40% since September")
            #expect(change.from == before0.inYear && change.to == ws0.inYear && change.kind == .inYear)
            #expect(journal[0].note.hasSuffix(": " + change.comment))

            #expect(store.board.workstreams["WS-1"]?.title == "Mentoring in schools, renamed by the board")
            #expect(store.board.workstreams["WS-1"]?.objectives.last == "Train twelve mentors by March")
            #expect(store.board.risks["R1"]?.status == .closed)
            #expect(store.board.risks["R1"]?.closedReason == "Grant confirmed for three years")
            #expect(store.board.funding.spend(.interventions) == original.funding.spend(.interventions) + 100_000)
            #expect(store.board.funding.rev == original.funding.rev + 1)

            // Untouched documents are as they were.
            for w in original.workstreams where !["WS-0", "WS-1", "WS-2"].contains(w.id) { #expect(store.board.workstreams[w.id] == w) }
            for r in original.risks where r.id != "R1" { #expect(store.board.risks[r.id] == r) }

            // A read-only open sees the same.
            let reader = try Store(path: path, readOnly: true)
            #expect(reader.board == store.board)
            #expect(try reader.journal() == journal)
        }
    }

    @Test func anArchivedWorkstreamIsKeptInTheJournalAndTheSnapshot() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 10, risks: 3)
            let store = try Store(path: path)
            let ws = try #require(store.board.workstreams["WS-2"])
            var archived = ws
            archived.archived = true
            try store.commit(.workstream(archived), baseRev: ws.rev, by: "carol", note: "Archived workstream WS-2: \(ws.title)")
            // Later edits elsewhere, and a checkpoint, delete nothing.
            try commitChange(store, "WS-3", by: "bob", note: "later change")
            try store.checkpointNow()
            try store.close()

            let reopened = try Store(path: path)
            let kept = try #require(reopened.board.workstreams["WS-2"])
            #expect(kept.archived && kept.rev == ws.rev + 1)
            #expect(kept.title == ws.title && kept.history == ws.history && kept.objectives == ws.objectives)
            #expect(reopened.board.workstreams.count == 10)
            // It leaves the live lists only.
            #expect(!reopened.board.workstreams(in: ws.priority).contains { $0.id == "WS-2" })
            #expect(!reopened.board.activeWorkstreams.contains { $0.id == "WS-2" })

            let entries = try reopened.journal().filter { $0.id == "WS-2" }
            #expect(entries.count == 1)
            #expect(entries.first?.by == "carol" && entries.first?.note.hasPrefix("Archived workstream WS-2") == true)

            // On disk, read as plain JSON: the snapshot holds the archived document, the journal the change.
            let docs = try snapshotDocuments(path, .workstreams)
            #expect(docs.count == 10)
            let onDisk = try #require(docs.first { $0["id"] as? String == "WS-2" })
            #expect(onDisk["archived"] as? Bool == true)
            #expect(onDisk["title"] as? String == ws.title)
            let lines = try journalLines(path)
            let line = try #require(lines.first { $0["id"] as? String == "WS-2" })
            #expect(line["by"] as? String == "carol")
            #expect((line["doc"] as? [String: Any])?["archived"] as? Bool == true)
        }
    }

    @Test func anUndoIsItsOwnEntryAndTheOriginalChangeStaysInTheJournal() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let store = try Store(path: path)
            let ws = try #require(store.board.workstreams["WS-4"])
            var rated = ws
            let to: RAG = ws.overall == .red ? .amber : .red
            try rated.rate(.overall, to: to, by: "alice", at: "2021-11-20T10:15:00Z", comment: "Provider withdrew")
            let note = RatingChange.note(.overall, from: ws.overall, to: to, comment: "Provider withdrew")
            try store.commit(.workstream(rated), baseRev: ws.rev, by: "alice", note: note)
            // The UI's undo saves the before-version on top, as a change of its own.
            try store.commit(.workstream(ws), baseRev: ws.rev + 1, by: "alice", note: "Undo: \(note)")
            try store.close()

            let reopened = try Store(path: path)
            let now = try #require(reopened.board.workstreams["WS-4"])
            #expect(now.rev == ws.rev + 2 && now.overall == ws.overall && now.history == ws.history)
            let entries = try reopened.journal()
            #expect(entries.map(\.note) == [note, "Undo: \(note)"])
            #expect(entries.allSatisfy { $0.by == "alice" })
            guard case .workstream(let first) = entries[0].doc else {
                Issue.record("not a workstream")
                return
            }
            #expect(first.history.last?.comment == "Provider withdrew" && first.overall == to)
        }
    }

    @Test func aRatingOnAStaleRevisionIsRefusedAndTheFirstCommentStays() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let store = try Store(path: path)
            let ws = try #require(store.board.workstreams["WS-5"])
            var mine = ws, theirs = ws
            try mine.rate(.inYear, to: ws.inYear == .red ? .amber : .red, by: "alice", at: "2021-11-20T10:15:00Z", comment: "Alice's evidence")
            try theirs.rate(.inYear, to: .complete, by: "bob", at: "2021-11-20T10:14:00Z", comment: "Bob's evidence")
            try store.commit(.workstream(theirs), baseRev: ws.rev, by: "bob", note: "bob rated")
            #expect(throws: StoreError.self) {
                try store.commit(.workstream(mine), baseRev: ws.rev, by: "alice", note: "alice rated")
            }
            try store.close()
            let reopened = try Store(path: path)
            #expect(reopened.board.workstreams["WS-5"]?.history.last?.comment == "Bob's evidence")
            #expect(try reopened.journal().map(\.by) == ["bob"])
        }
    }
}
