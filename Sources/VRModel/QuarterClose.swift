/// The quarter close: what the board still needs at the end of a quarter for the quarterly highlight
/// report [004 ToR: "monitor performance by reference to quarterly highlight reports"] and the VRU
/// Programme Summary reported to the board every quarter [000 §2.3.6]. Each item says what is missing
/// and who owns it; it leaves the list when the ordinary editing records the missing thing.
public struct QuarterClose: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case reachReturn = "reach-return"
        case actuals
        case commentary
        case rating
        case riskReview = "risk-review"
        case condition

        /// The group's heading on every surface.
        public var heading: String {
            switch self {
            case .reachReturn: "Reach returns not in"
            case .actuals: "Actuals not entered"
            case .commentary: "Material variances without commentary"
            case .rating: "Workstreams not rated or reviewed for the quarter"
            case .riskReview: "Risks past review"
            case .condition: "Grant conditions at risk on the forecast"
            }
        }
    }

    /// One thing outstanding.
    public struct Item: Equatable, Sendable {
        public var kind: Kind
        /// The id of what it concerns: an intervention, funding category, workstream or risk (empty for a
        /// grant condition).
        public var ref: String
        public var what: String
        /// Who owns it: a board member's name, or a provider's.
        public var owner: String
        /// When it is due, where a rule says (a reach return: 30 days after the quarter).
        public var due: Day?
    }

    public var quarter: Quarter
    /// The board's date the close is judged at.
    public var asAt: Day
    public var items: [Item]

    /// Whether the quarter has ended at the board's date (before then the list is what will be due).
    public var ended: Bool { quarter.last < asAt }
    public var outstanding: Bool { !items.isEmpty }

    /// The items of one kind, in the board's order.
    public func items(_ kind: Kind) -> [Item] { items.filter { $0.kind == kind } }

    /// A group's line on every surface: `✓ Risks past review: none`, `✗ Actuals not entered (7)`.
    public func summary(_ kind: Kind) -> String {
        let n = items(kind).count
        return n == 0 ? "✓ \(kind.heading): none" : "✗ \(kind.heading) (\(n))"
    }

    /// The quarter a close is usually wanted for: the last one ended at `asAt`.
    public static func defaultQuarter(asAt: Day) -> Quarter { Quarter(containing: asAt).previous }

    /// The CSV of the items (kind, ref, what, owner, due), for the secretary's own tracker.
    public var csv: String {
        var out = "quarter,kind,ref,what,owner,due\r\n"
        for i in items {
            out +=
                [quarter.description, i.kind.rawValue, i.ref, i.what, i.owner, i.due?.description ?? ""].map(CSVCell.text).joined(separator: ",")
                + "\r\n"
        }
        return out
    }
}

extension Intervention {
    /// Whether it ran in quarter `q` and so owes that quarter's reach return: live (not archived or still
    /// planned), started (its start date, else its first return) by the quarter's end, not ended before it.
    public func owesReturn(for q: Quarter) -> Bool {
        guard !archived, status != .planned, let first = start ?? returns.map(\.quarter.first).min(), first <= q.last else { return false }
        return end.map { $0 >= q.first } ?? true
    }
}

extension Board {
    /// Who owns the VRU's own returns (spend, commentary, the grant conditions): the VRU's director
    /// (member `m-director`), else the first officer, else "the VRU".
    public var vruOwner: String {
        if let d = members["m-director"] { return d.shownName }
        return members.items.first { $0.membership == .officer }?.shownName ?? "the VRU"
    }

    /// What is outstanding for quarter `q`, judged at the board's date.
    public func quarterClose(_ q: Quarter) -> QuarterClose {
        let asAt = programme.asAt, vruOwner = vruOwner
        var items: [QuarterClose.Item] = []
        // Reach returns: each intervention running in the quarter owes one.
        for iv in interventions.items where iv.owesReturn(for: q) && iv.return(for: q) == nil {
            let due = Intervention.due(q, dueDays: Intervention.dueDays)
            items.append(
                .init(
                    kind: .reachReturn, ref: iv.id, what: "\(iv.id) \(iv.name): the \(q.label) return",
                    owner: iv.provider.isEmpty ? "provider not recorded" : iv.provider, due: due))
        }
        // Actuals: each category of the year owes the quarter's spend.
        let entered = funding.latestSpend(quarter: q)
        for c in funding.categories where entered[c.id] == nil {
            items.append(.init(kind: .actuals, ref: c.id, what: "\(c.name): \(q.label) actual spend", owner: vruOwner, due: nil))
        }
        // Variances and conditions: the monitoring as it stood at the quarter's close (or now, before then);
        // a quarter of a closed year is checked on that year (`--year`), whose budgets the ledger was against.
        let at = min(asAt, q.next.first)
        if q.year == Quarter(containing: at).year {
            let report = funding.monitor(asAt: at)
            for l in report.lines where l.needsCommentary {
                items.append(
                    .init(
                        kind: .commentary, ref: l.category.id, what: "\(l.varianceWords) (\(l.variancePercent)): \(l.category.name)",
                        owner: vruOwner, due: nil))
            }
            for w in report.conditionWarnings { items.append(.init(kind: .condition, ref: "", what: w, owner: vruOwner, due: nil)) }
        }
        // Ratings: each live workstream is rated or reviewed for the quarter: in it, or in the next one
        // (ratings for a highlight report are made in arrears).
        for w in activeWorkstreams where !w.history.contains(where: { $0.day.map { $0 >= q.first && $0 <= q.next.last } ?? false }) {
            let last = w.lastUpdated?.day.map { "last \($0.long)" } ?? "never rated"
            items.append(.init(kind: .rating, ref: w.id, what: "\(w.id) \(w.title) (\(last))", owner: name(of: w.lead), due: nil))
        }
        // Risks: each open risk past its review date at the board's date.
        for r in risks.items where r.isOverdue(on: asAt) {
            items.append(
                .init(
                    kind: .riskReview, ref: r.id, what: "\(r.id) \(r.title): review due \(r.nextReview.long)", owner: name(of: r.owner),
                    due: r.nextReview))
        }
        return QuarterClose(quarter: q, asAt: asAt, items: items)
    }
}
