/// Likelihood x impact on 1-5 scales (HM Treasury Orange Book practice).
public struct Score: Codable, Sendable, Equatable, Hashable {
    public var likelihood: Int
    public var impact: Int
    public init(likelihood: Int, impact: Int) {
        self.likelihood = likelihood
        self.impact = impact
    }
    public var value: Int {
        let (v, over) = likelihood.multipliedReportingOverflow(by: impact)
        return over ? .max : v
    }
    public var band: Band { Band(score: value) }
    public var isValid: Bool { (1...5).contains(likelihood) && (1...5).contains(impact) }

    public static let likelihoodNames = ["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]
    public static let impactNames = ["Negligible", "Minor", "Moderate", "Major", "Severe"]
    public var likelihoodName: String { (1...5).contains(likelihood) ? Score.likelihoodNames[likelihood - 1] : "?" }
    public var impactName: String { (1...5).contains(impact) ? Score.impactNames[impact - 1] : "?" }
    /// The only products of two 1-5 scales.
    public static let possibleValues = [1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25]
}

/// Score bands: 1-4 low, 5-10 medium, 12-16 high, 20-25 very high.
public enum Band: String, Codable, Sendable, ListedValues, CaseIterable, Comparable {
    case low, medium, high, veryHigh = "very-high"
    public init(score: Int) {
        switch score {
        case ..<5: self = .low
        case 5...10: self = .medium
        case 11...16: self = .high
        default: self = .veryHigh
        }
    }
    public var name: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }
    public var letter: String {
        switch self {
        case .low: "L"
        case .medium: "M"
        case .high: "H"
        case .veryHigh: "VH"
        }
    }
    /// Days until the next review after a review.
    public var reviewInterval: Int {
        switch self {
        case .low: 365
        case .medium: 180
        case .high, .veryHigh: 90
        }
    }
    private var rank: Int { Band.allCases.firstIndex(of: self)! }
    public static func < (a: Band, b: Band) -> Bool { a.rank < b.rank }
    public init?(parsing text: String) {
        let t = text.lowercased().replacingOccurrences(of: " ", with: "-")
        guard let b = Band.allCases.first(where: { $0.rawValue == t || $0.letter.lowercased() == t || $0.name.lowercased() == text.lowercased() })
        else { return nil }
        self = b
    }
}

public enum RiskResponse: String, Codable, Sendable, ListedValues, CaseIterable { case treat, tolerate, transfer, terminate }

/// A mitigating action.
public struct Mitigation: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, ListedValues, CaseIterable {
        case planned, inProgress = "in-progress", done
        public var label: String { self == .inProgress ? "In progress" : rawValue.capitalized }
    }
    public var action: String
    public var owner: String
    public var due: Day
    public var status: Status
    public init(action: String, owner: String, due: Day, status: Status) {
        self.action = action
        self.owner = owner
        self.due = due
        self.status = status
    }
}

/// A risk on the register.
public struct Risk: StoreDocument {
    public enum Status: String, Codable, Sendable, ListedValues { case open, closed }
    public var id: String
    public var rev: Int
    public var title: String
    public var description: String
    public var causes: [String]
    public var category: String
    public var owner: String
    public var proximity: String
    public var inherent: Score
    public var residual: Score
    public var target: Score
    public var response: RiskResponse
    public var actions: [Mitigation]
    public var status: Status
    public var closedReason: String?
    /// Escalated to the strategic board regardless of score (e.g. it threatens a grant condition).
    public var escalate: Bool
    public var lastReviewed: Day
    public var source: String
    /// Marked for the board: raised in the next meeting's matters arising (nil: never marked).
    public var boardMarks: [BoardMark]?

    public init(
        id: String, rev: Int = 1, title: String, description: String, causes: [String], category: String, owner: String,
        proximity: String, inherent: Score, residual: Score, target: Score, response: RiskResponse, actions: [Mitigation],
        status: Status = .open, closedReason: String? = nil, escalate: Bool = false, lastReviewed: Day, source: String
    ) {
        self.id = id
        self.rev = rev
        self.title = title
        self.description = description
        self.causes = causes
        self.category = category
        self.owner = owner
        self.proximity = proximity
        self.inherent = inherent
        self.residual = residual
        self.target = target
        self.response = response
        self.actions = actions
        self.status = status
        self.closedReason = closedReason
        self.escalate = escalate
        self.lastReviewed = lastReviewed
        self.source = source
    }

    public var band: Band { residual.band }
    /// Derived from the band of the residual score.
    public var nextReview: Day { lastReviewed.adding(days: band.reviewInterval) }
    public func isEscalated(threshold: Int = RiskRegister.defaultThreshold) -> Bool {
        status == .open && (escalate || residual.value >= threshold)
    }
    public func isOverdue(on today: Day) -> Bool { status == .open && nextReview < today }

    /// The mitigating actions not done by their due date, on an open risk.
    public func overdueActions(on today: Day) -> [Mitigation] { status == .open ? actions.filter { $0.status != .done && $0.due < today } : [] }

    public var problems: [String] {
        var out: [String] = []
        for (name, s) in [("inherent", inherent), ("residual", residual), ("target", target)] where !s.isValid {
            out.append("\(name) score: likelihood and impact must each be 1-5 (got \(s.likelihood)x\(s.impact))")
        }
        if status == .closed && (closedReason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            out.append("a closed risk needs a reason")
        }
        return out
    }
}

public enum RiskRegister {
    /// Residual score at or above which a risk goes to the strategic board. A common practice value: the 004 ToR
    /// escalates high-level risks that threaten the grant conditions but gives no score, so data marks it illustrative.
    public static let defaultThreshold = 15

    /// Counts of open risks by residual likelihood (rows, 5 at top) and impact (columns).
    public static func heatMap(_ risks: [Risk]) -> [[Int]] {
        var grid = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        for r in risks where r.status == .open && r.residual.isValid {
            grid[r.residual.likelihood - 1][r.residual.impact - 1] += 1
        }
        return grid
    }
}
