import Foundation
import VRModel

/// What a board pack reports on: the programme as shown (a meeting's snapshot, or the store now),
/// the meeting's record if there is one, and the previous meeting to compare with.
public struct PackSource: Sendable {
    public let board: Board
    /// The store as it is now: earlier meetings' actions stand as recorded now (matters arising).
    public let live: Board
    public let meeting: Meeting?
    public let previous: Meeting?
    public let date: Day
    public let author: String
    /// The protective marking printed at the top and foot of the paper (`OFFICIAL-SENSITIVE`), from
    /// the config file or `--marking`; nil prints none.
    public var marking: String?

    /// When the pack was written (ISO 8601): a draft's figures are the live board's at this time.
    public var writtenAt: String

    /// Who saved changes since the last board, from the journal (the command that writes the pack reads
    /// it): the name given, and the login or database role the store recorded. Empty: no such section.
    public var changeLog: [ChangeAuthor] = []

    /// One person's changes since the last board.
    public struct ChangeAuthor: Sendable, Equatable {
        public var name: String
        /// The operating-system login (folder store) or database role (PostgreSQL) that saved them.
        public var login: String?
        public var count: Int
        /// Collections changed, most changes first: "workstreams 3, risks 1".
        public var what: String
        public var last: String
        public init(name: String, login: String?, count: Int, what: String, last: String) {
            self.name = name
            self.login = login
            self.count = count
            self.what = what
            self.last = last
        }

        /// The name, with the login beside it where the two differ: `The Chair (recorded by alice)`.
        public var who: String { Attribution.who(by: name, login: login) }

        /// The journal's changes grouped by who saved them, most changes first.
        public static func from(_ changes: [(by: String, login: String?, collection: String, at: String)]) -> [ChangeAuthor] {
            var groups: [String: (name: String, login: String?, items: [(collection: String, at: String)])] = [:]
            var order: [String] = []
            for c in changes {
                let key = c.by + "\u{0}" + (c.login ?? "")
                if groups[key] == nil {
                    groups[key] = (c.by, c.login, [])
                    order.append(key)
                }
                groups[key]!.items.append((c.collection, c.at))
            }
            return order.map { key -> ChangeAuthor in
                let g = groups[key]!
                var counts: [String: Int] = [:]
                for i in g.items { counts[i.collection, default: 0] += 1 }
                let what = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                    .joined(separator: ", ")
                return ChangeAuthor(name: g.name, login: g.login, count: g.items.count, what: what, last: g.items.map(\.at).max() ?? "")
            }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
        }
    }

    /// For a held or closed meeting: its frozen snapshot. For a draft, or without a meeting: the store as it is now.
    public init(store b: Board, meeting: Meeting?, today: Day, author: String, writtenAt: String = "") {
        self.meeting = meeting
        self.live = b
        self.writtenAt = writtenAt
        self.board = meeting?.shown(live: b) ?? b
        self.date = meeting?.date ?? today
        self.previous = b.meeting(before: self.date)
        self.author = meeting?.header.author ?? author
    }

    public var header: [(String, String)] {
        let h = meeting?.header
        return [
            ("Report to", h?.reportTo ?? "Strategic Violence Reduction Board"),
            ("Date of meeting", date.long),
            ("Report of", board.programme.name),
            ("Author", author),
            ("Agenda item", h?.agendaItem ?? "VRU highlight report"),
        ] + (meeting.map { [("Status", status($0))] } ?? [])
    }

    /// The meeting's stage as the pack states it: a draft's figures are live, and said to be.
    func status(_ m: Meeting) -> String {
        switch m.stage {
        case .draft where prepared:
            "PREPARED DRAFT: the meeting is dated after \(live.programme.dateName); figures are the live board's as at \(stamp(writtenAt)), for the papers sent ahead"
        case .draft: "DRAFT: the meeting has not been held; figures are the live board's as at \(stamp(writtenAt))"
        case .held: "Held; figures as shown to the board (frozen \(stamp(m.heldAt ?? "")))"
        case .closed: "Minutes closed \(stamp(m.closedAt ?? "")); figures as shown to the board"
        }
    }

    /// A pack for a meeting still to come (dated after the board's date): the prepared draft.
    public var prepared: Bool { meeting.map { $0.stage == .draft && $0.date > live.programme.asAt } ?? false }

    /// `2026-11-30T19:04:05Z` as `30 Nov 2026 19:04 UTC`.
    func stamp(_ iso: String) -> String { Day.minute(iso).map { $0 + " UTC" } ?? (iso.isEmpty ? "when opened" : iso) }

    public var changes: [RatingMovement] { board.changes(since: previous?.shown(live: live)) }
    public var alarms: [Workstream] {
        board.activeWorkstreams.filter { [.red, .amberRed].contains($0.inYear) || [.red, .amberRed].contains($0.overall) }
    }
    public var ratingOrder: [RAG] { RAG.scale }
}

/// A table cell: text, or a rating that HTML colours and every format spells out.
public enum PackCell: Equatable, Sendable {
    case text(String)
    /// A rating; `judged` when it was judged rather than evidenced (shown with `†`).
    case rag(RAG, judged: Bool = false)
    case band(Band, String)
    /// A condition's verdict; `illustrative` when it rests on an illustrative figure (shown with `*`).
    case pass(Bool, illustrative: Bool)

    public var plain: String {
        switch self {
        case .text(let t): t
        case .rag(let r, let j): "\(r.letter) \(r.name)" + (j ? Provenance.judgementMark : "")
        case .band(_, let t): t
        case .pass(let ok, let ill): (ok ? "PASS" : "FAIL") + (ill ? Provenance.illustrativeMark : "")
        }
    }
}

/// The blocks of a board pack, rendered the same way to Markdown and HTML.
public enum PackBlock: Equatable, Sendable {
    case heading(Int, String)
    case paragraph(String)
    case bullets([String])
    case numbered([String])
    case table(head: [String], rows: [[PackCell]], right: Set<Int>)
    /// The protective marking, at the top and the foot of the paper.
    case marking(String)
}

/// The board pack's content: paper header, highlight report, priorities and workstreams, funding,
/// the risk register with its heat map, the meeting's decisions and actions, and the exit strategy.
public enum BoardPack {
    static func t(_ s: String) -> PackCell { .text(s) }

