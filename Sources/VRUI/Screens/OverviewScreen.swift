import VRModel

extension Screen {
    public static let overview = Screen(id: "overview", title: "Overview")
}

/// The overview: the priorities' RAG counts, the funding headline and conditions, the escalated risks
/// and the latest rating changes. It has nothing to select or move through, so the list keys and their
/// hints are not offered here (1-5 and Tab go to the screens that have them).
public enum OverviewScreen: ScreenFeature {
    public struct State: FeatureState {
        /// The first priority shown, when there are more than the box holds.
        public var scroll = 0
        public init() {}
    }
    public static let screen = Screen.overview
    public static let moves = false
    /// Scrolling the priorities does something only when they do not all fit.
    static let overflows = Guard.require("Every priority is shown") { s in priorityRoom(s) < s.board.orderedPriorities.count }
    /// With no list to filter here, / finds anywhere (as F does); the priorities scroll when there are
    /// more than fit.
    public static let bindings = [
        Binding("overview.find", [.char("/")], help: "Find anywhere, as F (the overview has no list to filter)") { s in
            FindMode.open(&s)
        },
        Binding("overview.down", [.down, .char("j"), .pageDown], help: "Show the next priorities (when they do not all fit)", disabled: overflows) {
            s in scrollPriorities(&s, by: max(1, priorityRoom(s) - 1))
        },
        Binding("overview.up", [.up, .char("k"), .pageUp], help: "Show the priorities before", disabled: overflows) { s in
            scrollPriorities(&s, by: -max(1, priorityRoom(s) - 1))
        },
    ]

    /// How many priorities the box shows at once (two lines each, a line kept for the cue when they do not all fit).
    static func priorityRoom(_ s: AppState) -> Int {
        let pr = Layout(width: s.width, height: s.height).overviewTop.priorities
        let lines = pr.height - 2 - (s.board.outcomes.items.isEmpty ? 0 : 1)
        let all = s.board.orderedPriorities.count
        return all * 2 <= lines ? all : max(1, (lines - 1) / 2)
    }

    static func scrollPriorities(_ s: inout AppState, by delta: Int) {
        let most = max(0, s.board.orderedPriorities.count - priorityRoom(s))
        s[state: OverviewScreen.self].scroll = min(most, max(0, s[state: OverviewScreen.self].scroll + delta))
    }

    public static func render(_ f: inout Frame, _ s: AppState, _ l: Layout) { drawOverview(&f, s, l) }
}

extension Layout {
    public var overviewTop: (priorities: Rect, funding: Rect) {
        let rows = min(body.height - 6, max(12, 2 + 5 * 2 + 1))
        let (top, _) = body.splitTop(rows)
        let leftW = max(44, top.width * 3 / 5)
        let (l, r) = top.splitLeft(leftW)
        return (l, r)
    }
    public var overviewBottom: (risks: Rect, changes: Rect) {
        let top = overviewTop.priorities
        let rest = Rect(x: body.x, y: top.maxY, width: body.width, height: body.maxY - top.maxY)
        let (l, r) = rest.splitLeft(rest.width / 2)
        return (l, r)
    }
}

