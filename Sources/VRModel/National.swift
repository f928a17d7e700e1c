import Foundation

/// The national picture across VRUs [002 Table 4.4, Table 4.3, Table 1.1; 003 §9.2]: each VRU's
/// year-one allocation and the share of it put towards interventions, with every other source's figure
/// kept beside it where they disagree, and the Home Office's national count by target-group level.
public struct NationalDataset: Codable, Equatable, Sendable {
    public var format: Int
    public var kind: String
    public var title: String
    public var asAt: String
    public var asAtSource: String
    public var note: String
    public var vrus: [VRU]
    public var levels: [Level]
    public var levelsTotal: LevelTotal
    public var disagreements: [String]

    public struct VRU: Codable, Equatable, Sendable {
        public var id: String
        public var name: String
        public var allocation: Pounds
        public var allocationSource: String
        /// The share of the allocation for interventions, in whole percent (002 Table 4.4 "Intervention spend").
        public var interventionPercent: Int
        public var interventionSource: String
        public var otherAllocations: [Other]
        /// The bundled dataset holding this VRU's full board, where there is one.
        public var board: String?
    }

    public struct Other: Codable, Equatable, Sendable {
        public var amount: Pounds
        public var source: String
    }

    public struct Level: Codable, Equatable, Sendable {
        public var level: String
        public var interventions: Int
        public var individuals: Int
        public var source: String
        public var note: String?
    }

    public struct LevelTotal: Codable, Equatable, Sendable {
        public var interventions: Int
        public var individuals: Int
        public var source: String
    }

    /// The dataset's VRU a board is, when its programme names the same area.
    public func vru(for b: Board) -> VRU? {
        let text = (b.programme.name + " " + b.programme.area).lowercased()
        return vrus.first { text.contains($0.name.lowercased()) }
    }

    /// The dataset's lines, less those `taken` (shown from a store already): a VRU whose bundled board
    /// `board` gives (the board and where it is) shows it in full, the others their national figures alone.
    public func rows(skipping taken: Set<String> = [], board: (String) -> (Board, String)?) -> [NationalRow] {
        vrus.filter { !taken.contains($0.id) }.map { v in
            if let name = v.board, let (b, location) = board(name) { return NationalRow(board: b, location: location, national: v) }
            return NationalRow(v, year: Day(asAt)?.financialYear ?? asAt)
        }
    }

    /// Why the dataset cannot be used, or nil: every number within bounds, 18 or fewer rows with
    /// distinct ids, percentages 0-100, levels that add up to their total.
    public var problem: String? {
        guard kind == "vrboard-national" else { return "kind is '\(kind)', not 'vrboard-national'" }
        guard format == 1 else { return "format \(format) is not one this vrboard reads (1)" }
        var seen = Set<String>()
        for (i, v) in vrus.enumerated() {
            if !seen.insert(v.id).inserted { return "vrus[\(i)]: duplicate id '\(v.id)'" }
            if !(0...Limits.maxPounds).contains(v.allocation) { return "vrus[\(i)].allocation: \(v.allocation) is out of range" }
            if !(0...100).contains(v.interventionPercent) { return "vrus[\(i)].interventionPercent: \(v.interventionPercent) is not 0-100" }
            for (k, o) in v.otherAllocations.enumerated() where !(0...Limits.maxPounds).contains(o.amount) {
                return "vrus[\(i)].otherAllocations[\(k)].amount: \(o.amount) is out of range"
            }
        }
        for (i, l) in levels.enumerated() where !(0...Limits.maxCount).contains(l.interventions) || !(0...Limits.maxCount).contains(l.individuals) {
            return "levels[\(i)]: a count is out of range"
        }
        if levels.reduce(0, { $0 + $1.interventions }) != levelsTotal.interventions
            || levels.reduce(0, { $0 + $1.individuals }) != levelsTotal.individuals
        {
            return "levels do not add up to levelsTotal"
        }
        return nil
    }
}

/// One VRU's line on the national view: what its full board shows, or what the national figures
/// say, and nothing invented where neither does.
public struct NationalRow: Equatable, Sendable {
    public var name: String
    /// Where its full board is (a folder or an address), when there is one: Enter opens it read-only.
    public var location: String?
    public var allocation: Pounds?
    public var allocationSource: String
    /// Other sources' allocations that differ from the one shown, as "£1,600,000 (002 Table 1.1)".
    public var disagreements: [String]
    /// The share for interventions, as a fraction of the allocation.
    public var interventionShare: Share?
    public var interventionSource: String
    public var interventionIllustrative: Bool
    /// The floor the share is measured against (20% unless the board's conditions say otherwise).
    public var floorPercent: Int
    /// The board's grant conditions, where there is a board.
    public var checks: [ConditionCheck]?
    public var rag: RAGCounts?
    public var escalatedRisks: Int?
    public var reach: Int?
    public var lateReturns: Int?
    public var year: String
    /// For a VRU shown from its own board: the national figures for year one, which are of another year
    /// than the board's (`£880,000 · 40% in 2019/20 (002 Table 4.4)`).
    public var yearOne: String?

