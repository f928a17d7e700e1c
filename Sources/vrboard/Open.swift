#if canImport(Glibc)
    import Glibc
#endif
import ArgumentParser
import Foundation
import VRModel
import VRStore
import VRStoreAPI
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
        let warning = try runSession(
            store, theme: settings.theme?.theme ?? .colour, colour: display.color.enabled, mouse: !noMouse,
            user: Settings.user(user), notices: notices,
            messages: [.remapKeys(settings.keys)] + (store.readOnly || reason != nil ? [.readOnly(reason: reason)] : []) + [.show(start)])
        if let warning { printErr("vrboard: warning: \(warning)") }
    }
}

struct Present: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Walk the strategic board through the programme on a shared screen.",
        discussion: """
            Opens the meeting of --meeting DATE (default: the board's date, today on a live board). A date with no meeting asks before starting a draft \
            (or --new starts one without asking). A draft's slides follow the live board; H starts the meeting proper \
            (freezing them), C closes the minutes. The slides are read-only: the meeting's own record is saved. \
            --follow opens the meeting read-only on another terminal (a member's own screen, a PostgreSQL viewer, \
            a folder shared over ssh) and shows the slide the presenter is on, moving as they move; paging on \
            your own stops following, f goes back to the presenter's slide.
            """
    )
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }
    @OptionGroup var display: DisplayOptions
    @Option(
        help: ArgumentHelp(
            "The meeting's date (default: the board's date). An earlier meeting shows the board as it was then.", valueName: "yyyy-mm-dd"))
    var meeting: Day?
    @Option(help: "Who records decisions and actions (default: your login name).") var user: String?
    @Flag(help: "Start a draft meeting on the date when none is recorded there, without asking.")
    var new = false
    @Flag(help: "Do not capture the mouse.") var noMouse = false
    @Flag(help: "Follow the presenter of the meeting from this terminal, read-only (f follows again after paging on your own).")
    var follow = false

    func run() throws {
        if follow { return try runFollower() }
        // Looked at read-only first: a refusal leaves the store exactly as it was.
        let peek = try storeOptions.open(readOnly: true)
        let today = peek.board.programme.asAt
        var date = meeting ?? today
        let interactive = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
        // No meeting on the board's date: the next one scheduled is offered (asked at a terminal, named off one).
        if meeting == nil && !new && peek.board.meetings[date.description] == nil, let next = peek.board.nextScheduled(after: date) {
            let offer = "no meeting is recorded on \(date.long) (the board's date); the next scheduled is \(next.date.long)"
            guard interactive else { throw CLIError(offer + "; give --meeting \(next.date) to open it, or --new to start one on \(date.long)") }
            guard askYes("vrboard: \(offer). Open it?") else { throw CLIError("no meeting opened") }
            date = next.date
        }
        if peek.board.meetings[date.description] == nil && !new {
            let known = peek.board.orderedMeetings.map(\.id)
            let missing =
                "no meeting is recorded on \(date.long)\(date > today ? ", after \(peek.board.programme.dateName)" : date < today ? ", before \(peek.board.programme.dateName)" : "")"
            guard interactive else {
                throw CLIError(
                    missing + (known.isEmpty ? "" : "; recorded: \(known.joined(separator: ", "))")
                        + "; add --new to start one (see `vrboard meetings`)")
            }
            // Asked, never assumed: a mistyped date does not start a meeting.
            guard askYes("vrboard: \(missing). Start a draft meeting on \(date.long)?") else { throw CLIError("no meeting started") }
        }
        guard interactive else {
            throw CLIError("the walkthrough needs a terminal; for the papers use `vrboard export --format md|html`", code: 2)
        }
        let store = try storeOptions.open()
        let author = Settings.user(user)
        let id = try store.openMeeting(on: date, user: author, readOnly: false)
        let warning = try runSession(
            store, theme: .highContrast, colour: display.color.enabled, mouse: !noMouse, user: author,
            prepare: { $0.clock = monotonicMs() / 1000 },
            messages: [.remapKeys(Settings.current.keys), .presentationReady(meetingID: id, board: store.board, fromBoard: false)])
        if let warning { printErr("vrboard: warning: \(warning)") }
    }

    /// A follower's screen: the meeting opened read-only, its slide the presenter's.
    func runFollower() throws {
        if new { throw CLIError("--follow follows a meeting already recorded; --new starts one (the presenter's)", code: VRBoard.Exit.usage) }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("following a walkthrough needs a terminal", code: VRBoard.Exit.usage)
        }
        let store = try storeOptions.open(readOnly: true)
        let b = store.board
        let date = meeting ?? b.programme.asAt
        guard b.meetings[date.description] != nil else {
            let known = b.orderedMeetings.map(\.id)
            throw CLIError(
                "no meeting is recorded on \(date.long) to follow" + (known.isEmpty ? "" : "; recorded: \(known.joined(separator: ", "))")
                    + " (--meeting DATE)")
        }
        let at = try? store.presenter(meeting: date.description)
        _ = try runSession(
            store, theme: .highContrast, colour: display.color.enabled, mouse: !noMouse, user: Settings.user(user),
            prepare: {
                $0.clock = monotonicMs() / 1000
                $0.follow = Follow()
            },
            messages: [
                .remapKeys(Settings.current.keys), .readOnly(reason: "following the presenter: this screen only reads the meeting"),
                .presentationReady(meetingID: date.description, board: store.board, fromBoard: false), .presenterMoved(at),
            ])
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print one frame of a screen, drawn by the same views as the live board, and exit.")
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }
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
        // Printed to a terminal, emoji sequences are laid out as it draws them, as on the live board.
        if WidthProbe.wanted, let p = WidthProbe.measureRaw() { Width.profile = p }
        var state = AppState(board: store.board, width: size.width, height: size.height)
        // What showing the screen asks of the store (History's first page) is carried out, as on the board.
        let effects = update(&state, .show(screen))
        perform(effects, on: &state, store: store)
        if let priority {
            guard store.board.priorities[priority] != nil else {
                throw CLIError("no priority '\(priority)'; ids are \(store.board.orderedPriorities.map(\.id).joined(separator: ", "))")
            }
            _ = update(&state, .show(.workstreams))
            WorkstreamsScreen.show(priority: priority, &state)
        }
        if let d = meeting {
            guard store.board.meetings[d.description] != nil else { throw CLIError(noMeeting(on: d, in: store.board)) }
            state.presentation = Presentation(meetingID: d.description, startedAt: 0)
            // --slide N is the slide's number in the running order; a continued slide shows its first page.
            let count = Presentation.slides(for: store.board.meetings[d.description]!.shown(live: store.board)).count
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

struct KeyTable: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Print the key table (Markdown), generated from the keymap.", shouldDisplay: false)
    func run() { print(Keys.markdown, terminator: "") }
}

