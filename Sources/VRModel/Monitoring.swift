/// Budget monitoring: actual spend by quarter against each category's profile, the forecast outturn,
/// variances with their commentary, reprofiling, and the grant conditions on plan, actuals and forecast.

/// One quarter's actual spend on a category, as entered (and the forecast outturn for the year then).
public struct SpendEntry: Codable, Sendable, Equatable {
    public var category: String
    public var quarter: Quarter
    public var actual: Pounds
    /// The forecast outturn for the whole year as at this entry; nil: no forecast given (the plan stands).
    public var forecast: Pounds?
    public var note: String
    public var by: String
    public var at: String
    /// Where the figure comes from: a seed, or "illustrative: …"; nil for an entry made on the board.
    public var source: String?
    /// The board date the entry belongs to, when the board's date was not the day it was recorded.
    public var boardDate: Day?

    public init(
        category: String, quarter: Quarter, actual: Pounds, forecast: Pounds? = nil, note: String = "", by: String, at: String,
        source: String? = nil
    ) {
        self.category = category
        self.quarter = quarter
        self.actual = actual
        self.forecast = forecast
        self.note = note
        self.by = by
        self.at = at
        self.source = source
    }

    public var isIllustrative: Bool { source.map(Provenance.isIllustrative) ?? false }

    /// The latest entry of a ledger for each category (or intervention) and quarter of the financial year
    /// starting in `year`: a later entry for a quarter corrects an earlier one.
    public static func latest(_ ledger: [SpendEntry], year: Int) -> [String: [Int: SpendEntry]] {
        var out: [String: [Int: SpendEntry]] = [:]
        for e in ledger where e.quarter.year == year {
            if let old = out[e.category]?[e.quarter.number], old.at > e.at { continue }
            out[e.category, default: [:]][e.quarter.number] = e
        }
        return out
    }

    /// Whether the entry can be recorded at `asAt`: a quarter of that financial year that has started,
    /// amounts whole and not negative.
    public func check(asAt: Day) throws {
        let year = Quarter(containing: asAt).year
        guard quarter.year == year else { throw Funding.MonitoringError.otherYear(quarter, year) }
        guard quarter.first <= asAt else { throw Funding.MonitoringError.notStarted(quarter) }
        guard actual >= 0 else { throw Funding.MonitoringError.negative("the actual") }
        if let f = forecast, f < 0 { throw Funding.MonitoringError.negative("the forecast") }
        guard actual <= Limits.maxPounds, (forecast ?? 0) <= Limits.maxPounds else { throw Funding.MonitoringError.tooMuch("more than any grant") }
    }
}

/// Why a category's spend is off its budget, as a finance team writes it for a board: the cause, whether
/// it is one-off or lasting, and the action.
public struct VarianceCommentary: Codable, Sendable, Equatable {
    public enum Nature: String, Codable, Sendable, ListedValues, CaseIterable {
        case oneOff = "one-off", lasting
        public var label: String { self == .oneOff ? "one-off" : "lasting" }
    }
    public var category: String
    public var cause: String
    public var nature: Nature
    public var action: String
    public var by: String
    public var at: String
    /// The board date the entry belongs to, when the board's date was not the day it was recorded.
    public var boardDate: Day?

    public init(category: String, cause: String, nature: Nature, action: String, by: String, at: String) {
        self.category = category
        self.cause = cause
        self.nature = nature
        self.action = action
        self.by = by
        self.at = at
    }

    /// "Recruitment delayed to Q3 (one-off); action: spend moved to Q4 commissioning".
    public var text: String { "\(cause) (\(nature.label)); action: \(action)" }
}

/// Budget moved between two categories, or between two quarters of one, with its reason.
public struct Reprofile: Codable, Sendable, Equatable {
    public var from: String
    public var to: String
    /// For a move between quarters of one category (`from == to`): the quarters; nil for a move between
    /// categories (taken from and added to their quarters still to come, evenly).
    public var fromQuarter: Int?
    public var toQuarter: Int?
    public var amount: Pounds
    public var reason: String
    public var by: String
    public var at: String
    /// The board date the entry belongs to, when the board's date was not the day it was recorded.
    public var boardDate: Day?

    public init(
        from: String, to: String, fromQuarter: Int? = nil, toQuarter: Int? = nil, amount: Pounds, reason: String, by: String, at: String
    ) {
        self.from = from
        self.to = to
        self.fromQuarter = fromQuarter
        self.toQuarter = toQuarter
        self.amount = amount
        self.reason = reason
        self.by = by
        self.at = at
    }
}

