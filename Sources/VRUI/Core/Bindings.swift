import VRModel

/// One key binding: the keys, what they do, the help that says so, and when they are enabled.
/// Every key every mode handles is one of these: the dispatcher, the hint bar, the help overlay and
/// the README's key table all read the same list, so they cannot drift apart.
public struct Binding: Sendable {
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
    public let disabledReason: (@Sendable (AppState) -> String?)?
    /// What the key does. Runs only through the dispatcher, only when enabled.
    public let run: @Sendable (inout AppState, Key) -> [Effect]

    public init(
        _ id: String, _ keys: [Key], label: String? = nil, help: String, hint: String? = nil, hintKeys: String? = nil, rank: Int = 50,
        screens: [Screen]? = nil, disabled: (@Sendable (AppState) -> String?)? = nil, run: @escaping @Sendable (inout AppState, Key) -> [Effect]
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

    /// The keys as the hint bar shows them.
    public var hintLabel: String { hintKeys ?? keys.first?.label ?? keyLabel }

    public func applies(on screen: Screen) -> Bool { screens?.contains(screen) ?? true }

    public var keyLabel: String { label ?? keys.map(\.label).joined(separator: "/") }

    public func reason(_ s: AppState) -> String? { disabledReason?(s) }
}

/// A named group of bindings: a heading in help and in the README's key table.
public struct KeyGroup: Sendable {
    public let title: String
    public var bindings: [Binding]
    /// The binding that takes every key no other binding of the mode takes (typing into a text field,
    /// "any other key closes"); it is listed with the others.
    public var fallback: Binding?

    public init(_ title: String, _ bindings: [Binding], fallback: Binding? = nil) {
        self.title = title
        self.bindings = bindings
        self.fallback = fallback
    }

    public var all: [Binding] { bindings + (fallback.map { [$0] } ?? []) }
}

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

    public func apply(_ b: Binding) -> Binding {
        guard let k = keys[b.id] else { return b }
        var out = b
        out.keys = k
        // The help and the hint bar name the new keys, not the labels written for the old ones.
        out.label = nil
        out.hintKeys = nil
        return out
    }

    public func apply(_ g: KeyGroup) -> KeyGroup {
        guard !keys.isEmpty else { return g }
        return KeyGroup(g.title, g.bindings.map(apply), fallback: g.fallback)
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
