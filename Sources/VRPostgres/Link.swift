import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import VRStore

/// One connection to the server, used synchronously (the board's loop and the commands are not async):
/// connected on first use and again after it is lost, every query bounded by a timeout so a server
/// that stops answering is an error, never a hang.
final class Link: @unchecked Sendable {
    let address: PostgresAddress
    private let lock = NSLock()
    private var conn: PostgresConnection?
    /// swift-log's default handler prints to stderr, which would write over the board: nothing is logged.
    static let logger = Logger(label: "vrboard.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    static let connectTimeout: TimeAmount = .seconds(5)
    static let queryTimeout: TimeAmount = .seconds(30)

    init(_ address: PostgresAddress) { self.address = address }

    deinit { drop() }

    /// The connection a transaction began on: every statement of it runs there or fails, never on a
    /// connection made afresh (which would run the rest outside the transaction and its lock).
    private var pinned: PostgresConnection?

    /// The live connection, made when there is none (outside a transaction).
    func connection() throws -> PostgresConnection {
        lock.lock()
        defer { lock.unlock() }
        if let p = pinned {
            guard !p.isClosed else {
                throw PostgresStoreError.lost(address.display, "the connection closed during a transaction, which the server rolls back")
            }
            return p
        }
        if let c = conn, !c.isClosed { return c }
        conn = nil
        let tls: PostgresConnection.Configuration.TLS
        switch address.sslmode {
        case .disable: tls = .disable
        case .prefer, .require, .verifyFull:
            var t = TLSConfiguration.makeClientConfiguration()
            if address.sslmode != .verifyFull { t.certificateVerification = .none }
            let context: NIOSSLContext
            do { context = try NIOSSLContext(configuration: t) } catch {
                throw PostgresStoreError.unreachable(address.display, "TLS could not be set up: \(error)")
            }
            tls = address.sslmode == .prefer ? .prefer(context) : .require(context)
        }
        var config = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user, password: address.password, database: address.database, tls: tls)
        config.options.connectTimeout = Link.connectTimeout
        do {
            let c = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: config, id: 1, logger: Link.logger
            ).wait()
            conn = c
            return c
        } catch {
            // Whatever went wrong, there was never a connection: the store cannot be reached.
            switch PostgresStoreError.from(error, address: address.display) {
            case .lost(let at, let why): throw PostgresStoreError.unreachable(at, why)
            case let e: throw e
            }
        }
    }

    /// Runs one statement and returns its rows; a lost connection or a refusal is a `PostgresStoreError`.
    @discardableResult
    func run(_ query: PostgresQuery, timeout: TimeAmount = Link.queryTimeout) throws -> PostgresQueryResult {
        try bounded(timeout) { try $0.query(query, logger: Link.logger).wait() }
    }

    /// Runs one statement, handing each row to `onRow` (on the connection's thread, one at a time) as it
    /// arrives; failures as `run`'s.
    func stream(_ query: PostgresQuery, timeout: TimeAmount = Link.queryTimeout, onRow: @escaping @Sendable (PostgresRow) throws -> Void) throws {
        _ = try bounded(timeout) { try $0.query(query, logger: Link.logger, onRow).wait() }
    }

    /// `body` on the connection, within `timeout`: a server that stops answering has the connection closed,
    /// which fails the query. A failure is a `PostgresStoreError`; a lost connection is forgotten.
    private func bounded<T>(_ timeout: TimeAmount, _ body: (PostgresConnection) throws -> T) throws -> T {
        let c = try connection()
        let guardTask = c.eventLoop.scheduleTask(in: timeout) { let _: EventLoopFuture<Void> = c.close() }
        defer { guardTask.cancel() }
        do {
            return try body(c)
        } catch {
            let e = PostgresStoreError.from(error, address: address.display)
            if case .lost = e { drop() }
            throw e
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// Every statement runs on the connection BEGIN ran on; if that connection is lost, the rest fail.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        let c = try connection()
        try run(PostgresQuery(unsafeSQL: begin))
        setPinned(c)
        defer { setPinned(nil) }
        let value: T
        do { value = try body() } catch {
            _ = try? run("ROLLBACK")
            throw error
        }
        try run("COMMIT")
        return value
    }

    private func setPinned(_ c: PostgresConnection?) {
        lock.lock()
        pinned = c
        lock.unlock()
    }

    /// Forgets the connection (lost, or to be made afresh).
    func drop() {
        lock.lock()
        let c = conn
        conn = nil
        lock.unlock()
        if let c, !c.isClosed {
            let closing: EventLoopFuture<Void> = c.close()
            _ = try? closing.wait()
        }
    }
}

/// What the PostgreSQL store reports: said in the user's terms, with the server's own reason.
public enum PostgresStoreError: Error, CustomStringConvertible, Equatable {
    /// The server cannot be reached (or refused the login).
    case unreachable(String, String)
    /// The connection was lost during an operation.
    case lost(String, String)
    /// The server refused the statement: its reason and SQLSTATE.
    case refused(String, sqlState: String)
    /// The role may not do this (SQLSTATE 42501), said in vrboard's terms.
    case notAllowed(String)

    /// Opening found no store to open: the database holds no vrboard tables, no VRU, or not the VRU named
    /// (what `init` or `import` then creates).
    public var isMissingStore: Bool {
        guard case .notAllowed(let why) = self else { return false }
        return why.hasPrefix("no VRU '") || why.contains("holds no VRU yet") || why.contains("holds no vrboard store yet")
    }

    public var description: String {
        switch self {
        case .unreachable(let at, let why): "cannot reach the PostgreSQL store at \(at): \(why)"
        case .lost(let at, let why): "lost the connection to the PostgreSQL store at \(at): \(why)"
        case .refused(let why, let state): "the PostgreSQL server refused: \(why) (SQLSTATE \(state))"
        case .notAllowed(let why): why
        }
    }

    static func from(_ error: Error, address: String) -> PostgresStoreError {
        if let e = error as? PostgresStoreError { return e }
        if let p = error as? PSQLError {
            if let info = p.serverInfo {
                let state = info[.sqlState] ?? "?"
                let message = info[.message] ?? "\(p.code)"
                // 28xxx: the login itself was refused (no such role, a wrong password).
                if state.hasPrefix("28") || state == "3D000" { return .unreachable(address, message) }
                // 57P01-57P03: the server is shutting down or not accepting connections.
                if state.hasPrefix("57P") { return .lost(address, message) }
                return .refused(message, sqlState: state)
            }
            switch p.code {
            case .sslUnsupported: return .unreachable(address, "the server does not offer TLS, which the address asks for (sslmode)")
            case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError:
                let detail = p.underlying.map { "\($0)" } ?? "\(p.code)"
                return p.code == .connectionError ? .unreachable(address, detail) : .lost(address, detail)
            default: return .lost(address, "\(p.code)")
            }
        }
        if error is ChannelError || error is IOError { return .unreachable(address, "\(error)") }
        return .lost(address, "\(error)")
    }

    /// The SQLSTATE of a refusal, if it is one.
    var sqlState: String? { if case .refused(_, let s) = self { s } else { nil } }
}