/// When a variance needs commentary, and when the grant's forecast under- or overspend goes to the board.
public struct MonitoringSettings: Codable, Sendable, Equatable {
    /// A variance is material at this percentage of the budget or more…
    public var materialityPercent: Int
    /// …or at this many pounds or more.
    public var materialityPounds: Pounds
    /// A forecast under- or overspend of the whole grant at this many pounds or more is flagged.
    public var outturnPounds: Pounds
    /// Where the thresholds come from (a judgement: the seeds give none).
    public var source: String

    public init(materialityPercent: Int = 10, materialityPounds: Pounds = 10_000, outturnPounds: Pounds = 20_000, source: String) {
        self.materialityPercent = materialityPercent
        self.materialityPounds = materialityPounds
        self.outturnPounds = outturnPounds
        self.source = source
    }

    /// 10% or £10,000; a forecast under- or overspend of £20,000. Judgements, as finance teams commonly set.
    public static let defaults = MonitoringSettings(source: "judgement: a common materiality threshold; the seeds give none")
}

/// A category's position: budget, profile and actuals by quarter, forecast outturn and variance.
public struct BudgetLine: Equatable, Sendable {
    public let category: FundingCategory
    /// Budget (profile) and actual by quarter; an actual is nil until entered.
    public let profile: [Pounds]
    public let actuals: [Pounds?]
    /// Quarters of the year that have ended by the as-at date (0-4).
    public let quartersEnded: Int
    /// The latest forecast outturn entered; nil: none (the plan stands for the rest of the year).
    public let forecastEntered: Pounds?
    public let commentary: VarianceCommentary?
    public let settings: MonitoringSettings
    /// Any actual or forecast rests on an illustrative entry.
    public let illustrative: Bool
    /// Each quarter's actual is an illustrative entry.
    public let quarterIllustrative: [Bool]
    /// The forecast rests on an illustrative figure: the forecast entered is, or (none entered) an actual is.
    public let forecastIllustrative: Bool

    public var budget: Pounds { category.amount }
    public var approved: Pounds { category.approvedBudget }
    public var reprofiled: Bool { approved != budget }
    /// Spend so far (every quarter entered).
    public var actualToDate: Pounds { Money.sum(actuals.compactMap { $0 }) }
    /// The profile of the quarters with an actual: what should have been spent by now.
    public var profileToDate: Pounds { Money.sum(zip(profile, actuals).compactMap { $1 == nil ? nil : $0 }) }
    /// Forecast outturn: as entered, else the actuals so far and the profile of the quarters still to come.
    public var forecast: Pounds {
        forecastEntered ?? Money.sum(zip(profile, actuals).map { $1 ?? $0 })
    }
    /// Budget less forecast: positive is an underspend, negative an overspend.
    public var variance: Pounds { Money.difference(budget, forecast) }
    public var variancePercent: Share { Share(variance, of: budget) }
    /// Actual to date against the profile to date: positive is spending behind the profile.
    public var varianceToDate: Pounds { Money.difference(profileToDate, actualToDate) }

    /// A variance at or over either threshold.
    public var material: Bool {
        let a = variance.magnitude
        if a == 0 { return false }
        if a >= settings.materialityPounds.magnitude { return true }
        return budget != 0 && Double(a) * 100 >= Double(settings.materialityPercent) * Double(budget.magnitude)
    }
    /// Material and with no commentary since the latest spend entry.
    public var needsCommentary: Bool { material && commentary == nil }

    /// "£12,000 under budget (favourable)", "£8,000 over budget (adverse)", "on budget".
    public var varianceWords: String { BudgetLine.words(variance) }

    /// A variance (budget less forecast) in words; `mark` after the amount when it rests on an illustrative figure.
    public static func words(_ variance: Pounds, mark: String = "") -> String {
        if variance == 0 { return "on budget" }
        let amount = Money.format(variance == .min ? .max : abs(variance)) + mark
        return variance > 0 ? "\(amount) under budget (favourable)" : "\(amount) over budget (adverse)"
    }
    /// "underspend" / "overspend" / "on budget", for a narrow column.
    public var varianceShort: String { variance == 0 ? "on budget" : variance > 0 ? "favourable" : "adverse" }
}

/// The year's budget monitoring: each line, the totals, the three ways of checking the conditions, and
/// the forecast under- or overspend of the grant.
public struct BudgetReport: Equatable, Sendable {
    public let lines: [BudgetLine]
    public let allocation: Pounds
    public let year: Int
    public let quartersEnded: Int
    /// The share of the financial year elapsed at the as-at date.
    public let yearElapsed: Share
    public let settings: MonitoringSettings
    /// Each condition on the plan, on actual spend to date, and on the forecast outturn.
    public let conditions: [(plan: ConditionCheck, actual: ConditionCheck?, forecast: ConditionCheck)]

