/// A quarter of the financial year (April to March): Q1 is April-June. `2021-Q1` is April-June 2021,
/// the first quarter of 2021/22.
public struct Quarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The year the financial year starts in (2021 for 2021/22).
    public var year: Int
    /// 1-4.
    public var number: Int

    public init?(year: Int, number: Int) {
        guard (1...4).contains(number), (1900...9999).contains(year) else { return nil }
        self.year = year
        self.number = number
    }

    /// `2021-Q1` (also `2021-q1`, `2021Q1`).
    public init?(_ text: String) {
        let t = text.uppercased().replacingOccurrences(of: "-", with: "")
        guard t.count == 6, let q = t.range(of: "Q"), let y = Int(t[..<q.lowerBound]), let n = Int(t[q.upperBound...]) else { return nil }
        self.init(year: y, number: n)
    }

    /// A return's quarters as people write them: `2021-Q3`, `Q3 2021/22`, `Q1-Q2 2021/22`, `2021-Q1-Q2`:
    /// the first quarter and how many (consecutive, within one financial year).
    public static func span(_ text: String) -> (first: Quarter, count: Int)? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if let q = Quarter(t) { return (q, 1) }
        func number(_ s: Substring) -> Int? { s.hasPrefix("Q") ? Int(s.dropFirst()) : Int(s) }
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        var year: Int?, range: Substring?
        if parts.count == 2, let y = Int(parts[1].split(separator: "/").first ?? ""), parts[1].contains("/") {
            // `Q1-Q2 2021/22`, `Q3 2021/22`
            year = y
            range = parts[0]
        } else if parts.count == 1, let dash = t.firstIndex(of: "-"), let y = Int(t[..<dash]) {
            // `2021-Q1-Q2`
            year = y
            range = t[t.index(after: dash)...]
        }
        guard let year, let range else { return nil }
        let ends = range.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(ends.count), let a = number(ends[0]), let b = ends.count == 2 ? number(ends[1]) : a, a <= b,
            let first = Quarter(year: year, number: a), Quarter(year: year, number: b) != nil
        else { return nil }
        return (first, b - a + 1)
    }

    /// The quarter a day falls in.
    public init(containing d: Day) {
        year = d.month >= 4 ? d.year : d.year - 1
        number = d.financialQuarter
    }

    public var description: String { "\(year)-Q\(number)" }
    /// `Q1 2021/22`.
    public var label: String { "Q\(number) \(year)/\(String(format: "%02d", (year + 1) % 100))" }

    public var first: Day {
        let month = (number - 1) * 3 + 4
        return Day(year: month > 12 ? year + 1 : year, month: (month - 1) % 12 + 1, day: 1)!
    }
    public var last: Day { next.first.adding(days: -1) }
    public var next: Quarter { number == 4 ? Quarter(year: year + 1, number: 1)! : Quarter(year: year, number: number + 1)! }
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)! }
    /// The same quarter a year earlier.
    public var previousYear: Quarter { Quarter(year: year - 1, number: number) ?? self }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.number) < (b.year, b.number) }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let q = Quarter(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(s)' is not a quarter (e.g. 2021-Q1)"))
        }
        self = q
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// Who an intervention is for, in the seeds' words [000 Fig. 4; 003 §3.4-3.7; 004 §93-101].
public enum PreventionLevel: String, Codable, Sendable, ListedValues, CaseIterable {
    case primary, secondary, tertiary
    public var label: String { rawValue.capitalized }
}

/// One quarterly return of reach: how many people an intervention reached in its two age bands
/// [004 §106, Table 1]. Returns come quarterly in arrears; a return may cover more than one quarter
/// when the source reports them together (004 Table 1: Q1 and Q2).
public struct ReachReturn: Codable, Sendable, Equatable {
    /// The (first) quarter the return covers.
    public var quarter: Quarter
    /// How many quarters it covers, from `quarter` (1 or 2).
    public var quarters: Int
    public var under25: Int
    public var over25: Int
    /// Who entered it and when (ISO 8601).
    public var by: String
    public var at: String
    public var note: String
    /// Where the figures come from, for returns taken from a seed.
    public var source: String?
    /// The board date the entry belongs to, when the board's date was not the day it was recorded.
    public var boardDate: Day?

