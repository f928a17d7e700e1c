/// A key press, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    case char(Character)
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, backspace, delete, tab, backTab

    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c.uppercased())"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        }
    }
}

/// A mouse event, in frame cells.
public struct Mouse: Equatable, Sendable {
    public enum Kind: Sendable { case click, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) { self.kind = kind; self.x = x; self.y = y }
}

/// What a key does.
public enum Action: Hashable, Sendable {
    case quit, help, nextScreen, previousScreen, screen(Screen)
    case up, down, left, right, pageUp, pageDown, first, last
    case open, back, search
    case sortRisks, filterBand, heatMap, threeColour
    case rate, edit, new, archive, undo, redo, actions, itemHistory, historyFilter, present
}

/// Where a binding applies.
public enum KeyContext: String, Sendable, CaseIterable {
    case global = "Everywhere"
    case lists = "Lists and tables"
    case workstreams = "Priorities and workstreams"
    case risks = "Risk register"
    case editing = "Editing"
    case history = "History"
    case search = "While searching"
    case forms = "In a form"
    case presentation = "Board walkthrough (vrboard present, or P)"
}

/// One binding: keys, action, where it applies, and its help. The help overlay, the hint bar and the
/// README's key table are all generated from `Keymap.bindings`.
public struct Binding: Sendable {
    public let keys: [Key]
    public let action: Action
    public let context: KeyContext
    public let help: String
    /// Short text for the hint bar; nil keeps it out of the bar.
    public let hint: String?
    /// Screens where the hint bar shows it (nil: wherever its context applies).
    public var screens: [Screen]? = nil
    /// Hint bar order: lower first; the bar drops hints from the end when it is full.
    public var rank = 50

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }
}

public enum Keymap {
    public static let bindings: [Binding] = [
        Binding(keys: [.char("q")], action: .quit, context: .global, help: "Quit", hint: "quit", rank: 0),
        Binding(keys: [.char("?")], action: .help, context: .global, help: "Show or hide this help", hint: "help", rank: 1),
        Binding(keys: [.tab], action: .nextScreen, context: .global, help: "Next screen", hint: "screen", rank: 45),
        Binding(keys: [.backTab], action: .previousScreen, context: .global, help: "Previous screen", hint: nil),
        Binding(keys: [.char("1")], action: .screen(.overview), context: .global, help: "Overview", hint: nil),
        Binding(keys: [.char("2")], action: .screen(.workstreams), context: .global, help: "Priorities and workstreams", hint: nil),
        Binding(keys: [.char("3")], action: .screen(.funding), context: .global, help: "Funding", hint: nil),
        Binding(keys: [.char("4")], action: .screen(.risks), context: .global, help: "Risk register", hint: nil),
        Binding(keys: [.char("5")], action: .screen(.history), context: .global, help: "History of changes", hint: nil),
        Binding(keys: [.char("P")], action: .present, context: .global, help: "Walk the board through today's meeting (read-only slides)", hint: nil),
        Binding(keys: [.char("c")], action: .threeColour, context: .global, help: "Switch between five-point and three-colour RAG", hint: nil),
        Binding(keys: [.up, .char("k")], action: .up, context: .lists, help: "Move up", hint: nil),
        Binding(keys: [.down, .char("j")], action: .down, context: .lists, help: "Move down", hint: "move", rank: 40),
        Binding(keys: [.left, .char("h")], action: .left, context: .lists, help: "Move left (heat map) or back", hint: nil),
        Binding(keys: [.right, .char("l")], action: .right, context: .lists, help: "Move right (heat map) or open", hint: nil),
        Binding(keys: [.pageUp], action: .pageUp, context: .lists, help: "Page up", hint: nil),
        Binding(keys: [.pageDown], action: .pageDown, context: .lists, help: "Page down", hint: nil),
        Binding(keys: [.char("g"), .home], action: .first, context: .lists, help: "First row", hint: nil),
        Binding(keys: [.char("G"), .end], action: .last, context: .lists, help: "Last row", hint: nil),
        Binding(keys: [.enter], action: .open, context: .lists, help: "Open: a priority's workstreams, a heat-map cell's risks", hint: "open", screens: [.overview, .workstreams, .funding, .risks], rank: 31),
        Binding(keys: [.escape, .backspace], action: .back, context: .lists, help: "Back, or clear a filter", hint: "back", screens: [.workstreams, .risks, .history], rank: 32),
        Binding(keys: [.char("/")], action: .search, context: .lists, help: "Search the current list as you type", hint: "search", screens: [.workstreams, .risks, .history], rank: 30),
        Binding(keys: [.char("s")], action: .sortRisks, context: .risks, help: "Sort by residual score, owner, review date, status", hint: "sort", screens: [.risks], rank: 20),
        Binding(keys: [.char("b")], action: .filterBand, context: .risks, help: "Filter by band: all, very high, high, medium, low", hint: "band", screens: [.risks], rank: 21),
        Binding(keys: [.char("m")], action: .heatMap, context: .risks, help: "Move into the heat map (Enter filters by the cell)", hint: "heat map", screens: [.risks], rank: 22),
        Binding(keys: [.char("a")], action: .actions, context: .risks, help: "The selected risk's mitigating actions: add, edit, complete", hint: "actions", screens: [.risks], rank: 17),
        Binding(keys: [.char("r")], action: .rate, context: .editing, help: "Rate the selected workstream (in-year or overall), with a comment", hint: "rate", screens: [.workstreams], rank: 10),
        Binding(keys: [.char("e")], action: .edit, context: .editing, help: "Edit the selected item (funding: the split)", hint: "edit", screens: [.workstreams, .risks, .funding], rank: 11),
        Binding(keys: [.char("n")], action: .new, context: .editing, help: "Add a workstream, risk or grant", hint: "new", screens: [.workstreams, .risks, .funding], rank: 12),
        Binding(keys: [.char("x")], action: .archive, context: .editing, help: "Archive a workstream, or close / reopen a risk (asks first)", hint: "archive/close", screens: [.workstreams, .risks], rank: 13),
        Binding(keys: [.char("u")], action: .undo, context: .editing, help: "Undo this session's last edit (itself recorded)", hint: "undo", screens: [.workstreams, .risks, .funding], rank: 14),
        Binding(keys: [.ctrl("r")], action: .redo, context: .editing, help: "Redo what was undone", hint: "redo", screens: [.workstreams, .risks, .funding], rank: 15),
        Binding(keys: [.char("H")], action: .itemHistory, context: .editing, help: "History of the selected item", hint: "history", screens: [.workstreams, .risks, .funding], rank: 16),
        Binding(keys: [.char("f")], action: .historyFilter, context: .history, help: "Show every change, or only the item you came from", hint: "filter", screens: [.history], rank: 20),
    ]

