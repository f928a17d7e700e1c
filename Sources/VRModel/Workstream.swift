import Foundation

/// One change of a rating: evidence is expected, so it carries who, when, a comment and its basis.
public struct RatingChange: Codable, Sendable, Equatable {
    /// What a rating rests on. `evidence`: the comment gives the evidence (with its source) that the
    /// rating follows from. `judgement`: the rater judged it from the evidence the comment cites; every
    /// surface marks it with `Provenance.judgementMark`.
    public enum Basis: String, Codable, Sendable, ListedValues, CaseIterable {
        case evidence
        case judgement
        public var label: String { self == .evidence ? "Evidence" : "Judgement" }
    }

    public var kind: RatingKind
    public var from: RAG?
    public var to: RAG
    public var at: String  // ISO 8601 timestamp, UTC
    public var by: String
    public var comment: String
    public var basis: Basis
    /// The login or database role that recorded the change, beside `by`, the name given (nil on changes
    /// recorded before it was kept).
    public var login: String?
    /// The board date the entry belongs to, when the board's date was not the day it was recorded.
    public var boardDate: Day?

    public init(
        kind: RatingKind, from: RAG?, to: RAG, at: String, by: String, comment: String, basis: Basis = .evidence, login: String? = nil
    ) {
        self.kind = kind
        self.from = from
        self.to = to
        self.at = at
        self.by = by
        self.comment = comment
        self.basis = basis
        self.login = login
    }

    enum CodingKeys: String, CodingKey { case kind, from, to, at, by, comment, basis, login, boardDate }

    /// A change recorded before the basis existed was entered with its evidence: it decodes as `evidence`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(RatingKind.self, forKey: .kind)
        from = try c.decodeIfPresent(RAG.self, forKey: .from)
        to = try c.decode(RAG.self, forKey: .to)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(String.self, forKey: .by)
        comment = try c.decode(String.self, forKey: .comment)
        basis = try c.decodeIfPresent(Basis.self, forKey: .basis) ?? .evidence
        login = try c.decodeIfPresent(String.self, forKey: .login)
        boardDate = try c.decodeIfPresent(Day.self, forKey: .boardDate)
    }

    /// True when the rating was judged rather than evidenced.
    public var isJudgement: Bool { basis == .judgement }

    /// A dated review that kept the rating as it was ("no change, reviewed"), with its evidence.
    public var isReview: Bool { from == to }

    /// The journal note for a rating change: `In-year rating Amber → Amber/Green: comment`, or for a
    /// review `In-year rating Amber reviewed, no change: comment`.
    public static func note(_ kind: RatingKind, from old: RAG, to new: RAG, comment: String) -> String {
        old == new ? "\(kind.label) rating \(old.name) reviewed, no change: \(comment)" : "\(kind.label) rating \(old.name) → \(new.name): \(comment)"
    }

}

extension RatingChange: BoardDated {}

/// A workstream under a priority, with its two ratings and their history.
public struct Workstream: StoreDocument {
    public var id: String
    public var rev: Int
    public var priority: String
    public var title: String
    public var lead: String
    public var sponsor: String
    public var objectives: [String]
    public var inYear: RAG
    public var overall: RAG
    public var history: [RatingChange]
    public var archived: Bool
    /// The exit, mainstreaming or continuation option [004 §59]; nil until the VRU sets one.
    public var exitStrategy: ExitStrategy?
    public var source: String
    /// Marked for the board: raised in the next meeting's matters arising (nil: never marked).
    public var boardMarks: [BoardMark]?

    public init(
        id: String, rev: Int = 1, priority: String, title: String, lead: String, sponsor: String,
        objectives: [String], inYear: RAG, overall: RAG, history: [RatingChange] = [], archived: Bool = false, source: String
    ) {
        self.id = id
        self.rev = rev
        self.priority = priority
        self.title = title
        self.lead = lead
        self.sponsor = sponsor
        self.objectives = objectives
        self.inYear = inYear
        self.overall = overall
        self.history = history
        self.archived = archived
        self.source = source
    }

    public func rating(_ kind: RatingKind) -> RAG { kind == .inYear ? inYear : overall }

    /// The most recent change of the given rating.
    public func lastChange(_ kind: RatingKind) -> RatingChange? { history.last { $0.kind == kind } }

    /// The latest change of either rating.
    public var lastUpdated: RatingChange? { history.max { $0.at < $1.at } }

    /// True when the current rating of this kind was judged rather than evidenced (its last change says so).
    public func isJudgement(_ kind: RatingKind) -> Bool { lastChange(kind)?.isJudgement ?? false }

    /// Trend: the current rating against the one it replaced.
    /// The trend compares the rating with the one it replaced: a review that kept it is not a change.
    public func trend(_ kind: RatingKind) -> Trend {
        guard let last = history.last(where: { $0.kind == kind && !$0.isReview }) else { return .none }
        return Trend.between(previous: last.from, current: rating(kind))
    }

    public enum RatingError: Error, Equatable, CustomStringConvertible {
        case commentRequired
        case unchanged
        public var description: String {
            switch self {
            case .commentRequired: "a comment is required when a rating changes (evidence for the change)"
            case .unchanged: "the rating is already that value"
            }
        }
    }

    /// Applies a rating change, recording who, when, the old and new rating and the comment.
    public mutating func rate(
        _ kind: RatingKind, to new: RAG, by user: String, at timestamp: String, comment: String,
        basis: RatingChange.Basis = .evidence, login: String? = nil, boardDate: Day? = nil
    ) throws(RatingError) {
        let note = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw .commentRequired }
        let old = rating(kind)
        guard old != new else { throw .unchanged }
        var change = RatingChange(kind: kind, from: old, to: new, at: timestamp, by: user, comment: note, basis: basis, login: login)
        change.boardDate = boardDate
        history.append(change)
        if kind == .inYear { inYear = new } else { overall = new }
    }

    /// Records a dated review that keeps the rating as it is ("no change, reviewed"), with its evidence:
    /// boards expect one each period even when the rating holds.
    public mutating func review(
        _ kind: RatingKind, by user: String, at timestamp: String, comment: String, basis: RatingChange.Basis = .evidence,
        login: String? = nil, boardDate: Day? = nil
    )
        throws(RatingError)
    {
        let note = comment.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !note.isEmpty else { throw .commentRequired }
        let current = rating(kind)
        var change = RatingChange(kind: kind, from: current, to: current, at: timestamp, by: user, comment: note, basis: basis, login: login)
        change.boardDate = boardDate
        history.append(change)
    }
}

/// Counts of workstream ratings, worst first.
public struct RAGCounts: Equatable, Sendable {
    public private(set) var counts: [RAG: Int] = [:]
    public init(_ ratings: some Sequence<RAG>) { for r in ratings { counts[r, default: 0] += 1 } }
    public subscript(_ r: RAG) -> Int { counts[r] ?? 0 }
    public var total: Int { counts.values.reduce(0, +) }
}