    /// `A → A/R Amber/Red`, `A/G Amber/Green (unchanged)`, or `new: G Green`; `†` when judged.
    static func movement(_ m: RatingMovement, _ kind: RatingKind) -> String {
        let (before, after) = m.rating(kind)
        let mark = m.workstream.isJudgement(kind) ? Provenance.judgementMark : ""
        guard let before else { return "new: \(after.letter) \(after.name)\(mark)" }
        return before == after ? "\(after.letter) \(after.name)\(mark) (unchanged)" : "\(before.letter) → \(after.letter) \(after.name)\(mark)"
    }

    /// The latest comment since the last board, who gave it and when, and how many changes came before it.
    static func latestComment(_ m: RatingMovement, _ b: Board) -> String {
        guard let c = m.latest else { return "" }
        let earlier = m.comments.count - 1
        return "\(c.comment) (\(c.kind.label.lowercased()), \(b.person(c.by, login: c.login)), \(c.day?.long ?? c.at))"
            + (earlier > 0 ? "; \(earlier) earlier change\(earlier == 1 ? "" : "s") since the last board" : "")
    }

    /// The pack's sections in the standing agenda's order, each a title and its blocks (the same sections,
    /// numbered the same, with or without a meeting).
    static func sections(_ src: PackSource) -> [(key: Section, title: String, blocks: [PackBlock])] {
        var out: [(Section, String, [PackBlock])] = []
        out.append((.minutes, "Minutes of the last meeting and matters arising", minutes(src)))
        out.append((.highlight, "Highlight report", highlight(src)))
        out.append((.subGroups, "Reports from sub-group chairs", subGroups(src)))
        out.append((.priorities, "Priorities and workstreams", priorities(src)))
        if !src.board.interventions.items.isEmpty { out.append((.interventions, "Commissioned interventions", interventions(src))) }
        if !src.board.outcomes.items.isEmpty { out.append((.outcomes, "Outcomes against the success measures", outcomes(src))) }
        out.append((.funding, "Funding", funding(src)))
        out.append((.risks, "Risk register", risks(src)))
        out.append((.record, "Decisions and actions", record(src)))
        out.append((.exit, "Exit strategy", exitStrategy(src)))
        if !src.changeLog.isEmpty { out.append((.changes, "Changes recorded since the last board", changes(src))) }
        return out
    }

    /// What a pack section is about, to match agenda items to it.
    public enum Section: Sendable, Equatable {
        case minutes, highlight, subGroups, priorities, interventions, outcomes, funding, risks, record, exit, changes
        /// Words in an agenda item that name this section.
        var words: [String] {
            switch self {
            case .minutes: ["minutes", "matters arising"]
            case .highlight: ["highlight"]
            case .subGroups: ["sub-group", "subgroup"]
            case .priorities: ["priorit", "workstream"]
            case .interventions: ["intervention", "commission", "reach", "evaluation"]
            case .outcomes: ["outcome", "success measure", "performance"]
            case .funding: ["funding", "grant", "finance", "budget"]
            case .risks: ["risk"]
            case .record: ["decision", "action"]
            case .exit: ["exit", "sustainab"]
            case .changes: ["changes recorded", "audit"]
            }
        }
    }

    /// The pack section an agenda item's paper is in, by its words ("Escalated risks" → the risk register).
    static func section(for item: String, in list: [(key: Section, title: String, blocks: [PackBlock])]) -> Int? {
        let t = item.lowercased()
        return list.firstIndex { s in s.key.words.contains { t.contains($0) } }
    }

    static let notAMeeting =
        "This pack shows the board as it is now, not a meeting; a meeting's pack (`vrboard export --meeting DATE`) carries its minutes, decisions and actions."

    public static func blocks(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = [.heading(1, "\(b.programme.name): board pack, \(src.date.long)\(src.prepared ? " (prepared draft)" : "")")]
        out.append(.table(head: ["Paper", ""], rows: src.header.map { [t($0.0), t($0.1)] }, right: []))
        out.append(
            .paragraph(
                "\(b.programme.year) · figures \(b.programme.asAtLabel)\(src.meeting.map { $0.stage == .draft ? " · draft: the live board" : " · as shown to the board" } ?? "")"
            ))
        let list = sections(src)
        if let m = src.meeting { out += preamble(src, m, list) }
        for (i, sec) in list.enumerated() {
            out.append(.heading(2, "\(i + 1). \(sec.title)"))
            out += sec.blocks
        }
        if let m = src.marking { out = [.marking(m)] + out + [.marking(m)] }
        return out
    }

