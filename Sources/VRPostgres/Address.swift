#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel

/// Where a PostgreSQL store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB?vru=NAME[&sslmode=…]`.
/// The password comes from the address, else `PGPASSWORD`, else `~/.pgpass` (or `PGPASSFILE`), as
/// libpq reads them; it is never part of what is printed.
public struct PostgresAddress: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// The VRU within the database; nil when the address names none (a database with one VRU opens it).
    public var vru: String?
    /// TLS as libpq's sslmode: disable, prefer (the default: TLS when the server offers it), require
    /// (encrypted, the certificate not checked), verify-full (encrypted, the certificate and host checked).
    public var sslmode: SSLMode

    public enum SSLMode: String, Sendable, CaseIterable { case disable, prefer, require, verifyFull = "verify-full" }

    /// True for text that is meant as a PostgreSQL address rather than a folder.
    public static func isAddress(_ s: String) -> Bool { s.hasPrefix("postgres://") || s.hasPrefix("postgresql://") }

    public init(user: String, password: String? = nil, host: String, port: Int, database: String, vru: String?, sslmode: SSLMode = .prefer) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.vru = vru
        self.sslmode = sslmode
    }

    /// Reads an address; a wrong one is refused with what is wrong (never echoing a password).
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard PostgresAddress.isAddress(text), let c = URLComponents(string: text) else {
            throw AddressError("not a PostgreSQL address: expected postgres://USER@HOST:PORT/DATABASE?vru=NAME")
        }
        guard let host = c.host, !host.isEmpty else { throw AddressError("the address names no host (postgres://USER@HOST:PORT/DATABASE)") }
        let database = String(c.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw AddressError("the address names no database (postgres://USER@HOST:PORT/DATABASE)")
        }
        // URLComponents gives the user and password already percent-decoded.
        let user = c.user ?? environment["PGUSER"] ?? PostgresAddress.osUser()
        var vru: String?
        var sslmode = SSLMode.prefer
        for item in c.queryItems ?? [] {
            switch item.name {
            case "vru":
                guard let v = item.value, !v.isEmpty else { throw AddressError("vru= needs a name") }
                vru = v
            case "sslmode":
                guard let m = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw AddressError("sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslmode = m
            default: throw AddressError("unknown setting '\(Sanitize.display(item.name))' in the address (vru and sslmode are known)")
            }
        }
        self.init(
            user: user, password: c.password, host: host, port: c.port ?? 5432, database: database,
            vru: vru, sslmode: sslmode)
        if let v = vru, let problem = PostgresAddress.nameProblem(v) { throw AddressError("vru=\(Sanitize.display(v)): \(problem)") }
        if password == nil { password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } ?? PostgresAddress.passFile(environment, self) }
    }

    /// The address as it may be printed: no password.
    public var display: String {
        "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)" + (vru.map { "?vru=\($0)" } ?? "")
    }

    /// The address with its password, to hand to another part of this program (never to print).
    public func display(password: String?) -> String {
        guard let password, var c = URLComponents(string: display) else { return display }
        c.password = password
        return c.string ?? display
    }

    /// The same address for another VRU of the database.
    public func with(vru: String?) -> PostgresAddress {
        var a = self
        a.vru = vru
        return a
    }

    /// Why a VRU's name cannot be used, or nil: letters, digits, `-` and `_`, 1-64 of them.
    public static func nameProblem(_ name: String) -> String? {
        let ok = name.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "-" || $0 == "_" }
        return ok && (1...64).contains(name.count) ? nil : "a VRU's name is 1-64 letters, digits, '-' or '_'"
    }

    static func osUser() -> String {
        if let pw = getpwuid(geteuid()), let n = pw.pointee.pw_name { return String(cString: n) }
        return "postgres"
    }

    /// The password `~/.pgpass` (or `PGPASSFILE`) gives this address, as libpq reads it: the first line
    /// whose host, port, database and user match (`*` matches anything; `\:` and `\\` escape). A file
    /// others can read is ignored, as libpq ignores it.
    static func passFile(_ env: [String: String], _ a: PostgresAddress) -> String? {
        let home = env["HOME"] ?? NSHomeDirectory()
        let path = env["PGPASSFILE"] ?? (home + "/.pgpass")
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & 0o077 == 0, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for ch in line {
                if escaped {
                    fields[fields.count - 1].append(ch)
                    escaped = false
                } else if ch == "\\" {
                    escaped = true
                } else if ch == ":" && fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(ch)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [a.host, "\(a.port)", a.database, a.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}

/// A PostgreSQL address that cannot be used, and why.
public struct AddressError: Error, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
