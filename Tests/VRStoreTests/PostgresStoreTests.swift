#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing
import VRGenerate
import VRModel
@testable import VRPostgres
import PostgresNIO
import VRRuntime
import VRStore
import VRStoreAPI
import VRTestSupport
import VRUI

/// The two stores a board can live in.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case folder, postgres
    var testDescription: String { rawValue }

    /// A new store of this kind holding `board` (and `journal`), and where it is (a folder or an address).
    func make(_ board: Board, journal: [JournalEntry] = [], label: String) throws -> String {
        switch self {
        case .folder:
            let dir = try TempFolder(label).path + "/store"
            try Store.create(at: dir, board: board, dataset: nil, journal: journal)
            return dir
        case .postgres:
            let cluster = try PGCluster.get()
            let url = cluster.url(try cluster.database(label), vru: "vru1")
            try PostgresStore.create(at: try PostgresAddress(url), board: board, dataset: nil, journal: journal)
            return url
        }
    }

    static func open(_ location: String, readOnly: Bool = false) throws -> any DurableStore { try Stores.open(location, readOnly: readOnly) }
}

/// One suite, two stores: the rules every store keeps, run on the folder store and on PostgreSQL.
@Suite struct StoreContractTests {
    /// Rates a workstream `to` (or, when it is already there, the next rating along).
    static func rate(_ s: any DurableStore, _ id: String, _ wanted: RAG, by user: String) throws -> JournalEntry {
        var ws = s.board.workstreams[id]!
        let base = ws.rev
        let to = ws.inYear != wanted ? wanted : [RAG.green, .amber, .red].first { $0 != ws.inYear }!
        try ws.rate(.inYear, to: to, by: user, at: "2021-10-01T09:00:00Z", comment: "\(user) rates \(to.letter)")
        return try s.commit(.workstream(ws), baseRev: base, by: user, note: "\(user) rates \(to.letter)", at: "2021-10-01T09:00:00Z")
    }

    @Test(arguments: StoreKind.allCases) func saveConflictRefreshHistory(kind: StoreKind) throws {
        let location = try kind.make(Generator.board(workstreams: 6, risks: 2), label: "contract")
        let a = try StoreKind.open(location)
        let b = try StoreKind.open(location)
        let id = a.board.workstreams.items[0].id
        let base = a.board.workstreams[id]!.rev
        let e = try Self.rate(a, id, .red, by: "alice")
        #expect(e.seq == 1 && e.rev == base + 1)
        #expect(a.board.workstreams[id]!.rev == base + 1, "the board takes its own save in")
        // b's edit is based on the revision before a's: refused, naming theirs, and nothing written.
        #expect {
            try Self.rate(b, id, .green, by: "bob")
        } throws: { error in
            guard case StoreError.conflict(let c)? = error as? StoreError else { return false }
            return c.theirs?.rev == base + 1 && c.baseRev == base
        }
        // b has taken a's save in (or does on refresh) and can now save on top of it.
        _ = try b.refresh()
        #expect(b.board.workstreams[id]!.inYear == .red)
        let e2 = try Self.rate(b, id, .amber, by: "bob")
        #expect(e2.seq == 2 && e2.rev == base + 2)
        #expect(try a.refresh())
        #expect(a.board.workstreams[id]!.inYear == .amber && a.lastSeq == 2)
        // History, newest first, with who the store says saved it beside the name given.
        let page = try a.historyQuery(HistoryQuery(limit: 1))
        #expect(page.entries.map(\.seq) == [2] && page.more)
        #expect(page.entries[0].by == "bob")
        let login = try #require(page.entries[0].login)
        let expected = kind == .folder ? Timestamp.osLogin() : try PGCluster.get().superuser
        #expect(login == expected)
        let older = try a.historyQuery(HistoryQuery(id: id, limit: 5, before: 2))
        #expect(older.entries.map(\.seq) == [1] && !older.more)
        // A change's versions: before and after.
        let item = HistoryItem(meta: page.entries[0])
        let (before, after) = try a.versions(item)
        #expect(before?.rev == base + 1 && after?.rev == base + 2)
        #expect(a.journalProblems().isEmpty)
        // Read-only: a save is refused and nothing is written.
        let r = try StoreKind.open(location, readOnly: true)
        #expect(throws: StoreError.readOnly) { try Self.rate(r, id, .green, by: "carol") }
        #expect(try StoreKind.open(location).lastSeq == 2)
        try a.close()
        try b.close()
    }

    /// Edits of every kind, as the board makes them, by several people: each lands with its author, note
    /// and time, new documents take their place at the end of their collection, and a reopened store
    /// holds exactly the board as saved.
    @Test(arguments: StoreKind.allCases) func everyKindOfEditLandsAndReopens(kind: StoreKind) throws {
        let original = Generator.board(workstreams: 6, risks: 3, interventions: 4, quarters: 2)
        let location = try kind.make(original, label: "edits")
        let s = try StoreKind.open(location)
        var edits: [(AnyDocument, Int, String, String)] = []
        var ws = s.board.workstreams.items[1]
        ws.title = "Mentoring in schools — renamed 🙂 by the board"
        edits.append((.workstream(ws), ws.rev, "bob", "Edited workstream \(ws.id)"))
        var risk = s.board.risks.items[0]
        risk.status = .closed
        risk.closedReason = "Grant confirmed for three years"
        edits.append((.risk(risk), risk.rev, "dave", "Closed risk \(risk.id)"))
        var fu = s.board.funding
        fu.categories[0].amount += 1_000
        edits.append((.funding(fu), fu.rev, "erin", "Edited the funding split"))
        let meeting = Meeting.new(on: Day("2021-11-02")!, board: s.board, author: "sec")
        edits.append((.meeting(meeting), 0, "sec", "Board of 2 Nov 2021: draft meeting started"))
        var iv = s.board.interventions.items[0]
        iv.provider = "Detached youth work, re-let"
        edits.append((.intervention(iv), iv.rev, "officer", "Edited intervention \(iv.id)"))
        var expected = s.board
        for (n, (doc, base, by, note)) in edits.enumerated() {
            let at = "2021-11-20T10:1\(n):00Z"
            let e = try s.commit(doc, baseRev: base, by: by, note: note, at: at)
            #expect(e.seq == n + 1 && e.rev == base + 1 && e.by == by && e.note == note && e.at == at)
            expected.apply(doc.withRev(base + 1))
        }
        #expect(s.board == expected)
        try s.close()
        let reopened = try StoreKind.open(location, readOnly: true)
        #expect(reopened.board == expected, "reopened, the board is exactly as saved (order included)")
        #expect(reopened.board.meetings.items.last?.id == meeting.id)
        let journal = try reopened.allEntries()
        #expect(journal.map(\.by) == edits.map(\.2) && journal.map(\.note) == edits.map(\.3))
        #expect(journal.allSatisfy { $0.doc != nil })
        for w in original.workstreams where w.id != ws.id { #expect(reopened.board.workstreams[w.id] == w) }
        #expect(reopened.journalProblems().isEmpty)
    }

    /// Folder to PostgreSQL and back (and the other way): the board and every change come through.
    @Test(arguments: StoreKind.allCases) func copyRoundTripIsLossless(kind: StoreKind) throws {
        let start = try kind.make(Generator.board(workstreams: 8, risks: 3), label: "roundtrip")
        let s = try StoreKind.open(start)
        let ids = s.board.workstreams.items.map(\.id)
        for (n, id) in ids.prefix(5).enumerated() { _ = try Self.rate(s, id, n % 2 == 0 ? .red : .green, by: "user\(n)") }
        let other: StoreKind = kind == .folder ? .postgres : .folder
        let there = try other.make(s.board, journal: try s.allEntries(), label: "roundtrip-there")
        let back = try kind.make(try StoreKind.open(there).board, journal: try StoreKind.open(there).allEntries(), label: "roundtrip-back")
        for location in [there, back] {
            let copy = try StoreKind.open(location)
            #expect(copy.board == s.board)
            #expect(copy.lastSeq == s.lastSeq)
            #expect(try copy.historyQuery(HistoryQuery(limit: 100)) == s.historyQuery(HistoryQuery(limit: 100)))
            #expect(copy.journalProblems().isEmpty, "\(copy.journalProblems())")
            // And it goes on: the next save follows the copied history.
            #expect(try Self.rate(copy, ids[6], .amber, by: "after").seq == s.lastSeq + 1)
        }
    }
}

