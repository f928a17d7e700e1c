import Foundation
import VRModel
import VRStore

/// Builds a large synthetic store (illustrative data only) for benchmarks and stress tests.
public enum Generator {
    /// `interventions` commissioned interventions, each with `quarters` quarterly reach returns (the last
    /// ending before the as-at date), and one evaluation for every ten of them.
    public static func board(workstreams nw: Int, risks nr: Int, interventions ni: Int = 0, quarters nq: Int = 8) -> Board {
        let day = Day(year: 2021, month: 11, day: 2)!
        let members = (1...20).map {
            Member(id: "m\($0)", name: "Member \($0)", organisation: "Partner \($0)", role: "Role \($0)", membership: $0 <= 8 ? .core : .associate)
        }
        let priorities = (1...5).map {
            Priority(
                id: "P\($0)", number: $0, title: "Priority \($0)", description: "Synthetic priority \($0)", snaFinding: "Synthetic",
                sponsor: "m\($0)", source: "illustrative: generated")
        }
        let ratings: [RAG] = [.green, .amberGreen, .amber, .amberRed, .red]
        let workstreams = (0..<nw).map { i in
            Workstream(
                id: "WS-\(i)", priority: "P\(i % 5 + 1)", title: "Generated workstream \(i) with a realistic length of title",
                lead: "m\(i % 20 + 1)", sponsor: "m\((i + 3) % 20 + 1)",
                objectives: ["Objective one for \(i)", "Objective two for \(i)", "Objective three for \(i)"],
                inYear: ratings[i % 5], overall: ratings[(i / 5) % 5],
                history: [
                    RatingChange(
                        kind: .inYear, from: ratings[(i + 1) % 5], to: ratings[i % 5], at: "2021-11-02T09:00:00Z", by: "generator",
                        comment: "Generated change \(i)")
                ],
                source: "illustrative: generated")
        }
        let risks = (0..<nr).map { i in
            let l = i % 5 + 1, m = (i / 5) % 5 + 1
            return Risk(
                id: "R\(i)", title: "Generated risk \(i)", description: "A generated risk for benchmarking", causes: ["Cause \(i)"],
                category: ["Funding", "Delivery", "Data", "People"][i % 4], owner: "m\(i % 20 + 1)", proximity: "Q\(i % 4 + 1) 2021/22",
                inherent: Score(likelihood: 5, impact: 5), residual: Score(likelihood: l, impact: m), target: Score(likelihood: 1, impact: 1),
                response: .treat, actions: [Mitigation(action: "Action \(i)", owner: "Owner", due: day.adding(days: i % 300), status: .planned)],
                lastReviewed: day.adding(days: -(i % 200)), source: "illustrative: generated")
        }
        var funding = Funding(
            allocationName: "Generated grant", allocation: 3_370_000, allocationSource: "illustrative",
            categories: [
                FundingCategory(id: "int", name: "Interventions", kind: .interventions, amount: 1_500_000, source: "illustrative"),
                FundingCategory(id: "eval", name: "Evaluation", kind: .evaluation, amount: 200_000, source: "illustrative"),
            ],
            grants: [], conditions: [Condition(rule: .interventionsFloor, percent: 20, source: "illustrative")])
        // With a register (the benchmark's store): ten more categories, and eight quarters of actuals for
        // every category, the last with a forecast.
        if ni > 0 {
            let kinds: [SpendKind] = [.staff, .infrastructure, .workforce, .data, .other]
            funding.categories += (0..<10).map {
                FundingCategory(
                    id: "c\($0)", name: "Generated category \($0)", kind: kinds[$0 % kinds.count], amount: 160_000, source: "illustrative")
            }
        }
        // The categories hold the whole allocation, as a real split does (validate warns otherwise).
        funding.categories.append(
            FundingCategory(
                id: "running", name: "Generated running costs", kind: .staff, amount: funding.allocation - funding.allocated, source: "illustrative"))
        if ni > 0 {
            let last = Quarter(containing: day).previous
            let quarters = Array(sequence(first: last) { $0.previous }.prefix(8).reversed())
            for (k, q) in quarters.enumerated() {
                for c in funding.categories {
                    funding.spend.append(
                        SpendEntry(
                            category: c.id, quarter: q, actual: c.amount / 4 - (k * 997) % 9_000,
                            forecast: k == quarters.count - 1 ? c.amount - 5_000 : nil,
                            by: "generator", at: "2021-\(String(format: "%02d", k + 1))-20T09:00:00Z", source: "illustrative: generated"))
                }
            }
        }
        let programme = Programme(
            name: "Generated VRU", shortName: "GEN", area: "Nowhere", year: "2021/22", vision: "Benchmark", scope: "Benchmark",
            accountableBody: "PCC", asAt: day, source: "illustrative: generated")
        // Returns up to the quarter before the as-at date's (Q3 2021/22): Q2 2021/22 and the seven before it.
        let lastQuarter = Quarter(containing: day).previous
        let quarters = Array(sequence(first: lastQuarter) { $0.previous }.prefix(max(0, nq)).reversed())
        let levels: [PreventionLevel?] = [.primary, .secondary, .tertiary, nil]
        var interventions = (0..<ni).map { i in
            Intervention(
                id: "IV-\(i)", name: "Generated intervention \(i) with a realistic length of name", provider: "Provider \(i % 40)",
                level: levels[i % 4], setting: ["Community", "Hospital", "Custody", "School"][i % 4], area: "Area \(i % 7)",
                workstreams: nw > 0 ? ["WS-\(i % nw)"] : [], budget: 1_500_000 / max(1, ni), budgetIllustrative: true,
                start: quarters.first?.first,
                // Every fifth is missing its latest return: overdue, as a real register has some.
                returns: quarters.enumerated().compactMap { k, q in
                    i % 5 == 0 && k == quarters.count - 1
                        ? nil
                        : ReachReturn(
                            quarter: q, under25: (i * 7 + k * 13) % 200, over25: (i * 3 + k) % 40, by: "generator", at: "2021-11-02T09:00:00Z")
                }, source: "illustrative: generated")
        }
        // Eight quarters of actual spend on every intervention, against its budget.
        let perQuarter = 1_500_000 / max(1, ni) / 4
        for i in interventions.indices {
            interventions[i].spend = quarters.enumerated().map { k, q in
                SpendEntry(
                    category: interventions[i].id, quarter: q, actual: max(0, perQuarter - (i * 31 + k * 7) % 50), by: "generator",
                    at: "2021-\(String(format: "%02d", k + 1))-21T09:00:00Z", source: "illustrative: generated")
            }
        }
        let evaluations = stride(from: 0, to: ni, by: 10).map { i in
            Evaluation(
                id: "EV-\(i / 10)", title: "Generated evaluation \(i / 10)", commissionedBy: "Generated VRU", scope: "Benchmark",
                kind: .process, interventions: (i..<min(ni, i + 10)).map { "IV-\($0)" }, dueText: "Q1 2022/23", cost: 1_000,
                costIllustrative: true, source: "illustrative: generated")
        }
        return Board(
            programme: programme, funding: funding, members: members, priorities: priorities, workstreams: workstreams, risks: risks,
            interventions: interventions, evaluations: evaluations)
    }

