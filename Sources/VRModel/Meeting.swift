/// What happens to a workstream when the funding ends [004 §59]: exit, mainstream into a partner's
/// core business, or continue with other funding.
public struct ExitStrategy: Codable, Sendable, Equatable {
    public enum Option: String, Codable, Sendable, ListedValues, CaseIterable {
        case undecided, exit, mainstream, continuation
        public var label: String {
            switch self {
            case .undecided: "Undecided"
            case .exit: "Exit"
            case .mainstream: "Mainstream"
            case .continuation: "Continue"
            }
        }
    }
    public var option: Option
    public var note: String
    public init(option: Option, note: String) {
        self.option = option
        self.note = note
    }
}

/// The header every board paper carries, and the sections only a person can write [001]: the report
/// format of the Commissioner's office (For Consideration, Public, Report to, Date of Meeting, Report of,
/// Report Author with e-mail, Other Contacts, Agenda Item; then twelve numbered sections).
public struct PaperHeader: Codable, Sendable, Equatable {
    /// What the board is asked to do with the paper: the first line of 001's header.
    public enum Purpose: String, Codable, Sendable, ListedValues, CaseIterable {
        case consideration, decision, information
        public var label: String { "For " + rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }
    /// Whether the paper is published (001: Public), or not, and why.
    public enum Publication: String, Codable, Sendable, ListedValues, CaseIterable {
        case published = "public", notForPublication = "not-for-publication"
        public var label: String { self == .published ? "Public" : "Not for publication" }
    }
    /// Why a paper is not for publication: a short list a secretary chooses from.
    public enum Exemption: String, Codable, Sendable, ListedValues, CaseIterable {
        case personal, commercial, policing, confidence, legal
        public var label: String {
            switch self {
            case .personal: "information about an individual"
            case .commercial: "commercially sensitive information (providers' contracts and prices)"
            case .policing: "operational policing information"
            case .confidence: "information given in confidence by a partner"
            case .legal: "legal advice"
            }
        }
    }
    /// The sections of the paper only a person can write: the secretary writes them in the paper form.
    public enum Written: String, Codable, Sendable, ListedValues, CaseIterable {
        case purpose, reasons, humanResources, legal, consultation
        /// The section's number in 001's format.
        public var number: Int {
            switch self {
            case .purpose: 1
            case .reasons: 3
            case .humanResources: 6
            case .legal: 10
            case .consultation: 11
            }
        }
        public var title: String {
            switch self {
            case .purpose: "Purpose of the Report"
            case .reasons: "Reasons for Recommendations"
            case .humanResources: "Human Resources Implications"
            case .legal: "Changes in Legislation or other Legal Considerations"
            case .consultation: "Details of outcome of consultation"
            }
        }
    }
    /// What a written section holds: its text, "none" said by the secretary, or nothing yet.
    public enum State: Equatable, Sendable {
        case text(String), none, notWritten
    }

    public var reportTo: String
    /// The author as typed, for papers written before authors were members (and when none is chosen).
    public var author: String
    public var agendaItem: String
    public var purpose: Purpose
    public var publication: Publication
    /// Set when not for publication.
    public var exemption: Exemption?
    /// The report author and other contacts: members' ids.
    public var authorMember: String?
    public var contacts: [String]
    /// The secretary's texts, by `Written` raw value.
    public var texts: [String: String]

    public init(reportTo: String, author: String, agendaItem: String) {
        self.reportTo = reportTo
        self.author = author
        self.agendaItem = agendaItem
        purpose = .consideration
        publication = .published
        exemption = nil
        authorMember = nil
        contacts = []
        texts = [:]
    }

    enum CodingKeys: String, CodingKey {
        case reportTo, author, agendaItem, purpose, publication, exemption, authorMember, contacts, texts
    }

    /// Headers written before the paper form carry only the first three.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reportTo = try c.decode(String.self, forKey: .reportTo)
        author = try c.decode(String.self, forKey: .author)
        agendaItem = try c.decode(String.self, forKey: .agendaItem)
        purpose = try c.decodeIfPresent(Purpose.self, forKey: .purpose) ?? .consideration
        publication = try c.decodeIfPresent(Publication.self, forKey: .publication) ?? .published
        exemption = try c.decodeIfPresent(Exemption.self, forKey: .exemption)
        authorMember = try c.decodeIfPresent(String.self, forKey: .authorMember)
        contacts = try c.decodeIfPresent([String].self, forKey: .contacts) ?? []
        texts = try c.decodeIfPresent([String: String].self, forKey: .texts) ?? [:]
    }

