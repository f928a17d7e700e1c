import Foundation
import Testing
import VRGenerate
import VRModel
@testable import VRStore

/// `Store.saveOne`: a command-line edit reads the document it changes and the journal's end, not the whole
/// board, and saves exactly what a whole board's save saves.
@Suite struct OneSaveTests {
    static let at = "2021-11-03T10:00:00Z"

    /// A rating change made from the board it is given, as `vrboard rag` makes it; nil without the workstream.
    static func rating(_ id: String, _ comment: String) -> (Board, String) throws -> (doc: AnyDocument, baseRev: Int, note: String)? {
        { board, _ in
            guard let ws = board.workstreams[id] else { return nil }
            return (.workstream(changed(ws, comment: comment)), ws.rev, "rated \(id): \(comment)")
        }
    }

    /// Saves one rating change by `saveOne`, every collection but the programme and the funding picked
    /// (`wholeBelow: 0`), as on a store whose collections are large.
    @discardableResult
    static func saveOne(_ path: String, _ id: String, _ comment: String, wholeBelow: Int = 0) throws -> Store.OneSave? {
        try Store.saveOne(at: path, reading: [(.workstreams, id)], by: "alice", at: at, wholeBelow: wholeBelow, rating(id, comment))
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Another writer whose saves leave the snapshots as they are (its changes wait in the journal).
    static func writerThatWaits(_ path: String) throws -> Store {
        let other = try Store(path: path)
        other.eagerCheckpointBytes = 0
        return other
    }

    @Test("a save of one document reads it alone, and writes the journal line a whole board's save writes")
    func sameLineAsAWholeSave() throws {
        try withTempDir { dir in
            let a = try makeStore(in: dir + "/a", workstreams: 40, risks: 10)
            let b = try makeStore(in: dir + "/b", workstreams: 40, risks: 10)
            let snapshotBefore = try Self.bytes(a + "/workstreams.json")
            for (k, id) in ["WS-7", "WS-12", "WS-7"].enumerated() {
                let one = try #require(
                    try Store.saveOne(at: a, reading: [(.workstreams, id)], by: "alice", at: Self.at, wholeBelow: 0) { board, login in
                        // What was read: the document, the programme and the funding (and the journal's newest
                        // changes' documents), not the other workstreams or the risks.
                        #expect(board.workstreams[id] != nil)
                        #expect(board.workstreams.items.count <= 2, "read \(board.workstreams.items.map(\.id))")
                        #expect(board.risks.items.isEmpty)
                        #expect(!board.programme.name.isEmpty)
                        return try Self.rating(id, "change \(k)")(board, login)
                    })
                #expect(one.entry.seq == k + 1)
                #expect(one.checkpointProblem == nil)
                let whole = try Store(path: b)
                let (doc, base, note) = try #require(try Self.rating(id, "change \(k)")(whole.board, Store.osLogin))
                try whole.commit(doc, baseRev: base, by: "alice", note: note, at: Self.at)
                try whole.close()
            }
            #expect(try Self.bytes(a + "/journal.jsonl") == Self.bytes(b + "/journal.jsonl"), "the same lines, byte for byte")
            // The picked collection's snapshot is not rewritten from a board that holds part of it.
            #expect(try Self.bytes(a + "/workstreams.json") == snapshotBefore)
            #expect(Store.validate(a).isEmpty)
            // Opened whole, the board is the whole board's, with every change.
            #expect(try Store(path: a, readOnly: true).board == Store(path: b, readOnly: true).board)
        }
    }

