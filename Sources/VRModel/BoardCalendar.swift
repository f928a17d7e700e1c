/// The board through time: its annual business, the meetings ahead, and the years it has closed.

/// An item of the board's annual business [004 ToR: "Challenge and approve the annual VRU budget and suite
/// of interventions"; "Annual review of the VRU's Strategic Needs Assessment, Response Strategy, Annual
/// Report"], due by a date, settled by a decision the board records against it.
public struct BoardBusiness: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, ListedValues {
        case budget, review, terms
    }
    /// `2022/23-budget`: the year it is for and its kind.
    public var id: String
    public var kind: Kind
    public var title: String
    public var due: Day
    public var source: String

    public init(id: String, kind: Kind, title: String, due: Day, source: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.due = due
        self.source = source
    }

    /// The annual business of the financial year starting in `year`, each due by the year's last day
    /// (the ToR gives no dates: a judgement, said in `source`).
    public static func annual(year: Int, source: String) -> [BoardBusiness] {
        let end = Quarter(year: year, number: 4)?.last ?? Day(year: year + 1, month: 3, day: 31)!
        let label = Quarter(year: year, number: 1)?.first.financialYear ?? "\(year)"
        let next = Quarter(year: year + 1, number: 1)?.first.financialYear ?? "\(year + 1)"
        return [
            BoardBusiness(
                id: "\(label)-budget", kind: .budget, title: "Approve the \(next) VRU budget and suite of interventions", due: end, source: source),
            BoardBusiness(
                id: "\(label)-review", kind: .review, title: "Annual review of the Strategic Needs Assessment, Response Strategy and Annual Report",
                due: end, source: source),
            BoardBusiness(id: "\(label)-terms", kind: .terms, title: "Annual review of the board's Terms of Reference", due: end, source: source),
        ]
    }

    /// How the source of generated items reads: the ToR for the business, a judgement for the date.
    public static let defaultSource =
        "judgement: the board's annual business as the 004 ToR (WM-VRU's Terms of Reference) sets it out: approve the annual budget and suite of interventions; review the SNA, Response Strategy and Annual Report each year; the ToR's own annual review and every due date are judgements: the ToR gives no dates"
}

/// A financial year closed by `vrboard year open`: the board as it stood at its close is the store's
/// board at `seq`, read back whole; the headline figures are kept beside it for the comparisons.
public struct ClosedYear: Codable, Sendable, Equatable {
    /// `2021/22`.
    public var year: String
    /// The journal position of the last change of the year (the board as it stood at the close).
    public var seq: Int
    /// The journal position after the new year was opened: while the journal is still there, nothing has
    /// been entered in the new year, and it can be undone.
    public var openedSeq: Int?
    public var closedAt: String
    public var by: String
    public var figures: YearFigures
}

/// A year's programme-level figures, as a director compares them.
public struct YearFigures: Codable, Sendable, Equatable {
    public var year: String
    public var allocation: Pounds?
    /// Percent of the allocation on commissioned interventions.
    public var interventionsPercent: Int?
    public var interventions: Int?
    /// Children and young people (or people, as the source counts) reached.
    public var reach: Int?
    /// Where the figures come from: a seed paragraph, or "the board at its close".
    public var source: String

    public init(
        year: String, allocation: Pounds? = nil, interventionsPercent: Int? = nil, interventions: Int? = nil, reach: Int? = nil, source: String
    ) {
        self.year = year
        self.allocation = allocation
        self.interventionsPercent = interventionsPercent
        self.interventions = interventions
        self.reach = reach
        self.source = source
    }

    /// `2020/21: 28 interventions · 1,547 reached [001 §4.14-4.15]`.
    public var summary: String {
        var parts: [String] = []
        if let a = allocation { parts.append(Money.format(a)) }
        if let p = interventionsPercent { parts.append("\(p)% on interventions") }
        if let n = interventions { parts.append("\(n) interventions") }
        if let r = reach { parts.append("\(r.grouped) reached") }
        return "\(year): " + parts.joined(separator: " · ") + " [\(source)]"
    }
}

extension Board {
    /// The decision that settled a business item, with its meeting (withdrawn decisions do not count).
    public func settlement(of item: BoardBusiness) -> (meeting: Meeting, decision: Decision)? {
        for m in orderedMeetings {
            if let d = m.decisions.first(where: { $0.business == item.id && $0.withdrawn == nil }) { return (m, d) }
        }
        return nil
    }

