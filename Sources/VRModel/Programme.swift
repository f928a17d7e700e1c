/// A document kept in the store: identified, revisioned.
public protocol StoreDocument: Codable, Sendable, Equatable, Inspectable {
    var id: String { get }
    var rev: Int { get set }
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
    public var asAt: Day
    /// Residual score at or above which an open risk is escalated to the strategic board.
    public var escalationThreshold: Int
    public var source: String
    /// Who must be present for the board to decide [004 ToR]; nil: no rule recorded.
    public var quorum: QuorumRule?
    /// The board's sub-groups, whose chairs report to each meeting.
    public var subGroups: [SubGroup]

    public init(
        id: String = "programme", rev: Int = 1, name: String, shortName: String, area: String, year: String,
        vision: String, scope: String, accountableBody: String, asAt: Day,
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
        self.asAt = asAt
        self.escalationThreshold = escalationThreshold
        self.source = source
        self.quorum = quorum
        self.subGroups = subGroups
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, name, shortName, area, year, vision, scope, accountableBody, asAt, escalationThreshold, source, quorum, subGroups
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
        asAt = try c.decode(Day.self, forKey: .asAt)
        escalationThreshold = try c.decode(Int.self, forKey: .escalationThreshold)
        source = try c.decode(String.self, forKey: .source)
        quorum = try c.decodeIfPresent(QuorumRule.self, forKey: .quorum)
        subGroups = try c.decodeIfPresent([SubGroup].self, forKey: .subGroups) ?? []
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

    public init(
        id: String, rev: Int = 1, name: String, organisation: String, role: String, membership: Membership, source: String? = nil,
        logins: [String]? = nil
    ) {
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
