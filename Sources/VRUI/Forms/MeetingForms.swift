import VRModel

/// A decision or action in the minutes: of which meeting, and which one.
public enum MinuteRef: Equatable, Sendable {
    case decision(meeting: String, index: Int)
    case action(meeting: String, index: Int)

    public var meetingID: String {
        switch self {
        case .decision(let m, _), .action(let m, _): m
        }
    }

    /// `D2`, `A1`; an earlier meeting's action carries its date: `A1 of 2 Sep 2026`.
    func label(in b: Board, current: String?) -> String {
        switch self {
        case .decision(_, let i): "D\(i + 1)"
        case .action(let m, let i): "A\(i + 1)" + (m == current ? "" : " of " + (b.meetings[m]?.date.long ?? m))
        }
    }

    func item(in b: Board) -> (any MinuteItem)? {
        guard let m = b.meetings[meetingID] else { return nil }
        switch self {
        case .decision(_, let i): return m.decisions.indices.contains(i) ? m.decisions[i] : nil
        case .action(_, let i): return m.actions.indices.contains(i) ? m.actions[i] : nil
        }
    }
}

/// Why a meeting's minutes cannot take a new decision or action now; nil when they can.
func recordRefusal(_ m: Meeting) -> String? {
    switch m.stage {
    case .draft: "the meeting is still a draft: {walk.hold} starts it (freezing the slides) before decisions and actions are recorded"
    case .held: nil
    case .closed: "the minutes of \(m.date.long) are closed: {walk.minutes} corrects or withdraws an item (recorded as an amendment)"
    }
}

/// A decision recorded during the walkthrough, or one corrected.
enum DecisionForm: FormSpec {
    enum Field: String { case text, business }

    static func open(_ m: Meeting, index: Int? = nil, board b: Board) -> Form {
        let existing = index.flatMap { m.decisions.indices.contains($0) ? m.decisions[$0] : nil }
        return Forms.make(
            title: existing == nil
                ? "Record a decision · board of \(m.date.long)" : "Correct decision \((index ?? 0) + 1) · board of \(m.date.long)",
            target: .decision(meetingID: m.id, index: existing == nil ? nil : index),
            fields: [FormField(Field.text, "Decision", text: existing?.text ?? "", kind: .longText, required: true)]
                + businessField(existing, board: b),
            baseRev: m.rev,
            board: b)
    }

    /// Which item of the board's annual business the decision settles, when any is open (or it settled one).
    static func businessField(_ d: Decision?, board b: Board) -> [FormField] {
        let items = b.programme.business.filter { b.settlement(of: $0) == nil || $0.id == d?.business }
        guard !items.isEmpty else { return [] }
        return [
            FormField(
                Field.business, "Settles annual business",
                choices: [.init("", "none")] + items.map { .init($0.id, "\($0.title) (due \($0.due.long))") }, selected: d?.business ?? "")
        ]
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .decision(let id, let index) = form.target, let m = b.meetings[id] else { return }
        if index == nil, case .inquorate = m.quorum(m.shown(live: b)) {
            form.summary.append("⚠ the meeting is not quorate: the decision will be marked as taken without a quorum")
        }
        if index != nil && m.stage == .closed { form.summary.append("The minutes are closed: this correction is recorded as an amendment") }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> String? { form.value(Field.text) }

    static func save(_ text: String, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .decision(let id, let index) = form.target, var m = b.meetings[id] else { return nil }
        let business = form.value(Field.business).isEmpty ? nil : form.value(Field.business)
        if let i = index {
            m.correctDecision(i, to: text, at: now, by: user)
            m.decisions[i].business = business
            return (.meeting(m), "Board of \(m.date.long): decision \(i + 1) \(m.stage == .closed ? "amended" : "corrected"): \(text)")
        }
        let quorate = m.quorum(m.shown(live: b)).isQuorate
        var d = Decision(text: text, at: now, by: user, quorate: quorate)
        d.business = business
        m.decisions.append(d)
        let settles = business.flatMap { id in b.programme.business.first { $0.id == id } }.map { " (settles: \($0.title))" } ?? ""
        return (.meeting(m), "Board of \(m.date.long): decision recorded\(quorate == false ? " (not quorate)" : "")\(settles): \(text)")
    }
}

/// An action recorded during the walkthrough (text, owner, due date), or one corrected.
enum MeetingActionForm: FormSpec {
    enum Field: String { case text, owner, other, due }

