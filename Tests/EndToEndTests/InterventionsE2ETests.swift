import Foundation
import Testing

/// Commissioned interventions end to end: a portfolio officer enters a provider's quarterly return by
/// keys, or a script records one with `vrboard reach`; either is in the history and in reach.csv.
@Suite("Interventions (tmux + CLI)", .serialized)
struct InterventionsE2ETests {
    static func csv(_ box: Sandbox, _ store: URL) throws -> String {
        let out = box.root.appendingPathComponent("csv-\(UUID().uuidString.prefix(6))")
        let r = try box.vrboard(["export", "--format", "csv", "--out", out.path, "--store", store.path])
        try #require(r.status == 0, "\(r)")
        return try String(contentsOf: out.appendingPathComponent("reach.csv"), encoding: .utf8)
    }

    @Test("6, select Youth Assembly, r: a Q2 return entered by keys is saved, in the history and in reach.csv")
    func returnByKeys() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try BoardSession("reach-keys", sandbox: box, store: store, arguments: ["--no-mouse", "--user", "officer"], width: 100, height: 30)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("6")
        try s.waitFor(["Commissioned interventions · 16", "2,934 under 25 · 197 25+"])
        try s.press("/")
        try s.type("Youth Assembly")
        try s.press("Enter")
        try s.waitFor(["┌─ IV-15 · Youth Assembly"])
        try s.press("r")
        try s.waitFor(["Reach return: IV-15 Youth Assembly", "2021-Q2", "1 Jul 2021-30 Sep 2021"])
        try s.press("Down")
        try s.type("1,204")
        try s.press("Down")
        try s.type("x")
        try s.waitFor(["not a whole number"])
        try s.press("BSpace")
        try s.type("17")
        try s.press("Enter")
        try s.waitFor(["Saved: Reach return Q2 2021/22 for IV-15: 1,204 under 25, 17 aged 25 and over"], none: ["Reach return: IV-15"])
        try s.waitFor(["Q2 2021/22    <25", " 1,204"])
        let h = try box.vrboard(["history", "IV-15", "--store", store.path])
        #expect(
            h.stdout.contains(
                "officer (recorded by \(Paths.osLogin))  interventions/IV-15 rev 2  Reach return Q2 2021/22 for IV-15: 1,204 under 25, 17 aged 25 and over"
            ),
            "\(h)")
        #expect(try Self.csv(box, store).contains("IV-15,Youth Assembly,2021-Q2,1,Q2 2021/22,1204,17,an officer not on the members list,"))
    }

    @Test("vrboard reach corrects a two-quarter return whole, and splits it into its quarters only with a reason, the history saying which")
    func twoQuarterReturns() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        // IV-01's Q1-Q2 return (004 Table 1) cannot be replaced by one quarter without a reason.
        let refused = try box.vrboard(["reach", "IV-01", "--quarter", "2021-Q1", "--under-25", "40", "--over-25", "5", "--store", store.path])
        #expect(refused.status == 1 && refused.stderr.contains("give a reason to split it into its quarters"), "\(refused)")
        let whole = try box.vrboard(["reach", "IV-01", "--quarter", "Q1-Q2 2021/22", "--under-25", "76", "--over-25", "91", "--store", store.path])
        #expect(whole.status == 0 && whole.stdout.contains("Q1-Q2 2021/22 return recorded"), "\(whole)")
        let split = try box.vrboard([
            "reach", "IV-01", "--quarter", "2021-Q1", "--under-25", "40", "--over-25", "50", "--reason", "The provider resent it by quarter",
            "--store", store.path,
        ])
        #expect(split.status == 0, "\(split)")
        let h = try box.vrboard(["history", "IV-01", "--store", store.path, "--limit", "2"])
        #expect(h.stdout.contains("(splits the Q1-Q2 2021/22 return of 76 and 91: The provider resent it by quarter)"), "\(h)")
        #expect(h.stdout.contains("Reach return Q1-Q2 2021/22 for IV-01: 76 under 25, 91 aged 25 and over (corrects"), "\(h)")
        #expect(try box.vrboard(["validate", store.path]).status == 0)
    }

    @Test("vrboard reach records a return once durable; a quarter not ended, an unknown id and bad numbers are refused, nothing written")
    func reachCommand() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let ok = try box.vrboard([
            "reach", "IV-09", "--quarter", "2021-Q2", "--under-25", "52", "--over-25", "0", "--note", "Heal Hub Q2", "--user", "ana", "--store",
            store.path,
        ])
        #expect(ok.status == 0, "\(ok)")
        #expect(ok.stdout.contains("IV-09: Q2 2021/22 return recorded: 52 under 25, 0 aged 25 and over (change #1, by ana)"), "\(ok)")
        #expect(
            try Self.csv(box, store).contains(
                "IV-09,Heal Hub: cognitive behaviour therapy,2021-Q2,1,Q2 2021/22,52,0,an officer not on the members list,"))
        let before = try snapshot(store)
        for (args, status, says) in [
            (["IV-09", "--quarter", "2021-Q3", "--under-25", "1", "--over-25", "1"], Int32(1), "Q3 2021/22 has not ended yet"),
            (["IV-01", "--quarter", "2021-Q2", "--under-25", "1", "--over-25", "1"], 1, "Q1-Q2 2021/22's return already covers it"),
            (["IV-99", "--quarter", "2021-Q2", "--under-25", "1", "--over-25", "1"], 1, "no intervention 'IV-99'"),
            (["IV-09", "--quarter", "2021-Q7", "--under-25", "1", "--over-25", "1"], 2, "not a quarter"),
            (["IV-09", "--quarter", "2021-Q2", "--under-25", "lots", "--over-25", "1"], 2, "not a whole number"),
            (["IV-09", "--quarter", "2021-Q2", "--under-25", "999999999999", "--over-25", "1"], 2, "more than 100,000,000"),
        ] {
            let r = try box.vrboard(["reach"] + args + ["--store", store.path])
            #expect(r.status == status && r.stderr.contains(says), "\(args): \(r)")
        }
        #expect(snapshotDifference(before, try snapshot(store)) == nil, "a refused return changes nothing")
        // A change of more than half on the previous quarter is saved, with a warning.
        let jump = try box.vrboard(["reach", "IV-09", "--quarter", "2021-Q1", "--under-25", "10", "--over-25", "0", "--store", store.path])
        #expect(jump.status == 0, "\(jump)")
        let warn = try box.vrboard(["reach", "IV-09", "--quarter", "2021-Q2", "--under-25", "52", "--over-25", "0", "--store", store.path])
        #expect(warn.status == 0 && warn.stderr.contains("under 25 52 is up 420% on Q1 2021/22's 10 a quarter"), "\(warn)")
    }
}
