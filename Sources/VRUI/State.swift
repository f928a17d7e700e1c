import VRModel

public enum Screen: Int, CaseIterable, Hashable, Sendable {
    case overview, workstreams, funding, risks, history
    public var title: String {
        switch self {
        case .overview: "Overview"
        case .workstreams: "Workstreams"
        case .funding: "Funding"
        case .risks: "Risks"
        case .history: "History"
        }
    }
    public init?(name: String) {
        guard let s = Screen.allCases.first(where: { $0.title.lowercased() == name.lowercased() }) else { return nil }
        self = s
    }
}

public enum RiskSort: String, CaseIterable, Sendable {
    case residual = "residual score", owner, review = "review date", status
}

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
        guard rows > 0 else { scroll = 0; return }
        if selected < scroll { scroll = selected }
        if selected >= scroll + rows { scroll = selected - rows + 1 }
        scroll = max(0, min(scroll, max(0, count - rows)))
    }
}

/// Everything the screen shows, and nothing else: views are functions of this.
public struct AppState: Sendable {
    public var board: Board {
        didSet { derived = Derived(board); rebuildRows() }
    }
    /// Figures over the whole board, computed once per change of the board rather than per frame.
    public private(set) var derived: Derived
    public var screen: Screen = .overview
    public var width: Int
    public var height: Int
    public var showHelp = false
    public var helpScroll = 0
    public var threeColour = false
    public var message: String?
    public var today: Day

    // Priorities and workstreams.
    public var priorityCursor = ListCursor()
    public var openPriority: String? { didSet { rebuildRows() } }
    public var workstreamCursor = ListCursor()

    // Funding: the grants table scrolls.
    public var grantCursor = ListCursor()

    // Risk register.
    public var riskCursor = ListCursor()
    public var riskSort: RiskSort = .residual { didSet { rebuildRows() } }
    public var bandFilter: Band? { didSet { rebuildRows() } }
    public var heatFocus = false
    public var heatCell = Score(likelihood: 3, impact: 3)
    public var heatFilter: Score? { didSet { rebuildRows() } }

    // Editing.
    public var modal: Modal?
    public var readOnly = false
    /// Why the board is read-only, for the message an edit key gives.
    public var readOnlyReason = "opened with --read-only, so nothing can be changed"
    public var user = "unknown"
    /// The current time as an ISO 8601 timestamp, set by the runtime (the UI core reads no clock).
    public var now = "1970-01-01T00:00:00Z"
    /// The runtime's clock in whole seconds, for the walkthrough's elapsed time.
    public var clock = 0
    /// Set when walking the board through a meeting (`vrboard present`).
    public var presentation: Presentation?
    public var undoStack: [UndoEntry] = []
    public var redoStack: [UndoEntry] = []
    public var actionCursor = ListCursor()

    // History: loaded by the runtime from the journal, newest first; optionally one item's.
    public var history: [HistoryItem] = [] { didSet { rebuildRows() } }
    /// Why the journal could not be read, shown instead of an empty history.
    public var historyError: String?
    public var historyFilter: String? { didSet { rebuildRows() } }
    public var historyCursor = ListCursor()
    /// The item selected when the history screen was opened, for `f`.
    public var lastItemID: String?

    // Search: one query per list; `searching` while the box has the keyboard.
    public var searching = false
    public var queries: [Screen: String] = [:] { didSet { rebuildRows() } }

    /// Derived rows, rebuilt only when what they depend on changes, so a keypress costs what is visible.
    public private(set) var priorityRows: [Priority] = []
    public private(set) var workstreamRows: [Workstream] = []
    public private(set) var riskRows: [Risk] = []
    public private(set) var historyRows: [HistoryItem] = []

    public init(board: Board, width: Int, height: Int, today: Day? = nil) {
        self.board = board
        self.derived = Derived(board)
        self.width = width
        self.height = height
        self.today = today ?? board.programme.asAt
        rebuildRows()
    }

    public var query: String { queries[screen] ?? "" }