    public static func == (a: BudgetReport, b: BudgetReport) -> Bool {
        a.lines == b.lines && a.allocation == b.allocation && a.year == b.year && a.quartersEnded == b.quartersEnded
            && a.conditions.map(\.plan) == b.conditions.map(\.plan) && a.conditions.map(\.actual) == b.conditions.map(\.actual)
            && a.conditions.map(\.forecast) == b.conditions.map(\.forecast)
    }

    public var budget: Pounds { Money.sum(lines.map(\.budget)) }
    public var actualToDate: Pounds { Money.sum(lines.map(\.actualToDate)) }
    public var forecast: Pounds { Money.sum(lines.map(\.forecast)) }
    /// Allocation less the forecast outturn: positive is grant forecast unspent.
    public var grantVariance: Pounds { Money.difference(allocation, forecast) }
    public var illustrative: Bool { lines.contains(where: \.illustrative) }
    /// Anything has been entered: before the first actual, monitoring has nothing to say.
    public var hasActuals: Bool { lines.contains { $0.actuals.contains { $0 != nil } } }

    /// The grant's forecast under- or overspend when at or beyond the threshold, in words; after the third
    /// quarter, what is at stake.
    public var outturnWarning: String? {
        guard hasActuals, grantVariance.magnitude >= settings.outturnPounds.magnitude, grantVariance != 0 else { return nil }
        let mark = illustrative ? Provenance.illustrativeMark : ""
        let yearEnd = Quarter(year: year, number: 4)?.last.long ?? "the year end"
        if grantVariance > 0 {
            let stake =
                quartersEnded >= 3
                ? ": unspent grant cannot be carried over, so \(Money.format(grantVariance))\(mark) is lost at \(yearEnd) unless spent"
                : " (grant must be spent by \(yearEnd))"
            return "Forecast underspend of the grant \(Money.format(grantVariance))\(mark)" + stake
        }
        return "Forecast overspend of the grant \(Money.format(-grantVariance))\(mark): the excess must be met from elsewhere"
    }

    /// Conditions that pass on the plan and fail on the forecast, in words.
    public var conditionWarnings: [String] {
        conditions.compactMap { c in
            guard c.plan.passes, !c.forecast.passes else { return nil }
            let short = Money.format(-c.forecast.margin) + (c.forecast.illustrative ? Provenance.illustrativeMark : "")
            return
                "\(c.plan.condition.rule == .interventionsFloor ? "Interventions" : "Evaluation") passes on the plan but fails on the forecast outturn: \(short) short"
        }
    }
}

extension Funding {
    public var settings: MonitoringSettings { monitoring ?? .defaults }

    /// The latest entry for each category and quarter of the financial year starting in `year`.
    func latestSpend(year: Int) -> [String: [Int: SpendEntry]] { SpendEntry.latest(spend, year: year) }

    /// The latest entry for each category in quarter `q`, by category id.
    public func latestSpend(quarter q: Quarter) -> [String: SpendEntry] {
        (latestSpend(year: q.year)).compactMapValues { $0[q.number] }
    }

    /// The budget monitoring for the financial year containing `asAt`.
    public func monitor(asAt: Day) -> BudgetReport {
        let q = Quarter(containing: asAt)
        let lines = BudgetLine.lines(categories, spend: spend, commentaries: commentaries, settings: settings, asAt: asAt)
        let ended = lines.first?.quartersEnded ?? (1...4).filter { Quarter(year: q.year, number: $0).map { $0.last < asAt } ?? false }.count
        let first = Quarter(year: q.year, number: 1)!.first
        let days = first.days(until: Quarter(year: q.year, number: 4)!.last) + 1
        let elapsed = min(days, max(0, first.days(until: asAt)))
        let conditions = checks.map { plan in
            (plan, check(plan.condition, lines, \.actualToDate, toDate: true), check(plan.condition, lines, \.forecast, toDate: false) ?? plan)
        }
        return BudgetReport(
            lines: lines, allocation: allocation, year: q.year, quartersEnded: ended, yearElapsed: Share(elapsed, of: days), settings: settings,
            conditions: conditions)
    }
}

