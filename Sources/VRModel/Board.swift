import Foundation

/// An ordered list of documents with an index by id: O(1) lookup and replace.
public struct DocumentList<D: StoreDocument>: Sendable, Equatable, Sequence {
    public private(set) var items: [D]
    private var index: [String: Int]

    public init(_ items: [D] = []) {
        self.items = items
        var index: [String: Int] = [:]
        index.reserveCapacity(items.count)
        for (i, d) in items.enumerated() { index[d.id] = i }
        self.index = index
    }

    public subscript(id: String) -> D? { index[id].map { items[$0] } }
    public var count: Int { items.count }
    public func makeIterator() -> IndexingIterator<[D]> { items.makeIterator() }
    public func contains(id: String) -> Bool { index[id] != nil }

    /// Inserts or replaces by id, keeping the position of an existing document.
    public mutating func put(_ doc: D) {
        if let i = index[doc.id] {
            items[i] = doc
        } else {
            index[doc.id] = items.count
            items.append(doc)
        }
    }

    /// Takes a document out, the others keeping their order.
    public mutating func remove(id: String) {
        guard let i = index[id] else { return }
        items.remove(at: i)
        index[id] = nil
        for j in i..<items.count { index[items[j].id] = j }
    }

    public static func == (a: Self, b: Self) -> Bool { a.items == b.items }
}

/// The boards held meetings showed, rebuilt on first use by the store the board came from (a held
/// meeting records its journal position, not a copy) and kept for the session. A cache: two boards are
/// equal whatever their caches hold. A board made in memory has none, and its held meetings keep copies.
public final class FrozenBoards: @unchecked Sendable, Equatable {
    private let lock = NSLock()
    private var cache: [Int: Board] = [:]
    private let loader: ((Int) throws -> Board)?
    /// Why the last board asked for could not be rebuilt, or nil.
    public private(set) var failure: String?

    public init(loader: ((Int) throws -> Board)? = nil) { self.loader = loader }

    /// Whether a store stands behind this board (a held meeting may then keep a position, not a copy).
    public var canRebuild: Bool { loader != nil }

    /// The board as it stood at journal position `seq`, or nil when no store can rebuild it.
    public func board(atSeq seq: Int) -> Board? {
        lock.lock()
        defer { lock.unlock() }
        if let b = cache[seq] { return b }
        guard let loader else { return nil }
        do {
            let b = try loader(seq)
            cache[seq] = b
            return b
        } catch {
            failure = "the board as held at change #\(seq) cannot be rebuilt: \(error)"
            return nil
        }
    }

    public static func == (a: FrozenBoards, b: FrozenBoards) -> Bool { true }
}

/// Everything one store holds, in memory.
public struct Board: Sendable, Equatable {
    public var programme: Programme
    public var funding: Funding
    public var members: DocumentList<Member>
    public var priorities: DocumentList<Priority>
    public var workstreams: DocumentList<Workstream>
    public var risks: DocumentList<Risk>
    public var meetings: DocumentList<Meeting>
    /// The commissioned interventions and their quarterly reach, and the evaluations.
    public var interventions: DocumentList<Intervention>
    public var evaluations: DocumentList<Evaluation>
    /// The outcome measures: the Home Office's success measures and local ones.
    public var outcomes: DocumentList<OutcomeMeasure>
    /// The documents its figures cite (`000`-`004` in the shipped data; a VRU's own reports in its own).
    public var sources: DocumentList<SourceDocument>
    /// The boards its held meetings showed, rebuilt by its store when first shown.
    public var frozen = FrozenBoards()
    /// The journal position this board includes (its store's newest change), or nil for a board made in
    /// memory. A meeting held on it records this, not a copy.
    public var position: Int?

    /// Equal documents: where a board came from (its position, its cache) is not part of it.
    public static func == (a: Board, b: Board) -> Bool {
        a.programme == b.programme && a.funding == b.funding && a.members == b.members && a.priorities == b.priorities
            && a.workstreams == b.workstreams && a.risks == b.risks && a.meetings == b.meetings && a.interventions == b.interventions
            && a.evaluations == b.evaluations && a.outcomes == b.outcomes && a.sources == b.sources
    }

    /// The position a meeting held on this board records: nil when no store could rebuild the board from
    /// it (the meeting then keeps a copy).
    public var holdPosition: Int? { frozen.canRebuild ? position : nil }

