#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import NIOCore
import PostgresNIO
import VRModel
import VRStore
import VRStoreAPI

/// The board on PostgreSQL, with the folder store's rules in SQL: each document a JSONB row with its
/// revision; a save is one transaction that takes the VRU's advisory lock, checks `rev = base`, adds
/// the journal row (the commit point) and updates the document, and tells other processes by NOTIFY.
/// The server enforces who may change what (roles, row-level security) and records who did
/// (`session_user`). Several VRUs can share one database.
public final class PostgresStore: DurableStore, @unchecked Sendable {
    public let address: PostgresAddress
    public let readOnly: Bool
    public private(set) var board: Board { didSet { stamp() } }
    public private(set) var lastSeq: Int { didSet { stamp() } }
    public private(set) var warnings: [String] = []
    public var checkpointProblem: String? { nil }
    private var frozenBoards = FrozenBoards()

    /// Keeps the board's journal position and its held meetings' boards with it, whatever replaced it.
    private func stamp() {
        // The assignment runs the board's observer again, which then finds nothing to change.
        if let kept = board.keeping(position: lastSeq, frozen: frozenBoards) { board = kept }
    }

    public func attach(frozen: FrozenBoards) {
        frozenBoards = frozen
        stamp()
    }
    /// The VRU this store is.
    public let vru: String
    /// The database role this connection is, and the vrboard roles it holds.
    public private(set) var role: String = ""
    private(set) var roles: Set<Schema.Role> = []
    let link: Link
    public static let channel = "vrboard"

    public var location: String { address.display }
    public var login: String { role }

    /// Opens the VRU the address names (or the database's only one); creates or upgrades the schema
    /// first unless read-only.
    public init(address: PostgresAddress, readOnly: Bool = false) throws {
        self.address = address
        self.readOnly = readOnly
        link = Link(address)
        do {
            try Schema.ensure(link, readOnly: readOnly)
        } catch let e as PostgresStoreError where e.sqlState == "42501" {
            // Not even the schema's version may be read: this login holds no vrboard role.
            throw PostgresStoreError.notAllowed(
                "role '\(address.user)' holds no vrboard role in the database \(address.database), so may not see VRU '\(address.vru ?? "")': an administrator gives one with `vrboard grant viewer \(address.user) --store …`"
            )
        }
        vru = try PostgresStore.pick(link, address)
        (board, lastSeq) = try PostgresStore.load(link, vru: vru, place: address.with(vru: vru).display)
        try readRoles()
        stamp()
    }

    private func readRoles() throws {
        let checks = Schema.Role.allCases.map { "pg_has_role(session_user, '\($0.group)', 'MEMBER')" }.joined(separator: ", ")
        guard let row = try link.run(PostgresQuery(unsafeSQL: "SELECT session_user::text, \(checks)")).first else { return }
        var cells = row.makeIterator()
        role = try cells.next()?.decode(String.self) ?? ""
        for r in Schema.Role.allCases where try cells.next()?.decode(Bool.self) == true { roles.insert(r) }
    }

    /// The VRU named, or the only one in the database.
    static func pick(_ link: Link, _ address: PostgresAddress) throws -> String {
        let all = try link.run("SELECT vru FROM vrboard_vru ORDER BY vru").map { try $0.decode(String.self) }
        if let v = address.vru {
            guard all.contains(v) else {
                throw PostgresStoreError.notAllowed(
                    "no VRU '\(v)' in the database \(address.database)\(all.isEmpty ? "" : " (it holds \(all.joined(separator: ", ")))"); `vrboard init --store \(address.with(vru: v).display)` creates one"
                )
            }
            return v
        }
        guard all.count == 1 else {
            throw PostgresStoreError.notAllowed(
                all.isEmpty
                    ? "the database \(address.database) holds no VRU yet; `vrboard init --store \(address.with(vru: "NAME").display)` creates one"
                    : "the database \(address.database) holds several VRUs (\(all.joined(separator: ", "))): add ?vru=NAME to the address")
        }
        return all[0]
    }