    /// Written only where set, so a header the paper form never touched reads as it did.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(reportTo, forKey: .reportTo)
        try c.encode(author, forKey: .author)
        try c.encode(agendaItem, forKey: .agendaItem)
        if purpose != .consideration { try c.encode(purpose, forKey: .purpose) }
        if publication != .published { try c.encode(publication, forKey: .publication) }
        try c.encodeIfPresent(exemption, forKey: .exemption)
        try c.encodeIfPresent(authorMember, forKey: .authorMember)
        if !contacts.isEmpty { try c.encode(contacts, forKey: .contacts) }
        if !texts.isEmpty { try c.encode(texts, forKey: .texts) }
    }

    /// Words a secretary writes to say a section has nothing to report (001 writes "NA").
    public static let noneWords: Set<String> = ["none", "na", "n/a", "nil", "none.", "not applicable"]

    /// What the secretary has written for `section`.
    public func state(_ section: Written) -> State {
        let t = (texts[section.rawValue] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if t.isEmpty { return .notWritten }
        return PaperHeader.noneWords.contains(t.lowercased()) ? .none : .text(t)
    }

    /// The sections of the paper not yet written, by number and title, in order (the recommendations,
    /// section 2, included), for the screen and `vrboard meetings`.
    public func unwritten(recommendations: [String]) -> [(number: Int, title: String)] {
        let written = Written.allCases.filter { state($0) == .notWritten }.map { (number: $0.number, title: $0.title) }
        return (written + (recommendations.isEmpty ? [(2, "Recommendations")] : [])).sorted { $0.number < $1.number }
    }
}

/// The programme as it was shown at a meeting: frozen, so looking back shows what the board saw.
public struct Snapshot: Codable, Sendable, Equatable {
    public var programme: Programme
    public var funding: Funding
    public var priorities: [Priority]
    public var workstreams: [Workstream]
    public var risks: [Risk]
    public var members: [Member]
    /// The interventions and evaluations as shown (empty in a snapshot taken before the register).
    public var interventions: [Intervention]
    public var evaluations: [Evaluation]
    public var outcomes: [OutcomeMeasure]
    /// The documents its figures cite (empty in a snapshot taken before stores declared them).
    public var sources: [SourceDocument]

    public init(of b: Board) {
        programme = b.programme
        funding = b.funding
        priorities = b.priorities.items
        workstreams = b.workstreams.items
        risks = b.risks.items
        members = b.members.items
        interventions = b.interventions.items
        evaluations = b.evaluations.items
        outcomes = b.outcomes.items
        sources = b.sources.items
    }

    enum CodingKeys: String, CodingKey {
        case programme, funding, priorities, workstreams, risks, members, interventions, evaluations, outcomes, sources
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        programme = try c.decode(Programme.self, forKey: .programme)
        funding = try c.decode(Funding.self, forKey: .funding)
        priorities = try c.decode([Priority].self, forKey: .priorities)
        workstreams = try c.decode([Workstream].self, forKey: .workstreams)
        risks = try c.decode([Risk].self, forKey: .risks)
        members = try c.decode([Member].self, forKey: .members)
        interventions = try c.decodeIfPresent([Intervention].self, forKey: .interventions) ?? []
        evaluations = try c.decodeIfPresent([Evaluation].self, forKey: .evaluations) ?? []
        outcomes = try c.decodeIfPresent([OutcomeMeasure].self, forKey: .outcomes) ?? []
        sources = try c.decodeIfPresent([SourceDocument].self, forKey: .sources) ?? []
    }

    /// The snapshot as a board (with no meetings of its own), for the same views and reports.
    public var board: Board {
        Board(
            programme: programme, funding: funding, members: members, priorities: priorities, workstreams: workstreams, risks: risks,
            interventions: interventions, evaluations: evaluations, outcomes: outcomes, sources: sources)
    }
}

/// A meeting of the strategic board: when, who, the agenda, the programme as shown, and its record.
public struct Meeting: StoreDocument {
    public var id: String
    public var rev: Int
    public var date: Day
    public var title: String
    /// Where the meeting is in its life: draft, held, closed.
    public var stage: MeetingStage
    /// When it was held (the snapshot frozen) and closed (the minutes final).
    public var heldAt: String?
    public var closedAt: String?
    /// The board members' attendance: present, by a deputy, apologies, absent.
    public var attendance: [Attendance]
    /// Others in attendance (officers, guests), as written.
    public var attendees: [String]
    public var agenda: [String]
    public var header: PaperHeader
    /// The programme as shown: frozen when the meeting is held. A draft keeps none (its slides follow the
    /// live board), so starting one writes a few hundred bytes, not a copy of the board.
    public var snapshot: Snapshot?
    /// Where the board stood when the meeting was held: the store's journal position (the last change the
    /// board on the screen included). The board as held is rebuilt from the store when it is shown, so a
    /// held meeting keeps a reference, not a copy. Meetings held before carry a `snapshot` instead.
    public var heldSeq: Int?
    /// "The board is asked to": the paper's recommendations.
    public var recommendations: [String]
    /// The standing first item: the previous meeting's minutes approved (or amended).
    public var minutesApproval: MinutesApproval?
    /// The sub-group chairs' reports.
    public var reports: [SubGroupReport]
    public var decisions: [Decision]
    public var actions: [MeetingAction]

