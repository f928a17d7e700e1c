import ArgumentParser
import Foundation
import VRModel
import VRStore
import VRStoreAPI

/// `vrboard date`: the board's one date, and switching it between today and a fixed date.
struct BoardDateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "date",
        abstract: "Show the board's date, or make it today (a live board) or a fixed date.",
        discussion: """
            Every judgement on the board (overdue reviews, actions and returns, quarters ended, the share of the year gone, \
            attention, slides, the pack, the quarter close) uses one date. On a live board it is today, moving by itself; a store \
            made from a historical dataset keeps the date of its paper (`sample`), and a VRU bringing its board up to date can fix \
            one. An entry made while the date is not today keeps both: when it was recorded and the board date it belongs to.
            """)
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }
    @Option(name: .customLong("fixed"), help: ArgumentHelp("Fix the board's date at this day.", valueName: "yyyy-mm-dd")) var date: Day?
    @Flag(help: "Make the board's date today, moving by itself.") var today = false
    @Option(help: "Who changes it (default: the config file's user, else your login name).") var user: String?

    func run() throws {
        if date != nil && today { throw CLIError("give --fixed DATE or --today, not both", code: VRBoard.Exit.usage) }
        guard date != nil || today else {
            let p = try storeOptions.open(readOnly: true).board.programme
            printOut("The board's date: \(p.asAt.long) (\(BoardDateCommand.describe(p.clock)))")
            return
        }
        let author = Settings.user(user)
        var said = ""
        let saved = try writeChange(storeOptions, by: author) { board, _ in
            var p = board.programme
            let base = p.rev
            if today {
                p.clock = .today
                p.asAt = Day.today()
            } else if let date {
                p.clock = .fixed
                p.asAt = date
            }
            guard p.clock != board.programme.clock || p.asAt != board.programme.asAt else {
                throw CLIError("the board's date is already \(p.asAt.long) (\(BoardDateCommand.describe(p.clock)))")
            }
            said = "The board's date: \(p.asAt.long) (\(BoardDateCommand.describe(p.clock)))"
            return (.programme(p), base, said)
        }
        printOut("Saved: \(said) (change #\(saved.entry.seq), by \(author))")
    }

    static func describe(_ c: BoardClock) -> String {
        switch c {
        case .today: "today: a live board, moving by itself"
        case .fixed: "fixed: `vrboard date --today` makes it today"
        case .sample: "a sample, fixed at the date of its paper: `vrboard date --today` makes it today"
        }
    }
}

/// `vrboard quarter`: the quarter close checklist.
struct QuarterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarter",
        abstract: "List what the quarter close still needs, and who owns it (exit 1 while anything is outstanding).",
        discussion: """
            At the end of each quarter the board needs, for the quarterly highlight report (004 ToR) and the VRU Programme \
            Summary (000 §2.3.6): every reach return, every category's actuals, commentary on material variances, each live \
            workstream rated or reviewed in the quarter, no risk past its review, and the grant conditions holding on the \
            forecast. Each missing one is listed with its owner; recording it in the ordinary way ticks it off. Q on the board \
            shows the same checklist.
            """)
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, csv }
    @OptionGroup var storeLocation: StoreLocation
    var storeOptions: StoreOptions { storeLocation.resolved }
    @Option(help: ArgumentHelp("The quarter (default: the last one ended at the board's date).", valueName: "2021-Q3")) var quarter: Quarter?
    @Option(help: "text or csv.") var format: Format = .text

    func run() throws {
        let b = try storeOptions.open(readOnly: true).board
        let close = b.quarterClose(quarter ?? QuarterClose.defaultQuarter(asAt: b.programme.asAt))
        switch format {
        case .csv: FileHandle.standardOutput.write(Data(Sanitize.display(close.csv, keepLineBreaks: true).utf8))
        case .text: for line in QuarterCommand.text(close, b) { printOut(line) }
        }
        if close.outstanding {
            throw CLIError("\(close.items.count) item\(close.items.count == 1 ? "" : "s") outstanding for \(close.quarter.label)")
        }
    }

    static func text(_ c: QuarterClose, _ b: Board) -> [String] {
        let state = c.ended ? "ended \(c.quarter.last.long)" : "ends \(c.quarter.last.long), not yet ended"
        var out = [
            "Quarter close: \(c.quarter.label) (\(state)), \(b.programme.asAtLabel)",
            "For the quarterly highlight report [004 ToR] and the VRU Programme Summary [000 §2.3.6].",
        ]
        for kind in QuarterClose.Kind.allCases {
            let items = c.items(kind)
            out.append("")
            out.append(c.summary(kind))
            for i in items { out.append("    \(Sanitize.display(i.what)) · \(Sanitize.display(i.owner))\(i.due.map { " · due \($0.long)" } ?? "")") }
        }
        out.append("")
        out.append(c.outstanding ? "\(c.items.count) outstanding." : "Nothing outstanding: the quarter is ready to report.")
        return out
    }
}

