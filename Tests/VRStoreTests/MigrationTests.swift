import Foundation
import Testing
import VRModel
@testable import VRStore

/// Format 1 stores (no meetings) are read as they are and upgraded by the next writable open,
/// with every original file kept in a backup folder.
@Suite struct MigrationTests {
    /// Rewrites a current store as format 1 looked: `"format" : 1` everywhere and no meetings.json.
    func downgrade(_ path: String) throws {
        let fm = FileManager.default
        try fm.removeItem(atPath: path + "/meetings.json")
        for name in try fm.contentsOfDirectory(atPath: path) where name.hasSuffix(".json") {
            let text = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
            let old = text.replacingOccurrences(of: "\"format\" : \(Store.format)", with: "\"format\" : 1")
            #expect(old != text, "\(name) has no format field to downgrade")
            try old.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
    }

    func files(_ path: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) where !name.hasPrefix(".") {
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDir)
            if !isDir.boolValue { out[name] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)) }
        }
        return out
    }

    func backups(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("backup-format-") }
    }

    @Test func readOnlyOpenReadsAnOldStoreAndWritesNothing() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            let current = try Store(path: path, readOnly: true).board
            try downgrade(path)
            let before = try files(path)
            let store = try Store(path: path, readOnly: true)
            #expect(store.board == current)
            #expect(store.warnings.contains { $0.contains("format 1") && $0.contains("upgraded") })
            #expect(try files(path) == before)
            #expect(try backups(path).isEmpty)
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test func writableOpenUpgradesKeepingABackupOfEveryFile() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            // An edit not yet checkpointed must survive the upgrade (it is replayed from the journal).
            let writer = try openWithoutCheckpoints(path)
            var ws = try #require(writer.board.workstreams.items.first)
            let base = ws.rev
            try ws.rate(.inYear, to: ws.inYear == .red ? .green : .red, by: "old-binary", at: "2021-11-01T09:00:00Z", comment: "before the upgrade")
            try writer.commit(.workstream(ws), baseRev: base, by: "old-binary", note: "before the upgrade")
            let expected = writer.board
            try downgrade(path)
            let original = try files(path)

            let store = try Store(path: path)
            #expect(store.board == expected)
            #expect(store.warnings.contains { $0.contains("upgraded this store from format 1 to \(Store.format)") })
            let backup = try #require(try backups(path).first)
            #expect(try backups(path).count == 1)
            #expect(try files(path + "/" + backup) == original)
            for (name, data) in try files(path) where name.hasSuffix(".json") {
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.contains("\"format\" : \(Store.format)"), "\(name) not upgraded")
            }
            #expect(FileManager.default.fileExists(atPath: path + "/meetings.json"))
            #expect(try files(path)[Store.journalName] == original[Store.journalName])
            #expect(Store.validate(path).isEmpty)
            try store.close()

            // Once upgraded, opening again changes nothing and makes no second backup.
            let after = try files(path)
            let again = try Store(path: path)
            #expect(again.board == expected)
            #expect(again.warnings.isEmpty)
            #expect(try backups(path).count == 1)
            #expect(try files(path) == after)
        }
    }

    @Test func anUpgradedStoreTakesMeetings() throws {
        try withTempDir { dir in
            let path = try makeStore(in: dir)
            try downgrade(path)
            let store = try Store(path: path)
            let m = Meeting.new(on: Day("2021-11-02")!, board: store.board, author: "clerk")
            try store.commit(.meeting(m), baseRev: 0, by: "clerk", note: "meeting opened")
            try store.close()
            let reopened = try Store(path: path, readOnly: true)
            #expect(reopened.board.meetings["2021-11-02"]?.snapshot == m.snapshot)
        }
    }
}
