/// Where every figure, rating and quoted text on the board comes from: a seed paragraph, or marked as
/// illustrative or judgement. `vrboard sources` lists it so a board secretary can check a pack before it goes out.
public enum Provenance {
    // MARK: The marks (a figure not in any source, a rating judged)

    /// The mark an illustrative figure, and anything derived from one, carries on every surface.
    public static let illustrativeMark = "*"
    /// The legend that goes with the mark.
    public static let illustrativeLegend = "* illustrative: not in any source, or resting on such a figure"

    /// The mark a rating judged rather than evidenced carries on every surface, and anything counting it.
    public static let judgementMark = "†"
    /// The legend that goes with it.
    public static let judgementLegend = "† judgement: judged from the evidence cited, not given by a source"

    /// A source that starts with "illustrative" marks a value the seeds do not give.
    public static func isIllustrative(_ source: String) -> Bool { source.lowercased().hasPrefix("illustrative") }

    public enum Status: String, Sendable, Equatable {
        /// Cites a seed paragraph (`000 §2.3.6`, `004 Table 1`, `004 ToR`).
        case sourced
        /// Not in any source, and says so.
        case illustrative
        /// A judgement from evidence, and says so.
        case judgement
        /// Entered on the board with its evidence by a named person at a recorded time (a rating change
        /// whose comment cites no seed): a record of the board's own, not a claim about a source.
        case recorded
        /// Shown as fact with no source: a problem.
        case missing
    }

    public struct Row: Sendable, Equatable {
        public var item: String
        public var field: String
        public var value: String
        public var source: String
        public var status: Status
    }

    /// The public documents the data comes from: 000-004.
    public static let seeds = ["000", "001", "002", "003", "004"]

