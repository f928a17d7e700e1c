#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

/// A sealed part of the journal: `journal/000001.jsonl`, the changes `firstSeq`…`lastSeq`, never written
/// again once sealed, with its index beside it (`journal/000001.index`).
struct Segment: Codable, Equatable, Sendable {
    var file: String
    var firstSeq: Int
    var lastSeq: Int
    var index: String { String(file.dropLast(".jsonl".count)) + ".index" }
}

/// One journal entry's own fields, read without decoding its document: what history shows.
public struct EntryMeta: Sendable, Equatable, Codable {
    public var seq: Int
    public var at: String
    public var by: String
    public var note: String
    public var collection: String
    public var id: String
    public var baseRev: Int
    public var rev: Int
    /// Who made the change as the system knows them: the operating-system login on the folder store, the
    /// database role (`session_user`) on PostgreSQL. Nil on entries written before it was recorded.
    public var login: String?

    public init(seq: Int, at: String, by: String, note: String, collection: String, id: String, baseRev: Int, rev: Int, login: String? = nil) {
        self.seq = seq
        self.at = at
        self.by = by
        self.note = note
        self.collection = collection
        self.id = id
        self.baseRev = baseRev
        self.rev = rev
        self.login = login
    }

    /// The top-level fields of one journal line, found by skipping over every other value (the document
    /// or patch) byte by byte: no decoding of what history does not show. Nil for a line that is not a
    /// journal entry.
    static func scan(_ line: ArraySlice<UInt8>) -> EntryMeta? {
        let fields = TopLevel.fields(line, wanted: ["seq", "at", "by", "note", "collection", "id", "baseRev", "rev", "login"])
        guard let seq = fields.int("seq"), let at = fields.string("at"), let by = fields.string("by"),
            let collection = fields.string("collection"), let id = fields.string("id"), let baseRev = fields.int("baseRev"),
            let rev = fields.int("rev")
        else { return nil }
        return EntryMeta(
            seq: seq, at: at, by: by, note: fields.string("note") ?? "", collection: collection, id: id, baseRev: baseRev, rev: rev,
            login: fields.string("login"))
    }
}

/// The top-level members of a JSON object, their values' raw bytes, found without parsing nested values.
struct TopLevel {
    var raw: [String: ArraySlice<UInt8>] = [:]

    static func fields(_ b: ArraySlice<UInt8>, wanted: Set<String>) -> TopLevel {
        var skim = Skim(b)
        return skim.object(wanted: wanted.map { Array($0.utf8) }) ?? TopLevel()
    }

    /// Visits the elements of a JSON array of objects, each with its wanted members, in one pass over the
    /// bytes (nested values skipped, not parsed). False when `b` is not such an array.
    static func elements(_ b: ArraySlice<UInt8>, wanted: Set<String>, _ visit: (ArraySlice<UInt8>, TopLevel) throws -> Void) rethrows -> Bool {
        var skim = Skim(b)
        let names = wanted.map { Array($0.utf8) }
        skim.skipSpace()
        guard skim.at(0x5B) else { return false }
        skim.i += 1
        skim.skipSpace()
        if skim.at(0x5D) { return true }
        while true {
            skim.skipSpace()
            let start = skim.i
            guard let fields = skim.object(wanted: names, whole: true) else { return false }
            try visit(b[start..<skim.i], fields)
            skim.skipSpace()
            if skim.at(0x5D) { return true }
            guard skim.at(0x2C) else { return false }
            skim.i += 1
        }
    }
}

/// A cursor over JSON bytes that moves past values without parsing them (strings' escapes are skipped, not
/// checked: what it finds is decoded properly afterwards).
struct Skim {
    let b: ArraySlice<UInt8>
    var i: Int
    init(_ b: ArraySlice<UInt8>) {
        self.b = b
        i = b.startIndex
    }

    func at(_ c: UInt8) -> Bool { i < b.endIndex && b[i] == c }