    public init(
        id: String, rev: Int = 1, date: Day, title: String, stage: MeetingStage = .draft, attendance: [Attendance] = [], attendees: [String],
        agenda: [String], header: PaperHeader, snapshot: Snapshot? = nil, recommendations: [String] = [], decisions: [Decision] = [],
        actions: [MeetingAction] = []
    ) {
        self.id = id
        self.rev = rev
        self.date = date
        self.title = title
        self.stage = stage
        self.attendance = attendance
        self.attendees = attendees
        self.agenda = agenda
        self.header = header
        self.snapshot = snapshot
        self.recommendations = recommendations
        self.reports = []
        self.decisions = decisions
        self.actions = actions
    }

    enum CodingKeys: String, CodingKey {
        case id, rev, date, title, stage, heldAt, closedAt, attendance, attendees, agenda, header, snapshot, heldSeq, recommendations,
            minutesApproval, reports, decisions, actions
    }

    /// Meetings recorded before meetings had a life were frozen when opened: they read as held.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        rev = try c.decode(Int.self, forKey: .rev)
        date = try c.decode(Day.self, forKey: .date)
        title = try c.decode(String.self, forKey: .title)
        stage = try c.decodeIfPresent(MeetingStage.self, forKey: .stage) ?? .held
        heldAt = try c.decodeIfPresent(String.self, forKey: .heldAt)
        closedAt = try c.decodeIfPresent(String.self, forKey: .closedAt)
        attendance = try c.decodeIfPresent([Attendance].self, forKey: .attendance) ?? []
        attendees = try c.decode([String].self, forKey: .attendees)
        agenda = try c.decode([String].self, forKey: .agenda)
        header = try c.decode(PaperHeader.self, forKey: .header)
        // A draft's copy of the board (written before drafts kept none) is dropped on reading: the next
        // write of the meeting, or of the store's meetings file, leaves it out.
        snapshot = stage == .draft ? nil : try c.decodeIfPresent(Snapshot.self, forKey: .snapshot)
        heldSeq = stage == .draft ? nil : try c.decodeIfPresent(Int.self, forKey: .heldSeq)
        recommendations = try c.decodeIfPresent([String].self, forKey: .recommendations) ?? []
        minutesApproval = try c.decodeIfPresent(MinutesApproval.self, forKey: .minutesApproval)
        reports = try c.decodeIfPresent([SubGroupReport].self, forKey: .reports) ?? []
        decisions = try c.decode([Decision].self, forKey: .decisions)
        actions = try c.decode([MeetingAction].self, forKey: .actions)
    }

    /// The standing agenda of the strategic board: the previous minutes and matters arising first, then
    /// the 004 ToR's standing items (highlight report, sub-group chairs' reports, exit strategy) with the
    /// funding and the escalated risks the board oversees.
    public static let standingAgenda = [
        "Minutes of the last meeting and matters arising",
        "VRU highlight report",
        "Reports from sub-group chairs",
        "Funding and grant conditions",
        "Escalated risks",
        "Exit strategy",
    ]

    /// A new draft meeting on `date`: its slides follow the live board until it is held.
    public static func new(on date: Day, board b: Board, author: String) -> Meeting {
        var m = Meeting(
            id: date.description, date: date, title: "Strategic Violence Reduction Board", attendees: [], agenda: standingAgenda,
            header: PaperHeader(reportTo: "Strategic Violence Reduction Board", author: author, agendaItem: "VRU highlight report"))
        // The author is the member who starts it, when the name or login is a member's.
        m.header.authorMember = b.member(named: author)?.id
        return m
    }

    /// Held: the board as it stands at journal position `seq` (the board on the screen) is the board
    /// shown from now on. The meeting records the position, not a copy; without a journal (`seq` nil)
    /// it keeps a copy.
    public mutating func hold(board b: Board, seq: Int?, at now: String) {
        if let seq {
            heldSeq = seq
            snapshot = nil
        } else {
            snapshot = Snapshot(of: b)
        }
        stage = .held
        heldAt = now
    }

    /// Whether the board as held must be rebuilt from the store (it holds a position, not a copy).
    public var needsFrozenBoard: Bool { stage != .draft && heldSeq != nil && snapshot == nil }

    /// Closed: the minutes are final; a later change is an amendment.
    public mutating func close(at now: String) {
        stage = .closed
        closedAt = now
    }

    /// Corrects a decision's text; after closing, an amendment.
    public mutating func correctDecision(_ i: Int, to text: String, at now: String, by user: String) {
        guard decisions.indices.contains(i), decisions[i].text != text else { return }
        decisions[i].corrections.append(Correction(previous: decisions[i].text, at: now, by: user, amendment: stage == .closed))
        decisions[i].text = text
    }

    /// Corrects an action's text, owner or due date; after closing, an amendment.
    public mutating func correctAction(_ i: Int, to a: (text: String, owner: String, due: Day), at now: String, by user: String) {
        guard actions.indices.contains(i) else { return }
        let old = actions[i]
        guard old.text != a.text || old.owner != a.owner || old.due != a.due else { return }
        actions[i].corrections.append(
            Correction(previous: "\(old.text) (\(old.owner), due \(old.due.long))", at: now, by: user, amendment: stage == .closed))
        (actions[i].text, actions[i].owner, actions[i].due) = a
    }

    /// Withdraws a decision (kept in the record, marked withdrawn).
    public mutating func withdraw(decision i: Int, reason: String, at now: String, by user: String) {
        guard decisions.indices.contains(i) else { return }
        decisions[i].withdrawn = Withdrawal(reason: reason, at: now, by: user, amendment: stage == .closed)
    }

    /// Withdraws an action (kept in the record, marked withdrawn).
    public mutating func withdraw(action i: Int, reason: String, at now: String, by user: String) {
        guard actions.indices.contains(i) else { return }
        actions[i].withdrawn = Withdrawal(reason: reason, at: now, by: user, amendment: stage == .closed)
    }
}