    /// Business not yet settled, by due date.
    public var openBusiness: [BoardBusiness] {
        programme.business.filter { settlement(of: $0) == nil }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// Open business due by `day` (inclusive): what attention lists as due or overdue.
    public func businessDue(by day: Day) -> [BoardBusiness] { openBusiness.filter { $0.due <= day } }

    /// The meeting that takes a business item: the one it was settled at; else the last meeting still to
    /// be held on or before its due date; else the first after it. Nil when no meeting is scheduled.
    public func meetingTaking(_ item: BoardBusiness) -> Meeting? {
        if let s = settlement(of: item) { return s.meeting }
        let open = orderedMeetings.filter { $0.stage == .draft }
        return open.last { $0.date <= item.due && $0.date >= programme.asAt } ?? open.first { $0.date > item.due }
            ?? open.last { $0.date <= item.due }
    }

    /// The business a meeting takes.
    public func business(at m: Meeting) -> [BoardBusiness] {
        programme.business.filter { meetingTaking($0)?.id == m.id }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
    }

    /// A meeting's agenda: its own items, then the annual business it takes.
    public func agenda(of m: Meeting) -> [String] {
        m.agenda + business(at: m).map { "Annual business: \($0.title) (due \($0.due.long))" }
    }

    /// The year before the board's: the last closed on this store, else the latest the seeds give.
    public var previousYear: YearFigures? { programme.closedYears.last?.figures ?? programme.earlierYears.last }

    /// The next meeting scheduled after `day` that has not been held.
    public func nextScheduled(after day: Day) -> Meeting? { orderedMeetings.first { $0.date > day && $0.stage == .draft } }

    /// The forward plan: each meeting from the board's date on, with the business it takes and the
    /// quarter whose close it receives (the last quarter ended before it).
    public var forwardPlan: [(meeting: Meeting, quarter: Quarter, business: [BoardBusiness])] {
        orderedMeetings.filter { $0.date >= programme.asAt && $0.stage != .closed }.map { m in
            (m, Quarter(containing: m.date).previous, business(at: m))
        }
    }
}

/// What `year open` saves: the programme of the new year (the old one closed, its figures kept) and the
/// funding with the new allocation and a draft split, and what the confirmation says will happen.
public struct YearOpening: Sendable {
    public var programme: Programme
    public var funding: Funding
    public var plan: [String]
}

public struct YearError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

extension Board {
    /// `2022/23` after `2021/22`; nil when the text is not a financial year.
    public static func yearAfter(_ year: String) -> String? {
        guard let first = Int(year.split(separator: "/").first ?? ""), let q = Quarter(year: first + 1, number: 1) else { return nil }
        return q.first.financialYear
    }

    /// The headline figures of the year as the board stands: the allocation, its interventions share, the
    /// interventions running, and the reach returned.
    public func yearFigures(source: String) -> YearFigures {
        let fy = Int(programme.year.prefix(4)) ?? Quarter(containing: programme.asAt).year
        let share = Share(funding.spend(.interventions), of: funding.allocation).fraction
        let reach = self.reach(inYear: fy, today: programme.asAt)
        return YearFigures(
            year: programme.year, allocation: funding.allocation, interventionsPercent: Int((share * 100).rounded()),
            interventions: interventions.items.filter { !$0.archived && $0.status != .planned }.count, reach: Reach.add(reach.under25, reach.over25),
            source: source)
    }

