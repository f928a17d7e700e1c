import VRModel

/// A value for an outcome measure as it comes: the quarter (or a period in words), the value, a note.
/// A quarter not yet ended is refused; a second value for a quarter corrects the first.
enum OutcomeValueForm: FormSpec {
    enum Field: String { case quarter, period, value, note }

    static func open(_ o: OutcomeMeasure, board b: Board) -> Form {
        let q = Quarter(containing: b.programme.asAt).previous
        let f = [
            FormField(Field.quarter, "Quarter (e.g. 2021-Q2; blank for a period in words)", text: q.description),
            FormField(Field.period, "Period in words (when not a quarter)", text: ""),
            FormField(Field.value, "Value", text: "", required: true),
            FormField(Field.note, "Note (where the figure comes from)", text: ""),
        ]
        return Forms.make(title: "Record a value: \(o.id) \(o.title)", target: .outcomeValue(id: o.id), fields: f, baseRev: o.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .outcomeValue(let id) = form.target, let o = b.outcomes[id] else { return }
        if let i = form.index(Field.value), !form.fields[i].value.isEmpty, case .failure(let e) = OutcomeMeasure.parse(form.fields[i].value) {
            form.fields[i].error = e.description
        }
        guard let qi = form.index(Field.quarter) else { return }
        let text = form.fields[qi].value
        if text.isEmpty {
            if form.value(Field.period).isEmpty, let pi = form.index(Field.period) { form.fields[pi].error = "a quarter or a period is needed" }
            return
        }
        guard let q = Quarter(text) else {
            form.fields[qi].error = "not a quarter (e.g. 2021-Q2: Q1 is April-June)"
            return
        }
        form.fields[qi].note = "\(q.first.long)-\(q.last.long)"
        if !(q.last < b.programme.asAt) {
            form.fields[qi].error = OutcomeMeasure.ValueError.notEnded(q).description
        } else if let old = o.values.first(where: { $0.quarter == q }) {
            form.summary.append("Corrects \(old.period)'s \(OutcomeMeasure.format(old.value))")
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (OutcomeMeasure, OutcomeMeasure.Value)? {
        guard case .outcomeValue(let id) = form.target, let o = b.outcomes[id], case .success(let v) = OutcomeMeasure.parse(form.value(Field.value))
        else { return nil }
        let q = Quarter(form.value(Field.quarter))
        let period = q?.label ?? form.value(Field.period)
        return (o, OutcomeMeasure.Value(period: period, quarter: q, value: v, by: "", at: "", note: form.value(Field.note)))
    }

    static func save(
        _ d: (OutcomeMeasure, OutcomeMeasure.Value), _ form: Form, board b: Board, now: String, user: String
    ) -> (
        doc: AnyDocument, note: String
    )? {
        var (o, v) = d
        v.by = user
        v.at = now
        v.boardDate = b.programme.entryDay(at: now)
        do { try o.record(v, today: b.programme.asAt) } catch { return nil }
        return (.outcome(o), "Outcome \(o.id) \(v.period): \(OutcomeMeasure.format(v.value))" + (v.note.isEmpty ? "" : ": \(v.note)"))
    }
}

/// Adding or editing a measure: its title (a Home Office measure's wording is kept as the Home Office
/// gives it), which way is better, the baseline and latest periods, the change the source gives, a note
/// and the source.
enum OutcomeMeasureForm: FormSpec {
    enum Field: String { case id, title, better, unit, baseline, latest, change, note, source }

    static func open(_ o: OutcomeMeasure?, board b: Board) -> Form {
        var f: [FormField] = []
        if o == nil {
            let id = Forms.nextID("L-", width: 1, after: b.outcomes.items.filter { $0.kind == .local }.count) { b.outcomes.contains(id: $0) }
            f.append(FormField(Field.id, "ID", text: id, required: true))
        }
        // The Home Office's wording is theirs: only the periods, figures and note are edited here.
        if o?.kind != .homeOffice { f.append(FormField(Field.title, "Measure", text: o?.title ?? "", required: true)) }
        f += [
            FormField(
                Field.better, "Better when it goes", choices: [.init("down", "Down"), .init("up", "Up")], selected: o?.better.rawValue ?? "down"),
            FormField(Field.unit, "What is counted (e.g. offences)", text: o?.unit ?? ""),
            FormField(Field.baseline, "Baseline period", text: o?.baselinePeriod ?? ""),
            FormField(Field.latest, "Latest period", text: o?.latestPeriod ?? ""),
            FormField(Field.change, "Change in percent, as the source gives it (e.g. -37)", text: o?.change.map { OutcomeMeasure.format($0) } ?? ""),
            FormField(Field.note, "Note", text: o?.note ?? ""),
            FormField(Field.source, "Source (seed and paragraph)", text: o?.source ?? ""),
        ]
        return Forms.make(
            title: o.map { "Edit \($0.id)" } ?? "New local outcome measure", target: .outcome(id: o?.id), fields: f, baseRev: o?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.outcomes.contains(id: $0) }
        if let i = form.index(Field.change), !form.fields[i].value.isEmpty, case .failure(let e) = OutcomeMeasure.parse(form.fields[i].value) {
            form.fields[i].error = e.description
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> OutcomeMeasure? {
        guard case .outcome(let id) = form.target else { return nil }
        var o = id.flatMap { b.outcomes[$0] } ?? OutcomeMeasure(id: form.value(Field.id), rev: 0, title: "", kind: .local, source: "")
        if o.kind != .homeOffice { o.title = form.value(Field.title) }
        o.better = OutcomeMeasure.Better(rawValue: form.value(Field.better)) ?? .down
        o.unit = form.value(Field.unit)
        o.baselinePeriod = form.value(Field.baseline)
        o.latestPeriod = form.value(Field.latest)
        o.change = form.value(Field.change).isEmpty ? nil : try? OutcomeMeasure.parse(form.value(Field.change)).get()
        o.note = form.value(Field.note)
        let source = form.value(Field.source)
        o.source = source.isEmpty ? "entered in vrboard" : source
        return o
    }

    static func save(_ o: OutcomeMeasure, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.outcome(o), b.outcomes.contains(id: o.id) ? "Edited outcome measure \(o.id)" : "Added outcome measure \(o.id): \(o.title)")
    }
}
