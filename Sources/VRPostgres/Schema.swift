import Foundation
import PostgresNIO

/// vrboard's tables, roles and policies in a database, versioned like the folder store's format and
/// created or moved forward by vrboard itself, under an advisory lock, in one transaction, never
/// dropping anything.
enum Schema {
    /// The version this binary writes; a database at a newer one is refused. 2: saves only through
    /// `vrboard_save` (one statement: the lock, the check, the journal row, the document and NOTIFY), every
    /// function with a fixed search path and schema-qualified names, the access list hidden from all but
    /// administrators, and a VRU's name visible only to those who may see it.
    /// 3: the store's own source documents (`sources`), which the secretary and editors may record.
    /// 4: where a walkthrough's presenter is (`vrboard_presenting`), set through `vrboard_present` by anyone
    /// who may see the VRU (a viewer walks the meeting through too) and read by its followers.
    /// 5: the statements `vrboard_save` makes as the owner role are not checked again by the policies.
    static let version = 5
    /// The role without login that owns the security-definer functions.
    static let owner = "vrboard_owner"
    /// The advisory lock every migration takes, so two first opens do not both create the tables.
    static let lockKey = 0x7672_6264  // "vrbd"

    /// The roles a database's users are granted: what each may do is enforced by the server.
    enum Role: String, CaseIterable, Sendable {
        case viewer, editor, secretary, admin, national
        var group: String { "vrboard_\(rawValue)" }
        /// What the role may do, in the board's words.
        var may: String {
            switch self {
            case .viewer: "read the board and walk the meeting through it"
            case .editor: "change \(Role.list(Role.editorCollections))"
            case .secretary: "record \(Role.list(Role.secretaryCollections))"
            case .admin: "change everything, and create VRUs and grant roles"
            case .national: "read every VRU of the database"
            }
        }
        static let editorCollections = ["workstreams", "risks", "interventions", "evaluations", "funding", "outcomes", "sources"]
        static let secretaryCollections = ["meetings", "members", "sources"]
        static func list(_ xs: [String]) -> String { xs.count < 2 ? xs.joined() : xs.dropLast().joined(separator: ", ") + " and " + xs.last! }
        static func sql(_ xs: [String]) -> String { xs.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// Each version's statements, in order: version n is reached by running steps(schema)[n - 1]. `schema`
    /// is the (quoted) schema the tables are in, which every function names explicitly.
    static func steps(_ schema: String) -> [[String]] {
        [
            [
                """
                CREATE TABLE vrboard_schema (version integer NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now(),
                  migrated_by name NOT NULL DEFAULT session_user)
                """,
                """
                CREATE TABLE vrboard_vru (vru text PRIMARY KEY, dataset text, created_at timestamptz NOT NULL DEFAULT now(),
                  created_by name NOT NULL DEFAULT session_user)
                """,
                "CREATE TABLE vrboard_access (login name NOT NULL, vru text NOT NULL REFERENCES vrboard_vru, PRIMARY KEY (login, vru))",
                """
                CREATE TABLE vrboard_document (vru text NOT NULL REFERENCES vrboard_vru, collection text NOT NULL, id text NOT NULL,
                  ord bigint NOT NULL, rev bigint NOT NULL CHECK (rev >= 1), doc jsonb NOT NULL, PRIMARY KEY (vru, collection, id))
                """,
                """
                CREATE TABLE vrboard_journal (vru text NOT NULL REFERENCES vrboard_vru, seq bigint NOT NULL CHECK (seq >= 1),
                  at text NOT NULL, by_name text NOT NULL, db_role name NOT NULL, imported_login text, collection text NOT NULL,
                  id text NOT NULL, base_rev bigint NOT NULL, rev bigint NOT NULL, note text NOT NULL, entry jsonb NOT NULL,
                  committed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (vru, seq))
                """,
                "CREATE INDEX vrboard_journal_doc ON vrboard_journal (vru, id, seq)",
                // Attribution the client cannot choose: the role that made the change, as the server knows it.
                """
                CREATE FUNCTION vrboard_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN NEW.db_role := session_user; NEW.committed_at := now(); RETURN NEW; END $$
                """,
                "CREATE TRIGGER vrboard_stamp BEFORE INSERT ON vrboard_journal FOR EACH ROW EXECUTE FUNCTION vrboard_stamp()",
                // Roles belong to the whole cluster: another database's first open may be making them at this moment.
                """
                DO $$ BEGIN
                  \(Role.allCases.map { "BEGIN CREATE ROLE \($0.group) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;" }.joined(separator: "\n  "))
                END $$
                """,
                // Who sees a VRU: its own users (vrboard_access), the national role and administrators.
                """
                CREATE FUNCTION vrboard_sees(v text) RETURNS boolean LANGUAGE sql STABLE AS $$
                  SELECT pg_has_role(session_user, 'vrboard_national', 'MEMBER') OR pg_has_role(session_user, 'vrboard_admin', 'MEMBER')
                    OR EXISTS (SELECT 1 FROM vrboard_access a WHERE a.vru = v AND a.login = session_user) $$
                """,
                // Who may change a collection.
                """
                CREATE FUNCTION vrboard_writes(c text) RETURNS boolean LANGUAGE sql STABLE AS $$
                  SELECT pg_has_role(session_user, 'vrboard_admin', 'MEMBER')
                    OR (pg_has_role(session_user, 'vrboard_editor', 'MEMBER') AND c IN (\(Role.sql(Role.editorCollections))))
                    OR (pg_has_role(session_user, 'vrboard_secretary', 'MEMBER') AND c IN (\(Role.sql(Role.secretaryCollections)))) $$
                """,
                "ALTER TABLE vrboard_document ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE vrboard_journal ENABLE ROW LEVEL SECURITY",
                "CREATE POLICY vrboard_read ON vrboard_document FOR SELECT USING (vrboard_sees(vru))",
                "CREATE POLICY vrboard_add ON vrboard_document FOR INSERT WITH CHECK (vrboard_sees(vru) AND vrboard_writes(collection))",
                """
                CREATE POLICY vrboard_change ON vrboard_document FOR UPDATE USING (vrboard_sees(vru) AND vrboard_writes(collection))
                  WITH CHECK (vrboard_sees(vru) AND vrboard_writes(collection))
                """,
                "CREATE POLICY vrboard_read ON vrboard_journal FOR SELECT USING (vrboard_sees(vru))",
                "CREATE POLICY vrboard_add ON vrboard_journal FOR INSERT WITH CHECK (vrboard_sees(vru) AND vrboard_writes(collection))",
                "REVOKE ALL ON vrboard_schema, vrboard_vru, vrboard_access, vrboard_document, vrboard_journal FROM PUBLIC",
                """
                GRANT SELECT ON vrboard_schema, vrboard_vru, vrboard_access, vrboard_document, vrboard_journal
                  TO \(Role.allCases.map(\.group).joined(separator: ", "))
                """,
                "GRANT INSERT, UPDATE ON vrboard_document TO vrboard_editor, vrboard_secretary, vrboard_admin",
                // The journal is only ever added to: nobody is granted UPDATE or DELETE, and only an
                // administrator (copying a store in) may set imported_login.
                """
                GRANT INSERT (vru, seq, at, by_name, db_role, collection, id, base_rev, rev, note, entry) ON vrboard_journal
                  TO vrboard_editor, vrboard_secretary
                """,
                "GRANT INSERT ON vrboard_journal TO vrboard_admin",
                "GRANT INSERT, UPDATE, DELETE ON vrboard_vru, vrboard_access TO vrboard_admin",
                "GRANT EXECUTE ON FUNCTION vrboard_sees(text), vrboard_writes(text) TO PUBLIC",
            ],
            version2(schema),
            version3(schema),
            version4(schema),
            version5(schema),
        ]
    }

    /// Version 5: `vrboard_save` checks once, first, that the caller may see the VRU and change the
    /// collection; the statements it then makes as the owner role were each checked again by the policies,
    /// every check a call of a security-definer function (eight of `vrboard_sees` and four of
    /// `vrboard_writes` a save: about three quarters of the server's time on a save, measured). A policy for
    /// the owner role alone lets them through. No login is the owner role; its only members are the roles
    /// that migrated the schema, which own the tables (or are superusers) and so pass every policy already.
    static func version5(_ s: String) -> [String] {
        [
            "CREATE POLICY vrboard_owner ON \(s).vrboard_document FOR ALL TO \(owner) USING (true) WITH CHECK (true)",
            "CREATE POLICY vrboard_owner ON \(s).vrboard_journal FOR ALL TO \(owner) USING (true) WITH CHECK (true)",
        ]
    }

    /// Version 4: the presenter's place, one row per meeting presented, never journalled. Set only through
    /// the function (which checks the VRU is the caller's to see and stamps the role), read under the same
    /// policy as the documents; each move NOTIFYs the VRU's followers as a save does.
    static func version4(_ s: String) -> [String] {
        let fixed = "SET search_path = \(s), pg_temp"
        let everyone = Role.allCases.map(\.group).joined(separator: ", ")
        return [
            "DO $$ BEGIN EXECUTE format('GRANT \(owner) TO %I', current_user); EXCEPTION WHEN OTHERS THEN NULL; END $$",
            """
            CREATE TABLE \(s).vrboard_presenting (vru text NOT NULL REFERENCES \(s).vrboard_vru, meeting text NOT NULL,
              slide integer NOT NULL, page integer NOT NULL, pages integer NOT NULL, by_name text NOT NULL, at text NOT NULL,
              db_role name NOT NULL, PRIMARY KEY (vru, meeting))
            """,
            "ALTER TABLE \(s).vrboard_presenting OWNER TO \(owner)",
            "ALTER TABLE \(s).vrboard_presenting ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY vrboard_read ON \(s).vrboard_presenting FOR SELECT USING (\(s).vrboard_sees(vru))",
            "REVOKE ALL ON \(s).vrboard_presenting FROM PUBLIC",
            "GRANT SELECT ON \(s).vrboard_presenting TO \(everyone)",
            """
            CREATE FUNCTION \(s).vrboard_present(p_vru text, p_meeting text, p_slide integer, p_page integer, p_pages integer,
              p_by text, p_at text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER \(fixed) AS $$
            BEGIN
              IF NOT \(s).vrboard_sees(p_vru) THEN
                RAISE EXCEPTION 'not allowed to present VRU %', p_vru USING ERRCODE = '42501';
              END IF;
              INSERT INTO \(s).vrboard_presenting AS x (vru, meeting, slide, page, pages, by_name, at, db_role)
                VALUES (p_vru, p_meeting, p_slide, p_page, p_pages, p_by, p_at, session_user)
                ON CONFLICT (vru, meeting) DO UPDATE SET slide = EXCLUDED.slide, page = EXCLUDED.page, pages = EXCLUDED.pages,
                  by_name = EXCLUDED.by_name, at = EXCLUDED.at, db_role = EXCLUDED.db_role;
              PERFORM pg_catalog.pg_notify('\(PostgresStore.channel)', p_vru || ':presenting');
            END $$
            """,
            "ALTER FUNCTION \(s).vrboard_present(text, text, integer, integer, integer, text, text) OWNER TO \(owner)",
            "REVOKE ALL ON FUNCTION \(s).vrboard_present(text, text, integer, integer, integer, text, text) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION \(s).vrboard_present(text, text, integer, integer, integer, text, text) TO \(everyone)",
        ]
    }

    /// Version 3: the writers' collections include `sources` (the documents the figures cite).
    static func version3(_ s: String) -> [String] {
        let fixed = "SET search_path = \(s), pg_temp"
        return [
            "DO $$ BEGIN EXECUTE format('GRANT \(owner) TO %I', current_user); EXCEPTION WHEN OTHERS THEN NULL; END $$",
            """
            CREATE OR REPLACE FUNCTION \(s).vrboard_writes(c text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(fixed) AS $$
              SELECT pg_catalog.pg_has_role(session_user, 'vrboard_admin', 'MEMBER')
                OR (pg_catalog.pg_has_role(session_user, 'vrboard_editor', 'MEMBER') AND c IN (\(Role.sql(Role.editorCollections))))
                OR (pg_catalog.pg_has_role(session_user, 'vrboard_secretary', 'MEMBER') AND c IN (\(Role.sql(Role.secretaryCollections)))) $$
            """,
            "ALTER FUNCTION \(s).vrboard_writes(text) OWNER TO \(owner)",
        ]
    }

    /// Version 2: the server is the only way in. Version 1's policies called `vrboard_sees`, which found
    /// `vrboard_access` through the caller's search path (a temporary table of the same name came first),
    /// and editors could write the tables directly, around the journal.
    static func version2(_ s: String) -> [String] {
        let fixed = "SET search_path = \(s), pg_temp"
        let writers = "vrboard_editor, vrboard_secretary, vrboard_admin"
        return [
            "DO $$ BEGIN CREATE ROLE \(owner) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            // Whoever migrates hands the functions to the owner role, so must be able to act as it (a superuser
            // need not be a member; another migration may be granting it at once: either way, a role that
            // cannot is refused by ALTER FUNCTION … OWNER below, clearly).
            "DO $$ BEGIN EXECUTE format('GRANT \(owner) TO %I', current_user); EXCEPTION WHEN OTHERS THEN NULL; END $$",
            "GRANT USAGE ON SCHEMA \(s) TO \(owner)",
            "GRANT SELECT ON \(s).vrboard_access, \(s).vrboard_vru TO \(owner)",
            "GRANT SELECT, INSERT, UPDATE ON \(s).vrboard_document TO \(owner)",
            "GRANT SELECT, INSERT ON \(s).vrboard_journal TO \(owner)",
            """
            CREATE OR REPLACE FUNCTION \(s).vrboard_sees(v text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(fixed) AS $$
              SELECT pg_catalog.pg_has_role(session_user, 'vrboard_national', 'MEMBER')
                OR pg_catalog.pg_has_role(session_user, 'vrboard_admin', 'MEMBER')
                OR EXISTS (SELECT 1 FROM \(s).vrboard_access a WHERE a.vru = v AND a.login = session_user) $$
            """,
            """
            CREATE OR REPLACE FUNCTION \(s).vrboard_writes(c text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER \(fixed) AS $$
              SELECT pg_catalog.pg_has_role(session_user, 'vrboard_admin', 'MEMBER')
                OR (pg_catalog.pg_has_role(session_user, 'vrboard_editor', 'MEMBER') AND c IN (\(Role.sql(Role.editorCollections))))
                OR (pg_catalog.pg_has_role(session_user, 'vrboard_secretary', 'MEMBER') AND c IN (\(Role.sql(Role.secretaryCollections)))) $$
            """,
            "CREATE OR REPLACE FUNCTION \(s).vrboard_stamp() RETURNS trigger LANGUAGE plpgsql \(fixed) AS $$ BEGIN NEW.db_role := session_user; NEW.committed_at := pg_catalog.now(); RETURN NEW; END $$",
            // A save: one statement, so one transaction, on one connection. The document's row and the
            // journal row are written together or not at all; the server numbers the change and records
            // who made it. A stale base revision is answered with the stored version (a conflict).
            """
            CREATE FUNCTION \(s).vrboard_save(p_vru text, p_entry jsonb,
              OUT outcome text, OUT saved_seq bigint, OUT saved_rev bigint, OUT current_doc text)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER \(fixed) AS $$
            DECLARE
              c text := p_entry->>'collection';
              i text := p_entry->>'id';
              base bigint;
              d jsonb := p_entry->'doc';
              cur_rev bigint;
              cur_doc jsonb;
              n bigint;
            BEGIN
              IF pg_catalog.jsonb_typeof(p_entry->'baseRev') IS DISTINCT FROM 'number' OR pg_catalog.jsonb_typeof(d) IS DISTINCT FROM 'object'
                 OR c IS NULL OR i IS NULL THEN
                RAISE EXCEPTION 'a save carries its collection, id, base revision and document whole' USING ERRCODE = '22023';
              END IF;
              base := (p_entry->>'baseRev')::bigint;
              IF d->>'id' IS DISTINCT FROM i OR p_entry->>'rev' IS DISTINCT FROM (base + 1)::text OR d->>'rev' IS DISTINCT FROM (base + 1)::text THEN
                RAISE EXCEPTION 'a save is of document %, at the revision after the one it is based on (%)', i, base + 1 USING ERRCODE = '22023';
              END IF;
              IF NOT (\(s).vrboard_sees(p_vru) AND \(s).vrboard_writes(c)) THEN
                RAISE EXCEPTION 'role % may not change % in %', session_user, c, p_vru USING ERRCODE = '42501';
              END IF;
              PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('vrboard/' || p_vru));
              SELECT x.rev, x.doc INTO cur_rev, cur_doc FROM \(s).vrboard_document x WHERE x.vru = p_vru AND x.collection = c AND x.id = i;
              IF coalesce(cur_rev, 0) <> base THEN
                outcome := 'conflict'; saved_rev := cur_rev; current_doc := cur_doc::text;
                RETURN;
              END IF;
              SELECT coalesce(max(j.seq), 0) + 1 INTO n FROM \(s).vrboard_journal j WHERE j.vru = p_vru;
              INSERT INTO \(s).vrboard_journal (vru, seq, at, by_name, db_role, collection, id, base_rev, rev, note, entry)
                VALUES (p_vru, n, coalesce(p_entry->>'at', ''), coalesce(p_entry->>'by', ''), session_user, c, i, base, base + 1,
                  coalesce(p_entry->>'note', ''), p_entry || pg_catalog.jsonb_build_object('seq', n, 'login', session_user::text));
              IF cur_rev IS NULL THEN
                INSERT INTO \(s).vrboard_document (vru, collection, id, ord, rev, doc)
                  SELECT p_vru, c, i, coalesce(max(x.ord), 0) + 1, base + 1, d FROM \(s).vrboard_document x WHERE x.vru = p_vru AND x.collection = c;
              ELSE
                UPDATE \(s).vrboard_document x SET rev = base + 1, doc = d WHERE x.vru = p_vru AND x.collection = c AND x.id = i;
              END IF;
              PERFORM pg_catalog.pg_notify('\(PostgresStore.channel)', p_vru || ':' || n);
              outcome := 'saved'; saved_seq := n; saved_rev := base + 1;
            END $$
            """,
            "ALTER FUNCTION \(s).vrboard_sees(text) OWNER TO \(owner)",
            "ALTER FUNCTION \(s).vrboard_writes(text) OWNER TO \(owner)",
            "ALTER FUNCTION \(s).vrboard_save(text, jsonb) OWNER TO \(owner)",
            "REVOKE ALL ON FUNCTION \(s).vrboard_save(text, jsonb) FROM PUBLIC",
            "GRANT EXECUTE ON FUNCTION \(s).vrboard_save(text, jsonb) TO \(writers)",
            // Nobody but an administrator writes a table directly: editors and secretaries save through the function.
            "REVOKE INSERT, UPDATE, DELETE ON \(s).vrboard_document, \(s).vrboard_journal FROM vrboard_editor, vrboard_secretary",
            // Who may see which VRU is for administrators; a VRU's name only for those who may see it.
            "REVOKE SELECT ON \(s).vrboard_access FROM vrboard_viewer, vrboard_editor, vrboard_secretary, vrboard_national",
            "ALTER TABLE \(s).vrboard_vru ENABLE ROW LEVEL SECURITY",
            "CREATE POLICY vrboard_read ON \(s).vrboard_vru FOR SELECT USING (\(s).vrboard_sees(vru))",
            "CREATE POLICY vrboard_manage ON \(s).vrboard_vru FOR ALL TO vrboard_admin USING (true) WITH CHECK (true)",
            // `vrboard repair`, by an administrator: a document put back to its journal's version, a row removed.
            "CREATE POLICY vrboard_repair ON \(s).vrboard_journal FOR DELETE TO vrboard_admin USING (true)",
            "GRANT DELETE ON \(s).vrboard_journal TO vrboard_admin",
        ]
    }

    /// The database's schema version (0: none yet).
    static func current(_ link: Link) throws -> Int {
        let exists = try link.run("SELECT to_regclass('vrboard_schema') IS NOT NULL").first?.decode(Bool.self) ?? false
        guard exists else { return 0 }
        return try link.run("SELECT coalesce(max(version), 0)::bigint FROM vrboard_schema").first?.decode(Int.self) ?? 0
    }

    /// Brings the schema to this binary's version, under the advisory lock; refuses a newer one. Read-only
    /// opening never migrates: it says what to do instead.
    static func ensure(_ link: Link, readOnly: Bool) throws {
        let found = try current(link)
        if found == version { return }
        if found > version {
            throw PostgresStoreError.notAllowed(
                "the database \(link.address.database) holds vrboard schema version \(found), newer than this vrboard understands (\(version)); use a newer vrboard"
            )
        }
        if readOnly {
            throw PostgresStoreError.notAllowed(
                found == 0
                    ? "the database \(link.address.database) holds no vrboard store yet; `vrboard init --store \(link.address.display)` creates one"
                    : "the database \(link.address.database) holds vrboard schema version \(found); open it once writable (an administrator) to upgrade it to \(version)"
            )
        }
        try link.run("SELECT pg_advisory_lock(\(lockKey))")
        defer { _ = try? link.run("SELECT pg_advisory_unlock(\(lockKey))") }
        try link.transaction {
            // Looked at again under the lock: another process may have migrated meanwhile.
            let now = try current(link)
            guard now < version else { return }
            // The schema the tables are in (or will be: the first of the search path), named in every function.
            let schema =
                try link.run(
                    "SELECT quote_ident(coalesce((SELECT n.nspname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass('vrboard_schema')), current_schema()::text))"
                ).first?.decode(String.self) ?? "public"
            let all = steps(schema)
            for step in now..<version {
                for sql in all[step] {
                    do { try link.run(PostgresQuery(unsafeSQL: sql)) } catch let e as PostgresStoreError where e.sqlState == "42501" {
                        throw PostgresStoreError.notAllowed(
                            "creating vrboard's tables in \(link.address.database) needs a role that may create tables and roles (an administrator): \(e)"
                        )
                    }
                }
                try link.run("INSERT INTO vrboard_schema (version) VALUES (\(step + 1))")
            }
        }
    }
}
