/// What happens to a workstream when the funding ends [004 §59]: exit, mainstream into a partner's
/// core business, or continue with other funding.
public struct ExitStrategy: Codable, Sendable, Equatable {
    public enum Option: String, Codable, Sendable, CaseIterable {
        case undecided, exit, mainstream, continuation
        public var label: String {
            switch self {
            case .undecided: "Undecided"
            case .exit: "Exit"
            case .mainstream: "Mainstream"
            case .continuation: "Continue"
            }
        }
    }
    public var option: Option
    public var note: String
    public init(option: Option, note: String) {
        self.option = option
        self.note = note
    }
}

/// The header every board paper carries [001].
public struct PaperHeader: Codable, Sendable, Equatable {
    public var reportTo: String
    public var author: String
    public var agendaItem: String
    public init(reportTo: String, author: String, agendaItem: String) {
        self.reportTo = reportTo
        self.author = author
        self.agendaItem = agendaItem
    }
}

/// A decision the board took.
public struct Decision: Codable, Sendable, Equatable {
    public var text: String
    public var at: String
    public var by: String
    public init(text: String, at: String, by: String) {
        self.text = text
        self.at = at
        self.by = by
    }
}

/// An action the board set.
public struct MeetingAction: Codable, Sendable, Equatable {
    public var text: String
    public var owner: String
    public var due: Day
    public var at: String
    public var by: String
    public init(text: String, owner: String, due: Day, at: String, by: String) {
        self.text = text
        self.owner = owner
        self.due = due
        self.at = at
        self.by = by
    }
}

/// The programme as it was shown at a meeting: frozen, so looking back shows what the board saw.
public struct Snapshot: Codable, Sendable, Equatable {
    public var programme: Programme
    public var funding: Funding
    public var priorities: [Priority]
    public var workstreams: [Workstream]
    public var risks: [Risk]
    public var members: [Member]

    public init(of b: Board) {
        programme = b.programme
        funding = b.funding
        priorities = b.priorities.items
        workstreams = b.workstreams.items
        risks = b.risks.items
        members = b.members.items
    }

    /// The snapshot as a board (with no meetings of its own), for the same views and reports.
    public var board: Board {
        Board(programme: programme, funding: funding, members: members, priorities: priorities, workstreams: workstreams, risks: risks)
    }
}

/// A meeting of the strategic board: when, who, the agenda, the programme as shown, and its record.
public struct Meeting: StoreDocument {
    public var id: String
    public var rev: Int
    public var date: Day
    public var title: String
    public var attendees: [String]
    public var agenda: [String]
    public var header: PaperHeader
    public var snapshot: Snapshot
    public var decisions: [Decision]
    public var actions: [MeetingAction]

    public init(
        id: String, rev: Int = 1, date: Day, title: String, attendees: [String], agenda: [String], header: PaperHeader,
        snapshot: Snapshot, decisions: [Decision] = [], actions: [MeetingAction] = []
    ) {
        self.id = id
        self.rev = rev
        self.date = date
        self.title = title
        self.attendees = attendees
        self.agenda = agenda
        self.header = header
        self.snapshot = snapshot
        self.decisions = decisions
        self.actions = actions
    }

    /// The standing agenda of the strategic board [004 ToR].
    public static let standingAgenda = [
        "VRU highlight report",
        "Reports from sub-group chairs",
        "Funding and grant conditions",
        "Escalated risks",
        "Exit strategy",
    ]

    /// A new meeting on `date` that freezes the board as it is now.
    public static func new(on date: Day, board b: Board, author: String) -> Meeting {
        let core = b.members.items.filter { $0.membership == .core }.map { "\($0.name) (\($0.organisation))" }
        return Meeting(
            id: date.description, date: date, title: "Strategic Violence Reduction Board",
            attendees: core, agenda: standingAgenda,
            header: PaperHeader(reportTo: "Strategic Violence Reduction Board", author: author, agendaItem: "VRU highlight report"),
            snapshot: Snapshot(of: b))
    }
}

/// One workstream's rating then and now.
/// How a workstream's two ratings moved since the last board, with the changes recorded since.
public struct RatingMovement: Equatable, Sendable {
    public let workstream: Workstream
    /// The in-year rating at the last board (nil: the workstream is new since).
    public let before: RAG?
    public let after: RAG
    /// The overall rating at the last board, and now.
    public let overallBefore: RAG?
    public let overallAfter: RAG
    public let comments: [RatingChange]

    public init(workstream: Workstream, before: RAG?, after: RAG, overallBefore: RAG?, overallAfter: RAG, comments: [RatingChange]) {
        self.workstream = workstream
        self.before = before
        self.after = after
        self.overallBefore = overallBefore
        self.overallAfter = overallAfter
        self.comments = comments
    }

    /// The rating of `kind` then and now.
    public func rating(_ kind: RatingKind) -> (before: RAG?, after: RAG) { kind == .inYear ? (before, after) : (overallBefore, overallAfter) }

    /// True when the rating of `kind` is not what it was at the last board.
    public func moved(_ kind: RatingKind) -> Bool {
        let r = rating(kind)
        return r.before != r.after
    }

    /// The latest comment recorded since the last board.
    public var latest: RatingChange? { comments.max { $0.at < $1.at } }
}

extension Board {
    /// Meetings, oldest first.
    public var orderedMeetings: [Meeting] { meetings.items.sorted { $0.date < $1.date } }

    /// The latest meeting before `date`.
    public func meeting(before date: Day) -> Meeting? { orderedMeetings.last { $0.date < date } }

    /// Days back that "changed since the last board" looks when no earlier board is recorded: a quarter.
    public static let firstBoardWindow = 92

    /// Workstreams whose ratings moved since a previous board's snapshot, with the comments recorded
    /// since; with no earlier board, those changed in the quarter before the as-at date. Worst first.
    public func changes(since previous: Snapshot?) -> [RatingMovement] {
        var out: [RatingMovement] = []
        let old = Dictionary((previous?.workstreams ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cutoff = programme.asAt.adding(days: -Board.firstBoardWindow)
        for w in activeWorkstreams {
            let since: [RatingChange]
            let before: RAG?, overallBefore: RAG?
            if previous != nil {
                since = old[w.id].map { o in w.history.filter { c in !o.history.contains(c) } } ?? w.history
                before = old[w.id]?.inYear
                overallBefore = old[w.id]?.overall
            } else {
                since = w.history.filter { ($0.day ?? cutoff) >= cutoff }
                before = since.first { $0.kind == .inYear }?.from ?? w.inYear
                overallBefore = since.first { $0.kind == .overall }?.from ?? w.overall
            }
            if before != w.inYear || overallBefore != w.overall || !since.isEmpty {
                out.append(
                    RatingMovement(
                        workstream: w, before: before, after: w.inYear, overallBefore: overallBefore, overallAfter: w.overall, comments: since))
            }
        }
        return out.sorted { ($0.after, $0.workstream.id) < ($1.after, $1.workstream.id) }
    }
}
