#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Foundation

/// An operating-system call that failed, with the path and errno text.
public struct IOFailure: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let operation: String
    public let code: Int32
    public var description: String { "\(path): \(operation) failed: \(String(cString: strerror(code)))" }
}

/// Failures injected at the file layer, for tests of what a failed write, sync or rename does to a save.
/// A rule fails one operation (`open`, `write`, `fdatasync`, `fsync`, `rename`) on every path that starts
/// with a prefix, with an errno. Rules are scoped by path so concurrent tests do not see each other's.
public enum FaultInjection {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var rules: [(op: String, prefix: String, code: Int32)] = []
    nonisolated(unsafe) private static var any = false

    public static func fail(_ operation: String, under prefix: String, errno code: Int32) {
        lock.lock()
        defer { lock.unlock() }
        rules.append((operation, prefix, code))
        any = true
    }

    public static func clear(under prefix: String) {
        lock.lock()
        defer { lock.unlock() }
        rules.removeAll { $0.prefix == prefix }
        any = !rules.isEmpty
    }

    static func check(_ operation: String, _ path: String) throws {
        guard any else { return }
        lock.lock()
        defer { lock.unlock() }
        if let r = rules.first(where: { $0.op == operation && path.hasPrefix($0.prefix) }) {
            throw IOFailure(path: path, operation: operation, code: r.code)
        }
    }
}

/// Thin, checked wrappers over the POSIX calls the store needs. Every call is checked and retried on EINTR.
enum FileIO {
    static func check(_ r: Int32, _ op: String, _ path: String) throws {
        if r < 0 { throw IOFailure(path: path, operation: op, code: errno) }
    }

    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws -> Int32 {
        try FaultInjection.check("open", path)
        while true {
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            if fd >= 0 { return fd }
            if errno == EINTR { continue }
            throw IOFailure(path: path, operation: "open", code: errno)
        }
    }

    static func close(_ fd: Int32) { _ = Glibc.close(fd) }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    static func size(_ fd: Int32, _ path: String) throws -> Int {
        var st = stat()
        try check(fstat(fd, &st), "stat", path)
        return Int(st.st_size)
    }

    /// A file's size by its path; nil when it cannot be read.
    static func size(of path: String) -> Int? {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : nil
    }

    static func mode(of path: String) -> mode_t? {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o7777 : nil
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ path: String) throws {
        try FaultInjection.check("write", path)
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IOFailure(path: path, operation: "write", code: errno)
                }
                done += n
            }
        }
    }

    static func pwriteAll(_ fd: Int32, _ bytes: [UInt8], at offset: Int, _ path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IOFailure(path: path, operation: "write", code: errno)
                }
                done += n
            }
        }
    }

    static func pread(_ fd: Int32, count: Int, at offset: Int, _ path: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        try out.withUnsafeMutableBytes { raw in
            while done < count {
                let n = Glibc.pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IOFailure(path: path, operation: "read", code: errno)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < count { out.removeSubrange(done...) }
        return out
    }

    static func readFile(_ path: String) throws -> [UInt8] {
        let fd = try open(path, O_RDONLY)
        defer { close(fd) }
        return try pread(fd, count: try size(fd, path), at: 0, path)
    }

    static func fsync(_ fd: Int32, _ path: String) throws {
        try FaultInjection.check("fsync", path)
        while Glibc.fsync(fd) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(path: path, operation: "fsync", code: errno)
        }
    }

    static func fdatasync(_ fd: Int32, _ path: String) throws {
        try FaultInjection.check("fdatasync", path)
        while Glibc.fdatasync(fd) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(path: path, operation: "fdatasync", code: errno)
        }
    }

    static func fsyncDirectory(_ dir: String) throws {
        let fd = try open(dir, O_RDONLY | O_DIRECTORY)
        defer { close(fd) }
        try fsync(fd, dir)
    }

    /// Durable replace: temp file in the same folder, write, fsync, keep the old mode, rename, fsync the folder.
    /// A symbolic link is written through: its target is replaced, the link kept.
    static func atomicWrite(_ bytes: [UInt8], to link: String, defaultMode: mode_t = 0o644) throws {
        let path = try resolvingLink(link)
        let dir = directory(of: path)
        let tmp = "\(dir)/.\(basename(of: path)).tmp-\(getpid())"
        let mode = mode(of: path) ?? defaultMode
        let fd = try open(tmp, O_WRONLY | O_CREAT | O_TRUNC, mode: mode)
        do {
            try writeAll(fd, bytes, tmp)
            try check(fchmod(fd, mode), "chmod", tmp)
            try fsync(fd, tmp)
            close(fd)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        do { try FaultInjection.check("rename", path) } catch {
            unlink(tmp)
            throw error
        }
        if rename(tmp, path) != 0 {
            let e = errno
            unlink(tmp)
            throw IOFailure(path: path, operation: "rename", code: e)
        }
        try fsyncDirectory(dir)
    }

    /// The file a path names, following a symbolic link; a link whose target is missing is an error.
    static func resolvingLink(_ path: String) throws -> String {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return path }
        guard let r = realpath(path, nil) else { throw IOFailure(path: path, operation: "follow the symbolic link", code: errno) }
        defer { free(r) }
        return String(cString: r)
    }

    static func isDanglingLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK && !exists(path)
    }

    static func truncate(_ fd: Int32, to length: Int, _ path: String) throws {
        while ftruncate(fd, off_t(length)) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(path: path, operation: "truncate", code: errno)
        }
    }

    static func lock(_ fd: Int32, _ op: Int32, _ path: String) throws {
        while flock(fd, op) != 0 {
            if errno == EINTR { continue }
            throw IOFailure(path: path, operation: "lock", code: errno)
        }
    }

    static func makeDirectory(_ path: String) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for comp in path.split(separator: "/") {
            partial += "/" + comp
            if mkdir(partial, 0o755) != 0 && errno != EEXIST { throw IOFailure(path: partial, operation: "mkdir", code: errno) }
        }
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func basename(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    static func listDirectory(_ path: String) -> [String] {
        guard let d = opendir(path) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) { $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) } }
            if name != "." && name != ".." { out.append(name) }
        }
        return out.sorted()
    }
}

/// A process's own peak memory, for the benchmark's child processes (what wait4 reports of a spawned child
/// counts the process it was started from).
public enum PeakMemory {
    /// Writes `peak KB` (this process's VmHWM) on stderr, the line the benchmark reads.
    public static func report() {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let hwm = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map { $0.filter(\.isNumber) } ?? "0"
        FileHandle.standardError.write(Data("peak \(hwm)\n".utf8))
    }
}
