import Foundation
import Testing

/// Budget monitoring end to end: a finance officer enters a quarter's actuals by keys on the Funding
/// screen, or a script records them with `vrboard spend` or imports a finance system's CSV; a file with a
/// bad row writes nothing.
@Suite("Budget monitoring (tmux + CLI)", .serialized)
struct MoneyE2ETests {
    @Test("3, t, a: Q3 actuals entered by keys are saved, shown against the profile, and in the history")
    func actualsByKeys() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try BoardSession("spend-keys", sandbox: box, store: store, arguments: ["--no-mouse", "--user", "finance"], width: 120, height: 36)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("3")
        try s.waitFor(["Grant conditions"])
        try s.press("t")
        try s.waitFor(["Budget monitoring · 2021/22 · Q2 ended", "(£99k)"])
        try s.press("a")
        try s.waitFor(["Actual spend and forecast outturn", "2021-Q2", "£89,500 of £98,750"])
        // The quarter: Q3, then the staff line (the second category) and its forecast.
        try s.press("C-u")
        try s.type("2021-Q3")
        try s.waitFor(["1 Oct 2021-31 Dec 2021"])
        for _ in 0..<3 { try s.press("Down") }
        try s.type("95,000")
        try s.press("Down")
        try s.type("375k")
        try s.press("Enter")
        try s.waitFor(["Saved: Actual spend Q3 2021/22: 1 category, £95,000 in all"], none: ["Actual spend and forecast outturn"])
        // Entered here, not illustrative: no star on the quarter or on the forecast.
        try s.waitFor(["  £95k ", " £375k "])
        let h = try box.vrboard(["history", "funding", "--store", store.path])
        #expect(
            h.stdout.contains("finance (recorded by \(Paths.osLogin))  funding/funding rev 2  Actual spend Q3 2021/22: 1 category, £95,000 in all"),
            "\(h)")
        #expect(h.stdout.contains("forecast outturn Staff costs, including public health and analytical capability £375,000"), "\(h)")
    }

    @Test("vrboard spend records one category's quarter once durable; a quarter not started, an unknown category and bad amounts are refused")
    func spendCommand() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let ok = try box.vrboard([
            "spend", "evaluation", "--quarter", "2021-Q3", "--actual", "£52,000", "--forecast", "215000", "--note", "Period 8", "--user", "ana",
            "--store", store.path,
        ])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.contains("evaluation: Q3 2021/22 actual £52,000, forecast outturn £215,000 recorded (change #1, by ana)"), "\(ok)")
        // The evaluation forecast is back above 10% of intervention spend: no condition warning now.
        #expect(!ok.stderr.contains("passes on the plan but fails"), "\(ok)")
        // An intervention's id records its own spend, against its budget.
        let iv = try box.vrboard(["spend", "IV-08", "--quarter", "2021-Q2", "--actual", "160000", "--user", "ana", "--store", store.path])
        #expect(iv.status == 0, "\(iv)")
        let h = try box.vrboard(["history", "IV-08", "--store", store.path])
        #expect(h.stdout.contains("ana (recorded by \(Paths.osLogin))  interventions/IV-08 rev 2  Spend on IV-08 Q2 2021/22: £160,000"), "\(h)")
        let before = try snapshot(store)
        for (args, status, says) in [
            (["evaluation", "--quarter", "2021-Q4", "--actual", "1"], Int32(1), "Q4 2021/22 has not started yet"),
            (["nope", "--quarter", "2021-Q2", "--actual", "1"], 1, "no category or intervention 'nope'"),
            (["evaluation", "--quarter", "2021-Q9", "--actual", "1"], 2, "not a quarter"),
            (["evaluation", "--quarter", "2021-Q2", "--actual", "lots"], 2, "is not an amount"),
            (["evaluation", "--quarter", "2021-Q2", "--actual=-5"], 2, "cannot be negative"),
            (["evaluation", "--quarter", "2021-Q2"], 2, "--actual is needed"),
        ] {
            let r = try box.vrboard(["spend"] + args + ["--store", store.path])
            #expect(r.status == status && r.stderr.contains(says), "\(args): \(r)")
        }
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "a refused entry changes nothing")
    }

    @Test("spend --import: a good file is taken whole; a file with one bad row writes nothing and names the row and column")
    func importCSV() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let bad = box.root.appendingPathComponent("bad.csv")
        try Data("Category,Amount\r\nstaff,95000\r\ninterventions,64,000\r\nevaluation,(300)\r\n".utf8).write(to: bad)
        let before = try snapshot(store)
        let refused = try box.vrboard(["spend", "--import", bad.path, "--quarter", "2021-Q3", "--store", store.path])
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stderr.contains("bad.csv: row 4, column 'Amount': an actual cannot be negative"), "\(refused)")
        #expect(refused.stderr.contains("nothing written: every row must be valid"), "\(refused)")
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "nothing written")
        // Windows-1252, as a spreadsheet saves it: £ is 0xA3.
        let good = box.root.appendingPathComponent("good.csv")
        try Data([UInt8]("Category,Actual\r\nstaff,".utf8) + [0xA3] + [UInt8]("95000\r\ninterventions,\"64,000.50\"\r\n".utf8)).write(to: good)
        let ok = try box.vrboard(["spend", "--import", good.path, "--quarter", "2021-Q3", "--user", "finance", "--store", store.path])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.contains("Q3 2021/22: 2 categories imported (Windows-1252), £159,001 in all (change #1, by finance)"), "\(ok)")
        #expect(ok.stderr.contains("pence rounded to whole pounds on row 3"), "\(ok)")
        let pack = try box.vrboard(["export", "--format", "md", "--live", "--store", store.path])
        #expect(pack.stdout.contains("### Budget monitoring, 2021/22"), "\(pack.stdout.prefix(200))")
        #expect(pack.stdout.contains("| £86,000* | £89,500* | £95,000 | (£98,750) |"), "the entry made here is not illustrative")
    }
}
