/// Whole pounds. Every figure in the store is a whole number of pounds.
public typealias Pounds = Int

public enum Money {
    /// `£1,234,567`, or `-£1,200` for negatives.
    public static func format(_ v: Pounds) -> String { (v < 0 ? "-£" : "£") + group(v.magnitude) }

    /// `1,234,567`: digits in threes.
    public static func group(_ n: UInt) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    /// `£3.37M`, `£880k`: compact, for narrow columns.
    public static func compact(_ v: Pounds) -> String {
        let a = v.magnitude, sign = v < 0 ? "-" : ""
        if a >= 999_500 {
            let tenths = (a + 5_000) / 10_000  // hundredths of a million
            let whole = tenths / 100, frac = tenths % 100
            return "\(sign)£\(whole).\(frac < 10 ? "0" : "")\(frac)M"
        }
        if a >= 10_000 { return "\(sign)£\((a + 500) / 1000)k" }
        return format(v)
    }

    /// `v` in at most `width` cells, never cut so that its unit is lost: whole pounds when `whole` and they
    /// fit, else `£12k`, `£1.45M`, `£35.8M`, `£36M`, `£1.2bn`, `£12bn`, the first that fits (the shortest
    /// when none does): `£35.84…` would read as £35.84.
    public static func fit(_ v: Pounds, width: Int, whole: Bool = true) -> String {
        let a = v.magnitude, sign = v < 0 ? "-" : ""
        func scaled(_ unit: UInt, _ suffix: String, decimals: Int) -> String {
            let factor: UInt = decimals == 2 ? 100 : decimals == 1 ? 10 : 1
            let n = (a.multipliedReportingOverflow(by: factor).overflow ? UInt.max : a * factor + unit / 2) / unit
            let frac = n % factor, int = n / factor
            let fracText = decimals == 0 ? "" : "." + String(repeating: "0", count: decimals - String(frac).count) + String(frac)
            return "\(sign)£\(int)\(fracText)\(suffix)"
        }
        // The largest unit that reads whole first: £1.23bn rather than £1234M.
        var candidates = whole ? [format(v)] : []
        if a >= 999_500_000_000 { candidates += [scaled(1_000_000_000_000, "tn", decimals: 0)] }
        if a >= 999_500_000 { candidates += (0...2).reversed().map { scaled(1_000_000_000, "bn", decimals: $0) } }
        candidates += [compact(v)]
        if a >= 999_500 { candidates += [scaled(1_000_000, "M", decimals: 1), scaled(1_000_000, "M", decimals: 0)] }
        if !whole { candidates.append(format(v)) }
        return candidates.first { $0.count <= width } ?? candidates.min { $0.count < $1.count } ?? format(v)
    }

    /// A sum that saturates at Int's bounds rather than trapping (files are bounded by `Limits.maxPounds`,
    /// so a real sum never reaches them).
    public static func sum(_ values: [Pounds]) -> Pounds {
        var total = 0
        for v in values {
            let (r, over) = total.addingReportingOverflow(v)
            total = over ? (v > 0 ? .max : .min) : r
        }
        return total
    }

    /// `a - b`, saturating like `sum`.
    public static func difference(_ a: Pounds, _ b: Pounds) -> Pounds {
        let (r, over) = a.subtractingReportingOverflow(b)
        return over ? (b < 0 ? .max : .min) : r
    }

    /// Parses `880000`, `£880,000`, `880k`, `3.37m`. Nil for anything else.
    /// True when the text has pence, which an amount in whole pounds rounds away (`120000.50`).
    public static func hasPence(_ text: String) -> Bool {
        guard let p = parse(text), let v = Double(text.filter { $0.isNumber || $0 == "." || $0 == "-" }) else { return false }
        let lower = text.lowercased()
        if lower.hasSuffix("k") || lower.hasSuffix("m") { return false }
        return Double(p) != v
    }

