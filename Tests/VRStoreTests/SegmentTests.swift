import Foundation
import Testing
import VRGenerate
import VRModel
@testable import VRStore

/// Format 3's journal: sealed into segments as it grows, entries that carry only what changed, and
/// history read a page at a time from the newest end, one document's by the segments' indexes.
@Suite struct SegmentTests {
    static let ratings: [RAG] = [.green, .amber, .red, .amberGreen]

    /// `count` rating changes spread over the first `spread` workstreams, with small segments.
    static func storeWithHistory(_ dir: String, count: Int, spread: Int, segmentBytes: Int = 2048) throws -> (String, Store) {
        let path = try makeStore(in: dir, workstreams: 8, risks: 2)
        let store = try Store(path: path, segmentBytes: segmentBytes)
        for i in 0..<count {
            var w = store.board.workstreams.items[i % spread]
            let base = w.rev
            try w.rate(
                .inYear, to: ratings[i % ratings.count] == w.inYear ? .complete : ratings[i % ratings.count], by: i % 3 == 0 ? "carol" : "dave",
                at: String(format: "2021-11-%02dT10:00:00Z", 1 + i % 28), comment: "change \(i)")
            try store.commit(.workstream(w), baseRev: base, by: i % 3 == 0 ? "carol" : "dave", note: "change \(i)", at: w.history.last!.at)
        }
        return (path, store)
    }