    /// Every document of the VRU and the newest journal entry, read as one consistent snapshot; each
    /// row is decoded and checked as a snapshot file's document is.
    static func load(_ link: Link, vru: String, place: String) throws -> (Board, Int) {
        try link.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") {
            // Each row's document decoded on a free core as the rows arrive: the server's work, the rows'
            // reading and the decoding (most of an open's time) overlap. The rows come unsorted (a sort would
            // hold every document back until the last was read) and are put in order here.
            final class Rows: @unchecked Sendable {
                var keys: [(collection: String, ord: Int, id: String, rev: Int, place: String)] = []
                var problems: [Problem] = []
                let pipeline = DocumentCodec.Pipeline()
            }
            let rows = Rows()
            try link.stream("SELECT collection, id, rev, ord, doc::text FROM vrboard_document WHERE vru = \(vru)") { row in
                let (collection, id, rev, ord, json) = try row.decode((String, String, Int, Int, String).self)
                let at = "\(place) \(collection)/\(id)"
                guard let name = CollectionName(rawValue: collection) else {
                    rows.problems.append(Problem(file: at, line: 1, column: 1, reason: "unknown collection '\(collection)'"))
                    return
                }
                rows.pipeline.add(name, Data(json.utf8), place: at)
                rows.keys.append((collection, ord, id, rev, at))
            }
            let results = rows.pipeline.finish()
            let order = rows.keys.indices.sorted { a, b in
                (rows.keys[a].collection, rows.keys[a].ord) < (rows.keys[b].collection, rows.keys[b].ord)
            }
            var docs: [AnyDocument] = []
            var problems = rows.problems
            for k in order {
                let (_, _, id, rev, at) = rows.keys[k]
                do {
                    let d = try results[k].get()
                    if d.rev != rev || d.id != id {
                        problems.append(
                            Problem(file: at, line: 1, column: 1, reason: "the row says \(id) rev \(rev), its document \(d.id) rev \(d.rev)"))
                    }
                    docs.append(d)
                } catch StoreError.problems(let ps) {
                    problems += ps
                } catch let p as Problem {
                    problems.append(p)
                }
            }
            if !problems.isEmpty { throw StoreError.problems(problems) }
            // Row-level security shows a VRU's rows only to its own users, the national role and administrators.
            if docs.isEmpty, try link.run("SELECT vrboard_sees(\(vru))").first?.decode(Bool.self) == false {
                let who = try link.run("SELECT session_user::text").first?.decode(String.self) ?? "?"
                throw PostgresStoreError.notAllowed(
                    "role '\(who)' may not see VRU '\(vru)': an administrator gives access with `vrboard grant viewer \(who) --store …`")
            }
            let seq = try link.run("SELECT coalesce(max(seq), 0)::bigint FROM vrboard_journal WHERE vru = \(vru)").first?.decode(Int.self) ?? 0
            return (try DocumentCodec.board(from: docs), seq)
        }
    }

    // MARK: Saving

    @discardableResult
    public func commit(_ doc: AnyDocument, baseRev: Int, by user: String, note: String, at timestamp: String) throws -> JournalEntry {
        guard !readOnly else { throw StoreError.readOnly }
        // The entry as this board knows the document (a save based on its revision replaces exactly it); the
        // server numbers it, stamps the role and checks the revision, all in `vrboard_save`: one statement
        // in one transaction.
        let mine = board.document(doc.collection, doc.id)
        let e = try JournalEntry.whole(
            seq: 0, at: timestamp, by: user, login: role, note: note, baseRev: baseRev, doc: doc,
            replacing: mine?.rev == baseRev ? mine : nil)
        let entryJSON = String(decoding: try DocumentCodec.encode(e), as: UTF8.self)
        // Made (or found) before the save is sent: failing here, nothing was sent.
        do { _ = try link.connection() } catch let f as PostgresStoreError {
            throw StoreError.invalid("not saved: \(f); nothing was recorded (it reconnects on the next try)")
        }
        let row: (String, Int?, Int?, String?)
        do {
            // In a transaction of its own, so it is reported saved only once COMMIT has answered: a statement's
            // rows arrive before the server commits an implicit transaction, and a session ended between the
            // two would have been told of a save that never was.
            row = try link.transaction {
                guard
                    let r = try link.run("SELECT outcome, saved_seq, saved_rev, current_doc FROM vrboard_save(\(vru), \(entryJSON)::jsonb)").first
                else { throw PostgresStoreError.refused("the save returned nothing", sqlState: "XX000") }
                return try r.decode((String, Int?, Int?, String?).self)
            }
        } catch let f as PostgresStoreError {
            if case .lost = f {
                // Sent, and no answer: the server committed it or rolled it back. The journal says which.
                let found: JournalEntry?
                do { found = try recorded(e) } catch {
                    throw StoreError.invalid(
                        "unknown: check: \(f); the save of \(doc.collection.rawValue)/\(doc.id) may or may not have been recorded: look with `vrboard history \(doc.id)` once the server is back"
                    )
                }
                if let found { return accept(found) }
                throw StoreError.invalid("not saved: \(f); the journal does not hold it, so nothing was recorded")
            }
            if f.sqlState == "42501" { throw StoreError.invalid(refusal(doc.collection)) }
            throw StoreError.invalid("not saved: \(f)")
        }
        switch row {
        case ("saved", let seq?, let rev?, _):
            var saved = e
            saved.seq = seq
            saved.login = role
            guard rev == baseRev + 1 else { throw StoreError.invalid("not saved: the server answered rev \(rev) for a save on rev \(baseRev)") }
            return accept(saved)
        case ("conflict", _, _, let json):
            let theirs = try json.map {
                try DocumentCodec.decode(doc.collection, Data($0.utf8), place: "\(location) \(doc.collection.rawValue)/\(doc.id)")
            }
            _ = try? refresh()
            throw StoreError.conflict(Conflict(mine: doc, theirs: theirs, baseRev: baseRev))
        default:
            throw StoreError.invalid("not saved: the server answered '\(row.0)'")
        }
    }

    /// The save is committed: the board takes it in.
    private func accept(_ e: JournalEntry) -> JournalEntry {
        // Others' saves in between are taken in first, so the board never goes back.
        if e.seq > lastSeq + 1 { _ = try? refresh() }
        if let d = e.doc { board.apply(d) }
        lastSeq = max(lastSeq, e.seq)
        return e
    }

    /// The entry a save that went unanswered recorded, asked on a new connection: a document's revision
    /// after `baseRev` is written once, so this save's is it when its time and name are this save's.
    /// Nil when the journal holds no such change; throws when the server cannot say.
    private func recorded(_ e: JournalEntry) throws -> JournalEntry? {
        link.drop()
        guard
            let row = try link.run(
                """
                SELECT seq, at, by_name FROM vrboard_journal
                WHERE vru = \(vru) AND collection = \(e.collection.rawValue) AND id = \(e.id) AND rev = \(e.baseRev + 1)
                """
            ).first
        else { return nil }
        let (seq, at, by) = try row.decode((Int, String, String).self)
        guard at == e.at && by == e.by else { return nil }
        var found = e
        found.seq = seq
        found.login = role
        return found
    }

    /// Why this login may change nothing in this VRU (it holds only the viewer or national role), or nil:
    /// the board then opens read-only with this reason rather than refusing each save.
    public var writeRefusal: String? {
        guard !readOnly, roles.isDisjoint(with: [.editor, .secretary, .admin]) else { return nil }
        let held = Schema.Role.allCases.filter { roles.contains($0) }.map(\.rawValue)
        return "your database role '\(role)' "
            + (held.isEmpty ? "holds no vrboard role that may change anything" : "is a \(Schema.Role.list(held)) here, so may read but not change")
            + " (the server enforces this)"
    }

    /// What the server's refusal means in the board's words: who this is, and what their roles allow.
    func refusal(_ c: CollectionName) -> String {
        let held = Schema.Role.allCases.filter { roles.contains($0) }
        let rolesText =
            held.isEmpty
            ? "holds no vrboard role, so may not change anything" : held.map { "a \($0.rawValue) may \($0.may)" }.joined(separator: "; ")
        return "not saved: the database refused it: role '\(role)' may not change \(c.rawValue) in \(vru) (\(rolesText))"
    }

    // MARK: Others' saves

    /// One query: the newest change in the journal against the board's (true when the server cannot say).
    public var hasUnseenChanges: Bool { ((try? newestSeq()) ?? .max) > lastSeq }

    private func newestSeq() throws -> Int {
        try link.run("SELECT coalesce(max(seq), 0)::bigint FROM vrboard_journal WHERE vru = \(vru)").first?.decode(Int.self) ?? 0
    }

    @discardableResult
    public func refresh() throws -> Bool {
        let newest = try newestSeq()
        guard newest > lastSeq else { return false }
        // Far behind: reading the documents is cheaper than replaying their changes.
        if newest - lastSeq > 1000 {
            (board, lastSeq) = try PostgresStore.load(link, vru: vru, place: location)
            return true
        }
        for row in try link.run("SELECT seq, entry::text FROM vrboard_journal WHERE vru = \(vru) AND seq > \(lastSeq) ORDER BY seq") {
            let (seq, json) = try row.decode((Int, String).self)
            let e = try DocumentCodec.decodeEntry(Data(json.utf8), place: "\(location) journal #\(seq)")
            guard let d = e.doc else { throw StoreError.invalid("\(location) journal #\(seq): the entry does not hold its document whole") }
            board.apply(d)
            lastSeq = seq
        }
        return true
    }

    public func changeSignal() -> any ChangeSignal { Listener.signal(address: address, vru: vru) }

    /// The presenter's place, through `vrboard_present` (anyone who may see the VRU; a viewer too).
    public func publish(_ p: PresenterPosition) throws {
        try link.run(
            "SELECT vrboard_present(\(vru), \(p.meeting), \(p.slide)::integer, \(p.page)::integer, \(p.pages)::integer, \(p.by), \(p.at))")
    }

    public func presenter(meeting: String) throws -> PresenterPosition? {
        guard
            let row = try link.run(
                "SELECT slide::bigint, page::bigint, pages::bigint, by_name, at FROM vrboard_presenting WHERE vru = \(vru) AND meeting = \(meeting)"
            ).first
        else { return nil }
        let (slide, page, pages, by, at) = try row.decode((Int, Int, Int, String, String).self)
        return PresenterPosition(meeting: meeting, slide: slide, page: page, pages: pages, by: by, at: at)
    }

    // MARK: History

    public func historyQuery(_ q: HistoryQuery) throws -> HistoryPage { try PostgresStore.history(link, vru: vru, q) }

    /// History without opening the board (no document is read): what `vrboard history` needs.
    public static func history(at address: PostgresAddress) throws -> (HistoryQuery) throws -> HistoryPage {
        let link = Link(address)
        try Schema.ensure(link, readOnly: true)
        let vru = try pick(link, address)
        return { try history(link, vru: vru, $0) }
    }

    static func history(_ link: Link, vru: String, _ q: HistoryQuery) throws -> HistoryPage {
        let rows = try link.run(
            """
            SELECT seq, at, by_name, coalesce(imported_login, db_role::text), collection, id, base_rev, rev, note FROM vrboard_journal
            WHERE vru = \(vru) AND (\(q.id ?? "") = '' OR id = \(q.id ?? "")) AND (\(q.by ?? "") = '' OR by_name = \(q.by ?? ""))
              AND at >= \(q.since?.description ?? "") AND seq < \(q.before ?? Int.max)
            ORDER BY seq DESC LIMIT \(q.limit + 1)
            """)
        let metas = try rows.map { row in
            let (seq, at, by, login, collection, id, baseRev, rev, note) = try row.decode(
                (Int, String, String, String, String, String, Int, Int, String).self)
            return EntryMeta(seq: seq, at: at, by: by, note: note, collection: collection, id: id, baseRev: baseRev, rev: rev, login: login)
        }
        return HistoryPage(entries: Array(metas.prefix(q.limit)), more: metas.count > q.limit)
    }

    public func historyReader() -> @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool) {
        // Its own connection: history is read off the main loop, beside the board's saves.
        let reader = Link(address)
        let vru = vru
        return { request in
            let page = try PostgresStore.history(reader, vru: vru, HistoryQuery(id: request.id, limit: request.limit, before: request.before))
            return (page.entries.map(HistoryItem.init(meta:)), page.more)
        }
    }

    public func versions(_ item: HistoryItem) throws -> (before: AnyDocument?, after: AnyDocument?) {
        guard let json = try link.run("SELECT entry::text FROM vrboard_journal WHERE vru = \(vru) AND seq = \(item.seq)").first?.decode(String.self)
        else { return (nil, nil) }
        let e = try DocumentCodec.decodeEntry(Data(json.utf8), place: "\(location) journal #\(item.seq)")
        return (e.before, e.doc)
    }

    public func allEntries() throws -> [JournalEntry] {
        try link.run("SELECT seq, entry::text, coalesce(imported_login, db_role::text) FROM vrboard_journal WHERE vru = \(vru) ORDER BY seq").map {
            row in
            let (seq, json, login) = try row.decode((Int, String, String).self)
            var e = try DocumentCodec.decodeEntry(Data(json.utf8), place: "\(location) journal #\(seq)")
            // Who saved it as the server recorded it, whatever the entry's own text says.
            e.login = login
            return e
        }
    }

    // MARK: Checks

    public func journalProblems() -> [String] { PostgresStore.check(link, vru: vru, place: location) }

    public func journalChecker() -> @Sendable () -> [String] {
        let address = address
        let vru = vru
        let place = location
        return { PostgresStore.check(Link(address), vru: vru, place: place) }
    }

    /// The journal's rules, checked by the server: the sequence rises by one; each document's revisions
    /// rise by one from the revision each change was based on; every document row is at the revision of
    /// its newest change.
    static func check(_ link: Link, vru: String, place: String) -> [String] {
        do {
            var problems: [String] = []
            for row in try link.run(
                """
                SELECT seq, prev FROM (SELECT seq, lag(seq) OVER (ORDER BY seq) AS prev FROM vrboard_journal WHERE vru = \(vru)) x
                WHERE (prev IS NULL AND seq <> 1) OR seq <> prev + 1 LIMIT 5
                """)
            {
                let (seq, prev) = try row.decode((Int, Int?).self)
                problems.append("\(place): journal #\(seq) follows #\(prev ?? 0): the sequence skips")
            }
            for row in try link.run(
                """
                SELECT seq, collection, id, base_rev, prev FROM (SELECT seq, collection, id, base_rev,
                  lag(rev) OVER (PARTITION BY collection, id ORDER BY seq) AS prev, rev FROM vrboard_journal WHERE vru = \(vru)) x
                WHERE (prev IS NOT NULL AND base_rev <> prev) OR rev <> base_rev + 1 LIMIT 5
                """)
            {
                let (seq, collection, id, base, prev) = try row.decode((Int, String, String, Int, Int?).self)
                problems.append("\(place): journal #\(seq) changes \(collection)/\(id) from rev \(base), but its revision before was \(prev ?? base)")
            }
            for d in try disagreements(link, vru: vru, limit: 5) { problems.append("\(place): \(d.problem)") }
            return problems
        } catch {
            return ["\(place): the journal could not be checked: \(error)"]
        }
    }

    /// A document row that disagrees with the newest change of it in the journal: at another revision
    /// (a save that committed half, under an older vrboard), or at the same revision with other content
    /// (written around the journal). The journal is the record: repair puts the row back to its version.
    struct Disagreement {
        var collection: String
        var id: String
        var rev: Int
        var seq: Int
        var journalRev: Int
        var problem: String {
            rev == journalRev
                ? "\(collection)/\(id) at rev \(rev) is not what journal #\(seq) saved at that revision: it was changed around the journal"
                : "\(collection)/\(id) is at rev \(rev), but its newest change in the journal (#\(seq)) is rev \(journalRev)"
        }
    }

    static func disagreements(_ link: Link, vru: String, limit: Int = Int.max) throws -> [Disagreement] {
        try link.run(
            """
            SELECT d.collection, d.id, d.rev, j.seq, j.rev FROM vrboard_document d JOIN LATERAL (SELECT seq, rev, entry FROM vrboard_journal j
              WHERE j.vru = d.vru AND j.id = d.id AND j.collection = d.collection ORDER BY seq DESC LIMIT 1) j ON true
            WHERE d.vru = \(vru) AND (d.rev <> j.rev OR d.doc IS DISTINCT FROM j.entry->'doc') ORDER BY j.seq LIMIT \(limit)
            """
        ).map { row in
            let (collection, id, rev, seq, journalRev) = try row.decode((String, String, Int, Int, Int).self)
            return Disagreement(collection: collection, id: id, rev: rev, seq: seq, journalRev: journalRev)
        }
    }

    /// Text that `validate` finds wrong on a folder store, found the same way: control characters and
    /// over-long fields, placed by document and field.
    public func textProblems() -> [String] {
        DocumentCodec.documents(of: board).flatMap { doc in
            Inspector.issues(of: doc, texts: true, numbers: false).map { "\(location) \(doc.collection.rawValue)/\(doc.id): \($0)" }
        }
    }

    /// `vrboard repair` on PostgreSQL, for an administrator: every document row put back to the version its
    /// newest journal change saved, in one transaction under the VRU's lock; with `dryRun`, only what it
    /// would do. Returns one line per document.
    public static func repair(at address: PostgresAddress, dryRun: Bool) throws -> [String] {
        let link = Link(address)
        defer { link.drop() }
        try Schema.ensure(link, readOnly: dryRun)
        let vru = try pick(link, address)
        let isAdmin = try link.run("SELECT pg_has_role(session_user, 'vrboard_admin', 'MEMBER')").first?.decode(Bool.self) ?? false
        guard isAdmin || dryRun else {
            throw PostgresStoreError.notAllowed(
                "repair changes documents directly, which only an administrator (vrboard_admin) may do; `--dry-run` shows what it would do")
        }
        return try link.transaction {
            try link.run("SELECT pg_advisory_xact_lock(hashtext('vrboard/' || \(vru)))")
            let found = try disagreements(link, vru: vru)
            if !dryRun {
                for d in found {
                    try link.run(
                        """
                        UPDATE vrboard_document x SET rev = j.rev, doc = j.entry->'doc' FROM vrboard_journal j
                        WHERE x.vru = \(vru) AND x.collection = \(d.collection) AND x.id = \(d.id) AND j.vru = x.vru AND j.seq = \(d.seq)
                        """)
                }
            }
            return found.map {
                "\(dryRun ? "would put back" : "put back") \($0.collection)/\($0.id) to journal #\($0.seq) (rev \($0.journalRev)): \($0.problem)"
            }
        }
    }

    public func close() throws { link.drop() }

    deinit { link.drop() }

    // MARK: Creating

    /// Creates VRU `vru` in the database holding `board`, and `journal` (each entry whole) as its
    /// history; nothing is written when the VRU exists. One transaction: all or nothing.
    public static func create(at address: PostgresAddress, board: Board, dataset: String?, journal: [JournalEntry] = []) throws {
        guard let vru = address.vru else {
            throw PostgresStoreError.notAllowed("say which VRU to create: add ?vru=NAME to the address (letters, digits, '-' or '_')")
        }
        let link = Link(address)
        defer { link.drop() }
        try Schema.ensure(link, readOnly: false)
        try link.transaction {
            if try !link.run("SELECT 1 FROM vrboard_vru WHERE vru = \(vru)").isEmpty {
                throw PostgresStoreError.notAllowed("the database \(address.database) already holds VRU '\(vru)'; nothing was changed")
            }
            try link.run("INSERT INTO vrboard_vru (vru, dataset) VALUES (\(vru), \(dataset ?? ""))")
            var ords: [CollectionName: Int] = [:]
            let docs = DocumentCodec.documents(of: board)
            for chunk in stride(from: 0, to: docs.count, by: 500).map({ docs[$0..<min($0 + 500, docs.count)] }) {
                var collections: [String] = [], ids: [String] = [], revs: [Int] = [], ordinals: [Int] = [], jsons: [String] = []
                for d in chunk {
                    ords[d.collection, default: 0] += 1
                    collections.append(d.collection.rawValue)
                    ids.append(d.id)
                    revs.append(d.rev)
                    ordinals.append(ords[d.collection]!)
                    jsons.append(String(decoding: try DocumentCodec.encode(d), as: UTF8.self))
                }
                try link.run(
                    """
                    INSERT INTO vrboard_document (vru, collection, id, ord, rev, doc)
                    SELECT \(vru), c, i, o, r, j::jsonb FROM unnest(\(collections)::text[], \(ids)::text[], \(ordinals)::bigint[], \(revs)::bigint[], \(jsons)::text[]) AS t(c, i, o, r, j)
                    """)
            }
            for chunk in stride(from: 0, to: journal.count, by: 500).map({ journal[$0..<min($0 + 500, journal.count)] }) {
                var seqs: [Int] = [], ats: [String] = [], bys: [String] = [], logins: [String] = [], collections: [String] = []
                var ids: [String] = [], bases: [Int] = [], revs: [Int] = [], notes: [String] = [], jsons: [String] = []
                for e in chunk {
                    guard e.doc != nil else { throw StoreError.invalid("journal #\(e.seq) does not hold its document whole") }
                    seqs.append(e.seq)
                    ats.append(e.at)
                    bys.append(e.by)
                    logins.append(e.login ?? "")
                    collections.append(e.collection.rawValue)
                    ids.append(e.id)
                    bases.append(e.baseRev)
                    revs.append(e.rev)
                    notes.append(e.note)
                    jsons.append(String(decoding: try DocumentCodec.encode(e), as: UTF8.self))
                }
                // Copied history keeps who made each change (imported_login); db_role is who copied it in.
                try link.run(
                    """
                    INSERT INTO vrboard_journal (vru, seq, at, by_name, db_role, imported_login, collection, id, base_rev, rev, note, entry)
                    SELECT \(vru), s, a, b, session_user, nullif(l, ''), c, i, br, r, n, j::jsonb
                    FROM unnest(\(seqs)::bigint[], \(ats)::text[], \(bys)::text[], \(logins)::text[], \(collections)::text[], \(ids)::text[],
                      \(bases)::bigint[], \(revs)::bigint[], \(notes)::text[], \(jsons)::text[]) AS t(s, a, b, l, c, i, br, r, n, j)
                    """)
            }
        }
    }

    /// The VRUs a database holds.
    public static func vrus(at address: PostgresAddress) throws -> [String] {
        let link = Link(address)
        defer { link.drop() }
        try Schema.ensure(link, readOnly: true)
        return try link.run("SELECT vru FROM vrboard_vru ORDER BY vru").map { try $0.decode(String.self) }
    }

    /// Gives `login` a vrboard role, for VRU `vru` (all VRUs for national and admin). The login must exist.
    public static func grant(_ role: String, to login: String, at address: PostgresAddress) throws {
        guard let r = Schema.Role(rawValue: role) else {
            throw PostgresStoreError.notAllowed("no role '\(role)'; roles: \(Schema.Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let link = Link(address)
        defer { link.drop() }
        try Schema.ensure(link, readOnly: false)
        try link.transaction {
            guard try !link.run("SELECT 1 FROM pg_roles WHERE rolname = \(login)").isEmpty else {
                throw PostgresStoreError.notAllowed("no database role '\(login)': create the login first (CREATE ROLE \(login) LOGIN PASSWORD …)")
            }
            let quoted = "\"" + login.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            try link.run(PostgresQuery(unsafeSQL: "GRANT \(r.group) TO \(quoted)"))
            if r != .national && r != .admin {
                let vru = try pick(link, address)
                try link.run("INSERT INTO vrboard_access (login, vru) VALUES (\(login), \(vru)) ON CONFLICT DO NOTHING")
            }
        }
    }
}

/// The read end of the listener's pipe: any byte is a change; closing it stops the listener.
final class PipeSignal: ChangeSignal {
    let fd: Int32
    private let onClose: (() -> Void)?
    private var buffer = [UInt8](repeating: 0, count: 4096)

    init(fd: Int32, onClose: (() -> Void)?) {
        self.fd = fd
        self.onClose = onClose
    }

    deinit {
        onClose?()
        if fd >= 0 { close(fd) }
    }

    func drain() -> Bool {
        guard fd >= 0 else { return false }
        var any = false
        while read(fd, &buffer, buffer.count) > 0 { any = true }
        return any
    }
}

/// The PostgreSQL store's change signal: a connection of its own that LISTENs, and a pipe it writes to
/// on each NOTIFY for this VRU, which the board's loop polls beside the keyboard. The connection is
/// made again if it drops (and the board told, in case it missed a change meanwhile).
final class Listener: @unchecked Sendable {
    private let address: PostgresAddress
    private let vru: String
    private let writeFD: Int32
    private let lock = NSLock()
    private var stopped = false

    private init(address: PostgresAddress, vru: String, writeFD: Int32) {
        self.address = address
        self.vru = vru
        self.writeFD = writeFD
    }

    static func signal(address: PostgresAddress, vru: String) -> any ChangeSignal {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return PipeSignal(fd: -1, onClose: nil) }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let l = Listener(address: address, vru: vru, writeFD: fds[1])
        Thread.detachNewThread { l.run() }
        return PipeSignal(fd: fds[0], onClose: { l.stop() })
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func signal() {
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
    }

    private func run() {
        var first = true
        while !isStopped {
            let link = Link(address)
            do {
                let c = try link.connection()
                let prefix = vru + ":"
                let context = c.addListener(channel: PostgresStore.channel) { [weak self] _, note in
                    if note.payload.hasPrefix(prefix) { self?.signal() }
                }
                try link.run(PostgresQuery(unsafeSQL: "LISTEN \(PostgresStore.channel)"))
                // Back after a drop: anything saved meanwhile is looked for.
                if !first { signal() }
                first = false
                while !isStopped && !c.isClosed { usleep(100_000) }
                context.stop()
            } catch {}
            link.drop()
            if !isStopped { sleep(1) }
        }
    }

    deinit {
        close(writeFD)
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }
}
