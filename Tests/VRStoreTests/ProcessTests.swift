#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing
import VRModel
import VRStore
import VRGenerate
@testable import vrboard_bench

/// Real `vrboard-hammer` processes against one store: contention, and SIGKILL at random points.
@Suite(.serialized) struct ProcessTests {
    /// A bound on how long a hammer may take before the test gives up on it (a hang, not a speed check).
    static let hangLimitNanoseconds: UInt64 = 180_000_000_000

    /// The default segment size, and one so small the journal is sealed every few saves.
    static let segmentSizes: [Int?] = [nil, 4096]

    @Test(arguments: segmentSizes) func twoWritersContend(segmentBytes: Int?) throws {
        let binary = try hammerBinary()
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(at: path, board: Generator.board(workstreams: 50, risks: 20), dataset: "generated")
            let users = ["alice-hammer", "bob-hammer"]
            let hammers = try users.map { try Hammer(binary: binary, store: path, count: 500, user: $0, segmentBytes: segmentBytes) }
            Hammer.finishAll(hammers)
            for (h, user) in zip(hammers, users) {
                #expect(h.exitedCleanly, "\(user): \(h.process.terminationReason) \(h.process.terminationStatus) \(h.errorText)")
                #expect(h.badLines.isEmpty, "\(h.badLines.prefix(3))")
                #expect(h.acks.count == 500)
                #expect(h.acks.allSatisfy { $0.user == user })
                #expect(h.acks.map(\.n) == Array(0..<500))
                #expect(zip(h.acks, h.acks.dropFirst()).allSatisfy { $0.seq < $1.seq }, "one writer's seqs only go up")
            }

            let store = try Store(path: path, readOnly: true)
            let journal = try store.journal()
            #expect(journal.count == 1000)
            #expect(journal.map(\.seq) == Array(1...1000))
            let bySeq = Dictionary(journal.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
            let acks = hammers.flatMap(\.acks)
            #expect(Set(acks.map(\.seq)).count == 1000, "every seq acknowledged once")
            for a in acks {
                guard let e = bySeq[a.seq] else {
                    Issue.record("acked \(a) is not in the journal")
                    continue
                }
                #expect(e.id == a.id && e.rev == a.rev && e.by == a.user, "\(a) vs journal \(e.seq) \(e.id) \(e.rev) \(e.by)")
            }
            // Every change is based on the one before it: per workstream, revisions 2, 3, 4, ... with no gaps.
            var revs: [String: [Int]] = [:]
            for e in journal { revs[e.id, default: []].append(e.rev) }
            for (id, rs) in revs {
                #expect(rs == Array(2..<(2 + rs.count)), "\(id): \(rs)")
                #expect(store.board.workstreams[id]?.rev == 1 + rs.count)
                #expect(store.board.workstreams[id]?.history.count == 1 + rs.count, "no rating change was lost")
            }
            #expect(store.lastSeq == 1000)
            #expect(Store.validate(path).isEmpty)
            if segmentBytes != nil {
                let segments = try FileManager.default.contentsOfDirectory(atPath: path + "/journal").filter { $0.hasSuffix(".jsonl") }
                #expect(segments.count > 10, "the journal was sealed into segments as it grew: \(segments.count)")
            }
        }
    }