    public init(
        quarter: Quarter, quarters: Int = 1, under25: Int, over25: Int, by: String, at: String, note: String = "", source: String? = nil
    ) {
        self.quarter = quarter
        self.quarters = quarters
        self.under25 = under25
        self.over25 = over25
        self.by = by
        self.at = at
        self.note = note
        self.source = source
    }

    /// The quarters it covers, in order, and the last of them.
    public var covered: [Quarter] { Array(sequence(first: quarter) { $0.next }.prefix(max(1, quarters))) }
    public var through: Quarter { covered.last ?? quarter }
    /// `Q1 2021/22`, or `Q1-Q2 2021/22`.
    public var label: String { quarters > 1 ? "Q\(quarter.number)-Q\(through.number) \(quarter.label.split(separator: " ").last!)" : quarter.label }
}

extension ReachReturn: BoardDated {}

/// A commissioned intervention: what the VRU pays a provider to deliver, and whom it reaches.
public struct Intervention: StoreDocument {
    public enum Status: String, Codable, Sendable, ListedValues, CaseIterable {
        case planned, live, ending, ended
        public var label: String { rawValue.capitalized }
    }
    public enum ExitOption: String, Codable, Sendable, ListedValues, CaseIterable {
        case undecided, mainstream, `continue`, end
        public var label: String { self == .continue ? "Continue" : rawValue.capitalized }
    }

    public var id: String
    public var rev: Int
    public var name: String
    /// The provider(s), where a seed ties them to it; empty where none does.
    public var provider: String
    /// Nil where no seed gives it.
    public var level: PreventionLevel?
    public var setting: String
    public var area: String
    /// The priority and workstreams it serves (ids), where known.
    public var priority: String?
    public var workstreams: [String]
    /// Its budget for the year, its share of the commissioned-interventions category; nil when unknown.
    public var budget: Pounds?
    /// True when the budget is not in any source (shown with `*`).
    public var budgetIllustrative: Bool
    public var start: Day?
    public var end: Day?
    public var status: Status
    public var exit: ExitOption
    public var returns: [ReachReturn]
    public var archived: Bool
    /// Seed and paragraph, or "illustrative: …".
    public var source: String
    /// Actual spend by quarter against its budget, as entered (each entry's `category` is this
    /// intervention's id); nil while none.
    public var spend: [SpendEntry]?

    public init(
        id: String, rev: Int = 1, name: String, provider: String = "", level: PreventionLevel? = nil, setting: String = "", area: String = "",
        priority: String? = nil, workstreams: [String] = [], budget: Pounds? = nil, budgetIllustrative: Bool = false, start: Day? = nil,
        end: Day? = nil, status: Status = .live, exit: ExitOption = .undecided, returns: [ReachReturn] = [], archived: Bool = false,
        source: String
    ) {
        self.id = id
        self.rev = rev
        self.name = name
        self.provider = provider
        self.level = level
        self.setting = setting
        self.area = area
        self.priority = priority
        self.workstreams = workstreams
        self.budget = budget
        self.budgetIllustrative = budgetIllustrative
        self.start = start
        self.end = end
        self.status = status
        self.exit = exit
        self.returns = returns
        self.archived = archived
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, name, provider, level, setting, area, priority, workstreams, budget, budgetIllustrative, start, end, status, exit, returns
        case archived, source, spend
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        name = try c.decode(String.self, forKey: .name)
        provider = try c.decodeIfPresent(String.self, forKey: .provider) ?? ""
        level = try c.decodeIfPresent(PreventionLevel.self, forKey: .level)
        setting = try c.decodeIfPresent(String.self, forKey: .setting) ?? ""
        area = try c.decodeIfPresent(String.self, forKey: .area) ?? ""
        priority = try c.decodeIfPresent(String.self, forKey: .priority)
        workstreams = try c.decodeIfPresent([String].self, forKey: .workstreams) ?? []
        budget = try c.decodeIfPresent(Pounds.self, forKey: .budget)
        budgetIllustrative = try c.decodeIfPresent(Bool.self, forKey: .budgetIllustrative) ?? false
        start = try c.decodeIfPresent(Day.self, forKey: .start)
        end = try c.decodeIfPresent(Day.self, forKey: .end)
        status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .live
        exit = try c.decodeIfPresent(ExitOption.self, forKey: .exit) ?? .undecided
        returns = try c.decodeIfPresent([ReachReturn].self, forKey: .returns) ?? []
        archived = try c.decodeIfPresent(Bool.self, forKey: .archived) ?? false
        source = try c.decode(String.self, forKey: .source)
        spend = try c.decodeIfPresent([SpendEntry].self, forKey: .spend)
    }