extension BudgetLine {
    /// Each category's line in the financial year of `asAt`, from a spend ledger and its commentaries:
    /// the funding's categories, or an intervention as a line of its own.
    public static func lines(
        _ categories: [FundingCategory], spend: [SpendEntry], commentaries: [VarianceCommentary], settings: MonitoringSettings, asAt: Day
    ) -> [BudgetLine] {
        let q = Quarter(containing: asAt)
        let ended = (1...4).filter { Quarter(year: q.year, number: $0).map { $0.last < asAt } ?? false }.count
        let latest = SpendEntry.latest(spend, year: q.year)
        return categories.map { c in
            let entries = latest[c.id] ?? [:]
            let newest = entries.values.max { $0.at < $1.at }
            let forecastEntry = entries.values.filter { $0.forecast != nil }.max { $0.at < $1.at }
            // A commentary stands until spend is entered after it.
            let note = commentaries.last { $0.category == c.id }.flatMap { n in newest.map { $0.at > n.at } == true ? nil : n }
            return BudgetLine(
                category: c, profile: c.quarters, actuals: (1...4).map { entries[$0]?.actual }, quartersEnded: ended,
                forecastEntered: forecastEntry?.forecast, commentary: note,
                settings: settings, illustrative: entries.values.contains(where: \.isIllustrative),
                quarterIllustrative: (1...4).map { entries[$0]?.isIllustrative ?? false },
                forecastIllustrative: forecastEntry.map(\.isIllustrative) ?? entries.values.contains(where: \.isIllustrative))
        }
    }
}

extension Funding {
    /// A condition checked on actual spend to date (its share of what has been spent so far), or on the
    /// forecast outturn (against the allocation, as the plan is); nil to date before any actual.
    func check(_ c: Condition, _ lines: [BudgetLine], _ value: KeyPath<BudgetLine, Pounds>, toDate: Bool) -> ConditionCheck? {
        func total(_ kind: SpendKind?) -> Pounds { Money.sum(lines.filter { kind == nil || $0.category.kind == kind }.map { $0[keyPath: value] }) }
        let spent = total(nil)
        if toDate && !lines.contains(where: { $0.actuals.contains { $0 != nil } }) { return nil }
        let how = toDate ? "actual to date" : "forecast outturn"
        var check: ConditionCheck
        switch c.rule {
        case .interventionsFloor:
            let base = toDate ? spent : allocation
            let actual = total(.interventions)
            check = ConditionCheck(
                condition: c, label: "Interventions ≥ \(c.percent)% of \(toDate ? "spend to date" : "the grant"), \(how)", actual: actual,
                required: Funding.required(c.percent, of: base), share: Share(actual, of: base))
        case .evaluationShare:
            let onInterventions = (c.basis ?? .interventions) == .interventions
            let base = onInterventions ? total(.interventions) : toDate ? spent : allocation
            let actual = total(.evaluation)
            check = ConditionCheck(
                condition: c, label: "Evaluation ≥ \(c.percent)% of \(onInterventions ? "intervention spend" : "the grant"), \(how)", actual: actual,
                required: Funding.required(c.percent, of: base), share: Share(actual, of: base))
        }
        check.illustrative = c.isIllustrative || lines.contains { $0.illustrative || $0.category.isIllustrative } || allocationIsIllustrative
        return check
    }
}

extension Funding {
    /// Why spend or a reprofile cannot be recorded as given.
    public enum MonitoringError: Error, Equatable, CustomStringConvertible {
        case noCategory(String)
        case notStarted(Quarter)
        case otherYear(Quarter, Int)
        case negative(String)
        case tooMuch(String)
        case sameQuarter
        public var description: String {
            switch self {
            case .noCategory(let c): "no category '\(c)'"
            case .notStarted(let q): "\(q.label) has not started yet (it starts \(q.first.long))"
            case .otherYear(let q, let y):
                "\(q.label) is not in the year being monitored (\(Quarter(year: y, number: 1)?.first.financialYear ?? "\(y)"))"
            case .negative(let what): "\(what) cannot be negative"
            case .tooMuch(let why): why
            case .sameQuarter: "from and to are the same: choose another category or quarter"
            }
        }
    }

    /// The category with this id, or the one named so (case and spacing ignored), for a script or a
    /// finance system's export.
    public func category(matching key: String) -> FundingCategory? {
        let k = key.trimmingCharacters(in: .whitespaces).lowercased()
        return categories.first { $0.id.lowercased() == k } ?? categories.first { $0.name.lowercased() == k }
    }

