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
        public var who: String { Attribution.who(by: name, login: login, paper: true) }

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
    public init(store b: Board, meeting: Meeting?, today: Day, author: String) {
        self.meeting = meeting
        self.live = b
        let board = meeting?.shown(live: b) ?? b
        self.board = board
        self.date = meeting?.date ?? today
        let previous = b.meeting(before: self.date)
        self.previous = previous
        // The previous board as shown (rebuilt from the journal for a held meeting): once, for the
        // highlight report's changes and the risk management section's.
        let previousBoard = previous?.shown(live: b)
        self.previousBoard = previousBoard
        self.changes = board.changes(since: previousBoard)
        self.author = author
    }

    /// The board the previous meeting was shown, if there was one.
    public let previousBoard: Board?
    /// Workstreams whose ratings moved since the previous board.
    public let changes: [RatingMovement]

    /// Who changed a minute, as a paper names them: a member, never a login.
    public func paperName(_ by: String) -> String { live.person(by, login: nil, paper: true) }

    /// The paper's header in 001's order: For Consideration, Public, Report to, Date of Meeting, Report of,
    /// Report Author, E-mail, Other Contacts, Agenda Item; then the marking and the meeting's status.
    public var header: [(String, String)] {
        let h = meeting?.header
        let members = board.members
        // A meeting's author is chosen in its paper form; a live paper's is `--author`, when a member.
        let authorMember = meeting == nil ? live.member(named: author) : (h?.authorMember).flatMap { members[$0] }
        let contacts = (h?.contacts ?? []).map { id in members[id].map(PackSource.contact) ?? "\(id) (no longer a member)" }
        let agendaNumber = meeting.flatMap { m in live.agenda(of: m).firstIndex(of: m.header.agendaItem) }.map { "\($0 + 1). " } ?? ""
        var rows: [(String, String)] = [
            ("For", (h?.purpose ?? .information).label),
            (
                "Publication",
                (h?.publication ?? .published).label
                    + (h?.publication == .notForPublication ? ": " + (h?.exemption?.label ?? "reason not given") : "")
            ),
            ("Report to", h?.reportTo ?? "Strategic Violence Reduction Board"),
            ("Date of Meeting", date.long),
            ("Report of", board.programme.accountableBody.isEmpty ? board.programme.name : board.programme.accountableBody),
            ("Report Author", authorMember.map(PackSource.contact) ?? (meeting == nil ? "Not a meeting's paper" : "NOT YET CHOSEN (the paper form)")),
            ("E-mail", authorMember.map { $0.email ?? "not recorded on the member" } ?? "-"),
            ("Other Contacts", contacts.isEmpty ? (meeting == nil ? "-" : "None chosen") : contacts.joined(separator: "; ")),
            ("Agenda Item", agendaNumber + (h?.agendaItem ?? "VRU highlight report")),
        ]
        if let marking { rows.append(("Protective marking", marking)) }
        if let meeting { rows.append(("Status", status(meeting))) }
        return rows
    }

    /// A member as a paper names a contact: the post, and the organisation where it adds to it.
    static func contact(_ m: Member) -> String { m.shownName + (m.organisation.isEmpty ? "" : ", \(m.organisation)") }

    /// The meeting's stage as the pack states it, in the meeting's own dates and the board's: a draft's
    /// figures are live, and said to be.
    func status(_ m: Meeting) -> String {
        switch m.stage {
        case .draft where prepared:
            "PREPARED DRAFT: the meeting of \(m.date.long) is after \(live.programme.dateName); figures are the live board's, for the papers sent ahead"
        case .draft: "DRAFT: the meeting of \(m.date.long) has not been held; figures are the live board's \(live.programme.asAtLabel)"
        case .held: "Held \(m.date.long); figures as shown to the board; minutes not yet closed"
        case .closed: "Held \(m.date.long); minutes closed; figures as shown to the board"
        }
    }

    /// A pack for a meeting still to come (dated after the board's date): the prepared draft.
    public var prepared: Bool { meeting.map { $0.stage == .draft && $0.date > live.programme.asAt } ?? false }

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
    /// The paper's contents: each part's label and title, and (printed) the page its heading is on.
    case contents([PackContentsEntry])
}