    /// Creates the store (in the current format) with a journal of `journal` already-checkpointed rating
    /// changes, sealed into segments, as a store with a long history looks after its checkpoints. The journal keeps the chain rules: the sequence rises
    /// by one, and each change of a workstream is based on its previous revision; the snapshots hold the
    /// revisions the journal ends at.
    public static func store(at path: String, workstreams nw: Int, risks nr: Int, interventions ni: Int = 0, journal nj: Int) throws {
        var board = board(workstreams: nw, risks: nr, interventions: ni)
        guard nj > 0 else { return try Store.create(at: path, board: board, dataset: "generated") }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        out.reserveCapacity(nj * 700)
        var revs = [Int](repeating: 1, count: nw)
        for s in 1...nj {
            let i = s % nw
            var ws = board.workstreams.items[i]
            ws.rev = revs[i] + 1
            let entry = JournalEntry(
                seq: s, at: "2021-11-02T09:00:00Z", by: "generator", note: "generated change \(s)", baseRev: revs[i], doc: .workstream(ws))
            revs[i] += 1
            out.append(try e.encode(entry))
            out.append(0x0A)
        }
        for i in 0..<nw where revs[i] > 1 {
            var ws = board.workstreams.items[i]
            ws.rev = revs[i]
            board.workstreams.put(ws)
        }
        try Store.create(at: path, board: board, dataset: "generated")
        try out.write(to: URL(fileURLWithPath: path + "/" + Store.journalName))
        // Mark every generated entry as already in the snapshots.
        let manifest =
            "{\n  \"checkpointSeq\" : \(nj),\n  \"dataset\" : \"generated\",\n  \"format\" : \(Store.format),\n  \"kind\" : \"vrboard-store\"\n}\n"
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: path + "/" + Store.manifestName))
        // Sealed into segments, as a store that grew to this length under this vrboard is.
        let store = try Store(path: path)
        try store.checkpointNow()
        try store.close()
    }
}
