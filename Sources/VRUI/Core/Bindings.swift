import VRModel

/// One key binding: the keys, what they do, the help that says so, and when they are enabled.
/// Every key every mode handles is one of these: the dispatcher, the hint bar, the help overlay and
/// the README's key table all read the same list, so they cannot drift apart. Generic over the program
/// it runs in: the board (`Binding`, on `AppState`, answering effects) and the national view
/// (`NationalBinding`, on `NationalState`) share the type, the remaps and the key table.
public struct KeyBinding<State, Out>: Sendable {
    /// A stable name (`risks.sort`), for key remaps in the config file.
    public let id: String
    public var keys: [Key]
    /// Shown instead of the keys when they read better as a range (`1-9`) or are not keys at all
    /// (`text`, `any other key`).
    public var label: String?
    public let help: String
    /// Short text for the hint bar; nil keeps the binding out of the bar.
    public let hint: String?
    /// The keys as the hint bar shows them (default: the first key).
    public var hintKeys: String?
    /// Hint bar order: lower first; the bar drops hints from the end when it is full.
    public let rank: Int
    /// The screens a board binding applies on (nil: every screen). A screen's own bindings apply on it.
    public let screens: [Screen]?
    /// Why the binding cannot run now (read-only, nothing selected), or nil when it can. A disabled
    /// binding still owns its keys: pressing them says the reason.
    public let disabledReason: (@Sendable (State) -> String?)?
    /// What the key does. Runs only through the dispatcher, only when enabled.
    public let run: @Sendable (inout State, Key) -> Out

    public init(
        _ id: String, _ keys: [Key], label: String? = nil, help: String, hint: String? = nil, hintKeys: String? = nil, rank: Int = 50,
        screens: [Screen]? = nil, disabled: (@Sendable (State) -> String?)? = nil, run: @escaping @Sendable (inout State, Key) -> Out
    ) {
        self.id = id
        self.keys = keys
        self.label = label
        self.help = help
        self.hint = hint
        self.hintKeys = hintKeys
        self.rank = rank
        self.screens = screens
        self.disabledReason = disabled
        self.run = run
    }

    /// The keys as the hint bar shows them.
    public var hintLabel: String { hintKeys ?? keys.first?.label ?? keyLabel }

    public func applies(on screen: Screen) -> Bool { screens?.contains(screen) ?? true }

    public var keyLabel: String { label ?? keys.map(\.label).joined(separator: "/") }
}

/// A key of the board.
public typealias Binding = KeyBinding<AppState, [Effect]>

extension KeyBinding where State == AppState, Out == [Effect] {
    /// A binding that only changes the state (no effect for the runtime, no use for the key): its
    /// closure takes the state alone, so the two kinds never need telling apart at the call.
    public init(
        _ id: String, _ keys: [Key], label: String? = nil, help: String, hint: String? = nil, hintKeys: String? = nil, rank: Int = 50,
        screens: [Screen]? = nil, disabled: (@Sendable (AppState) -> String?)? = nil, act: @escaping @Sendable (inout AppState) -> Void
    ) {
        self.init(id, keys, label: label, help: help, hint: hint, hintKeys: hintKeys, rank: rank, screens: screens, disabled: disabled) { s, _ in
            act(&s)
            return []
        }
    }

    /// Why it cannot run now, its `{binding.id}`s named as the user's keys.
    public func reason(_ s: AppState) -> String? { disabledReason?(s).map(s.keyed) }
}

/// A named group of bindings: a heading in help and in the README's key table.
public struct KeyGroupOf<State, Out>: Sendable {
    public let title: String
    public var bindings: [KeyBinding<State, Out>]
    /// The binding that takes every key no other binding of the mode takes (typing into a text field,
    /// "any other key closes"); it is listed with the others.
    public var fallback: KeyBinding<State, Out>?

    public init(_ title: String, _ bindings: [KeyBinding<State, Out>], fallback: KeyBinding<State, Out>? = nil) {
        self.title = title
        self.bindings = bindings
        self.fallback = fallback
    }

    public var all: [KeyBinding<State, Out>] { bindings + (fallback.map { [$0] } ?? []) }

    /// The binding `k` runs in this group (the fallback when no other takes it).
    public func binding(for k: Key) -> KeyBinding<State, Out>? { bindings.first { $0.keys.contains(k) } ?? fallback }

    /// The group as the README's key table lists it.
    public var markdownRows: String {
        all.map { b in
            "| `\(b.keyLabel)` | \(Keys.keyed(title, remaps: KeyRemaps())) | \(Keys.keyed(b.help, remaps: KeyRemaps())) | \(b.keys.isEmpty ? "" : "`\(b.id)`") |\n"
        }.joined()
    }
}

/// A group of the board's keys.
public typealias KeyGroup = KeyGroupOf<AppState, [Effect]>

/// Conditions that disable bindings, each with the reason the user is told.
public enum Guard {
    /// Nothing can be saved on a read-only board.
    public static let writable: @Sendable (AppState) -> String? = { s in s.readOnly ? "Read-only: \(s.readOnlyReason)" : nil }

    /// The first reason of several, in order.
    public static func all(_ guards: (@Sendable (AppState) -> String?)...) -> @Sendable (AppState) -> String? {
        let list = guards
        return { s in list.lazy.compactMap { $0(s) }.first }
    }

