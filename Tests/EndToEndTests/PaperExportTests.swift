import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The board paper from the real binary: a paper names members, never the logins that saved; the
/// meeting an export chooses is said, and a meeting dated ahead is not guessed at; monitoring.csv.
@Suite("Board paper exports", .serialized)
struct PaperExportTests {
    /// This process's login: what a change saved without --user records as its author.
    static var login: String {
        guard let pw = getpwuid(getuid()), let name = pw.pointee.pw_name else { return ProcessInfo.processInfo.userName }
        return String(cString: name)
    }

    /// RFC 4180 records: quoted cells may hold commas, quotes doubled; the byte-order mark dropped.
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], cell = "", quoted = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        cell.unicodeScalars.append(c)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(cell)
                cell = ""
            } else if c == "\r" {
            } else if c == "\n" {
                row.append(cell)
                rows.append(row)
                (row, cell) = ([], "")
            } else {
                cell.unicodeScalars.append(c)
            }
            i += 1
        }
        if !cell.isEmpty || !row.isEmpty { rows.append(row + [cell]) }
        return rows
    }

    @Test("no export of a paper, nor any CSV, prints the login that saved the changes")
    func noLoginInAnyExport() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru).path
        let env: [String: String] = [:]
        // Changes saved with no name given: the store records the login as who saved them.
        for args in [
            ["rag", "WS-1.1", "red", "--note", "Feed paused", "--store", store],
            ["meetings", "schedule", "2021-11-02", "--store", store],
            ["meetings", "hold", "2021-11-02", "--store", store],
        ] {
            let r = try box.vrboard(args, env: env)
            try #require(r.status == 0, "\(args): \(r)")
        }
        // The name given defaults to $USER (e2e in the sandbox); the store records the OS login beside it.
        let logins = [Self.login, "e2e"]
        let word = try Regex(
            "(^|[^A-Za-z0-9_.-])(" + logins.map { NSRegularExpression.escapedPattern(for: $0) }.joined(separator: "|") + ")([^A-Za-z0-9_-]|$)")
        for format in ["md", "html"] {
            let r = try box.vrboard(["export", "--store", store, "--format", format], env: env)
            try #require(r.status == 0, "\(r)")
            #expect(r.stdout.contains("4.2. Highlight report"))
            #expect(
                r.stdout.firstMatch(of: word) == nil,
                "\(format) names a login \(logins): \(r.stdout.split(separator: "\n").filter { l in logins.contains { l.contains($0) } }.prefix(3))")
        }
        let csv = box.root.appendingPathComponent("csv")
        try #require(try box.vrboard(["export", "--store", store, "--format", "csv", "--out", csv.path], env: env).status == 0)
        for f in ["workstreams.csv", "reach.csv", "monitoring.csv"] {
            let text = try String(contentsOf: csv.appendingPathComponent(f), encoding: .utf8)
            #expect(text.firstMatch(of: word) == nil, "\(f) names a login \(logins)")
        }
    }

    @Test("a meeting dated after the board's date is not guessed at: the export names it and stops")
    func laterMeetingIsNamed() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru).path
        try #require(try box.vrboard(["meetings", "schedule", "2021-12-10", "--store", store]).status == 0)
        let r = try box.vrboard(["export", "--store", store, "--format", "html"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("the next is 10 Dec 2021 (--meeting 2021-12-10"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let chosen = try box.vrboard(["export", "--store", store, "--format", "md", "--meeting", "2021-12-10"])
        #expect(chosen.status == 0)
        #expect(chosen.stdout.contains("PREPARED DRAFT: the meeting of 10 Dec 2021 is after the board's date"), "\(chosen.stdout.prefix(1500))")
    }

    @Test("monitoring.csv: each category's budget, quarters, forecast and variance, then each intervention's line, formulas neutralised")
    func monitoringCSV() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru).path
        let csv = box.root.appendingPathComponent("csv")
        let r = try box.vrboard(["export", "--store", store, "--format", "csv", "--out", csv.path])
        try #require(r.status == 0, "\(r)")
        #expect(r.stdout.contains("monitoring.csv"))
        let text = try String(contentsOf: csv.appendingPathComponent("monitoring.csv"), encoding: .utf8)
        let rows = Self.csv(text)
        let head = try #require(rows.first)
        #expect(Array(head.prefix(7)) == ["line", "id", "name", "budget_gbp", "approved_gbp", "q1_profile_gbp", "q1_actual_gbp"])
        #expect(
            Array(head.suffix(8)) == [
                "to_date_gbp", "forecast_gbp", "variance_gbp", "variance_percent", "favourable_or_adverse", "material", "commentary", "illustrative",
            ])
        let categories = rows.dropFirst().filter { $0.first == "category" }
        #expect(categories.count >= 3, "\(text.prefix(800))")
        // The budgets add up to the £880,000 allocation; variance is budget less forecast.
        #expect(categories.compactMap { Int($0[3]) }.reduce(0, +) == 880_000)
        for c in categories where c.count == head.count {
            #expect(Int(c[16]).flatMap { v in Int(c[3]).map { $0 - v } } == Int(c[17]), "\(c)")
        }
    }

    @Test("--paper summary: the quarterly Programme Summary, the quarter chosen said; a wrong quarter or format refused in words, nothing written")
    func programmeSummary() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru).path
        let r = try box.vrboard(["export", "--store", store, "--paper", "summary", "--format", "md"])
        try #require(r.status == 0, "\(r)")
        #expect(r.stderr.contains("the Programme Summary of Q2 2021/22, the last quarter ended at the board's date"), "\(r.stderr)")
        #expect(r.stdout.contains("VRU Programme Summary, Q2 2021/22") && r.stdout.contains("## 6. The quarter close"))
        let html = try box.vrboard(["export", "--store", store, "--paper", "summary", "--quarter", "2021-Q1", "--format", "html"])
        try #require(html.status == 0, "\(html)")
        #expect(html.stdout.contains("<h1>Nottingham and Nottinghamshire Violence Reduction Unit: VRU Programme Summary, Q1 2021/22</h1>"))
        #expect(html.stdout.contains("@page{size:A4"))
        let out = box.root.appendingPathComponent("summary.md")
        for (args, words) in [
            (["--quarter", "2019-Q1"], "--year 2019/20"), (["--quarter", "2021-Q4"], "has not started at the board's date"),
            (["--format", "csv"], "written as md, html or pdf"), (["--meeting", "2021-11-02"], "a quarter's, not a meeting's"),
        ] {
            let bad = try box.vrboard(["export", "--store", store, "--paper", "summary", "--format", "md", "--out", out.path] + args)
            #expect(bad.status == 2, "\(args): \(bad)")
            #expect(bad.stderr.contains(words), "\(args): \(bad.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(args) wrote nothing")
        }
        let stray = try box.vrboard(["export", "--store", store, "--format", "md", "--quarter", "2021-Q2", "--live"])
        #expect(stray.status == 2 && stray.stderr.contains("--quarter is for --paper summary"), "\(stray)")
    }
}
