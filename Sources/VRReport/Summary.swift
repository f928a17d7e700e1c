import Foundation
import VRModel

/// The VRU Programme Summary, "reported to the Board on a quarterly basis" [000 §2.3.6]: a second kind of
/// paper from the pack's engine, for one quarter: its highlight (ratings at the quarter's end and what
/// moved in it), spend against the profile, the providers' reach returns, the risks, the outcomes and
/// what the quarter close still needs, with the budget monitoring figures as an appendix.
public enum ProgrammeSummary {
    static func t(_ s: String) -> PackCell { .text(s) }

    /// Why a quarter cannot be summarised from this board, in words; nil when it can.
    public static func problem(_ q: Quarter, board b: Board) -> String? {
        let year = Quarter(containing: b.programme.asAt).year
        if q.year != year {
            let fy = Quarter(year: q.year, number: 1)?.first.financialYear ?? "\(q.year)"
            return
                "\(q.label) is in \(fy), but the board's year is \(b.programme.year); a closed year's quarter is summarised from that year (--year \(fy))"
        }
        if q.first > b.programme.asAt { return "\(q.label) has not started at the board's date (\(b.programme.asAt.long))" }
        return nil
    }

    /// The summary's blocks for quarter `q` of board `b` (check `problem` first): headings, tables and
    /// paragraphs the Markdown, HTML and PDF renderers share with the board pack.
    public static func blocks(_ b: Board, quarter q: Quarter, author: String, marking: String?) -> [PackBlock] {
        let asAt = b.programme.asAt
        let ended = q.last < asAt
        // The quarter's figures as they stood at its close, or now while it runs.
        let at = min(asAt, q.next.first)
        var out: [PackBlock] = [.heading(1, "\(b.programme.name): VRU Programme Summary, \(q.label)")]
        let authorMember = b.member(named: author)
        out.append(
            .table(
                head: ["Paper", ""],
                rows: [
                    ("Report to", "Strategic Violence Reduction Board"),
                    ("Report of", b.programme.accountableBody.isEmpty ? b.programme.name : b.programme.accountableBody),
                    ("Quarter", "\(q.label): \(q.first.long) to \(q.last.long)"),
                    (
                        "Status",
                        ended
                            ? "The quarter ended \(q.last.long); figures \(b.programme.asAtLabel)"
                            : "DRAFT: the quarter ends \(q.last.long); figures to date, \(b.programme.asAtLabel)"
                    ),
                    ("Report Author", authorMember.map(PackSource.contact) ?? "Not a member (--author names one)"),
                    ("E-mail", authorMember.map { $0.email ?? "not recorded on the member" } ?? "-"),
                    ("Basis", "The VRU Programme Summary, reported to the board every quarter [000 §2.3.6]"),
                ].map { [t($0.0), t($0.1)] }, right: []))
        let parts: [BoardPack.Part] = [
            ("1", "Highlight of the quarter", highlight(b, q)),
            ("2", "Spend against profile", spend(b, q, at: at)),
            ("3", "Reach returns", reach(b, q)),
            ("4", "Risks", risks(b, q)),
            ("5", "Outcomes", outcomes(b, q)),
            ("6", "The quarter close", close(b, q)),
            ("Appendix A", "Budget monitoring figures", appendix(b, at: at)),
        ].map { BoardPack.Part(key: nil, label: $0.0, title: $0.1, level: 2, blocks: $0.2) }
        out.append(.heading(2, "Contents"))
        out.append(BoardPack.contents(parts))
        for p in parts {
            out.append(.heading(p.level, p.heading))
            out += p.blocks
        }
        if let marking { out = [.marking(marking)] + out + [.marking(marking)] }
        return out
    }

    /// A workstream's rating of one kind at the end of day `d`, from its history (nil: not rated by then).
    static func rating(_ w: Workstream, _ kind: RatingKind, at d: Day) -> RatingChange? {
        w.history.last { $0.kind == kind && ($0.day.map { $0 <= d } ?? false) }
    }

