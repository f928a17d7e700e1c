import Foundation

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
        /// The day a dated record (a rating change, a return, an actual, a value) was made, which its
        /// evidence must not postdate.
        public var date: Day?
        public init(item: String, field: String, value: String, source: String, status: Status, date: Day? = nil) {
            self.item = item
            self.field = field
            self.value = value
            self.source = source
            self.status = status
            self.date = date
        }
    }

    /// A place in a declared document: `004 §108` is document `004`, place `§108`.
    public struct Citation: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var document: String
        public var place: String
        public var description: String { "\(document) \(place)" }
    }

    /// The five public documents this project's two datasets were built from; a store declares its own
    /// (`sources.json`), and these are the ones read when a store declares none.
    public static let seeds = ["000", "001", "002", "003", "004"]

    /// The citations in `text` of the documents `ids`: an id followed by a place (`§2.3.6`, `§19-20`,
    /// `Table 1`, `Fig. 4`, `ToR`, `annex`, `header`; `000§1.1` too), and the further `§` places that
    /// follow one (`004 §19-20, §31-33` cites two places of 004). A range cites its first paragraph.
    public static func citations(in text: String, of ids: Set<String>) -> [Citation] {
        let separators: Set<Character> = [" ", "(", ";", ",", "\n", "[", ")", "]"]
        let words = text.split(whereSeparator: { separators.contains($0) }).map(String.init)
        var out: [Citation] = []
        var i = 0
        func section(_ w: String) -> String? {
            guard w.hasPrefix("§") else { return nil }
            var n = String(w.dropFirst().prefix { $0.isNumber || $0 == "." })
            while n.hasSuffix(".") { n.removeLast() }
            return n.isEmpty ? nil : "§" + n
        }
        while i < words.count {
            let w = words[i]
            var doc: String?
            var glued: String?
            if ids.contains(w) {
                doc = w
            } else if let cut = w.firstIndex(of: "§"), ids.contains(String(w[..<cut])) {
                doc = String(w[..<cut])
                glued = String(w[cut...])
            }
            guard let d = doc else {
                i += 1
                continue
            }
            var j = i + 1
            var found: [String] = []
            if let g = glued, let p = section(g) {
                found.append(p)
            } else if j < words.count {
                let next = words[j].lowercased()
                if let p = section(words[j]) {
                    found.append(p)
                    j += 1
                } else if ["table", "fig", "fig.", "figure"].contains(next), j + 1 < words.count {
                    var n = String(words[j + 1].prefix { $0.isNumber || $0 == "." })
                    while n.hasSuffix(".") { n.removeLast() }
                    if !n.isEmpty { found.append((next == "table" ? "Table " : "Fig. ") + n) }
                    j += 2
                } else if next.hasPrefix("tor") {
                    found.append("ToR")
                    j += 1
                } else if next.hasPrefix("annex") {
                    found.append("annex")
                    j += 1
                } else if next.hasPrefix("header") {
                    found.append("header")
                    j += 1
                }
            }
            // Further paragraphs of the same document: `, §31-33, §107` (and `and §5`).
            if !found.isEmpty {
                while j < words.count {
                    if words[j] == "and" || words[j] == "&", j + 1 < words.count, section(words[j + 1]) != nil {
                        j += 1
                        continue
                    }
                    guard let p = section(words[j]) else { break }
                    found.append(p)
                    j += 1
                }
            }
            out += found.map { Citation(document: d, place: $0) }
            i = max(j, i + 1)
        }
        return out
    }

    /// True when `text` cites one of the five seeds (the form a store that declares no documents uses).
    public static func cites(_ text: String) -> Bool { !citations(in: text, of: Set(seeds)).isEmpty }

    /// The status of a source string, or of a comment that carries its evidence inline, against the
    /// documents `ids` (by default the five seeds).
    public static func status(of source: String, citing ids: Set<String> = Set(seeds)) -> Status {
        let t = source.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("illustrative") { return .illustrative }
        if t.hasPrefix("judgement") { return .judgement }
        if !citations(in: source, of: ids).isEmpty { return .sourced }
        if t.contains("judgement") { return .judgement }
        return .missing
    }

    /// What is wrong with the rows' citations of `documents`: a place the document does not have, and a
    /// dated record citing a document written after it (naming both dates). Each a line for `sources`.
    public static func citationProblems(_ rows: [Row], documents: [SourceDocument]) -> [String] {
        let byID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let ids = Set(byID.keys)
        var out: [String] = []
        for r in rows where r.status != .missing {
            var seen = Set<Citation>()
            for c in citations(in: r.source, of: ids) where seen.insert(c).inserted {
                guard let d = byID[c.document] else { continue }
                if !d.has(c.place) { out.append("\(r.item) · \(r.field): cites \(c), but \(d.id) (\(d.title)) has no \(c.place)") }
                if let day = r.date, d.date > day {
                    out.append("\(r.item) · \(r.field): dated \(day.long), it cites \(c), of \(d.dated), written after it")
                }
            }
        }
        return out
    }

    /// Every figure, rating and quoted text on the board, with its source and status.
    /// Citations name the documents the store declares (`documents`, by default the board's own), or the
    /// five seeds when it declares none.
    public static func rows(_ b: Board, documents: [SourceDocument]? = nil) -> [Row] {
        let declared = Set((documents ?? b.sources.items).map(\.id))
        let ids = declared.isEmpty ? Set(seeds) : declared
        var out: [Row] = []
        func add(_ item: String, _ field: String, _ value: String, _ source: String, date: Day? = nil) {
            out.append(Row(item: item, field: field, value: value, source: source, status: status(of: source, citing: ids), date: date))
        }
        /// A figure from a seed cites it; one entered on the board is the board's own record (who, when, note).
        func addEntered(_ item: String, _ field: String, _ value: String, source: String?, at: String, by: String, note: String) {
            let day = Day(String(at.prefix(10)))
            if let source {
                add(item, field, value, source, date: day)
            } else {
                out.append(Row(item: item, field: "\(field) (\(at), by \(by))", value: value, source: note, status: .recorded, date: day))
            }
        }
        let p = b.programme
        add("programme", "name and vision", p.name, p.source)
        add("programme", "escalation threshold", "\(p.escalationThreshold)", p.source)
        if let q = p.quorum { add("programme", "quorum rule", q.required.map(b.name(of:)).joined(separator: ", ") + " and a majority", q.source) }
        for g in p.subGroups { add("sub-group/\(g.id)", "name, chair, frequency, purpose, members", "\(g.name) (chair \(g.chair))", g.source) }
        for y in p.earlierYears { add("programme/\(y.year)", "the year's programme figures", y.summary, y.source) }
        for i in p.business { add("business/\(i.id)", "annual business and its due date", "\(i.title), due \(i.due.long)", i.source) }
        for c in p.equality { add("programme", "equality commitment", c.text, c.source) }
        for c in p.closedYears {
            out.append(
                Row(
                    item: "year/\(c.year)", field: "closed (\(c.closedAt), by \(c.by))", value: c.figures.summary, source: c.figures.source,
                    status: .recorded))
        }
        let fu = b.funding
        add("funding", "allocation", Money.format(fu.allocation), fu.allocationSource)
        if let y = fu.splitYear { add("funding", "the split's year", y.year, y.reason) }
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
                add("funding/\(e.category)", "actual spend", value, source, date: Day(String(e.at.prefix(10))))
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
        for pr in b.orderedPriorities {
            add(pr.id, "title and finding", pr.title, pr.source)
            if let plan = pr.plan { add(pr.id, "link to the Police and Crime Plan", plan.text, plan.source) }
        }
        for w in b.workstreams.items {
            add(w.id, "title, objectives and ratings", w.title, w.source)
            for h in w.history {
                // A rating change's evidence is its comment. A judgement says so by its basis; evidence that
                // cites no seed is the board's own record, entered by a named person.
                let status: Status = h.isJudgement ? .judgement : citations(in: h.comment, of: ids).isEmpty ? .recorded : .sourced
                out.append(
                    Row(
                        item: w.id,
                        field: "\(h.kind.label.lowercased()) rating \(h.to.letter) (\(h.day?.description ?? h.at), \(h.basis.rawValue), by \(h.by))",
                        value: h.to.name, source: h.comment, status: status, date: h.day))
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