    /// Disabled with `reason` unless `condition` holds.
    public static func require(_ reason: String, _ condition: @escaping @Sendable (AppState) -> Bool) -> @Sendable (AppState) -> String? {
        { s in condition(s) ? nil : reason }
    }
}

/// Key remaps from the config file: a binding id and the keys that replace its own.
public struct KeyRemaps: Sendable, Equatable {
    public var keys: [String: [Key]]
    public init(_ keys: [String: [Key]] = [:]) { self.keys = keys }

    public func apply<S, O>(_ b: KeyBinding<S, O>) -> KeyBinding<S, O> {
        guard let k = keys[b.id] else { return b }
        var out = b
        out.keys = k
        // The help and the hint bar name the new keys, not the labels written for the old ones.
        out.label = nil
        out.hintKeys = nil
        return out
    }

    public func apply<S, O>(_ g: KeyGroupOf<S, O>) -> KeyGroupOf<S, O> {
        guard !keys.isEmpty else { return g }
        return KeyGroupOf(g.title, g.bindings.map(apply), fallback: g.fallback)
    }
}

extension Key {
    /// Parses a key as the config file and the key table write it: `q`, `Space`, `Ctrl-R`, `Enter`,
    /// `Esc`, `Tab`, `Shift-Tab`, `Up`/`↑`, `PgDn`, `F`…
    public init?(name: String) {
        let t = name.trimmingCharacters(in: .whitespaces)
        let lower = t.lowercased()
        let named: [String: Key] = [
            "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab,
            "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "del": .delete, "delete": .delete,
            "up": .up, "↑": .up, "down": .down, "↓": .down, "left": .left, "←": .left, "right": .right, "→": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end,
        ]
        if let k = named[lower] {
            self = k
            return
        }
        if lower.hasPrefix("ctrl-") || lower.hasPrefix("c-") {
            let rest = lower.drop(while: { $0 != "-" }).dropFirst()
            guard rest.count == 1, let c = rest.first, c.isLetter, c.isASCII else { return nil }
            self = .ctrl(c)
            return
        }
        guard t.count == 1, let c = t.first, !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            return nil
        }
        self = .char(c)
    }
}

extension AppState {
    /// The key that runs binding `id` as the user has it (their remap applied), as the hint bar names it:
    /// its first key (`u`, `Ctrl-R`), or its label when it has none (`any other key`). Every message and
    /// footer that names a key takes it from here, so a remapped key is named right everywhere.
    public func keyName(_ id: String) -> String { Keys.keyName(id, remaps: keyRemaps) }

    /// `template` with each `{binding.id}` replaced by that binding's key (`keyName`): "Undone ({edit.undo}
    /// again, {edit.redo} to redo)" reads "Undone (u again, Ctrl-R to redo)". Only the template is filled
    /// in, never user text put beside it.
    public func keyed(_ template: String) -> String { Keys.keyed(template, remaps: keyRemaps) }

    /// A dialog's footer, from its bindings: each binding's key (remapped) and what it does here
    /// (`y yes   any other key no`); `a/b` names two bindings' keys together (`PgUp/PgDn by line`).
    func footer(_ items: [(id: String, does: String)], gap: String = "   ") -> [Span] {
        var spans: [Span] = []
        for (i, item) in items.enumerated() {
            let ids = item.id.split(separator: "/").map(String.init)
            // Two bindings named together show each one's first key (`←/→`), not each one's own pair.
            let key =
                ids.count == 1
                ? keyName(item.id) : ids.map { Keys.binding(id: $0, remaps: keyRemaps)?.keys.first?.label ?? $0 }.joined(separator: "/")
            spans += [Span(key, .key), Span(" " + item.does + (i == items.count - 1 ? "" : gap))]
        }
        return spans
    }
}

extension AppState {
    /// A footer as lines of at most `width` cells, broken between items (never inside one).
    func footerLines(_ items: [(id: String, does: String)], gap: String = "   ", width: Int) -> [[Span]] {
        var lines: [[(id: String, does: String)]] = [[]]
        for item in items {
            let candidate = lines[lines.count - 1] + [item]
            if lines[lines.count - 1].isEmpty || Span.width(footer(candidate, gap: gap)) <= width {
                lines[lines.count - 1] = candidate
            } else {
                lines.append([item])
            }
        }
        return lines.map { footer($0, gap: gap) }
    }
}

extension Keys {
    /// Every binding by id (the fallbacks too), without remaps: built once.
    static let byID: [String: Binding] = {
        var out: [String: Binding] = [:]
        for g in allGroups + walkthroughGroups {
            for b in g.all where out[b.id] == nil { out[b.id] = b }
        }
        return out
    }()

    /// The binding called `id`, with `remaps` applied; nil for no such binding.
    static func binding(id: String, remaps: KeyRemaps) -> Binding? { byID[id].map(remaps.apply) }

    /// The key of binding `id` with `remaps` applied (see `AppState.keyName`).
    public static func keyName(_ id: String, remaps: KeyRemaps) -> String { binding(id: id, remaps: remaps)?.hintLabel ?? id }

    /// Every `{binding.id}` in `template` replaced by its key (see `AppState.keyed`); a brace that names
    /// no binding is left as it is.
    public static func keyed(_ template: String, remaps: KeyRemaps) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let id = String(rest[rest.index(after: open)..<close])
            out += byID[id] == nil ? "{\(id)}" : keyName(id, remaps: remaps)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
