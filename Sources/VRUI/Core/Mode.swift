import VRModel

/// Who has the keyboard. Exactly one mode at a time, decided in one place (`AppState.mode`), so which
/// overlay wins is one visible decision, not the order of `if`s in update and view.
public enum Mode: String, CaseIterable, Sendable {
    /// Quitting was asked with unsaved work: y quits, any other key goes back to it.
    case quitConfirm
    /// The terminal is below the minimum size: only quitting works.
    case tooSmall
    /// A form or the rating picker asks whether to discard its changes.
    case discard
    case rating
    case form
    /// A yes/no question (archive, reopen).
    case confirm
    /// A save was refused because someone else saved the item first.
    case conflict
    /// A risk's mitigating actions.
    case actions
    /// A meeting's minutes: its decisions and actions, and matters arising.
    case minutes
    /// Finding anything on the board (F).
    case find
    /// Reading a whole entry (v, or Enter in History).
    case viewer
    case help
    /// The walkthrough's outline of slides.
    case outline
    case walkthrough
    case searching
    case browsing

    public var title: String {
        switch self {
        case .quitConfirm: "Quit and lose unsaved work?"
        case .tooSmall: "Terminal too small"
        case .discard: "Discard changes?"
        case .rating: "Rating picker"
        case .form: "In a form"
        case .confirm: "A yes/no question"
        case .conflict: "Changed by someone else"
        case .actions: "Mitigating actions"
        case .minutes: "The minutes ({walk.minutes} in the walkthrough)"
        case .find: "Find ({board.find})"
        case .viewer: "Reading a whole entry"
        case .help: "In this help"
        case .outline: "Walkthrough outline"
        case .walkthrough: "Board walkthrough (vrboard present, or {board.present})"
        case .searching: "While searching"
        case .browsing: "The board"
        }
    }
}

extension AppState {
    /// The mode, by precedence: a too-small terminal; then the open modal (its discard question first);
    /// then help; then the walkthrough (its outline first); then the search box; else the board.
    public var mode: Mode {
        if quitAsked { return .quitConfirm }
        if tooSmall { return .tooSmall }
        switch modal {
        case .rate(let r)?: return r.confirmDiscard ? .discard : .rating
        case .form(let f)?: return f.confirmDiscard ? .discard : .form
        case .confirm?: return .confirm
        case .conflict?: return .conflict
        case .actions?: return .actions
        case .minutes?: return .minutes
        case .find?: return .find
        case .viewer?: return .viewer
        case nil: break
        }
        if showHelp { return .help }
        if let p = presentation { return p.showOutline ? .outline : .walkthrough }
        if searching { return .searching }
        return .browsing
    }

    /// The key groups of the current mode, its own first; Ctrl-C last, in every mode; with the user's remaps.
    public var keyGroups: [KeyGroup] { (Keys.groups(mode, on: screen) + [Keys.always]).map(keyRemaps.apply) }
}

/// Every mode's keys, the dispatcher that runs them, and the help, hint bar and README table made from them.
public enum Keys {
    /// Ctrl-C quits from anywhere (asking first when a form or a rating holds unsaved work); Ctrl-Z
    /// suspends to the shell, the board redrawn on `fg`.
    static let always = KeyGroup(
        "Always",
        [
            Binding("always.quit", [.ctrl("c")], help: "Quit, from anywhere (asks first when there is unsaved work)") { s, _ in quit(&s) },
            Binding("always.suspend", [.ctrl("z")], help: "Suspend to the shell (fg comes back)") { _, _ in [.suspend] },
        ])

    static let tooSmall = KeyGroup(
        Mode.tooSmall.title, [Binding("small.quit", [.char("q")], help: "Quit (asks first when there is unsaved work)") { s, _ in quit(&s) }])

    /// Quits, unless that would lose unsaved work: then it asks.
    static func quit(_ s: inout AppState) -> [Effect] {
        guard s.unsavedWork != nil else { return [.quit] }
        s.quitAsked = true
        return []
    }

    static let quitConfirm = KeyGroup(
        Mode.quitConfirm.title,
        [Binding("quit.yes", [.char("y"), .char("Y")], help: "Quit, losing the unsaved work") { _, _ in [.quit] }],
        fallback: Binding("quit.no", [], label: "any other key", help: "Back to the unsaved work") { s in s.quitAsked = false })

    /// The groups of a mode (on a screen, for browsing).
    public static func groups(_ mode: Mode, on screen: Screen) -> [KeyGroup] {
        switch mode {
        case .quitConfirm: [quitConfirm]
        case .tooSmall: [tooSmall]
        case .discard: [Dialogs.discard]
        case .rating: [RatingPicker.keys, RatingPicker.comment]
        case .form: [FormMode.keys, FormMode.text]
        case .confirm: [Dialogs.confirm]
        case .conflict: [Dialogs.conflict]
        case .actions: [Dialogs.actions]
        case .minutes: [MinutesDialog.keys]
        case .find: [FindMode.keys, FindMode.text]
        case .viewer: [ViewerMode.keys]
        case .help: [HelpOverlay.keys]
        case .outline: [Walkthrough.outline]
        case .walkthrough: [Walkthrough.keys]
        case .searching: [SearchBox.keys]
        case .browsing: Browsing.groups(on: screen)
        }
    }

