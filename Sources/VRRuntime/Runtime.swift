import Foundation
import VRModel
import VRStore
import VRStoreAPI
import VRUI

/// A refusal the runtime reports as a message (not a store error).
public struct RuntimeError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension BoardStore {
    /// The meeting on `date`, started as a draft when there is none.
    public func openMeeting(on date: Day, user: String, readOnly: Bool, at timestamp: String = Timestamp.now()) throws -> String {
        if board.meetings[date.description] != nil { return date.description }
        if readOnly { throw RuntimeError("read-only: there is no meeting on \(date.long) and starting one records it") }
        let m = Meeting.new(on: date, board: board, author: user)
        try save(.meeting(m), baseRev: 0, by: user, note: "Board of \(date.long): draft meeting started", at: timestamp)
        return m.id
    }
}

/// Carries out the UI core's effects against a store and answers with messages: the only place the
/// board's saves, history and meetings meet the store.
public struct Runtime<S: BoardStore> {
    public let store: S
    public var state: AppState
    /// The time stamped on saves (ISO 8601, UTC); replaceable in tests. (The day a walkthrough opens is
    /// the board's date, `state.today`.)
    public var now: @Sendable () -> String = { Timestamp.now() }
    /// When set, a page of history is read off the main loop (the terminal session), its answer sent later.
    public var historyInBackground: (@Sendable (HistoryRequest) -> Void)?
    /// What Ctrl-Z does: in the terminal session, stop until `fg`; nothing elsewhere.
    public var onSuspend: (() -> Void)?

    public init(store: S, state: AppState) {
        self.store = store
        self.state = state
    }

    /// Sends a message through update() and carries out what it asks for; true when it asks to quit.
    @discardableResult
    public mutating func send(_ msg: Msg) -> Bool {
        state.now = now()
        // A board whose date is today moves on by itself at midnight (UTC, as the timestamps are).
        if state.board.programme.clock == .today, let day = Day(String(state.now.prefix(10))), day != state.today {
            var moved = state.board
            moved.programme.asAt = day
            _ = update(&state, .boardChanged(moved))
        }
        let effects = update(&state, msg)
        let done = Self.perform(effects, on: &state, store: store, historyInBackground: historyInBackground)
        if done.seen.contains(.suspend) { onSuspend?() }
        return done.quit
    }

    /// Carries out effects on a state (whoever holds it), feeding each answer back through update()
    /// until nothing is left. Returns whether one asked to quit, and every effect seen on the way.
    @discardableResult
    public static func perform(
        _ effects: [Effect], on state: inout AppState, store: S, historyInBackground: (@Sendable (HistoryRequest) -> Void)? = nil
    ) -> (quit: Bool, seen: [Effect]) {
        var queue = effects, seen = effects
        func answer(_ msg: Msg) {
            let more = update(&state, msg)
            seen += more
            queue += more
        }
        while !queue.isEmpty {
            switch queue.removeFirst() {
            case .quit:
                return (true, seen)
            case .suspend:
                // Carried out by whoever runs the terminal (the session), after the update.
                continue
            case .save(let edit):
                do {
                    try store.save(edit.doc, baseRev: edit.baseRev, by: state.user, note: edit.note, at: state.now)
                    answer(.saved(edit, board: store.board))
                    // Saved all the same when the snapshots could not be rewritten: the journal holds it.
                    if let problem = store.checkpointProblem { answer(.notice("Saved: \(edit.note) · warning: \(problem)")) }
                } catch StoreError.conflict(let c) {
                    answer(.conflict(edit, theirs: c.theirs, board: store.board))
                } catch {
                    answer(.saveFailed(edit, reason: "\(error)"))
                }
            case .startPresentation(let create, let on):
                let today = on ?? state.today
                if !create && store.board.meetings[today.description] == nil {
                    answer(.noMeeting(today, next: store.board.nextScheduled(after: today)?.date))
                    continue
                }
                do {
                    let id = try store.openMeeting(on: today, user: state.user, readOnly: state.readOnly, at: state.now)
                    answer(.presentationReady(meetingID: id, board: store.board))
                } catch {
                    answer(.notice("\(error)"))
                }
            case .loadEntry(let item):
                do {
                    let (before, after) = try store.versions(item)
                    answer(.entryLoaded(seq: item.seq, before: before, after: after))
                } catch {
                    answer(.notice("What change #\(item.seq) changed cannot be read: \(error)"))
                    answer(.entryLoaded(seq: item.seq, before: nil, after: nil))
                }
            case .loadHistory(let request):
                if let historyInBackground {
                    historyInBackground(request)
                    continue
                }
                do {
                    let page = try store.history(request)
                    answer(.historyLoaded(page.items, more: page.more, for: request))
                } catch {
                    answer(.historyFailed("\(error)"))
                }
            }
        }
        return (false, seen)
    }
}
