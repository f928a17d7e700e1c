import Foundation
import Testing
import VRModel
import VRStore
@testable import vrboard_bench

/// Each broken file gets a clear, placed problem from `Store(path:)` (both modes) and from `Store.validate`,
/// and no file is changed by either.
@Suite struct MalformedCorpusTests {
    /// Makes a store, lets `corrupt` break it, then checks the expected problem.
    private func check(
        _ file: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ corrupt: ([UInt8]) throws -> (bytes: [UInt8], expected: ExpectedProblem)
    ) throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let full = path + "/" + file
            let (bytes, expected) = try corrupt(try readBytes(full))
            try writeBytes(bytes, to: full)
            expectProblem(expected, in: path, sourceLocation: sourceLocation)
            #expect(try readBytes(full) == bytes, "the broken file is left exactly as it was", sourceLocation: sourceLocation)
        }
    }

    @Test func truncatedSnapshot() throws {
        try check("workstreams.json") { bytes in
            // Cut in the middle of the file, inside a title's value.
            let titleAt = try #require(offsets(of: "\"title\" : \"", in: bytes).first { $0 > bytes.count / 2 })
            let quoteAt = titleAt + "\"title\" : ".utf8.count
            let cut = Array(bytes[..<(quoteAt + 8)])
            let (line, quoteColumn) = lineColumn(of: quoteAt, in: cut)
            let endColumn = lineColumn(of: cut.count, in: cut).column
            #expect(line > 3)
            return (cut, ExpectedProblem(file: "workstreams.json", lines: [line], columns: [quoteColumn, endColumn], reason: ["truncated"]))
        }
    }

    @Test func truncatedBetweenValues() throws {
        try check("risks.json") { bytes in
            let at = try #require(offsets(of: "\"owner\" : ", in: bytes).dropFirst().first)
            let cut = Array(bytes[..<at])  // ends after a comma and indentation
            let (line, column) = lineColumn(of: cut.count, in: cut)
            return (cut, ExpectedProblem(file: "risks.json", lines: [line], columns: [column], reason: ["truncated"]))
        }
    }

    @Test func stringWhereRevIsAWholeNumber() throws {
        try check("workstreams.json") { bytes in
            let (broken, at) = try replacingFirst("\"rev\" : 1", with: "\"rev\" : \"1\"", in: bytes, occurrence: 2)
            let (line, column) = lineColumn(of: at + "\"rev\" : ".utf8.count, in: broken)
            return (
                broken,
                ExpectedProblem(
                    file: "workstreams.json", lines: [line], columns: [column],
                    reason: ["documents[2].rev", "whole number"])
            )
        }
    }

    @Test func stringWhereAnAmountIsAWholeNumber() throws {
        try check("funding.json") { bytes in
            let (broken, at) = try replacingFirst("\"amount\" : 200000", with: "\"amount\" : \"200k\"", in: bytes)
            let (line, column) = lineColumn(of: at + "\"amount\" : ".utf8.count, in: broken)
            return (
                broken,
                ExpectedProblem(
                    file: "funding.json", lines: [line], columns: [column],
                    reason: ["documents[0].categories[1].amount", "whole number"])
            )
        }
    }

    @Test func invalidUTF8InsideAString() throws {
        try check("workstreams.json") { bytes in
            let titleAt = try #require(offsets(of: "\"title\" : \"Generated ", in: bytes).dropFirst().first)
            let badAt = titleAt + "\"title\" : \"Generated ".utf8.count
            let broken = replacing(bytes, at: badAt, length: 0, with: [0xFF, 0xFE])
            let (line, column) = lineColumn(of: badAt, in: broken)
            return (broken, ExpectedProblem(file: "workstreams.json", lines: [line], columns: [column], reason: ["UTF-8"]))
        }
    }

    @Test func truncatedUTF8SequenceInsideAString() throws {
        try check("members.json") { bytes in
            let at = try #require(offsets(of: "\"name\" : \"Member ", in: bytes).first)
            let badAt = at + "\"name\" : \"Member ".utf8.count
            let broken = replacing(bytes, at: badAt, length: 0, with: [0xE2, 0x82])  // the first two bytes of "€" only
            let (line, column) = lineColumn(of: badAt, in: broken)
            return (broken, ExpectedProblem(file: "members.json", lines: [line], columns: [column], reason: ["UTF-8"]))
        }
    }

    @Test func hugeNumberForAnAmount() throws {
        try check("funding.json") { bytes in
            let (broken, at) = try replacingFirst("\"amount\" : 1500000", with: "\"amount\" : 99999999999999999999999", in: bytes)
            let (line, column) = lineColumn(of: at + "\"amount\" : ".utf8.count, in: broken)
            return (
                broken,
                ExpectedProblem(
                    file: "funding.json", lines: [line], columns: [column],
                    reason: ["documents[0].categories[0].amount"])
            )
        }
    }

    /// Every figure is a whole number of pounds: a fraction is placed like any other wrong type.
    @Test func fractionForAnAmount() throws {
        try check("funding.json") { bytes in
            let (broken, at) = try replacingFirst("\"amount\" : 200000", with: "\"amount\" : 200000.5", in: bytes)
            let (line, column) = lineColumn(of: at + "\"amount\" : ".utf8.count, in: broken)
            return (
                broken,
                ExpectedProblem(
                    file: "funding.json", lines: [line], columns: [column],
                    reason: ["documents[0].categories[1].amount"])
            )
        }
    }

    @Test func newerFormatInASnapshot() throws {
        try check("workstreams.json") { bytes in
            let (broken, at) = try replacingFirst("\"format\" : \(Store.format)", with: "\"format\" : \(Store.format + 1)", in: bytes)
            let formatLine = lineColumn(of: at, in: broken).line
            return (broken, ExpectedProblem(file: "workstreams.json", lines: [1, formatLine], reason: ["newer"]))
        }
    }

    @Test func newerFormatInTheManifest() throws {
        try check(Store.manifestName) { bytes in
            let (broken, at) = try replacingFirst("\"format\" : \(Store.format)", with: "\"format\" : \(Store.format + 1)", in: bytes)
            let formatLine = lineColumn(of: at, in: broken).line
            return (broken, ExpectedProblem(file: Store.manifestName, lines: [1, formatLine], reason: ["newer"]))
        }
    }

    /// A newer file is refused as newer even when its shape no longer decodes.
    @Test func newerFormatWithAChangedShape() throws {
        try check("workstreams.json") { bytes in
            let (step, _) = try replacingFirst("\"format\" : \(Store.format)", with: "\"format\" : \(Store.format + 1)", in: bytes)
            let (broken, _) = try replacingFirst("\"collection\" : \"workstreams\"", with: "\"collection\" : {\"name\" : \"workstreams\"}", in: step)
            return (broken, ExpectedProblem(file: "workstreams.json", reason: ["newer"]))
        }
    }

    @Test func olderThanAnyFormat() throws {
        try check("risks.json") { bytes in
            let (broken, _) = try replacingFirst("\"format\" : \(Store.format)", with: "\"format\" : 0", in: bytes)
            return (broken, ExpectedProblem(file: "risks.json", reason: ["format 0"]))
        }
    }

    @Test func unknownRAGValue() throws {
        try check("workstreams.json") { bytes in
            let inYearAt = try #require(offsets(of: "\"inYear\" : \"", in: bytes).dropFirst().first)
            let valueAt = inYearAt + "\"inYear\" : ".utf8.count
            let end = try #require(bytes[(valueAt + 1)...].firstIndex(of: UInt8(ascii: "\"")))
            let broken = replacing(bytes, at: valueAt, length: end + 1 - valueAt, with: Array("\"purple\"".utf8))
            let (line, column) = lineColumn(of: valueAt, in: broken)
            return (
                broken,
                ExpectedProblem(
                    file: "workstreams.json", lines: [line], columns: [column],
                    reason: ["documents[1].inYear", "purple"])
            )
        }
    }

    @Test func missingRequiredField() throws {
        try check("workstreams.json") { bytes in
            // Remove the whole `"lead" : "m1",` line of documents[0].
            let leadAt = try #require(offsets(of: "      \"lead\" : ", in: bytes).first)
            let lineEnd = try #require(bytes[leadAt...].firstIndex(of: 0x0A))
            let broken = replacing(bytes, at: leadAt, length: lineEnd + 1 - leadAt, with: [])
            // documents[0] starts at the first `    {` line.
            let docAt = try #require(offsets(of: "\n    {\n", in: broken).first) + 5
            let (line, column) = lineColumn(of: docAt, in: broken)
            #expect(line == 4 && column == 5)
            return (
                broken,
                ExpectedProblem(
                    file: "workstreams.json", lines: [line], columns: [column],
                    reason: ["documents[0]", "'lead'"])
            )
        }
    }

    @Test func nullForARequiredField() throws {
        try check("members.json") { bytes in
            let (broken, at) = try replacingFirst("\"name\" : \"Member 2\"", with: "\"name\" : null", in: bytes)
            let (line, column) = lineColumn(of: at + "\"name\" : ".utf8.count, in: broken)
            return (broken, ExpectedProblem(file: "members.json", lines: [line], columns: [column], reason: ["documents[1].name", "null"]))
        }
    }

    @Test func duplicateID() throws {
        try check("workstreams.json") { bytes in
            let (broken, _) = try replacingFirst("\"id\" : \"WS-3\"", with: "\"id\" : \"WS-1\"", in: bytes)
            // documents[3] starts at the fourth `    {` line.
            let docs = offsets(of: "\n    {\n", in: broken)
            #expect(docs.count == 6)
            let docAt = try #require(docs.dropFirst(3).first) + 5
            let (line, column) = lineColumn(of: docAt, in: broken)
            return (broken, ExpectedProblem(file: "workstreams.json", lines: [line], columns: [column], reason: ["duplicate id 'WS-1'"]))
        }
    }

    @Test func revisionBelowOne() throws {
        try check("risks.json") { bytes in
            let (broken, at) = try replacingFirst("\"rev\" : 1", with: "\"rev\" : 0", in: bytes, occurrence: 1)
            let (line, column) = lineColumn(of: at + "\"rev\" : ".utf8.count, in: broken)
            return (broken, ExpectedProblem(file: "risks.json", lines: [line], columns: [column], reason: ["rev"]))
        }
    }

    @Test func wrongCollectionInAFile() throws {
        try check("risks.json") { bytes in
            let (broken, _) = try replacingFirst("\"collection\" : \"risks\"", with: "\"collection\" : \"members\"", in: bytes)
            return (broken, ExpectedProblem(file: "risks.json", reason: ["'members'", "'risks'"]))
        }
    }

    @Test func programmeWithNoDocument() throws {
        try check("programme.json") { _ in
            let text = "{\n  \"collection\" : \"programme\",\n  \"documents\" : [\n\n  ],\n  \"format\" : 1,\n  \"journalSeq\" : 0\n}\n"
            return (Array(text.utf8), ExpectedProblem(file: "programme.json", reason: ["exactly one"]))
        }
    }

    @Test func emptyFile() throws {
        try check("workstreams.json") { _ in
            ([], ExpectedProblem(file: "workstreams.json", lines: [1], columns: [1], reason: ["empty"]))
        }
    }

    @Test func trailingGarbageAfterTheValue() throws {
        try check("members.json") { bytes in
            let broken = bytes + Array("}\n".utf8)
            let (line, column) = lineColumn(of: bytes.count, in: broken)
            return (broken, ExpectedProblem(file: "members.json", lines: [line], columns: [column], reason: ["after the end"]))
        }
    }

    @Test func missingSnapshotFile() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            try FileManager.default.removeItem(atPath: path + "/risks.json")
            expectProblem(ExpectedProblem(file: "risks.json", reason: ["missing"]), in: path)
            #expect(!FileManager.default.fileExists(atPath: path + "/risks.json"))
        }
    }

    @Test func everyBrokenFileIsReported() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            try writeBytes([], to: path + "/members.json")
            try writeBytes(Array("[".utf8), to: path + "/risks.json")
            let ps = Store.validate(path)
            #expect(Set(ps.map(\.file)) == ["members.json", "risks.json"])
            guard let opened = openProblems(path, readOnly: true) else { return }
            #expect(Set(opened.map(\.file)) == ["members.json", "risks.json"], "open collects every problem, not just the first")
        }
    }

    // MARK: The journal

    /// Five uncheckpointed entries, then `line` put in as line 3 of the journal.
    private func journalWithBadThirdLine(
        _ dir: String, checkpointed: Bool, _ makeLine: ([UInt8]) throws -> [UInt8]
    ) throws -> (path: String, lines: [[UInt8]]) {
        let path = try makeStore(in: dir)
        let s = try Store(path: path)
        if !checkpointed {
            s.eagerCheckpointBytes = 0
            s.checkpointEvery = 1_000_000
        }
        for id in ["WS-0", "WS-1", "WS-2", "WS-3", "WS-4"] { try commitChange(s, id) }
        let journalPath = path + "/" + Store.journalName
        var lines = try readBytes(journalPath).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        #expect(lines.count == 6 && lines[5].isEmpty)
        lines[2] = try makeLine(lines[2])
        try writeBytes(Array(lines.joined(separator: [0x0A])), to: journalPath)
        return (path, lines)
    }

    @Test func garbageLineInTheMiddleOfTheJournal() throws {
        try withTempDir { dir in
            let (path, _) = try journalWithBadThirdLine(dir, checkpointed: false) { _ in Array("this is not json".utf8) }
            expectProblem(ExpectedProblem(file: Store.journalName, lines: [3], columns: [1], reason: []), in: path)
        }
    }

    @Test func wrongTypeInAJournalLine() throws {
        try withTempDir { dir in
            let (path, lines) = try journalWithBadThirdLine(dir, checkpointed: false) { line in
                try replacingFirst("\"seq\":3", with: "\"seq\":\"3\"", in: line).bytes
            }
            let column = try #require(offsets(of: "\"seq\":\"3\"", in: lines[2]).first) + "\"seq\":".utf8.count + 1
            expectProblem(ExpectedProblem(file: Store.journalName, lines: [3], columns: [column], reason: ["seq", "whole number"]), in: path)
        }
    }

    /// Entries already in the snapshots are not read on open (start-up cost must not grow with the
    /// history), but validate reads every line and places the bad one.
    @Test func garbageLineInTheCheckpointedJournalIsFoundByValidate() throws {
        try withTempDir { dir in
            let (path, _) = try journalWithBadThirdLine(dir, checkpointed: true) { _ in Array("{\"seq\": 3,".utf8) }
            expectProblem(ExpectedProblem(file: Store.journalName, lines: [3], reason: []), in: path, opens: false)
            let before = folderContents(path)
            let s = try Store(path: path, readOnly: true)
            #expect(s.lastSeq == 5)
            #expect(throws: StoreError.self, "reading the whole history finds the bad line") { try s.journal() }
            do { _ = try s.journal() } catch StoreError.problems(let ps) {
                #expect(ps.map(\.file) == [Store.journalName])
                #expect(ps.map(\.line) == [3])
            }
            #expect(folderContents(path) == before)
        }
    }

    @Test func sequenceGoingBackwards() throws {
        try withTempDir { dir in
            let (path, _) = try journalWithBadThirdLine(dir, checkpointed: false) { line in
                try replacingFirst("\"seq\":3", with: "\"seq\":9", in: line).bytes
            }
            let ps = Store.validate(path)
            #expect(ps.contains { $0.file == Store.journalName && $0.line == 4 && $0.reason.contains("sequence") }, "\(ps)")
            if let opened = openProblems(path, readOnly: true) {
                #expect(opened.contains { $0.file == Store.journalName && $0.reason.contains("sequence") }, "\(opened)")
            }
        }
    }

    // MARK: Not a store

    @Test func folderThatIsNotAStore() throws {
        try withTempDir { dir in
            let plain = dir + "/plain"
            try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: plain + "/notes.txt", contents: Data("hello\n".utf8))
            let before = folderContents(plain)
            #expect(throws: StoreError.notAStore(plain)) { try Store(path: plain) }
            #expect(throws: StoreError.notAStore(plain)) { try Store(path: plain, readOnly: true) }
            let ps = Store.validate(plain)
            #expect(ps.count == 1)
            #expect(ps.first?.reason.contains("not a vrboard store") == true)
            #expect(folderContents(plain) == before, "nothing is created in a folder that is not a store")

            let missing = dir + "/does-not-exist"
            #expect(throws: StoreError.notAStore(missing)) { try Store(path: missing) }
            #expect(!FileManager.default.fileExists(atPath: missing))
            #expect(Store.validate(missing).count == 1)
        }
    }
}