    /// What a meeting's paper opens with: the recommendations, who attended and whether the board could
    /// decide, and the agenda with each item's section in this pack.
    static func preamble(_ src: PackSource, _ m: Meeting, _ list: [(key: Section, title: String, blocks: [PackBlock])]) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = [.heading(2, "The board is asked to")]
        out.append(m.recommendations.isEmpty ? .paragraph("No recommendations recorded.") : .numbered(m.recommendations))
        out.append(.heading(2, "Attendance"))
        out.append(.paragraph(m.quorumText(b) + (b.programme.quorum.map { " Rule: \($0.source)." } ?? " No quorum rule is recorded.")))
        if b.programme.quorum?.isIllustrative == true { out.append(.paragraph(Provenance.illustrativeLegend)) }
        let rows: [[PackCell]] =
            [(Attendance.Status.present, "Present"), (.deputy, "Deputising"), (.apologies, "Apologies"), (.absent, "Absent")].compactMap {
                st, label in
                let names = m.attending(st, b)
                return names.isEmpty ? nil : [t(label), t(names.joined(separator: "; "))]
            } + (m.attendees.isEmpty ? [] : [[t("Also attending"), t(m.attendees.joined(separator: "; "))]])
        out.append(rows.isEmpty ? .paragraph("Attendance not recorded.") : .table(head: ["", "Members"], rows: rows, right: []))
        out.append(.heading(2, "Agenda"))
        let agenda = src.live.agenda(of: m)
        out.append(
            agenda.isEmpty
                ? .paragraph("None recorded.")
                : .table(
                    head: ["#", "Item", "In this pack"],
                    rows: agenda.enumerated().map { i, item in
                        [
                            t("\(i + 1)"), t(item),
                            t(section(for: item, in: list).map { "Section \($0 + 1): \(list[$0].title)" } ?? "Taken in the meeting (no paper)"),
                        ]
                    }, right: []))
        return out
    }

    /// The previous minutes' approval, amendments to them, and the actions arising with their status.
    static func minutes(_ src: PackSource) -> [PackBlock] {
        guard let m = src.meeting else { return [.paragraph(notAMeeting)] }
        var out: [PackBlock] = []
        if let p = src.live.meeting(before: m.date) {
            out.append(.heading(3, "Minutes of \(p.date.long)"))
            out.append(
                .paragraph(
                    m.minutesApproval.map { "\($0.outcome.label)\($0.note.isEmpty ? "." : ": \($0.note)")" }
                        ?? "Not yet recorded whether the board approved them."))
            let amended = p.amendments
            if !amended.isEmpty {
                out.append(.paragraph("Amended after those minutes were closed:"))
                out.append(.bullets(amended))
            }
        } else {
            out.append(.paragraph("No earlier meeting is recorded: there are no minutes to approve."))
        }
        out.append(.heading(3, "Matters arising"))
        let carried = src.live.carriedActions(into: m)
        out.append(
            carried.isEmpty
                ? .paragraph("No actions are open from earlier meetings.")
                : .table(
                    head: ["From", "Action", "Owner", "Due", "Status"],
                    rows: carried.map { c in
                        [
                            t("\(c.meeting.date.long) A\(c.index + 1)"), t(c.action.text), t(c.action.owner), t(c.action.due.long),
                            t(c.status.label + (c.action.done.map { " \($0.long)" } ?? "")),
                        ]
                    }, right: []))
        return out
    }

    /// Each sub-group, its chair, and its report to this meeting.
    static func subGroups(_ src: PackSource) -> [PackBlock] {
        let groups = src.board.programme.subGroups
        guard !groups.isEmpty else { return [.paragraph("No sub-groups are recorded for \(src.board.programme.shortName).")] }
        var out: [PackBlock] = [
            .table(
                head: ["Sub-group", "Chair", "Meets", "Report"],
                rows: groups.map { g in
                    [
                        t(g.name + (g.isIllustrative ? Provenance.illustrativeMark : "")), t(g.chair), t(g.frequency),
                        t(
                            src.meeting.map { m in m.reports.first { $0.subGroup == g.id }?.text ?? "No report recorded." }
                                ?? "(not a meeting's pack)"),
                    ]
                }, right: [])
        ]
        if groups.contains(where: \.isIllustrative) { out.append(.paragraph(Provenance.illustrativeLegend)) }
        return out
    }

    /// The meeting's decisions and actions: withdrawn ones kept and said, corrections and amendments shown.
    static func record(_ src: PackSource) -> [PackBlock] {
        guard let m = src.meeting else {
            return [
                .paragraph(
                    src.live.meetings.items.isEmpty
                        ? "No meeting is recorded yet: `vrboard present` records one, with its decisions and actions." : notAMeeting)
            ]
        }
        var out: [PackBlock] = [.heading(3, "Decisions")]
        out.append(
            m.decisions.isEmpty
                ? .paragraph("None recorded.")
                : .numbered(
                    m.decisions.map { d in
                        (d.isWithdrawn ? "[Withdrawn] " : "") + d.text + (d.quorate == false ? " [taken when the meeting was not quorate]" : "")
                            + (d.changeNote.map { " (\($0))" } ?? "")
                    }))
        out.append(.heading(3, "Actions"))
        out.append(
            m.actions.isEmpty
                ? .paragraph("None recorded.")
                : .table(
                    head: ["#", "Action", "Owner", "Due", "Status"],
                    rows: m.actions.enumerated().map { i, a in
                        [
                            t("\(i + 1)"), t((a.isWithdrawn ? "[Withdrawn] " : "") + a.text + (a.changeNote.map { " (\($0))" } ?? "")), t(a.owner),
                            t(a.due.long), t(a.status(on: max(m.date, src.date)).label),
                        ]
                    }, right: []))
        if !m.amendments.isEmpty {
            out.append(.heading(3, "Amendments after the minutes were closed"))
            out.append(.bullets(m.amendments))
        }
        return out
    }

    static func highlight(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = []
        out.append(.heading(3, "In-year ratings by priority"))
        out.append(
            .table(
                head: ["Priority"] + src.ratingOrder.map(\.letter),
                rows: b.orderedPriorities.map { p in
                    let ws = b.workstreams(in: p.id)
                    let c = RAGCounts(ws.map(\.inYear))
                    // A count that includes a judged rating carries the mark.
                    return [t("\(p.number). \(p.title)")]
                        + src.ratingOrder.map { r in
                            t("\(c[r])" + (ws.contains { $0.inYear == r && $0.isJudgement(.inYear) } ? Provenance.judgementMark : ""))
                        }
                }, right: Set(1...src.ratingOrder.count)))
        if b.showsJudgement() { out.append(.paragraph(Provenance.judgementLegend)) }
        out.append(
            .heading(
                3,
                src.previous.map { "Changed since the last board (\($0.date.long))" }
                    ?? "Changed in the quarter to \(b.programme.asAt.long) (no earlier board recorded)"))
        out.append(
            src.changes.isEmpty
                ? .paragraph("No rating has changed.")
                : .table(
                    head: ["Workstream", "In-year", "Overall", "Latest comment"],
                    rows: src.changes.map { m in
                        [t("\(m.workstream.id) \(m.workstream.title)"), t(movement(m, .inYear)), t(movement(m, .overall)), t(latestComment(m, b))]
                    }, right: []))
        out.append(.heading(3, "Red or amber/red (\(src.alarms.count))"))
        out.append(
            src.alarms.isEmpty
                ? .paragraph("None.")
                : .bullets(
                    src.alarms.map { w in
                        "\(w.id) \(w.title): in-year \(w.inYear.letter)\(w.isJudgement(.inYear) ? Provenance.judgementMark : ""), overall \(w.overall.letter)\(w.isJudgement(.overall) ? Provenance.judgementMark : "")"
                    }))

        return out
    }

    static func priorities(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = []
        if b.showsJudgement() { out.append(.paragraph(Provenance.judgementLegend)) }
        if b.members.items.contains(where: \.isIllustrative) {
            out.append(.paragraph(Provenance.illustrativeLegend + " (posts marked * are not named in any source)"))
        }
        for p in b.orderedPriorities {
            out.append(.heading(3, "\(p.number). \(p.title)"))
            out.append(.paragraph("Sponsor: \(b.name(of: p.sponsor))."))
            out.append(
                .table(
                    head: ["ID", "Workstream", "Lead", "In-year", "Overall", "Trend", "Latest comment"],
                    rows: b.workstreams(in: p.id).map { w in
                        [
                            t(w.id), t(w.title), t(b.name(of: w.lead)), .rag(w.inYear, judged: w.isJudgement(.inYear)),
                            .rag(w.overall, judged: w.isJudgement(.overall)),
                            t(w.trend(.inYear).word),
                            t(w.history.last.map { "\($0.comment) (\(b.person($0.by, login: $0.login)), \($0.day?.long ?? $0.at))" } ?? ""),
                        ]
                    }, right: []))
        }

        return out
    }

    /// Reach by level and age band against last year, the register, the returns overdue at the meeting,
    /// the evaluations, and the register's budgets against the funding split and its conditions.
    static func interventions(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        let q = Quarter(containing: b.programme.asAt)
        let year = b.programme.asAt.financialYear, last = q.previousYear.first.financialYear
        let live = b.interventions.items.filter { !$0.archived }
        // Returns are judged overdue at the board's date, as every figure of the pack is.
        let lateOn = b.programme.asAt
        let total = b.reach(inYear: q.year, today: lateOn)
        var out: [PackBlock] = [
            .paragraph(
                "\(live.count) commissioned interventions. Reach in \(year): \(total.under25.grouped) aged 24 and under, \(total.over25.grouped) aged 25 and over, from providers' quarterly returns (in arrears; a return is due \(Intervention.dueDays) days after its quarter ends)."
            ),
            .heading(3, "Reach by prevention level"),
            .table(
                head: ["Level", "Interventions", "Under 25", "25 and over", "Under 25 \(last)", "25 and over \(last)"],
                rows: b.reachByLevel(inYear: q.year, total: true).map {
                    [
                        t($0.label), t("\($0.interventions)"), t($0.under25.grouped), t($0.over25.grouped), t($0.lastUnder25?.grouped ?? "no return"),
                        t($0.lastOver25?.grouped ?? "no return"),
                    ]
                }, right: [1, 2, 3, 4, 5]),
            .heading(3, "The interventions register"),
        ]
        let lates = live.map { $0.lateReturns(on: lateOn, dueDays: Intervention.dueDays) }
        out.append(
            .table(
                head: ["ID", "Intervention", "Provider", "Level", "Budget", "Under 25", "25 and over", "Latest return", "Returns"],
                rows: zip(live, lates).map { iv, late in
                    let reach = iv.reach(inYear: q.year)
                    let reported = iv.returns.contains { $0.quarter.year == q.year }
                    return [
                        t(iv.id), t(iv.name), t(iv.provider.isEmpty ? "not named" : iv.provider), t(iv.level?.label ?? "not given"),
                        t(iv.budget.map { Money.format($0) + (iv.budgetIllustrative ? Provenance.illustrativeMark : "") } ?? "-"),
                        t(reported ? reach.under25.grouped : "-"), t(reported ? reach.over25.grouped : "-"), t(iv.latestReturn?.label ?? "none"),
                        t(late.isEmpty ? (iv.start == nil && iv.returns.isEmpty ? "none yet" : "on time") : "\(late.count) overdue"),
                    ]
                }, right: [4, 5, 6]))
        let overdue = zip(live, lates).filter { !$0.1.isEmpty }
        out.append(.heading(3, "Reach returns overdue at \(lateOn.long)"))
        out.append(
            overdue.isEmpty
                ? .paragraph("None.")
                : .bullets(
                    overdue.map { iv, qs in
                        "\(iv.id) \(iv.name) (\(iv.provider.isEmpty ? "provider not named" : iv.provider)): "
                            + qs.map { "\($0.label), due \(Intervention.due($0, dueDays: Intervention.dueDays).long)" }.joined(separator: "; ")
                    }))
        out.append(.heading(3, "Evaluations"))
        out.append(
            .table(
                head: ["ID", "Evaluation", "Commissioned by", "Type", "Status", "Due", "Covers", "Cost", "Finding"],
                rows: b.evaluations.items.map { e in
                    [
                        t(e.id), t(e.title), t(e.commissionedBy), t(e.kind?.label ?? "not given"), t(e.status.label), t(e.dueLabel),
                        t(e.interventions.isEmpty ? "-" : e.interventions.joined(separator: ", ")),
                        t(e.cost.map { Money.format($0) + (e.costIllustrative ? Provenance.illustrativeMark : "") } ?? "-"),
                        t(e.finding.isEmpty ? "-" : e.finding),
                    ]
                }, right: [7]))
        let roll = b.register
        out.append(.heading(3, "The register against the funding split"))
        out.append(.paragraph(roll.summary + "."))
        if !roll.checks.isEmpty {
            out.append(
                .table(
                    head: ["Condition", "Actual", "Required", "Margin", "Result"],
                    rows: roll.checks.map {
                        [
                            t($0.label), t("\(Money.format($0.actual)) (\($0.share))" + ($0.illustrative ? Provenance.illustrativeMark : "")),
                            t(Money.format($0.required)), t(Money.format($0.margin)), .pass($0.passes, illustrative: $0.illustrative),
                        ]
                    }, right: [1, 2, 3]))
        }
        if roll.illustrative { out.append(.paragraph(Provenance.illustrativeLegend)) }
        return out
    }

    /// Each measure with its periods, its change in words (the glyph beside it), its values and source.
    static func outcomes(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = []
        for kind in OutcomeMeasure.Kind.allCases {
            let group = b.orderedOutcomes.filter { $0.kind == kind }
            guard !group.isEmpty else { continue }
            out.append(.heading(3, kind == .homeOffice ? "The Home Office's success measures" : "Local measures"))
            out.append(
                .table(
                    head: ["Measure", "Change", "Periods", "Values", "Note", "Source"],
                    rows: group.map { o in
                        [
                            t(o.title), t("\(o.glyph) \(o.words)"), t(o.periods.isEmpty ? "-" : o.periods),
                            t(
                                o.values.isEmpty
                                    ? "none entered" : o.series.map { "\($0.period): \(OutcomeMeasure.format($0.value))" }.joined(separator: "; ")),
                            t(o.note), t(o.source),
                        ]
                    }, right: []))
        }
        return out
    }

    /// Budget against actual, as a finance paper gives it: each line's budget (and the approved one when
    /// reprofiled), actual by quarter, to date, forecast outturn and variance in words with its commentary;
    /// the conditions on plan, actuals and forecast; what is at stake on the outturn; the reprofiling.
    static func monitoring(_ src: PackSource) -> [PackBlock] {
        let fu = src.board.funding
        let r = fu.monitor(asAt: src.board.programme.asAt)
        guard r.hasActuals else { return [] }
        let fy = Quarter(year: r.year, number: 1)?.first.financialYear ?? "\(r.year)"
        var out: [PackBlock] = [
            .heading(3, "Budget monitoring, \(fy)"),
            .paragraph(
                "As at \(src.board.programme.asAt.long): \(r.quartersEnded == 0 ? "no quarter ended" : "Q\(r.quartersEnded) ended"), \(r.yearElapsed) of the year gone. A variance of \(r.settings.materialityPercent)% or \(Money.format(r.settings.materialityPounds)) or more is material and needs commentary (\(r.settings.source))."
            ),
        ]
        func mark(_ l: BudgetLine) -> String { l.illustrative ? Provenance.illustrativeMark : "" }
        var rows: [[PackCell]] = r.lines.map { l in
            [
                t(l.category.name), t(fu.amountText(of: l.category) + (l.reprofiled ? " (approved \(Money.format(l.approved)))" : "")),
            ]
                + (0..<4).map { q in
                    t(
                        l.actuals[q].map { Money.format($0) + (l.quarterIllustrative[q] ? Provenance.illustrativeMark : "") }
                            ?? "(\(Money.format(l.profile[q])))")
                } + [
                    t(Money.format(l.actualToDate) + mark(l)), t("\(Share(l.actualToDate, of: l.budget))"),
                    t(Money.format(l.forecast) + (l.forecastIllustrative ? Provenance.illustrativeMark : "")),
                    t(l.varianceWords + (l.variance == 0 ? "" : " (\(l.variancePercent))")),
                    t(l.commentary?.text ?? (l.material ? "Commentary needed: the variance is material" : "")),
                ]
        }
        let m = r.illustrative ? Provenance.illustrativeMark : ""
        rows.append(
            [t("Total"), t(Money.format(r.budget))] + (0..<4).map { _ in t("") } + [
                t(Money.format(r.actualToDate) + m), t("\(Share(r.actualToDate, of: r.budget))"), t(Money.format(r.forecast) + m),
                t(BudgetLine.words(Money.difference(r.budget, r.forecast), mark: m)),
                t(""),
            ])
        out.append(
            .table(
                head: ["Category", "Budget", "Q1", "Q2", "Q3", "Q4", "To date", "Spent", "Forecast outturn", "Variance", "Commentary"], rows: rows,
                right: [1, 2, 3, 4, 5, 6, 7, 8]))
        out.append(.paragraph("Quarters in brackets are the profile, not yet actual."))
        out.append(
            .table(
                head: ["Condition", "On the plan", "On actual spend to date", "On the forecast outturn"],
                rows: r.conditions.map { c in
                    func cell(_ k: ConditionCheck?) -> PackCell {
                        guard let k else { return t("no actual yet") }
                        return t(
                            "\(k.passes ? "PASS" : "FAIL")\(k.illustrative ? Provenance.illustrativeMark : "") \(k.share), margin \(Money.format(k.margin))"
                        )
                    }
                    return [
                        t(
                            c.plan.condition.rule == .interventionsFloor
                                ? "Interventions ≥ \(c.plan.condition.percent)%" : "Evaluation ≥ \(c.plan.condition.percent)%"), cell(c.plan),
                        cell(c.actual), cell(c.forecast),
                    ]
                }, right: []))
        let warnings = r.conditionWarnings + [r.outturnWarning].compactMap { $0 }
        if !warnings.isEmpty { out.append(.bullets(warnings)) }
        if !fu.reprofiles.isEmpty {
            out.append(.heading(3, "Reprofiling"))
            out.append(
                .bullets(
                    fu.reprofiles.map { "\(Reprofile.note($0, fu)) (\(src.board.person($0.by)), \(Day(String($0.at.prefix(10)))?.long ?? $0.at))" }))
        }
        return out
    }

    static func funding(_ src: PackSource) -> [PackBlock] {
        let fu = src.board.funding
        var out: [PackBlock] = []
        out.append(.paragraph("\(fu.allocationName): \(Money.format(fu.allocation)) (\(fu.allocationSource)). Shares are of the allocation."))
        // The year before, beside this one: the last closed on the store, else the latest the seeds give.
        if let last = src.board.previousYear { out.append(.paragraph("The year before: " + last.summary + ".")) }
        out.append(
            .table(
                head: ["Category", "Amount", "Share", "Source"],
                rows: fu.categories.map {
                    [t($0.name), t(fu.amountText(of: $0)), t(fu.shareText(of: $0)), t($0.source)]
                }, right: [1, 2]))
        out.append(.heading(3, "Grant conditions"))
        out.append(
            .table(
                head: ["Condition", "Actual", "Required", "Margin", "Result"],
                rows: fu.checks.map {
                    [
                        t($0.label), t("\(Money.format($0.actual)) (\($0.share))" + ($0.illustrative ? Provenance.illustrativeMark : "")),
                        t(Money.format($0.required)),
                        t(Money.format($0.margin)), .pass($0.passes, illustrative: $0.illustrative),
                    ]
                }, right: [1, 2, 3]))
        out += monitoring(src)
        if fu.showsIllustrative || fu.monitor(asAt: src.board.programme.asAt).illustrative { out.append(.paragraph(Provenance.illustrativeLegend)) }
        out.append(.heading(3, "Grants"))
        out.append(
            .table(
                head: ["Grant", "Funder", "Holder", "Amount", "Ends", "Status"],
                rows: fu.grants.map {
                    [
                        t($0.name + ($0.separate ? " (separate from the allocation)" : "")), t($0.funder), t($0.holder), t(Money.format($0.amount)),
                        t($0.endDate?.long ?? "-"), t($0.status.rawValue),
                    ]
                }, right: [3]))
        // Beyond this year: each grant's amounts by financial year, and the bridging at stake.
        let years = fu.grantYears
        if !years.isEmpty {
            let labels = years.map { GrantYear(year: $0, amount: nil, status: .expected, source: "").label }
            out.append(.heading(3, "Beyond this year"))
            out.append(
                .table(
                    head: ["Grant"] + labels,
                    rows: fu.grants.filter { !($0.years ?? []).isEmpty }.map { g in
                        [t(g.name + (g.contribution == .match ? " (match)" : g.contribution == .inKind ? " (in kind)" : ""))]
                            + years.map { year in
                                guard let y = g.years?.first(where: { $0.year == year }) else { return t("-") }
                                return t((y.amount.map(Money.format) ?? "not known") + (y.status == .confirmed ? " confirmed" : " expected"))
                            }
                    }, right: Set(1...years.count)))
        }
        if let w = fu.bridgingWarning(asAt: src.board.programme.asAt) { out.append(.paragraph("\(w) (\(fu.bridging?.source ?? "")).")) }
        return out
    }

    static func risks(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = []
        out.append(.heading(3, "Heat map of open risks (residual likelihood × impact)"))
        let grid = RiskRegister.heatMap(b.risks.items)
        out.append(
            .table(
                head: ["Likelihood \\ impact", "1", "2", "3", "4", "5"],
                rows: (1...5).reversed().map { l in
                    [t("\(l) \(Score.likelihoodNames[l - 1])")]
                        + (1...5).map { i in
                            .band(Band(score: l * i), grid[l - 1][i - 1] == 0 ? "·" : "\(grid[l - 1][i - 1])")
                        }
                }, right: [1, 2, 3, 4, 5]))
        out.append(.heading(3, "Escalated to the board (\(b.escalatedRisks.count))"))
        out.append(
            .table(
                head: ["ID", "Risk", "Owner", "Residual", "Next review", "Open actions"],
                rows: b.escalatedRisks.map { r in
                    [
                        t(r.id), t(r.title), t(b.name(of: r.owner)), .band(r.band, "\(r.residual.value) \(r.band.name)"), t(r.nextReview.long),
                        t(r.actions.filter { $0.status != .done }.map { "\($0.action) (\($0.owner), \($0.due.long))" }.joined(separator: "; ")),
                    ]
                }, right: []))
        out.append(.heading(3, "The register"))
        out.append(
            .table(
                head: ["ID", "Risk", "Category", "Owner", "Inherent", "Residual", "Target", "Response", "Next review", "Status"],
                rows: b.risks.items.map { r in
                    [
                        t(r.id), t(r.title), t(r.category), t(b.name(of: r.owner)), t("\(r.inherent.value)"),
                        .band(r.band, "\(r.residual.value) \(r.band.name)"),
                        t("\(r.target.value)"), t(r.response.rawValue), t(r.status == .open ? r.nextReview.long : "-"),
                        t(r.status == .open ? "open" : "closed: \(r.closedReason ?? "")"),
                    ]
                }, right: []))

        return out
    }

    /// Who changed the board since the last one, as the journal records it.
    static func changes(_ src: PackSource) -> [PackBlock] {
        let total = src.changeLog.reduce(0) { $0 + $1.count }
        return [
            .paragraph(
                "\(total) change\(total == 1 ? "" : "s") saved \(src.previous.map { "since the board of \($0.date.long)" } ?? "before this board"). Each is shown under the name given when it was saved and, where they differ, the login (folder store) or database role (PostgreSQL) that the store recorded as saving it."
            ),
            .table(
                head: ["Saved by", "Changes", "What", "Last"],
                rows: src.changeLog.map {
                    [
                        t(src.board.person($0.name, login: $0.login)), t("\($0.count)"), t($0.what),
                        t(Day(String($0.last.prefix(10)))?.long ?? $0.last),
                    ]
                },
                right: [1]),
        ]
    }

    static func exitStrategy(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = []
        out.append(
            .table(
                head: ["ID", "Workstream", "Option", "Note"],
                rows: b.activeWorkstreams.map {
                    [t($0.id), t($0.title), t(($0.exitStrategy?.option ?? .undecided).label), t($0.exitStrategy?.note ?? "")]
                }, right: []))
        return out
    }

}