/// What only the PostgreSQL store has: the server's roles, its connection, NOTIFY, its schema.
@Suite(.serialized) struct PostgresServerTests {
    func fresh(_ label: String, workstreams: Int = 10) throws -> (PGCluster, String, String) {
        let cluster = try PGCluster.get()
        let db = try cluster.database(label)
        let url = cluster.url(db, vru: "nn")
        try PostgresStore.create(at: try PostgresAddress(url), board: Generator.board(workstreams: workstreams, risks: 3), dataset: nil)
        return (cluster, db, url)
    }

    @Test func theServerRefusesWhatARoleMayNotDo() throws {
        let (cluster, db, url) = try fresh("roles")
        for login in ["viewer1", "editor1", "secretary1", "outsider1"] { try cluster.login(login) }
        let address = try PostgresAddress(url)
        try PostgresStore.grant("viewer", to: "viewer1", at: address)
        try PostgresStore.grant("editor", to: "editor1", at: address)
        try PostgresStore.grant("secretary", to: "secretary1", at: address)
        let viewer = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "viewer1")))
        let id = viewer.board.workstreams.items[0].id
        #expect {
            try StoreContractTests.rate(viewer, id, .red, by: "viewer1")
        } throws: { error in
            let text = "\(error)"
            return text.contains("role 'viewer1' may not change workstreams") && text.contains("a viewer may read the board")
        }
        let editor = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "editor1")))
        let e = try StoreContractTests.rate(editor, id, .red, by: "Editor One")
        #expect(e.seq == 1)
        // An editor may not record a meeting: the secretary may.
        let meeting = Meeting.new(on: Day("2021-11-02")!, board: editor.board, author: "x")
        #expect {
            try editor.commit(.meeting(meeting), baseRev: 0, by: "editor1", note: "meeting", at: "2021-11-02T09:00:00Z")
        } throws: { "\($0)".contains("may not change meetings") }
        let secretary = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "secretary1")))
        #expect(try secretary.commit(.meeting(meeting), baseRev: 0, by: "secretary1", note: "meeting", at: "2021-11-02T09:00:00Z").seq == 2)
        // Nothing the refusals touched was written.
        #expect(try cluster.sql("SELECT count(*) FROM vrboard_journal", database: db) == "2")
        // A login with no vrboard role sees no VRU's documents, and is told so.
        #expect {
            try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "outsider1")))
        } throws: { "\($0)".contains("may not see VRU 'nn'") }
    }

    /// A save checks the caller's right once: `vrboard_save` asks whether the role may see the VRU and
    /// change the collection, and the statements it then makes as the owner role are not checked again,
    /// row by row, by the policies (eight calls of `vrboard_sees` and four of `vrboard_writes` a save
    /// before schema version 5). The server's own refusals are `theServerRefusesWhatARoleMayNotDo`'s and
    /// `everyWayAroundTheServerIsRefused`'s.
    @Test func aSaveChecksTheCallersRightOnce() throws {
        let (cluster, db, _) = try fresh("checks")
        try cluster.login("editor4")
        try cluster.sql("GRANT vrboard_editor TO editor4")
        // Five saves of one workstream by an editor, the calls of the server's functions counted in this session.
        try cluster.sql(
            """
            SET track_functions = 'all';
            DO $$ DECLARE d jsonb; r bigint; k int; o record; BEGIN
              SELECT doc, rev INTO d, r FROM vrboard_document WHERE vru = 'nn' AND collection = 'workstreams' ORDER BY id LIMIT 1;
              SET LOCAL ROLE editor4;
              FOR k IN 1..5 LOOP
                d := jsonb_set(d, '{rev}', to_jsonb(r + k));
                SELECT * INTO o FROM vrboard_save('nn', jsonb_build_object('collection', 'workstreams', 'id', d->>'id',
                  'baseRev', r + k - 1, 'rev', r + k, 'doc', d, 'at', '2021-11-02T09:00:00Z', 'by', 'Editor Four', 'note', 'n'));
                IF o.outcome <> 'saved' THEN RAISE EXCEPTION 'not saved: %', o.outcome; END IF;
              END LOOP;
            END $$;
            """, database: db)
        // The session's counts reach the statistics as it ends.
        func calls() throws -> [String: Int] {
            let rows = try cluster.sql("SELECT funcname || '=' || calls FROM pg_stat_user_functions", database: db)
            return Dictionary(
                rows.split(separator: "\n").compactMap { row in
                    let p = row.split(separator: "=")
                    return p.count == 2 ? (String(p[0]), Int(p[1]) ?? -1) : nil
                }, uniquingKeysWith: +)
        }
        var seen = try calls()
        let deadline = Date().addingTimeInterval(20)
        while seen["vrboard_save"] != 5 && Date() < deadline {
            usleep(100_000)
            seen = try calls()
        }
        #expect(seen["vrboard_save"] == 5, "\(seen)")
        #expect(seen["vrboard_sees"] == 5, "one check of the VRU a save: \(seen)")
        #expect(seen["vrboard_writes"] == 5, "one check of the collection a save: \(seen)")
        #expect(try cluster.sql("SELECT count(*) FROM vrboard_journal", database: db) == "5")
        // The owner role's policy is no way in: a login may not act as that role.
        let asOwner = try cluster.psql(as: "editor4", "SET ROLE vrboard_owner; SELECT count(*) FROM vrboard_document", database: db)
        #expect(asOwner.stderr.contains("permission denied to set role"), "\(asOwner)")
    }

    /// The presenter's place: set by anyone who may see the VRU (a viewer walks meetings through too), only
    /// through the function; read by the VRU's followers; never journalled; another VRU's users see nothing.
    @Test func thePresentersPlaceIsKeptOffTheJournal() throws {
        let (cluster, db, url) = try fresh("presenting")
        for login in ["viewer3", "editor3"] { try cluster.login(login) }
        let address = try PostgresAddress(url)
        try PostgresStore.grant("viewer", to: "viewer3", at: address)
        try PostgresStore.grant("editor", to: "editor3", at: address)
        let viewer = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "viewer3")), readOnly: true)
        #expect(try viewer.presenter(meeting: "2021-11-02") == nil, "nobody presenting yet")
        let editor = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "editor3")))
        let at = PresenterPosition(meeting: "2021-11-02", slide: 4, page: 1, pages: 3, by: "The Clerk", at: "2021-11-02T10:00:00Z")
        try editor.publish(at)
        #expect(try viewer.presenter(meeting: "2021-11-02") == at)
        #expect(try viewer.presenter(meeting: "2022-02-01") == nil, "another meeting's place is its own")
        // A viewer may present (and so move the followers) too.
        var moved = at
        moved.slide = 7
        try viewer.publish(moved)
        #expect(try editor.presenter(meeting: "2021-11-02") == moved)
        #expect(try cluster.sql("SELECT count(*) FROM vrboard_journal", database: db) == "0", "never journalled")
        #expect(try cluster.sql("SELECT db_role FROM vrboard_presenting", database: db) == "viewer3", "the server stamps who moved it")
        // Only through the function: the table cannot be written directly.
        let direct = try cluster.psql(as: "editor3", "UPDATE vrboard_presenting SET slide = 0", database: db)
        #expect(direct.stderr.contains("permission denied"), "\(direct)")
        // A login that may not see the VRU can neither move nor read its presenter.
        try cluster.login("outsider3")
        try cluster.sql("GRANT vrboard_viewer TO outsider3")
        let set = try cluster.psql(as: "outsider3", "SELECT vrboard_present('nn', '2021-11-02', 0, 0, 1, 'x', 'x')", database: db)
        #expect(set.stderr.contains("not allowed to present VRU nn"), "\(set)")
        let read = try cluster.psql(as: "outsider3", "SELECT count(*) FROM vrboard_presenting", database: db)
        #expect(read.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "the policy hides the VRU's row: \(read)")
    }

    @Test func aForgedNameIsShownBesideTheRealRole() throws {
        let (cluster, db, url) = try fresh("forged")
        try cluster.login("editor2")
        try PostgresStore.grant("editor", to: "editor2", at: try PostgresAddress(url))
        let editor = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "editor2")))
        _ = try StoreContractTests.rate(editor, editor.board.workstreams.items[0].id, .amber, by: "The Chair")
        let item = HistoryItem(meta: try editor.historyQuery(HistoryQuery(limit: 1)).entries[0])
        #expect(item.who == "The Chair (recorded by editor2)")
        // Writing the journal by hand does not help: the server stamps the role that wrote the row.
        try cluster.sql("ALTER ROLE editor2 PASSWORD 'pw-editor2'")
        let forged = try cluster.psql(
            as: "editor2",
            "INSERT INTO vrboard_journal (vru, seq, at, by_name, db_role, collection, id, base_rev, rev, note, entry) VALUES ('nn', 99, 'x', 'x', 'vradmin', 'risks', 'R', 0, 1, 'forged', '{}')",
            database: db)
        #expect(forged.stderr.contains("permission denied"), "\(forged)")
        // And the journal cannot be rewritten: nobody but an administrator's repair may change it.
        for statement in ["UPDATE vrboard_journal SET note = 'rewritten'", "DELETE FROM vrboard_journal"] {
            let r = try cluster.psql(as: "editor2", statement, database: db)
            #expect(r.stderr.contains("permission denied"), "\(statement): \(r)")
        }
        // A save through the server's own function is stamped with the role that made it, whatever it says.
        let id = editor.board.workstreams.items[1].id
        var ws = try #require(editor.board.workstreams[id])
        try ws.rate(.inYear, to: .red, by: "x", at: "2021-10-01T09:00:00Z", comment: "by hand")
        let entry = try JournalEntry.whole(
            seq: 0, at: "2021-10-01T09:00:00Z", by: "Someone Else", login: "vradmin", note: "by hand", baseRev: ws.rev, doc: .workstream(ws),
            replacing: nil)
        let json = String(decoding: try DocumentCodec.encode(entry), as: UTF8.self).replacingOccurrences(of: "'", with: "''")
        let byHand = try cluster.psql(
            as: "editor2",
            "SELECT outcome, saved_seq FROM vrboard_save('nn', '\(json)'::jsonb); SELECT db_role, entry->>'login' FROM vrboard_journal WHERE seq = 2",
            database: db)
        #expect(byHand.stdout.split(separator: "\n") == ["saved|2", "editor2|editor2"], "\(byHand)")
        #expect(editor.journalProblems().isEmpty)
    }

    /// Every way around the server tried as a viewer and as an editor of one VRU, against another VRU in
    /// the same database and against their own: each refused by the server itself, nothing written.
    @Test func everyWayAroundTheServerIsRefused() throws {
        let cluster = try PGCluster.get()
        let db = try cluster.database("bypass")
        for v in ["nn", "wm"] {
            try PostgresStore.create(at: try PostgresAddress(cluster.url(db, vru: v)), board: Generator.board(workstreams: 3, risks: 1), dataset: nil)
        }
        let nn = try PostgresAddress(cluster.url(db, vru: "nn"))
        for (login, role) in [("byviewer", "viewer"), ("byeditor", "editor")] {
            try cluster.login(login)
            try PostgresStore.grant(role, to: login, at: nn)
        }
        let editor = try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn", user: "byeditor")))
        _ = try StoreContractTests.rate(editor, "WS-1", .red, by: "byeditor")
        let before = try cluster.sql(
            "SELECT count(*), sum(rev), md5(string_agg(doc::text, '' ORDER BY vru, collection, id)) FROM vrboard_document", database: db)
        let journalBefore = try cluster.sql("SELECT count(*) FROM vrboard_journal", database: db)
        let entry = #"{"collection":"workstreams","id":"WS-1","baseRev":1,"rev":2,"at":"x","by":"x","note":"x","doc":{"id":"WS-1","rev":2}}"#
        let shadow =
            "CREATE TEMP TABLE vrboard_access (login name, vru text); INSERT INTO vrboard_access VALUES (session_user, 'wm'), (session_user, 'nn');"
        for login in ["byviewer", "byeditor"] {
            // Reading another VRU, with and without a temporary table standing in for the access list.
            for prefix in ["", shadow] {
                for table in ["vrboard_document", "vrboard_journal"] {
                    let r = try cluster.psql(as: login, prefix + "SELECT count(*) FROM \(table) WHERE vru = 'wm'", database: db)
                    #expect(r.status == 0 && r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(login) \(prefix) \(table): \(r)")
                }
                let vrus = try cluster.psql(as: login, prefix + "SELECT string_agg(vru, ',') FROM vrboard_vru", database: db)
                #expect(vrus.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "nn", "\(login) sees only its VRU's name: \(vrus)")
            }
            // The access list is for administrators.
            let access = try cluster.psql(as: login, "SELECT count(*) FROM vrboard_access", database: db)
            #expect(access.stderr.contains("permission denied"), "\(login): \(access)")
            // Writing any table directly, their own VRU or another, shadowed or not.
            for statement in [
                "UPDATE vrboard_document SET doc = jsonb_set(doc, '{title}', '\"forged\"') WHERE vru = 'nn'",
                shadow + "UPDATE vrboard_document SET doc = jsonb_set(doc, '{title}', '\"forged\"') WHERE vru = 'wm'",
                "INSERT INTO vrboard_journal (vru, seq, at, by_name, db_role, collection, id, base_rev, rev, note, entry) VALUES ('nn', 99, 'x', 'x', 'x', 'workstreams', 'WS-1', 2, 3, 'x', '{}')",
                "INSERT INTO vrboard_document (vru, collection, id, ord, rev, doc) VALUES ('nn', 'workstreams', 'WS-X', 99, 1, '{}')",
                "DELETE FROM vrboard_document WHERE vru = 'nn'", "DELETE FROM vrboard_journal WHERE vru = 'nn'",
                "INSERT INTO vrboard_access (login, vru) VALUES (session_user, 'wm')",
            ] {
                let r = try cluster.psql(as: login, statement, database: db)
                #expect(r.status != 0 && r.stderr.contains("permission denied"), "\(login): \(statement): \(r)")
            }
            // Saving through the function into another VRU, or as a viewer, shadowed or not.
            for (prefix, vru) in [("", "wm"), (shadow, "wm")] + (login == "byviewer" ? [("", "nn")] : []) {
                let r = try cluster.psql(as: login, prefix + "SELECT outcome FROM vrboard_save('\(vru)', '\(entry)'::jsonb)", database: db)
                // A viewer may not call it at all; an editor is refused by it.
                let refusal = login == "byviewer" ? "permission denied for function vrboard_save" : "may not change workstreams in \(vru)"
                #expect(r.status != 0 && r.stderr.contains(refusal), "\(login) saving in \(vru): \(r)")
            }
        }
        // A save whose document is not the entry's, or not at the next revision, is refused before any lock.
        let mismatched = entry.replacingOccurrences(of: #""doc":{"id":"WS-1","rev":2}"#, with: #""doc":{"id":"WS-2","rev":2}"#)
        let r = try cluster.psql(as: "byeditor", "SELECT outcome FROM vrboard_save('nn', '\(mismatched)'::jsonb)", database: db)
        #expect(r.status != 0 && r.stderr.contains("a save is of document WS-1"), "\(r)")
        #expect(
            try cluster.sql(
                "SELECT count(*), sum(rev), md5(string_agg(doc::text, '' ORDER BY vru, collection, id)) FROM vrboard_document", database: db)
                == before)
        #expect(try cluster.sql("SELECT count(*) FROM vrboard_journal", database: db) == journalBefore)
        #expect(editor.journalProblems().isEmpty)
    }

    /// A transaction whose connection is lost fails at its next statement: it is never carried on over a
    /// connection made afresh, where the rest would run outside it (and commit on their own).
    @Test func aTransactionNeverContinuesOnAnotherConnection() throws {
        let (cluster, db, url) = try fresh("pinned")
        let link = Link(try PostgresAddress(url))
        defer { link.drop() }
        #expect(throws: PostgresStoreError.self) {
            try link.transaction {
                try link.run("CREATE TABLE pinned_t (x int)")
                // The server ends this session, as pg_terminate_backend from another does.
                _ = try? link.run("SELECT pg_terminate_backend(pg_backend_pid())")
                try link.run("CREATE TABLE pinned_u (x int)")
            }
        }
        #expect(try cluster.sql("SELECT to_regclass('pinned_t') IS NULL AND to_regclass('pinned_u') IS NULL", database: db) == "t")
        // Outside a transaction the link connects again.
        #expect(try link.run("SELECT 1").first?.decode(Int.self) == 1)
    }

    /// Saves while the server ends the writer's sessions again and again (as `pg_terminate_backend` does):
    /// each save is whole or not there, every acknowledged one is in the journal, and documents agree
    /// with their newest change.
    @Test func savesUnderTerminatedSessionsAreWholeOrNothing() throws {
        let (cluster, db, url) = try fresh("terminate", workstreams: 10)
        let binary = try hammerBinary()
        var acks: [Ack] = []
        for round in 0..<6 {
            let h = try Hammer(binary: binary, store: url, count: 1_000_000, user: "term-\(round)", retryErrors: true)
            let start = monotonicNanoseconds()
            var terminated = 0
            while monotonicNanoseconds() - start < 1_500_000_000 && !h.outputClosed {
                h.pump(milliseconds: Int32.random(in: 5...40))
                terminated +=
                    Int(
                        try cluster.sql(
                            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(db)' AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
                            database: db)) ?? 0
            }
            h.kill()
            h.finish()
            acks += h.acks
            #expect(terminated > 0, "round \(round)")
        }
        let s = try PostgresStore(address: try PostgresAddress(url), readOnly: true)
        #expect(s.journalProblems().isEmpty, "\(s.journalProblems())")
        let journal = try s.allEntries()
        let bySeq = Dictionary(uniqueKeysWithValues: journal.map { ($0.seq, $0) })
        for a in acks { #expect(bySeq[a.seq]?.id == a.id && bySeq[a.seq]?.rev == a.rev, "\(a)") }
        #expect(!acks.isEmpty)
    }

    @Test func twoProcessesSavingAtOnceLoseNothing() throws {
        let (_, _, url) = try fresh("contend", workstreams: 30)
        let binary = try hammerBinary()
        let users = ["alice-pg", "bob-pg"]
        let hammers = try users.map { try Hammer(binary: binary, store: url, count: 150, user: $0) }
        Hammer.finishAll(hammers)
        for h in hammers {
            #expect(h.exitedCleanly, "\(h.errorText)")
            #expect(h.acks.map(\.n) == Array(0..<150))
        }
        let store = try PostgresStore(address: try PostgresAddress(url), readOnly: true)
        let journal = try store.allEntries()
        #expect(journal.map(\.seq) == Array(1...300))
        let bySeq = Dictionary(uniqueKeysWithValues: journal.map { ($0.seq, $0) })
        for a in hammers.flatMap(\.acks) {
            let e = try #require(bySeq[a.seq])
            #expect(e.id == a.id && e.rev == a.rev && e.by == a.user)
        }
        #expect(store.journalProblems().isEmpty)
    }

    @Test func aWriterKilledMidTransactionLeavesNothingHalfDone() throws {
        let (_, _, url) = try fresh("kill", workstreams: 20)
        let binary = try hammerBinary()
        var acks: [Ack] = []
        for round in 0..<40 {
            let h = try Hammer(binary: binary, store: url, count: 1_000_000, user: "kill-\(round)")
            let start = monotonicNanoseconds()
            let delay = UInt64.random(in: 20_000_000...300_000_000)
            while monotonicNanoseconds() - start < delay && !h.outputClosed { h.pump(milliseconds: 5) }
            h.kill()
            h.finish()
            acks += h.acks
            let s = try PostgresStore(address: try PostgresAddress(url), readOnly: true)
            for a in h.acks { #expect((s.board.workstreams[a.id]?.rev ?? 0) >= a.rev, "round \(round): \(a)") }
            let problems = s.journalProblems()
            #expect(problems.isEmpty, "round \(round): \(problems)")
            if !problems.isEmpty { break }
        }
        #expect(!acks.isEmpty)
        let s = try PostgresStore(address: try PostgresAddress(url), readOnly: true)
        let journal = try s.allEntries()
        let bySeq = Dictionary(uniqueKeysWithValues: journal.map { ($0.seq, $0) })
        for a in acks { #expect(bySeq[a.seq]?.id == a.id && bySeq[a.seq]?.rev == a.rev, "\(a)") }
    }

    @Test func aStoppedServerIsAClearErrorAndTheStoreRecovers() throws {
        // A cluster of its own: this test stops it.
        let cluster = try PGCluster()
        defer { cluster.remove() }
        let db = try cluster.database("drop")
        let url = cluster.url(db, vru: "nn")
        try PostgresStore.create(at: try PostgresAddress(url), board: Generator.board(workstreams: 4, risks: 1), dataset: nil)
        let s = try PostgresStore(address: try PostgresAddress(url))
        let id = s.board.workstreams.items[0].id
        cluster.stop()
        #expect {
            try StoreContractTests.rate(s, id, .red, by: "alice")
        } throws: { error in
            let text = "\(error)"
            return text.contains("not saved") && (text.contains("lost the connection") || text.contains("cannot reach"))
        }
        #expect(s.board.workstreams[id]!.rev == 1, "a failed save changes nothing")
        try cluster.start()
        let e = try StoreContractTests.rate(s, id, .red, by: "alice")
        #expect(e.seq == 1 && e.rev == 2)
        #expect(try PostgresStore(address: try PostgresAddress(url), readOnly: true).board.workstreams[id]!.inYear == .red)
    }

    @Test func notifyWakesAnotherProcess() throws {
        let (_, _, url) = try fresh("notify")
        let s = try PostgresStore(address: try PostgresAddress(url))
        let watcher = StoreWatcher(s.changeSignal())
        #expect(watcher.fd >= 0)
        // Give the listener its LISTEN before the other process saves.
        var idle: [Int32] = [0, 0]
        #expect(pipe(&idle) == 0)
        defer { idle.forEach { close($0) } }
        var listening = false
        for _ in 0..<100 where !listening {
            usleep(50_000)
            listening = (try? PGCluster.get().sql("SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'")).map { $0 != "0" } ?? false
        }
        #expect(listening)
        let h = try Hammer(binary: try hammerBinary(), store: url, count: 1, user: "other")
        while h.process.isRunning { h.pump(milliseconds: 10) }
        h.finish()
        #expect(h.acks.count == 1)
        var woke = false
        let end = monotonicNanoseconds() + 10_000_000_000
        while !woke && monotonicNanoseconds() < end { woke = watcher.wait(input: idle[0], timeoutMs: 200).store }
        #expect(woke, "the NOTIFY woke the watcher")
        #expect(try s.refresh())
        #expect(s.lastSeq == 1)
    }

    @Test func theSchemaIsVersionedAndMigratedUnderALock() throws {
        let cluster = try PGCluster.get()
        let db = try cluster.database("schema")
        // Two first opens at once: one creates the schema, the other waits for it; both VRUs exist.
        let errors = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            do {
                try PostgresStore.create(
                    at: try PostgresAddress(cluster.url(db, vru: "v\(n)")), board: Generator.board(workstreams: 2, risks: 1), dataset: nil)
            } catch { errors.mutate { $0.append("\(error)") } }
        }
        #expect(errors.value.isEmpty, "\(errors.value)")
        #expect(try cluster.sql("SELECT string_agg(vru, ',' ORDER BY vru) FROM vrboard_vru", database: db) == "v0,v1")
        #expect(try cluster.sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM vrboard_schema", database: db) == "1,2,3,4,5")
        // Several VRUs: the address must say which.
        #expect { try PostgresStore(address: try PostgresAddress(cluster.url(db))) } throws: { "\($0)".contains("several VRUs (v0, v1)") }
        // A database from a newer vrboard is refused, and nothing is changed.
        try cluster.sql("INSERT INTO vrboard_schema (version) VALUES (99)", database: db)
        #expect { try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "v0"))) } throws: { "\($0)".contains("newer") }
        // Read-only opening of a database without a store says how to make one, and creates nothing.
        let empty = try cluster.database("noschema")
        #expect { try PostgresStore(address: try PostgresAddress(cluster.url(empty, vru: "x")), readOnly: true) } throws: {
            "\($0)".contains("vrboard init")
        }
        #expect(try cluster.sql("SELECT to_regclass('vrboard_schema') IS NULL", database: empty) == "t")
    }

    /// A database an older vrboard made (schema version 1: its functions found the access list through the
    /// caller's search path, editors could write the tables) is moved to version 2 by the next writable
    /// open, keeping its VRUs, documents and grants, and the ways around the server are then closed.
    @Test func aVersionOneDatabaseIsUpgradedAndClosed() throws {
        let cluster = try PGCluster.get()
        let db = try cluster.database("upgrade")
        let link = Link(try PostgresAddress(cluster.url(db)))
        defer { link.drop() }
        try link.transaction {
            for sql in Schema.steps("public")[0] { try link.run(PostgresQuery(unsafeSQL: sql)) }
            try link.run("INSERT INTO vrboard_schema (version) VALUES (1)")
            try link.run("INSERT INTO vrboard_vru (vru) VALUES ('a'), ('b')")
            try link.run(
                "INSERT INTO vrboard_document (vru, collection, id, ord, rev, doc) VALUES ('b', 'risks', 'R1', 1, 1, '{\"id\": \"R1\", \"rev\": 1}')")
        }
        try cluster.login("oldeditor")
        try cluster.sql("GRANT vrboard_editor TO oldeditor; INSERT INTO vrboard_access VALUES ('oldeditor', 'a')", database: db)
        let shadowed =
            "CREATE TEMP TABLE vrboard_access (login name, vru text); INSERT INTO vrboard_access VALUES (session_user, 'b'); SELECT count(*) FROM vrboard_document WHERE vru = 'b'"
        // The fault as it was: the temporary table stands in for the access list.
        #expect(try cluster.psql(as: "oldeditor", shadowed, database: db).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        try Schema.ensure(link, readOnly: false)
        #expect(try cluster.sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM vrboard_schema", database: db) == "1,2,3,4,5")
        #expect(try cluster.psql(as: "oldeditor", shadowed, database: db).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let update = try cluster.psql(as: "oldeditor", "UPDATE vrboard_document SET rev = 5", database: db)
        #expect(update.stderr.contains("permission denied"), "\(update)")
        #expect(try cluster.sql("SELECT string_agg(vru, ',' ORDER BY vru) FROM vrboard_vru", database: db) == "a,b")
    }

    /// A document row changed around the journal (by a superuser: nobody else may) and one left behind
    /// its journal (as a save that committed half under an older vrboard left it): validate names both,
    /// repair by an administrator puts them back to their journal versions in one transaction, and an
    /// editor may only look. Text validate finds on a folder it finds here too.
    @Test func validateAndRepairOnPostgres() throws {
        let (cluster, db, url) = try fresh("repair")
        let s = try PostgresStore(address: try PostgresAddress(url))
        _ = try StoreContractTests.rate(s, "WS-0", .red, by: "alice")
        _ = try StoreContractTests.rate(s, "WS-1", .red, by: "alice")
        try cluster.sql(
            "UPDATE vrboard_document SET doc = jsonb_set(doc, '{title}', '\"Forged\\u0007 title\"') WHERE id = 'WS-0'; UPDATE vrboard_document SET rev = 1, doc = jsonb_set(doc, '{rev}', '1') WHERE id = 'WS-1'",
            database: db)
        let problems = s.journalProblems()
        #expect(problems.contains { $0.contains("workstreams/WS-0 at rev 2 is not what journal #1 saved") }, "\(problems)")
        #expect(problems.contains { $0.contains("workstreams/WS-1 is at rev 1, but its newest change in the journal (#2) is rev 2") }, "\(problems)")
        let reader = try PostgresStore(address: try PostgresAddress(url), readOnly: true)
        #expect(reader.textProblems().contains { $0.contains("workstreams/WS-0") }, "\(reader.textProblems())")
        try cluster.login("repeditor")
        try PostgresStore.grant("editor", to: "repeditor", at: try PostgresAddress(url))
        let asEditor = try PostgresAddress(cluster.url(db, vru: "nn", user: "repeditor"))
        #expect(try PostgresStore.repair(at: asEditor, dryRun: true).count == 2)
        #expect { try PostgresStore.repair(at: asEditor, dryRun: false) } throws: { "\($0)".contains("only an administrator") }
        let done = try PostgresStore.repair(at: try PostgresAddress(url), dryRun: false)
        #expect(done.count == 2 && done.allSatisfy { $0.hasPrefix("put back") }, "\(done)")
        #expect(s.journalProblems().isEmpty)
        #expect(try PostgresStore(address: try PostgresAddress(url), readOnly: true).textProblems().isEmpty)
        #expect(try PostgresStore.repair(at: try PostgresAddress(url), dryRun: false).isEmpty)
    }

    @Test func aHostileRowIsRefusedWithItsPlace() throws {
        let (cluster, db, url) = try fresh("hostile")
        let id = try PostgresStore(address: try PostgresAddress(url)).board.workstreams.items[0].id
        try cluster.sql(
            "UPDATE vrboard_document SET doc = jsonb_set(doc, '{title}', '12') WHERE collection = 'workstreams' AND id = '\(id)'", database: db)
        #expect { try PostgresStore(address: try PostgresAddress(url)) } throws: { error in
            let text = "\(error)"
            return text.contains("workstreams/\(id)") && text.contains("title")
        }
        try cluster.sql(
            "UPDATE vrboard_document SET doc = jsonb_set(doc, '{title}', '\"ok\"') WHERE collection = 'workstreams' AND id = '\(id)'", database: db)
        try cluster.sql(
            "UPDATE vrboard_document SET doc = jsonb_set(doc, '{rev}', '1e300') WHERE collection = 'workstreams' AND id = '\(id)'", database: db)
        #expect { try PostgresStore(address: try PostgresAddress(url)) } throws: { "\($0)".contains("workstreams/\(id)") && "\($0)".contains("rev") }
    }

    /// TLS as the address asks: required and used, or refused when the certificate cannot be checked.
    @Test func tlsWhenTheAddressAsksForIt() throws {
        let cluster = try PGCluster(ssl: true)
        defer { cluster.remove() }
        let db = try cluster.database("tls")
        let url = cluster.url(db, vru: "nn") + "&sslmode=require"
        try PostgresStore.create(at: try PostgresAddress(url), board: Generator.board(workstreams: 3, risks: 1), dataset: nil)
        let s = try PostgresStore(address: try PostgresAddress(url))
        #expect(s.board.workstreams.items.count == 3)
        #expect(try cluster.sql("SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE s.ssl AND a.datname = '\(db)'") != "0")
        // verify-full checks the certificate: a self-signed one is refused, clearly, and nothing is opened.
        #expect { try PostgresStore(address: try PostgresAddress(cluster.url(db, vru: "nn") + "&sslmode=verify-full")) } throws: {
            "\($0)".contains("cannot reach the PostgreSQL store")
        }
        // A server without TLS, when the address requires it: refused.
        let plain = try PGCluster.get()
        #expect { try PostgresStore(address: try PostgresAddress(plain.url("postgres") + "?sslmode=require")) } throws: {
            "\($0)".contains("cannot reach the PostgreSQL store")
        }
    }

    @Test func addressesAreReadAsLibpqReadsThem() throws {
        let a = try PostgresAddress("postgres://ann:s%40cret@db.example:6543/board?vru=nn&sslmode=require", environment: [:])
        #expect(a.user == "ann" && a.password == "s@cret" && a.host == "db.example" && a.port == 6543 && a.database == "board")
        #expect(a.vru == "nn" && a.sslmode == .require)
        #expect(a.display == "postgres://ann@db.example:6543/board?vru=nn", "never the password")
        #expect(try PostgresAddress("postgres://ann@h/db", environment: ["PGPASSWORD": "envpw"]).password == "envpw")
        #expect(try PostgresAddress("postgres://ann:50%25off@h/db", environment: [:]).password == "50%off", "decoded once")
        let dir = try TempFolder("pgpass")
        defer { dir.remove() }
        try Data("# comment\nh:5432:db:bob:wrong\nh:*:db:ann:from\\:file\n".utf8).write(to: URL(fileURLWithPath: dir.file("pgpass")))
        chmod(dir.file("pgpass"), 0o600)
        #expect(try PostgresAddress("postgres://ann@h/db", environment: ["PGPASSFILE": dir.file("pgpass")]).password == "from:file")
        chmod(dir.file("pgpass"), 0o644)
        #expect(
            try PostgresAddress("postgres://ann@h/db", environment: ["PGPASSFILE": dir.file("pgpass")]).password == nil,
            "ignored when others can read it")
        for bad in [
            "postgres://", "postgres://h", "postgres://h/db?vru=", "postgres://h/db?sslmode=maybe", "postgres://h/db?colour=red",
            "postgres://h/db?vru=a;b",
        ] {
            #expect(throws: AddressError.self, "\(bad)") { try PostgresAddress(bad, environment: [:]) }
        }
    }
}

/// A value shared between threads.
final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var v: T
    init(_ v: T) { self.v = v }
    var value: T {
        lock.lock()
        defer { lock.unlock() }
        return v
    }
    func mutate(_ f: (inout T) -> Void) {
        lock.lock()
        f(&v)
        lock.unlock()
    }
}
