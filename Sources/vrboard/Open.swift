#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import Foundation
import VRModel
import VRStore
import VRTerminal
import VRUI

enum ColourChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// `auto` honours NO_COLOR (https://no-color.org): set and non-empty means no colour.
    var enabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        }
    }
}

struct DisplayOptions: ParsableArguments {
    @Option(help: "Colour: auto (off when NO_COLOR is set), always or never. RAG always shows its letter.")
    var color: ColourChoice = .auto
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open the board in the terminal (the default).")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @Flag(help: "Do not capture the mouse (clicks and the wheel).") var noMouse = false
    @Flag(help: "Open the store read-only: every edit key says so and no file is touched.") var readOnly = false
    @Option(help: "The author recorded on changes (default: your login name).") var user: String?
    @Option(help: "The screen to start on.") var screen: Screen = .overview

    func run() throws {
        let start = screen
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("the board needs a terminal; for a printable frame use `vrboard render`", code: 2)
        }
        let (store, reason) = try storeOptions.openForBoard(readOnly: readOnly)
        try Runtime.session(store: store, theme: .colour, display: display, mouse: !noMouse, user: user ?? Timestamp.loginName(),
                            notices: reason.map { ["Opened read-only: \($0)"] } ?? []) { app in
            app.state.readOnly = store.readOnly
            if let reason { app.state.readOnlyReason = reason }
            app.send(.show(start))
        }
    }
}

struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk the strategic board through the programme on a shared screen.",
        discussion: "Opens (or starts) the meeting of --meeting DATE (default today), freezing the programme as shown. Read-only: only the meeting's decisions and actions are saved.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @Option(help: ArgumentHelp("The meeting's date (default: today). An earlier meeting shows the board as it was then.", valueName: "yyyy-mm-dd")) var meeting: Day?
    @Option(help: "Who records decisions and actions (default: your login name).") var user: String?
    @Flag(help: "Do not capture the mouse.") var noMouse = false

    func run() throws {
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("the walkthrough needs a terminal; for the papers use `vrboard export --format md|html`", code: 2)
        }
        let date = meeting ?? Timestamp.today()
        let store = try storeOptions.open()
        let author = user ?? Timestamp.loginName()
        let id = try Meetings.open(store: store, date: date, user: author, readOnly: false)
        try Runtime.session(store: store, theme: .highContrast, display: display, mouse: !noMouse, user: author) { app in
            app.state.clock = monotonicMs() / 1000
            app.state.presentation = Presentation(meetingID: id, startedAt: app.state.clock)
        }
    }
}

enum Meetings {
    /// The meeting on `date`, created (freezing the board as it is now) when there is none.
    static func open(store: Store, date: Day, user: String, readOnly: Bool) throws -> String {
        if store.board.meetings[date.description] != nil { return date.description }
        if readOnly { throw CLIError("read-only: there is no meeting on \(date.long) and starting one records it") }
        let m = Meeting.new(on: date, board: store.board, author: user)
        try store.commit(.meeting(m), baseRev: 0, by: user, note: "Board of \(date.long): meeting opened, programme frozen as shown")
        return m.id
    }
}

extension Runtime {
    /// Runs the board in the terminal on `store` until it quits: starts curses (restored on every way
    /// out), lets `setup` prepare the state, loops, and on a writable store writes pending snapshots.
    static func session(store: Store, theme: Theme, display: DisplayOptions, mouse: Bool, user: String,
                        notices: [String] = [], setup: (inout Runtime) -> Void) throws {
        let colour = display.color.enabled
        let term = Terminal(theme: colour ? theme : .monochrome, colour: colour, mouse: mouse)
        defer { term.restore() }
        var app = Runtime(store: store, state: AppState(board: store.board, width: term.size.width, height: term.size.height))
        app.state.user = user
        setup(&app)
        // What opening noticed (a torn line cut, an upgrade, opening read-only) shows in the status line,
        // not on a screen the board is about to cover.
        let said = notices + store.warnings
        if !said.isEmpty { app.send(.notice(said.joined(separator: " · "))) }
        // The whole journal is checked in the background: start-up never waits for it.
        app.journalCheck = JournalCheck(path: store.path)
        try app.loop(term)
        if !store.readOnly {
            try store.close()
            if let warning = store.checkpointProblem { printErr("vrboard: warning: \(warning)") }
        }
    }