/// The board pack as Markdown.
public enum MarkdownPack {
    /// Text for one line of Markdown (a heading, a marking): its line breaks as spaces.
    static func line(_ s: String) -> String {
        text(String(String.UnicodeScalarView(s.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 })))
            .replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text for a table cell or a list item, which Markdown keeps on one line: each line break becomes
    /// `<br>` (so a comment's paragraphs stay paragraphs, a blank line between them), every piece escaped.
    static func cell(_ s: String) -> String {
        let unified = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return unified.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "<br>")
    }

    /// Text from the store as Markdown: HTML-significant characters as entities (Markdown passes raw HTML
    /// through, so `<script>` or `</table>` in a title would be markup), control characters as pictures,
    /// and every character that could begin Markdown's own syntax backslash-escaped: links and images
    /// (`[x](javascript:…)`), emphasis, code, strike-through, and at a line's start a heading, quote, list
    /// item or rule (`startsLine`: the text begins a line of the document). So text from data is only ever
    /// text.
    static func text(_ s: String, startsLine: Bool = false) -> String {
        var out = ""
        var lineStart = startsLine
        var digitsAtStart = false
        let chars = Array(HTMLPack.esc(s, quotes: false))
        for (k, ch) in chars.enumerated() {
            // `*`, `_` and `~` can begin emphasis or strike-through only where they could open it (left-flanking):
            // not before a space or the end, nor before punctuation right after a letter. Elsewhere (the
            // illustrative mark after a name: "Analyst*,") they are left as they are, and read the same.
            let next = k + 1 < chars.count ? chars[k + 1] : " "
            let previous = k > 0 ? chars[k - 1] : " "
            let mayOpen = !(next.isWhitespace || (next.isPunctuation && (previous.isLetter || previous.isNumber)))
            if "\\`[]!".contains(ch) || ("*_~".contains(ch) && mayOpen) || (lineStart && "#>+-=*_".contains(ch))
                || (digitsAtStart && (ch == "." || ch == ")"))
            {
                out.append("\\")
            }
            out.append(ch)
            let startsLine = ch == "\n" || ch == "\r\n"
            digitsAtStart = (startsLine || lineStart || digitsAtStart) && ch.isASCII && ch.isNumber
            lineStart = startsLine || (lineStart && ch == " ")
        }
        return out
    }

    public static func render(_ src: PackSource) -> String {
        var md = ""
        for block in BoardPack.blocks(src) {
            switch block {
            case .heading(let level, let t): md += String(repeating: "#", count: level) + " " + line(t) + "\n\n"
            case .paragraph(let t): md += text(t, startsLine: true) + "\n\n"
            case .marking(let t): md += "**" + line(t) + "**\n\n"
            case .bullets(let items): md += items.map { "- " + cell($0) + "\n" }.joined() + "\n"
            case .numbered(let items): md += items.enumerated().map { "\($0.offset + 1). \(cell($0.element))\n" }.joined() + "\n"
            case .table(let head, let rows, let right):
                md += "| " + head.map(line).joined(separator: " | ") + " |\n"
                md += "|" + head.indices.map { right.contains($0) ? "---:|" : "---|" }.joined() + "\n"
                for r in rows { md += "| " + r.map { cell($0.plain) }.joined(separator: " | ") + " |\n" }
                md += "\n"
            }
        }
        return md
    }
}

