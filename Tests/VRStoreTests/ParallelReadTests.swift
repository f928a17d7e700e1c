import Foundation
import Testing
import VRGenerate
import VRModel
@testable import VRStore

/// The collection files are read on every core at once, the largest first: each collection still gets its
/// own documents, and problems are reported in the collections' order, whatever the files' sizes.
@Suite struct ParallelReadTests {
    @Test("every collection read at once is its own file's documents: written again, each file is the same bytes")
    func collectionsLandInTheirOwnPlaces() throws {
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(
                at: path, board: Generator.board(workstreams: 400, risks: 300, interventions: 120), dataset: "test")
            let store = try Store(path: path, readOnly: true)
            let seqs = try Store.readSnapshots(path).1.journalSeqs
            for name in CollectionName.allCases {
                let file = path + "/" + name.fileName
                guard FileManager.default.fileExists(atPath: file) else { continue }
                let again = try Store.encodeCollection(name, board: store.board, journalSeq: seqs[name] ?? 0)
                #expect(again == (try readBytes(file)), "\(name.fileName) read back as its own documents")
            }
            #expect(store.board.workstreams.count == 400 && store.board.risks.count == 300 && store.board.interventions.count == 120)
        }
    }

    @Test("problems in several files come in the collections' order, the same on every open")
    func problemsInTheCollectionsOrder() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir, workstreams: 300, risks: 20)
            // A small file first in the collections' order, the largest after it, a small one last.
            for (file, from, to) in [
                ("programme.json", "\"name\" : ", "\"name\" : 7, \"x\" : "), ("workstreams.json", "\"rev\" : 1", "\"rev\" : \"1\""),
                ("risks.json", "\"rev\" : 1", "\"rev\" : -4"),
            ] {
                let full = path + "/" + file
                let text = String(decoding: try readBytes(full), as: UTF8.self)
                let at = try #require(text.range(of: from))
                try writeBytes(Array(text.replacingCharacters(in: at, with: to).utf8), to: full)
            }
            var seen: [[String]] = []
            for _ in 0..<5 {
                do {
                    _ = try Store(path: path, readOnly: true)
                    Issue.record("the broken store opened")
                } catch StoreError.problems(let ps) {
                    seen.append(ps.map { "\($0.file):\($0.line):\($0.column)" })
                    #expect(ps.map(\.file) == ["programme.json", "workstreams.json", "risks.json"])
                }
            }
            #expect(Set(seen).count == 1, "every open reports the same problems in the same order")
        }
    }
}