    /// Keys in the board walkthrough: shown in help, handled by the walkthrough.
    public static let presentationHelp: [(String, String)] = [
        ("Space/→/PgDn", "Next slide"),
        ("←/PgUp", "Previous slide"),
        ("1-9 g/G", "Jump to a slide / the first / the last"),
        ("o", "Outline of the slides (Enter jumps)"),
        ("d", "Record a decision (saved with the meeting)"),
        ("a", "Record an action: text, owner, due date"),
        ("m", "The meeting's attendees, agenda and paper header"),
        ("q/Esc", "End the walkthrough"),
    ]

    /// Keys inside a form or picker: shown in help, handled by the form itself.
    public static let formHelp: [(String, String)] = [
        ("Tab/↓ Shift-Tab/↑", "Next / previous field"),
        ("←/→", "Move in the text, or change a choice"),
        ("Home/End Ctrl-A/E", "Start / end of the text"),
        ("Ctrl-K/U/W", "Delete to the end / to the start / the word before"),
        ("Enter", "Save (only when every field is valid)"),
        ("Esc", "Cancel (asks first if something changed)"),
    ]

    /// Keys in the rating picker: shown in the hint bar and help, handled in `modalKey`.
    public static let ratingHelp: [(String, String)] = [
        ("↑/↓", "Choose the rating"),
        ("Tab/Shift-Tab", "Switch between the in-year and overall rating"),
        ("Ctrl-B", "Basis: evidence, or judgement (shown with †)"),
        ("text", "The comment: the evidence for the change"),
        ("Enter", "Save (a changed rating needs a comment)"),
        ("Esc", "Cancel (asks first if something changed)"),
    ]

    /// Keys while typing a search: shown in help, handled by the search box itself.
    public static let searchHelp: [(String, String)] = [
        ("text", "Narrow the list as you type"),
        ("Enter", "Keep the filter and return to the list"),
        ("Esc", "Clear the search"),
        ("Backspace", "Delete a character"),
    ]

    public static func action(for key: Key, in contexts: [KeyContext]) -> Action? {
        for b in bindings where contexts.contains(b.context) && b.keys.contains(key) { return b.action }
        return nil
    }

    /// The README's key table, generated from the bindings.
    public static var markdown: String {
        var out = "| Key | Where | Does |\n|---|---|---|\n"
        for b in bindings { out += "| `\(b.keyLabel)` | \(b.context.rawValue) | \(b.help) |\n" }
        for (k, h) in searchHelp { out += "| `\(k)` | \(KeyContext.search.rawValue) | \(h) |\n" }
        for (k, h) in formHelp { out += "| `\(k)` | \(KeyContext.forms.rawValue) | \(h) |\n" }
        for (k, h) in ratingHelp { out += "| `\(k)` | Rating picker | \(h) |\n" }
        for (k, h) in presentationHelp { out += "| `\(k)` | \(KeyContext.presentation.rawValue) | \(h) |\n" }
        out += "| click / wheel | Lists and tables | Select a row or heat-map cell / scroll (off with `--no-mouse`) |\n"
        return out
    }
}