    static func segments(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path + "/journal").filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    /// One workstream edited again and again with long comments: its document outgrows the segment size,
    /// and each part's first entry of it is written whole. A part is closed before a line, as written
    /// there, would take it past the size: a segment is at most the size, or one entry alone.
    @Test("a segment exceeds its size by at most one entry, even when a document's whole copy is large")
    func segmentsStayBounded() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 3, risks: 1)
            let bound = 64 << 10
            let store = try Store(path: path, segmentBytes: bound)
            let long = String(repeating: "evidence ", count: 1_050)
            for i in 0..<60 {
                var w = try #require(store.board.workstreams.items.first)
                let base = w.rev
                try w.rate(.inYear, to: w.inYear == .green ? .amber : .green, by: "carol", at: "2021-11-01T10:00:00Z", comment: "\(i) " + long)
                try store.commit(.workstream(w), baseRev: base, by: "carol", note: "\(i) " + long, at: "2021-11-01T10:00:00Z")
            }
            let live = store.board
            try store.close()
            let segments = try Self.segments(path)
            #expect(segments.count >= 5, "\(segments)")
            for name in segments {
                let text = try String(contentsOfFile: path + "/journal/" + name, encoding: .utf8)
                let size = text.utf8.count, lines = text.split(separator: "\n").count
                #expect(size <= bound || lines == 1, "\(name): \(size) bytes in \(lines) lines")
            }
            #expect(try Store(path: path, readOnly: true).board == live)
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test("sealing keeps every change: reopened, the board is the same; the journal checks; the active journal stays small")
    func sealingKeepsEverything() throws {
        try withTempDir { dir in
            let (path, store) = try Self.storeWithHistory(dir, count: 80, spread: 5)
            let live = store.board
            try store.close()
            let segments = try Self.segments(path)
            #expect(segments.count >= 10, "sealed as it grew: \(segments)")
            let active = try FileManager.default.attributesOfItem(atPath: path + "/journal.jsonl")[.size] as? Int ?? .max
            #expect(active < 2048 + 4096, "the active journal is bounded: \(active) bytes")
            for name in segments {
                let size = try FileManager.default.attributesOfItem(atPath: path + "/journal/" + name)[.size] as? Int ?? 0
                let lines = try String(contentsOfFile: path + "/journal/" + name, encoding: .utf8).split(separator: "\n").count
                #expect(size <= 2048 || lines == 1, "\(name): \(size) bytes in \(lines) lines (a segment is at most 2048, or one entry)")
                #expect(FileManager.default.fileExists(atPath: path + "/journal/" + name.replacingOccurrences(of: ".jsonl", with: ".index")))
            }
            let reopened = try Store(path: path, readOnly: true)
            #expect(reopened.board == live)
            #expect(Store.validate(path).isEmpty)
            // Every change, across every segment, in order, each with its whole document.
            let journal = try reopened.journal()
            #expect(journal.map(\.seq) == Array(1...80))
            #expect(journal.allSatisfy { $0.doc != nil })
            #expect(journal.filter { $0.id == live.workstreams.items[2].id }.last?.doc == .workstream(live.workstreams.items[2]))
        }
    }

    @Test("history pages span segment boundaries: page by page it is the whole journal, newest first; --by and --since filter")
    func historyPagesAcrossSegments() throws {
        try withTempDir { dir in
            let (path, store) = try Self.storeWithHistory(dir, count: 80, spread: 5)
            let journal = try store.journal()
            var seen: [EntryMeta] = []
            var q = HistoryQuery(limit: 7)
            while true {
                let page = try Store.history(path, q)
                #expect(page.entries.count <= 7)
                seen += page.entries
                guard page.more, let last = page.entries.last else { break }
                q.before = last.seq
            }
            #expect(seen.map(\.seq) == journal.map(\.seq).reversed())
            #expect(seen.map(\.note) == journal.map(\.note).reversed())
            #expect(seen.map(\.by) == journal.map(\.by).reversed())
            let byCarol = try Store.history(path, HistoryQuery(by: "carol", limit: 1000))
            #expect(byCarol.entries.map(\.seq) == journal.filter { $0.by == "carol" }.map(\.seq).reversed() && !byCarol.more)
            let since = try Store.history(path, HistoryQuery(since: Day("2021-11-20"), limit: 1000))
            #expect(since.entries.allSatisfy { $0.at >= "2021-11-20" } && !since.entries.isEmpty)
            #expect(since.entries.first?.seq == journal.last?.seq)
        }
    }

    @Test("one document's history spans segments, read by their indexes; an id with no changes says so without reading them")
    func oneItemAcrossSegments() throws {
        try withTempDir { dir in
            let (path, store) = try Self.storeWithHistory(dir, count: 80, spread: 5)
            let journal = try store.journal()
            let id = store.board.workstreams.items[3].id
            let expected = journal.filter { $0.id == id }.map(\.seq)
            let files = Set(
                try Self.segments(path).filter { name in
                    (try String(contentsOfFile: path + "/journal/" + name, encoding: .utf8)).contains("\"id\":\"\(id)\"")
                })
            #expect(files.count >= 3, "the item's changes are in several segments: \(files)")
            let all = try Store.history(path, HistoryQuery(id: id, limit: 1000))
            #expect(all.entries.map(\.seq) == expected.reversed())
            let newest = try Store.history(path, HistoryQuery(id: id, limit: 3))
            #expect(newest.entries.map(\.seq) == Array(expected.suffix(3).reversed()) && newest.more)
            let none = try Store.history(path, HistoryQuery(id: "WS-nothing", limit: 20))
            #expect(none.entries.isEmpty && !none.more)
            // A missing index is said, not worked around in silence; repair builds it again.
            let firstFile = try #require(files.sorted().first)
            let index = path + "/journal/" + firstFile.replacingOccurrences(of: ".jsonl", with: ".index")
            try FileManager.default.removeItem(atPath: index)
            #expect(throws: StoreError.self) { try Store.history(path, HistoryQuery(id: id, limit: 1000)) }
            #expect(Store.validate(path).contains { $0.file.hasSuffix(".index") })
            let report = try Store.repair(path, dryRun: false)
            #expect(report.changed)
            #expect(try Store.history(path, HistoryQuery(id: id, limit: 1000)).entries.map(\.seq) == expected.reversed())
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test("an entry's size does not grow with the document's history: after the first, a rating change carries only itself")
    func entriesStaySmall() throws {
        try withTempDir { dir in
            let (path, store) = try Self.storeWithHistory(dir, count: 400, spread: 1, segmentBytes: 4 << 20)
            try store.close()
            let text = try String(contentsOfFile: path + "/journal.jsonl", encoding: .utf8).split(separator: "\n")
            let lines = text.map { $0.utf8.count }
            #expect(lines.count == 400)
            // The first entry is whole; each later one is the change alone, the same size at 10 as at 400.
            #expect(text[0].contains("\"doc\":") && text.dropFirst().allSatisfy { $0.contains("\"patch\":") && !$0.contains("\"doc\":") })
            #expect(lines[399] < 700, "entry 400: \(lines[399]) bytes")
            #expect(abs(lines[399] - lines[10]) < 40, "entry 11: \(lines[10]) bytes, entry 400: \(lines[399])")
            let whole = try JSONEncoder().encode(try #require(try Store(path: path, readOnly: true).board.workstreams.items.first))
            #expect(whole.count > 20 * lines[399], "the document itself has grown to \(whole.count) bytes")
            // Replayed, the patches give the same board as the snapshots (reopened with the snapshots held back).
            let reader = try Store(path: path, readOnly: true)
            #expect(try reader.journal().last?.doc == .workstream(reader.board.workstreams.items[0]))
        }
    }

    @Test("changes not yet checkpointed are replayed from patches to the same board")
    func replayFromPatches() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 4, risks: 2)
            let writer = try openWithoutCheckpoints(path)
            for i in 0..<30 {
                var w = writer.board.workstreams.items[i % 2]
                let base = w.rev
                try w.rate(
                    .inYear, to: Self.ratings[i % 4] == w.inYear ? .complete : Self.ratings[i % 4], by: "erin", at: "2021-11-03T10:00:00Z",
                    comment: "c\(i)")
                w.title += "!"
                try writer.commit(.workstream(w), baseRev: base, by: "erin", note: "c\(i)")
            }
            let text = try String(contentsOfFile: path + "/journal.jsonl", encoding: .utf8)
            #expect(text.split(separator: "\n").filter { $0.contains("\"patch\":") }.count == 28, "all but each document's first are patches")
            // Another process opens: the snapshots are as created, and the 30 changes replay from the journal.
            let other = try Store(path: path, readOnly: true)
            #expect(other.board == writer.board)
        }
    }

    @Test("a format 2 store with a long journal is upgraded under the lock with a backup, its journal sealed into segments")
    func formatTwoIsUpgradedAndSealed() throws {
        try withTempDir { dir in
            let path = dir + "/store"
            try Generator.store(at: path, workstreams: 30, risks: 5, journal: 2000)
            let expected = try Store(path: path, readOnly: true).board
            // As format 2 wrote it: one journal.jsonl of whole entries, no segments.
            let segs = try Store(path: path, readOnly: true).journal()
            let fm = FileManager.default
            if fm.fileExists(atPath: path + "/journal") { try fm.removeItem(atPath: path + "/journal") }
            let lines = try segs.map { String(decoding: try JSONEncoder.sorted.encode($0), as: UTF8.self) + "\n" }.joined()
            try lines.write(toFile: path + "/journal.jsonl", atomically: true, encoding: .utf8)
            for name in try fm.contentsOfDirectory(atPath: path) where name.hasSuffix(".json") {
                var text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
                text = text.replacingOccurrences(of: "\"format\" : 3", with: "\"format\" : 2")
                if name == Store.manifestName, let r = text.range(of: ",\n  \"segments\"") {
                    text = String(text[..<r.lowerBound]) + "\n}\n"
                }
                try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
            }
            #expect(Store.validate(path).isEmpty, "a sound format 2 store")
            let store = try Store(path: path, segmentBytes: 64 << 10)
            #expect(store.warnings.contains { $0.contains("upgraded this store from format 2 to 3") })
            #expect(store.board == expected)
            #expect(try Self.segments(path).count > 3)
            let backup = try #require(try fm.contentsOfDirectory(atPath: path).first { $0.hasPrefix("backup-format-2-") })
            #expect(fm.fileExists(atPath: path + "/" + backup + "/journal.jsonl"))
            try store.close()
            #expect(try Store(path: path, readOnly: true).board == expected)
            #expect(try Store(path: path, readOnly: true).journal().map(\.seq) == Array(1...2000))
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test("a sealing stopped short is finished or undone by the next writable open, losing nothing")
    func unfinishedSealing() throws {
        try withTempDir { dir in
            let (path, store) = try Self.storeWithHistory(dir, count: 40, spread: 4)
            let expected = store.board
            try store.close()
            let fm = FileManager.default
            // A segment written but never named by the manifest (stopped before the manifest was written).
            try "{\"stray\":true}\n".write(toFile: path + "/journal/999999.jsonl", atomically: true, encoding: .utf8)
            // The manifest names the segments but the active journal still holds their changes.
            let lastSegment = try #require(try Self.segments(path).last { $0 != "999999.jsonl" })
            let sealedText = try String(contentsOfFile: path + "/journal/" + lastSegment, encoding: .utf8)
            let active = try String(contentsOfFile: path + "/journal.jsonl", encoding: .utf8)
            try (sealedText + active).write(toFile: path + "/journal.jsonl", atomically: true, encoding: .utf8)
            #expect(try Store.history(path, HistoryQuery(limit: 1000)).entries.map(\.seq) == Array((1...40).reversed()), "no change twice")
            let again = try Store(path: path)
            #expect(again.board == expected)
            #expect(!fm.fileExists(atPath: path + "/journal/999999.jsonl"))
            try again.close()
            #expect(Store.validate(path).isEmpty)
            #expect(try Store(path: path, readOnly: true).journal().map(\.seq) == Array(1...40))
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}

/// One change read back whole for the History viewer: the document as it saved it and as it was before,
/// across segment boundaries and from the snapshot.
@Suite struct EntryVersionTests {
    @Test("each change's before is the document's previous change, found in an earlier segment when it is the first in its own")
    func versionsAcrossSegments() throws {
        try withTempDir { dir in
            let (path, store) = try SegmentTests.storeWithHistory(dir, count: 60, spread: 3)
            let journal = try store.journal()
            #expect(try SegmentTests.segments(path).count >= 5)
            for e in journal {
                let v = try Store.versions(path, collection: e.collection.rawValue, id: e.id, seq: e.seq)
                #expect(v.after == e.doc, "#\(e.seq)")
                let previous = journal.last { $0.seq < e.seq && $0.id == e.id }
                if let previous {
                    #expect(v.before == previous.doc, "#\(e.seq) after #\(previous.seq)")
                } else {
                    // The document's first change: the entry carries what it replaced.
                    #expect(v.before?.id == e.id && v.before?.rev == e.baseRev, "#\(e.seq)")
                }
            }
        }
    }

    @Test("a document's first change carries what it replaced: its before is there after any checkpoint, reopened too")
    func beforeOfAFirstChange() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 3, risks: 1)
            let store = try Store(path: path)
            let original = try #require(store.board.workstreams.items.first)
            var w = original
            w.title += " (revised)"
            let entry = try store.commit(.workstream(w), baseRev: original.rev, by: "alice", note: "Edited workstream \(w.id)")
            #expect(entry.was?.set["title"] == .string(original.title), "the old title, and only what changed")
            #expect(entry.was?.set.count == 1)
            try store.checkpointNow()
            try store.close()
            let v = try Store.versions(path, collection: "workstreams", id: w.id, seq: entry.seq)
            #expect(v.before == .workstream(original))
            #expect(v.after == AnyDocument.workstream(w).withRev(original.rev + 1))
            // A second change in the same file is a patch: its before is the first change's document.
            let again = try Store(path: path)
            var w2 = try #require(again.board.workstreams[w.id])
            w2.objectives.append("Publish a bulletin")
            let second = try again.commit(.workstream(w2), baseRev: w2.rev, by: "bob", note: "Edited workstream \(w.id)")
            #expect(second.was == nil)
            let v2 = try Store.versions(path, collection: "workstreams", id: w.id, seq: second.seq)
            #expect(v2.before == AnyDocument.workstream(w).withRev(original.rev + 1) && v2.after == AnyDocument.workstream(w2).withRev(w2.rev + 1))
            // Nothing for an entry the journal does not hold.
            let none = try Store.versions(path, collection: "workstreams", id: w.id, seq: second.seq + 5)
            #expect(none.before == nil && none.after == nil)
        }
    }
}