    mutating func skipSpace() { while i < b.endIndex && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D) { i += 1 } }

    /// Moves past a string starting at `i` (a quote); false when it does not end.
    mutating func skipString() -> Bool {
        i += 1
        while i < b.endIndex {
            if b[i] == 0x5C {
                i += 2
            } else if b[i] == 0x22 {
                i += 1
                return true
            } else {
                i += 1
            }
        }
        return false
    }

    /// Moves past one value of any kind.
    mutating func skipValue() -> Bool {
        guard i < b.endIndex else { return false }
        switch b[i] {
        case 0x22: return skipString()
        case 0x7B, 0x5B:
            // The hot loop of skimming a large file, over the raw bytes.
            let from = i - b.startIndex
            let end = b.withUnsafeBufferPointer { p -> Int? in
                var j = from, depth = 0
                while j < p.count {
                    let c = p[j]
                    if c == 0x22 {
                        j += 1
                        while j < p.count && p[j] != 0x22 { j += p[j] == 0x5C ? 2 : 1 }
                        guard j < p.count else { return nil }
                    } else if c == 0x7B || c == 0x5B {
                        depth += 1
                    } else if c == 0x7D || c == 0x5D {
                        depth -= 1
                        if depth == 0 { return j + 1 }
                    }
                    j += 1
                }
                return nil
            }
            guard let end else { return false }
            i = b.startIndex + end
            return true
        default:
            while i < b.endIndex && b[i] != 0x2C && b[i] != 0x7D && b[i] != 0x5D && b[i] != 0x20 && b[i] != 0x0A { i += 1 }
            return true
        }
    }

    /// The wanted members of the object at `i`. Stops at the first thing that is not a member unless `whole`,
    /// which needs the object to close (and leaves `i` after it); nil when it is not an object, or (`whole`)
    /// does not close.
    mutating func object(wanted: [[UInt8]], whole: Bool = false) -> TopLevel? {
        var out = TopLevel()
        skipSpace()
        guard at(0x7B) else { return nil }
        i += 1
        skipSpace()
        if at(0x7D) {
            i += 1
            return out
        }
        while true {
            skipSpace()
            guard at(0x22) else { return whole ? nil : out }
            let keyStart = i + 1
            guard skipString() else { return whole ? nil : out }
            let key = b[keyStart..<(i - 1)]
            skipSpace()
            guard at(0x3A) else { return whole ? nil : out }
            i += 1
            skipSpace()
            let valueStart = i
            guard skipValue() else { return whole ? nil : out }
            if let name = wanted.first(where: { $0.count == key.count && $0.elementsEqual(key) }) {
                out.raw[String(decoding: name, as: UTF8.self)] = b[valueStart..<i]
            }
            skipSpace()
            if at(0x7D) {
                i += 1
                return out
            }
            guard at(0x2C) else { return whole ? nil : out }
            i += 1
        }
    }
}

extension TopLevel {
    func int(_ key: String) -> Int? { raw[key].flatMap { Int(String(decoding: $0, as: UTF8.self)) } }

    func string(_ key: String) -> String? {
        guard let r = raw[key], r.first == 0x22 else { return nil }
        // Plain text needs no decoder; an escape goes through the JSON decoder.
        if !r.contains(0x5C) { return String(decoding: r.dropFirst().dropLast(), as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(r))
    }
}

/// Reads a file's complete lines from its end backwards, in chunks: the newest first, without reading
/// what comes before the lines asked for. A torn last line (no newline yet) is skipped.
struct BackwardLines {
    let fd: Int32
    let path: String
    /// Where the lines read end: the end of the last complete line.
    let validEnd: Int
    let size: Int
    private var buf: [UInt8] = []
    private var bufStart: Int
    private var lineEnd: Int
    static let chunk = 64 << 10

    init(fd: Int32, path: String) throws {
        self.fd = fd
        self.path = path
        size = try FileIO.size(fd, path)
        var end = 0
        var probe = size
        while probe > 0 {
            let start = max(0, probe - BackwardLines.chunk)
            let bytes = try FileIO.pread(fd, count: probe - start, at: start, path)
            if let nl = bytes.lastIndex(of: 0x0A) {
                end = start + nl + 1
                break
            }
            probe = start
        }
        validEnd = end
        bufStart = end
        lineEnd = end
    }

    /// The line before the last one returned (without its newline) and where it starts; nil at the start.
    mutating func next() throws -> (line: ArraySlice<UInt8>, offset: Int)? {
        while lineEnd > 0 {
            if buf.isEmpty {
                let start = max(0, lineEnd - BackwardLines.chunk)
                buf = try FileIO.pread(fd, count: lineEnd - start, at: start, path)
                bufStart = start
            }
            // buf holds [bufStart, lineEnd), ending with the newline of the current line.
            let last = buf.count - 1
            var k = last - 1
            while k >= 0 && buf[k] != 0x0A { k -= 1 }
            if k < 0 && bufStart > 0 {
                let start = max(0, bufStart - BackwardLines.chunk)
                buf = try FileIO.pread(fd, count: bufStart - start, at: start, path) + buf
                bufStart = start
                continue
            }
            let lineStart = bufStart + k + 1
            let line = buf[(k + 1)..<last]
            let out = (Array(line)[...], lineStart)
            buf.removeSubrange((k + 1)...)
            lineEnd = lineStart
            if !line.isEmpty { return out }
        }
        return nil
    }
}

/// What `history` asks for: newest first, at most `limit`, optionally one document's, one person's, since
/// a day, or older than a change already shown (the next page).
public struct HistoryQuery: Sendable, Equatable {
    public var id: String?
    public var by: String?
    public var since: Day?
    public var limit: Int
    /// Only changes older than this one (its sequence number): the page after one already shown.
    public var before: Int?

