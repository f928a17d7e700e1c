import VRModel

/// Adding or editing a workstream: title, priority, lead, sponsor, objectives and exit strategy.
enum WorkstreamForm: FormSpec {
    enum Field: String { case id, title, priority, lead, sponsor, exit, exitNote }
    static let objectives = "objective"

    static func open(_ w: Workstream?, board b: Board, priority: String?) -> Form {
        var f: [FormField] = []
        if w == nil { f.append(FormField(Field.id, "ID", text: Forms.suggestID(prefix: "WS-", board: b, priority: priority), required: true)) }
        f.append(FormField(Field.title, "Title", text: w?.title ?? "", required: true))
        f.append(
            FormField(
                Field.priority, "Priority", choices: b.orderedPriorities.map { .init($0.id, "\($0.number). \($0.title)") },
                selected: w?.priority ?? priority))
        f.append(FormField(Field.lead, "Lead", choices: Forms.memberChoices(b), selected: w?.lead))
        f.append(FormField(Field.sponsor, "Sponsor", choices: Forms.memberChoices(b), selected: w?.sponsor))
        f += Forms.listFields(objectives, "Objective", w?.objectives ?? [])
        f.append(
            FormField(
                Field.exit, "Exit strategy", choices: ExitStrategy.Option.allCases.map { .init($0.rawValue, $0.label) },
                selected: w?.exitStrategy?.option.rawValue))
        f.append(FormField(Field.exitNote, "Exit strategy note", text: w?.exitStrategy?.note ?? ""))
        return Forms.make(
            title: w.map { "Edit \($0.id)" } ?? "New workstream", target: .workstream(id: w?.id), fields: f, baseRev: w?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.workstreams.contains(id: $0) }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Workstream? {
        guard case .workstream(let id) = form.target else { return nil }
        var w =
            id.flatMap { b.workstreams[$0] }
            ?? Workstream(
                id: form.value(Field.id), rev: 0, priority: "", title: "", lead: "", sponsor: "", objectives: [],
                inYear: .notRated, overall: .notRated, source: "added in vrboard")
        w.title = form.value(Field.title)
        w.priority = form.value(Field.priority)
        w.lead = form.value(Field.lead)
        w.sponsor = form.value(Field.sponsor)
        w.objectives = form.list(objectives)
        let option = ExitStrategy.Option(rawValue: form.value(Field.exit)) ?? .undecided
        let note = form.value(Field.exitNote)
        w.exitStrategy = option == .undecided && note.isEmpty ? nil : ExitStrategy(option: option, note: note)
        return w
    }

    static func save(_ w: Workstream, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.workstream(w), b.workstreams.contains(id: w.id) ? "Edited workstream \(w.id)" : "Added workstream \(w.id): \(w.title)")
    }
}
