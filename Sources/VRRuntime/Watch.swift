#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRStore
import VRStoreAPI

/// Waits for the keyboard and for another process's saves at once, over a store's change signal
/// (`DurableStore.changeSignal()`), and takes a burst of saves in once.
public final class StoreWatcher {
    private let signal: any ChangeSignal
    /// The signal's descriptor, or -1 when there is none (the caller falls back to polling).
    public var fd: Int32 { signal.fd }

    public init(_ signal: any ChangeSignal) { self.signal = signal }

    /// Watches a folder store's journal.
    public convenience init(path: String) { self.init(FolderSignal(path: path)) }

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

    private func drain() -> Bool { signal.drain() }

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