    /// Records a quarter's actual (and forecast outturn) for a category: the quarter must have started and
    /// be in the year of `asAt`; amounts whole and not negative.
    public mutating func record(_ e: SpendEntry, asAt: Day) throws {
        guard categories.contains(where: { $0.id == e.category }) else { throw MonitoringError.noCategory(e.category) }
        try e.check(asAt: asAt)
        spend.append(e)
    }

    /// Moves budget between categories (out of and into the quarters still to come) or between two
    /// quarters of one category; the approved budget is kept beside the new one.
    public mutating func reprofile(_ r: Reprofile, asAt: Day) throws {
        guard let fi = categories.firstIndex(where: { $0.id == r.from }) else { throw MonitoringError.noCategory(r.from) }
        guard let ti = categories.firstIndex(where: { $0.id == r.to }) else { throw MonitoringError.noCategory(r.to) }
        guard r.amount > 0 else { throw MonitoringError.negative("the amount moved") }
        let year = Quarter(containing: asAt).year
        let open = (1...4).filter { Quarter(year: year, number: $0).map { !($0.last < asAt) } ?? false }
        if fi == ti {
            guard let fq = r.fromQuarter, let tq = r.toQuarter, (1...4).contains(fq), (1...4).contains(tq) else {
                throw MonitoringError.sameQuarter
            }
            guard fq != tq else { throw MonitoringError.sameQuarter }
            var p = categories[fi].quarters
            guard p[fq - 1] >= r.amount else {
                throw MonitoringError.tooMuch("Q\(fq) holds \(Money.format(p[fq - 1])) of \(categories[fi].name)'s budget")
            }
            p[fq - 1] -= r.amount
            p[tq - 1] = Money.sum([p[tq - 1], r.amount])
            categories[fi].profile = p
        } else {
            guard !open.isEmpty else { throw MonitoringError.tooMuch("the year has ended: no quarter is left to move budget into") }
            var from = categories[fi].quarters, to = categories[ti].quarters
            let available = Money.sum(open.map { from[$0 - 1] })
            guard available >= r.amount else {
                throw MonitoringError.tooMuch(
                    "\(categories[fi].name) has \(Money.format(available)) left to spend this year; \(Money.format(r.amount)) cannot move")
            }
            // Out of the quarters still to come, latest first; into them evenly (odd pounds in the last).
            var left = r.amount
            for q in open.reversed() where left > 0 {
                let take = min(left, from[q - 1])
                from[q - 1] -= take
                left -= take
            }
            let each = r.amount / open.count
            for q in open { to[q - 1] = Money.sum([to[q - 1], each]) }
            to[open.last! - 1] = Money.sum([to[open.last! - 1], r.amount - each * open.count])
            if categories[fi].approved == nil { categories[fi].approved = categories[fi].amount }
            if categories[ti].approved == nil { categories[ti].approved = categories[ti].amount }
            categories[fi].amount -= r.amount
            categories[ti].amount = Money.sum([categories[ti].amount, r.amount])
            categories[fi].profile = from
            categories[ti].profile = to
        }
        reprofiles.append(r)
    }

    /// Problems in the monitoring that make its figures impossible.
    var monitoringProblems: [String] {
        var out: [String] = []
        for e in spend where !categories.contains(where: { $0.id == e.category }) {
            out.append("spend entered for '\(e.category)': no such category")
        }
        for r in reprofiles {
            for c in [r.from, r.to] where !categories.contains(where: { $0.id == c }) { out.append("a reprofile names '\(c)': no such category") }
        }
        for c in categories {
            if let p = c.profile, p.count != 4 { out.append("\(c.name): a profile has four quarters, not \(p.count)") }
            if let p = c.profile, p.count == 4, Money.sum(p) != c.amount {
                out.append("\(c.name): its profile adds up to \(Money.format(Money.sum(p))), not its budget of \(Money.format(c.amount))")
            }
            if let p = c.profile, p.contains(where: { $0 < 0 }) { out.append("\(c.name): a quarter's profile cannot be negative") }
        }
        return out
    }
}

/// A quarter's actuals imported from a finance system's CSV export: a header row naming the category
/// column and the amount column (and optionally a forecast column), then one row per category. Every row
/// is checked; nothing is taken unless every row is valid.
public enum SpendImport {
    /// Every row's problems: nothing is written while there is one.
    public struct RowProblems: Error, Equatable, Sendable { public var all: [RowProblem] }

    public struct RowProblem: Equatable, Sendable, CustomStringConvertible {
        /// The row as a spreadsheet numbers it (the header is row 1); 0 for the file as a whole.
        public var row: Int
        public var column: String?
        public var message: String
        public var description: String {
            row == 0 ? message : "row \(row)\(column.map { ", column '\($0)'" } ?? ""): \(message)"
        }
    }