    /// Reach in the financial year starting in `year`, by age band (saturating: no count can trap).
    public func reach(inYear year: Int) -> (under25: Int, over25: Int) {
        returns.filter { $0.quarter.year == year }.reduce((0, 0)) { acc, r in
            (Reach.add(acc.0, r.under25), Reach.add(acc.1, r.over25))
        }
    }

    /// The return covering `q`, if any.
    public func `return`(for q: Quarter) -> ReachReturn? { returns.last { $0.covered.contains(q) } }
    public var latestReturn: ReachReturn? { returns.max { ($0.through, $0.at) < ($1.through, $1.at) } }

    /// Quarters whose return is due by `today` (quarterly in arrears, `dueDays` after the quarter ends)
    /// while the intervention ran, and not in: late, oldest first.
    public func lateReturns(on today: Day, dueDays: Int) -> [Quarter] {
        guard !archived, status != .planned, let startDay = start ?? returns.map(\.quarter.first).min() else { return [] }
        var out: [Quarter] = []
        var q = Quarter(containing: startDay)
        let stop = end.map { Quarter(containing: $0) }
        while q.last.adding(days: dueDays) < today {
            if let stop, stop < q { break }
            if self.return(for: q) == nil { out.append(q) }
            q = q.next
        }
        return out
    }

    /// Days after a quarter's end its return is due (quarterly in arrears, 004 §106; the number of days is
    /// a judgement: the seeds give none).
    public static let dueDays = 30

    /// The day a quarter's return is due.
    public static func due(_ q: Quarter, dueDays: Int) -> Day { q.last.adding(days: dueDays) }
}

/// Counts of people: added saturating, so a hostile file cannot trap the arithmetic, and read as typed.
public enum Reach {
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (s, o) = a.addingReportingOverflow(b)
        return o ? Int.max : s
    }

    /// A count as a person types it ("1,204" too): whole, not negative, at most `Limits.maxCount`; or why not.
    public static func parse(_ text: String) -> Result<Int, Intervention.ReturnError> {
        let t = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let n = Int(t) else { return .failure(.count(t.hasPrefix("-") ? "cannot be negative" : "not a whole number")) }
        if n < 0 { return .failure(.count("cannot be negative")) }
        if n > Limits.maxCount { return .failure(.count("more than \(Limits.maxCount.grouped)")) }
        return .success(n)
    }
}

extension Board {
    /// The live interventions' reach in the financial year starting in `year`, by age band, and how many
    /// returns are overdue on `today`.
    public func reach(inYear year: Int, today: Day) -> (under25: Int, over25: Int, overdue: Int) {
        interventions.items.filter { !$0.archived }.reduce((0, 0, 0)) { acc, iv in
            let r = iv.reach(inYear: year)
            return (Reach.add(acc.0, r.under25), Reach.add(acc.1, r.over25), acc.2 + iv.lateReturns(on: today, dueDays: Intervention.dueDays).count)
        }
    }
}