    /// This board at journal position `position` with the held meetings' boards `frozen`, or nil when it
    /// already is: a store's observer assigns what this gives, and stops when it gives nothing.
    public func keeping(position p: Int, frozen f: FrozenBoards) -> Board? {
        guard position != p || frozen !== f else { return nil }
        var b = self
        b.position = p
        b.frozen = f
        return b
    }

    public init(
        programme: Programme, funding: Funding, members: [Member], priorities: [Priority],
        workstreams: [Workstream], risks: [Risk], meetings: [Meeting] = [], interventions: [Intervention] = [], evaluations: [Evaluation] = [],
        outcomes: [OutcomeMeasure] = [], sources: [SourceDocument] = []
    ) {
        self.sources = DocumentList(sources)
        self.meetings = DocumentList(meetings)
        self.interventions = DocumentList(interventions)
        self.evaluations = DocumentList(evaluations)
        self.outcomes = DocumentList(outcomes)
        self.programme = programme
        self.funding = funding
        self.members = DocumentList(members)
        self.priorities = DocumentList(priorities)
        self.workstreams = DocumentList(workstreams)
        self.risks = DocumentList(risks)
    }

    /// Priorities in their numbered order.
    public var orderedPriorities: [Priority] { priorities.items.sorted { $0.number < $1.number } }

    /// Live (not archived) workstreams under a priority, in stored order.
    public func workstreams(in priorityID: String) -> [Workstream] {
        workstreams.items.filter { $0.priority == priorityID && !$0.archived }
    }

    public var activeWorkstreams: [Workstream] { workstreams.items.filter { !$0.archived } }

    /// A member's display name (marked when no seed gives the post), or the reference itself when it
    /// names nobody on the board.
    public func name(of ref: String) -> String { members[ref]?.shownName ?? ref }

    /// The member a name or a login names: the one with that name, else the one carrying that login.
    public func member(named name: String) -> Member? {
        members.items.first { $0.name == name } ?? members.items.first { $0.logins?.contains(name) == true }
    }

    /// Who made a rating change, as shown: a `by` that is an illustrative member's post carries the mark.
    public func person(_ by: String) -> String {
        members.items.first { $0.name == by }?.shownName ?? by
    }

    /// Who recorded a change: the name given, with the member or login that recorded it where they differ.
    public func person(_ by: String, login: String?, paper: Bool = false) -> String {
        Attribution.who(by: by, login: login, members: members.items, paper: paper)
    }

    /// True when some live workstream's current rating of `kind` (either, when nil) is a judgement.
    public func showsJudgement(_ kind: RatingKind? = nil) -> Bool {
        activeWorkstreams.contains { w in kind.map(w.isJudgement) ?? (w.isJudgement(.inYear) || w.isJudgement(.overall)) }
    }

    public var escalatedRisks: [Risk] {
        risks.items.filter { $0.isEscalated(threshold: programme.escalationThreshold) }
            .sorted { ($0.residual.value, $1.id) > ($1.residual.value, $0.id) }
    }

    public var openRisks: [Risk] { risks.items.filter { $0.status == .open } }

    /// Rating changes across all workstreams, newest first.
    public func recentChanges(limit: Int) -> [(Workstream, RatingChange)] {
        var all: [(Workstream, RatingChange)] = []
        for w in workstreams where !w.archived { for c in w.history { all.append((w, c)) } }
        all.sort { $0.1.at > $1.1.at }
        return Array(all.prefix(limit))
    }

    /// Reference and rule problems across the whole board.
    public var problems: [BoardProblem] {
        var out: [BoardProblem] = []
        for w in workstreams {
            if !priorities.contains(id: w.priority) {
                out.append(BoardProblem("workstreams", w.id, "priority", "priority '\(w.priority)' does not exist"))
            }
            for (role, ref) in [("lead", w.lead), ("sponsor", w.sponsor)] where !members.contains(id: ref) {
                out.append(BoardProblem("workstreams", w.id, role, "\(role) '\(ref)' is not a board member"))
            }
        }
        for p in priorities where !members.contains(id: p.sponsor) {
            out.append(BoardProblem("priorities", p.id, "sponsor", "sponsor '\(p.sponsor)' is not a board member"))
        }
        for r in risks {
            if !members.contains(id: r.owner) { out.append(BoardProblem("risks", r.id, "owner", "owner '\(r.owner)' is not a board member")) }
            for p in r.problems { out.append(BoardProblem("risks", r.id, nil, p)) }
        }
        for p in funding.problems { out.append(BoardProblem("funding", funding.id, nil, p)) }
        for iv in interventions {
            if let p = iv.priority, !priorities.contains(id: p) {
                out.append(BoardProblem("interventions", iv.id, "priority", "priority '\(p)' does not exist"))
            }
            for w in iv.workstreams where !workstreams.contains(id: w) {
                out.append(BoardProblem("interventions", iv.id, "workstreams", "workstream '\(w)' does not exist"))
            }
            var seen = Set<Quarter>()
            for r in iv.returns {
                for q in r.covered where !seen.insert(q).inserted {
                    out.append(BoardProblem("interventions", iv.id, "returns", "two returns cover \(q.label)"))
                }
            }
        }
        for e in evaluations {
            for i in e.interventions where !interventions.contains(id: i) {
                out.append(BoardProblem("evaluations", e.id, "interventions", "intervention '\(i)' does not exist"))
            }
        }
        return out + figureProblems
    }