    public struct Result: Equatable, Sendable {
        /// One per category row: category id, actual and forecast (whole pounds).
        public var lines: [(category: String, actual: Pounds, forecast: Pounds?)]
        /// How the bytes were read ("UTF-8", "Windows-1252", "UTF-16").
        public var encoding: String
        /// Rows whose pence were rounded to whole pounds.
        public var rounded: [Int]
        public static func == (a: Result, b: Result) -> Bool {
            a.encoding == b.encoding && a.rounded == b.rounded
                && a.lines.map { "\($0.category)|\($0.actual)|\($0.forecast.map(String.init) ?? "")" }
                    == b.lines.map { "\($0.category)|\($0.actual)|\($0.forecast.map(String.init) ?? "")" }
        }
    }

    /// The text of a file: UTF-8 (a byte-order mark dropped), UTF-16 with its mark, else Windows-1252 (as
    /// spreadsheets on Windows save "CSV"), and which it was.
    public static func decode(_ bytes: [UInt8]) -> (text: String, encoding: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]), let t = String(validating: bytes.dropFirst(3), as: UTF8.self) { return (t, "UTF-8") }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            var i = 2
            while i + 1 < bytes.count {
                units.append(little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            return (String(decoding: units, as: UTF16.self), "UTF-16")
        }
        if let t = String(validating: bytes, as: UTF8.self) { return (t, "UTF-8") }
        // Windows-1252: Latin-1 with printable characters in 0x80-0x9F (€, ‘ ’ “ ” – —, …).
        let high: [UInt8: Unicode.Scalar] = [
            0x80: "€", 0x82: "‚", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x89: "‰", 0x8B: "‹", 0x91: "‘", 0x92: "’", 0x93: "“",
            0x94: "”", 0x95: "•", 0x96: "–", 0x97: "—", 0x99: "™", 0x9B: "›",
        ]
        var s = String.UnicodeScalarView()
        for b in bytes { s.append(high[b] ?? Unicode.Scalar(b)) }
        return (String(s), "Windows-1252")
    }

    /// Rows of fields: commas, double quotes around a field (a doubled quote inside), CR LF or LF.
    public static func rows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, atStart = true
        var it = Array(text.unicodeScalars)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" {
                    if it.first == "\"" {
                        field.unicodeScalars.append("\"")
                        it.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atStart: quoted = true
            case ",":
                row.append(field)
                field = ""
                atStart = true
                continue
            case "\r": continue
            case "\n":
                row.append(field)
                rows.append(row)
                row = []
                field = ""
                atStart = true
                continue
            default: field.unicodeScalars.append(c)
            }
            atStart = false
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }

    /// Reads and checks a whole file against the funding's categories.
    public static func read(_ bytes: [UInt8], funding fu: Funding) -> Swift.Result<Result, RowProblems> {
        guard bytes.count <= 10_000_000 else {
            return .failure(RowProblems(all: [RowProblem(row: 0, message: "the file is over 10 MB: not a quarter's actuals")]))
        }
        let (text, encoding) = decode(bytes)
        let table = rows(text)
        guard let header = table.first else {
            return .failure(RowProblems(all: [RowProblem(row: 0, message: "the file is empty: it needs a header row")]))
        }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        // The first word that names a column wins: "Category" over "Cost centre" when a file has both.
        func column(_ words: [String]) -> Int? { words.lazy.compactMap { w in names.firstIndex { $0.contains(w) } }.first }
        guard let ci = column(["category", "cost centre", "cost center", "line"]) else {
            return .failure(
                RowProblems(all: [
                    RowProblem(row: 1, message: "no category column: the header names one 'category' (found: \(header.joined(separator: ", ")))")
                ]))
        }
        guard let ai = column(["amount", "actual", "spend", "value"]) else {
            return .failure(
                RowProblems(all: [
                    RowProblem(
                        row: 1, message: "no amount column: the header names one 'amount' or 'actual' (found: \(header.joined(separator: ", ")))")
                ]))
        }
        let fi = column(["forecast", "outturn"])
        var problems: [RowProblem] = [], lines: [(String, Pounds, Pounds?)] = [], rounded: [Int] = [], seen: [String: Int] = [:]
        for (k, row) in table.dropFirst().enumerated() {
            let n = k + 2
            func cell(_ i: Int) -> String { i < row.count ? row[i].trimmingCharacters(in: .whitespaces) : "" }
            if let bad = row.joined().unicodeScalars.first(where: { Limits.isControl($0, multiLine: false) }) {
                problems.append(RowProblem(row: n, column: nil, message: "a control character (U+\(String(bad.value, radix: 16, uppercase: true)))"))
                continue
            }
            let key = cell(ci)
            guard let c = fu.category(matching: key) else {
                problems.append(
                    RowProblem(
                        row: n, column: header[ci],
                        message: key.isEmpty
                            ? "no category" : "'\(key)' is not a category (ids: \(fu.categories.map(\.id).joined(separator: ", ")))"))
                continue
            }
            if let first = seen[c.id] {
                problems.append(RowProblem(row: n, column: header[ci], message: "\(c.id) is already on row \(first)"))
                continue
            }
            seen[c.id] = n
            func amount(_ i: Int, _ what: String) -> Pounds?? {
                let t = cell(i)
                if t.isEmpty { return .some(nil) }
                // Finance exports write credits in brackets: (1,200.00).
                let negative = t.hasPrefix("(") && t.hasSuffix(")")
                guard let v = Money.parse(negative ? String(t.dropFirst().dropLast()) : t) else {
                    problems.append(RowProblem(row: n, column: header[i], message: "'\(t)' is not an amount"))
                    return nil
                }
                if negative || v < 0 {
                    problems.append(RowProblem(row: n, column: header[i], message: "\(what) cannot be negative"))
                    return nil
                }
                if Money.hasPence(t) && !rounded.contains(n) { rounded.append(n) }
                return .some(v)
            }
            guard let a = amount(ai, "an actual") else { continue }
            guard let actual = a else {
                problems.append(RowProblem(row: n, column: header[ai], message: "no amount"))
                continue
            }
            var forecast: Pounds?
            if let fi {
                guard let f = amount(fi, "a forecast") else { continue }
                forecast = f
            }
            lines.append((c.id, actual, forecast))
        }
        if table.count < 2 { problems.append(RowProblem(row: 0, message: "no rows under the header")) }
        return problems.isEmpty ? .success(Result(lines: lines, encoding: encoding, rounded: rounded)) : .failure(RowProblems(all: problems))
    }
}

