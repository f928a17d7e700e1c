#if canImport(Glibc)
    import Glibc
#endif
import Foundation

/// Wakes a reader the moment another process saves to a folder store: inotify on the folder, filtered to
/// the journal (the commit point of every save). Where inotify is unavailable `fd` is -1 and the caller
/// polls instead.
public final class FolderSignal {
    /// The inotify descriptor, or -1 when there is none.
    public let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 16 << 10)

    public init(path: String) {
        var fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0 && inotify_add_watch(fd, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) < 0 {
            close(fd)
            fd = -1
        }
        self.fd = fd
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads every pending event; true when one names the journal, or the presenter's place (other files,
    /// a lock or a snapshot rewritten, are not saves).
    public func drain() -> Bool {
        guard fd >= 0 else { return false }
        var journal = false
        while true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return journal }
            var at = 0
            let header = MemoryLayout<inotify_event>.size
            while at + header <= n {
                let len = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self) })
                let nameBytes = buffer[(at + header)..<min(n, at + header + len)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                if name == Store.journalName || name == Store.presenterName { journal = true }
                at += header + len
            }
        }
    }
}
