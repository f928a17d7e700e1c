import VRModel

extension Generator {
    /// A third VRU of this project's own making, at the size and shape a large real one has (illustrative
    /// throughout): 40 priorities, 300 workstreams with ids like `WS-01.001`, 1,500 risks (`R0001`, so a
    /// heat-map cell counts well over a hundred), 600 interventions (`IV-001`), and a grant over £10M
    /// (£35,840,000), its categories holding it all. For drawing tests at any size and the benchmark.
    public static func thirdVRU() -> Board {
        var b = board(workstreams: 300, risks: 1_500, interventions: 600)
        let priorities = (1...40).map { n in
            Priority(
                id: "P\(n)", number: n, title: "Priority \(n): a strategic priority with a long title, as real ones have",
                description: "Synthetic priority \(n)", snaFinding: "Synthetic", sponsor: "m\((n - 1) % 20 + 1)", source: "illustrative: generated")
        }
        b.priorities = DocumentList(priorities)
        // Workstreams: WS-PP.NNN, spread over the 40 priorities; every reference renamed with them.
        var wsID: [String: String] = [:]
        var perPriority: [Int: Int] = [:]
        var workstreams: [Workstream] = []
        for (i, w) in b.workstreams.items.enumerated() {
            let p = i % 40 + 1
            let k = perPriority[p, default: 0] + 1
            perPriority[p] = k
            var v = w
            v.id = "WS-\(p < 10 ? "0" : "")\(p).\(String(repeating: "0", count: max(0, 3 - String(k).count)))\(k)"
            v.priority = "P\(p)"
            wsID[w.id] = v.id
            workstreams.append(v)
        }
        b.workstreams = DocumentList(workstreams)
        // Risks R0001…R1500, six hundred of them scored alike, as a register with many similar risks has.
        b.risks = DocumentList(
            b.risks.items.enumerated().map { i, r in
                var v = r
                v.id = "R" + String(repeating: "0", count: max(0, 4 - String(i + 1).count)) + "\(i + 1)"
                if i < 600 { v.residual = Score(likelihood: 4, impact: 3) }
                return v
            })
        var ivID: [String: String] = [:]
        b.interventions = DocumentList(
            b.interventions.items.enumerated().map { i, iv in
                var v = iv
                v.id = "IV-" + String(repeating: "0", count: max(0, 3 - String(i + 1).count)) + "\(i + 1)"
                v.workstreams = iv.workstreams.compactMap { wsID[$0] }
                v.priority = v.workstreams.first.flatMap { id in workstreams.first { $0.id == id }?.priority }
                ivID[iv.id] = v.id
                return v
            })
        b.evaluations = DocumentList(
            b.evaluations.items.map { e in
                var v = e
                v.interventions = e.interventions.compactMap { ivID[$0] }
                return v
            })
        // A grant over £10M, every amount scaled with it, the categories holding all of it.
        var f = b.funding
        let scale = 35_840_000 / max(1, f.allocation)
        f.allocation = 35_840_000
        for i in f.categories.indices { f.categories[i].amount *= scale }
        for i in f.spend.indices {
            f.spend[i].actual *= scale
            f.spend[i].forecast = f.spend[i].forecast.map { $0 * scale }
        }
        if let last = f.categories.indices.last { f.categories[last].amount += f.allocation - f.allocated }
        b.funding = f
        b.programme.name = "Third Violence Reduction Unit (generated)"
        b.programme.shortName = "THIRD"
        return b
    }
}
