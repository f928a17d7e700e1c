/// A document kept in the store: identified, revisioned.
public protocol StoreDocument: Codable, Sendable, Equatable, Inspectable {
    var id: String { get }
    var rev: Int { get set }
}

/// How a board keeps its one date, the date every judgement uses (overdue reviews, actions and returns,
/// quarters ended, the share of the year gone, attention, slides and the pack).
public enum BoardClock: String, Codable, Sendable, ListedValues {
    /// A live board: its date is today, moving by itself.
    case today
    /// Fixed at `asAt`, chosen by the VRU (a board being brought up to date, or rehearsed at a date).
    case fixed
    /// A historical dataset: fixed at the date of its paper.
    case sample
}

/// The VRU's programme: who, which year, the vision.
public struct Programme: StoreDocument {
    public var id: String
    public var rev: Int
    public var name: String
    public var shortName: String
    public var area: String
    public var year: String
    public var vision: String
    public var scope: String
    public var accountableBody: String
    /// The board's date: on a board whose clock is `today`, today (set when it is read, so it moves by
    /// itself); otherwise the fixed date written in the store.
    public var asAt: Day
    /// Whether the board's date is today or fixed (programmes saved before the clock existed: fixed).
    public var clock: BoardClock
    /// Residual score at or above which an open risk is escalated to the strategic board.
    public var escalationThreshold: Int
    public var source: String
    /// Who must be present for the board to decide [004 ToR]; nil: no rule recorded.
    public var quorum: QuorumRule?
    /// The board's sub-groups, whose chairs report to each meeting.
    public var subGroups: [SubGroup]
    /// The board's annual business [004 ToR], each item due by a date and settled by a recorded decision.
    public var business: [BoardBusiness]
    /// The financial years closed on this store, each readable as it stood (`year open`).
    public var closedYears: [ClosedYear]
    /// Programme-level figures of years before the store's first, as the seeds give them.
    public var earlierYears: [YearFigures]
    /// The equality commitments the VRU has made to its board [004 §170-172], each with its source: the
    /// board paper's Equality Implications quote them beside what the board holds about who is reached.
    public var equality: [CitedText]

    public init(
        id: String = "programme", rev: Int = 1, name: String, shortName: String, area: String, year: String,
        vision: String, scope: String, accountableBody: String, asAt: Day, clock: BoardClock = .fixed,
        escalationThreshold: Int = RiskRegister.defaultThreshold, source: String, quorum: QuorumRule? = nil, subGroups: [SubGroup] = []
    ) {
        self.id = id
        self.rev = rev
        self.name = name
        self.shortName = shortName
        self.area = area
        self.year = year
        self.vision = vision
        self.scope = scope
        self.accountableBody = accountableBody
        self.clock = clock
        self.asAt = clock == .today ? Day.today() : asAt
        self.escalationThreshold = escalationThreshold
        self.source = source
        self.quorum = quorum
        self.subGroups = subGroups
        self.business = []
        self.closedYears = []
        self.earlierYears = []
        self.equality = []
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, name, shortName, area, year, vision, scope, accountableBody, asAt, clock, escalationThreshold, source, quorum, subGroups,
            business,
            closedYears, earlierYears, equality
    }

