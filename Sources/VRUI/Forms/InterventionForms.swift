import VRModel

/// A quarterly reach return for one intervention: the quarter, the two age bands, a note. The counts are
/// checked as typed (whole, not negative); a change of more than half on the previous return is a warning.
enum ReachReturnForm: FormSpec {
    enum Field: String { case quarter, under25, over25, note }

    static func open(_ iv: Intervention, board b: Board, today: Day) -> Form {
        let q = iv.suggestedQuarter(today: today, dueDays: Intervention.dueDays)
        let existing = iv.returns.first { $0.quarters == 1 && $0.quarter == q }
        let f = [
            FormField(Field.quarter, "Quarter (e.g. 2021-Q3)", text: q.description, required: true),
            FormField(Field.under25, "Reached, aged 24 and under", text: existing.map { "\($0.under25)" } ?? "", required: true),
            FormField(Field.over25, "Reached, aged 25 and over", text: existing.map { "\($0.over25)" } ?? "", required: true),
            FormField(Field.note, "Note (the provider's return)", text: existing?.note ?? ""),
        ]
        return Forms.make(
            title: "Reach return: \(iv.id) \(iv.name)", target: .reachReturn(interventionID: iv.id), fields: f, baseRev: iv.rev, board: b)
    }

    /// A count as typed ("1,234" too), or why not.
    static func count(_ text: String) -> Result<Int, Intervention.ReturnError> {
        let t = text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        guard let n = Int(t) else { return .failure(.count(t.hasPrefix("-") ? "cannot be negative" : "not a whole number")) }
        if n < 0 { return .failure(.count("cannot be negative")) }
        if n > Limits.maxCount { return .failure(.count("more than \(Limits.maxCount.grouped)")) }
        return .success(n)
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .reachReturn(let id) = form.target, let iv = b.interventions[id] else { return }
        for key in [Field.under25, .over25] {
            guard let i = form.fields.firstIndex(where: { $0.key == key.rawValue }), form.fields[i].error == nil, !form.fields[i].value.isEmpty else {
                continue
            }
            if case .failure(let e) = count(form.fields[i].value) { form.fields[i].error = e.description }
        }
        guard let qi = form.fields.firstIndex(where: { $0.key == Field.quarter.rawValue }), !form.fields[qi].value.isEmpty else { return }
        guard let q = Quarter(form.fields[qi].value) else {
            form.fields[qi].error = "not a quarter (e.g. 2021-Q3: Q1 is April-June)"
            return
        }
        form.fields[qi].note = "\(q.first.long)-\(q.last.long)"
        if !(q.last < b.programme.asAt) {
            form.fields[qi].error = Intervention.ReturnError.notEnded(q).description
        } else if let covering = iv.returns.first(where: { $0.quarters > 1 && $0.covered.contains(q) }) {
            form.fields[qi].error = Intervention.ReturnError.coveredBy(covering).description
        } else if let old = iv.returns.first(where: { $0.quarters == 1 && $0.quarter == q }) {
            form.summary.append("Replaces the \(old.label) return: \(old.under25.grouped) under 25, \(old.over25.grouped) 25 and over")
        }
        if let d = draftReturn(form, by: "", at: "", quarter: q), let warning = iv.unusualChange(d) { form.summary.append("⚠ " + warning) }
    }

    static func draftReturn(_ form: Form, by: String, at: String, quarter: Quarter) -> ReachReturn? {
        guard case .success(let u) = count(form.value(Field.under25)), case .success(let o) = count(form.value(Field.over25)) else { return nil }
        return ReachReturn(quarter: quarter, under25: u, over25: o, by: by, at: at, note: form.value(Field.note))
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (Intervention, Quarter, Day)? {
        guard case .reachReturn(let id) = form.target, let iv = b.interventions[id], let q = Quarter(form.value(Field.quarter)) else { return nil }
        return (iv, q, today)
    }

    static func save(_ d: (Intervention, Quarter, Day), _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)?
    {
        var (iv, q, today) = d
        guard let r = draftReturn(form, by: user, at: now, quarter: q) else { return nil }
        do { try iv.record(r, today: today) } catch { return nil }
        return (.intervention(iv), ReachReturn.note(iv.id, r))
    }
}

extension ReachReturn {
    /// The journal note for a return: `Reach return Q3 2021/22 for IV-01: 40 under 25, 2 aged 25 and over: note`.
    public static func note(_ id: String, _ r: ReachReturn) -> String {
        "Reach return \(r.label) for \(id): \(r.under25.grouped) under 25, \(r.over25.grouped) aged 25 and over"
            + (r.note.isEmpty ? "" : ": \(r.note)")
    }
}