    /// Opening financial year `label` (the one after the board's): the board at `seq` is the closed year.
    public func openingYear(_ label: String, seq: Int, at timestamp: String, by user: String) throws(YearError) -> YearOpening {
        let old = programme.year
        guard let next = Board.yearAfter(old) else { throw YearError("the board's year '\(old)' is not a financial year (2021/22)") }
        guard label == next else { throw YearError("the board's year is \(old): the next to open is \(next), not \(label)") }
        guard let startYear = Int(next.prefix(4)), let q1 = Quarter(year: startYear, number: 1) else { throw YearError("\(label) is not a year") }
        if programme.clock == .today && programme.asAt < q1.first {
            throw YearError("\(old) has not ended: it ends \(q1.first.adding(days: -1).long), and the board's date is today (\(programme.asAt.long))")
        }
        var p = programme
        var fu = funding
        var plan: [String] = []
        // The board's date as it closes (on a live board, today).
        let closing = p.asAt
        p.closedYears.append(
            ClosedYear(
                year: old, seq: seq, closedAt: timestamp, by: user,
                figures: yearFigures(source: "the board at the close of \(old), \(closing.long) (change #\(seq))")))
        p.year = next
        plan.append("\(old) closes as it stands now (change #\(seq)): every screen, render, export, history and present read it with --year \(old)")
        if p.clock != .today {
            p.clock = .fixed
            p.asAt = q1.first
            plan.append("The board's date moves to \(q1.first.long), the first day of \(next) (fixed: `vrboard date --today` makes it today)")
        }
        let ids = Set(p.business.map(\.id))
        let business = BoardBusiness.annual(year: startYear, source: BoardBusiness.defaultSource).filter { !ids.contains($0.id) }
        p.business += business
        if !business.isEmpty { plan.append("The board's annual business for \(next) is due by \(business[0].due.long): \(business.count) items") }

        // The new allocation: the core grant's amount recorded for the year, else last year's, marked.
        let core = fu.grants.first { $0.core == true }
        let ahead = core?.years?.first { $0.year == startYear }
        let oldAllocation = fu.allocation
        if let ahead, let amount = ahead.amount, amount > 0 {
            fu.allocation = amount
            fu.allocationSource = "\(ahead.source) (\(next), \(ahead.status.rawValue))"
            plan.append(
                "The allocation becomes \(Money.format(amount)), the \(core?.name ?? "core grant")'s \(next) amount (\(ahead.status.rawValue))")
        } else {
            fu.allocationSource =
                "illustrative: no \(next) amount is recorded for the core grant; the \(old) allocation stands until the grant letter"
            plan.append("No \(next) amount is recorded for the core grant: the allocation stays \(Money.format(oldAllocation)), marked illustrative")
        }
        // The new year's draft split is its own, whichever year's the old one was.
        fu.splitYear = nil
        // A draft split: last year's shares of the new allocation, the pounds lost to rounding on the largest.
        var amounts = fu.categories.map { c -> Pounds in
            guard oldAllocation > 0 else { return c.amount }
            let (product, overflow) = c.amount.multipliedReportingOverflow(by: fu.allocation)
            return overflow ? Pounds((Double(c.amount) / Double(oldAllocation) * Double(fu.allocation)).rounded()) : product / oldAllocation
        }
        if let largest = amounts.indices.max(by: { amounts[$0] < amounts[$1] }), Money.sum(fu.categories.map(\.amount)) == oldAllocation {
            amounts[largest] = Money.difference(fu.allocation, Money.sum(amounts.enumerated().filter { $0.offset != largest }.map(\.element)))
        }
        for i in fu.categories.indices {
            fu.categories[i].amount = amounts[i]
            fu.categories[i].approved = nil
            fu.categories[i].profile = nil
            fu.categories[i].source = "illustrative: draft \(next) split, the \(old) shares of the new allocation, for the board to approve"
        }
        if !fu.categories.isEmpty {
            plan.append("A draft split of \(fu.categories.count) categories (the \(old) shares) for the board to approve")
        }
        // Last year's commentary and reprofiling belong to it (kept in the closed year).
        fu.commentaries = []
        fu.reprofiles = []
        var ended = 0
        for i in fu.grants.indices where fu.grants[i].status != .ended {
            // Ended by its end date, unless the new year's amount is already recorded (confirmed or expected).
            if let end = fu.grants[i].endDate, end < q1.first, !(fu.grants[i].years ?? []).contains(where: { $0.year == startYear }) {
                fu.grants[i].status = .ended
                ended += 1
            }
        }
        if ended > 0 { plan.append("\(ended) grant\(ended == 1 ? "" : "s") ended by \(q1.first.long) marked ended") }
        let carried = activeWorkstreams.count, risksOpen = risks.items.filter { $0.status == .open }.count
        let live = interventions.items.filter { !$0.archived && $0.status != .ended }.count
        plan.append(
            "Carried forward: \(priorities.count) priorities, \(carried) workstreams with their latest ratings, \(risksOpen) open risks with their actions, \(live) interventions with their returns"
        )
        return YearOpening(programme: p, funding: fu, plan: plan)
    }
}

/// What a part of the board's business is about: a section of the paper, a slide of the walkthrough.
/// An agenda item is matched to the first part, in the paper's or the slides' order, whose subject its
/// words name ("Escalated risks" → risks).
public enum AgendaSubject: Sendable, Equatable, CaseIterable {
    case minutes, highlight, subGroups, priorities, interventions, outcomes, funding, risks, record, exit, changes
    /// Words in an agenda item that name this subject.
    public var words: [String] {
        switch self {
        case .minutes: ["minutes", "matters arising"]
        case .highlight: ["highlight"]
        case .subGroups: ["sub-group", "subgroup"]
        case .priorities: ["priorit", "workstream"]
        case .interventions: ["intervention", "commission", "reach", "evaluation"]
        case .outcomes: ["outcome", "success measure", "performance"]
        case .funding: ["funding", "grant", "finance", "budget"]
        case .risks: ["risk"]
        case .record: ["decision", "action"]
        case .exit: ["exit", "sustainab"]
        case .changes: ["changes recorded", "audit"]
        }
    }

    /// Whether agenda item `lowercased` (already lower-cased) names this subject.
    public func names(_ lowercased: String) -> Bool { words.contains { lowercased.contains($0) } }
}