    /// Paints, reads input and runs it through update() until something asks to quit.
    mutating func loop(_ term: Terminal) throws {
        var lastPoll = monotonicMs()
        loop: while true {
            state.clock = monotonicMs() / 1000
            term.paint(render(state))
            // Take everything already typed before drawing again, so a burst of keys costs one frame.
            var events: [InputEvent] = []
            if let first = term.read(timeoutMs: 250) {
                events.append(first)
                while events.count < 4096, let more = term.read(timeoutMs: 0) { events.append(more) }
            }
            if let problems = journalCheck?.take() {
                journalCheck = nil
                if let first = problems.first { send(.journalDamaged(first.description)) }
            }
            // Another terminal's saves show up within about half a second, without a keypress.
            if monotonicMs() - lastPoll >= 500 {
                lastPoll = monotonicMs()
                if try store.refresh() { send(.boardChanged(store.board)) }
            }
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

/// Carries out the UI core's effects against the store and answers with messages.
struct Runtime {
    let store: Store
    var state: AppState
    /// The background check of the whole journal, until it reports.
    var journalCheck: JournalCheck?

    /// Sends a message through update() and runs what it asks for; true when it asks to quit.
    @discardableResult
    mutating func send(_ msg: Msg) -> Bool {
        state.now = Timestamp.now()
        var queue = update(&state, msg)
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .quit: return true
            case .save(let edit):
                let answer: Msg
                var warning: String?
                do {
                    try store.commit(edit.doc, baseRev: edit.baseRev, by: state.user, note: edit.note)
                    answer = .saved(edit, board: store.board)
                    // Saved all the same when the snapshots could not be rewritten: the journal holds it.
                    warning = store.checkpointProblem.map { "Saved: \(edit.note) · warning: \($0)" }
                } catch StoreError.conflict(let c) {
                    answer = .conflict(edit, theirs: c.theirs, board: store.board)
                } catch {
                    answer = .saveFailed(edit, reason: "\(error)")
                }
                queue += update(&state, answer)
                if let warning { queue += update(&state, .notice(warning)) }
            case .startPresentation:
                do {
                    let id = try Meetings.open(store: store, date: Timestamp.today(), user: state.user, readOnly: state.readOnly)
                    queue += update(&state, .presentationReady(meetingID: id, board: store.board))
                } catch {
                    state.message = "\(error)"
                }
            case .loadHistory:
                do {
                    let items = try store.journal().reversed().map {
                        HistoryItem(seq: $0.seq, at: $0.at, by: $0.by, collection: $0.collection.rawValue, id: $0.id, rev: $0.rev, note: $0.note)
                    }
                    queue += update(&state, .historyLoaded(items))
                } catch {
                    queue += update(&state, .historyFailed("\(error)"))
                }
            }
        }
        return false
    }
}

func monotonicMs() -> Int {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return t.tv_sec * 1000 + t.tv_nsec / 1_000_000
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one frame of a screen, drawn by the same views as the live board, and exit.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @Option(help: "The screen to draw.") var screen: Screen = .overview
    @Option(help: ArgumentHelp("The frame size, columns x rows, each 1-1000.", valueName: "COLSxROWS")) var size = FrameSize(width: 100, height: 30)
    @Option(help: ArgumentHelp("On the workstreams screen, open this priority's workstreams (e.g. P2).", valueName: "id")) var priority: String?
    @Option(help: ArgumentHelp("Draw a slide of this meeting's walkthrough instead of a screen (with --slide).", valueName: "yyyy-mm-dd")) var meeting: Day?
    @Option(help: ArgumentHelp("The walkthrough slide to draw, from 1.", valueName: "n")) var slide: Int = 1

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        var state = AppState(board: store.board, width: size.width, height: size.height)
        _ = update(&state, .show(screen))
        if let priority {
            guard store.board.priorities[priority] != nil else {
                throw CLIError("no priority '\(priority)'; ids are \(store.board.orderedPriorities.map(\.id).joined(separator: ", "))")
            }
            _ = update(&state, .show(.workstreams))
            WorkstreamsScreen.show(priority: priority, &state)
        }
        if let d = meeting {
            guard store.board.meetings[d.description] != nil else {
                throw CLIError("no meeting on \(d.long); recorded: \(store.board.orderedMeetings.map(\.id).joined(separator: ", "))")
            }
            var p = Presentation(meetingID: d.description, startedAt: 0)
            let count = Presentation.slides(for: store.board.meetings[d.description]!.snapshot.board).count
            guard (1...count).contains(slide) else { throw CLIError("--slide must be 1-\(count)", code: 2) }
            p.slide = slide - 1
            state.presentation = p
        }
        let frame = render(state)
        let lines = display.color == .always || (display.color == .auto && display.color.enabled && isatty(STDOUT_FILENO) != 0)
            ? frame.ansiLines(theme: .colour) : frame.lines
        FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the key table (Markdown), generated from the keymap.", shouldDisplay: false)
    func run() { print(VRUI.Keys.markdown, terminator: "") }
}

/// Checks the whole journal on a thread of its own and holds the result until the loop takes it.
final class JournalCheck: @unchecked Sendable {
    private let lock = NSLock()
    private var result: [Problem]?

    init(path: String) {
        Thread.detachNewThread { [self] in
            let problems = Store.verifyJournal(path).problems
            lock.lock(); result = problems; lock.unlock()
        }
    }

    /// The problems found, once the check has finished (empty when the journal is sound).
    func take() -> [Problem]? {
        lock.lock(); defer { lock.unlock() }
        return result
    }
}