    public init(id: String? = nil, by: String? = nil, since: Day? = nil, limit: Int = 200, before: Int? = nil) {
        self.id = id
        self.by = by
        self.since = since
        self.limit = limit
        self.before = before
    }

    func matches(_ m: EntryMeta) -> Bool {
        (id == nil || m.id == id) && (by == nil || m.by == by) && (before.map { m.seq < $0 } ?? true)
    }
}

/// A page of history: the changes, newest first, and whether older ones match too.
public struct HistoryPage: Sendable, Equatable {
    public var entries: [EntryMeta]
    public var more: Bool
    public init(entries: [EntryMeta], more: Bool) {
        self.entries = entries
        self.more = more
    }
}

extension Store {
    /// The journal's files, oldest first: its sealed segments, then the active journal.
    static func journalFiles(_ manifest: Manifest) -> [String] { (manifest.segments ?? []).map(\.file) + [journalName] }

    /// A page of the store's history, newest first, reading only as much of the journal as the page needs:
    /// the active journal from its end backwards, then each sealed segment (one document's changes by the
    /// segment's index). Takes no lock and reads no snapshot; memory grows with the page, not the journal.
    public static func history(_ path: String, _ q: HistoryQuery) throws -> HistoryPage {
        if FileIO.exists(path) && !FileIO.isDirectory(path) {
            throw StoreError.invalid("\(path) is a file, not a store folder; give the folder that holds \(manifestName)")
        }
        guard FileIO.exists(path + "/" + manifestName) else { throw StoreError.notAStore(path) }
        let manifest = try decodeVersioned(Manifest.self, try readBytes(manifestName, in: path), file: manifestName) { $0.format }
        var out: [EntryMeta] = []
        let want = q.limit + 1
        let since = q.since.map { $0.description }
        // A line is decoded only when its bytes could match: the id or the person, as JSON writes them.
        let needles = [q.id.map { "\"id\":" + jsonString($0) }, q.by.map { "\"by\":" + jsonString($0) }].compactMap { $0 }.map { Array($0.utf8) }
        /// Takes a line into the page; false once the page is full or the changes are older than `since`.
        // An active journal still holding sealed changes (a sealing that stopped short) repeats them: skipped.
        let sealed = manifest.segments?.last?.lastSeq ?? 0
        func consider(_ line: ArraySlice<UInt8>, file: String, offset: Int) throws -> Bool {
            guard needles.allSatisfy({ contains(line, $0) }) else { return true }
            guard let m = EntryMeta.scan(line) else {
                // Placed, never skipped in silence.
                let lineNo = try io(path) { try FileIO.readFile(path + "/" + file) }.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
                throw StoreError.problems([
                    Problem(file: file, line: lineNo, column: 1, reason: "not a journal entry; run `vrboard validate`, then `vrboard repair`")
                ])
            }
            if file == journalName && m.seq <= sealed { return true }
            if let since, m.at < since { return false }
            if q.matches(m) { out.append(m) }
            return out.count < want
        }
        let segments = manifest.segments ?? []
        var files: [(name: String, segment: Segment?)] = [(journalName, nil)] + segments.reversed().map { ($0.file, $0) }
        if let before = q.before { files.removeAll { $0.segment.map { $0.firstSeq >= before } ?? false } }
        for (name, segment) in files {
            let full = path + "/" + name
            guard FileIO.exists(full) else { continue }
            let fd = try io(path) { try FileIO.open(full, O_RDONLY) }
            defer { FileIO.close(fd) }
            if let segment, let id = q.id {
                // One document's changes in a sealed segment: straight to its lines by the index.
                for (offset, length) in try indexLookup(path + "/" + segment.index, id: id).reversed() {
                    let line = try io(path) { try FileIO.pread(fd, count: length, at: offset, full) }
                    if try !consider(line[...], file: name, offset: offset) {
                        return HistoryPage(entries: out.prefix(q.limit).map { $0 }, more: out.count > q.limit)
                    }
                }
                continue
            }
            var lines = try io(path) { try BackwardLines(fd: fd, path: full) }
            while let (line, offset) = try io(path, { try lines.next() }) {
                if try !consider(line, file: name, offset: offset) {
                    return HistoryPage(entries: Array(out.prefix(q.limit)), more: out.count > q.limit)
                }
            }
        }
        return HistoryPage(entries: Array(out.prefix(q.limit)), more: out.count > q.limit)
    }