    @Test("a small collection is read whole and rewritten with the save, as a board's save rewrites it")
    func smallCollectionIsCheckpointed() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 10, risks: 4)
            let one = try #require(try Self.saveOne(path, "WS-3", "small", wholeBelow: 1 << 20))
            #expect(one.board.workstreams.items.count == 10, "a small collection is read whole")
            let reopened = try Store(path: path, readOnly: true)
            #expect(reopened.lastSeq == 1)
            let snapshot = String(decoding: try Self.bytes(path + "/workstreams.json"), as: UTF8.self)
            #expect(snapshot.contains("\"journalSeq\" : 1"), "the snapshot was rewritten at the save")
            #expect(String(decoding: try Self.bytes(path + "/vrboard.json"), as: UTF8.self).contains("\"checkpointSeq\" : 1"))
        }
    }

    @Test("the changes waiting in the journal are taken in, and the snapshots rewritten once they reach the limit")
    func waitingChangesAndTheLimit() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 30, risks: 4)
            // Another process's saves, not yet in the snapshots: a risk and a workstream.
            let other = try Self.writerThatWaits(path)
            var risk = try #require(other.board.risks.items.first)
            let riskBase = risk.rev
            risk.description += " (reviewed)"
            try other.commit(.risk(risk), baseRev: riskBase, by: "bob", note: "risk", at: Self.at)
            try commitChange(other, "WS-5", by: "bob", note: "other")
            // The saves after them follow on, and see WS-5 as the other process left it.
            let one = try #require(
                try Store.saveOne(at: path, reading: [(.workstreams, "WS-5")], by: "alice", at: Self.at, wholeBelow: 0) { board, login in
                    #expect(board.workstreams["WS-5"]?.rev == 2)
                    #expect(board.risks.items.map(\.id) == [risk.id], "the waiting change's document is read with it")
                    return try Self.rating("WS-5", "after")(board, login)
                })
            #expect(one.entry.seq == 3 && one.entry.baseRev == 2 && one.entry.rev == 3)
            // Up to the limit the snapshots wait; at it, they are rewritten (by an open of the whole board).
            for k in 4..<Store.oneSaveCheckpointEvery {
                try Self.saveOne(path, "WS-\(k % 30)", "save \(k)")
                #expect(String(decoding: try Self.bytes(path + "/vrboard.json"), as: UTF8.self).contains("\"checkpointSeq\" : 0"))
            }
            try Self.saveOne(path, "WS-1", "the last")
            #expect(
                String(decoding: try Self.bytes(path + "/vrboard.json"), as: UTF8.self).contains(
                    "\"checkpointSeq\" : \(Store.oneSaveCheckpointEvery)"))
            #expect(Store.validate(path).isEmpty)
            let reopened = try Store(path: path, readOnly: true)
            #expect(reopened.lastSeq == Store.oneSaveCheckpointEvery)
            #expect(reopened.board.risks[risk.id]?.description == risk.description)
        }
    }

    @Test("a damaged line in the journal's newest file refuses the save and changes no byte")
    func damagedJournalRefuses() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 20, risks: 4)
            for id in ["WS-1", "WS-2", "WS-3"] { try Self.saveOne(path, id, "before", wholeBelow: 1 << 20) }
            var journal = try Self.bytes(path + "/journal.jsonl")
            let second = try #require(journal.firstIndex(of: 0x0A)) + 40
            journal[second] = 0xFF
            try writeBytes(journal, to: path + "/journal.jsonl")
            let files = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            let before = try files.map { try Self.bytes(path + "/" + $0) }
            #expect {
                try Self.saveOne(path, "WS-4", "refused")
            } throws: { error in
                guard let refusal = error as? JournalRefusal else { return false }
                return refusal.problems.contains { $0.file == "journal.jsonl" && $0.line == 2 }
            }
            #expect(try files.map { try Self.bytes(path + "/" + $0) } == before, "nothing was written")
        }
    }

    @Test("a forged change waiting in the journal is refused, placed at its line")
    func forgedWaitingChange() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 20, risks: 4)
            let other = try Self.writerThatWaits(path)
            try commitChange(other, "WS-9", by: "bob")
            // The snapshots do not hold it yet: a line that skips a revision of WS-9 follows it.
            let text = String(decoding: try Self.bytes(path + "/journal.jsonl"), as: UTF8.self)
            let forged = text.replacingOccurrences(of: "\"baseRev\":1", with: "\"baseRev\":5").replacingOccurrences(
                of: "\"rev\":2", with: "\"rev\":6")
            #expect(forged != text)
            try writeBytes(Array(forged.utf8), to: path + "/journal.jsonl")
            #expect {
                try Self.saveOne(path, "WS-9", "after a forgery")
            } throws: { error in
                "\(error)".contains("journal.jsonl:1:") && "\(error)".contains("workstreams/WS-9")
            }
            #expect(String(decoding: try Self.bytes(path + "/journal.jsonl"), as: UTF8.self) == forged, "nothing was appended")
        }
    }

    @Test("a document that is not there: the change says so, and nothing is written")
    func missingDocument() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 8, risks: 2)
            let before = try Self.bytes(path + "/journal.jsonl")
            #expect(try Self.saveOne(path, "WS-999", "nobody") == nil)
            #expect(try Self.bytes(path + "/journal.jsonl") == before)
        }
    }

    @Test("a snapshot laid out by hand is skimmed for the document; a duplicate id is placed")
    func handWrittenLayout() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 12, risks: 2)
            // The same documents, written compactly with the members in another order.
            let file = path + "/workstreams.json"
            let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
            try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: file))
            let one = try #require(try Self.saveOne(path, "WS-4", "compact"))
            #expect(one.board.workstreams["WS-4"]?.rev == 2)
            #expect(Store.validate(path).isEmpty)

            // As this vrboard writes it, with WS-4 twice.
            let fresh = try makeStore(in: dir + "/dup", workstreams: 6, risks: 2)
            let text = String(decoding: try Self.bytes(fresh + "/workstreams.json"), as: UTF8.self)
            let doubled = text.replacingOccurrences(of: "\"id\" : \"WS-5\"", with: "\"id\" : \"WS-4\"")
            try writeBytes(Array(doubled.utf8), to: fresh + "/workstreams.json")
            #expect {
                try Self.saveOne(fresh, "WS-4", "which one")
            } throws: { error in
                "\(error)".contains("workstreams.json") && "\(error)".contains("duplicate id 'WS-4'")
            }
        }
    }

    @Test("the written layout's search finds each document's own id, not an id nested in another")
    func searchFindsOwnIds() throws {
        let board = Generator.board(workstreams: 30, risks: 2)
        var file = String(decoding: try Store.encodeCollection(.workstreams, board: board, journalSeq: 7), as: UTF8.self)
        let bytes = Array(file.utf8)
        let found = try #require(Store.documentsWritten(ids: ["WS-3", "WS-29"], in: bytes))
        let ids = try found.map { try JSONDecoder().decode(Workstream.self, from: Data($0)).id }
        #expect(ids == ["WS-3", "WS-29"])
        #expect(Store.writtenFrame(bytes, .workstreams)?.journalSeq == 7)
        #expect(Store.writtenFrame(bytes, .risks) == nil, "the frame names its collection")
        // An id at a nested member's indentation is not a document's.
        file = file.replacingOccurrences(of: "\n      \"id\" : \"WS-3\"", with: "\n        \"id\" : \"WS-3\"")
        #expect(Store.documentsWritten(ids: ["WS-3"], in: Array(file.utf8)) == nil)
        // Every document that opens has its id line: an id not found is not there.
        #expect(Store.documentsWritten(ids: ["WS-404"], in: bytes)?.isEmpty == true)
    }

    @Test("an older store is left to a whole open, which upgrades it")
    func olderFormatNeedsTheWholeBoard() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 6, risks: 2)
            let manifest = String(decoding: try Self.bytes(path + "/vrboard.json"), as: UTF8.self)
            try writeBytes(Array(manifest.replacingOccurrences(of: "\"format\" : 3", with: "\"format\" : 2").utf8), to: path + "/vrboard.json")
            let before = try Self.bytes(path + "/journal.jsonl")
            #expect(try Self.saveOne(path, "WS-1", "old") == nil)
            #expect(try Self.bytes(path + "/journal.jsonl") == before)
        }
    }
}

