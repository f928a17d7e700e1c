import VRModel

/// A screen of the board (a tab). Each is declared by its feature, in the feature's own file.
public struct Screen: Hashable, Sendable, CustomStringConvertible {
    public let id: String
    public let title: String
    public init(id: String, title: String) {
        self.id = id
        self.title = title
    }
    public var description: String { title }

    /// Every screen, in tab order: the registry's order.
    public static let allCases: [Screen] = Features.screens.map { $0.screen }
    /// The keys 1 to 9 for the first nine screens, in tab order (a key is one digit: a tenth screen has none).
    public static let numberKeys: [Key] = allCases.indices.prefix(9).map { Key.char(Character(String($0 + 1))) }
    /// Its place in the tabs, from 0 (the key that selects it is this plus one).
    public var index: Int { Screen.allCases.firstIndex(of: self) ?? 0 }
    public var feature: any ScreenFeature.Type { Features.screens.first { $0.screen == self } ?? Features.screens[0] }

    /// The screen called `name` (`risks`, `Risks`), for `--screen`.
    public init?(name: String) {
        guard let s = Screen.allCases.first(where: { $0.title.lowercased() == name.lowercased() || $0.id == name.lowercased() }) else { return nil }
        self = s
    }
}

/// A place on the board another part of it sends the user to (Find, H, A): the screen that `shows` it
/// selects it (`AppState.navigate(to:)`), so no other code reaches into a screen's state.
public enum Route: Equatable, Sendable {
    case workstream(String)
    case risk(String)
    /// A grant, by its place in the funding's grants.
    case grant(Int)
    /// Every workstream that needs attention.
    case attention
    /// One item's history.
    case history(of: String)
    /// A priority's workstreams.
    case priority(String)
    /// An intervention in the register, an evaluation, an outcome measure.
    case intervention(String)
    case evaluation(String)
    case outcome(String)
    /// The workstreams a member leads or sponsors.
    case member(String)
}

/// A feature's own state, kept in `AppState` under its screen.
public protocol FeatureState: Sendable { init() }

/// A screen as a feature, in one file: its state, its key bindings, its reduce (the bindings' handlers
/// and the list movements below), its render and its hit-testing. `AppState` holds the shared board;
/// adding a screen is its file plus one line in `Features.screens`.
public protocol ScreenFeature {
    associatedtype State: FeatureState
    static var screen: Screen { get }
    /// Keys this screen adds while browsing it (shown first in help on this screen).
    static var bindings: [Binding] { get }
    /// Whether `/` searches this screen's list.
    static var searchable: Bool { get }
    /// Whether Enter opens something here (and so shows in the hint bar).
    static var opens: Bool { get }
    /// Whether Esc goes back or clears a filter here.
    static var goesBack: Bool { get }
    /// Whether the screen edits the board: undo, redo and an item's history (H) apply on it.
    static var editable: Bool { get }
    /// It has a list or table to move through (the up/down/page keys and their hint apply).
    static var moves: Bool { get }

    /// Recomputes the rows the screen shows from the board, its query and its own state.
    static func rebuild(_ s: inout AppState)
    static func render(_ f: inout Frame, _ s: AppState, _ l: Layout)

    /// The rows a page key moves.
    static func pageRows(_ s: AppState, _ l: Layout) -> Int
    /// Moves the selection (arrows, j/k, paging, g/G).
    static func move(_ s: inout AppState, by delta: Int, _ l: Layout)
    /// ← and →: by default back and open.
    static func left(_ s: inout AppState) -> [Effect]
    static func right(_ s: inout AppState) -> [Effect]
    /// Enter.
    static func open(_ s: inout AppState) -> [Effect]
    /// Whether Enter opens something now (a priority, a grant, a heat-map cell), for its hint.
    static func canOpen(_ s: AppState) -> Bool
    /// Esc and Backspace, once the search filter is clear.
    static func back(_ s: inout AppState) -> [Effect]
    /// Whether Esc has somewhere to go back to now (a filter to clear, a list to return to), so its hint
    /// never promises what it will not do.
    static func canGoBack(_ s: AppState) -> Bool
    static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect]
    /// Keeps the selection on screen after a move or a resize.
    static func reveal(_ s: inout AppState, _ l: Layout)
    /// The id of the selected item, for its history (H).
    static func selectedItemID(_ s: AppState) -> String?
    /// The screen is being shown, coming from `previous` (still `s.screen`): what it asks of the runtime.
    static func enter(_ s: inout AppState, from previous: Screen) -> [Effect]
    /// The screen is being left (a focus it held lets go).
    static func leave(_ s: inout AppState)
    /// The search text changed as the user typed: where the selection goes.
    static func searched(_ s: inout AppState)
    /// Whether this screen is where `route` leads.
    static func shows(_ route: Route) -> Bool
    /// Shows `route` selected (called before the screen is switched to, so entering it sees the selection).
    static func show(_ route: Route, _ s: inout AppState)
    /// The board changed (another terminal's save, or this one's), while this screen is shown.
    static func boardChanged(_ s: inout AppState) -> [Effect]
    /// After a key or a click while this screen is shown (a list that loads as it scrolls asks for more).
    static func afterInput(_ s: inout AppState) -> [Effect]
}

