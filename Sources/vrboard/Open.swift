#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Foundation
import VRModel
import VRStore
import VRTerminal
import VRUI
import VRRuntime

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
        let settings = Settings.current
        let notices = (reason.map { ["Opened read-only: \($0)"] } ?? []) + (Settings.loaded.warning.map { ["Config file: \($0)"] } ?? [])
        let warning = try Runtime.session(
            store: store, theme: settings.theme?.theme ?? .colour, colour: display.color.enabled, mouse: !noMouse,
            user: Settings.user(user), notices: notices
        ) { app in
            app.send(.remapKeys(settings.keys))
            if store.readOnly { app.send(.readOnly(reason: reason)) }
            app.send(.show(start))
        }
        if let warning { printErr("vrboard: warning: \(warning)") }
    }
}

struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Walk the strategic board through the programme on a shared screen.",
        discussion:
            "Opens the meeting of --meeting DATE (default today; today's is started if new, freezing the programme as shown; another date needs --new to start one). Read-only: only the meeting's decisions and actions are saved."
    )
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @Option(help: ArgumentHelp("The meeting's date (default: today). An earlier meeting shows the board as it was then.", valueName: "yyyy-mm-dd"))
    var meeting: Day?
    @Option(help: "Who records decisions and actions (default: your login name).") var user: String?
    @Flag(help: "Start a meeting on --meeting DATE when none is recorded there (a mistyped or future date is never started by accident).")
    var new = false
    @Flag(help: "Do not capture the mouse.") var noMouse = false

    func run() throws {
        let today = Timestamp.today()
        let date = meeting ?? today
        // Looked at read-only first: a refusal leaves the store exactly as it was.
        let peek = try storeOptions.open(readOnly: true)
        if peek.board.meetings[date.description] == nil && date != today && !new {
            let known = peek.board.orderedMeetings.map(\.id)
            throw CLIError(
                "no meeting is recorded on \(date.long)\(date > today ? ", a date still to come" : "")"
                    + (known.isEmpty ? "" : "; recorded: \(known.joined(separator: ", "))") + "; add --new to start one (see `vrboard meetings`)")
        }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("the walkthrough needs a terminal; for the papers use `vrboard export --format md|html`", code: 2)
        }
        let store = try storeOptions.open()
        let author = Settings.user(user)
        let id = try store.openMeeting(on: date, user: author, readOnly: false)
        let warning = try Runtime.session(store: store, theme: .highContrast, colour: display.color.enabled, mouse: !noMouse, user: author) { app in
            app.state.clock = monotonicMs() / 1000
            app.send(.remapKeys(Settings.current.keys))
            app.send(.presentationReady(meetingID: id, board: store.board, fromBoard: false))
        }
        if let warning { printErr("vrboard: warning: \(warning)") }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one frame of a screen, drawn by the same views as the live board, and exit.")
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var display: DisplayOptions
    @Option(help: "The screen to draw.") var screen: Screen = .overview
    @Option(help: ArgumentHelp("The frame size, columns x rows, each 1-1000.", valueName: "COLSxROWS")) var size = FrameSize(width: 100, height: 30)
    @Option(help: ArgumentHelp("On the workstreams screen, open this priority's workstreams (e.g. P2).", valueName: "id")) var priority: String?
    @Option(help: ArgumentHelp("Draw a slide of this meeting's walkthrough instead of a screen (with --slide).", valueName: "yyyy-mm-dd"))
    var meeting: Day?
    @Option(help: ArgumentHelp("The walkthrough slide to draw, by its number from 1 (a continued slide: its first page).", valueName: "n"))
    var slide: Int = 1

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
            state.presentation = Presentation(meetingID: d.description, startedAt: 0)
            // --slide N is the slide's number in the running order; a continued slide shows its first page.
            let count = Presentation.slides(for: store.board.meetings[d.description]!.snapshot.board).count
            guard (1...count).contains(slide) else { throw CLIError("--slide must be 1-\(count)", code: 2) }
            state.presentation?.slide = slide - 1
        }
        let frame = render(state)
        let lines =
            display.color == .always || (display.color == .auto && display.color.enabled && isatty(STDOUT_FILENO) != 0)
            ? frame.ansiLines(theme: .colour) : frame.lines
        FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the key table (Markdown), generated from the keymap.", shouldDisplay: false)
    func run() { print(VRUI.Keys.markdown, terminator: "") }
}

struct Meetings: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the board meetings recorded: date, title, attendees, decisions, actions, and when the programme was frozen.")
    @OptionGroup var storeOptions: StoreOptions

    func run() throws {
        let store = try storeOptions.open(readOnly: true)
        let meetings = store.board.orderedMeetings
        guard !meetings.isEmpty else {
            printOut("No meeting is recorded yet: `vrboard present` (or P on the board) starts today's.")
            return
        }
        for m in meetings {
            let counts = [(m.attendees.count, "attendee"), (m.decisions.count, "decision"), (m.actions.count, "action")]
                .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " · ")
            printOut("\(m.id)  \(m.title)  \(counts) · programme as at \(m.snapshot.programme.asAt.long)")
        }
    }
}