    /// True when `text` cites a seed in the model's form: one of the five seed numbers followed by a
    /// section (`§`), a table, a figure, the ToR, an annex or the paper's header.
    public static func cites(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ";" || $0 == "," })
        for (i, w) in words.enumerated() where seeds.contains(String(w)) || seeds.contains(where: { w.hasPrefix($0 + "§") }) {
            if w.count > 3 { return true }  // 000§1.1
            guard i + 1 < words.count else { continue }
            let next = words[i + 1].lowercased()
            if next.hasPrefix("§") || ["table", "tor", "fig", "fig.", "annex", "header"].contains(where: { next.hasPrefix($0) }) { return true }
        }
        return false
    }

    /// The status of a source string, or of a comment that carries its evidence inline.
    public static func status(of source: String) -> Status {
        let t = source.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("illustrative") { return .illustrative }
        if t.hasPrefix("judgement") { return .judgement }
        if cites(source) { return .sourced }
        if t.contains("judgement") { return .judgement }
        return .missing
    }

    /// Every figure, rating and quoted text on the board, with its source and status.
    public static func rows(_ b: Board) -> [Row] {
        var out: [Row] = []
        func add(_ item: String, _ field: String, _ value: String, _ source: String) {
            out.append(Row(item: item, field: field, value: value, source: source, status: status(of: source)))
        }
        /// A figure from a seed cites it; one entered on the board is the board's own record (who, when, note).
        func addEntered(_ item: String, _ field: String, _ value: String, source: String?, at: String, by: String, note: String) {
            if let source {
                add(item, field, value, source)
            } else {
                out.append(Row(item: item, field: "\(field) (\(at), by \(by))", value: value, source: note, status: .recorded))
            }
        }
        let p = b.programme
        add("programme", "name and vision", p.name, p.source)
        add("programme", "escalation threshold", "\(p.escalationThreshold)", p.source)
        if let q = p.quorum { add("programme", "quorum rule", q.required.map(b.name(of:)).joined(separator: ", ") + " and a majority", q.source) }
        for g in p.subGroups { add("sub-group/\(g.id)", "name, chair, frequency, purpose, members", "\(g.name) (chair \(g.chair))", g.source) }
        let fu = b.funding
        add("funding", "allocation", Money.format(fu.allocation), fu.allocationSource)
        for c in fu.categories { add("funding/\(c.id)", "amount", fu.amountText(of: c), c.source) }
        for g in fu.grants {
            add("funding/\(g.id)", "amount", Money.format(g.amount), g.source)
            for y in g.years ?? [] {
                add("funding/\(g.id)", "\(y.label) (\(y.status.rawValue))", y.amount.map(Money.format) ?? "amount not known", y.source)
            }
        }
        if let b = fu.bridging {
            add("funding/bridging", "cost a month, \(b.from.long) to \(b.until.long)", Money.format(b.monthlyCost), b.source)
        }
        for c in fu.conditions { add("funding/condition", c.rule.rawValue, "\(c.percent)%", c.source) }
        if let m = fu.monitoring {
            add(
                "funding/monitoring", "materiality and outturn thresholds",
                "\(m.materialityPercent)% or \(Money.format(m.materialityPounds)); \(Money.format(m.outturnPounds))", m.source)
        }
        for e in fu.spend {
            // Spend from a seed or marked illustrative cites it; one entered on the board is the board's record.
            let value = "\(e.quarter.label): \(Money.format(e.actual))" + (e.forecast.map { ", forecast outturn \(Money.format($0))" } ?? "")
            if let source = e.source {
                add("funding/\(e.category)", "actual spend", value, source)
            } else {
                out.append(
                    Row(item: "funding/\(e.category)", field: "actual spend (\(e.at), by \(e.by))", value: value, source: e.note, status: .recorded))
            }
        }
        for c in fu.checks {
            out.append(
                Row(
                    item: "funding/check", field: c.label, value: c.verdict,
                    source: c.illustrative ? "derived from an illustrative figure" : "derived from sourced figures",
                    status: c.illustrative ? .illustrative : .sourced))
        }
        for m in b.members.items { add(m.id, "post and role", m.name, m.source ?? "") }
        for pr in b.orderedPriorities { add(pr.id, "title and finding", pr.title, pr.source) }
        for w in b.workstreams.items {
            add(w.id, "title, objectives and ratings", w.title, w.source)
            for h in w.history {
                // A rating change's evidence is its comment. A judgement says so by its basis; evidence that
                // cites no seed is the board's own record, entered by a named person.
                let status: Status = h.isJudgement ? .judgement : cites(h.comment) ? .sourced : .recorded
                out.append(
                    Row(
                        item: w.id,
                        field: "\(h.kind.label.lowercased()) rating \(h.to.letter) (\(h.day?.description ?? h.at), \(h.basis.rawValue), by \(h.by))",
                        value: h.to.name, source: h.comment, status: status))
            }
        }
        for r in b.risks.items {
            add(r.id, "risk and scores", r.title, r.source)
            if let reason = r.closedReason { add(r.id, "closed reason", reason, reason) }
        }
        for iv in b.interventions.items {
            add(iv.id, "intervention, provider, level, setting", iv.name, iv.source)
            if let budget = iv.budget {
                add(
                    iv.id, "budget", Money.format(budget), iv.budgetIllustrative ? "illustrative: no seed gives a budget per intervention" : iv.source
                )
            }
            for r in iv.returns {
                addEntered(
                    iv.id, "reach return", "\(r.label): \(r.under25) under 25, \(r.over25) 25 and over", source: r.source, at: r.at, by: r.by,
                    note: r.note)
            }
        }
        for o in b.orderedOutcomes {
            add(o.id, "outcome measure (\(o.kind.label))", o.title, o.source)
            if let c = o.change { add(o.id, "change \(o.periods)", "\(c < 0 ? "down" : "up") \(OutcomeMeasure.percent(abs(c)))", o.source) }
            for v in o.values {
                addEntered(o.id, "value", "\(v.period): \(OutcomeMeasure.format(v.value))", source: v.source, at: v.at, by: v.by, note: v.note)
            }
        }
        for e in b.evaluations.items {
            add(e.id, "evaluation", e.title, e.source)
            if let cost = e.cost {
                add(e.id, "cost", Money.format(cost), e.costIllustrative ? "illustrative: no seed gives a cost per evaluation" : e.source)
            }
        }
        return out
    }
}