extension SpendEntry {
    /// `Actual spend Q2 2021/22: 3 categories, £412,000 in all (Staff £89,500, …); forecast outturn Staff £370,000`.
    public static func note(_ q: Quarter, _ entries: [SpendEntry], _ fu: Funding) -> String {
        func name(_ id: String) -> String { fu.category(matching: id)?.name ?? id }
        let total = Money.sum(entries.map(\.actual))
        var out =
            "Actual spend \(q.label): \(entries.count) categor\(entries.count == 1 ? "y" : "ies"), \(Money.format(total)) in all ("
            + entries.map { "\(name($0.category)) \(Money.format($0.actual))" }.joined(separator: ", ") + ")"
        let forecasts = entries.filter { $0.forecast != nil }
        if !forecasts.isEmpty {
            out += "; forecast outturn " + forecasts.map { "\(name($0.category)) \(Money.format($0.forecast ?? 0))" }.joined(separator: ", ")
        }
        return out + (entries.first.map { $0.note.isEmpty ? "" : ": \($0.note)" } ?? "")
    }
}

extension SpendEntry {
    /// The journal note for spend on an intervention: `Spend on IV-01 Q1 2021/22: £28,000; forecast outturn £118,000: note`.
    public var interventionNote: String {
        "Spend on \(category) \(quarter.label): \(Money.format(actual))" + (forecast.map { "; forecast outturn \(Money.format($0))" } ?? "")
            + (note.isEmpty ? "" : ": \(note)")
    }
}

extension Reprofile {
    /// `Reprofiled £20,000 from Staff to Commissioned interventions: recruitment delayed`.
    public static func note(_ r: Reprofile, _ fu: Funding) -> String {
        func name(_ id: String) -> String { fu.category(matching: id)?.name ?? id }
        let what =
            r.from == r.to
            ? "within \(name(r.from)) from Q\(r.fromQuarter ?? 0) to Q\(r.toQuarter ?? 0)" : "from \(name(r.from)) to \(name(r.to))"
        return "Reprofiled \(Money.format(r.amount)) \(what): \(r.reason)"
    }
}