/// An evaluation of the response or of interventions [004 §155-157; 001 §4.17].
public struct Evaluation: StoreDocument {
    public enum Kind: String, Codable, Sendable, ListedValues, CaseIterable {
        case process, impact, economic, processAndImpact = "process-and-impact"
        public var label: String {
            switch self {
            case .process: "Process"
            case .impact: "Impact"
            case .economic: "Economic"
            case .processAndImpact: "Process and impact"
            }
        }
    }
    public enum Status: String, Codable, Sendable, ListedValues, CaseIterable {
        case planned, underWay = "under-way", reported
        public var label: String { self == .underWay ? "Under way" : rawValue.capitalized }
    }

    public var id: String
    public var rev: Int
    public var title: String
    public var commissionedBy: String
    public var scope: String
    /// Nil where the source does not say.
    public var kind: Kind?
    /// The interventions it covers (ids).
    public var interventions: [String]
    public var due: Day?
    /// As the source words when it is due ("Q1 22/23"), where there is no day.
    public var dueText: String
    public var status: Status
    public var finding: String
    /// What the VRU spends on it this year (nil: nothing from the grant, or not known); with the
    /// interventions' budgets, what the evaluation condition is measured on from the register.
    public var cost: Pounds?
    /// True when the cost is not in any source (shown with `*`).
    public var costIllustrative: Bool
    public var source: String

    public init(
        id: String, rev: Int = 1, title: String, commissionedBy: String, scope: String, kind: Kind? = nil, interventions: [String] = [],
        due: Day? = nil, dueText: String = "", status: Status = .underWay, finding: String = "", cost: Pounds? = nil,
        costIllustrative: Bool = false, source: String
    ) {
        self.cost = cost
        self.costIllustrative = costIllustrative
        self.id = id
        self.rev = rev
        self.title = title
        self.commissionedBy = commissionedBy
        self.scope = scope
        self.kind = kind
        self.interventions = interventions
        self.due = due
        self.dueText = dueText
        self.status = status
        self.finding = finding
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, title, commissionedBy, scope, kind, interventions, due, dueText, status, finding, cost, costIllustrative, source
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        title = try c.decode(String.self, forKey: .title)
        commissionedBy = try c.decodeIfPresent(String.self, forKey: .commissionedBy) ?? ""
        scope = try c.decodeIfPresent(String.self, forKey: .scope) ?? ""
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind)
        interventions = try c.decodeIfPresent([String].self, forKey: .interventions) ?? []
        due = try c.decodeIfPresent(Day.self, forKey: .due)
        dueText = try c.decodeIfPresent(String.self, forKey: .dueText) ?? ""
        status = try c.decodeIfPresent(Status.self, forKey: .status) ?? .underWay
        finding = try c.decodeIfPresent(String.self, forKey: .finding) ?? ""
        cost = try c.decodeIfPresent(Pounds.self, forKey: .cost)
        costIllustrative = try c.decodeIfPresent(Bool.self, forKey: .costIllustrative) ?? false
        source = try c.decode(String.self, forKey: .source)
    }

    /// `Q1 2022/23`, or the day it is due, or "not given".
    public var dueLabel: String { due?.long ?? (dueText.isEmpty ? "not given" : dueText) }
}

extension ReachReturn: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.number("under25", under25, 0...Limits.maxCount, "a count of people")
        i.number("over25", over25, 0...Limits.maxCount, "a count of people")
        i.number("quarters", quarters, 1...4, "a number of quarters (1-4)")
        i.text("by", by)
        i.text("at", at)
        i.text("note", note, multiLine: true)
        if let source { i.text("source", source) }
    }
}

extension Intervention: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [("id", id), ("name", name), ("provider", provider), ("setting", setting), ("area", area), ("source", source)] { i.text(k, v) }
        i.texts("workstreams", workstreams)
        if let budget { i.pounds("budget", budget) }
        i.list("returns", returns)
    }
}