/// The board pack as one self-contained HTML file that prints cleanly to PDF. RAG shows as text
/// (the letter and name) and as colour.
public enum HTMLPack {
    /// `&`, `<`, `>` (and `"` for attributes) as entities; control characters as pictures.
    static func esc(_ s: String, quotes: Bool = true) -> String {
        var out = ""
        for ch in Sanitize.display(s, keepLineBreaks: true) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    static let css = """
        body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#111;margin:2em auto;max-width:60em;line-height:1.4}
        h1{font-size:1.6em;border-bottom:3px solid #1d3a6b;padding-bottom:.2em}h2{font-size:1.3em;margin-top:1.6em;color:#1d3a6b}h3{font-size:1.05em}
        table{border-collapse:collapse;width:100%;margin:.5em 0 1em;font-size:.9em}th,td{border:1px solid #999;padding:.25em .45em;vertical-align:top;text-align:left}
        th{background:#e8ecf3}td.r{text-align:right}td:first-child,td.rating{white-space:nowrap}
        .rag{display:inline-block;min-width:2.2em;padding:0 .3em;border-radius:3px;font-weight:bold;text-align:center}
        .rag-green{background:#2e8540;color:#fff}.rag-amber-green{background:#8cc63f;color:#000}.rag-amber{background:#f7b500;color:#000}
        .rag-amber-red{background:#e8710a;color:#000}.rag-red{background:#c0272d;color:#fff}.rag-complete{background:#1d5fb0;color:#fff}.rag-not-rated{background:#ddd;color:#000}
        .band-low{background:#d8f0dc}.band-medium{background:#fff1c2}.band-high{background:#f9c9a5}.band-very-high{background:#f19c9c;font-weight:bold}
        .marking{text-align:center;font-weight:bold;letter-spacing:.05em}
        .pass{color:#1e6b2f;font-weight:bold}.fail{color:#b00020;font-weight:bold}
        @media print{body{margin:0;max-width:none;font-size:10pt}h2{page-break-before:auto}tr{page-break-inside:avoid}thead{display:table-header-group}.marking{display:none}
        .rag,.band-low,.band-medium,.band-high,.band-very-high{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """

    /// Text as a CSS string: quoted, with quotes, backslashes, angle brackets and control characters
    /// escaped (so a marking can never end the string or the style element).
    static func cssString(_ s: String) -> String {
        var out = "\""
        for u in Sanitize.display(s).unicodeScalars {
            if u == "\"" || u == "\\" || u == "<" || u == ">" || u.value < 0x20 || u.value == 0x7F {
                out += "\\" + String(u.value, radix: 16) + " "
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static func cell(_ c: PackCell, right: Bool) -> String {
        let cls = right ? " class=\"r\"" : ""
        switch c {
        // A comment's paragraphs stay paragraphs.
        case .text(let s): return "<td\(cls)>\(esc(s).replacingOccurrences(of: "\n", with: "<br>"))</td>"
        case .rag(let r, let j):
            return "<td class=\"rating\"><span class=\"rag rag-\(r.rawValue)\" title=\"\(esc(r.definition))\">\(esc(r.letter))</span> \(esc(r.name))"
                + (j ? "<span title=\"\(esc(Provenance.judgementLegend))\">\(Provenance.judgementMark)</span>" : "") + "</td>"
        case .band(let b, let s): return "<td class=\"band-\(b.rawValue)\(right ? " r" : "")\">\(esc(s))</td>"
        case .pass(let ok, let ill):
            return "<td class=\"\(ok ? "pass" : "fail")\">\(ok ? "✓ PASS" : "✗ FAIL")\(ill ? Provenance.illustrativeMark : "")</td>"
        }
    }

    public static func render(_ src: PackSource) -> String {
        let blocks = BoardPack.blocks(src)
        var title = "Board pack"
        if let t = blocks.lazy.compactMap({ if case .heading(_, let t) = $0 { t } else { nil } }).first { title = t }
        // Printed: a page number at the foot of every page, and the marking at the top and foot of each.
        let marking = blocks.lazy.compactMap { if case .marking(let m) = $0 { m } else { nil } }.first
        let page =
            "@page{margin:18mm 15mm;@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:9pt}"
            + (marking.map { m in
                let q = cssString(m)
                return "@top-center{content:\(q);font-weight:bold}@bottom-center{content:\(q);font-weight:bold}"
            } ?? "") + "}"
        var h =
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(esc(title))</title>\n<style>\n\(css)\n\(page)\n</style>\n</head>\n<body>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text): h += "<h\(level)>\(esc(text))</h\(level)>\n"
            case .paragraph(let text): h += "<p>\(esc(text))</p>\n"
            case .marking(let text): h += "<p class=\"marking\">\(esc(text))</p>\n"
            case .bullets(let items): h += "<ul>\n" + items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ul>\n"
            case .numbered(let items): h += "<ol>\n" + items.map { "<li>\(esc($0))</li>\n" }.joined() + "</ol>\n"
            case .table(let head, let rows, let right):
                h += "<table>\n<thead><tr>" + head.map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                for r in rows { h += "<tr>" + r.enumerated().map { cell($0.element, right: right.contains($0.offset)) }.joined() + "</tr>\n" }
                h += "</tbody>\n</table>\n"
            }
        }
        return h + "</body>\n</html>\n"
    }
}

/// The spreadsheet exports: UTF-8 with a byte-order mark (so spreadsheets read £ correctly),
/// a header row, RFC 4180 quoting, CRLF line ends.
public enum CSVExport {
    /// One cell, by the rule every CSV vrboard writes keeps (`CSVCell`): formulas neutralised, quoted as needed.
    public static func field(_ raw: String) -> String { CSVCell.text(raw) }