    /// Every group of every mode once, for help's "all keys" part and the README: each screen's own,
    /// then the board's shared keys, then each mode's.
    public static var allGroups: [KeyGroup] {
        Features.screens.map(Browsing.screenGroup).filter { !$0.bindings.isEmpty } + [Browsing.editing, Browsing.lists, Browsing.everywhere]
            + [
                SearchBox.keys, FormMode.keys, FormMode.text, RatingPicker.keys, RatingPicker.comment, Dialogs.discard, Dialogs.confirm,
                Dialogs.conflict, Dialogs.actions,
                Walkthrough.keys, Walkthrough.outline, MinutesDialog.keys, FindMode.keys, FindMode.text, ViewerMode.keys, HelpOverlay.keys, tooSmall,
                quitConfirm,
                always,
            ]
    }

    /// The groups that work during a walkthrough: its own, its outline and minutes, and the forms and
    /// dialogs it opens.
    static var walkthroughGroups: [KeyGroup] {
        [
            Walkthrough.keys, Walkthrough.outline, MinutesDialog.keys, FormMode.keys, FormMode.text, Dialogs.discard, Dialogs.confirm,
            Dialogs.conflict, HelpOverlay.keys, quitConfirm, tooSmall, always,
        ]
    }

    /// Every binding's id (what a remap names).
    public static var bindingIDs: Set<String> { Set(allGroups.flatMap { $0.bindings.map(\.id) }) }

    /// Keys that would mean two things in one mode on one screen, once `remaps` are applied (each reads
    /// `Ctrl-R is both edit.redo and risks.sort (Risks)`). Empty when the remaps are sound.
    /// A key bound twice in one mode on one screen.
    public struct Clash: Equatable, Sendable, CustomStringConvertible {
        public let key: Key
        /// The two bindings' ids.
        public let first: String, second: String
        /// The screen (when browsing) or the mode.
        public let place: String
        public var description: String { "\(key.label) is both \(first) and \(second) (\(place))" }
    }

    public static func conflicts(with remaps: KeyRemaps = KeyRemaps()) -> [Clash] {
        var out: [Clash] = []
        for mode in Mode.allCases {
            for sc in mode == .browsing ? Screen.allCases : [Screen.allCases[0]] {
                var owner: [Key: String] = [:]
                for g in (groups(mode, on: sc) + [always]).map(remaps.apply) {
                    for b in g.bindings where b.applies(on: sc) {
                        for k in b.keys {
                            if let other = owner[k], other != b.id {
                                out.append(
                                    Clash(key: k, first: other, second: b.id, place: mode == .browsing ? sc.title : keyed(mode.title, remaps: remaps))
                                )
                            }
                            owner[k] = b.id
                        }
                    }
                }
            }
        }
        return out
    }

    /// The binding a key runs in the current mode, if any.
    public static func binding(for k: Key, in s: AppState) -> Binding? {
        for g in s.keyGroups {
            if let b = g.bindings.first(where: { $0.keys.contains(k) && $0.applies(on: s.screen) }) { return b }
        }
        // Ctrl-J (a line feed: what some terminals send for Enter) is Enter wherever it is not a new line.
        if k == .ctrl("j") { return binding(for: .enter, in: s) }
        return s.keyGroups.lazy.compactMap(\.fallback).first
    }

    /// Runs a key: its binding when enabled; a disabled binding says why; a key that does something
    /// only on other screens says where.
    static func dispatch(_ s: inout AppState, _ k: Key) -> [Effect] {
        if let b = binding(for: k, in: s) {
            if let reason = b.reason(s) {
                s.message = reason
                return []
            }
            return b.run(&s, k)
        }
        if s.mode == .browsing { s.message = elsewhere(k, not: s.screen) }
        return []
    }

    /// "e works on Workstreams (2), Funding (3) and Risks (4)", or nil when the key does nothing anywhere.
    static func elsewhere(_ k: Key, not here: Screen) -> String? {
        let screens = Screen.allCases.filter { sc in
            sc != here && Browsing.groups(on: sc).contains { $0.bindings.contains { $0.keys.contains(k) && $0.applies(on: sc) } }
        }
        guard !screens.isEmpty else { return nil }
        let names = screens.map { "\($0.title) (\($0.index + 1))" }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "\(k.label) works on \(list)"
    }

    /// The hint bar's bindings for the current mode, in rank order, each with whether it is enabled.
    public static func hints(_ s: AppState) -> [(binding: Binding, enabled: Bool)] {
        let hinted: [Binding] = s.keyGroups.flatMap { $0.all }.filter { $0.hint != nil && $0.applies(on: s.screen) }
        return hinted.sorted { $0.rank < $1.rank }.map { b in (binding: b, enabled: b.reason(s) == nil) }
    }

    /// The README's key table: every binding of every mode.
    public static var markdown: String {
        var out = "| Key | Where | Does | ID (for `[keys]`) |\n|---|---|---|---|\n"
        for g in allGroups {
            for b in g.all {
                out +=
                    "| `\(b.keyLabel)` | \(keyed(g.title, remaps: KeyRemaps())) | \(keyed(b.help, remaps: KeyRemaps())) | \(b.keys.isEmpty ? "" : "`\(b.id)`") |\n"
            }
        }
        out += "| click / wheel | Lists and tables | Select a row or heat-map cell / scroll (off with `--no-mouse`) | |\n"
        return out
    }
}

extension AppState {
    /// What quitting now would lose: a form with changes, a rating being given, a save waiting on a
    /// conflict; nil when nothing.
    public var unsavedWork: String? {
        switch modal {
        case .form(let f)? where f.dirty: return "your changes in “\(f.title)”"
        case .rate(let r)?:
            guard let w = board.workstreams[r.workstreamID] else { return nil }
            return r.comment.isEmpty && r.rating == w.rating(r.kind) && r.basis == .evidence ? nil : "the rating you are giving \(w.id)"
        case .conflict(let c)?: return "your change to \(c.edit.doc.id), not saved"
        default: return nil
        }
    }
}