/// `vrboard year`: the financial years of a store; `year open` starts the next, `year undo` takes back one
/// opened by mistake while nothing has been entered in it.
struct Year: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year",
        abstract: "Show the store's financial years; open the next one, or undo one opened by mistake.",
        discussion: """
            `year open 2022/23` closes the board's year as it stands (every screen, render, export, history and present read \
            it with --year 2021/22) and carries forward the priorities, workstreams with their latest ratings, open risks with \
            their actions, interventions with their returns and the grants; the core grant's amount recorded for the new year \
            becomes the allocation, with a draft split for the board to approve. `year undo` takes it back while nothing has \
            been entered in the new year.
            """,
        subcommands: [List.self, Open.self, Undo.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The open year and the closed ones, with their figures.")
        @OptionGroup var storeLocation: StoreLocation
        func run() throws {
            let b = try storeLocation.resolved.open(readOnly: true).board
            printOut("Open: \(b.programme.year), \(b.programme.asAtLabel)")
            for c in b.programme.closedYears.reversed() {
                printOut("Closed: \(c.year) at change #\(c.seq), \(Sanitize.display(c.by)) (read it with --year \(c.year))")
                printOut("  " + Sanitize.display(c.figures.summary))
            }
            for e in b.programme.earlierYears.reversed() { printOut("Before this store: " + Sanitize.display(e.summary)) }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open the next financial year (asks first, saying what will happen; --yes when not at a terminal).")
        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The year to open: the one after the board's.", valueName: "2022/23")) var year: String
        @Flag(help: "Open it without asking.") var yes = false
        @Option(help: "Who opens it (default: the config file's user, else your login name).") var user: String?

        func run() throws {
            let store = try storeOptions.open()
            if let first = store.journalProblems().first {
                throw CLIError("\(first)\nnot saved: the journal does not check; run `vrboard validate`, then `vrboard repair`")
            }
            let author = Settings.user(user)
            let b = store.board
            let now = Timestamp.now()
            // Opened before, its funding not yet moved (the second save failed): finish it.
            if b.programme.year == year, let closed = b.programme.closedYears.last, b.funding.year != year {
                let last = try store.board(atSeq: closed.seq)
                let opening: YearOpening
                do { opening = try last.openingYear(year, seq: closed.seq, at: closed.closedAt, by: closed.by) } catch { throw CLIError("\(error)") }
                var fu = opening.funding
                fu.year = year
                try store.save(.funding(fu), baseRev: b.funding.rev, by: author, note: "Year \(year) opened: funding", at: now)
                printOut("Saved: the \(year) funding (the year was opened, its funding not yet moved)")
                return
            }
            let opening: YearOpening
            do { opening = try b.openingYear(year, seq: store.lastSeq, at: now, by: author) } catch { throw CLIError("\(error)") }
            printOut("Opening \(year) on \(store.location):")
            for line in opening.plan { printOut("  · " + line) }
            if !yes {
                guard isatty(STDIN_FILENO) != 0 else { throw CLIError("nothing changed: add --yes to open \(year)", code: VRBoard.Exit.usage) }
                guard askYes("Open \(year)?") else { throw CLIError("nothing changed") }
            }
            var fu = opening.funding
            fu.year = year
            do {
                try store.save(
                    .programme(opening.programme), baseRev: b.programme.rev, by: author, note: "Year \(year) opened: \(b.programme.year) closed",
                    at: now)
            } catch StoreError.conflict {
                throw CLIError("nothing changed: another save reached the programme first; run it again", code: VRBoard.Exit.conflict)
            }
            do {
                try store.save(.funding(fu), baseRev: b.funding.rev, by: author, note: "Year \(year) opened: funding", at: now)
            } catch {
                throw CLIError("\(year) is open but its funding was not moved (\(error)): run `vrboard year open \(year)` again to finish")
            }
            printOut("Saved: \(year) is open; \(b.programme.year) reads with --year \(b.programme.year)")
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "undo", abstract: "Take back a year opened by mistake, while nothing has been entered in it.")
        @OptionGroup var storeOptions: StoreOptions
        @Option(help: "Who undoes it (default: the config file's user, else your login name).") var user: String?

        func run() throws {
            let store = try storeOptions.open()
            let b = store.board
            guard let closed = b.programme.closedYears.last else { throw CLIError("no year has been opened on \(store.location)") }
            let opened = "Year \(b.programme.year) opened"
            // The newest changes only, never the whole journal: opening a year is two saves, so a third
            // after the close was entered in the new year.
            let page = try store.history(HistoryRequest(id: nil, limit: 3))
            let since = page.items.filter { $0.seq > closed.seq }
            if let other = since.first(where: { !$0.note.hasPrefix(opened) }) ?? (since.count > 2 ? since.first : nil) {
                throw CLIError(
                    "\(b.programme.year) cannot be undone: change #\(other.seq) was entered in it (\(Sanitize.display(other.note))); correct the board instead"
                )
            }
            let last = try store.board(atSeq: closed.seq)
            let author = Settings.user(user), now = Timestamp.now()
            var p = last.programme
            p.rev = b.programme.rev
            var fu = last.funding
            fu.rev = b.funding.rev
            let note = "Year \(b.programme.year) undone: back to \(closed.year)"
            if fu != b.funding { try store.save(.funding(fu), baseRev: b.funding.rev, by: author, note: note, at: now) }
            try store.save(.programme(p), baseRev: b.programme.rev, by: author, note: note, at: now)
            printOut("Saved: \(note)")
        }
    }
}
