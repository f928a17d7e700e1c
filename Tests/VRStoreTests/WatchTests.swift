import Foundation
import Testing
import VRModel
import VRRuntime
import VRStore
import VRTestSupport

/// The board's live refresh: another process's save wakes the store watcher (inotify), and a burst of
/// saves is taken in with one refresh.
@Suite("Live refresh from another process", .serialized)
struct WatchTests {
    static func store(_ folder: TempFolder) throws -> String {
        let path = folder.file("store")
        try Store.create(at: path, copying: Fixtures.dataDir + "/nnvru-2021-22", dataset: "nnvru-2021-22")
        return path
    }

    @Test("a save by another process wakes the watcher, and the refresh after it holds the change")
    func anotherProcessWakesTheBoard() throws {
        let folder = try TempFolder("watch")
        defer { folder.remove() }
        let path = try Self.store(folder)
        let board = try Store(path: path, readOnly: true)
        let watcher = StoreWatcher(path: path)
        try #require(watcher.fd >= 0, "inotify is there on Linux")
        #expect(watcher.pollEvery == 2000, "with inotify, polling is only a safety net")
        // Nothing happening: the wait runs out, woken by neither.
        let idle = watcher.wait(input: -1, timeoutMs: 30)
        #expect(!idle.input && !idle.store)
        var lastPoll = monotonicMs()
        #expect(try watcher.refresh(after: idle, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == nil, "no wake, no poll due: no look")

        let other = try Hammer(binary: try hammerBinary(), store: path, count: 1, user: "other-terminal", workstream: "WS-1.1")
        defer { other.finish() }
        let woke = watcher.wait(input: -1, timeoutMs: 10_000)
        #expect(woke.store, "the save woke the watcher")
        #expect(try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == true)
        #expect(board.board.workstreams["WS-1.1"]?.history.last?.by == "other-terminal")
        #expect(!board.hasUnseenChanges)
    }

    @Test("a burst of saves made while the board was busy is taken in with one wake and one refresh")
    func aBurstIsTakenInOnce() throws {
        let folder = try TempFolder("watch-burst")
        defer { folder.remove() }
        let path = try Self.store(folder)
        let board = try Store(path: path, readOnly: true)
        let watcher = StoreWatcher(path: path)
        try #require(watcher.fd >= 0)
        let burst = try Hammer(binary: try hammerBinary(), store: path, count: 30, user: "burst")
        burst.finish()
        #expect(burst.acks.count == 30, "\(burst.errorText)")
        #expect(board.hasUnseenChanges)
        let before = board.lastSeq
        var lastPoll = monotonicMs()
        let woke = watcher.wait(input: -1, timeoutMs: 1000)
        #expect(woke.store)
        #expect(try watcher.refresh(after: woke, board, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == true)
        #expect(board.lastSeq == before + 30, "one refresh took in all 30 saves")
        // Its events are spent: the next wait is quiet.
        let after = watcher.wait(input: -1, timeoutMs: 30)
        #expect(!after.store)
    }

    @Test("our own saves wake the watcher but are not waited on: the store has nothing unseen")
    func ownSavesAreNotWaitedOn() throws {
        let folder = try TempFolder("watch-own")
        defer { folder.remove() }
        let path = try Self.store(folder)
        let store = try Store(path: path)
        let watcher = StoreWatcher(path: path)
        try #require(watcher.fd >= 0)
        var w = try #require(store.board.workstreams["WS-1.2"])
        let base = w.rev
        try w.rate(.inYear, to: .green, by: "me", at: "2021-11-20T10:00:00Z", comment: "my own save")
        try store.commit(.workstream(w), baseRev: base, by: "me", note: "mine")
        let woke = watcher.wait(input: -1, timeoutMs: 1000)
        #expect(woke.store)
        #expect(!store.hasUnseenChanges)
        var lastPoll = monotonicMs()
        let started = monotonicMs()
        #expect(try watcher.refresh(after: woke, store, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) == false)
        #expect(monotonicMs() - started < 15, "no settling for a save already taken in")
    }
}