extension Evaluation: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [("id", id), ("title", title), ("commissionedBy", commissionedBy), ("dueText", dueText), ("source", source)] { i.text(k, v) }
        i.text("scope", scope, multiLine: true)
        i.text("finding", finding, multiLine: true)
        i.texts("interventions", interventions)
        if let cost { i.pounds("cost", cost) }
    }
}

extension Intervention {
    /// Why a return cannot be recorded as given.
    public enum ReturnError: Error, Equatable, CustomStringConvertible {
        case notEnded(Quarter)
        case coveredBy(ReachReturn)
        case overlaps([ReachReturn])
        case count(String)
        public var description: String {
            switch self {
            case .notEnded(let q): "\(q.label) has not ended yet (it ends \(q.last.long)); returns come in arrears"
            case .coveredBy(let r):
                "\(r.label)'s return already covers it: correct that return whole (as \(r.label)), or give a reason to split it into its quarters"
            case .overlaps(let rs): "it overlaps the \(rs.map(\.label).joined(separator: " and ")) returns: correct or split those first"
            case .count(let why): why
            }
        }
    }

    /// Records a return and returns the one it replaced: a return for the same quarters corrects it
    /// (a two-quarter return is corrected whole); a one-quarter return inside a two-quarter one splits it,
    /// only with a reason (the other quarters then need returns of their own). Counts must be whole and
    /// between 0 and `Limits.maxCount`.
    @discardableResult
    public mutating func record(_ r: ReachReturn, today: Day, splitting reason: String = "") throws -> ReachReturn? {
        guard r.through.last < today else { throw ReturnError.notEnded(r.through) }
        for (name, n) in [("under 25", r.under25), ("25 and over", r.over25)] where !(0...Limits.maxCount).contains(n) {
            throw ReturnError.count(n < 0 ? "\(name): cannot be negative" : "\(name): more than \(Limits.maxCount.grouped)")
        }
        let mine = Set(r.covered)
        let overlapping = returns.filter { !mine.isDisjoint(with: $0.covered) }
        if let o = overlapping.first, overlapping.count == 1, !(o.quarter == r.quarter && o.quarters == r.quarters) {
            // Inside a return that covers more: a split, said with its reason.
            guard r.quarters == 1, o.quarters > 1 else { throw ReturnError.overlaps(overlapping) }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ReturnError.coveredBy(o) }
        } else if overlapping.count > 1 {
            throw ReturnError.overlaps(overlapping)
        }
        let replaced = overlapping.first
        returns.removeAll { !mine.isDisjoint(with: $0.covered) }
        returns.append(r)
        returns.sort { $0.quarter < $1.quarter }
        return replaced
    }

    /// The return before `q` (for comparing a new one), if any.
    public func returnBefore(_ q: Quarter) -> ReachReturn? { returns.filter { $0.through < q }.max { $0.through < $1.through } }

    /// The quarter a new return is most likely for: the oldest overdue, else the one after the latest
    /// return, else the last quarter that has ended.
    public func suggestedQuarter(today: Day, dueDays: Int) -> Quarter {
        lateReturns(on: today, dueDays: dueDays).first ?? latestReturn.map { $0.through.next } ?? Quarter(containing: today).previous
    }

    /// A warning when a band changed by more than half against the previous return (nil when not).
    public func unusualChange(_ r: ReachReturn) -> String? {
        guard let prev = returnBefore(r.quarter) else { return nil }
        // Per quarter, so a two-quarter return compares fairly.
        let per = max(1, prev.quarters)
        var out: [String] = []
        for (name, now, before) in [("under 25", r.under25, prev.under25 / per), ("25 and over", r.over25, prev.over25 / per)] where before > 0 {
            let change = Double(now - before) / Double(before)
            if abs(change) > 0.5 {
                out.append(
                    "\(name) \(now.grouped) is \(change > 0 ? "up" : "down") \(Int((abs(change) * 100).rounded()))% on \(prev.label)'s \(before.grouped) a quarter"
                )
            }
        }
        return out.isEmpty ? nil : out.joined(separator: "; ") + ": check it before saving"
    }
}