    public static func parse(_ text: String) -> Pounds? {
        var t = Substring(text.filter { !$0.isWhitespace && $0 != "," && $0 != "£" }.lowercased())
        var mult = 1.0
        if t.hasSuffix("m") {
            mult = 1_000_000
            t = t.dropLast()
        } else if t.hasSuffix("k") {
            mult = 1000
            t = t.dropLast()
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let v = Double(t) else { return nil }
        let p = (v * mult).rounded()
        guard p.isFinite, abs(p) <= Double(Limits.maxPounds) else { return nil }
        return Pounds(p)
    }
}

/// A percentage derived from two amounts, never stored.
public struct Share: Equatable, Sendable, CustomStringConvertible {
    public let part: Pounds
    public let whole: Pounds
    public init(_ part: Pounds, of whole: Pounds) {
        self.part = part
        self.whole = whole
    }
    public var fraction: Double { whole == 0 ? 0 : Double(part) / Double(whole) }
    /// Whole-percent text, e.g. `29%`; one decimal place when it is not a whole percent, e.g. `12.5%`.
    public var description: String {
        guard whole != 0 else { return "-" }
        let tenths = (Double(part) * 1000 / Double(whole)).rounded()
        // Clamped: a share of figures out of all proportion still prints, it never traps.
        let t = Int(max(-1e15, min(1e15, tenths)))
        let sign = t < 0 ? "-" : ""
        let a = abs(t)
        return a % 10 == 0 ? "\(sign)\(a / 10)%" : "\(sign)\(a / 10).\(a % 10)%"
    }
}

/// What a category of spend counts towards in the grant conditions.
public enum SpendKind: String, Codable, Sendable, ListedValues, CaseIterable {
    case interventions, evaluation, staff, infrastructure, workforce, data, other
}

/// A line of the allocation (e.g. a Fig. 4 category).
public struct FundingCategory: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var kind: SpendKind
    /// The current budget for the year (after any reprofiling).
    public var amount: Pounds
    public var source: String
    /// The budget as the board first approved it; nil when never reprofiled (the same as `amount`).
    public var approved: Pounds?
    /// The budget by quarter of the year (Q1-Q4); nil: spread evenly.
    public var profile: [Pounds]?
    public init(id: String, name: String, kind: SpendKind, amount: Pounds, source: String, approved: Pounds? = nil, profile: [Pounds]? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.amount = amount
        self.source = source
        self.approved = approved
        self.profile = profile
    }

    /// The approved budget (the current one when never reprofiled).
    public var approvedBudget: Pounds { approved ?? amount }

    /// The budget by quarter: the stored profile when it has four quarters, else the amount spread evenly
    /// (any odd pounds in Q4).
    public var quarters: [Pounds] {
        if let p = profile, p.count == 4 { return p }
        let q = amount / 4
        return [q, q, q, Money.difference(amount, q * 3)]
    }

    /// The figure is not in any source: the data says so by starting its source with "illustrative".
    public var isIllustrative: Bool { Provenance.isIllustrative(source) }
}

/// A grant held by the VRU or its accountable body.
public struct Grant: Codable, Sendable, Equatable {
    /// The year a grant's period starts in: 2021 for `2021/22`, `2021/22 academic year` or `2021/22 (second
    /// year, …)`; nil when the period names no financial year.
    public static func startYear(of period: String) -> Int? {
        let digits = period.prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let y = Int(digits), period.dropFirst(4).first == "/" else { return nil }
        return y
    }

    public enum Status: String, Codable, Sendable, ListedValues, CaseIterable { case continuing, ending, ended }
    public var id: String
    public var name: String
    public var funder: String
    public var holder: String
    public var amount: Pounds
    public var period: String
    public var endDate: Day?
    public var status: Status
    /// Separate from the core allocation (e.g. police Surge Funding): shown, but not part of the split.
    public var separate: Bool
    public var source: String
    /// The grant's amounts by financial year, each confirmed or expected (nil: none recorded).
    public var years: [GrantYear]?
    /// A match or in-kind contribution beside the grants (nil: a grant).
    public var contribution: Contribution?
    /// The VRU core grant itself, as a row like the others.
    public var core: Bool?