/// One workstream's rating then and now.
/// How a workstream's two ratings moved since the last board, with the changes recorded since.
public struct RatingMovement: Equatable, Sendable {
    public let workstream: Workstream
    /// The in-year rating at the last board (nil: the workstream is new since).
    public let before: RAG?
    public let after: RAG
    /// The overall rating at the last board, and now.
    public let overallBefore: RAG?
    public let overallAfter: RAG
    public let comments: [RatingChange]

    public init(workstream: Workstream, before: RAG?, after: RAG, overallBefore: RAG?, overallAfter: RAG, comments: [RatingChange]) {
        self.workstream = workstream
        self.before = before
        self.after = after
        self.overallBefore = overallBefore
        self.overallAfter = overallAfter
        self.comments = comments
    }

    /// The rating of `kind` then and now.
    public func rating(_ kind: RatingKind) -> (before: RAG?, after: RAG) { kind == .inYear ? (before, after) : (overallBefore, overallAfter) }

    /// True when the rating of `kind` is not what it was at the last board.
    public func moved(_ kind: RatingKind) -> Bool {
        let r = rating(kind)
        return r.before != r.after
    }

    /// The latest comment recorded since the last board.
    public var latest: RatingChange? { comments.max { $0.at < $1.at } }
}

extension Board {
    /// Meetings, oldest first.
    public var orderedMeetings: [Meeting] { meetings.items.sorted { $0.date < $1.date } }

    /// The latest meeting held before `date` (a draft never held is not a board that met).
    public func meeting(before date: Day) -> Meeting? { orderedMeetings.last { $0.date < date && $0.stage != .draft } }

    /// Days back that "changed since the last board" looks when no earlier board is recorded: a quarter.
    public static let firstBoardWindow = 92

    /// Workstreams whose ratings moved since a previous board's snapshot, with the comments recorded
    /// since; with no earlier board, those changed in the quarter before the as-at date. Worst first.
    public func changes(since previous: Board?) -> [RatingMovement] {
        var out: [RatingMovement] = []
        let old = Dictionary((previous?.workstreams.items ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let cutoff = programme.asAt.adding(days: -Board.firstBoardWindow)
        for w in activeWorkstreams {
            let since: [RatingChange]
            let before: RAG?, overallBefore: RAG?
            if previous != nil {
                since = old[w.id].map { o in w.history.filter { c in !o.history.contains(c) } } ?? w.history
                before = old[w.id]?.inYear
                overallBefore = old[w.id]?.overall
            } else {
                since = w.history.filter { ($0.day ?? cutoff) >= cutoff }
                // A first rating in the window was new then (nil), not unchanged.
                before = since.first { $0.kind == .inYear }.map { $0.from } ?? w.inYear
                overallBefore = since.first { $0.kind == .overall }.map { $0.from } ?? w.overall
            }
            if before != w.inYear || overallBefore != w.overall || !since.isEmpty {
                out.append(
                    RatingMovement(
                        workstream: w, before: before, after: w.inYear, overallBefore: overallBefore, overallAfter: w.overall, comments: since))
            }
        }
        return out.sorted { ($0.after, $0.workstream.id) < ($1.after, $1.workstream.id) }
    }
}
