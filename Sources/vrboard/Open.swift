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
    @Option(help: "The screen to start on: overview, workstreams, funding or risks.") var screen: String = "overview"

    func run() throws {
        guard let start = Screen(name: screen) else { throw CLIError("unknown screen '\(screen)'; use overview, workstreams, funding or risks", code: 2) }
        guard isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 else {
            throw CLIError("the board needs a terminal; for a printable frame use `vrboard render`", code: 2)
        }
        let store = try storeOptions.open(readOnly: true)
        let term = Terminal(theme: display.color.enabled ? .colour : .monochrome, colour: display.color.enabled, mouse: !noMouse)
        defer { term.restore() }
        var state = AppState(board: store.board, width: term.size.width, height: term.size.height)
        state.screen = start
        var lastPoll = monotonicMs()
        loop: while true {
            term.paint(render(state))
            let event = term.read(timeoutMs: 250)
            // Another terminal's saves show up within about half a second, without a keypress.
            if monotonicMs() - lastPoll >= 500 {
                lastPoll = monotonicMs()
                if try store.refresh() { _ = update(&state, .boardChanged(store.board)) }
            }
            guard let event else { continue }
            let effects: [Effect]
            switch event {
            case .signal: break loop
            case .key(let k): effects = update(&state, .key(k))
            case .mouse(let m): effects = update(&state, .mouse(m))
            case .resize(let w, let h): effects = update(&state, .resize(width: w, height: h))
            }
            if effects.contains(.quit) { break }
        }
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
    @Option(help: "overview, workstreams, funding or risks.") var screen: String = "overview"
    @Option(help: ArgumentHelp("The frame size.", valueName: "COLSxROWS")) var size: String = "100x30"
    @Option(help: ArgumentHelp("On the workstreams screen, open this priority's workstreams (e.g. P2).", valueName: "id")) var priority: String?

    func run() throws {
        guard let sc = Screen(name: screen) else { throw CLIError("unknown screen '\(screen)'; use overview, workstreams, funding or risks", code: 2) }
        let parts = size.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...1000).contains(h) else {
            throw CLIError("--size must look like 120x36 (columns x rows, each 1-1000)", code: 2)
        }
        let store = try storeOptions.open(readOnly: true)
        var state = AppState(board: store.board, width: w, height: h)
        state.screen = sc
        if let priority {
            guard store.board.priorities[priority] != nil else {
                throw CLIError("no priority '\(priority)'; ids are \(store.board.orderedPriorities.map(\.id).joined(separator: ", "))")
            }
            state.screen = .workstreams
            state.openPriority = priority
        }
        let frame = render(state)
        let lines = display.color == .always || (display.color == .auto && display.color.enabled && isatty(STDOUT_FILENO) != 0)
            ? frame.ansiLines(theme: .colour) : frame.lines
        printOut(lines.joined(separator: "\n"))
    }
}

struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the key table (Markdown), generated from the keymap.", shouldDisplay: false)
    func run() { print(Keymap.markdown, terminator: "") }
}