/// `vrboard rag` on a store whose workstreams file is over the size read whole: the real binary.
@Suite struct OneSaveCLITests {
    /// A store of 2,000 workstreams (its workstreams file about 1.5 MB, so a save picks from it).
    static func largeStore(_ dir: String) throws -> String {
        let path = dir + "/large"
        try Store.create(at: path, board: Generator.board(workstreams: 2_000, risks: 5), dataset: "test")
        #expect(fileSize(path + "/workstreams.json") > 1 << 20)
        return path
    }

    static func vrboard(_ args: [String]) throws -> RunResult {
        try runProcess(Paths.binary, args, environment: ["PATH": Paths.searchPath, "HOME": NSTemporaryDirectory(), "USER": "tester"], timeout: 60)
    }

    @Test("rag saves WS-42 from its own lines of the file: the journal holds it, the board shows it, the snapshot waits")
    func ragOnALargeStore() throws {
        try withTempDir { dir in
            let path = try Self.largeStore(dir)
            let snapshot = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/workstreams.json")))
            let r = try Self.vrboard(["rag", "WS-42", "R", "--note", "Provider withdrew", "--user", "alice", "--store", path])
            #expect(r.status == 0, "\(r)")
            #expect(r.stdout.hasPrefix("WS-42: in-year rating ") && r.stdout.contains("-> R (change #1, by alice)"), "\(r)")
            #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/workstreams.json"))) == snapshot)
            let store = try Store(path: path, readOnly: true)
            #expect(store.board.workstreams["WS-42"]?.inYear == .red)
            #expect(store.board.workstreams["WS-42"]?.rev == 2)
            #expect(Store.validate(path).isEmpty)
            // An id that is not there: the whole board is read, to say what ids look like.
            let missing = try Self.vrboard(["rag", "WS-9999", "R", "--note", "x", "--store", path])
            #expect(missing.status == 1 && missing.stderr.contains("no workstream 'WS-9999'; ids look like WS-0, WS-1, WS-2"), "\(missing)")
        }
    }

