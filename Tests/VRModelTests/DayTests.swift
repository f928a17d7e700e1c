import Foundation
import Testing
import VRModel

/// An independent oracle for the calendar: Foundation's Gregorian calendar in UTC.
private let utcCalendar: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
}()

private func foundationDate(ordinal: Int) -> (year: Int, month: Int, day: Int) {
    let d = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
    let c = utcCalendar.dateComponents([.year, .month, .day], from: d)
    return (c.year!, c.month!, c.day!)
}

@Suite struct DayTests {
    @Test(arguments: ["2020-02-29", "2000-02-29", "2021-02-28", "2021-12-31", "2021-04-30", "0001-01-01", "9999-12-31", "1900-02-28"])
    func parsesValidDates(_ text: String) throws {
        let d = try #require(Day(text))
        #expect(d.description == text)
        let parts = text.split(separator: "-").map { Int($0)! }
        #expect(d.year == parts[0] && d.month == parts[1] && d.day == parts[2])
    }

    @Test(arguments: [
        "2021-02-29",  // not a leap year
        "1900-02-29",  // century, not a leap year
        "2021-1-01",  // month not two digits
        "2021-01-1",  // day not two digits
        "21-01-01",  // year not four digits
        "2021-13-01", "2021-00-10", "2021-04-31", "2021-01-32", "2021-01-00",
        "0000-01-01",
        "", "2021", "2021-01", "2021-01-01-01", "2021--1-01",
        "2021/01/01", " 2021-01-01", "2021-01-01 ", "2021-01-01T00:00:00Z",
        "+021-01-01", "2021-+1-01", "２０２１-01-01", "20a1-01-01",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(Day(text) == nil, "\(text) should not parse")
    }

    @Test func componentInitialiserChecksRanges() {
        #expect(Day(year: 2020, month: 2, day: 29) != nil)
        #expect(Day(year: 2021, month: 2, day: 29) == nil)
        #expect(Day(year: 2021, month: 6, day: 31) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
        #expect(Day(year: 2021, month: 0, day: 1) == nil)
        #expect(Day(year: 2021, month: 1, day: 0) == nil)
        #expect(Day(year: 5, month: 3, day: 7)?.description == "0005-03-07")
    }

    @Test func leapYears() {
        #expect(Day.isLeap(2020))
        #expect(Day.isLeap(2000))
        #expect(!Day.isLeap(1900))
        #expect(!Day.isLeap(2021))
        #expect(Day.daysIn(month: 2, year: 2024) == 29)
        #expect(Day.daysIn(month: 2, year: 2100) == 28)
        #expect((1...12).map { Day.daysIn(month: $0, year: 2021) }.reduce(0, +) == 365)
        #expect((1...12).map { Day.daysIn(month: $0, year: 2020) }.reduce(0, +) == 366)
    }

    @Test func epochIsOrdinalZero() throws {
        #expect(try #require(Day("1970-01-01")).ordinal == 0)
        #expect(Day(ordinal: 0).description == "1970-01-01")
        #expect(Day(ordinal: -1).description == "1969-12-31")
    }

    /// Every day from 1890 to 2110: the ordinal round-trips, consecutive ordinals are consecutive
    /// valid dates, and the date agrees with Foundation's calendar.
    @Test func ordinalRoundTripAgreesWithFoundation() throws {
        let start = try #require(Day("1890-01-01")).ordinal
        let end = try #require(Day("2110-12-31")).ordinal
        var previous: Day?
        var failures: [String] = []
        for n in start...end {
            let d = Day(ordinal: n)
            if d.ordinal != n { failures.append("ordinal \(n) -> \(d) -> \(d.ordinal)") }
            if Day(d.description) != d { failures.append("\(d) does not parse back") }
            if let p = previous, !(p < d) || p.days(until: d) != 1 { failures.append("\(p) then \(d) are not consecutive") }
            if n % 7 == 0 {
                let f = foundationDate(ordinal: n)
                if d.year != f.year || d.month != f.month || d.day != f.day { failures.append("ordinal \(n): \(d) vs Foundation \(f)") }
            }
            previous = d
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        #expect(end - start > 80_000)
    }

    @Test func ordinalRoundTripAtTheExtremes() throws {
        for text in ["0001-01-01", "0001-03-01", "0400-02-29", "1600-02-29", "9999-12-31"] {
            let d = try #require(Day(text))
            #expect(Day(ordinal: d.ordinal) == d)
        }
        #expect(try #require(Day("0001-01-02")).ordinal - (try #require(Day("0001-01-01"))).ordinal == 1)
    }

    @Test(arguments: [
        ("2021-01-31", 1, "2021-02-01"),
        ("2021-02-28", 1, "2021-03-01"),
        ("2020-02-28", 1, "2020-02-29"),
        ("2020-02-29", 1, "2020-03-01"),
        ("1900-02-28", 1, "1900-03-01"),
        ("2000-02-28", 1, "2000-02-29"),
        ("2021-12-31", 1, "2022-01-01"),
        ("2022-01-01", -1, "2021-12-31"),
        ("2024-03-01", -1, "2024-02-29"),
        ("2021-03-31", 1, "2021-04-01"),
        ("2021-11-02", 90, "2022-01-31"),
        ("2021-11-02", 180, "2022-05-01"),
        ("2021-11-02", 365, "2022-11-02"),
        ("2020-01-01", 366, "2021-01-01"),
        ("2019-03-01", 365, "2020-02-29"),
        ("2021-06-15", 0, "2021-06-15"),
        ("2021-06-15", -3650, "2011-06-18"),
    ])
    func addingDays(_ from: String, _ n: Int, _ to: String) throws {
        let a = try #require(Day(from))
        let b = a.adding(days: n)
        #expect(b.description == to)
        #expect(a.days(until: b) == n)
        #expect(b.adding(days: -n) == a)
    }

    @Test func addingDaysAgreesWithFoundation() throws {
        let base = try #require(Day("2019-12-30"))
        for n in stride(from: -1500, through: 1500, by: 13) {
            let d = base.adding(days: n)
            let f = foundationDate(ordinal: base.ordinal + n)
            #expect(d.year == f.year && d.month == f.month && d.day == f.day)
        }
    }

    @Test(arguments: [
        ("2021-04-01", "2021/22", 1), ("2021-06-30", "2021/22", 1),
        ("2021-07-01", "2021/22", 2), ("2021-09-30", "2021/22", 2),
        ("2021-10-01", "2021/22", 3), ("2021-12-31", "2021/22", 3),
        ("2022-01-01", "2021/22", 4), ("2022-03-31", "2021/22", 4),
        ("2020-03-31", "2019/20", 4), ("2020-04-01", "2020/21", 1),
        ("2021-02-15", "2020/21", 4), ("2000-01-15", "1999/00", 4),
        ("2009-05-01", "2009/10", 1),
    ])
    func financialYearAndQuarter(_ text: String, _ year: String, _ quarter: Int) throws {
        let d = try #require(Day(text))
        #expect(d.financialYear == year)
        #expect(d.financialQuarter == quarter)
    }

    @Test func everyMonthHasTheRightQuarter() throws {
        // Q1 = Apr-Jun, Q2 = Jul-Sep, Q3 = Oct-Dec, Q4 = Jan-Mar (of the previous financial year).
        let expected = [1: 4, 2: 4, 3: 4, 4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3]
        for (m, q) in expected {
            let d = try #require(Day(year: 2021, month: m, day: 10))
            #expect(d.financialQuarter == q, "month \(m)")
            #expect(d.financialYear == (m >= 4 ? "2021/22" : "2020/21"))
        }
    }

    @Test func longForm() throws {
        #expect(try #require(Day("2021-11-02")).long == "2 Nov 2021")
        #expect(try #require(Day("2020-01-31")).long == "31 Jan 2020")
    }

    @Test func codableUsesTheDayText() throws {
        let d = try #require(Day("2020-02-29"))
        let data = try JSONEncoder().encode([d])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2020-02-29\"]")
        #expect(try JSONDecoder().decode([Day].self, from: data) == [d])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data("[\"2021-02-29\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data("[\"2021-1-01\"]".utf8)) }
    }
}

/// Dates as people type them in the UK, day first, or as the board shows them.
@Suite struct DayInputTests {
    @Test(arguments: [
        ("2022-03-31", "2022-03-31"), ("31/03/2022", "2022-03-31"), ("31/3/2022", "2022-03-31"), ("31-03-2022", "2022-03-31"),
        ("31.3.22", "2022-03-31"), ("2 Nov 2021", "2021-11-02"), ("2 November 2021", "2021-11-02"), ("2 nov. 2021", "2021-11-02"),
        (" 1/4/2022 ", "2022-04-01"),
    ])
    func read(text: String, expected: String) {
        #expect(Day.input(text) == Day(expected), "\(text)")
    }