    static func highlight(_ b: Board, _ q: Quarter) -> [PackBlock] {
        let end = min(q.last, b.programme.asAt)
        let live = b.activeWorkstreams
        var out: [PackBlock] = [.heading(3, "In-year ratings at \(end.long), by priority")]
        let order = RAG.scale
        var unrated = 0
        out.append(
            .table(
                head: ["Priority"] + order.map(\.letter) + ["Not rated"],
                rows: b.orderedPriorities.map { p in
                    let ratings = b.workstreams(in: p.id).map { rating($0, .inYear, at: end) }
                    let missing = ratings.filter { $0 == nil }.count
                    unrated += missing
                    let c = RAGCounts(ratings.compactMap { $0?.to })
                    return [t("\(p.number). \(p.title)")]
                        + order.map { r in
                            t("\(c[r])" + (ratings.contains { $0?.to == r && $0?.isJudgement == true } ? Provenance.judgementMark : ""))
                        } + [t("\(missing)")]
                }, right: Set(1...order.count + 1)))
        if live.contains(where: { w in RatingKind.allCases.contains { rating(w, $0, at: end)?.isJudgement == true } }) {
            out.append(.paragraph(Provenance.judgementLegend))
        }
        // What moved, and what was reviewed unchanged, in the quarter.
        let inQuarter = live.flatMap { w in
            w.history.filter { $0.day.map { $0 >= q.first && $0 <= q.last } ?? false }.map { (w, $0) }
        }
        let moved = inQuarter.filter { !$0.1.isReview }
        out.append(.heading(3, "Ratings changed in the quarter (\(moved.count))"))
        out.append(
            moved.isEmpty
                ? .paragraph("No rating changed in \(q.label).")
                : .table(
                    head: ["Workstream", "Rating", "Change", "Day", "Comment"],
                    rows: moved.map { w, c in
                        [
                            t("\(w.id) \(w.title)"), t(c.kind.label),
                            t("\(c.from.map { "\($0.letter) → " } ?? "first: ")\(c.to.letter) \(c.to.name)"),
                            t(c.day?.long ?? c.at), t("\(c.comment) (\(b.person(c.by, login: c.login, paper: true)))"),
                        ]
                    }, right: []))
        let reviewed = Set(inQuarter.filter { $0.1.isReview }.map { $0.0.id }).subtracting(moved.map { $0.0.id })
        let untouched = live.filter { w in !inQuarter.contains { $0.0.id == w.id } }
        out.append(
            .paragraph(
                "\(reviewed.count) workstream\(reviewed.count == 1 ? "" : "s") reviewed with the rating unchanged; \(untouched.count) neither rated nor reviewed in the quarter\(unrated > 0 ? "; \(unrated) not rated by its end" : "")."
            ))
        let alarms = live.filter { w in
            [RAG.red, .amberRed].contains(rating(w, .inYear, at: end)?.to ?? .green)
                || [RAG.red, .amberRed].contains(rating(w, .overall, at: end)?.to ?? .green)
        }
        out.append(.heading(3, "Red or amber/red at \(end.long) (\(alarms.count))"))
        out.append(
            alarms.isEmpty
                ? .paragraph("None.")
                : .bullets(
                    alarms.map { w in
                        let i = rating(w, .inYear, at: end), o = rating(w, .overall, at: end)
                        return
                            "\(w.id) \(w.title): in-year \(i.map { $0.to.letter + ($0.isJudgement ? Provenance.judgementMark : "") } ?? "not rated"), overall \(o.map { $0.to.letter + ($0.isJudgement ? Provenance.judgementMark : "") } ?? "not rated")"
                    }))
        return out
    }