private func drawOverview(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let b = s.board
    let (pr, fr) = l.overviewTop

    // Priorities with their workstreams' RAG counts: in-year, and overall beside it when there is room.
    let both = pr.width >= 84
    let ordered = b.orderedPriorities
    f.box(pr, title: "Strategic priorities (\(ordered.count)) · " + (both ? "workstream RAG" : "in-year RAG"))
    var y = pr.y + 1
    let numW = Width.of("\(ordered.map(\.number).max() ?? 1)")
    // As many as fit; when there are more, the rest are a key away, and the box says so.
    let room = OverviewScreen.priorityRoom(s)
    let first = min(s[state: OverviewScreen.self].scroll, max(0, ordered.count - room))
    for p in ordered.dropFirst(first).prefix(room) {
        guard y < pr.maxY - 1 else { break }
        f.put(Width.pad("\(p.number)", to: numW, alignRight: true) + " ", x: pr.x + 2, y: y, role: .heading)
        f.put(p.title, x: pr.x + 3 + numW, y: y, role: .normal, limit: pr.width - 5 - numW)
        y += 1
        if y < pr.maxY - 1 {
            let counts = s.derived.counts(p.id, threeColour: s.threeColour)
            if both {
                let half = (pr.width - 6) / 2
                f.put(
                    [Span("in-year  ", .muted)] + countSpans(counts, threeColour: s.threeColour, judged: s.derived.judged(p.id)), x: pr.x + 4, y: y,
                    base: .normal, limit: half - 1)
                let overall = s.derived.counts(p.id, threeColour: s.threeColour, kind: .overall)
                f.put(
                    [Span("overall  ", .muted)] + countSpans(overall, threeColour: s.threeColour, judged: s.derived.judged(p.id, kind: .overall)),
                    x: pr.x + 4 + half, y: y, base: .normal, limit: half)
            } else {
                f.put(
                    countSpans(counts, threeColour: s.threeColour, judged: s.derived.judged(p.id)), x: pr.x + 4, y: y, base: .normal,
                    limit: pr.width - 6)
            }
            y += 1
        }
    }

    if room < ordered.count, y < pr.maxY - 1 {
        let below = ordered.count - first - room
        let cue =
            (first > 0 ? "▲ \(first) above" : "") + (first > 0 && below > 0 ? " · " : "") + (below > 0 ? "▼ \(below) more below" : "")
            + s.keyed(" ({overview.down}/{overview.up} scroll)")
        f.put(cue, x: pr.x + 2, y: y, role: .muted, limit: pr.width - 4)
    }

    // The outcome measures' directions, in words and glyphs (7 has them), on the box's last free line.
    let measures = b.outcomes.items
    if !measures.isEmpty, y < pr.maxY - 1 {
        let better = measures.filter { $0.improving == true }.count, worse = measures.filter { $0.improving == false }.count
        f.put(
            [
                Span("Outcomes ", .muted), Span("\(better) better", better > 0 ? .pass : .muted), Span(" · ", .muted),
                Span("\(worse) worse", worse > 0 ? .fail : .muted), Span(" · \(measures.count - better - worse) no figure", .muted),
            ], x: pr.x + 2, y: pr.maxY - 2, base: .normal, limit: pr.width - 4)
    }

    f.legend(judged: !s.derived.judgedInYear.isEmpty || (both && !s.derived.judgedOverall.isEmpty), on: pr)

    drawFundingBox(&f, s, fr)

    // Escalated risks and the latest changes.
    let (rr, cr) = l.overviewBottom
    let esc = s.derived.escalated
    // Overdue in words beside the escalations: reviews and mitigating actions past their date.
    let reviews = b.risks.items.filter { $0.isOverdue(on: s.today) }.count
    let actions = b.risks.items.reduce(0) { $0 + $1.overdueActions(on: s.today).count }
    let overdue = [
        reviews == 0 ? nil : "\(reviews) review\(reviews == 1 ? "" : "s") overdue",
        actions == 0 ? nil : "\(actions) action\(actions == 1 ? "" : "s") overdue",
    ].compactMap { $0 }
    // The overdue counts are kept when the title must shorten: the heading's words go first.
    let full = "Escalated risks (\(esc.count))" + (overdue.isEmpty ? "" : " · " + overdue.joined(separator: " · "))
    let short = "Escalated (\(esc.count))" + (overdue.isEmpty ? "" : " · " + overdue.joined(separator: " · "))
    f.box(rr, title: Width.of(full) <= rr.width - 6 ? full : short)
    if esc.isEmpty {
        f.put("None at or above the threshold of \(b.programme.escalationThreshold)", x: rr.x + 2, y: rr.y + 1, role: .muted, limit: rr.width - 4)
    }
    for (i, r) in esc.prefix(max(0, rr.height - 2)).enumerated() {
        let spans = [
            // The band's letters padded (VH, H), so the ids line up.
            Span(Width.pad("\(r.residual.value)", to: 2, alignRight: true) + " " + Width.pad(r.band.letter, to: 2) + " ", r.band.role),
            Span(" \(r.id) ", .muted),
            Span(r.title),
        ]
        f.put(spans, x: rr.x + 2, y: rr.y + 1 + i, base: .normal, limit: rr.width - 4)
    }

    // What the board's calendar asks for soon, on the risks box's last line when it has room: annual business due
    // within a quarter (or overdue), and the last quarter's close (Q has it).
    let due = s.derived.businessDue, late = due.filter { $0.due < s.today }.count
    let close = s.derived.quarterClose
    if !due.isEmpty || close.outstanding, esc.count < rr.height - 3 {
        var spans: [Span] = []
        if !due.isEmpty {
            spans += [
                Span("Board business ", .muted),
                Span("\(due.count) due by \(due.map(\.due).max()!.long)", late > 0 ? .fail : .warning),
                Span(late > 0 ? " (\(late) overdue)" : "", .fail),
            ]
        }
        if close.outstanding {
            spans += [Span((due.isEmpty ? "" : " · ") + "\(close.quarter.label) close ", .muted), Span("\(close.items.count) outstanding", .warning)]
            spans.append(Span(s.keyed(" ({board.quarter})"), .muted))
        }
        f.put(spans, x: rr.x + 2, y: rr.maxY - 2, base: .normal, limit: rr.width - 4)
    }

    f.box(cr, title: "Latest rating changes")
    let changes = s.derived.recentChanges.prefix(max(0, (cr.height - 2) / 2))
    var cy = cr.y + 1
    for (w, c) in changes {
        guard cy < cr.maxY - 1 else { break }
        var spans = [Span(c.day?.long ?? String(c.at.prefix(10)), .muted), Span(" \(w.id) ", .heading)]
        if c.isReview {
            spans.append(Span("reviewed ", .muted))
        } else if let from = c.from {
            spans += ragSpans(s.shown(from)) + [Span("→")]
        }
        spans += ragSpans(s.shown(c.to), judged: c.isJudgement) + [Span(" \(c.kind == .inYear ? "in-year" : "overall")", .muted)]
        f.put(spans, x: cr.x + 2, y: cy, base: .normal, limit: cr.width - 4)
        cy += 1
        if cy < cr.maxY - 1 {
            f.put(w.title, x: cr.x + 4, y: cy, role: .normal, limit: cr.width - 6)
            cy += 1
        }
    }
    if changes.isEmpty { f.put("No rating changes recorded", x: cr.x + 2, y: cr.y + 1, role: .muted) }
    f.legend(judged: changes.contains { $0.1.isJudgement }, on: cr)
}

