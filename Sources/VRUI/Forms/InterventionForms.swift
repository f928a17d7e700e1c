import VRModel

/// A quarterly reach return for one intervention: the quarter, the two age bands, a note. The counts are
/// checked as typed (whole, not negative); a change of more than half on the previous return is a warning.
enum ReachReturnForm: FormSpec {
    enum Field: String { case quarter, under25, over25, note, reason }

    static func open(_ iv: Intervention, board b: Board, today: Day) -> Form {
        let q = iv.suggestedQuarter(today: today, dueDays: Intervention.dueDays)
        let existing = iv.returns.first { $0.quarters == 1 && $0.quarter == q }
        let f = [
            FormField(Field.quarter, "Quarter (2021-Q3, or Q1-Q2 2021/22 for a return of two)", text: q.description, required: true),
            FormField(Field.under25, "Reached, aged 24 and under", text: existing.map { "\($0.under25)" } ?? "", required: true),
            FormField(Field.over25, "Reached, aged 25 and over", text: existing.map { "\($0.over25)" } ?? "", required: true),
            FormField(Field.note, "Note (the provider's return)", text: existing?.note ?? ""),
            FormField(Field.reason, "Reason (only to split a return that covers several quarters)", text: ""),
        ]
        return Forms.make(
            title: "Reach return: \(iv.id) \(iv.name)", target: .reachReturn(interventionID: iv.id), fields: f, baseRev: iv.rev, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        guard case .reachReturn(let id) = form.target, let iv = b.interventions[id] else { return }
        for key in [Field.under25, .over25] {
            guard let i = form.fields.firstIndex(where: { $0.key == key.rawValue }), form.fields[i].error == nil, !form.fields[i].value.isEmpty else {
                continue
            }
            if case .failure(let e) = Reach.parse(form.fields[i].value) { form.fields[i].error = e.description }
        }
        guard let qi = form.fields.firstIndex(where: { $0.key == Field.quarter.rawValue }), !form.fields[qi].value.isEmpty else { return }
        guard let span = Quarter.span(form.fields[qi].value) else {
            form.fields[qi].error = "not a quarter (2021-Q3, or Q1-Q2 2021/22: Q1 is April-June)"
            return
        }
        let probe = ReachReturn(quarter: span.first, quarters: span.count, under25: 0, over25: 0, by: "", at: "")
        form.fields[qi].note = "\(span.first.first.long)-\(probe.through.last.long)"
        var trial = iv
        do {
            if let old = try trial.record(probe, today: b.programme.asAt, splitting: form.value(Field.reason)) {
                form.summary.append(
                    old.quarters > span.count
                        ? "Splits the \(old.label) return (\(old.under25.grouped) and \(old.over25.grouped)): "
                            + old.covered.filter { $0 != span.first }.map(\.label).joined(separator: ", ") + " will need a return of its own"
                        : "Corrects the \(old.label) return: \(old.under25.grouped) under 25, \(old.over25.grouped) 25 and over")
            }
        } catch let e as Intervention.ReturnError {
            if case .count = e {} else { form.fields[qi].error = e.description }
        } catch {}
        if let d = draftReturn(form, by: "", at: "", span: span), let warning = iv.unusualChange(d) { form.summary.append("⚠ " + warning) }
    }

    static func draftReturn(_ form: Form, by: String, at: String, span: (first: Quarter, count: Int)) -> ReachReturn? {
        guard case .success(let u) = Reach.parse(form.value(Field.under25)), case .success(let o) = Reach.parse(form.value(Field.over25)) else {
            return nil
        }
        return ReachReturn(quarter: span.first, quarters: span.count, under25: u, over25: o, by: by, at: at, note: form.value(Field.note))
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (Intervention, (first: Quarter, count: Int), Day)? {
        guard case .reachReturn(let id) = form.target, let iv = b.interventions[id], let span = Quarter.span(form.value(Field.quarter)) else {
            return nil
        }
        return (iv, span, today)
    }

    static func save(
        _ d: (Intervention, (first: Quarter, count: Int), Day), _ form: Form, board b: Board, now: String, user: String
    ) -> (doc: AnyDocument, note: String)? {
        var (iv, span, today) = d
        guard var r = draftReturn(form, by: user, at: now, span: span) else { return nil }
        r.boardDate = b.programme.entryDay(at: now)
        let reason = form.value(Field.reason)
        let old: ReachReturn?
        do { old = try iv.record(r, today: today, splitting: reason) } catch { return nil }  // the check above says why
        return (.intervention(iv), ReachReturn.note(iv.id, r, replacing: old, reason: reason))
    }
}

extension ReachReturn {
    /// The journal note for a return: `Reach return Q3 2021/22 for IV-01: 40 under 25, 2 aged 25 and over: note`,
    /// saying which return it replaced (a correction, or a split with its reason).
    public static func note(_ id: String, _ r: ReachReturn, replacing old: ReachReturn? = nil, reason: String = "") -> String {
        let what: String
        if let old, old.quarters > r.quarters {
            what = " (splits the \(old.label) return of \(old.under25.grouped) and \(old.over25.grouped): \(reason))"
        } else if let old {
            what = " (corrects \(old.under25.grouped) and \(old.over25.grouped))"
        } else {
            what = ""
        }
        return "Reach return \(r.label) for \(id): \(r.under25.grouped) under 25, \(r.over25.grouped) aged 25 and over" + what
            + (r.note.isEmpty ? "" : ": \(r.note)")
    }
}

/// Adding or editing an intervention: what it is, who delivers it, for whom, where, the budget, its dates
/// and status, the workstreams it serves, and where the facts come from.
enum InterventionForm: FormSpec {
    enum Field: String { case id, name, provider, level, setting, area, budget, budgetIllustrative, start, end, status, exit, source }
    static let workstreams = "workstream"

    static func open(_ iv: Intervention?, board b: Board) -> Form {
        var f: [FormField] = []
        if iv == nil {
            let id = Forms.nextID("IV-", after: b.interventions.count) { b.interventions.contains(id: $0) }
            f.append(FormField(Field.id, "ID", text: id, required: true))
        }
        f += [
            FormField(Field.name, "Name", text: iv?.name ?? "", required: true),
            FormField(Field.provider, "Provider", text: iv?.provider ?? ""),
            FormField(
                Field.level, "Prevention level", choices: [.init("", "Not given")] + PreventionLevel.allCases.map { .init($0.rawValue, $0.label) },
                selected: iv?.level?.rawValue ?? ""),
            FormField(Field.setting, "Setting", text: iv?.setting ?? ""),
            FormField(Field.area, "Area", text: iv?.area ?? ""),
            FormField(Field.budget, "Budget for the year (£)", text: iv?.budget.map { "\($0)" } ?? "", kind: .number),
            FormField(
                Field.budgetIllustrative, "Budget from no source (*)", choices: Forms.yesNo, selected: iv?.budgetIllustrative == true ? "yes" : "no"),
            FormField(Field.start, "Start", text: iv?.start?.description ?? "", kind: .date),
            FormField(Field.end, "End", text: iv?.end?.description ?? "", kind: .date),
            FormField(
                Field.status, "Status", choices: Intervention.Status.allCases.map { .init($0.rawValue, $0.label) },
                selected: iv?.status.rawValue ?? "live"),
            FormField(
                Field.exit, "Exit option", choices: Intervention.ExitOption.allCases.map { .init($0.rawValue, $0.label) }, selected: iv?.exit.rawValue
            ),
        ]
        f += Forms.listFields(workstreams, "Workstream", iv?.workstreams ?? [])
        f.append(FormField(Field.source, "Source (seed and paragraph)", text: iv?.source ?? ""))
        return Forms.make(
            title: iv.map { "Edit \($0.id)" } ?? "New intervention", target: .intervention(id: iv?.id), fields: f, baseRev: iv?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.interventions.contains(id: $0) }
        Forms.checkListIDs(&form, list: workstreams, noun: "workstream") { b.workstreams.contains(id: $0) }
        if let s = form.date(Field.start), let e = form.date(Field.end), e < s,
            let i = form.fields.firstIndex(where: { $0.key == Field.end.rawValue })
        {
            form.fields[i].error = "before the start"
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Intervention? {
        guard case .intervention(let id) = form.target else { return nil }
        var iv = id.flatMap { b.interventions[$0] } ?? Intervention(id: form.value(Field.id), rev: 0, name: "", source: "")
        iv.name = form.value(Field.name)
        iv.provider = form.value(Field.provider)
        iv.level = PreventionLevel(rawValue: form.value(Field.level))
        iv.setting = form.value(Field.setting)
        iv.area = form.value(Field.area)
        iv.budget = Money.parse(form.value(Field.budget))
        iv.budgetIllustrative = iv.budget != nil && form.value(Field.budgetIllustrative) == "yes"
        iv.start = form.date(Field.start)
        iv.end = form.date(Field.end)
        iv.status = Intervention.Status(rawValue: form.value(Field.status)) ?? .live
        iv.exit = Intervention.ExitOption(rawValue: form.value(Field.exit)) ?? .undecided
        iv.workstreams = form.list(workstreams)
        let source = form.value(Field.source)
        iv.source = source.isEmpty ? "entered in vrboard" : source
        return iv
    }

    static func save(_ iv: Intervention, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.intervention(iv), b.interventions.contains(id: iv.id) ? "Edited intervention \(iv.id)" : "Added intervention \(iv.id): \(iv.name)")
    }
}

/// Adding or updating an evaluation: what it covers, who commissioned it, its type, when it is due, its
/// status and, once reported, its finding; its cost to the VRU (what the evaluation condition is
/// measured on from the register).
enum EvaluationForm: FormSpec {
    enum Field: String { case id, title, commissionedBy, scope, kind, due, dueText, status, finding, cost, costIllustrative, source }
    static let interventions = "intervention"

    static func open(_ e: Evaluation?, board b: Board, covering iv: Intervention? = nil) -> Form {
        var f: [FormField] = []
        if e == nil {
            let id = Forms.nextID("EV-", after: b.evaluations.count) { b.evaluations.contains(id: $0) }
            f.append(FormField(Field.id, "ID", text: id, required: true))
        }
        f += [
            FormField(Field.title, "Title", text: e?.title ?? "", required: true),
            FormField(Field.commissionedBy, "Commissioned by", text: e?.commissionedBy ?? "", required: true),
            FormField(Field.scope, "Scope", text: e?.scope ?? ""),
            FormField(
                Field.kind, "Type", choices: [.init("", "Not given")] + Evaluation.Kind.allCases.map { .init($0.rawValue, $0.label) },
                selected: e?.kind?.rawValue ?? ""),
            FormField(
                Field.status, "Status", choices: Evaluation.Status.allCases.map { .init($0.rawValue, $0.label) },
                selected: e?.status.rawValue ?? Evaluation.Status.planned.rawValue),
            FormField(Field.due, "Due", text: e?.due?.description ?? "", kind: .date),
            FormField(Field.dueText, "Due, as worded (when no day)", text: e?.dueText ?? ""),
            FormField(Field.finding, "Finding (once reported)", text: e?.finding ?? ""),
            FormField(Field.cost, "Cost to the VRU this year (£)", text: e?.cost.map { "\($0)" } ?? "", kind: .number),
            FormField(Field.costIllustrative, "Cost from no source (*)", choices: Forms.yesNo, selected: e?.costIllustrative == true ? "yes" : "no"),
        ]
        f += Forms.listFields(interventions, "Covers intervention", e?.interventions ?? iv.map { [$0.id] } ?? [])
        f.append(FormField(Field.source, "Source (seed and paragraph)", text: e?.source ?? ""))
        return Forms.make(
            title: e.map { "Update \($0.id)" } ?? "New evaluation", target: .evaluation(id: e?.id), fields: f, baseRev: e?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.evaluations.contains(id: $0) }
        Forms.checkListIDs(&form, list: interventions, noun: "intervention") { b.interventions.contains(id: $0) }
        if form.value(Field.status) == Evaluation.Status.reported.rawValue, form.value(Field.finding).isEmpty, let i = form.index(Field.finding) {
            form.fields[i].error = "a reported evaluation needs its finding"
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Evaluation? {
        guard case .evaluation(let id) = form.target else { return nil }
        var e =
            id.flatMap { b.evaluations[$0] } ?? Evaluation(id: form.value(Field.id), rev: 0, title: "", commissionedBy: "", scope: "", source: "")
        e.title = form.value(Field.title)
        e.commissionedBy = form.value(Field.commissionedBy)
        e.scope = form.value(Field.scope)
        e.kind = Evaluation.Kind(rawValue: form.value(Field.kind))
        e.status = Evaluation.Status(rawValue: form.value(Field.status)) ?? .planned
        e.due = form.date(Field.due)
        e.dueText = form.value(Field.dueText)
        e.finding = form.value(Field.finding)
        e.cost = Money.parse(form.value(Field.cost))
        e.costIllustrative = e.cost != nil && form.value(Field.costIllustrative) == "yes"
        e.interventions = form.list(interventions)
        let source = form.value(Field.source)
        e.source = source.isEmpty ? "entered in vrboard" : source
        return e
    }

    static func save(_ e: Evaluation, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard let old = b.evaluations[e.id] else { return (.evaluation(e), "Added evaluation \(e.id): \(e.title)") }
        let status = old.status != e.status ? ": \(old.status.label.lowercased()) → \(e.status.label.lowercased())" : ""
        return (.evaluation(e), "Updated evaluation \(e.id)\(status)")
    }
}

/// A quarter's actual spend on one intervention against its budget, and its forecast outturn.
enum InterventionSpendForm: FormSpec {
    enum Field: String { case quarter, actual, forecast, note }

    static func open(_ iv: Intervention, board b: Board) -> Form {
        let q = SpendForm.suggested(b.funding, asAt: b.programme.asAt)
        let f = [
            FormField(Field.quarter, "Quarter (e.g. 2021-Q2)", text: q.description, required: true),
            FormField(Field.actual, "Actual spend (£)", text: "", kind: .number, required: true),
            FormField(Field.forecast, "Forecast outturn for the year (£)", text: "", kind: .number),
            FormField(Field.note, "Note (e.g. the provider's invoice)", text: ""),
        ]
        var form = Forms.make(title: "Spend on \(iv.id) \(iv.name)", target: .interventionSpend(id: iv.id), fields: f, baseRev: iv.rev, board: b)
        form.summary = [
            "Budget for the year: \(iv.budget.map { Money.format($0) + (iv.budgetIllustrative ? Provenance.illustrativeMark : "") } ?? "not given")"
        ]
        return form
    }

    static func check(_ form: inout Form, board b: Board) {
        _ = Forms.spendQuarter(&form, Field.quarter, asAt: b.programme.asAt)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> (Intervention, SpendEntry)? {
        guard case .interventionSpend(let id) = form.target, let iv = b.interventions[id], let q = Quarter(form.value(Field.quarter)),
            let actual = Money.parse(form.value(Field.actual))
        else { return nil }
        return (
            iv,
            SpendEntry(
                category: id, quarter: q, actual: actual, forecast: Money.parse(form.value(Field.forecast)), note: form.value(Field.note), by: "",
                at: "")
        )
    }

    static func save(_ d: (Intervention, SpendEntry), _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        var (iv, e) = d
        e.by = user
        e.at = now
        e.boardDate = b.programme.entryDay(at: now)
        do { try iv.record(spend: e, asAt: b.programme.asAt) } catch { return nil }
        e.category = iv.id
        return (.intervention(iv), e.interventionNote)
    }
}