/// One line of the contents: `4.2 Highlight report`, and the heading it points to.
public struct PackContentsEntry: Equatable, Sendable {
    public var label: String
    public var title: String
    /// The heading as printed (`4.2. Highlight report`): where the printed page is found.
    public var heading: String
    public var level: Int
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
        return "\(c.comment) (\(c.kind.label.lowercased()), \(b.person(c.by, login: c.login, paper: true)), \(c.day?.long ?? c.at))"
            + (earlier > 0 ? "; \(earlier) earlier change\(earlier == 1 ? "" : "s") since the last board" : "")
    }

    /// One part of the paper: a numbered section of 001's format, a sub-section of the summary (4.2), or an
    /// appendix, with its label ("4", "4.2", "Appendix B"), title and blocks.
    public struct Part: Sendable, Equatable {
        public var key: Section?
        public var label: String
        public var title: String
        public var level: Int
        public var blocks: [PackBlock]
        /// The heading as printed: `4. Summary of Key Points`, `Appendix B. Commissioned interventions`.
        public var heading: String { "\(label). \(title)" }
    }

    /// The paper in 001's format: twelve numbered sections (the summary of key points holding the
    /// highlight report, the minutes, the sub-groups' reports, the meeting's record and the exit
    /// strategy), then the appendices holding the registers whole.
    static func parts(_ src: PackSource) -> [Part] {
        let b = src.board
        var appendices: [(key: Section, title: String, blocks: [PackBlock])] = [
            (.priorities, "Priorities and workstreams", priorities(src))
        ]
        if !b.interventions.items.isEmpty { appendices.append((.interventions, "Commissioned interventions", interventions(src))) }
        if !b.outcomes.items.isEmpty { appendices.append((.outcomes, "Outcomes against the success measures", outcomes(src))) }
        appendices.append((.funding, "Funding and budget monitoring", funding(src)))
        appendices.append((.risks, "Risk register", risks(src)))
        if !src.changeLog.isEmpty { appendices.append((.changes, "Changes recorded since the last board", changes(src))) }
        let letters = appendices.indices.map { "Appendix " + String(UnicodeScalar(UInt8(65 + min($0, 25)))) }
        func appendix(_ k: Section) -> String { appendices.firstIndex { $0.key == k }.map { letters[$0] } ?? "the appendices" }
        let summary: [(Section, String, [PackBlock])] = [
            (.minutes, "Minutes of the last meeting and matters arising", minutes(src)),
            (
                .highlight, "Highlight report",
                highlight(src) + [.paragraph("Every workstream's rating and latest comment: \(appendix(.priorities)).")]
            ),
            (.subGroups, "Reports from sub-group chairs", subGroups(src)),
            (.record, "Decisions and actions", record(src)),
            (.exit, "Exit strategy", exitStrategy(src)),
        ]
        var out: [Part] = []
        func add(_ n: Int, _ title: String, _ blocks: [PackBlock], key: Section? = nil) {
            out.append(Part(key: key, label: "\(n)", title: title, level: 2, blocks: blocks))
        }
        add(1, PaperHeader.Written.purpose.title, written(src, .purpose))
        add(2, "Recommendations", recommendations(src))
        add(3, PaperHeader.Written.reasons.title, written(src, .reasons))
        add(4, "Summary of Key Points", [])
        for (i, sub) in summary.enumerated() {
            out.append(Part(key: sub.0, label: "4.\(i + 1)", title: sub.1, level: 3, blocks: sub.2.map(demoted)))
        }
        add(5, "Financial Implications and Budget Provision", financial(src, detail: appendix(.funding)), key: .funding)
        add(6, PaperHeader.Written.humanResources.title, written(src, .humanResources))
        add(7, "Equality Implications", equality(src, detail: appendix(.interventions)))
        add(8, "Risk Management", riskManagement(src, detail: appendix(.risks)), key: .risks)
        add(9, "Policy Implications and links to the Police and Crime Plan Priorities", policy(src))
        add(10, PaperHeader.Written.legal.title, written(src, .legal))
        add(11, PaperHeader.Written.consultation.title, written(src, .consultation))
        add(12, "Appendices", zip(letters, appendices).enumerated().map { .paragraph("12.\($0.offset + 1) \($0.element.0). \($0.element.1.title)") })
        for (letter, a) in zip(letters, appendices) { out.append(Part(key: a.key, label: letter, title: a.title, level: 2, blocks: a.blocks)) }
        return out
    }

    /// The contents of a paper's parts: each part's label, title and the heading its printed page is found by.
    static func contents(_ parts: [Part]) -> PackBlock {
        .contents(parts.map { PackContentsEntry(label: $0.label, title: $0.title, heading: $0.heading, level: $0.level) })
    }

    /// A block one heading level down (a summary's sub-section holds the highlight report's own headings).
    static func demoted(_ b: PackBlock) -> PackBlock { if case .heading(let l, let t) = b { .heading(min(6, l + 1), t) } else { b } }

    /// What a pack section is about, to match agenda items to it (the same subjects the slides carry).
    public typealias Section = AgendaSubject

    /// The part of the paper an agenda item's paper is in, by its words ("Escalated risks" → the risk
    /// management section): the first part, in the paper's order, whose subject its words name.
    static func part(for item: String, in list: [Part]) -> Part? {
        let t = item.lowercased()
        return list.first { p in p.key?.names(t) ?? false }
    }

    static let notAMeeting =
        "This pack shows the board as it is now, not a meeting; a meeting's pack (`vrboard export --meeting DATE`) carries its minutes, decisions and actions."

    public static func blocks(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        let title = src.meeting.map(\.header.agendaItem).flatMap { $0.isEmpty ? nil : $0 } ?? "VRU highlight report"
        var out: [PackBlock] = [
            .heading(1, "\(b.programme.name): \(title), \(src.date.long)\(src.prepared ? " (prepared draft)" : "")")
        ]
        out.append(.table(head: ["Paper", ""], rows: src.header.map { [t($0.0), t($0.1)] }, right: []))
        out.append(
            .paragraph(
                "\(b.programme.year) · figures \(b.programme.asAtLabel)\(src.meeting.map { $0.stage == .draft ? " · draft: the live board" : " · as shown to the board" } ?? "")"
            ))
        let list = parts(src)
        out.append(.heading(2, "Contents"))
        out.append(contents(list))
        if let m = src.meeting { out += preamble(src, m, list) }
        for p in list {
            out.append(.heading(p.level, p.heading))
            out += p.blocks
        }
        if let m = src.marking { out = [.marking(m)] + out + [.marking(m)] }
        return out
    }

    /// A section only a person can write: the secretary's text as numbered paragraphs (1.1, 1.2), "None."
    /// when the secretary said so, and a flag when it is not yet written.
    static func written(_ src: PackSource, _ section: PaperHeader.Written) -> [PackBlock] {
        guard let m = src.meeting else { return [.paragraph(notWrittenLive)] }
        switch m.header.state(section) {
        case .none: return [.paragraph("\(section.number).1 None.")]
        case .notWritten: return [.paragraph(notWritten)]
        case .text(let text): return numbered(text, section.number)
        }
    }

    /// A text's paragraphs (blank lines between them) as 001 numbers them: `5.1 …`, `5.2 …`.
    static func numbered(_ text: String, _ n: Int) -> [PackBlock] {
        let paras = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return paras.enumerated().map { .paragraph("\(n).\($0.offset + 1) \($0.element)") }
    }

    static let notWritten = "NOT YET WRITTEN: the secretary writes this section in the meeting's paper form (W in the walkthrough)."
    static let notWrittenLive =
        "NOT YET WRITTEN: a pack of the live board has no paper form; a meeting's pack (--meeting DATE) carries the secretary's sections."

    /// 2: what the board is asked to do.
    static func recommendations(_ src: PackSource) -> [PackBlock] {
        guard let m = src.meeting else { return [.paragraph(notWrittenLive)] }
        guard !m.recommendations.isEmpty else { return [.paragraph(notWritten)] }
        return m.recommendations.enumerated().map { .paragraph("2.\($0.offset + 1) \($0.element)") }
    }

    /// 5, drawn from the funding: the allocation, each condition on the plan and on the forecast outturn,
    /// the outturn against the budget, and what is at risk.
    static func financial(_ src: PackSource, detail: String) -> [PackBlock] {
        let b = src.board, fu = b.funding
        var out: [PackBlock] = [.paragraph("Drawn from the board's funding and budget monitoring (detail: \(detail)).")]
        let split = fu.splitYearNote(boardYear: b.programme.year).map { " \($0)." } ?? ""
        out.append(.paragraph("5.1 \(fu.allocationName): \(Money.format(fu.allocation)) [\(fu.allocationSource)].\(split)"))
        var n = 2
        for c in fu.checks {
            out.append(
                .paragraph(
                    "5.\(n) \(c.label) on the plan: \(c.passes ? "met" : "NOT MET"), \(Money.format(c.actual)) (\(c.share)) against \(Money.format(c.required)) required, a margin of \(Money.format(c.margin))\(c.illustrative ? Provenance.illustrativeMark : "")."
                ))
            n += 1
        }
        let r = fu.monitor(asAt: b.programme.asAt)
        if r.hasActuals {
            let m = r.illustrative ? Provenance.illustrativeMark : ""
            out.append(
                .paragraph(
                    "5.\(n) Forecast outturn \(Money.format(r.forecast))\(m) against a budget of \(Money.format(r.budget)): \(BudgetLine.words(Money.difference(r.budget, r.forecast), mark: m)); spent to date \(Money.format(r.actualToDate))\(m) (\(Share(r.actualToDate, of: r.budget)))."
                ))
            n += 1
            let atRisk = r.conditionWarnings + [r.outturnWarning].compactMap { $0 }
            out.append(.paragraph("5.\(n) At risk: " + (atRisk.isEmpty ? "nothing on the forecast." : atRisk.joined(separator: "; ") + ".")))
        } else {
            out.append(.paragraph("5.\(n) No actual spend is entered yet, so there is no forecast outturn."))
        }
        if let w = fu.bridgingWarning(asAt: b.programme.asAt) { out.append(.paragraph("\(w) (\(fu.bridging?.source ?? "")).")) }
        if fu.showsIllustrative || r.illustrative { out.append(.paragraph(Provenance.illustrativeLegend)) }
        return out
    }

    /// 7, drawn from who the returns say is reached (by age band and level) and the equality commitments
    /// the board holds.
    static func equality(_ src: PackSource, detail: String) -> [PackBlock] {
        let b = src.board
        let q = Quarter(containing: b.programme.asAt)
        var out: [PackBlock] = [.paragraph("Drawn from the providers' reach returns and the equality commitments the board holds.")]
        if b.interventions.items.isEmpty {
            out.append(.paragraph("7.1 No commissioned interventions are recorded, so the board holds no figures of who is reached."))
        } else {
            let total = b.reach(inYear: q.year, today: b.programme.asAt)
            let levels = b.reachByLevel(inYear: q.year).filter { $0.under25 > 0 || $0.over25 > 0 }
            out.append(
                .paragraph(
                    "7.1 Reached in \(b.programme.asAt.financialYear), from the providers' returns: \(total.under25.grouped) aged 24 and under and \(total.over25.grouped) aged 25 and over"
                        + (levels.isEmpty
                            ? ""
                            : " (" + levels.map { "\($0.label.lowercased()) \($0.under25.grouped) and \($0.over25.grouped)" }.joined(separator: "; ")
                                + ")")
                        + (total.overdue > 0
                            ? "; \(total.overdue) return\(total.overdue == 1 ? " is" : "s are") overdue, so the figures are short" : "")
                        + ". The returns give age bands only; they hold no other protected characteristic (detail: \(detail))."))
        }
        let commitments = b.programme.equality
        if commitments.isEmpty {
            out.append(.paragraph("7.2 The board holds no equality commitments for \(b.programme.shortName)."))
        } else {
            out.append(.paragraph("7.2 The VRU's equality commitments to the board:"))
            out.append(.bullets(commitments.map { "\($0.text) [\($0.source)]" }))
        }
        return out
    }

    /// 8, drawn from the risk register: the escalated risks, reviews overdue, and what changed since the
    /// last board.
    static func riskManagement(_ src: PackSource, detail: String) -> [PackBlock] {
        let b = src.board, on = b.programme.asAt
        var out: [PackBlock] = [.paragraph("Drawn from the risk register (detail: \(detail)).")]
        let open = b.risks.items.filter { $0.status == .open }
        let overdue = open.filter { $0.isOverdue(on: on) }
        out.append(
            .paragraph(
                "8.1 \(open.count) open risk\(open.count == 1 ? "" : "s"); \(b.escalatedRisks.count) escalated to the board (residual \(b.programme.escalationThreshold) or more, or flagged for it); \(overdue.count) past \(overdue.count == 1 ? "its" : "their") review date at \(on.long)."
            ))
        if !b.escalatedRisks.isEmpty {
            out.append(
                .bullets(
                    b.escalatedRisks.map { r in
                        "\(r.id) \(r.title): residual \(r.residual.value) \(r.band.name), \(b.name(of: r.owner)), next review \(reviewText(r, on: on))"
                    }))
        }
        guard let previous = src.previous, let before = src.previousBoard?.risks.items else {
            out.append(.paragraph("8.2 No earlier board is recorded, so there are no changes since one to report."))
            return out
        }
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for r in b.risks.items {
            guard let o = old[r.id] else {
                changes.append("\(r.id) \(r.title): new, residual \(r.residual.value) \(r.band.name)")
                continue
            }
            if o.status == .open && r.status != .open { changes.append("\(r.id) \(r.title): closed (\(r.closedReason ?? "no reason given"))") }
            if o.residual.value != r.residual.value {
                changes.append("\(r.id) \(r.title): residual \(o.residual.value) → \(r.residual.value) \(r.band.name)")
            }
        }
        out.append(.paragraph("8.2 Changes since the board of \(previous.date.long):" + (changes.isEmpty ? " none." : "")))
        if !changes.isEmpty { out.append(.bullets(changes)) }
        return out
    }

    /// A risk's next review, with "overdue" when it has passed at the board's date (as the screen says it).
    static func reviewText(_ r: Risk, on day: Day) -> String { r.nextReview.long + (r.isOverdue(on: day) ? " (overdue)" : "") }

    /// 9, drawn from each priority's link to the Police and Crime Plan.
    static func policy(_ src: PackSource) -> [PackBlock] {
        let b = src.board
        let linked = b.orderedPriorities.filter { $0.plan != nil }
        var out: [PackBlock] = [.paragraph("Drawn from the priorities' links to the Police and Crime Plan.")]
        if linked.isEmpty {
            out.append(.paragraph("9.1 No priority records its link to the Police and Crime Plan."))
            return out
        }
        // Priorities that share one link are said once, with their numbers.
        var groups: [(plan: CitedText, numbers: [Int])] = []
        for p in linked {
            if let i = groups.firstIndex(where: { $0.plan == p.plan }) {
                groups[i].numbers.append(p.number)
            } else {
                groups.append((p.plan!, [p.number]))
            }
        }
        for (i, g) in groups.enumerated() {
            let which =
                g.numbers.count == b.orderedPriorities.count
                ? "Every priority" : "Priorit\(g.numbers.count == 1 ? "y" : "ies") \(g.numbers.map(String.init).joined(separator: ", "))"
            out.append(
                .paragraph("9.\(i + 1) \(which): \(g.plan.text)\(g.plan.isIllustrative ? Provenance.illustrativeMark : "") [\(g.plan.source)]."))
        }
        let without = b.orderedPriorities.filter { $0.plan == nil }
        if !without.isEmpty {
            out.append(
                .paragraph(
                    "No link is recorded for priorit\(without.count == 1 ? "y" : "ies") \(without.map { String($0.number) }.joined(separator: ", "))."
                ))
        }
        return out
    }

    /// What a meeting's paper opens with: who attended and whether the board could decide, and the
    /// agenda with each item's part of this pack.
    static func preamble(_ src: PackSource, _ m: Meeting, _ list: [Part]) -> [PackBlock] {
        let b = src.board
        var out: [PackBlock] = [.heading(2, "Attendance")]
        out.append(
            .paragraph(
                m.quorumText(b) + "."
                    + (b.programme.quorum.map { q in
                        " The quorum rule: decisions need "
                            + (q.required.isEmpty ? "" : q.required.map { b.name(of: $0) }.joined(separator: " and ") + " (or their deputies) and ")
                            + "a majority of the other members present [\(q.source)]."
                    } ?? " No quorum rule is recorded.")))
        if b.programme.quorum?.isIllustrative == true { out.append(.paragraph(Provenance.illustrativeLegend)) }
        let rows: [[PackCell]] =
            [(Attendance.Status.present, "Present"), (.deputy, "Deputising"), (.apologies, "Apologies"), (.absent, "Absent")].compactMap {
                st, label in
                let names = m.attending(st, b)
                return names.isEmpty ? nil : [t(label), t(names.joined(separator: "; "))]
            } + (m.attendees.isEmpty ? [] : [[t("Also attending"), t(m.attendees.joined(separator: "; "))]])
        if !rows.isEmpty { out.append(.table(head: ["", "Members"], rows: rows, right: [])) }
        out.append(.heading(2, "Agenda"))
        let agenda = src.live.agenda(of: m)
        out.append(
            agenda.isEmpty
                ? .paragraph("None recorded.")
                : .table(
                    head: ["#", "Item", "In this pack"],
                    rows: agenda.enumerated().map { i, item in
                        [t("\(i + 1)"), t(item), t(part(for: item, in: list).map(\.heading) ?? "Taken in the meeting (no paper)")]
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
            let amended = p.amendments(src.paperName)
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
        // Workstreams and risks officers marked for this board, each with why.
        let raised = src.live.raised(at: m)
        if !raised.isEmpty {
            out.append(.heading(3, "Raised for the board"))
            out.append(
                .table(
                    head: ["Item", "Why", "Marked by"],
                    rows: raised.map { r in
                        [t("\(r.id) \(r.title)"), t(r.mark.why), t("\(src.live.name(of: r.mark.by)), \(r.mark.day.long)")]
                    }, right: []))
        }
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
                            + (d.changeNote(src.paperName).map { " (\($0))" } ?? "")
                    }))
        out.append(.heading(3, "Actions"))
        out.append(
            m.actions.isEmpty
                ? .paragraph("None recorded.")
                : .table(
                    head: ["#", "Action", "Owner", "Due", "Status"],
                    rows: m.actions.enumerated().map { i, a in
                        [
                            t("\(i + 1)"), t((a.isWithdrawn ? "[Withdrawn] " : "") + a.text + (a.changeNote(src.paperName).map { " (\($0))" } ?? "")),
                            t(a.owner),
                            t(a.due.long), t(a.status(on: max(m.date, src.date)).label),
                        ]
                    }, right: []))
        let amendments = m.amendments(src.paperName)
        if !amendments.isEmpty {
            out.append(.heading(3, "Amendments after the minutes were closed"))
            out.append(.bullets(amendments))
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
                            t(
                                w.history.last.map { "\($0.comment) (\(b.person($0.by, login: $0.login, paper: true)), \($0.day?.long ?? $0.at))" }
                                    ?? ""),
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
    static func monitoring(_ b: Board, asAt: Day) -> [PackBlock] {
        let fu = b.funding
        let r = fu.monitor(asAt: asAt)
        guard r.hasActuals else { return [] }
        let fy = Quarter(year: r.year, number: 1)?.first.financialYear ?? "\(r.year)"
        var out: [PackBlock] = [
            .heading(3, "Budget monitoring, \(fy)"),
            .paragraph(
                "As at \(asAt.long): \(r.quartersEnded == 0 ? "no quarter ended" : "Q\(r.quartersEnded) ended"), \(r.yearElapsed) of the year gone. A variance of \(r.settings.materialityPercent)% or \(Money.format(r.settings.materialityPounds)) or more is material and needs commentary (\(r.settings.source))."
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
                    fu.reprofiles.map {
                        "\(Reprofile.note($0, fu)) (\(b.person($0.by, login: nil, paper: true)), \(Day(String($0.at.prefix(10)))?.long ?? $0.at))"
                    }))
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
        out += monitoring(src.board, asAt: src.board.programme.asAt)
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
                        t(r.id), t(r.title), t(b.name(of: r.owner)), .band(r.band, "\(r.residual.value) \(r.band.name)"),
                        t(reviewText(r, on: b.programme.asAt)),
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
                        t("\(r.target.value)"), t(r.response.rawValue), t(r.status == .open ? reviewText(r, on: b.programme.asAt) : "-"),
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
                "\(total) change\(total == 1 ? "" : "s") saved \(src.previous.map { "since the board of \($0.date.long)" } ?? "before this board"). Each is shown as the member whose login (folder store) or database role (PostgreSQL) saved it, with a name given that differs beside it; a login no member holds is not printed."
            ),
            .table(
                head: ["Saved by", "Changes", "What", "Last"],
                rows: src.changeLog.map {
                    [
                        t(src.board.person($0.name, login: $0.login, paper: true)), t("\($0.count)"), t($0.what),
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

    public static func render(_ src: PackSource) -> String { render(BoardPack.blocks(src)) }

    /// Any paper's blocks (the board pack's, the Programme Summary's) as Markdown.
    public static func render(_ blocks: [PackBlock]) -> String {
        var md = ""
        for block in blocks {
            switch block {
            case .heading(let level, let t): md += String(repeating: "#", count: level) + " " + line(t) + "\n\n"
            case .paragraph(let t): md += text(t, startsLine: true) + "\n\n"
            case .marking(let t): md += "**" + line(t) + "**\n\n"
            case .contents(let entries):
                md +=
                    entries.map { String(repeating: "  ", count: max(0, $0.level - 2)) + "- " + cell("\($0.label) \($0.title)") + "\n" }.joined()
                    + "\n"
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
        ul.contents{list-style:none;padding:0;max-width:40em}ul.contents li{display:flex;justify-content:space-between;gap:1em}ul.contents li.level3{padding-left:1.8em}
        ul.contents a{color:inherit;text-decoration:none}
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

    /// The pack as HTML. `pages` (a heading → the printed page it falls on, found by `vrboard export
    /// --format pdf` from a first printing) fills the contents' page column; without it the column holds
    /// links to the headings.
    public static func render(_ src: PackSource, pages: [String: Int]? = nil) -> String { render(BoardPack.blocks(src), pages: pages) }

    /// Any paper's blocks (the board pack's, the Programme Summary's) as one HTML file.
    public static func render(_ blocks: [PackBlock], pages: [String: Int]? = nil) -> String {
        var title = "Board pack"
        if let t = blocks.lazy.compactMap({ if case .heading(_, let t) = $0 { t } else { nil } }).first { title = t }
        // Printed: a page number at the foot of every page, and the marking at the top and foot of each.
        let marking = blocks.lazy.compactMap { if case .marking(let m) = $0 { m } else { nil } }.first
        let page =
            "@page{size:A4;margin:18mm 15mm;@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:9pt}"
            + (marking.map { m in
                let q = cssString(m)
                return "@top-center{content:\(q);font-weight:bold}@bottom-center{content:\(q);font-weight:bold}"
            } ?? "") + "}"
        // Each part's heading gets an anchor the contents link to.
        var anchors: [String: String] = [:]
        for case .contents(let entries) in blocks {
            for (i, e) in entries.enumerated() { anchors[e.heading] = "part-\(i + 1)" }
        }
        var h =
            "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(esc(title))</title>\n<style>\n\(css)\n\(page)\n</style>\n</head>\n<body>\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                let id = anchors[text].map { " id=\"\($0)\"" } ?? ""
                h += "<h\(level)\(id)>\(esc(text))</h\(level)>\n"
            case .paragraph(let text): h += "<p>\(esc(text))</p>\n"
            case .marking(let text): h += "<p class=\"marking\">\(esc(text))</p>\n"
            case .contents(let entries):
                // A list (a contents is not a data table): each part's label, title and printed page.
                h += "<ul class=\"contents\">\n"
                for e in entries {
                    let page = pages?[e.heading].map { "\($0)" } ?? ""
                    h +=
                        "<li class=\"level\(e.level)\"><a href=\"#\(anchors[e.heading] ?? "")\">\(esc(e.label)) \(esc(e.title))</a><span class=\"page\">\(page)</span></li>\n"
                }
                h += "</ul>\n"
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
                    basis(w, .inYear), basis(w, .overall), w.history.last.map { b.person($0.by, login: $0.login, paper: true) } ?? "",
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
                        iv.id, iv.name, r.quarter.description, "\(r.quarters)", r.label, "\(r.under25)", "\(r.over25)",
                        b.person(r.by, login: nil, paper: true), r.at, r.note,
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

    /// Budget monitoring as finance reads it: each category's budget, each quarter's profile and actual,
    /// to date, forecast outturn, variance in pounds and per cent, favourable or adverse, material, the
    /// commentary; then each intervention's own line beside them, told apart by the first column.
    public static func monitoring(_ b: Board) -> String {
        let r = b.funding.monitor(asAt: b.programme.asAt)
        func row(_ kind: String, _ id: String, _ name: String, _ l: BudgetLine) -> [String] {
            var out = [kind, id, name, "\(l.budget)", "\(l.approved)"]
            for q in 0..<4 { out += ["\(l.profile[q])", l.actuals[q].map { "\($0)" } ?? ""] }
            let illustrative = l.illustrative || l.forecastIllustrative || l.quarterIllustrative.contains(true)
            return out + [
                "\(l.actualToDate)", "\(l.forecast)", "\(l.variance)",
                l.budget == 0 ? "" : String(format: "%.1f", Double(l.variance) * 100 / Double(l.budget)),
                l.varianceShort, l.material ? "yes" : "no", l.commentary?.text ?? (l.material ? "commentary needed" : ""),
                illustrative ? "yes" : "no",
            ]
        }
        let head =
            ["line", "id", "name", "budget_gbp", "approved_gbp"] + (1...4).flatMap { ["q\($0)_profile_gbp", "q\($0)_actual_gbp"] } + [
                "to_date_gbp", "forecast_gbp", "variance_gbp", "variance_percent", "favourable_or_adverse", "material", "commentary", "illustrative",
            ]
        var rows = r.lines.map { row("category", $0.category.id, $0.category.name, $0) }
        rows += b.interventions.items.filter { !$0.archived }.compactMap { iv in
            iv.budgetLine(settings: r.settings, asAt: b.programme.asAt).map { row("intervention", iv.id, iv.name, $0) }
        }
        return document(head, rows)
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

/// Where a printed paper's headings fell: read from the PDF's text (`pdftotext -layout`, pages split by
/// form feeds), so the contents can give each part's page.
public enum PrintedPages {
    /// The text's pages, each as its non-empty lines with runs of spaces made one.
    public static func split(_ text: String) -> [[String]] {
        var pages = text.components(separatedBy: "\u{0C}").map { page in
            page.split(separator: "\n").map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }.filter { !$0.isEmpty }
        }
        // The form feed ends the last page: nothing after it is a page.
        while pages.last?.isEmpty == true { pages.removeLast() }
        return pages
    }

    /// The page (from 1) each heading is on, looked for in order, each after the one before: a heading is
    /// a whole line (or two, should it wrap), so a contents or agenda row naming it is not taken for it.
    public static func pages(of headings: [String], in pages: [[String]]) -> [String: Int] {
        var out: [String: Int] = [:]
        var page = 0, line = 0
        for h in headings {
            var p = page, l = line, found = false
            while p < pages.count && !found {
                let lines = pages[p]
                while l < lines.count {
                    if lines[l] == h || (l + 1 < lines.count && lines[l] + " " + lines[l + 1] == h) {
                        found = true
                        break
                    }
                    l += 1
                }
                if !found {
                    p += 1
                    l = 0
                }
            }
            guard found else { continue }
            out[h] = p + 1
            (page, line) = (p, l + 1)
        }
        return out
    }
}