extension ConditionCheck {
    /// `Interventions ≥ 20%`, `Evaluation ≥ 10%`: for narrow panels.
    var shortLabel: String {
        condition.rule == .interventionsFloor ? "Interventions ≥ \(condition.percent)%" : "Evaluation ≥ \(condition.percent)%"
    }
}

/// The funding headline and the grant conditions, as many lines as the box holds: the allocation (and,
/// when the split is another year's, which and why), the interventions' share, each condition on the
/// plan and the forecast as one line with two results. Short of room, the reach, the grants ending and
/// the spacing go first.
private func drawFundingBox(_ f: inout Frame, _ s: AppState, _ fr: Rect) {
    let b = s.board, fu = b.funding
    f.box(fr, title: "Funding")
    let iw = fr.width - 4
    // Each line with how readily it goes when the box is short (the lowest first).
    var lines: [(spans: [Span], keep: Int)] = []
    func add(_ spans: [Span], keep: Int = 9) { lines.append((spans, keep)) }
    let yearNote = fu.splitYearShort(boardYear: b.programme.year)
    // The allocation's name whole; shortened at a word only when the split's year is said below it.
    if Width.of(fu.allocationName) <= iw || yearNote == nil {
        for line in Width.wrap(fu.allocationName, to: iw).prefix(2) { add([Span(line, .muted)]) }
    } else {
        add([Span(Frame.shortened(fu.allocationName, to: iw), .muted)])
    }
    if let yearNote { for line in Width.wrap(yearNote, to: iw) { add([Span(line, .warning)]) } }
    // Last year's beside this year's, where the line has room: the director's comparison.
    // (Not when the split shown is last year's own: it would be compared with itself.)
    let last = b.previousYear.flatMap { $0.year == fu.splitYear?.year && yearNote != nil ? nil : $0 }.map { p in
        "  \(p.year): " + [p.allocation.map(Money.format), p.interventionsPercent.map { "\($0)%" }].compactMap { $0 }.joined(separator: " · ")
    }
    let allocation = Money.format(fu.allocation)
    if let last, Width.of(allocation + last) <= iw, b.previousYear?.allocation != nil {
        add([Span(allocation, .title), Span(last, .muted)])
    } else {
        add([Span(allocation, .title)])
    }
    // The amount and its share are never cut: on a line of their own when the box is narrow.
    let spend = fu.spendText(.interventions)
    if Width.of("Interventions " + spend) <= iw {
        add([Span("Interventions \(spend)")])
    } else {
        add([Span("Interventions")])
        add([Span(spend)])
    }
    // Their reach this year by age band, and returns overdue, in words (6 has the register).
    if b.interventions.items.contains(where: { !$0.archived }) {
        let reach = b.reach(inYear: s.financialYear, today: s.today)
        let late = reach.overdue
        add(
            [Span("Reach ", .muted), Span("\(reach.under25.grouped) <25 · \(reach.over25.grouped) 25+")]
                + (late == 0 ? [] : [Span(" · \(late) return\(late == 1 ? "" : "s") overdue", .fail)]), keep: 2)
    }
    // The grant's forecast under- or overspend beyond the threshold (3, t has the monitoring).
    let report = s.budgetReport
    if report.outturnWarning != nil {
        let v = report.grantVariance, mark = report.illustrative ? Provenance.illustrativeMark : ""
        add(
            [Span("Forecast ", .muted), Span("\(Money.format(v == .min ? .max : abs(v)))\(mark) \(v > 0 ? "unspent" : "overspent")", .fail)], keep: 5)
    }
    add([], keep: 0)
    for c in report.conditions {
        guard report.hasActuals else {
            // Nothing entered yet: the plan is the only way to check it, with its margin.
            add([verdictSpan(c.plan), Span(" \(c.plan.shortLabel)")])
            add([Span("  \(c.plan.share) · margin ", .muted), Span(Money.format(c.plan.margin), c.plan.passes ? .pass : .fail)], keep: 3)
            continue
        }
        // The plan and the forecast, one line with two results: with their shares when they fit, else ✓ or ✗.
        let (rule, ways) = conditionWays(c, toDate: false, shares: true)
        if Width.of(rule) + Span.width(ways) <= iw {
            add([Span(rule, .heading)] + ways)
        } else if Span.width(ways) <= iw {
            add([Span(rule, .heading)])
            add(ways)
        } else {
            add([Span(rule, .heading)])
            add(conditionWays(c, toDate: false, shares: false).ways)
        }
    }
    let ending = fu.grants.filter { $0.status == .ending }
    if !ending.isEmpty {
        add(
            [Span("\(ending.count) grant\(ending.count == 1 ? "" : "s") ending: \(Money.compact(ending.reduce(0) { $0 + $1.amount }))", .warning)],
            keep: 1)
    }
    let room = fr.height - 2
    while lines.count > room, let i = lines.indices.min(by: { lines[$0].keep < lines[$1].keep }), lines[i].keep < 9 { lines.remove(at: i) }
    for (n, line) in lines.prefix(room).enumerated() { f.put(line.spans, x: fr.x + 2, y: fr.y + 1 + n, base: .normal, limit: iw) }
}
