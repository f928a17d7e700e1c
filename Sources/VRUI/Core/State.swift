import VRModel

/// A selection in a list and the first row shown.
public struct ListCursor: Equatable, Sendable {
    public var selected = 0
    public var scroll = 0
    public init() {}

    public mutating func move(by delta: Int, count: Int) {
        selected = count == 0 ? 0 : min(max(0, selected + delta), count - 1)
    }

    public mutating func clamp(count: Int) { move(by: 0, count: count) }

    /// Scrolls so the selection is within `rows` visible rows.
    public mutating func reveal(rows: Int, count: Int) {
        guard rows > 0 else {
            scroll = 0
            return
        }
        if selected < scroll { scroll = selected }
        if selected >= scroll + rows { scroll = selected - rows + 1 }
        scroll = max(0, min(scroll, max(0, count - rows)))
    }
}

/// Everything the screen shows, and nothing else: views are functions of this. It holds what every
/// screen shares (the board, the size, the mode's overlays, editing); each screen's own state is kept
/// under its screen (`self[state: RisksScreen.self]`, or the screen's accessor such as `risksScreen`).
public struct AppState: Sendable {
    public var board: Board {
        didSet {
            derived = Derived(board)
            rebuildAll()
        }
    }
    /// Figures over the whole board, computed once per change of the board rather than per frame.
    public private(set) var derived: Derived
    public var screen: Screen = .overview
    public var width: Int
    public var height: Int
    /// Who has the keyboard over the board or the walkthrough: nothing (the board itself), the search
    /// box, the help, a dialog, or the question before quitting over one of those. Stored once, so two
    /// of them can never be open together; `mode` reads it.
    public var layer: Layer = .board
    public var helpScroll = 0
    public var threeColour = false
    public var message: String?
    /// The board's one date, which every judgement uses: today on a live board, else its fixed date.
    public var today: Day { board.programme.asAt }

    // Editing.
    public var readOnly = false
    /// Why the board is read-only, for the message an edit key gives.
    public var readOnlyReason = "opened with --read-only, so nothing can be changed"
    public var user = "unknown"
    /// The login or database role the store records this session's changes under (nil: not known).
    public var login: String?
    /// The current time as an ISO 8601 timestamp, set by the runtime (the UI core reads no clock).
    public var now = "1970-01-01T00:00:00Z"
    /// The runtime's clock in whole seconds, for the walkthrough's elapsed time.
    public var clock = 0
    /// Set when walking the board through a meeting (`vrboard present`).
    public var presentation: Presentation?
    /// Set on a follower's screen (`vrboard present --follow`): where the presenter is, and whether this
    /// screen goes with them.
    public var follow: Follow?
    public var undoStack: [UndoEntry] = []
    public var redoStack: [UndoEntry] = []

    // Search: one query per list.
    public var queries: [Screen: String] = [:] {
        didSet {
            for f in Features.screens where oldValue[f.screen] != queries[f.screen] { f.rebuild(&self) }
        }
    }

    /// Keys the user moved in the config file (`[keys]`), applied to every mode's bindings.
    public var keyRemaps = KeyRemaps()

    /// Each screen's own state, by screen (see `subscript(state:)`).
    var featureStates: [ObjectIdentifier: any Sendable] = [:]

    public init(board: Board, width: Int, height: Int) {
        self.board = board
        self.derived = Derived(board)
        self.width = width
        self.height = height
        rebuildAll()
    }

    public var query: String { queries[screen] ?? "" }

    public static let minWidth = 80
    public static let minHeight = 24
    public var tooSmall: Bool { width < AppState.minWidth || height < AppState.minHeight }

    static func matches(_ q: String, _ fields: String...) -> Bool {
        guard !q.isEmpty else { return true }
        let needle = q.lowercased()
        return fields.contains { $0.lowercased().contains(needle) }
    }

    /// How a rating is shown: the stored five-point value, or its three-colour mapping.
    public func shown(_ r: RAG) -> RAG { threeColour ? r.threeColour : r }
}

/// What is over the board (or the walkthrough) and has the keyboard.
public indirect enum Layer: Equatable, Sendable {
    case board
    case searching
    case help
    case dialog(Modal)
    /// Quitting was asked with unsaved work (Ctrl-C, or q on "terminal too small"): the question over
    /// what was open, which it goes back to.
    case quitAsked(over: Layer)
}

extension AppState {
    /// The open dialog (under the quit question too); setting it opens or closes one.
    public var modal: Modal? {
        get {
            switch layer {
            case .dialog(let m): m
            case .quitAsked(over: .dialog(let m)): m
            default: nil
            }
        }
        set {
            let opened: Layer = newValue.map(Layer.dialog) ?? .board
            switch layer {
            case .quitAsked: layer = .quitAsked(over: opened)
            case .dialog: layer = opened
            default: if newValue != nil { layer = opened }
            }
        }
    }