    static func jsonString(_ s: String) -> String {
        String(decoding: (try? JSONEncoder().encode(s)) ?? Data("\"\"".utf8), as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    // MARK: Segment indexes

    /// A sealed segment's index: one line per document, `"id"<TAB>offset,length;offset,length…`, sorted
    /// by id, so one document's changes are found without reading the segment.
    static func indexBytes(ofSegment bytes: [UInt8]) -> [UInt8] {
        var byID: [String: [(Int, Int)]] = [:]
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            if nl > start, let m = EntryMeta.scan(bytes[start..<nl]) { byID[m.id, default: []].append((start, nl - start)) }
            start = nl + 1
        }
        var out = ""
        for id in byID.keys.sorted() {
            out += jsonString(id) + "\t" + byID[id]!.map { "\($0.0),\($0.1)" }.joined(separator: ";") + "\n"
        }
        return Array(out.utf8)
    }

    /// Where one document's lines are in a sealed segment, oldest first, from its index.
    static func indexLookup(_ indexPath: String, id: String) throws -> [(Int, Int)] {
        guard FileIO.exists(indexPath) else { throw StoreError.invalid("\(indexPath) is missing: run `vrboard repair`") }
        let bytes = try io(indexPath) { try FileIO.readFile(indexPath) }
        let key = Array((jsonString(id) + "\t").utf8)
        var at = bytes.startIndex
        while let found = find(key, in: bytes[at...]) {
            let r = found..<(found + key.count)
            // The key starts a line.
            if r.lowerBound == 0 || bytes[r.lowerBound - 1] == 0x0A {
                let end = bytes[r.upperBound...].firstIndex(of: 0x0A) ?? bytes.endIndex
                return String(decoding: bytes[r.upperBound..<end], as: UTF8.self).split(separator: ";").compactMap { pair in
                    let p = pair.split(separator: ",")
                    guard p.count == 2, let o = Int(p[0]), let l = Int(p[1]), o >= 0, l >= 0 else { return nil }
                    return (o, l)
                }
            }
            at = r.upperBound
        }
        return []
    }

    /// Where `needle` first occurs in `hay` (an index of `hay`): memchr for its first byte, memcmp for the rest.
    static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first else { return hay.startIndex }
        return hay.withUnsafeBytes { h in
            needle.withUnsafeBytes { n -> Int? in
                guard let hb = h.baseAddress, let nb = n.baseAddress, h.count >= n.count else { return nil }
                var at = 0
                let last = h.count - n.count
                while at <= last {
                    guard let p = memchr(hb + at, Int32(first), last - at + 1) else { return nil }
                    let i = UnsafeRawPointer(p) - hb
                    if memcmp(hb + i, nb, n.count) == 0 { return hay.startIndex + i }
                    at = i + 1
                }
                return nil
            }
        }
    }

    static func contains(_ hay: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool { find(needle, in: hay) != nil }
}

extension Store {
    /// One change's document as it saved it, and as it was before (the document's previous change in
    /// the journal, or nil when this change made it or the journal no longer holds the one before).
    /// Reads the file that holds the change (a sealed segment by its index), and earlier segments only
    /// when the change is the document's first in its file. Takes no lock.
    public static func versions(_ path: String, collection: String, id: String, seq: Int) throws -> (before: AnyDocument?, after: AnyDocument?) {
        try JournalVersions(path, wholeFiles: false).versions(collection: collection, id: id, seq: seq)
    }

    /// The versions of many changes at once (rebuilding a held meeting's board): each journal file is read
    /// and decoded at most once, whatever the number of changes.
    public static func versions(
        _ path: String, of changes: [(collection: String, id: String, seq: Int)]
    ) throws -> [(
        before: AnyDocument?, after: AnyDocument?
    )] {
        let reader = try JournalVersions(path, wholeFiles: true)
        return try changes.map { try reader.versions(collection: $0.collection, id: $0.id, seq: $0.seq) }
    }
}

/// Reads documents' versions out of a store's journal: one document's lines of a file (a sealed segment
/// by its index), or, for many changes at once, every file whole, read and resolved once and kept.
final class JournalVersions {
    let path: String
    let manifest: Manifest
    let segments: [Segment]
    let sealed: Int
    let wholeFiles: Bool
    /// Whole files read so far: each document's entries, oldest first, resolved.
    private var files: [String: [String: [JournalEntry]]] = [:]
    private var snapshots: Store.Snapshots?

