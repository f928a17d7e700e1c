#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A calendar date (no time, no zone), stored as `yyyy-MM-dd`.
/// Arithmetic uses the proleptic Gregorian day count, so it needs no Foundation calendar.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd` exactly.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Today in UTC, the day of the timestamps the store records.
    public static func today() -> Day { Day(ordinal: Int(time(nil) / 86_400)) }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `12 Nov 2021`, for screens and papers.
    public var long: String { "\(day) \(Day.monthNames[month - 1]) \(year)" }

    public static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// UK financial year label (1 April to 31 March), e.g. `2021/22`.
    public var financialYear: String {
        let start = month >= 4 ? year : year - 1
        let end = (start + 1) % 100
        return "\(start)/\(end < 10 ? "0" : "")\(end)"
    }

    /// Financial quarter, Q1 = April to June.
    public var financialQuarter: Int { ((month + 8) % 12) / 3 + 1 }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = Day(s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(s)' is not a date in the form yyyy-MM-dd")
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension Day {
    /// An ISO 8601 timestamp to the minute as people read it (`2026-11-30T19:04:05Z` → `30 Nov 2026 19:04`);
    /// nil when the text is not one.
    public static func minute(_ iso: String) -> String? {
        let u = Array(iso.utf8)
        guard u.count >= 16, let d = Day(String(iso.prefix(10))), u[10] == UInt8(ascii: "T"), u[13] == UInt8(ascii: ":") else { return nil }
        let hm = String(decoding: u[11..<16], as: UTF8.self)
        guard hm.utf8.enumerated().allSatisfy({ $0.offset == 2 || (48...57).contains($0.element) }) else { return nil }
        return "\(d.long) \(hm)"
    }
}

extension Day {
    /// A date as people type it in the UK: `2022-03-31`, day first `31/03/2022` (or `31-03-2022`,
    /// `31.3.22`), or `31 Mar 2022` / `31 March 2022`; nil when it is none of these or not a real day.
    /// Relative words (`today`, `+7d`) need the board's date: `read(_:today:)`.
    public static func input(_ text: String) -> Day? { try? read(text, today: nil).get() }

    /// Why a text is not a date, in words that say how to type it.
    public struct Unread: Error, Equatable, Sendable, CustomStringConvertible {
        public let description: String
    }

    static let examples = "e.g. 31/03/2022, 31 Mar 2022, 2022-03-31, today, tomorrow, +7d or next Friday"

    /// A date as people type it, day first as UK dates are: the forms above, and with the board's date
    /// `today`, `tomorrow`, `yesterday`, `+7d`, `-2w`, `Friday` or `next Friday` (the next one after
    /// today). A text that is not a date says why: no such day in that month, a date written month
    /// first, no such month, or what to type.
    public static func read(_ text: String, today: Day?) -> Result<Day, Unread> {
        let t = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        func no(_ why: String) -> Result<Day, Unread> { .failure(Unread(description: "\(t): \(why)")) }
        if let d = Day(t) { return .success(d) }
        let lower = t.lowercased()
        if let today {
            switch lower {
            case "today": return .success(today)
            case "tomorrow": return .success(today.adding(days: 1))
            case "yesterday": return .success(today.adding(days: -1))
            default: break
            }
            // +7d, -2w, +10 days, +3 weeks.
            if let m = lower.wholeMatch(of: /([+-])\s*([0-9]{1,4})\s*(d|day|days|w|wk|week|weeks)/), let n = Int(m.2) {
                let days = n * (m.3.hasPrefix("w") ? 7 : 1)
                return .success(today.adding(days: m.1 == "-" ? -days : days))
            }
            // Friday, next Friday (the next after today).
            let words = lower.split(separator: " ")
            if (words.count == 1 || (words.count == 2 && words[0] == "next")), let name = words.last, name.count >= 3,
                let target = weekdays.firstIndex(where: { $0.hasPrefix(name) })
            {
                let ahead = (target - today.weekday + 7) % 7
                return .success(today.adding(days: ahead == 0 ? 7 : ahead))
            }
        }
        func year(_ s: Substring) -> Int? {
            guard let y = Int(s), s.allSatisfy(\.isASCII) else { return nil }
            return s.count == 2 ? 2000 + y : s.count == 4 ? y : nil
        }
        /// Day, month and year read: the date, or why there is none.
        func make(_ d: Int, _ m: Int, _ y: Int, typedAs sep: String?) -> Result<Day, Unread> {
            if let day = Day(year: y, month: m, day: d) { return .success(day) }
            guard (1...9999).contains(y) else { return no("the year is out of range") }
            if !(1...12).contains(m) {
                // 03/31/2022: written month first.
                if let sep, (1...12).contains(d), Day(year: y, month: d, day: m) != nil {
                    return no("reads as month first; type \(String(format: "%02d", m))\(sep)\(String(format: "%02d", d))\(sep)\(y) (day first)")
                }
                return no("there is no month \(m)")
            }
            let name = fullMonths[m - 1].capitalized
            return no(d < 1 ? "there is no day \(d)" : "\(name) \(y) has no \(ordinalWord(d)) (it has \(daysIn(month: m, year: y)) days)")
        }
        // 2022-02-30: the ISO form with a day or month that does not exist.
        if let m = t.wholeMatch(of: /([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})/), let y = Int(m.1), let mo = Int(m.2), let d = Int(m.3) {
            return make(d, mo, y, typedAs: nil)
        }
        for sep in ["/", "-", "."] {
            let p = t.split(separator: Character(sep), omittingEmptySubsequences: false)
            if p.count == 3, p[0].count <= 2, p[1].count <= 2, let d = Int(p[0]), let m = Int(p[1]), let y = year(p[2]) {
                return make(d, m, y, typedAs: sep)
            }
        }
        let words = t.split(separator: " ")
        if words.count == 3, let d = Int(words[0]), words[1].count >= 3, let y = year(words[2]) {
            // `Mar`, `Mar.`, `March`: a name's first three letters or more.
            let name = words[1].lowercased().filter { $0 != "." }
            if name.count >= 3, let m = fullMonths.firstIndex(where: { $0.hasPrefix(name) }) { return make(d, m + 1, y, typedAs: nil) }
        }
        return no(today == nil ? "not a date (e.g. 31/03/2022, 31 Mar 2022 or 2022-03-31)" : "not a date (\(examples))")
    }

    /// `1st`, `2nd`, `31st`.
    static func ordinalWord(_ n: Int) -> String {
        let suffix = (11...13).contains(n % 100) ? "th" : ["th", "st", "nd", "rd"][n % 10 < 4 ? n % 10 : 0]
        return "\(n)\(suffix)"
    }

    /// Monday 0 … Sunday 6 (1 Jan 1970 was a Thursday).
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    /// `Friday 10 Dec 2021`.
    public var longWithWeekday: String { Day.weekdays[weekday].capitalized + " " + long }

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    private static let fullMonths = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
}

/// An entry recorded at a timestamp that belongs to a board date: on a board whose date is fixed, the
/// two differ and the record keeps both (`boardDate` set only then).
public protocol BoardDated {
    var at: String { get }
    var boardDate: Day? { get }
}

extension BoardDated {
    /// The day it was recorded.
    public var recorded: Day? { Day(String(at.prefix(10))) }
    /// The board date it belongs to: the day every judgement and every surface uses.
    public var day: Day? { boardDate ?? recorded }
    /// `2 Nov 2021`, or `2 Nov 2021 (recorded 7 Dec 2026)` when the two differ.
    public var dayText: String {
        let on = day?.long ?? String(at.prefix(10))
        guard let b = boardDate, let r = recorded, b != r else { return on }
        return on + " (recorded \(r.long))"
    }
}