    /// Figures that must agree with each other, and do not: each an error (`validate` exits 1), because
    /// the board would show one thing and its record another.
    /// - a workstream's rating against its last recorded change of that rating (the rating shown would
    ///   have no evidence, and the trend and the pack would contradict it);
    /// - a grant's amount against its own year in its year-by-year figures;
    /// - a quorum naming someone who is not a board member (no meeting could ever be quorate);
    /// - a reach return for a quarter not ended at the board's as-at date (`vrboard reach` refuses one).
    public var figureProblems: [BoardProblem] {
        var out: [BoardProblem] = []
        for w in workstreams {
            for kind in RatingKind.allCases {
                guard let last = w.history.last(where: { $0.kind == kind }), last.to != w.rating(kind) else { continue }
                let day = last.day?.long ?? String(last.at.prefix(10))
                let field = kind == .inYear ? "inYear" : "overall"
                out.append(
                    BoardProblem(
                        "workstreams", w.id, field,
                        "\(field) is \(w.rating(kind).name), but its last \(kind.label.lowercased()) rating change (\(day)) is to \(last.to.name): the rating shown has no recorded evidence; record the change, or correct the rating"
                    ))
            }
        }
        for g in funding.grants {
            guard let years = g.years else { continue }
            var seen = Set<Int>()
            for y in years where !seen.insert(y.year).inserted {
                out.append(BoardProblem("funding", funding.id, "grants", "\(g.name): \(y.label) is listed twice in its years"))
            }
            let own = Grant.startYear(of: g.period) ?? Quarter(containing: programme.asAt).year
            if let y = years.first(where: { $0.year == own }), let amount = y.amount, amount != g.amount {
                out.append(
                    BoardProblem(
                        "funding", funding.id, "grants",
                        "\(g.name): its years give \(Money.format(amount)) for \(y.label), but the grant is \(Money.format(g.amount)) for \(g.period)"
                    ))
            }
        }
        if let q = programme.quorum {
            for id in q.required where !members.contains(id: id) {
                out.append(BoardProblem("programme", programme.id, "quorum", "the quorum requires '\(id)', who is not a board member"))
            }
        }
        let asAt = programme.asAt
        for iv in interventions {
            for r in iv.returns where !(r.through.last < asAt) {
                out.append(
                    BoardProblem(
                        "interventions", iv.id, "returns",
                        "a return for \(r.label), which has not ended at the board's date (\(asAt.long)): a return is made once its quarter is over"))
            }
        }
        return out
    }

    /// Figures that do not add up but may be meant: warnings (`validate` still says sound).
    /// - the allocation beyond what its categories hold: money in no category, which no condition counts.
    public var figureWarnings: [BoardProblem] {
        var out: [BoardProblem] = []
        let f = funding
        if f.allocated < f.allocation, !f.categories.isEmpty {
            out.append(
                BoardProblem(
                    "funding", f.id, "categories",
                    "the categories add up to \(Money.format(f.allocated)), \(Money.format(Money.difference(f.allocation, f.allocated))) short of the allocation of \(Money.format(f.allocation)): that money is in no category, so no condition counts it"
                ))
        }
        return out
    }
}

/// A rule or reference problem in one document.
public struct BoardProblem: Equatable, Sendable, CustomStringConvertible {
    public let collection: String
    public let id: String
    public let field: String?
    public let reason: String
    public init(_ collection: String, _ id: String, _ field: String?, _ reason: String) {
        self.collection = collection
        self.id = id
        self.field = field
        self.reason = reason
    }
    public var description: String { "\(collection)/\(id): \(reason)" }
}