    @Test(arguments: ["31/02/2022", "13/13/2022", "2 Nox 2021", "2 No 2021", "2022/03/31/1", "", "next Tuesday", "03/31/2022"])
    func refused(text: String) {
        #expect(Day.input(text) == nil, "\(text) should not read as a date")
    }
}

/// Dates as people type them into a form: relative words from the board's date, and refusals that say why.
@Suite struct DayReadTests {
    static let tuesday = Day("2021-11-02")!

    static func reason(_ text: String, today: Day? = tuesday) -> String? {
        if case .failure(let why) = Day.read(text, today: today) { return why.description }
        return nil
    }

    @Test("a refusal says why: no such day in the month, written month first, no such month, or what to type")
    func refusalsSayWhy() {
        #expect(Self.reason("31/02/2022") == "31/02/2022: February 2022 has no 31st (it has 28 days)")
        #expect(Self.reason("29 Feb 2023") == "29 Feb 2023: February 2023 has no 29th (it has 28 days)")
        #expect(Self.reason("31/04/2022") == "31/04/2022: April 2022 has no 31st (it has 30 days)")
        #expect(Self.reason("03/31/2022") == "03/31/2022: reads as month first; type 31/03/2022 (day first)")
        #expect(Self.reason("12-25-21") == "12-25-21: reads as month first; type 25-12-2021 (day first)")
        #expect(Self.reason("13/13/2022") == "13/13/2022: there is no month 13")
        #expect(Self.reason("soon")?.hasPrefix("soon: not a date (e.g. 31/03/2022") == true)
        #expect(Self.reason("soon")?.contains("tomorrow, +7d or next Friday") == true)
        // 29 Feb in a leap year is a date.
        #expect(Self.reason("29/02/2024") == nil)
    }

    @Test("relative words count from the board's date: today, tomorrow, yesterday, +7d, -2w, Friday, next Friday")
    func relative() {
        let t = Self.tuesday
        #expect(t.weekday == 1 && t.longWithWeekday == "Tuesday 2 Nov 2021")
        func read(_ s: String) -> Day? { try? Day.read(s, today: t).get() }
        #expect(read("today") == t && read(" Tomorrow ") == Day("2021-11-03") && read("yesterday") == Day("2021-11-01"))
        #expect(read("+7d") == Day("2021-11-09") && read("+ 10 days") == Day("2021-11-12") && read("-2w") == Day("2021-10-19"))
        #expect(read("Friday") == Day("2021-11-05") && read("next friday") == Day("2021-11-05") && read("next Fri") == Day("2021-11-05"))
        // The same weekday is the next one, a week on.
        #expect(read("next Tuesday") == Day("2021-11-09"))
        // Without the board's date there is nothing to count from.
        #expect(Self.reason("tomorrow", today: nil)?.hasSuffix("not a date (e.g. 31/03/2022, 31 Mar 2022 or 2022-03-31)") == true)
    }
}