    /// Four writers, each opening the store afresh for every save (as separate `vrboard rag` runs do), with
    /// notes long enough that the journal is sealed every few saves: a writer that opened the journal just
    /// before another sealed it must neither replace the new journal nor append to the old one. Five rounds
    /// on one store; every acknowledged save is in the journal once, the store is sound, and it still saves.
    @Test func writersReopeningAcrossSealsLoseNothing() throws {
        let binary = try hammerBinary()
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(at: path, board: Generator.board(workstreams: 20, risks: 2), dataset: "generated")
            var allAcks: [Ack] = []
            let writers = 4, saves = 30
            for round in 0..<5 {
                let users = (0..<writers).map { "seal-\(round)-\($0)" }
                let hammers = try users.enumerated().map { i, user in
                    try Hammer(
                        binary: binary, store: path, count: saves, user: user, workstream: "WS-\(round * writers + i)", segmentBytes: 64 << 10,
                        reopen: true, noteBytes: 9_500)
                }
                Hammer.finishAll(hammers, "round \(round): hammer processes did not finish")
                for (h, user) in zip(hammers, users) {
                    #expect(h.exitedCleanly, "round \(round) \(user): \(h.process.terminationStatus) \(h.errorText)")
                    #expect(h.badLines.isEmpty, "\(h.badLines.prefix(3))")
                    #expect(h.acks.count == saves, "round \(round) \(user): \(h.acks.count) saves acknowledged")
                }
                allAcks += hammers.flatMap(\.acks)
                let problems = Store.validate(path)
                #expect(problems.isEmpty, "round \(round): \(problems.prefix(3))")
                if !problems.isEmpty { break }
            }
            let store = try Store(path: path)
            let journal = try store.journal()
            #expect(Set(allAcks.map(\.seq)).count == allAcks.count, "no two saves were told the same change number")
            expectAcknowledged(allAcks, in: journal)
            #expect(journal.count == allAcks.count, "the journal holds exactly the acknowledged saves")
            let segments = try FileManager.default.contentsOfDirectory(atPath: path + "/journal").filter { $0.hasSuffix(".jsonl") }
            #expect(segments.count >= 20, "the journal was sealed many times: \(segments.count) segments")
            // Saves are still accepted afterwards.
            var ws = try #require(store.board.workstreams["WS-0"])
            let base = ws.rev
            try ws.rate(.inYear, to: ws.inYear == .green ? .red : .green, by: "after", at: Timestamp.now(), comment: "after the rounds")
            let e = try store.commit(.workstream(ws), baseRev: base, by: "after", note: "after the rounds")
            #expect(e.seq == journal.count + 1)
            try store.close()
            #expect(Store.validate(path).isEmpty)
        }
    }

    @Test(arguments: segmentSizes) func writersKilledAtRandomPointsLoseNoAcknowledgedChange(segmentBytes: Int?) throws {
        let binary = try hammerBinary()
        try withTempDir { dir in
            let path = dir + "/store"
            try Store.create(at: path, board: Generator.board(workstreams: 40, risks: 3), dataset: "generated")
            var allAcks: [Ack] = []
            let rounds = segmentBytes == nil ? 200 : 120
            var killed = 0
            for round in 0..<rounds {
                let user = "kill-\(round)"
                let h = try Hammer(binary: binary, store: path, count: 1_000_000, user: user, segmentBytes: segmentBytes)
                let start = monotonicNanoseconds()
                // Every fourth round waits for its acks alone; the others race them against a short delay.
                let waitForAcks = round % 4 == 0
                let target = waitForAcks ? Int.random(in: 1...5) : Int.random(in: 0...5)
                let delay = waitForAcks ? Self.hangLimitNanoseconds : UInt64.random(in: 0...40_000_000)
                while h.acks.count < target && !h.outputClosed {
                    let elapsed = monotonicNanoseconds() - start
                    if elapsed >= delay { break }
                    h.pump(milliseconds: Int32(max(1, min(50, (delay - elapsed) / 1_000_000))))
                }
                h.kill()
                h.finish()
                if h.killedBySIGKILL {
                    killed += 1
                } else {
                    Issue.record(
                        "round \(round): hammer ended by itself: \(h.process.terminationReason) \(h.process.terminationStatus) \(h.errorText)")
                }
                #expect(h.badLines.isEmpty, "\(h.badLines.prefix(3))")
                if waitForAcks { #expect(h.acks.count >= target, "round \(round)") }
                allAcks += h.acks

                // The store opens (a writable open repairs any torn tail) and holds what was acknowledged.
                let s = try Store(path: path)
                for a in h.acks {
                    let rev = s.board.workstreams[a.id]?.rev ?? 0
                    #expect(rev >= a.rev, "round \(round): \(a) but \(a.id) is at revision \(rev)")
                }
                try s.close()
                let problems = Store.validate(path)
                #expect(problems.isEmpty, "round \(round): \(problems)")
                if !problems.isEmpty { break }
            }
            #expect(killed == rounds)
            #expect(allAcks.count >= rounds / 4, "the rounds that waited for acks got them")

            let store = try Store(path: path)
            let journal = try store.journal()
            expectAcknowledged(allAcks, in: journal)
            for a in allAcks { #expect((store.board.workstreams[a.id]?.rev ?? 0) >= a.rev) }
            #expect(store.lastSeq == journal.count)
            try store.close()
            #expect(Store.validate(path).isEmpty)
        }
    }
}
