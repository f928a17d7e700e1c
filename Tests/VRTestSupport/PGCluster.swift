#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// A private PostgreSQL cluster for the tests: `initdb` in a temporary folder (as the unprivileged
/// `postgres` user when the tests run as root, since the server refuses root), password logins over
/// loopback on a free port, stopped when the test process ends. Debian's `postgresql` package
/// provides the programs (`.ci/setup` installs it); a machine without them fails the test that
/// needs one, with the reason: these tests are never skipped.
public final class PGCluster: @unchecked Sendable {
    public let dir: String
    public let port: Int
    public let superuser = "vradmin"
    public let password: String
    private let bin: String
    private let lock = NSLock()
    private var running = false
    /// TLS on (a self-signed certificate made for the cluster).
    public let ssl: Bool

    /// One cluster the whole test process shares (each test makes its own database in it).
    public static let shared: Result<PGCluster, TestFailure> = Result { try PGCluster() }.mapError {
        $0 as? TestFailure ?? TestFailure("\($0)")
    }

    public static func get() throws -> PGCluster { try shared.get() }

    public init(ssl: Bool = false) throws {
        self.ssl = ssl
        guard let bin = PGCluster.binDir() else {
            throw TestFailure("PostgreSQL's server programs (initdb, pg_ctl) are not installed: run `bash .ci/setup` (Debian's postgresql package)")
        }
        self.bin = bin
        password = "pw-" + UUID().uuidString.prefix(12)
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("vrboard-pg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(password.utf8).write(to: URL(fileURLWithPath: dir + "/pwfile"))
        PGCluster.handOver(dir)
        port = try PGCluster.freePort()
        let initdb = try asServerUser(
            bin + "/initdb",
            [
                "-D", dir + "/data", "-U", superuser, "--pwfile=" + dir + "/pwfile", "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                "--no-sync",
            ], timeout: 120)
        guard initdb.status == 0 else { throw TestFailure("initdb failed: \(initdb)") }
        if ssl {
            let cert = try asServerUser(
                try Paths.onPath("openssl"),
                [
                    "req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=localhost", "-keyout", dir + "/data/server.key", "-out",
                    dir + "/data/server.crt",
                ], timeout: 60)
            guard cert.status == 0 else { throw TestFailure("openssl failed: \(cert)") }
        }
        try start()
        PGCluster.register(self)
    }

    /// Starts the server (again, after `stop`).
    public func start() throws {
        let r = try asServerUser(
            bin + "/pg_ctl",
            [
                "-D", dir + "/data", "-l", dir + "/log", "-w", "-t", "60", "-o",
                "-p \(port) -k \(dir) -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" + (ssl ? " -c ssl=on" : ""), "start",
            ], timeout: 90)
        guard r.status == 0 else {
            throw TestFailure("pg_ctl start failed: \(r)\n\((try? String(contentsOfFile: dir + "/log", encoding: .utf8)) ?? "")")
        }
        lock.lock()
        running = true
        lock.unlock()
    }

    /// Stops the server at once (`-m fast`: connections are cut, as when a server goes down).
    public func stop() {
        lock.lock()
        let was = running
        running = false
        lock.unlock()
        guard was else { return }
        _ = try? asServerUser(bin + "/pg_ctl", ["-D", dir + "/data", "-m", "fast", "-w", "stop"], timeout: 60)
    }

    /// An address for `database` as `user` (the superuser by default), with its password in the URL.
    public func url(_ database: String, vru: String? = nil, user: String? = nil, password: String? = nil) -> String {
        let u = user ?? superuser
        let p = password ?? (user == nil ? self.password : "pw-\(u)")
        return "postgres://\(u):\(p)@127.0.0.1:\(port)/\(database)" + (vru.map { "?vru=\($0)" } ?? "")
    }

    /// Runs SQL as the superuser with psql; returns its output (unaligned, tuples only).
    @discardableResult
    public func sql(_ text: String, database: String = "postgres") throws -> String {
        let psql = bin + "/psql"
        let r = try runProcess(
            URL(fileURLWithPath: FileManager.default.fileExists(atPath: psql) ? psql : try Paths.onPath("psql")),
            ["-h", "127.0.0.1", "-p", "\(port)", "-U", superuser, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", text],
            environment: ["PGPASSWORD": password, "PATH": Paths.searchPath], timeout: 60)
        guard r.status == 0 else { throw TestFailure("psql failed on \(text): \(r)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs SQL with psql as `user` (a login made by `login`, password `pw-USER`): its output and
    /// errors, whether or not the server refused it.
    public func psql(as user: String, _ text: String, database: String) throws -> RunResult {
        let psql = bin + "/psql"
        return try runProcess(
            URL(fileURLWithPath: FileManager.default.fileExists(atPath: psql) ? psql : try Paths.onPath("psql")),
            ["-h", "127.0.0.1", "-p", "\(port)", "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", text],
            environment: ["PGPASSWORD": "pw-\(user)", "PATH": Paths.searchPath], timeout: 60)
    }

    /// A new, empty database of its own.
    public func database(_ label: String) throws -> String {
        let name = "t_\(label.replacingOccurrences(of: "-", with: "_"))_\(UUID().uuidString.prefix(8).lowercased())"
        try sql("CREATE DATABASE \(name)")
        return name
    }

    /// A login role with password `pw-NAME`, created once.
    public func login(_ name: String) throws {
        try sql(
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(name)') THEN CREATE ROLE \(name) LOGIN PASSWORD 'pw-\(name)'; END IF; END $$"
        )
    }

    // MARK: Machinery

    /// The newest installed server's programs (initdb, pgbench…), or nil.
    public static func binDir() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(v)/bin/initdb") { return "\(base)/\(v)/bin" }
        return nil
    }

    /// The folder belongs to the server's user when we are root.
    static func handOver(_ dir: String) {
        guard geteuid() == 0, let pw = getpwnam("postgres") else { return }
        chown(dir, pw.pointee.pw_uid, pw.pointee.pw_gid)
        chown(dir + "/pwfile", pw.pointee.pw_uid, pw.pointee.pw_gid)
    }

    private func asServerUser(_ program: String, _ args: [String], timeout: TimeInterval) throws -> RunResult {
        let env = ["PATH": Paths.searchPath, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"]
        if geteuid() == 0 {
            return try spawnAndWait(
                URL(fileURLWithPath: try Paths.onPath("runuser")), ["-u", "postgres", "--", program] + args, environment: env, timeout: timeout)
        }
        return try spawnAndWait(URL(fileURLWithPath: program), args, environment: env, timeout: timeout)
    }

    /// A loopback port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestFailure("bind: \(String(cString: strerror(errno)))") }
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    nonisolated(unsafe) private static var all: [PGCluster] = []
    private static let allLock = NSLock()

    /// Every cluster is stopped, and its folder removed, when the test process exits.
    private static func register(_ c: PGCluster) {
        allLock.lock()
        defer { allLock.unlock() }
        if all.isEmpty { atexit { PGCluster.stopAll() } }
        all.append(c)
    }

    private static func stopAll() {
        allLock.lock()
        let clusters = all
        all = []
        allLock.unlock()
        for c in clusters {
            c.stop()
            try? FileManager.default.removeItem(atPath: c.dir)
        }
    }

    /// Stops this cluster now and removes its folder (a private cluster, at the end of its test).
    public func remove() {
        stop()
        try? FileManager.default.removeItem(atPath: dir)
    }
}
