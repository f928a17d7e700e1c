import VRModel

/// A decision recorded during the walkthrough.
enum DecisionForm: FormSpec {
    enum Field: String { case text }

    static func open(_ m: Meeting, board b: Board) -> Form {
        Forms.make(
            title: "Record a decision · board of \(m.date.long)", target: .decision(meetingID: m.id),
            fields: [FormField(Field.text, "Decision", text: "", required: true)], baseRev: m.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> String? { form.value(Field.text) }

    static func save(_ text: String, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .decision(let id) = form.target, var m = b.meetings[id] else { return nil }
        m.decisions.append(Decision(text: text, at: now, by: user))
        return (.meeting(m), "Board of \(m.date.long): decision recorded: \(text)")
    }
}

/// An action recorded during the walkthrough: text, owner, due date.
enum MeetingActionForm: FormSpec {
    enum Field: String { case text, owner, due }

    static func open(_ m: Meeting, board b: Board) -> Form {
        let f = [
            FormField(Field.text, "Action", text: "", required: true),
            FormField(Field.owner, "Owner", text: "", required: true),
            FormField(Field.due, "Due", text: m.date.adding(days: 28).description, kind: .date, required: true),
        ]
        return Forms.make(
            title: "Record an action · board of \(m.date.long)", target: .meetingAction(meetingID: m.id), fields: f, baseRev: m.rev, board: b)
    }

    /// A due date before the meeting is allowed (an action already overdue) but said.
    static func check(_ form: inout Form, board b: Board) {
        guard case .meetingAction(let id) = form.target, let m = b.meetings[id], let due = Day(form.value(Field.due)), due < m.date else { return }
        form.summary.append("⚠ due \(due.long), before the meeting (\(m.date.long)): it will show as overdue")
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (text: String, owner: String, due: Day)? {
        guard let due = Day(form.value(Field.due)) else { return nil }
        return (form.value(Field.text), form.value(Field.owner), due)
    }

    static func save(
        _ d: (text: String, owner: String, due: Day), _ form: Form, board b: Board, now: String, user: String
    ) -> (doc: AnyDocument, note: String)? {
        guard case .meetingAction(let id) = form.target, var m = b.meetings[id] else { return nil }
        m.actions.append(MeetingAction(text: d.text, owner: d.owner, due: d.due, at: now, by: user))
        return (.meeting(m), "Board of \(m.date.long): action for \(d.owner) by \(d.due.long): \(d.text)")
    }
}

/// A meeting's attendees, agenda and paper header.
enum MeetingDetailsForm: FormSpec {
    enum Field: String { case reportTo, author, agendaItem }
    static let attendees = "attendee", agenda = "agenda"

    static func open(_ m: Meeting, board b: Board) -> Form {
        let f =
            [
                FormField(Field.reportTo, "Report to", text: m.header.reportTo, required: true),
                FormField(Field.author, "Author", text: m.header.author, required: true),
                FormField(Field.agendaItem, "Agenda item", text: m.header.agendaItem, required: true),
            ] + Forms.listFields(attendees, "Attendee", m.attendees) + Forms.listFields(agenda, "Agenda", m.agenda)
        return Forms.make(
            title: "Meeting of \(m.date.long): attendees, agenda, paper header", target: .meetingDetails(meetingID: m.id), fields: f,
            baseRev: m.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Meeting? {
        guard case .meetingDetails(let id) = form.target, var m = b.meetings[id] else { return nil }
        m.header = PaperHeader(reportTo: form.value(Field.reportTo), author: form.value(Field.author), agendaItem: form.value(Field.agendaItem))
        m.attendees = form.list(attendees)
        m.agenda = form.list(agenda)
        return m
    }

    static func save(_ m: Meeting, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.meeting(m), "Board of \(m.date.long): \(m.attendees.count) attendees and \(m.agenda.count) agenda items recorded")
    }
}