    public enum Contribution: String, Codable, Sendable, ListedValues { case match, inKind = "in-kind" }

    public init(
        id: String, name: String, funder: String, holder: String, amount: Pounds, period: String,
        endDate: Day?, status: Status, separate: Bool, source: String
    ) {
        self.id = id
        self.name = name
        self.funder = funder
        self.holder = holder
        self.amount = amount
        self.period = period
        self.endDate = endDate
        self.status = status
        self.separate = separate
        self.source = source
    }
}

/// A grant condition, checked against the allocation.
public struct Condition: Codable, Sendable, Equatable {
    public enum Rule: String, Codable, Sendable, ListedValues {
        /// Spend on interventions at least `percent` of the core allocation.
        case interventionsFloor = "interventions-floor"
        /// Spend on evaluation at least `percent` of the basis.
        case evaluationShare = "evaluation-share"
    }
    /// What the evaluation share is measured against: a setting, since areas differ.
    public enum Basis: String, Codable, Sendable, ListedValues { case interventions, allocation }
    public var rule: Rule
    public var percent: Int
    public var basis: Basis?
    public var source: String
    /// The condition is not in any source (its source starts with "illustrative").
    public var isIllustrative: Bool { Provenance.isIllustrative(source) }
    public init(rule: Rule, percent: Int, basis: Basis? = nil, source: String) {
        self.rule = rule
        self.percent = percent
        self.basis = basis
        self.source = source
    }
}

/// The result of checking one condition: pass or fail, with the margin in pounds.
public struct ConditionCheck: Equatable, Sendable {
    public let condition: Condition
    public let label: String
    public let actual: Pounds
    public let required: Pounds
    public var margin: Pounds { Money.difference(actual, required) }
    public var passes: Bool { actual >= required }
    public var share: Share
    /// The verdict rests on an illustrative figure (an amount, the allocation or the condition itself):
    /// it carries the same mark as the figure.
    public var illustrative = false
    /// `✓ PASS`, `✗ FAIL`, with `*` when it rests on an illustrative figure.
    public var verdict: String { (passes ? "✓ PASS" : "✗ FAIL") + (illustrative ? Provenance.illustrativeMark : "") }
}

/// Another year's split standing for the board's year, and why.
public struct SplitYear: Codable, Equatable, Sendable {
    public var year: String
    /// Why it stands, with its sources.
    public var reason: String
    public init(year: String, reason: String) {
        self.year = year
        self.reason = reason
    }
}

/// The allocation, its split, the other grants and the conditions.
public struct Funding: StoreDocument {
    public var id: String
    public var rev: Int
    public var allocationName: String
    public var allocation: Pounds
    public var allocationSource: String
    public var categories: [FundingCategory]
    public var grants: [Grant]
    public var conditions: [Condition]
    /// Actual spend by category and quarter, and forecast outturns, as entered: a ledger, the latest entry
    /// for a category and quarter standing (two officers' entries made at once are both kept).
    public var spend: [SpendEntry]
    /// The commentary on a material variance, by category: the latest for a category stands.
    public var commentaries: [VarianceCommentary]
    /// Budget moved between categories or quarters, each with its reason.
    public var reprofiles: [Reprofile]
    /// The materiality threshold and the outturn threshold (nil: the defaults).
    public var monitoring: MonitoringSettings?
    /// What bridging costs if the core grant for next year is not confirmed in time (nil: none recorded).
    public var bridging: Bridging?
    /// The financial year the allocation and split are for, once a year has been opened on the store (nil
    /// before: the programme's year).
    public var year: String?
    /// When the split is another year's than the board's (the latest the sources give): that year and why
    /// it stands, said on every surface that shows the split.
    public var splitYear: SplitYear?