    public static let minWidth = 80
    public static let minHeight = 24
    public var tooSmall: Bool { width < AppState.minWidth || height < AppState.minHeight }

    private static func matches(_ q: String, _ fields: String...) -> Bool {
        guard !q.isEmpty else { return true }
        let needle = q.lowercased()
        return fields.contains { $0.lowercased().contains(needle) }
    }

    mutating func rebuildRows() {
        let wq = queries[.workstreams] ?? ""
        if openPriority == nil {
            priorityRows = board.orderedPriorities.filter { AppState.matches(wq, $0.title, $0.id, "\($0.number)") }
            workstreamRows = []
        } else {
            priorityRows = board.orderedPriorities
            workstreamRows = (derived.workstreamsByPriority[openPriority!] ?? []).filter {
                AppState.matches(wq, $0.id, $0.title, board.name(of: $0.lead), board.name(of: $0.sponsor))
            }
        }
        let rq = queries[.risks] ?? ""
        var risks = board.risks.items.filter { r in
            (bandFilter == nil || r.band == bandFilter) && (heatFilter == nil || (r.residual == heatFilter && r.status == .open))
                && AppState.matches(rq, r.id, r.title, r.category, board.name(of: r.owner))
        }
        switch riskSort {
        case .residual:
            risks.sort { ($0.status == .open ? 0 : 1, -$0.residual.value, $0.id) < ($1.status == .open ? 0 : 1, -$1.residual.value, $1.id) }
        case .owner:
            risks.sort { (board.name(of: $0.owner), $0.id) < (board.name(of: $1.owner), $1.id) }
        case .review:
            risks.sort { ($0.status == .open ? 0 : 1, $0.nextReview, $0.id) < ($1.status == .open ? 0 : 1, $1.nextReview, $1.id) }
        case .status:
            risks.sort { ($0.status.rawValue, -$0.residual.value, $0.id) < ($1.status.rawValue, -$1.residual.value, $1.id) }
        }
        riskRows = risks
        let hq = queries[.history] ?? ""
        historyRows = history.filter { (historyFilter == nil || $0.id == historyFilter) && AppState.matches(hq, $0.id, $0.by, $0.note) }
        historyCursor.clamp(count: historyRows.count)
        priorityCursor.clamp(count: priorityRows.count)
        workstreamCursor.clamp(count: workstreamRows.count)
        riskCursor.clamp(count: riskRows.count)
    }

    public var selectedPriority: Priority? {
        if let id = openPriority { return board.priorities[id] }
        return priorityRows.indices.contains(priorityCursor.selected) ? priorityRows[priorityCursor.selected] : nil
    }

    public var selectedWorkstream: Workstream? {
        workstreamRows.indices.contains(workstreamCursor.selected) ? workstreamRows[workstreamCursor.selected] : nil
    }

    /// The id of the item selected on the current screen, for its history.
    public var selectedItemID: String? {
        switch screen {
        case .workstreams: openPriority == nil ? nil : selectedWorkstream?.id
        case .risks: selectedRisk?.id
        case .funding: board.funding.id
        default: nil
        }
    }

    public var selectedRisk: Risk? {
        riskRows.indices.contains(riskCursor.selected) ? riskRows[riskCursor.selected] : nil
    }

    /// How a rating is shown: the stored five-point value, or its three-colour mapping.
    public func shown(_ r: RAG) -> RAG { threeColour ? r.threeColour : r }
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
    }

    public func counts(_ priority: String, threeColour: Bool, kind: RatingKind = .inYear) -> RAGCounts {
        RAGCounts(((kind == .inYear ? ratingsByPriority : overallByPriority)[priority] ?? []).map { threeColour ? $0.threeColour : $0 })
    }

    /// True when a counted rating of the priority is a judgement: its counts carry `†`.
    public func judged(_ priority: String, kind: RatingKind = .inYear) -> Bool {
        (kind == .inYear ? judgedInYear : judgedOverall).contains(priority)
    }
}