extension ScreenFeature {
    public static var bindings: [Binding] { [] }
    public static var searchable: Bool { false }
    public static var opens: Bool { false }
    public static var goesBack: Bool { false }
    public static var editable: Bool { false }
    public static var moves: Bool { true }
    public static func rebuild(_ s: inout AppState) {}
    public static func pageRows(_ s: AppState, _ l: Layout) -> Int { 1 }
    public static func move(_ s: inout AppState, by delta: Int, _ l: Layout) {}
    public static func left(_ s: inout AppState) -> [Effect] { back(&s) }
    public static func right(_ s: inout AppState) -> [Effect] { open(&s) }
    public static func open(_ s: inout AppState) -> [Effect] { [] }
    public static func canOpen(_ s: AppState) -> Bool { opens }
    public static func back(_ s: inout AppState) -> [Effect] { [] }
    public static func canGoBack(_ s: AppState) -> Bool { goesBack }
    public static func click(_ s: inout AppState, _ m: Mouse, _ l: Layout) -> [Effect] { [] }
    public static func reveal(_ s: inout AppState, _ l: Layout) {}
    public static func selectedItemID(_ s: AppState) -> String? { nil }
    public static func enter(_ s: inout AppState, from previous: Screen) -> [Effect] { [] }
    public static func leave(_ s: inout AppState) {}
    public static func searched(_ s: inout AppState) {}
    public static func shows(_ route: Route) -> Bool { false }
    public static func show(_ route: Route, _ s: inout AppState) {}
    public static func boardChanged(_ s: inout AppState) -> [Effect] { [] }
    public static func afterInput(_ s: inout AppState) -> [Effect] { [] }
}

/// The registry: every screen, in tab order. One line per screen.
public enum Features {
    /// The screens that have a capability, for the shared bindings that apply only there.
    static func screens(_ has: (any ScreenFeature.Type) -> Bool) -> [Screen] { screens.filter(has).map { $0.screen } }

    nonisolated(unsafe) public static let screens: [any ScreenFeature.Type] = [
        OverviewScreen.self,
        WorkstreamsScreen.self,
        FundingScreen.self,
        RisksScreen.self,
        HistoryScreen.self,
        InterventionsScreen.self,
        OutcomesScreen.self,
    ]
}

extension AppState {
    /// A feature's state: stored under its screen, created on first use.
    public subscript<F: ScreenFeature>(state feature: F.Type) -> F.State {
        get { featureStates[ObjectIdentifier(F.self)] as? F.State ?? F.State() }
        set { featureStates[ObjectIdentifier(F.self)] = newValue }
    }

    /// The current screen's feature.
    public var feature: any ScreenFeature.Type { screen.feature }

    /// The id of the item selected on the current screen, for its history.
    public var selectedItemID: String? { feature.selectedItemID(self) }

    /// Recomputes every screen's rows (after the board changed).
    mutating func rebuildAll() {
        for f in Features.screens { f.rebuild(&self) }
    }

    /// Goes to `route`: the screen that shows it, with it selected.
    mutating func navigate(to route: Route) -> [Effect] {
        guard let f = Features.screens.first(where: { $0.shows(route) }) else { return [] }
        f.show(route, &self)
        return screen == f.screen ? [] : switchScreen(&self, to: f.screen)
    }

    /// Keeps every screen's selection on screen after a resize.
    mutating func revealAll() {
        let l = Layout(width: width, height: height)
        for f in Features.screens { f.reveal(&self, l) }
    }
}