    public init(
        id: String = "funding", rev: Int = 1, allocationName: String, allocation: Pounds, allocationSource: String,
        categories: [FundingCategory], grants: [Grant], conditions: [Condition], spend: [SpendEntry] = [],
        commentaries: [VarianceCommentary] = [], reprofiles: [Reprofile] = [], monitoring: MonitoringSettings? = nil
    ) {
        self.id = id
        self.rev = rev
        self.allocationName = allocationName
        self.allocation = allocation
        self.allocationSource = allocationSource
        self.categories = categories
        self.grants = grants
        self.conditions = conditions
        self.spend = spend
        self.commentaries = commentaries
        self.reprofiles = reprofiles
        self.monitoring = monitoring
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, allocationName, allocation, allocationSource, categories, grants, conditions, spend, commentaries, reprofiles, monitoring
        case bridging, year, splitYear
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        allocationName = try c.decode(String.self, forKey: .allocationName)
        allocation = try c.decode(Pounds.self, forKey: .allocation)
        allocationSource = try c.decode(String.self, forKey: .allocationSource)
        categories = try c.decode([FundingCategory].self, forKey: .categories)
        grants = try c.decode([Grant].self, forKey: .grants)
        conditions = try c.decode([Condition].self, forKey: .conditions)
        spend = try c.decodeIfPresent([SpendEntry].self, forKey: .spend) ?? []
        commentaries = try c.decodeIfPresent([VarianceCommentary].self, forKey: .commentaries) ?? []
        reprofiles = try c.decodeIfPresent([Reprofile].self, forKey: .reprofiles) ?? []
        monitoring = try c.decodeIfPresent(MonitoringSettings.self, forKey: .monitoring)
        bridging = try c.decodeIfPresent(Bridging.self, forKey: .bridging)
        year = try c.decodeIfPresent(String.self, forKey: .year)
        splitYear = try c.decodeIfPresent(SplitYear.self, forKey: .splitYear)
    }