    /// Programmes saved before the quorum rule and sub-groups existed have neither.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        name = try c.decode(String.self, forKey: .name)
        shortName = try c.decode(String.self, forKey: .shortName)
        area = try c.decode(String.self, forKey: .area)
        year = try c.decode(String.self, forKey: .year)
        vision = try c.decode(String.self, forKey: .vision)
        scope = try c.decode(String.self, forKey: .scope)
        accountableBody = try c.decode(String.self, forKey: .accountableBody)
        clock = try c.decodeIfPresent(BoardClock.self, forKey: .clock) ?? .fixed
        asAt = clock == .today ? Day.today() : try c.decode(Day.self, forKey: .asAt)
        escalationThreshold = try c.decode(Int.self, forKey: .escalationThreshold)
        source = try c.decode(String.self, forKey: .source)
        quorum = try c.decodeIfPresent(QuorumRule.self, forKey: .quorum)
        subGroups = try c.decodeIfPresent([SubGroup].self, forKey: .subGroups) ?? []
        business = try c.decodeIfPresent([BoardBusiness].self, forKey: .business) ?? []
        closedYears = try c.decodeIfPresent([ClosedYear].self, forKey: .closedYears) ?? []
        earlierYears = try c.decodeIfPresent([YearFigures].self, forKey: .earlierYears) ?? []
        equality = try c.decodeIfPresent([CitedText].self, forKey: .equality) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rev, forKey: .rev)
        try c.encode(name, forKey: .name)
        try c.encode(shortName, forKey: .shortName)
        try c.encode(area, forKey: .area)
        try c.encode(year, forKey: .year)
        try c.encode(vision, forKey: .vision)
        try c.encode(scope, forKey: .scope)
        try c.encode(accountableBody, forKey: .accountableBody)
        try c.encode(asAt, forKey: .asAt)
        try c.encode(clock, forKey: .clock)
        try c.encode(escalationThreshold, forKey: .escalationThreshold)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(quorum, forKey: .quorum)
        try c.encode(subGroups, forKey: .subGroups)
        // Written only once used, so a store that never used them reads as it did.
        if !business.isEmpty { try c.encode(business, forKey: .business) }
        if !closedYears.isEmpty { try c.encode(closedYears, forKey: .closedYears) }
        if !earlierYears.isEmpty { try c.encode(earlierYears, forKey: .earlierYears) }
        if !equality.isEmpty { try c.encode(equality, forKey: .equality) }
    }

    /// The board's date as titles say it: `as at 2 Nov 2021 · sample`, `as at 31 Dec 2021 · fixed`, or
    /// `as at 7 Dec 2026 · today`.
    public var asAtLabel: String { "as at \(asAt.long) · \(clock.rawValue)" }

    /// What the board's date is called in a sentence: `today (7 Dec 2026)` on a live board, else
    /// `the board's date (2 Nov 2021 · sample)`.
    public var dateName: String { clock == .today ? "today (\(asAt.long))" : "the board's date (\(asAt.long) · \(clock.rawValue))" }

    /// The board date an entry recorded at `timestamp` belongs to, when it is not the day it was recorded
    /// (a board whose date is fixed): the record keeps both. Nil when they are the same day.
    public func entryDay(at timestamp: String) -> Day? {
        Day(String(timestamp.prefix(10))) == asAt ? nil : asAt
    }
}

/// A member of the strategic board (or a named officer) that sponsors, leads and owners refer to.
public struct Member: StoreDocument {
    public enum Membership: String, Codable, Sendable, ListedValues { case core, associate, officer }
    public var id: String
    public var rev: Int
    public var name: String
    public var organisation: String
    public var role: String
    public var membership: Membership
    /// Where the post and its role come from: a seed paragraph, or "illustrative: …" for a post or role
    /// no seed gives. Nil for members added on the board (they are people, not claims about a seed).
    public var source: String?
    /// The operating-system logins (folder store) and database roles (PostgreSQL) this member saves as:
    /// a change recorded by one of them is attributed to this member.
    public var logins: [String]?
    /// The member's e-mail address, for a board paper's header (Report Author, Other Contacts) [001 header].
    public var email: String?

    public init(
        id: String, rev: Int = 1, name: String, organisation: String, role: String, membership: Membership, source: String? = nil,
        logins: [String]? = nil, email: String? = nil
    ) {
        self.email = email
        self.id = id
        self.rev = rev
        self.name = name
        self.organisation = organisation
        self.role = role
        self.membership = membership
        self.source = source
        self.logins = logins
    }

    /// True when no seed gives the post or its role: its name carries `Provenance.illustrativeMark`.
    public var isIllustrative: Bool { source.map(Provenance.isIllustrative) ?? false }

    /// The name as every surface shows it: with the illustrative mark when no seed gives the post.
    public var shownName: String { name + (isIllustrative ? Provenance.illustrativeMark : "") }
}

/// A strategic priority of the Response Strategy.
public struct Priority: StoreDocument {
    public var id: String
    public var rev: Int
    public var number: Int
    public var title: String
    public var description: String
    public var snaFinding: String
    public var sponsor: String
    public var source: String
    /// How the priority serves the Police and Crime Plan's priorities, with its source [001 §9.1]: the
    /// board paper's Policy Implications are drawn from these.
    public var plan: CitedText?

    public init(id: String, rev: Int = 1, number: Int, title: String, description: String, snaFinding: String, sponsor: String, source: String) {
        self.id = id
        self.rev = rev
        self.number = number
        self.title = title
        self.description = description
        self.snaFinding = snaFinding
        self.sponsor = sponsor
        self.source = source
    }
}

/// A sentence the board holds with where it comes from: a seed paragraph, or "illustrative: …".
public struct CitedText: Codable, Sendable, Equatable {
    public var text: String
    public var source: String
    public init(text: String, source: String) {
        self.text = text
        self.source = source
    }
    public var isIllustrative: Bool { Provenance.isIllustrative(source) }
}