/// The register against the funding split: the interventions' budgets against the categories they are
/// drawn from (over-commitment flagged), and the evaluation condition measured on what the register
/// records rather than on one category.
public struct RegisterRollup: Equatable, Sendable {
    /// The sum of the live interventions' budgets for the year.
    public var budgeted: Pounds
    /// Live interventions with a budget, and without one.
    public var withBudget: Int
    public var withoutBudget: Int
    /// The funding categories for commissioned interventions.
    public var category: Pounds
    /// The evaluations' cost to the VRU this year, and how many have one.
    public var evaluationCost: Pounds
    public var evaluationsCosted: Int
    /// Any figure above is illustrative (a budget, a cost or the categories).
    public var illustrative: Bool
    /// The evaluation conditions checked on the register; empty while no intervention has a budget.
    public var checks: [ConditionCheck]

    /// Budgets beyond the categories (positive), or zero.
    public var overCommitted: Pounds { budgeted > category ? Money.difference(budgeted, category) : 0 }
    /// What the categories hold that no intervention's budget has taken.
    public var uncommitted: Pounds { budgeted < category ? Money.difference(category, budgeted) : 0 }
    var mark: String { illustrative ? Provenance.illustrativeMark : "" }

    /// Over-committed, or failing an evaluation condition measured on the register.
    public var needsAttention: Bool { overCommitted > 0 || checks.contains { !$0.passes } }

    /// What needs attention, in a line: "over-committed by £4,800: budgets £260,000 of £255,200", or
    /// "evaluation £25,000, under 10% (£26,000 required)"; the summary when nothing does.
    public var warning: String {
        var out: [String] = []
        if overCommitted > 0 {
            out.append(
                "over-committed by \(Money.format(overCommitted))\(mark): budgets \(Money.format(budgeted))\(mark) of \(Money.format(category))\(mark)"
            )
        }
        for c in checks where !c.passes {
            out.append("evaluation \(Money.format(c.actual))\(mark), under \(c.condition.percent)% (\(Money.format(c.required)) required)")
        }
        return out.isEmpty ? summary : out.joined(separator: "; ")
    }

    /// "16 of 16 interventions budget £2,090,000*, of £2,150,000* for interventions: £60,000* uncommitted".
    public var summary: String {
        guard withBudget > 0 else {
            return withoutBudget == 0 ? "No intervention in the register" : "No intervention in the register has a budget for the year"
        }
        let of = "\(withBudget) of \(withBudget + withoutBudget) interventions budget \(Money.format(budgeted))\(mark)"
        let against = ", of \(Money.format(category))\(mark) for interventions"
        if overCommitted > 0 { return of + against + ": over-committed by \(Money.format(overCommitted))\(mark)" }
        return of + against + (uncommitted > 0 ? ": \(Money.format(uncommitted))\(mark) uncommitted" : ": all committed")
    }
}

/// Reach in a year by prevention level, against the year before.
public struct LevelTotals: Equatable, Sendable {
    /// Nil: the level is not given.
    public var level: PreventionLevel?
    public var interventions: Int
    public var under25: Int
    public var over25: Int
    /// The same in the year before; nil when no return that year.
    public var lastUnder25: Int?
    public var lastOver25: Int?
    /// The row of every level together.
    public var isTotal = false
    public var label: String { isTotal ? "All levels" : level?.label ?? "Level not given" }