    static func open(_ m: Meeting, index: Int? = nil, board b: Board) -> Form {
        let existing = index.flatMap { m.actions.indices.contains($0) ? m.actions[$0] : nil }
        let f =
            [FormField(Field.text, "Action", text: existing?.text ?? "", kind: .longText, required: true)]
            + Forms.ownerFields(Field.owner, Field.other, current: existing?.owner, board: b) + [
                FormField(Field.due, "Due", text: (existing?.due ?? m.date.adding(days: 28)).description, kind: .date, required: true)
            ]
        return Forms.make(
            title: existing == nil
                ? "Record an action · board of \(m.date.long)" : "Correct action \((index ?? 0) + 1) · board of \(m.date.long)",
            target: .meetingAction(meetingID: m.id, index: existing == nil ? nil : index), fields: f, baseRev: m.rev, board: b)
    }

    /// A due date before the meeting is allowed (an action already overdue) but said.
    static func check(_ form: inout Form, board b: Board) {
        guard case .meetingAction(let id, let index) = form.target, let m = b.meetings[id] else { return }
        Forms.checkOwner(&form, Field.owner, Field.other)
        if let due = form.date(Field.due), due < m.date {
            form.summary.append("⚠ due \(due.long), before the meeting (\(m.date.long)): it will show as overdue")
        }
        if index != nil && m.stage == .closed { form.summary.append("The minutes are closed: this correction is recorded as an amendment") }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (text: String, owner: String, due: Day)? {
        let owner = Forms.owner(form, Field.owner, Field.other)
        guard let due = form.date(Field.due), !owner.isEmpty else { return nil }
        return (form.value(Field.text), owner, due)
    }

    static func save(
        _ d: (text: String, owner: String, due: Day), _ form: Form, board b: Board, now: String, user: String
    ) -> (doc: AnyDocument, note: String)? {
        guard case .meetingAction(let id, let index) = form.target, var m = b.meetings[id] else { return nil }
        if let i = index {
            m.correctAction(i, to: d, at: now, by: user)
            return (.meeting(m), "Board of \(m.date.long): action \(i + 1) \(m.stage == .closed ? "amended" : "corrected"): \(d.text)")
        }
        m.actions.append(MeetingAction(text: d.text, owner: d.owner, due: d.due, at: now, by: user))
        return (.meeting(m), "Board of \(m.date.long): action for \(d.owner) by \(d.due.long): \(d.text)")
    }
}

/// Withdrawing a decision or action: kept in the minutes, marked withdrawn, with the reason.
enum WithdrawForm: FormSpec {
    enum Field: String { case reason }