    static func spend(_ b: Board, _ q: Quarter, at: Day) -> [PackBlock] {
        let fu = b.funding
        let r = fu.monitor(asAt: at)
        let n = q.number - 1
        let entered = fu.latestSpend(quarter: q)
        var out: [PackBlock] = [
            .paragraph(
                "Each category's actual spend in \(q.label) against its profile for the quarter, and the year to the quarter's end against the profile to then. A quarter without an actual is said so, not counted as nothing."
                    + (fu.splitYearNote(boardYear: b.programme.year).map { " The profiles are spread from the split: \($0)." } ?? "")
            )
        ]
        var rows: [[PackCell]] = []
        var profileQ: [Pounds] = [], actualQ: [Pounds] = [], profileYTD: [Pounds] = [], actualYTD: [Pounds] = []
        var anyIllustrative = false
        for l in r.lines {
            let p = l.profile.indices.contains(n) ? l.profile[n] : 0
            let a = l.actuals.indices.contains(n) ? l.actuals[n] : nil
            let ill = l.quarterIllustrative.indices.contains(n) && l.quarterIllustrative[n]
            anyIllustrative = anyIllustrative || (a != nil && ill)
            let mark = ill ? Provenance.illustrativeMark : ""
            // A profile is the category's budget spread over the year: illustrative when the budget is.
            let pMark = l.category.isIllustrative ? Provenance.illustrativeMark : ""
            anyIllustrative = anyIllustrative || l.category.isIllustrative
            let pYTD = Money.sum(Array(l.profile.prefix(n + 1)))
            let aYTD = Money.sum(l.actuals.prefix(n + 1).compactMap { $0 })
            profileQ.append(p)
            profileYTD.append(pYTD)
            if let a { actualQ.append(a) }
            actualYTD.append(aYTD)
            rows.append([
                t(l.category.name), t(Money.format(p) + pMark), t(a.map { Money.format($0) + mark } ?? "not entered"),
                t(a.map { words(Money.difference(p, $0)) } ?? "-"), t(Money.format(pYTD) + pMark),
                t(Money.format(aYTD) + (l.quarterIllustrative.prefix(n + 1).contains(true) ? Provenance.illustrativeMark : "")),
                t(entered[l.category.id].map { $0.note.isEmpty ? "" : $0.note } ?? ""),
            ])
        }
        let missing = r.lines.count - actualQ.count
        rows.append([
            t("Total"), t(Money.format(Money.sum(profileQ))),
            t(Money.format(Money.sum(actualQ)) + (missing > 0 ? " (\(missing) not entered)" : "")),
            t(missing > 0 ? "-" : words(Money.difference(Money.sum(profileQ), Money.sum(actualQ)))), t(Money.format(Money.sum(profileYTD))),
            t(Money.format(Money.sum(actualYTD))), t(""),
        ])
        out.append(
            .table(
                head: ["Category", "Profile \(q.label)", "Actual \(q.label)", "Against profile", "Profile to date", "Actual to date", "Note"],
                rows: rows, right: [1, 2, 4, 5]))
        if anyIllustrative { out.append(.paragraph(Provenance.illustrativeLegend)) }
        // Each commissioned intervention's own spend entries for the quarter, where providers report them.
        let ivSpend = b.interventions.items.filter { !$0.archived }.compactMap { iv -> (Intervention, SpendEntry)? in
            (iv.spend ?? []).last { $0.quarter == q }.map { (iv, $0) }
        }
        if !ivSpend.isEmpty {
            out.append(.heading(3, "Interventions' spend in \(q.label)"))
            out.append(
                .table(
                    head: ["ID", "Intervention", "Actual", "Forecast outturn"],
                    rows: ivSpend.map { iv, s in
                        [
                            t(iv.id), t(iv.name), t(Money.format(s.actual) + (s.isIllustrative ? Provenance.illustrativeMark : "")),
                            t(s.forecast.map { Money.format($0) + (s.isIllustrative ? Provenance.illustrativeMark : "") } ?? "-"),
                        ]
                    }, right: [2, 3]))
        }
        let warnings = r.conditionWarnings + [r.outturnWarning].compactMap { $0 }
        out.append(.heading(3, "The grant conditions and the outturn, \(at < b.programme.asAt ? "at the quarter's close" : "now")"))
        out.append(
            .bullets(
                r.conditions.map { c in
                    "\(c.plan.condition.rule == .interventionsFloor ? "Interventions" : "Evaluation") ≥ \(c.plan.condition.percent)%: \(c.plan.passes ? "PASS" : "FAIL")\(c.plan.illustrative ? Provenance.illustrativeMark : "") on the plan, \(c.forecast.passes ? "PASS" : "FAIL")\(c.forecast.illustrative ? Provenance.illustrativeMark : "") on the forecast outturn (\(c.forecast.share))"
                } + (warnings.isEmpty ? ["No condition at risk, and the forecast outturn is within the threshold."] : warnings)))
        return out
    }

    /// "£2,000 behind the profile", "£500 ahead of the profile", "on profile".
    static func words(_ behind: Pounds) -> String {
        if behind == 0 { return "on profile" }
        let amount = Money.format(behind == .min ? .max : abs(behind))
        return behind > 0 ? "\(amount) behind" : "\(amount) ahead"
    }

    static func reach(_ b: Board, _ q: Quarter) -> [PackBlock] {
        let asAt = b.programme.asAt
        let due = Intervention.due(q, dueDays: Intervention.dueDays)
        // Interventions running in the quarter owe its return.
        let running = b.interventions.items.filter { $0.owesReturn(for: q) }
        // A live intervention with neither a start date nor a return: whether it owes this return is not known.
        let unknown = b.interventions.items.filter { !$0.archived && $0.status != .planned && $0.start == nil && $0.returns.isEmpty }
        let unknownNote: [PackBlock] =
            unknown.isEmpty
            ? []
            : [
                .paragraph(
                    "\(unknown.count) live intervention\(unknown.count == 1 ? " has" : "s have") no start date and no return recorded, so whether \(unknown.count == 1 ? "it owes" : "they owe") a \(q.label) return is not known: \(unknown.map(\.id).joined(separator: ", "))."
                )
            ]
        guard !running.isEmpty else { return [.paragraph("No commissioned intervention is recorded as running in \(q.label).")] + unknownNote }
        var under = 0, over = 0, inCount = 0, joint = 0
        let rows: [[PackCell]] = running.map { iv in
            let r = iv.return(for: q)
            // A return covering more than one quarter is shown whole, with its quarters; it is not split.
            let span = r.map { $0.quarters > 1 ? " (\($0.label))" : "" } ?? ""
            if let r {
                inCount += 1
                if r.quarters > 1 {
                    joint += 1
                } else {
                    under = Reach.add(under, r.under25)
                    over = Reach.add(over, r.over25)
                }
            }
            let last = iv.return(for: q.previous)
            let previous = last.map { l in l == r ? "the same return" : "\(l.under25.grouped) / \(l.over25.grouped)" } ?? "-"
            let state = r != nil ? "in" : due < asAt ? "overdue (due \(due.long))" : "due \(due.long)"
            return [
                t(iv.id), t(iv.name), t(iv.provider.isEmpty ? "not named" : iv.provider), t(r.map { $0.under25.grouped + span } ?? "-"),
                t(r.map { $0.over25.grouped + span } ?? "-"), t(previous), t(state),
            ]
        }
        let jointNote =
            joint == 0
            ? ""
            : "; \(joint) return\(joint == 1 ? " covers" : "s cover") more than one quarter and \(joint == 1 ? "is" : "are") shown whole, not counted in the quarter's figure"
        return [
            .paragraph(
                "\(inCount) of \(running.count) returns in for \(q.label) (due \(due.long), \(Intervention.dueDays) days after the quarter). Reached in the quarter: \(under.grouped) aged 24 and under, \(over.grouped) aged 25 and over\(jointNote)."
            ),
            .table(
                head: ["ID", "Intervention", "Provider", "Under 25", "25 and over", "Previous quarter (under 25 / 25 and over)", "Return"],
                rows: rows,
                right: [3, 4, 5]),
        ] + unknownNote
    }

    static func risks(_ b: Board, _ q: Quarter) -> [PackBlock] {
        let asAt = b.programme.asAt
        let open = b.risks.items.filter { $0.status == .open }
        let reviewed = open.filter { $0.lastReviewed >= q.first && $0.lastReviewed <= q.last }
        let overdue = open.filter { $0.isOverdue(on: asAt) }
        var out: [PackBlock] = [
            .paragraph(
                "The register \(b.programme.asAtLabel): \(open.count) open risk\(open.count == 1 ? "" : "s"), \(b.escalatedRisks.count) escalated to the board, \(reviewed.count) reviewed in \(q.label), \(overdue.count) past review."
            ),
            .heading(3, "Escalated to the board (\(b.escalatedRisks.count))"),
        ]
        out.append(
            b.escalatedRisks.isEmpty
                ? .paragraph("None.")
                : .table(
                    head: ["ID", "Risk", "Owner", "Residual", "Next review"],
                    rows: b.escalatedRisks.map { r in
                        [
                            t(r.id), t(r.title), t(b.name(of: r.owner)), .band(r.band, "\(r.residual.value) \(r.band.name)"),
                            t(BoardPack.reviewText(r, on: asAt)),
                        ]
                    }, right: []))
        if !overdue.isEmpty {
            out.append(.heading(3, "Past review (\(overdue.count))"))
            out.append(.bullets(overdue.map { "\($0.id) \($0.title) (\(b.name(of: $0.owner))): \(BoardPack.reviewText($0, on: asAt))" }))
        }
        return out
    }

    static func outcomes(_ b: Board, _ q: Quarter) -> [PackBlock] {
        let measures = b.orderedOutcomes
        guard !measures.isEmpty else { return [.paragraph("The store holds no outcome measures.")] }
        return [
            .table(
                head: ["Measure", "Value for \(q.label)", "Latest", "Change"],
                rows: measures.map { o in
                    let value = o.values.last { $0.quarter == q }
                    return [
                        t(o.title), t(value.map { OutcomeMeasure.format($0.value) } ?? "none entered"),
                        t(o.series.last.map { "\($0.period): \(OutcomeMeasure.format($0.value))" } ?? "none entered"), t("\(o.glyph) \(o.words)"),
                    ]
                }, right: [1]),
            .paragraph("A value for the quarter is one entered against it; measures reported over longer periods show their latest."),
        ]
    }

    static func close(_ b: Board, _ q: Quarter) -> [PackBlock] {
        let c = b.quarterClose(q)
        var out: [PackBlock] = [
            .paragraph(
                c.outstanding
                    ? "\(c.items.count) item\(c.items.count == 1 ? "" : "s") outstanding \(b.programme.asAtLabel) (`vrboard quarter --quarter \(q)` lists them; each leaves the list when it is recorded)."
                    : "Nothing outstanding: every return, actual, commentary, rating and review the quarter needs is in."
            )
        ]
        for kind in QuarterClose.Kind.allCases {
            let items = c.items(kind)
            guard !items.isEmpty else { continue }
            out.append(.heading(3, "\(kind.heading) (\(items.count))"))
            out.append(.bullets(items.map { "\($0.what) (\($0.owner)\($0.due.map { ", due \($0.long)" } ?? ""))" }))
        }
        return out
    }

    static func appendix(_ b: Board, at: Day) -> [PackBlock] {
        let blocks = BoardPack.monitoring(b, asAt: at)
        return (blocks.isEmpty ? [.paragraph("No actual spend is entered for the year yet.")] : blocks)
            + [
                .paragraph(
                    "000 §2.3.6 has the Programme Summary carry the Home Office's Surge Funding monitoring reports as an appendix. They are the police's returns and the store holds none: attach them to this paper where the board takes them."
                )
            ]
    }
}