    /// The help is shown.
    public var showHelp: Bool {
        get { layer == .help }
        set { set(.help, newValue) }
    }

    /// The search box has the keyboard.
    public var searching: Bool {
        get { layer == .searching }
        set { set(.searching, newValue) }
    }

    /// Asking before quitting with unsaved work.
    public var quitAsked: Bool {
        get { if case .quitAsked = layer { true } else { false } }
        set {
            if newValue, !quitAsked { layer = .quitAsked(over: layer) }
            if !newValue, case .quitAsked(let under) = layer { layer = under }
        }
    }

    private mutating func set(_ l: Layer, _ on: Bool) {
        if on { layer = l } else if layer == l { layer = .board }
    }
}

/// Whole-board figures the screens show, derived when the board changes.
public struct Derived: Sendable {
    /// Each priority's live workstreams, in stored order, and their in-year and overall ratings.
    public let workstreamsByPriority: [String: [Workstream]]
    public let ratingsByPriority: [String: [RAG]]
    public let overallByPriority: [String: [RAG]]
    /// Priorities with a live workstream whose in-year (or overall) rating is a judgement.
    public let judgedInYear: Set<String>
    public let judgedOverall: Set<String>
    public let escalated: [Risk]
    public let openRisks: Int
    public let heatGrid: [[Int]]
    public let recentChanges: [(Workstream, RatingChange)]
    /// The widest id of each kind of item, so an ID column holds every id whole (`WS-01.001`, `R1000`).
    public let idWidths: IDWidths
    /// The board's calendar, for the overview: the last quarter's close, and the annual business due
    /// within a quarter of the board's date (or overdue).
    public let quarterClose: QuarterClose
    public let businessDue: [BoardBusiness]
    /// The walkthrough's slides as drawn at a size, kept until the board changes (a new `Derived`): a
    /// page turn copies the page's rows rather than drawing the whole slide again.
    let slides = SlideCache()

    public struct IDWidths: Sendable {
        public var workstreams = 0, risks = 0, interventions = 0, evaluations = 0, outcomes = 0

        /// An ID column's width: the widest id, at least `least` (the column as the shipped data has it),
        /// at most 24 (beyond which an id is cut rather than crowd out its title).
        public static func column(_ widest: Int, least: Int) -> Int { min(24, max(least, widest)) }

        /// The widest of `ids`, in cells.
        public static func widest(_ ids: some Sequence<String>) -> Int {
            ids.reduce(0) { max($0, $1.utf8.allSatisfy { $0 < 0x80 } ? $1.utf8.count : Width.of($1)) }
        }
    }

    init(_ b: Board) {
        var live: [String: [Workstream]] = [:]
        for w in b.workstreams where !w.archived { live[w.priority, default: []].append(w) }
        workstreamsByPriority = live
        ratingsByPriority = live.mapValues { $0.map(\.inYear) }
        overallByPriority = live.mapValues { $0.map(\.overall) }
        judgedInYear = Set(live.filter { $0.value.contains { $0.isJudgement(.inYear) } }.keys)
        judgedOverall = Set(live.filter { $0.value.contains { $0.isJudgement(.overall) } }.keys)
        escalated = b.escalatedRisks
        openRisks = b.openRisks.count
        heatGrid = RiskRegister.heatMap(b.risks.items)
        recentChanges = b.recentChanges(limit: 40)
        quarterClose = b.quarterClose(QuarterClose.defaultQuarter(asAt: b.programme.asAt))
        businessDue = b.businessDue(by: b.programme.asAt.adding(days: Board.firstBoardWindow))
        idWidths = IDWidths(
            workstreams: IDWidths.widest(b.workstreams.items.map(\.id)), risks: IDWidths.widest(b.risks.items.map(\.id)),
            interventions: IDWidths.widest(b.interventions.items.map(\.id)), evaluations: IDWidths.widest(b.evaluations.items.map(\.id)),
            outcomes: IDWidths.widest(b.outcomes.items.map(\.id)))
    }

    public func counts(_ priority: String, threeColour: Bool, kind: RatingKind = .inYear) -> RAGCounts {
        RAGCounts(((kind == .inYear ? ratingsByPriority : overallByPriority)[priority] ?? []).map { threeColour ? $0.threeColour : $0 })
    }

    /// True when a counted rating of the priority is a judgement: its counts carry `†`.
    public func judged(_ priority: String, kind: RatingKind = .inYear) -> Bool {
        (kind == .inYear ? judgedInYear : judgedOverall).contains(priority)
    }
}