/// A grant's amount for one financial year, and whether it is confirmed.
public struct GrantYear: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, ListedValues { case confirmed, expected }
    /// The year the financial year starts in (2022 for 2022/23).
    public var year: Int
    /// Nil where the source gives no amount (an expected grant whose size is not known).
    public var amount: Pounds?
    public var status: Status
    public var source: String
    /// The day it was confirmed, where known.
    public var confirmedOn: Day?

    public init(year: Int, amount: Pounds?, status: Status, source: String, confirmedOn: Day? = nil) {
        self.year = year
        self.amount = amount
        self.status = status
        self.source = source
        self.confirmedOn = confirmedOn
    }

    /// "confirmed 10 Feb 2022", "confirmed", "expected".
    public var statusText: String { status == .confirmed ? "confirmed" + (confirmedOn.map { " \($0.long)" } ?? "") : "expected" }

    /// `2022/23`.
    public var label: String { "\(year)/\(String(format: "%02d", (year + 1) % 100))" }
}

/// What it costs to keep services going if next year's core grant is not confirmed in time: a cost a
/// month over the months it would be needed (004 §23-25).
public struct Bridging: Codable, Sendable, Equatable {
    public var monthlyCost: Pounds
    public var from: Day
    public var until: Day
    public var source: String

    public init(monthlyCost: Pounds, from: Day, until: Day, source: String) {
        self.monthlyCost = monthlyCost
        self.from = from
        self.until = until
        self.source = source
    }

    /// Whole calendar months from `from` to `until`, both counted.
    public var months: Int { max(0, (until.year - from.year) * 12 + until.month - from.month + 1) }
    /// The months times the cost a month, saturating.
    public var cost: Pounds {
        let (r, over) = monthlyCost.multipliedReportingOverflow(by: months)
        return over ? .max : r
    }
}

extension Funding {
    /// The financial years the grants' amounts cover, in order.
    public var grantYears: [Int] { Array(Set(grants.flatMap { ($0.years ?? []).map(\.year) })).sorted() }

    /// The core grant's row, if the data holds one.
    public var coreGrant: Grant? { grants.first { $0.core == true } }

    /// The year after `asAt`'s financial year, for the core grant: confirmed, expected, or not recorded.
    public func nextYear(asAt: Day) -> GrantYear? {
        let next = Quarter(containing: asAt).year + 1
        return coreGrant?.years?.first { $0.year == next }
    }

    /// The bridging at stake, in words, while next year's core grant is not confirmed.
    public func bridgingWarning(asAt: Day) -> String? {
        guard let b = bridging, nextYear(asAt: asAt)?.status != .confirmed else { return nil }
        let next = GrantYear(year: Quarter(containing: asAt).year + 1, amount: nil, status: .expected, source: "").label
        return
            "The core grant for \(next) is not confirmed: bridging \(b.from.long) to \(b.until.long), \(b.months) month\(b.months == 1 ? "" : "s") at \(Money.format(b.monthlyCost)) a month, is \(Money.format(b.cost))"
    }
}

extension Intervention {
    /// Its own budget line, as a category's: its budget for the year, actuals by quarter as entered, the
    /// forecast outturn and the variance; nil with neither a budget nor any spend.
    public func budgetLine(settings: MonitoringSettings, asAt: Day) -> BudgetLine? {
        guard budget != nil || !(spend ?? []).isEmpty else { return nil }
        let c = FundingCategory(
            id: id, name: name, kind: .interventions, amount: budget ?? 0,
            source: budget != nil && budgetIllustrative ? "illustrative: no seed gives a budget per intervention" : source)
        return BudgetLine.lines([c], spend: spend ?? [], commentaries: [], settings: settings, asAt: asAt).first
    }

    /// Records a quarter's actual spend on it (its `category` set to this intervention's id).
    public mutating func record(spend e: SpendEntry, asAt: Day) throws {
        var e = e
        e.category = id
        try e.check(asAt: asAt)
        spend = (spend ?? []) + [e]
    }
}

extension Board {
    /// The live interventions' actual spend to date this year, against the categories' actual to date.
    public func interventionSpend(asAt: Day) -> (interventions: Pounds, categories: Pounds, recorded: Int) {
        let lines = interventions.items.filter { !$0.archived }.compactMap { $0.budgetLine(settings: funding.settings, asAt: asAt) }
        let withSpend = lines.filter { $0.actuals.contains { $0 != nil } }
        let categories = funding.monitor(asAt: asAt).lines.filter { $0.category.kind == .interventions }
        return (Money.sum(withSpend.map(\.actualToDate)), Money.sum(categories.map(\.actualToDate)), withSpend.count)
    }
}

extension SpendEntry: BoardDated {}
extension VarianceCommentary: BoardDated {}
extension Reprofile: BoardDated {}