    static func document(_ head: [String], _ rows: [[String]]) -> String {
        "\u{FEFF}" + ([head] + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    public static func workstreams(_ b: Board) -> String {
        document(
            [
                "id", "priority", "priority_title", "title", "lead", "sponsor", "in_year", "overall", "trend", "objectives", "latest_comment",
                "updated", "exit_strategy", "archived", "source",
                "in_year_basis", "overall_basis", "updated_by",
            ],
            b.workstreams.items.map { w in
                [
                    w.id, w.priority, b.priorities[w.priority]?.title ?? "", w.title, b.name(of: w.lead), b.name(of: w.sponsor),
                    w.inYear.letter, w.overall.letter,
                    w.trend(.inYear).word, w.objectives.joined(separator: "\n"), w.history.last?.comment ?? "", w.lastUpdated?.at ?? "",
                    (w.exitStrategy?.option ?? .undecided).label, w.archived ? "yes" : "no", w.source,
                    basis(w, .inYear), basis(w, .overall), w.history.last.map { b.person($0.by, login: $0.login) } ?? "",
                ]
            })
    }

    /// `evidence`, `judgement`, or empty when no change of the rating is recorded.
    static func basis(_ w: Workstream, _ kind: RatingKind) -> String { w.lastChange(kind)?.basis.rawValue ?? "" }

    public static func risks(_ b: Board) -> String {
        document(
            [
                "id", "title", "category", "owner", "proximity", "inherent_l", "inherent_i", "inherent", "residual_l", "residual_i", "residual",
                "band",
                "target", "response", "status", "closed_reason", "escalated", "last_reviewed", "next_review", "actions", "source",
            ],
            b.risks.items.map { r in
                [
                    r.id, r.title, r.category, b.name(of: r.owner), r.proximity, "\(r.inherent.likelihood)", "\(r.inherent.impact)",
                    "\(r.inherent.value)",
                    "\(r.residual.likelihood)", "\(r.residual.impact)", "\(r.residual.value)", r.band.name, "\(r.target.value)", r.response.rawValue,
                    r.status.rawValue, r.closedReason ?? "", r.isEscalated(threshold: b.programme.escalationThreshold) ? "yes" : "no",
                    r.lastReviewed.description, r.status == .open ? r.nextReview.description : "",
                    r.actions.map { "\($0.action) (\($0.owner), due \($0.due), \($0.status.label))" }.joined(separator: "\n"), r.source,
                ]
            })
    }

    /// The commissioned interventions, one a row, with this year's reach and the returns overdue.
    public static func interventions(_ b: Board) -> String {
        let year = Quarter(containing: b.programme.asAt).year
        return document(
            [
                "id", "name", "provider", "level", "setting", "area", "workstreams", "budget_gbp", "budget_illustrative", "start", "end", "status",
                "exit", "reach_under_25_year", "reach_25_and_over_year", "latest_return", "returns_overdue", "archived", "source",
            ],
            b.interventions.items.map { iv in
                let r = iv.reach(inYear: year)
                return [
                    iv.id, iv.name, iv.provider, iv.level?.rawValue ?? "", iv.setting, iv.area, iv.workstreams.joined(separator: "; "),
                    iv.budget.map { "\($0)" } ?? "", iv.budgetIllustrative ? "yes" : "no", iv.start?.description ?? "", iv.end?.description ?? "",
                    iv.status.rawValue, iv.exit.rawValue, "\(r.under25)", "\(r.over25)", iv.latestReturn?.label ?? "",
                    iv.lateReturns(on: b.programme.asAt, dueDays: Intervention.dueDays).map(\.description).joined(separator: "; "),
                    iv.archived ? "yes" : "no",
                    iv.source,
                ]
            })
    }

    /// Every reach return, one a row: the quarter or quarters it covers and the two age bands.
    public static func reach(_ b: Board) -> String {
        document(
            [
                "intervention", "intervention_name", "quarter", "quarters", "period", "under_25", "25_and_over", "entered_by", "entered_at", "note",
                "source",
            ],
            b.interventions.items.flatMap { iv in
                iv.returns.map { r in
                    [
                        iv.id, iv.name, r.quarter.description, "\(r.quarters)", r.label, "\(r.under25)", "\(r.over25)", r.by, r.at, r.note,
                        r.source ?? "",
                    ]
                }
            })
    }

    public static func evaluations(_ b: Board) -> String {
        document(
            [
                "id", "title", "commissioned_by", "scope", "type", "interventions", "due", "status", "finding", "cost_gbp", "cost_illustrative",
                "source",
            ],
            b.evaluations.items.map { e in
                [
                    e.id, e.title, e.commissionedBy, e.scope, e.kind?.rawValue ?? "", e.interventions.joined(separator: "; "),
                    e.due?.description ?? e.dueText, e.status.rawValue, e.finding, e.cost.map { "\($0)" } ?? "", e.costIllustrative ? "yes" : "no",
                    e.source,
                ]
            })
    }

    /// Every outcome measure, a row: its kind, the periods, the change as the source gives it or as the
    /// values show it, in words, and every value entered.
    public static func outcomes(_ b: Board) -> String {
        document(
            [
                "id", "measure", "kind", "better", "unit", "baseline_period", "latest_period", "change_percent", "direction", "values", "note",
                "source",
            ],
            b.orderedOutcomes.map { o in
                [
                    o.id, o.title, o.kind.rawValue, o.better.rawValue, o.unit, o.baselinePeriod, o.latestPeriod,
                    o.currentChange.map { String(format: "%.1f", $0) } ?? "", o.words,
                    o.series.map { "\($0.period): \(OutcomeMeasure.format($0.value))" }.joined(separator: "; "), o.note, o.source,
                ]
            })
    }

    /// Categories, condition checks and grants in one sheet, told apart by the first column.
    public static func funding(_ b: Board) -> String {
        let fu = b.funding
        var rows: [[String]] = [["allocation", fu.allocationName, "\(fu.allocation)", "100%", "", "", fu.allocationSource]]
        rows += fu.categories.map { ["category", $0.name, "\($0.amount)", "\(fu.share(of: $0))", $0.kind.rawValue, "", $0.source] }
        rows += fu.checks.map {
            [
                "condition", $0.label, "\($0.actual)", "\($0.share)", $0.passes ? "pass" : "fail",
                "margin \($0.margin); required \($0.required)" + ($0.illustrative ? "; rests on an illustrative figure" : ""), $0.condition.source,
            ]
        }
        rows += fu.grants.map {
            [
                "grant", $0.name, "\($0.amount)", "", $0.status.rawValue, "\($0.funder); \($0.holder); ends \($0.endDate?.description ?? "-")",
                $0.source,
            ]
        }
        return document(["line", "name", "amount_gbp", "share", "kind_or_result", "detail", "source"], rows)
    }
}