struct Meetings: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meetings",
        abstract: "The board meetings recorded, and their life: draft, held, closed.",
        subcommands: [List.self, Schedule.self, Plan.self, Hold.self, Close.self], defaultSubcommand: List.self)

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Schedule meetings ahead: a draft on each date (the board meets quarterly), its slides following the live board.")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The dates.", valueName: "yyyy-mm-dd")) var dates: [Day]
        @Option(help: "Who schedules them (default: the config file's user, else your login name).") var user: String?
        func run() throws {
            guard !dates.isEmpty else { throw CLIError("give the dates to schedule (yyyy-mm-dd)", code: VRBoard.Exit.usage) }
            let store = try storeOptions.open()
            let author = Settings.user(user)
            for d in dates.sorted() {
                if store.board.meetings[d.description] != nil {
                    printOut("\(d.long): already recorded")
                    continue
                }
                let m = Meeting.new(on: d, board: store.board, author: author)
                try store.save(.meeting(m), baseRev: 0, by: author, note: "Board of \(d.long): scheduled", at: Timestamp.now())
                printOut("Saved: board of \(d.long) scheduled")
            }
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "The forward plan: each meeting from the board's date on, the quarter it receives, and the annual business it takes.")
        @OptionGroup var storeLocation: StoreLocation
        func run() throws {
            let b = try storeLocation.resolved.open(readOnly: true).board
            for line in Meetings.planLines(b) { printOut(line) }
        }
    }

    /// The forward plan as lines, and the business no meeting takes yet.
    static func planLines(_ b: Board) -> [String] {
        var out = ["Forward plan from \(b.programme.asAtLabel)"]
        let plan = b.forwardPlan
        if plan.isEmpty { out.append("  No meeting is scheduled: `vrboard meetings schedule DATE…` schedules them (the board meets quarterly).") }
        for p in plan {
            let ahead = p.meeting.date > b.programme.asAt ? "" : " (on the board's date)"
            out.append("\(p.meeting.date.long)\(ahead) · \(p.meeting.stage.label.lowercased()) · receives the \(p.quarter.label) close")
            for item in p.business {
                let done = b.settlement(of: item).map { " · settled \($0.meeting.date.long)" } ?? (item.due < b.programme.asAt ? " · OVERDUE" : "")
                out.append("    Annual business: \(Sanitize.display(item.title)) (due \(item.due.long))\(done)")
            }
        }
        let untaken = b.openBusiness.filter { b.meetingTaking($0) == nil }
        for item in untaken { out.append("Not yet on any meeting: \(Sanitize.display(item.title)) (due \(item.due.long))") }
        return out
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the meetings: date, stage, attendance and quorum, decisions, actions, and the board shown.")
        @OptionGroup var storeLocation: StoreLocation
        var storeOptions: StoreOptions { storeLocation.resolved }

        func run() throws {
            let store = try storeOptions.open(readOnly: true)
            let b = store.board
            let meetings = b.orderedMeetings
            guard !meetings.isEmpty else {
                printOut("No meeting is recorded yet: `vrboard present --new` (or P on the board) starts a draft on the board's date.")
                return
            }
            for m in meetings {
                let counts = [(m.decisions.count, "decision"), (m.actions.count, "action")]
                    .map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " · ")
                let shown =
                    m.stage == .draft ? "slides follow the live board" : "board as shown, as at \(m.shown(live: b).programme.asAt.long)"
                printOut("\(m.id)  \(Width.pad(m.stage.label, to: 6))  \(counts) · \(m.quorumText(m.shown(live: b))) · \(shown)")
                // The paper: what is not yet written (the walkthrough's paper form writes it).
                let missing =
                    m.header.unwritten(recommendations: m.recommendations).map { "\($0.number) \($0.title)" }
                    + (m.header.authorMember == nil ? ["the report author (not chosen)"] : [])
                printOut(
                    "            paper: "
                        + (missing.isEmpty
                            ? "every section written" : "not yet written: " + missing.map { Sanitize.display($0) }.joined(separator: "; ")))
            }
        }
    }

    /// Moves a meeting on in its life, from the command line.
    static func advance(
        _ storeOptions: StoreOptions, _ date: Day, user: String?, from: MeetingStage, future: Bool,
        _ change: (inout Meeting, Board, String) -> String
    )
        throws
    {
        let store = try storeOptions.open()
        guard var m = store.board.meetings[date.description] else { throw CLIError(noMeeting(on: date, in: store.board)) }
        guard m.stage == from else { throw CLIError("the meeting of \(date.long) is \(m.stage.label.lowercased()), not \(from.label.lowercased())") }
        if date > store.board.programme.asAt && !future {
            throw CLIError(
                "the meeting of \(date.long) is dated after \(store.board.programme.dateName): it has not met yet; give --future if it is meant",
                code: VRBoard.Exit.usage)
        }
        let base = m.rev
        let now = Timestamp.now()
        let note = change(&m, store.board, now)
        try store.save(.meeting(m), baseRev: base, by: Settings.user(user), note: note, at: now)
        printOut("Saved: \(note)")
    }

    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Hold a draft meeting: freeze the board as it is now as the board shown (H in the walkthrough).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The meeting's date.", valueName: "yyyy-mm-dd")) var date: Day
        @Option(help: "Who holds it (default: the config file's user, else your login name).") var user: String?
        @Flag(help: "Hold it although it is dated after the board's date.") var future = false
        func run() throws {
            try Meetings.advance(storeOptions, date, user: user, from: .draft, future: future) { m, b, now in
                m.hold(board: b, seq: b.holdPosition, at: now)
                return "Board of \(m.date.long): meeting held, the board as shown frozen"
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a held meeting's minutes: final; later corrections are amendments (C in the walkthrough).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The meeting's date.", valueName: "yyyy-mm-dd")) var date: Day
        @Option(help: "Who closes them (default: the config file's user, else your login name).") var user: String?
        @Flag(help: "Close them although the meeting is dated after the board's date.") var future = false
        func run() throws {
            try Meetings.advance(storeOptions, date, user: user, from: .held, future: future) { m, _, now in
                m.close(at: now)
                return "Board of \(m.date.long): minutes closed"
            }
        }
    }
}

