#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import VRModel
import VRStore
import VRStoreAPI
import VRTerminal
import VRUI

extension Runtime where S: DurableStore {
    /// Runs the board in the terminal on `store` until it quits: starts curses (restored on every way
    /// out), lets `setup` prepare the state, loops, and on a writable store writes pending snapshots.
    /// Returns the warning, if any, about snapshots that could not be rewritten at close.
    @discardableResult
    public static func session(
        store: S, theme: Theme, colour: Bool, mouse: Bool, user: String,
        notices: [String] = [], setup: (inout Runtime) -> Void
    ) throws -> String? {
        let term = Terminal(theme: colour ? theme : .monochrome, colour: colour, mouse: mouse)
        defer { term.restore() }
        var app = Runtime(store: store, state: AppState(board: store.board, width: term.size.width, height: term.size.height))
        let loader = HistoryLoader(read: store.historyReader())
        app.onSuspend = { term.suspend() }
        app.historyInBackground = { loader.start($0) }
        var journalCheck: JournalCheck?
        app.state.user = user
        app.state.login = store.login
        setup(&app)
        // What opening noticed (a torn line cut, an upgrade, opening read-only) shows in the status line,
        // not on a screen the board is about to cover.
        let said = notices + store.warnings + (DocumentCodec.overLongNotice(store.board).map { [$0] } ?? [])
        if !said.isEmpty { app.send(.notice(said.joined(separator: " · "))) }
        // The whole journal is checked in the background: start-up never waits for it.
        journalCheck = JournalCheck(store.journalChecker())
        try app.loop(term, journalCheck: journalCheck, loader: loader)
        if !store.readOnly {
            try store.close()
            return store.checkpointProblem
        }
        return nil
    }

    /// Paints, reads input and runs it through update() until something asks to quit. Another process's
    /// save wakes the loop through the store watcher (inotify) and shows at once; without inotify the
    /// store is polled twice a second.
    mutating func loop(_ term: Terminal, journalCheck: JournalCheck?, loader: HistoryLoader) throws {
        var journalCheck = journalCheck
        let watcher = StoreWatcher(store.changeSignal())
        var lastPoll = monotonicMs()
        var unreachable: String?
        var presenter = PresenterSync()
        loop: while true {
            state.clock = monotonicMs() / 1000
            term.paint(render(state))
            // A page of history on its way: look again soon, to show it as soon as it is read.
            let woke = watcher.wait(input: STDIN_FILENO, timeoutMs: loader.pending ? 10 : 250)
            for answer in loader.take() { send(answer) }
            // Take everything already typed before drawing again, so a burst of keys costs one frame
            // (curses may hold keys it has read already, so it is asked whatever woke the loop).
            var events: [InputEvent] = []
            if let first = term.read(timeoutMs: woke.input ? 15 : 0) {
                events.append(first)
                while events.count < 4096, let more = term.read(timeoutMs: 0) { events.append(more) }
            }
            if let problems = journalCheck?.take() {
                journalCheck = nil
                if let first = problems.first { send(.journalDamaged(first)) }
            }
            // A burst of saves from another process is taken in, and drawn, once. A store that cannot be
            // read just now (a PostgreSQL server gone) is said once, tried again at each poll, and said
            // again when it is back: the board stays as it was, never half taken in.
            do {
                if let changed = try watcher.refresh(after: woke, store, pollEvery: watcher.pollEvery, lastPoll: &lastPoll) {
                    if changed { send(.boardChanged(store.board)) }
                    // Back only once the store was really asked again.
                    if unreachable != nil {
                        unreachable = nil
                        send(.notice("Connected again to \(store.location); the board is up to date"))
                    }
                }
            } catch {
                let text = "\(error)"
                if unreachable != text {
                    send(.notice("Cannot refresh, retrying every \(watcher.pollEvery / 1000) s (saves fail until then): \(text)"))
                }
                unreachable = text
            }
            presenter.sync(&self, woke: woke.store)
            for event in events {
                let quit: Bool
                switch event {
                case .signal: quit = true
                case .key(let k): quit = send(.key(k))
                case .paste(let text): quit = send(.paste(text))
                case .mouse(let m): quit = send(.mouse(m))
                case .resize(let w, let h): quit = send(.resize(width: w, height: h))
                }
                if quit { break loop }
            }
        }
        term.restore()
    }
}

/// The walkthrough's presenter and followers: a presenter publishes its place whenever it moves (not a
/// save: never journalled); a follower's screen reads the presenter's place when the store's signal
/// wakes it (the same inotify or NOTIFY a save sends), and every 250 ms besides.
struct PresenterSync {
    /// The last place published (or tried: a store that cannot take it is not asked again until it moves).
    var published: PresenterPosition?
    var lastLook = 0

    mutating func sync<S: DurableStore>(_ app: inout Runtime<S>, woke: Bool) {
        guard let p = app.state.presentation else { return }
        if app.state.follow != nil {
            guard woke || monotonicMs() - lastLook >= 250 else { return }
            lastLook = monotonicMs()
            let at = try? app.store.presenter(meeting: p.meetingID)
            if at != app.state.follow?.presenter { app.send(.presenterMoved(at)) }
            return
        }
        // Measured (a slide drawn) only once the slide or page has moved.
        if let last = published, last.meeting == p.meetingID, last.slide == p.slide, last.page == p.page { return }
        guard let position = app.state.presenterPosition else { return }
        published = position
        try? app.store.publish(position)
    }
}

/// The monotonic clock in milliseconds.
public func monotonicMs() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
}

/// Checks the whole journal on a thread of its own and holds the result until the loop takes it.
final class JournalCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var result: [String]?

    init(_ check: @escaping @Sendable () -> [String]) {
        Thread.detachNewThread { [self] in
            let problems = check()
            lock.lock()
            result = problems
            lock.unlock()
        }
    }

    /// The problems found, once the check has finished (empty when the journal is sound).
    func take() -> [String]? {
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}

/// Reads pages of history on threads of their own, so the board never waits for the journal; the loop
/// takes the answers as they come.
final class HistoryLoader: @unchecked Sendable {
    private let read: @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool)
    private let lock = NSLock()
    private var answers: [Msg] = []
    private var running = 0

    init(read: @escaping @Sendable (HistoryRequest) throws -> (items: [HistoryItem], more: Bool)) { self.read = read }

    var pending: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running > 0 || !answers.isEmpty
    }

    func start(_ request: HistoryRequest) {
        lock.lock()
        running += 1
        lock.unlock()
        let read = read
        Thread.detachNewThread { [self] in
            let answer: Msg
            do {
                let page = try read(request)
                answer = .historyLoaded(page.items, more: page.more, for: request)
            } catch {
                answer = .historyFailed("\(error)")
            }
            lock.lock()
            answers.append(answer)
            running -= 1
            lock.unlock()
        }
    }

    /// The answers that have arrived, oldest first.
    func take() -> [Msg] {
        lock.lock()
        defer { lock.unlock() }
        let out = answers
        answers = []
        return out
    }
}
