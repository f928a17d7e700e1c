#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRStore

/// Wakes the board the moment another process saves: inotify on the store folder, filtered to the
/// journal (the commit point of every save). Where inotify is unavailable `fd` is -1 and the caller
/// polls instead.
public final class StoreWatcher {
    /// The inotify descriptor, or -1 when there is none (the caller falls back to polling).
    public let fd: Int32
    /// A pipe another thread writes a byte to on each change (the PostgreSQL store's NOTIFY listener),
    /// rather than inotify: any byte is a change.
    private let isSignal: Bool
    /// Run when the watcher goes (stops the PostgreSQL listener).
    private let onClose: (() -> Void)?
    private var buffer = [UInt8](repeating: 0, count: 16 << 10)

    /// Wakes on bytes written to `signal`'s other end; `onClose` runs when the watcher goes.
    public init(signal: Int32, onClose: (() -> Void)?) {
        fd = signal
        isSignal = true
        self.onClose = onClose
    }

    public init(path: String) {
        var fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if fd >= 0 && inotify_add_watch(fd, path, UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)) < 0 {
            close(fd)
            fd = -1
        }
        self.fd = fd
        isSignal = false
        onClose = nil
    }

    deinit {
        onClose?()
        if fd >= 0 { close(fd) }
    }

    /// Waits up to `timeoutMs` for input on `input` or a change to the journal; says which woke it
    /// (neither: the time ran out, or a signal arrived).
    public func wait(input: Int32, timeoutMs: Int) -> (input: Bool, store: Bool) {
        let end = monotonicMs() + timeoutMs
        while true {
            var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
            if fd >= 0 { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let left = max(0, end - monotonicMs())
            guard poll(&fds, nfds_t(fds.count), Int32(clamping: left)) > 0 else { return (false, false) }
            let store = fds.count > 1 && fds[1].revents & Int16(POLLIN) != 0 && drain()
            // Only other files changed (a lock taken, snapshots rewritten): keep waiting.
            if fds[0].revents != 0 || store || left == 0 { return (fds[0].revents != 0, store) }
        }
    }

    /// Reads every pending event; true when one names the journal.
    @discardableResult
    func drain() -> Bool {
        var journal = false
        while true {
            let n = read(fd, &buffer, buffer.count)
            guard n > 0 else { return journal }
            if isSignal {
                journal = true
                continue
            }
            var at = 0
            let header = MemoryLayout<inotify_event>.size
            while at + header <= n {
                let len = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at + 12, as: UInt32.self) })
                let nameBytes = buffer[(at + header)..<min(n, at + header + len)].prefix { $0 != 0 }
                if String(decoding: nameBytes, as: UTF8.self) == Store.journalName { journal = true }
                at += header + len
            }
        }
    }

    /// After a wake, lets a burst of saves finish (no further journal event for `quietMs`, at most
    /// `maxMs` in all), so the burst is taken in, and drawn, once.
    public func settle(quietMs: Int = 15, maxMs: Int = 60) {
        guard fd >= 0 else { return }
        let end = monotonicMs() + maxMs
        var quietUntil = monotonicMs() + quietMs
        while true {
            let now = monotonicMs()
            guard now < min(end, quietUntil) else { return }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            // Other files' events (the writer's snapshot rewrites) do not extend the wait; the journal's do.
            if poll(&p, 1, Int32(min(end, quietUntil) - now)) > 0 && drain() { quietUntil = monotonicMs() + quietMs }
        }
    }

    /// After a wait: takes in another process's saves once (a burst settled first), or polls when
    /// `pollEvery` ms have passed since the last look. True when the board changed, false when the store
    /// was asked and nothing had, nil when it was not asked at all (no wake, no poll due). Our own saves,
    /// already taken in, wake the watcher too: they are not waited on.
    public func refresh(after woke: (input: Bool, store: Bool), _ store: some DurableStore, pollEvery: Int, lastPoll: inout Int) throws -> Bool? {
        guard woke.store || monotonicMs() - lastPoll >= pollEvery else { return nil }
        if woke.store && store.hasUnseenChanges { settle() }
        lastPoll = monotonicMs()
        return try store.refresh()
    }

    /// How often to poll as well: with inotify a slow safety net (a file system that sends no events),
    /// without it twice a second.
    public var pollEvery: Int { fd >= 0 ? 2000 : 500 }
}
