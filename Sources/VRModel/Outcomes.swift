import Foundation

/// An outcome measure: one of the Home Office's three success measures (worded exactly, 003 §3.10) or a
/// local one, with its baseline and latest periods, the change the source gives (a percentage where only
/// a percentage is given: no counts are invented), and values entered as they come.
public struct OutcomeMeasure: StoreDocument {
    public enum Kind: String, Codable, Sendable, ListedValues, CaseIterable {
        case homeOffice = "home-office", local
        public var label: String { self == .homeOffice ? "Home Office" : "Local" }
    }
    /// The direction that is better: for violence, down.
    public enum Better: String, Codable, Sendable, ListedValues, CaseIterable { case down, up }

    /// A value for a period, as entered (or as a seed gives it).
    public struct Value: Codable, Sendable, Equatable {
        /// `Q2 2021/22`, or the period as the source words it.
        public var period: String
        public var quarter: Quarter?
        public var value: Double
        public var by: String
        public var at: String
        public var note: String
        public var source: String?
        /// The board date the entry belongs to, when the board's date was not the day it was recorded.
        public var boardDate: Day?
        public init(period: String, quarter: Quarter? = nil, value: Double, by: String, at: String, note: String = "", source: String? = nil) {
            self.period = period
            self.quarter = quarter
            self.value = value
            self.by = by
            self.at = at
            self.note = note
            self.source = source
        }
    }

    public var id: String
    public var rev: Int
    public var title: String
    public var kind: Kind
    public var better: Better
    /// What is counted ("offences", "admissions"); empty where the source gives only a percentage.
    public var unit: String
    public var baselinePeriod: String
    public var latestPeriod: String
    /// The change from the baseline to the latest period in percent, as the source gives it (-37 for
    /// "down 37%"); nil where it gives none.
    public var change: Double?
    public var values: [Value]
    /// What the source says beyond the figures (e.g. the figures are in an image, not the text).
    public var note: String
    public var source: String

    public init(
        id: String, rev: Int = 1, title: String, kind: Kind, better: Better = .down, unit: String = "", baselinePeriod: String = "",
        latestPeriod: String = "", change: Double? = nil, values: [Value] = [], note: String = "", source: String
    ) {
        self.id = id
        self.rev = rev
        self.title = title
        self.kind = kind
        self.better = better
        self.unit = unit
        self.baselinePeriod = baselinePeriod
        self.latestPeriod = latestPeriod
        self.change = change
        self.values = values
        self.note = note
        self.source = source
    }

