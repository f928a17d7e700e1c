import Foundation
import PostgresNIO

/// vrboard's tables, roles and policies in a database, versioned like the folder store's format and
/// created or moved forward by vrboard itself, under an advisory lock, in one transaction, never
/// dropping anything.
enum Schema {
    /// The version this binary writes; a database at a newer one is refused.
    static let version = 1
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
        static let editorCollections = ["workstreams", "risks", "interventions", "evaluations", "funding", "outcomes"]
        static let secretaryCollections = ["meetings", "members"]
        static func list(_ xs: [String]) -> String { xs.count < 2 ? xs.joined() : xs.dropLast().joined(separator: ", ") + " and " + xs.last! }
        static func sql(_ xs: [String]) -> String { xs.map { "'\($0)'" }.joined(separator: ", ") }
    }

    /// Each version's statements, in order: version n is reached by running steps[n - 1].
    static let steps: [[String]] = [
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
        ]
    ]

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
            for step in now..<version {
                for sql in steps[step] {
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