    @Test("four rag processes on one workstream of a large store: every save is recorded once, in order")
    func contendingOnALargeStore() throws {
        try withTempDir { dir in
            let path = try Self.largeStore(dir)
            let failures = LockedList()
            DispatchQueue.concurrentPerform(iterations: 4) { w in
                for n in 0..<10 {
                    do {
                        let r = try Self.vrboard(["rag", "WS-7", ["G", "A", "R"][(w + n) % 3], "--note", "writer \(w) save \(n)", "--store", path])
                        if r.status != 0 { failures.add("writer \(w) save \(n): \(r)") }
                    } catch { failures.add("writer \(w) save \(n): \(error)") }
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all.prefix(3))")
            #expect(Store.validate(path).isEmpty)
            let store = try Store(path: path, readOnly: true)
            #expect(store.lastSeq == 40)
            #expect(store.board.workstreams["WS-7"]?.rev == 41)
            let before = Generator.board(workstreams: 2_000, risks: 5).workstreams["WS-7"]?.history.count ?? 0
            #expect(store.board.workstreams["WS-7"]?.history.count == before + 40, "every change kept in the workstream's own history")
        }
    }
}

/// Strings added from several threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}

/// Documents read field by field straight from their JSON (`JSONValue.parse`) and written back.
@Suite struct JSONValueBytesTests {
    /// Every document of both samples and of a generated board.
    static func documents() throws -> [AnyDocument] {
        var docs: [AnyDocument] = []
        for dataset in [Paths.data.path + "/nnvru-2021-22", Paths.data.path + "/wmvru-2021-22"] {
            docs += DocumentCodec.documents(of: try Store(path: dataset, readOnly: true).board)
        }
        docs += DocumentCodec.documents(of: Generator.board(workstreams: 20, risks: 5))
        #expect(docs.count > 100)
        return docs
    }

    @Test("every document of both samples and a generated board reads as Codable reads it, and writes back to the same value")
    func samplesReadAsCodableReadsThem() throws {
        let docs = try Self.documents()
        for doc in docs {
            let data = try DocumentCodec.encode(doc)
            let parsed = try #require(JSONValue.parse([UInt8](data)), "\(doc.collection.rawValue)/\(doc.id)")
            #expect(parsed == (try JSONDecoder().decode(JSONValue.self, from: data)), "\(doc.collection.rawValue)/\(doc.id)")
            #expect(JSONValue.parse(parsed.bytes) == parsed, "\(doc.collection.rawValue)/\(doc.id) written back")
        }
    }

    @Test("a document encoded straight into values is what JSONEncoder's text reads as, for every document of both samples and a generated board")
    func encoderMatchesJSONEncoder() throws {
        let docs = try Self.documents()
        for doc in docs {
            let viaText = try #require(JSONValue.parse([UInt8](try JSONEncoder().encode(doc.document))))
            #expect(try JSONValueEncoder.encode(doc.document) == viaText, "\(doc.collection.rawValue)/\(doc.id)")
        }
    }