    /// Several levels together: last year's figures where any level has them.
    public static func sum(_ levels: [LevelTotals]) -> LevelTotals {
        levels.reduce(LevelTotals(level: nil, interventions: 0, under25: 0, over25: 0, isTotal: true)) { acc, t in
            var out = acc
            out.interventions = Reach.add(acc.interventions, t.interventions)
            out.under25 = Reach.add(acc.under25, t.under25)
            out.over25 = Reach.add(acc.over25, t.over25)
            if let u = t.lastUnder25 { out.lastUnder25 = Reach.add(acc.lastUnder25 ?? 0, u) }
            if let o = t.lastOver25 { out.lastOver25 = Reach.add(acc.lastOver25 ?? 0, o) }
            return out
        }
    }
}

extension Board {
    /// The priorities an intervention serves: its own, then those of its workstreams.
    public func priorities(of iv: Intervention) -> [String] {
        var out: [String] = iv.priority.map { [$0] } ?? []
        for w in iv.workstreams { if let p = workstreams[w]?.priority, !out.contains(p) { out.append(p) } }
        return out
    }

    /// The register's budgets and evaluation costs against the funding split and its conditions.
    public var register: RegisterRollup {
        let live = interventions.items.filter { !$0.archived }
        let budgets = live.compactMap(\.budget)
        let costs = evaluations.items.compactMap(\.cost)
        var r = RegisterRollup(
            budgeted: Money.sum(budgets), withBudget: budgets.count, withoutBudget: live.count - budgets.count,
            category: funding.spend(.interventions), evaluationCost: Money.sum(costs), evaluationsCosted: costs.count,
            illustrative: live.contains { $0.budget != nil && $0.budgetIllustrative }
                || evaluations.items.contains { $0.cost != nil && $0.costIllustrative }
                || funding.illustrative(.interventions),
            checks: [])
        guard r.withBudget > 0 else { return r }
        for c in funding.conditions where c.rule == .evaluationShare {
            let onInterventions = (c.basis ?? .interventions) == .interventions
            let base = onInterventions ? r.budgeted : funding.allocation
            var check = ConditionCheck(
                condition: c, label: "Evaluation ≥ \(c.percent)% of \(onInterventions ? "the register's budgets" : "the grant, on the register")",
                actual: r.evaluationCost, required: Funding.required(c.percent, of: base), share: Share(r.evaluationCost, of: base))
            check.illustrative = c.isIllustrative || r.illustrative || (!onInterventions && funding.allocationIsIllustrative)
            r.checks.append(check)
        }
        return r
    }

    /// Reach in the financial year starting in `year` by prevention level (primary, secondary, tertiary,
    /// then not given), with the year before where any return covers it; levels with no intervention left
    /// out; with `total`, a last row of them all when there is more than one.
    public func reachByLevel(inYear year: Int, total: Bool = false) -> [LevelTotals] {
        let live = interventions.items.filter { !$0.archived }
        let levels = (PreventionLevel.allCases.map(Optional.some) + [nil]).compactMap { level -> LevelTotals? in
            let ivs = live.filter { $0.level == level }
            guard !ivs.isEmpty else { return nil }
            var t = LevelTotals(level: level, interventions: ivs.count, under25: 0, over25: 0)
            for iv in ivs {
                let now = iv.reach(inYear: year)
                t.under25 = Reach.add(t.under25, now.under25)
                t.over25 = Reach.add(t.over25, now.over25)
                if iv.returns.contains(where: { $0.quarter.year == year - 1 }) {
                    let before = iv.reach(inYear: year - 1)
                    t.lastUnder25 = Reach.add(t.lastUnder25 ?? 0, before.under25)
                    t.lastOver25 = Reach.add(t.lastOver25 ?? 0, before.over25)
                }
            }
            return t
        }
        return total && levels.count > 1 ? levels + [LevelTotals.sum(levels)] : levels
    }

    /// Evaluations not yet reported, soonest due first (those with only a worded due date after).
    public var evaluationsDue: [Evaluation] {
        evaluations.items.filter { $0.status != .reported }.sorted { a, b in
            switch (a.due, b.due) {
            case (let x?, let y?): x < y
            case (.some, nil): true
            case (nil, .some): false
            default: a.id < b.id
            }
        }
    }
}