    /// Where the figures come from, in a few words.
    public var sourceText: String {
        guard location == nil else { return "own board, \(year)" + (yearOne.map { "; year one \($0)" } ?? "") }
        return allocationSource == interventionSource ? allocationSource : "\(allocationSource); share: \(interventionSource)"
    }

    public var meetsFloor: Bool? { interventionShare.map { $0.fraction * 100 >= Double(floorPercent) } }

    /// "✓ 40% ≥ 20%" or "✗ 12% < 20%", with the illustrative mark where the share rests on one.
    public var floorText: String {
        guard let s = interventionShare, let ok = meetsFloor else { return "not known" }
        return (ok ? "✓ " : "✗ ") + "\(s) \(ok ? "≥" : "<") \(floorPercent)%" + (interventionIllustrative ? Provenance.illustrativeMark : "")
    }

    /// Conditions passed of those the board checks: "2/2", or "1/2 ✗".
    public var conditionsText: String {
        guard let checks else { return "not known" }
        let passed = checks.filter(\.passes).count
        return "\(passed)/\(checks.count)" + (passed < checks.count ? " ✗" : "")
            + (checks.contains(where: \.illustrative) ? Provenance.illustrativeMark : "")
    }

    /// The row from the national figures alone.
    public init(_ v: NationalDataset.VRU, year: String) {
        name = v.name
        allocation = v.allocation
        allocationSource = v.allocationSource
        disagreements = v.otherAllocations.filter { $0.amount != v.allocation }.map { "\(Money.format($0.amount)) (\($0.source))" }
        interventionShare = Share(Pounds(v.interventionPercent), of: 100)
        interventionSource = v.interventionSource
        interventionIllustrative = false
        floorPercent = 20
        self.year = year
    }

    /// The row from a VRU's own board (with the national figures for it, when the dataset has them).
    public init(board b: Board, location: String, national v: NationalDataset.VRU?) {
        name = v?.name ?? b.programme.shortName
        self.location = location
        let f = b.funding
        allocation = f.allocation
        allocationSource = f.allocationSource
        // The year-one sources disagree among themselves; the board's own figure is of its own year.
        disagreements =
            v.map { v in v.otherAllocations.filter { $0.amount != v.allocation }.map { "\(Money.format($0.amount)) (\($0.source))" } } ?? []
        yearOne = v.map { "\(Money.format($0.allocation)) · \($0.interventionPercent)% (\($0.allocationSource))" }
        interventionShare = Share(f.spend(.interventions), of: f.allocation)
        interventionSource = "the board's funding split"
        interventionIllustrative = f.illustrative(.interventions) || f.allocationIsIllustrative
        floorPercent = f.conditions.first { $0.rule == .interventionsFloor }?.percent ?? 20
        checks = f.checks
        let live = b.workstreams.items.filter { !$0.archived }
        rag = RAGCounts(live.map(\.inYear))
        escalatedRisks = b.escalatedRisks.count
        let fy = Quarter(containing: b.programme.asAt).year
        let r = b.reach(inYear: fy, today: b.programme.asAt)
        reach = Reach.add(r.under25, r.over25)
        lateReturns = r.overdue
        year = b.programme.asAt.financialYear
    }

    /// How the national view sorts.
    public enum Sort: String, CaseIterable, Sendable {
        case allocation, share, name, attention
        public var label: String {
            switch self {
            case .allocation: "allocation"
            case .share: "share on interventions"
            case .name: "name"
            case .attention: "what needs attention"
            }
        }
    }

    /// Higher first for figures, A-Z for names; a VRU with the figure unknown goes last.
    public static func sorted(_ rows: [NationalRow], by sort: Sort) -> [NationalRow] {
        func key(_ r: NationalRow) -> Double? {
            switch sort {
            case .allocation: r.allocation.map(Double.init)
            case .share: r.interventionShare?.fraction
            case .name: nil
            case .attention:
                Double(
                    (r.meetsFloor == false ? 100 : 0) + (r.checks?.filter { !$0.passes }.count ?? 0) * 10 + (r.escalatedRisks ?? 0)
                        + (r.lateReturns ?? 0))
            }
        }
        if sort == .name { return rows.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending } }
        return rows.enumerated().sorted { a, b in
            switch (key(a.element), key(b.element)) {
            case (let x?, let y?): x != y ? x > y : a.offset < b.offset
            case (.some, nil): true
            case (nil, .some): false
            default: a.offset < b.offset
            }
        }.map(\.element)
    }
}