/// Asks `question` on the terminal (`[y/N]`): true only for y or yes, so nothing is ever assumed.
func askYes(_ question: String) -> Bool {
    FileHandle.standardOutput.write(Data("\(question) [y/N] ".utf8))
    guard let answer = readLine() else { return false }
    return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
}

/// "no meeting on 3 Nov 2021; recorded: 2021-11-02", or that none is recorded yet and how to start one.
func noMeeting(on date: Day, in b: Board) -> String {
    let known = b.orderedMeetings.map(\.id)
    return "no meeting on \(date.long)"
        + (known.isEmpty ? "; none is recorded yet (vrboard present --new starts one)" : "; recorded: \(known.joined(separator: ", "))")
}

/// Carries out effects on a state once, against whichever store was opened (for one printed frame).
func perform<S: DurableStore>(_ effects: [Effect], on state: inout AppState, store: S) {
    Runtime<S>.perform(effects, on: &state, store: store)
}

/// The board in the terminal on whichever store was opened.
/// `prepare` readies the state, then `messages` go through the board in order, before the first frame.
func runSession<S: DurableStore>(
    _ store: S, theme: Theme, colour: Bool, mouse: Bool, user: String, notices: [String] = [],
    prepare: (inout AppState) -> Void = { _ in }, messages: [Msg]
) throws -> String? {
    try Runtime<S>.session(store: store, theme: theme, colour: colour, mouse: mouse, user: user, notices: notices) { app in
        prepare(&app.state)
        for m in messages { app.send(m) }
    }
}