    @Test("numbers, nesting and escapes encode as JSONEncoder writes them: a journal line's bytes are JSONEncoder's")
    func linesAreJSONEncodersBytes() throws {
        struct Odd: Encodable {
            var whole = 5.0, big = 1e16, huger = 1e20, tenth = 0.1, tiny = 1e-7, count = UInt64(Int.max), small: Int8 = -3
            var text = "quote \" slash / back \\ bell \u{07} bs \u{08} ff \u{0C} unit \u{1F} é 😀 \u{2028}"
            var nested: [String: [Int?]] = ["b": [1, nil], "a": []]
            var missing: String? = nil
            func encode(to encoder: Encoder) throws {
                enum K: String, CodingKey { case whole, big, huger, tenth, tiny, count, small, text, nested, missing, list, sup }
                var c = encoder.container(keyedBy: K.self)
                for (k, v) in [(K.whole, whole), (.big, big), (.huger, huger), (.tenth, tenth), (.tiny, tiny)] {
                    try c.encode(v, forKey: k)
                }
                try c.encode(count, forKey: .count)
                try c.encode(small, forKey: .small)
                try c.encode(text, forKey: .text)
                try c.encode(nested, forKey: .nested)
                try c.encodeIfPresent(missing, forKey: .missing)
                var list = c.nestedUnkeyedContainer(forKey: .list)
                try list.encode(2.5)
                var inner = list.nestedContainer(keyedBy: K.self)
                try inner.encode("x", forKey: .text)
                try list.encode(true)
                var single = c.superEncoder(forKey: .sup).singleValueContainer()
                try single.encode(7)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(
            String(decoding: try JSONValueEncoder.encode(Odd()).bytes, as: UTF8.self) == String(decoding: try encoder.encode(Odd()), as: UTF8.self))
        // Beyond what JSONValue holds as written (an integer over Int.max, minus zero): the same value read back.
        for odder in [[Double(UInt64.max)], [-0.0]] {
            #expect(try JSONValueEncoder.encode(odder) == JSONValue.parse([UInt8](try encoder.encode(odder))))
        }
        #expect(try JSONValueEncoder.encode([UInt64.max]) == JSONValue.parse([UInt8](try encoder.encode([UInt64.max]))))
        // Every entry of a generated journal, and three saved here: whole with what it replaced, then patches.
        var lines: [[UInt8]] = []
        try withTempDir { dir in
            try Generator.store(at: dir + "/s", workstreams: 30, risks: 10, journal: 300)
            lines += try FileIO.readFile(dir + "/s/" + Store.journalName).split(separator: 0x0A).map { Array($0) }
            for segment in FileIO.listDirectory(dir + "/s/" + Store.segmentFolder) where segment.hasSuffix(".jsonl") {
                lines += try FileIO.readFile(dir + "/s/" + Store.segmentFolder + "/" + segment).split(separator: 0x0A).map { Array($0) }
            }
            #expect(lines.count == 300)
            try Generator.store(at: dir + "/t", workstreams: 3, risks: 1, journal: 0)
            let store = try Store(path: dir + "/t")
            for i in 0..<3 {
                var ws = store.board.workstreams.items[0]
                try ws.rate(.inYear, to: i % 2 == 0 ? .red : .green, by: "t", at: OneSaveTests.at, comment: "/ \u{08} \(i)")
                try store.commit(.workstream(ws), baseRev: ws.rev, by: "t", note: "n / \(i)", at: OneSaveTests.at)
            }
            let saved = try FileIO.readFile(dir + "/t/" + Store.journalName).split(separator: 0x0A).map { Array($0) }
            #expect(saved.count == 3)
            lines += saved
        }
        let entries = try lines.map { try JSONDecoder().decode(JournalEntry.self, from: Data($0)) }
        #expect(entries.contains { $0.was != nil } && entries.contains { if case .patch = $0.body { true } else { false } })
        for e in entries {
            #expect(String(decoding: try e.line(), as: UTF8.self) == String(decoding: try encoder.encode(e), as: UTF8.self), "#\(e.seq)")
            // A save compares a patch's size with the whole document's by counting: the count is the bytes'.
            let value = try e.value()
            #expect(value.encodedCount == value.bytes.count, "#\(e.seq)")
        }
        let odd = try JSONValueEncoder.encode(Odd())
        #expect(odd.encodedCount == odd.bytes.count)
    }

    @Test("escapes, surrogate pairs, numbers of every kind and nesting read and write back; what is not JSON is refused")
    func escapesAndNumbers() throws {
        let text =
            #"{"a":"quote \" backslash \\ slash \/ tab \t line \n cr \r bell \u0007 é \u00e9 😀 \ud83d\ude00","n":[0,-12,3.5,-0.25,1e-07,2E+3,9223372036854775807],"b":[true,false,null],"o":{"x":{}, "y":[]}}"#
        let v = try #require(JSONValue.parse(Array(text.utf8)))
        #expect(JSONValue.parse(v.bytes) == v)
        guard case .object(let o) = v, case .string(let a)? = o["a"] else { throw TestFailure("not an object with a string") }
        #expect(a == "quote \" backslash \\ slash / tab \t line \n cr \r bell \u{07} é é 😀 😀")
        #expect(o["n"] == .array([.int(0), .int(-12), .double(3.5), .double(-0.25), .double(1e-07), .double(2000), .int(Int.max)]))
        #expect(o["b"] == .array([.bool(true), .bool(false), .null]))
        #expect(o["o"] == .object(["x": .object([:]), "y": .array([])]))
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "{\"a\":1} x", "\"\\x\"", "\"\\ud83d\"", "[1 2]"] {
            #expect(JSONValue.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }
}