    init(_ path: String, wholeFiles: Bool) throws {
        guard FileIO.exists(path + "/" + Store.manifestName) else { throw StoreError.notAStore(path) }
        self.path = path
        manifest = try Store.decodeVersioned(Manifest.self, try Store.readBytes(Store.manifestName, in: path), file: Store.manifestName) { $0.format }
        segments = manifest.segments ?? []
        sealed = segments.last?.lastSeq ?? 0
        self.wholeFiles = wholeFiles
    }

    /// A document's entries in one file, oldest first, each resolved whole (a file reads on its own).
    func entries(_ file: String, segment: Segment?, collection: String, id: String) throws -> [JournalEntry] {
        let full = path + "/" + file
        guard FileIO.exists(full) else { return [] }
        if wholeFiles {
            if files[file] == nil { files[file] = try whole(full, segment: segment) }
            return files[file]?[collection + "/" + id] ?? []
        }
        let fd = try Store.io(path) { try FileIO.open(full, O_RDONLY) }
        defer { FileIO.close(fd) }
        var lines: [ArraySlice<UInt8>] = []
        if let segment {
            for (offset, length) in try Store.indexLookup(path + "/" + segment.index, id: id) {
                lines.append(try Store.io(path) { try FileIO.pread(fd, count: length, at: offset, full) }[...])
            }
        } else {
            let bytes = try Store.io(path) { try FileIO.readFile(full) }
            let needle = Array(("\"id\":" + Store.jsonString(id)).utf8)
            var start = 0
            while let nl = bytes[start...].firstIndex(of: 0x0A) {
                if nl > start && Store.contains(bytes[start..<nl], needle) { lines.append(bytes[start..<nl]) }
                start = nl + 1
            }
        }
        var out: [JournalEntry] = []
        let decoder = JSONDecoder()
        for line in lines {
            let e = try decoder.decode(JournalEntry.self, from: Data(line))
            guard e.id == id, e.collection.rawValue == collection, segment != nil || e.seq > sealed else { continue }
            out.append(try e.resolved(base: out.last?.doc))
        }
        return out
    }

    /// Every document's entries in a file, resolved.
    private func whole(_ full: String, segment: Segment?) throws -> [String: [JournalEntry]] {
        let bytes = try Store.io(path) { try FileIO.readFile(full) }
        let decoder = JSONDecoder()
        var out: [String: [JournalEntry]] = [:]
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            defer { start = nl + 1 }
            guard nl > start else { continue }
            let e = try decoder.decode(JournalEntry.self, from: Data(bytes[start..<nl]))
            guard segment != nil || e.seq > sealed else { continue }
            let key = e.collection.rawValue + "/" + e.id
            out[key, default: []].append(try e.resolved(base: out[key]?.last?.doc))
        }
        return out
    }

    func versions(collection: String, id: String, seq: Int) throws -> (before: AnyDocument?, after: AnyDocument?) {
        let holder = segments.firstIndex { $0.firstSeq <= seq && seq <= $0.lastSeq }
        let here = try entries(
            holder.map { segments[$0].file } ?? Store.journalName, segment: holder.map { segments[$0] }, collection: collection, id: id)
        guard let at = here.firstIndex(where: { $0.seq == seq }) else { return (nil, nil) }
        if at > 0 { return (here[at - 1].doc, here[at].doc) }
        // The document's first entry in its file carries what it replaced.
        if let before = here[at].before { return (before, here[at].doc) }
        // The first change to the document in its file: the one before is in an earlier segment, if any.
        for segment in segments[..<(holder ?? segments.count)].reversed() {
            if let previous = try entries(segment.file, segment: segment, collection: collection, id: id).last(where: { $0.seq < seq }) {
                return (previous.doc, here[at].doc)
            }
        }
        // Else it is the document as the snapshot holds it, if the snapshot was written before this change
        // (a shipped or checkpointed document edited for the first time since).
        let entry = here[at]
        guard entry.baseRev > 0, let name = CollectionName(rawValue: collection) else { return (nil, entry.doc) }
        if snapshots == nil { snapshots = try Store.readSnapshots(path).1 }
        let written = snapshots?.journalSeqs[name] ?? manifest.checkpointSeq ?? 0
        let snapshot = snapshots?.board.document(name, id)
        return (written < seq && snapshot?.rev == entry.baseRev ? snapshot : nil, entry.doc)
    }
}
