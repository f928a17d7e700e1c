import VRModel

/// Who has the keyboard. Exactly one mode at a time, decided in one place (`AppState.mode`) from the one
/// stored `layer`, so which overlay wins is one visible decision, not the order of `if`s in update and view.
/// The board's own modes are here; each dialog declares its own in its file (`Mode.form`, `Mode.find`).
public struct Mode: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    /// The heading its keys have in help (a `{binding.id}` in it names that binding's key).
    public let title: String
    public init(_ id: String, _ title: String) {
        self.id = id
        self.title = title
    }
    public var description: String { id }

    /// Quitting was asked with unsaved work: y quits, any other key goes back to it.
    public static let quitConfirm = Mode("quitConfirm", "Quit and lose unsaved work?")
    /// The terminal is below the minimum size: only quitting works.
    public static let tooSmall = Mode("tooSmall", "Terminal too small")
    public static let help = Mode("help", "In this help")
    /// The walkthrough's outline of slides.
    public static let outline = Mode("outline", "Walkthrough outline")
    /// A slide's number being typed after `g`.
    public static let goTo = Mode("goTo", "Going to a slide ({walk.goTo} then its number)")
    public static let walkthrough = Mode("walkthrough", "Board walkthrough (vrboard present, or {board.present})")
    public static let searching = Mode("searching", "While searching")
    public static let browsing = Mode("browsing", "The board")

    /// Every mode: the board's own, then each dialog's once.
    public static var allCases: [Mode] {
        var out = [quitConfirm, tooSmall]
        for m in Features.dialogs.flatMap({ $0.modes }) where !out.contains(m) { out.append(m) }
        return out + [help, outline, goTo, walkthrough, searching, browsing]
    }
}

extension AppState {
    /// The mode, by precedence: the quit question; a too-small terminal; then what the layer holds (a
    /// dialog, the help, the search box); else the walkthrough (its outline first) or the board.
    public var mode: Mode {
        switch layer {
        case .quitAsked: return .quitConfirm
        case _ where tooSmall: return .tooSmall
        case .dialog(let m): return m.mode
        case .help: return .help
        case .searching: return .searching
        case .board: return presentation.map { $0.showOutline ? .outline : $0.goTo != nil ? .goTo : .walkthrough } ?? .browsing
        }
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
        case .help: [HelpOverlay.keys]
        case .outline: [Walkthrough.outline]
        case .goTo: [Walkthrough.goTo]
        case .walkthrough: [Walkthrough.keys]
        case .searching: [SearchBox.keys]
        case .browsing: Browsing.groups(on: screen)
        default: Features.dialog(for: mode)?.groups(mode) ?? []
        }
    }

    /// Each dialog's groups once, in the registry's order.
    static func dialogGroups(_ dialogs: [any DialogFeature.Type]) -> [KeyGroup] {
        var out: [KeyGroup] = []
        for g in dialogs.flatMap({ d in d.modes.flatMap { d.groups($0) } }) where !out.contains(where: { $0.title == g.title }) { out.append(g) }
        return out
    }

    /// Every group of every mode once, for help's "all keys" part and the README: each screen's own,
    /// then the board's shared keys, then each mode's.
    public static var allGroups: [KeyGroup] {
        Features.screens.map(Browsing.screenGroup).filter { !$0.bindings.isEmpty } + [Browsing.editing, Browsing.lists, Browsing.everywhere]
            + [SearchBox.keys] + dialogGroups(Features.dialogs)
            + [Walkthrough.keys, Walkthrough.outline, Walkthrough.goTo, HelpOverlay.keys, tooSmall, quitConfirm, always]
    }

    /// The groups that work during a walkthrough: its own, its outline, and the dialogs it opens.
    static var walkthroughGroups: [KeyGroup] {
        [Walkthrough.keys, Walkthrough.outline, Walkthrough.goTo] + dialogGroups(Features.dialogs.filter { $0.inWalkthrough })
            + [HelpOverlay.keys, quitConfirm, tooSmall, always]
    }

    /// Every binding's id (what a remap names).
    public static var bindingIDs: Set<String> {
        Set(allGroups.flatMap { $0.bindings.map(\.id) } + NationalView.groups.flatMap { $0.bindings.map(\.id) })
    }

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
                let bindings = (groups(mode, on: sc) + [always]).map(remaps.apply).flatMap(\.bindings).filter { $0.applies(on: sc) }
                out += clashes(bindings.map { ($0.id, $0.keys) }, place: mode == .browsing ? sc.title : keyed(mode.title, remaps: remaps))
            }
        }
        // The national view's keys, each of its groups on its own.
        for g in NationalView.groups.map(remaps.apply) { out += clashes(g.bindings.map { ($0.id, $0.keys) }, place: g.title) }
        return out
    }

    /// Keys two of `bindings` (id and keys, in dispatch order) both take, in one place.
    static func clashes(_ bindings: [(id: String, keys: [Key])], place: String) -> [Clash] {
        var owner: [Key: String] = [:]
        var out: [Clash] = []
        for b in bindings {
            for k in b.keys {
                if let other = owner[k], other != b.id { out.append(Clash(key: k, first: other, second: b.id, place: place)) }
                owner[k] = b.id
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
        out += allGroups.map(\.markdownRows).joined() + NationalView.groups.map(\.markdownRows).joined()
        out += "| click / wheel | Lists and tables | Select a row or heat-map cell / scroll (off with `--no-mouse`) | |\n"
        return out
    }
}

extension AppState {
    /// What quitting now would lose: what the open dialog holds unsaved (a form with changes, a rating
    /// being given, a save waiting on a conflict); nil when nothing.
    public var unsavedWork: String? { modal?.unsavedWork(self) }
}
