import Foundation
import VRModel

/// One collection file of a folder store, read and checked on its own (so that the files can be read on
/// every core at once): what `Store.readSnapshots` takes in from it.
protocol CollectionRead: AnyObject, Sendable {
    var name: CollectionName { get }
    var outcome: CollectionOutcome { get }
    func run(dir: String, only: Set<String>?, wholeBelow: Int)
}

/// What reading one collection file gave, but its documents.
struct CollectionOutcome {
    var problems: [Problem] = []
    /// The file's size, once read.
    var size: Int?
    /// The file's bytes, when it was read whole (they are kept for the checks that follow).
    var bytes: [UInt8]?
    /// The journal sequence the file was written at, and its format, when it was read.
    var journalSeq: Int?
    var format: Int?
    /// Only some of its documents were read (`readSnapshots(only:)`).
    var picked = false
    var documents = 0
}

/// One collection's file read into its documents. Written by `run` alone, on one thread, and read once
/// every read has finished.
final class Read<D: StoreDocument>: CollectionRead, @unchecked Sendable {
    let name: CollectionName
    private(set) var docs: [D] = []
    private(set) var outcome = CollectionOutcome()

    init(_ name: CollectionName) { self.name = name }

    func run(dir: String, only: Set<String>?, wholeBelow: Int) {
        // Stores made before a collection existed (meetings, interventions, evaluations, outcomes) lack its
        // file: that is an empty collection.
        if name.optional && !FileIO.exists(dir + "/" + name.fileName) { return }
        do {
            docs = try read(dir: dir, only: only, wholeBelow: wholeBelow)
            outcome.documents = docs.count
        } catch let p as Problem {
            outcome.problems.append(p)
        } catch StoreError.problems(let ps) {
            outcome.problems += ps
        } catch {
            outcome.problems.append(Problem(file: name.fileName, line: 1, column: 1, reason: "\(error)"))
        }
    }

    private func read(dir: String, only: Set<String>?, wholeBelow: Int) throws -> [D] {
        var ids: Set<String>?
        if let only, name != .programme, name != .funding {
            ids = Set(only.compactMap { $0.hasPrefix(name.rawValue + "/") ? String($0.dropFirst(name.rawValue.count + 1)) : nil })
            if ids?.isEmpty == true { return [] }
        }
        let bytes = try Store.readBytes(name.fileName, in: dir)
        outcome.size = bytes.count
        if let ids, bytes.count >= wholeBelow {
            let found = try Store.pick(D.self, ids: ids, from: bytes, name)
            outcome.picked = true
            outcome.journalSeq = found.journalSeq
            outcome.format = found.format
            return found.docs
        }
        outcome.bytes = bytes
        let f = try Store.decodeVersioned(CollectionFile<D>.self, bytes, file: name.fileName) { $0.format }
        outcome.format = f.format
        if f.collection != name.rawValue {
            throw Problem(file: name.fileName, line: 1, column: 1, reason: "holds collection '\(f.collection)', expected '\(name.rawValue)'")
        }
        // Every number within its bounds before anything computes with it.
        var top = Inspector(texts: false)
        top.number("journalSeq", f.journalSeq ?? 0, 0...Limits.maxSequence, "a sequence number")
        var bad = Store.placed(top.issues, under: [], in: bytes, file: name.fileName)
        for (i, d) in f.documents.enumerated() {
            let issues = Inspector.issues(of: d, texts: false)
            if !issues.isEmpty { bad += Store.placed(issues, under: [.key("documents"), .index(i)], in: bytes, file: name.fileName) }
        }
        if !bad.isEmpty { throw StoreError.problems(bad) }
        outcome.journalSeq = f.journalSeq ?? 0
        var seen = Set<String>()
        for (i, d) in f.documents.enumerated() {
            if !seen.insert(d.id).inserted {
                let off = JSONScan.offset(of: [.key("documents"), .index(i)], in: bytes) ?? 0
                let (l, c) = JSONScan.lineColumn(of: off, in: bytes)
                throw Problem(file: name.fileName, line: l, column: c, reason: "duplicate id '\(d.id)'")
            }
            if d.rev < 1 {
                let off = JSONScan.offset(of: [.key("documents"), .index(i), .key("rev")], in: bytes) ?? 0
                let (l, c) = JSONScan.lineColumn(of: off, in: bytes)
                throw Problem(file: name.fileName, line: l, column: c, reason: "rev must be 1 or more")
            }
        }
        return f.documents
    }
}