    enum CodingKeys: String, CodingKey { case id, rev, title, kind, better, unit, baselinePeriod, latestPeriod, change, values, note, source }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        title = try c.decode(String.self, forKey: .title)
        kind = try c.decodeIfPresent(Kind.self, forKey: .kind) ?? .local
        better = try c.decodeIfPresent(Better.self, forKey: .better) ?? .down
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        baselinePeriod = try c.decodeIfPresent(String.self, forKey: .baselinePeriod) ?? ""
        latestPeriod = try c.decodeIfPresent(String.self, forKey: .latestPeriod) ?? ""
        change = try c.decodeIfPresent(Double.self, forKey: .change)
        values = try c.decodeIfPresent([Value].self, forKey: .values) ?? []
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
        source = try c.decode(String.self, forKey: .source)
    }

    /// The values in period order (by quarter where given, else as entered).
    public var series: [Value] {
        values.enumerated().sorted { a, b in
            switch (a.element.quarter, b.element.quarter) {
            case (let x?, let y?): x < y || (x == y && a.offset < b.offset)
            default: a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The change in percent: from the first value to the latest when there are two or more, else as
    /// the source gives it; nil when neither (or the first value is zero).
    public var currentChange: Double? {
        let s = series
        if s.count >= 2, let first = s.first?.value, let last = s.last?.value, first != 0 {
            let c = (last - first) / abs(first) * 100
            return c.isFinite ? c : nil
        }
        return change
    }

    /// Whether the change goes the better way; nil with no change known or none at all.
    public var improving: Bool? {
        guard let c = currentChange, c != 0 else { return nil }
        return (c < 0) == (better == .down)
    }

    /// ↓, ↑, → or ?, for the direction of the change (read with the words, never alone).
    public var glyph: String {
        guard let c = currentChange else { return "?" }
        return c < 0 ? "↓" : c > 0 ? "↑" : "→"
    }

    /// "down 37% (better)", "up 85% (worse)", "no change", "no figure yet".
    public var words: String {
        guard let c = currentChange else { return "no figure yet" }
        if c == 0 { return "no change" }
        let pct = OutcomeMeasure.percent(abs(c))
        return "\(c < 0 ? "down" : "up") \(pct) (\(improving == true ? "better" : "worse"))"
    }

    /// `37%`, `12.5%`.
    public static func percent(_ v: Double) -> String {
        let tenths = (min(v, 1e12) * 10).rounded()
        let t = Int(tenths)
        return t % 10 == 0 ? "\(t / 10)%" : "\(t / 10).\(t % 10)%"
    }

    /// The period the change covers: "April 2020 - March 2021 against April 2017 - March 2020".
    public var periods: String {
        let s = series
        if s.count >= 2, let a = s.first, let b = s.last { return "\(b.period) against \(a.period)" }
        if latestPeriod.isEmpty && baselinePeriod.isEmpty { return "" }
        return baselinePeriod.isEmpty ? latestPeriod : "\(latestPeriod.isEmpty ? "latest" : latestPeriod) against \(baselinePeriod)"
    }

    /// Why a value cannot be recorded as given.
    public enum ValueError: Error, Equatable, CustomStringConvertible {
        case notANumber(String)
        case outOfRange
        case notEnded(Quarter)
        public var description: String {
            switch self {
            case .notANumber(let t): "'\(t)' is not a number"
            case .outOfRange: "more than any count of offences or admissions"
            case .notEnded(let q): "\(q.label) has not ended yet (it ends \(q.last.long))"
            }
        }
    }

    /// A value as typed ("1,204", "12.5"): a finite number, not beyond any real count.
    public static func parse(_ text: String) -> Result<Double, ValueError> {
        let t = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let v = Double(t), v.isFinite else { return .failure(.notANumber(text)) }
        guard abs(v) <= Double(Limits.maxCount) else { return .failure(.outOfRange) }
        return .success(v)
    }

    /// Records a value; a second value for the same quarter replaces the first (a correction).
    public mutating func record(_ v: Value, today: Day) throws {
        if let q = v.quarter, !(q.last < today) { throw ValueError.notEnded(q) }
        guard v.value.isFinite, abs(v.value) <= Double(Limits.maxCount) else { throw ValueError.outOfRange }
        if let q = v.quarter, let i = values.firstIndex(where: { $0.quarter == q }) {
            values[i] = v
        } else {
            values.append(v)
        }
    }

    /// `12.5`, `1,204`: as a person reads it.
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return Int(v).grouped }
        return String(format: "%.1f", v)
    }
}

extension OutcomeMeasure: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        for (k, v) in [
            ("id", id), ("title", title), ("unit", unit), ("baselinePeriod", baselinePeriod), ("latestPeriod", latestPeriod), ("source", source),
        ] {
            i.text(k, v)
        }
        i.text("note", note, multiLine: true)
        for (k, v) in values.enumerated() {
            for (f, t) in [("period", v.period), ("by", v.by), ("at", v.at)] { i.text("values.\(k).\(f)", t) }
            i.text("values.\(k).note", v.note, multiLine: true)
            if let s = v.source { i.text("values.\(k).source", s) }
            i.measure("values.\(k).value", v.value)
        }
        if let change { i.measure("change", change) }
    }
}

extension Board {
    /// The measures in order: the Home Office's first, then local ones.
    public var orderedOutcomes: [OutcomeMeasure] {
        outcomes.items.filter { $0.kind == .homeOffice } + outcomes.items.filter { $0.kind == .local }
    }
}

extension OutcomeMeasure.Value: BoardDated {}