    /// Written without the monitoring keys while there is nothing in them, so a store that never used them
    /// reads as it did.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(rev, forKey: .rev)
        try c.encode(allocationName, forKey: .allocationName)
        try c.encode(allocation, forKey: .allocation)
        try c.encode(allocationSource, forKey: .allocationSource)
        try c.encode(categories, forKey: .categories)
        try c.encode(grants, forKey: .grants)
        try c.encode(conditions, forKey: .conditions)
        if !spend.isEmpty { try c.encode(spend, forKey: .spend) }
        if !commentaries.isEmpty { try c.encode(commentaries, forKey: .commentaries) }
        if !reprofiles.isEmpty { try c.encode(reprofiles, forKey: .reprofiles) }
        try c.encodeIfPresent(monitoring, forKey: .monitoring)
        try c.encodeIfPresent(bridging, forKey: .bridging)
        try c.encodeIfPresent(year, forKey: .year)
        try c.encodeIfPresent(splitYear, forKey: .splitYear)
    }

    /// Said wherever the split is shown while it is another year's than `boardYear`: which, and why it
    /// stands (nil when the split is the board's own year's).
    public func splitYearNote(boardYear: String) -> String? {
        guard let y = splitYear, y.year != boardYear else { return nil }
        return "The \(y.year) split, for \(boardYear): \(y.reason)"
    }

    /// The same in a line, where the reason does not fit: the year, and that the board's has none.
    public func splitYearShort(boardYear: String) -> String? {
        guard let y = splitYear, y.year != boardYear else { return nil }
        return "The \(y.year) split: none is published for \(boardYear)"
    }

    public var allocated: Pounds { Money.sum(categories.map(\.amount)) }
    public var unallocated: Pounds { Money.difference(allocation, allocated) }
    public func spend(_ kind: SpendKind) -> Pounds { Money.sum(categories.filter { $0.kind == kind }.map(\.amount)) }
    public func share(of category: FundingCategory) -> Share { Share(category.amount, of: allocation) }

    /// The required amount: `percent` of `base`, rounded up to the pound (a floor is met only when reached).
    public static func required(_ percent: Int, of base: Pounds) -> Pounds {
        let (product, over) = base.multipliedReportingOverflow(by: percent)
        if over { return base / 100 * percent }  // beyond any real figure: exact to within £100, never a trap
        return Money.sum([product, 99]) / 100
    }

    /// Any category of this kind is illustrative.
    public func illustrative(_ kind: SpendKind) -> Bool { categories.contains { $0.kind == kind && $0.isIllustrative } }
    public var allocationIsIllustrative: Bool { Provenance.isIllustrative(allocationSource) }

    /// A category's share of the allocation as text, marked when either figure is illustrative.
    public func shareText(of c: FundingCategory) -> String {
        "\(share(of: c))" + (c.isIllustrative || allocationIsIllustrative ? Provenance.illustrativeMark : "")
    }

    /// A category's amount as text, marked when illustrative.
    public func amountText(of c: FundingCategory) -> String { Money.format(c.amount) + (c.isIllustrative ? Provenance.illustrativeMark : "") }

    /// The spend on a kind with its share of the allocation, e.g. `£255,200 (29%)`, marked when it rests
    /// on an illustrative figure.
    public func spendText(_ kind: SpendKind) -> String {
        let v = spend(kind)
        return "\(Money.format(v)) (\(Share(v, of: allocation)))"
            + (illustrative(kind) || allocationIsIllustrative ? Provenance.illustrativeMark : "")
    }

    /// Anything on the funding screen carries the illustrative mark.
    public var showsIllustrative: Bool {
        categories.contains(where: \.isIllustrative) || checks.contains(where: \.illustrative) || allocationIsIllustrative
    }

    public var checks: [ConditionCheck] {
        conditions.map { c in
            var check: ConditionCheck
            var inputs: [Bool]
            switch c.rule {
            case .interventionsFloor:
                let actual = spend(.interventions)
                check = ConditionCheck(
                    condition: c, label: "Interventions ≥ \(c.percent)% of the grant", actual: actual,
                    required: Funding.required(c.percent, of: allocation), share: Share(actual, of: allocation))
                inputs = [illustrative(.interventions), allocationIsIllustrative]
            case .evaluationShare:
                let basis = c.basis ?? .interventions
                let base = basis == .interventions ? spend(.interventions) : allocation
                let actual = spend(.evaluation)
                let what = basis == .interventions ? "intervention spend" : "the grant"
                check = ConditionCheck(
                    condition: c, label: "Evaluation ≥ \(c.percent)% of \(what)", actual: actual,
                    required: Funding.required(c.percent, of: base), share: Share(actual, of: base))
                inputs = [illustrative(.evaluation), basis == .interventions ? illustrative(.interventions) : allocationIsIllustrative]
            }
            check.illustrative = c.isIllustrative || inputs.contains(true)
            return check
        }
    }

    /// Problems that make the figures impossible (not merely failing a condition).
    public var problems: [String] {
        var out: [String] = []
        if allocation <= 0 { out.append("the allocation must be more than £0") }
        for c in categories where c.amount < 0 { out.append("\(c.name): amount cannot be negative") }
        if allocated > allocation {
            out.append(
                "categories add up to \(Money.format(allocated)), over the allocation of \(Money.format(allocation)) by \(Money.format(Money.difference(allocated, allocation)))"
            )
        }
        for g in grants where g.amount < 0 { out.append("\(g.name): amount cannot be negative") }
        for c in conditions where !(0...100).contains(c.percent) { out.append("condition percent \(c.percent) is not between 0 and 100") }
        return out + monitoringProblems
    }
}