    static func open(_ ref: MinuteRef, board b: Board) -> Form? {
        guard let m = b.meetings[ref.meetingID], let item = ref.item(in: b) else { return nil }
        return Forms.make(
            title: "Withdraw \(ref.label(in: b, current: nil)) · \(Width.truncate(item.text, to: 50))", target: .withdraw(ref),
            fields: [FormField(Field.reason, "Reason", text: "", required: true)], baseRev: m.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .withdraw(let ref) = form.target, let m = b.meetings[ref.meetingID] else { return }
        form.summary.append(
            m.stage == .closed
                ? "The minutes are closed: the withdrawal is recorded as an amendment" : "It stays in the minutes, marked withdrawn, with the reason")
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> String? { form.value(Field.reason) }

    static func save(_ reason: String, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .withdraw(let ref) = form.target, var m = b.meetings[ref.meetingID] else { return nil }
        switch ref {
        case .decision(_, let i): m.withdraw(decision: i, reason: reason, at: now, by: user)
        case .action(_, let i): m.withdraw(action: i, reason: reason, at: now, by: user)
        }
        return (.meeting(m), "Board of \(m.date.long): \(ref.label(in: b, current: m.id)) withdrawn: \(reason)")
    }
}

/// A meeting's recommendations, agenda and others in attendance.
enum MeetingDetailsForm: FormSpec {
    static let attendees = "attendee", agenda = "agenda", recommendations = "recommendation"

    static func open(_ m: Meeting, board b: Board) -> Form {
        let f =
            Forms.listFields(recommendations, "The board is asked to", m.recommendations) + Forms.listFields(agenda, "Agenda", m.agenda)
            + Forms.listFields(attendees, "Also attending", m.attendees)
        return Forms.make(
            title: "Meeting of \(m.date.long): recommendations, agenda, others attending", target: .meetingDetails(meetingID: m.id), fields: f,
            baseRev: m.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Meeting? {
        guard case .meetingDetails(let id) = form.target, var m = b.meetings[id] else { return nil }
        m.recommendations = form.list(recommendations)
        m.attendees = form.list(attendees)
        m.agenda = form.list(agenda)
        return m
    }

    static func save(_ m: Meeting, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (
            .meeting(m),
            "Board of \(m.date.long): \(m.recommendations.count) recommendations, \(m.agenda.count) agenda items and \(m.attendees.count) others attending recorded"
        )
    }
}

/// The board paper in 001's format: what it is for, whether it is published, who reports and who else
/// to contact (members, with their e-mail), and the sections only a person can write, each a text of
/// several lines ("None" when there is nothing to say).
enum PaperForm: FormSpec {
    enum Field: String { case purpose = "for", publication, reportTo, agendaItem, author }
    static let contacts = 3

    static func open(_ m: Meeting, board b: Board) -> Form {
        let h = m.header
        let publications =
            [FormField.Choice("public", "Public")]
            + PaperHeader.Exemption.allCases.map { FormField.Choice("not:" + $0.rawValue, "Not for publication: " + $0.label) }
        let people = [FormField.Choice("", "Not chosen")] + Forms.memberChoices(b)
        let author = h.authorMember ?? b.member(named: h.author)?.id
        var f = [
            FormField(Field.purpose, "For", choices: PaperHeader.Purpose.allCases.map { .init($0.rawValue, $0.label) }, selected: h.purpose.rawValue),
            FormField(
                Field.publication, "Publication", choices: publications,
                selected: h.publication == .published ? "public" : "not:" + (h.exemption ?? .personal).rawValue),
            FormField(Field.reportTo, "Report to", text: h.reportTo, required: true),
            FormField(Field.agendaItem, "Agenda item", text: h.agendaItem, required: true),
            FormField(Field.author, "Report author", choices: people, selected: author ?? ""),
        ]
        for n in 0..<contacts {
            f.append(
                FormField("contact.\(n)", "Other contact \(n + 1)", choices: people, selected: h.contacts.indices.contains(n) ? h.contacts[n] : ""))
        }
        for w in PaperHeader.Written.allCases {
            f.append(FormField(w.rawValue, "\(w.number) \(w.title)", text: h.texts[w.rawValue] ?? "", kind: .longText))
        }
        return Forms.make(
            title: "Meeting of \(m.date.long): the paper (001's report format)", target: .paper(meetingID: m.id), fields: f, baseRev: m.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .paper(let id) = form.target, let m = b.meetings[id], let d = draft(form, board: b, today: b.programme.asAt) else { return }
        if let i = form.fields.firstIndex(where: { $0.key == Field.author.rawValue }), let a = d.header.authorMember, let member = b.members[a] {
            form.fields[i].note = member.email ?? "no e-mail on the member"
        }
        for w in PaperHeader.Written.allCases {
            guard let i = form.fields.firstIndex(where: { $0.key == w.rawValue }) else { continue }
            switch d.header.state(w) {
            case .none: form.fields[i].note = "None"
            case .notWritten: form.fields[i].note = "not yet written"
            case .text: break
            }
        }
        let missing = d.header.unwritten(recommendations: m.recommendations)
        form.summary.append(
            missing.isEmpty
                ? "✓ Every section is written or said to be none"
                : "⚠ Not yet written: section\(missing.count == 1 ? "" : "s") \(missing.map { "\($0.number)" }.joined(separator: ", ")) (or type None)"
        )
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Meeting? {
        guard case .paper(let id) = form.target, var m = b.meetings[id] else { return nil }
        var h = m.header
        h.purpose = PaperHeader.Purpose(rawValue: form.value(Field.purpose)) ?? .consideration
        let pub = form.value(Field.publication)
        h.publication = pub == "public" ? .published : .notForPublication
        h.exemption = pub.hasPrefix("not:") ? PaperHeader.Exemption(rawValue: String(pub.dropFirst(4))) : nil
        h.reportTo = form.value(Field.reportTo)
        h.agendaItem = form.value(Field.agendaItem)
        let author = form.value(Field.author)
        h.authorMember = author.isEmpty ? nil : author
        if let a = h.authorMember.flatMap({ b.members[$0] }) { h.author = a.name }
        var chosen: [String] = []
        for n in 0..<contacts {
            let c = form.value("contact.\(n)")
            if !c.isEmpty && !chosen.contains(c) { chosen.append(c) }
        }
        h.contacts = chosen
        for w in PaperHeader.Written.allCases {
            let t = form.value(w.rawValue)
            h.texts[w.rawValue] = t.isEmpty ? nil : t
        }
        m.header = h
        return m
    }

    static func save(_ m: Meeting, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        let missing = m.header.unwritten(recommendations: m.recommendations)
        return (
            .meeting(m),
            "Board of \(m.date.long): paper saved"
                + (missing.isEmpty
                    ? ", every section written" : "; not yet written: \(missing.map { "\($0.number)" }.joined(separator: ", "))")
        )
    }
}

/// The sub-group chairs' reports: one short report per sub-group.
enum SubGroupReportForm: FormSpec {
    static func open(_ m: Meeting, board b: Board) -> Form {
        let fields = b.programme.subGroups.map { g in
            FormField("report.\(g.id)", Width.truncate(g.name, to: 30), text: m.reports.first { $0.subGroup == g.id }?.text ?? "")
        }
        return Forms.make(
            title: "Reports from sub-group chairs · board of \(m.date.long)", target: .subGroupReports(meetingID: m.id), fields: fields,
            baseRev: m.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        if b.programme.subGroups.isEmpty { form.summary.append("No sub-groups are recorded in the programme") }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> [(String, String)]? {
        b.programme.subGroups.map { ($0.id, form.value("report.\($0.id)")) }
    }

    static func save(_ d: [(String, String)], _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .subGroupReports(let id) = form.target, var m = b.meetings[id] else { return nil }
        let old = m.reports
        m.reports = d.compactMap { group, text in
            guard !text.isEmpty else { return nil }
            // A report kept as it was keeps who recorded it and when.
            if let same = old.first(where: { $0.subGroup == group && $0.text == text }) { return same }
            return SubGroupReport(subGroup: group, text: text, at: now, by: user)
        }
        return (.meeting(m), "Board of \(m.date.long): \(m.reports.count) sub-group report\(m.reports.count == 1 ? "" : "s") recorded")
    }
}

/// The standing first item: were the previous meeting's minutes approved, or amended?
enum MinutesApprovalForm: FormSpec {
    enum Field: String { case outcome, note }

    static func open(_ m: Meeting, previous: Meeting, board b: Board) -> Form {
        let choices = MinutesApproval.Outcome.allCases.map { FormField.Choice($0.rawValue, $0.label) }
        return Forms.make(
            title: "Minutes of \(previous.date.long) · board of \(m.date.long)", target: .minutesApproval(meetingID: m.id),
            fields: [
                FormField(Field.outcome, "Minutes", choices: choices, selected: m.minutesApproval?.outcome.rawValue),
                FormField(Field.note, "Amendments or note", text: m.minutesApproval?.note ?? ""),
            ], baseRev: m.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        if form.value(Field.outcome) == MinutesApproval.Outcome.amended.rawValue, let i = form.index(Field.note), form.value(Field.note).isEmpty {
            form.fields[i].error = "say what was amended"
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (MinutesApproval.Outcome, String)? {
        MinutesApproval.Outcome(rawValue: form.value(Field.outcome)).map { ($0, form.value(Field.note)) }
    }

    static func save(
        _ d: (MinutesApproval.Outcome, String), _ form: Form, board b: Board, now: String, user: String
    ) -> (doc: AnyDocument, note: String)? {
        guard case .minutesApproval(let id) = form.target, var m = b.meetings[id], let previous = b.meeting(before: m.date) else { return nil }
        m.minutesApproval = MinutesApproval(meeting: previous.id, outcome: d.0, note: d.1, at: now, by: user)
        return (
            .meeting(m), "Board of \(m.date.long): minutes of \(previous.date.long) \(d.0 == .approved ? "approved" : "approved with amendments")"
        )
    }
}
