import VRModel

/// Adding or editing a risk: its description and causes, owner, the three scores (with their band as
/// you choose), the response, the board flag and the last review.
enum RiskForm: FormSpec {
    enum Field: String {
        case id, title, description, category, owner, proximity, response, escalate, reviewed
        case inherentLikelihood = "inherent.l", inherentImpact = "inherent.i"
        case residualLikelihood = "residual.l", residualImpact = "residual.i"
        case targetLikelihood = "target.l", targetImpact = "target.i"
    }
    static let causes = "cause"
    /// Each score's two fields and its label.
    static let scores: [(label: String, likelihood: Field, impact: Field)] = [
        ("Inherent", .inherentLikelihood, .inherentImpact), ("Residual", .residualLikelihood, .residualImpact),
        ("Target", .targetLikelihood, .targetImpact),
    ]

    static func open(_ r: Risk?, board b: Board, today: Day) -> Form {
        var f: [FormField] = []
        if r == nil { f.append(FormField(Field.id, "ID", text: Forms.suggestID(prefix: "R", board: b, priority: nil), required: true)) }
        f.append(FormField(Field.title, "Title", text: r?.title ?? "", required: true))
        f.append(FormField(Field.description, "Description", text: r?.description ?? "", kind: .longText))
        f += Forms.listFields(causes, "Cause", r?.causes ?? [])
        f.append(FormField(Field.category, "Category", text: r?.category ?? "", required: true))
        f.append(FormField(Field.owner, "Owner", choices: Forms.memberChoices(b), selected: r?.owner))
        f.append(FormField(Field.proximity, "Proximity", text: r?.proximity ?? ""))
        for (s, (label, l, i)) in zip([r?.inherent, r?.residual, r?.target], scores) {
            f.append(FormField(l, "\(label) likelihood", choices: Forms.scoreChoices(Score.likelihoodNames), selected: "\(s?.likelihood ?? 3)"))
            f.append(FormField(i, "\(label) impact", choices: Forms.scoreChoices(Score.impactNames), selected: "\(s?.impact ?? 3)"))
        }
        f.append(
            FormField(
                Field.response, "Response", choices: RiskResponse.allCases.map { .init($0.rawValue, $0.rawValue.capitalized) },
                selected: r?.response.rawValue))
        f.append(FormField(Field.escalate, "Flag to board", choices: Forms.yesNo, selected: (r?.escalate ?? false) ? "yes" : "no"))
        f.append(FormField(Field.reviewed, "Last reviewed", text: (r?.lastReviewed ?? today).description, kind: .date, required: true))
        return Forms.make(title: r.map { "Edit \($0.id)" } ?? "New risk", target: .risk(id: r?.id), fields: f, baseRev: r?.rev ?? 0, board: b)
    }

    static func score(_ form: Form, _ l: Field, _ i: Field) -> Score? {
        guard let li = Int(form.value(l)), let im = Int(form.value(i)) else { return nil }
        return Score(likelihood: li, impact: im)
    }

    /// Each score's value and band beside its impact; the residual's next review and escalation below.
    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.risks.contains(id: $0) }
        for (_, l, i) in scores {
            if let s = score(form, l, i), let at = form.index(i) { form.fields[at].note = "= \(s.value) \(s.band.name)" }
        }
        if let s = score(form, .residualLikelihood, .residualImpact) {
            let reviewed = form.date(Field.reviewed)
            let escalated = s.value >= b.programme.escalationThreshold || form.value(Field.escalate) == "yes"
            form.summary.append(
                "Residual \(s.value) \(s.band.name)" + (reviewed.map { "; next review \($0.adding(days: s.band.reviewInterval).long)" } ?? "")
                    + (escalated ? "; escalated to the board" : ""))
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Risk? {
        guard case .risk(let id) = form.target,
            let inherent = score(form, .inherentLikelihood, .inherentImpact), let residual = score(form, .residualLikelihood, .residualImpact),
            let target = score(form, .targetLikelihood, .targetImpact)
        else { return nil }
        var r =
            id.flatMap { b.risks[$0] }
            ?? Risk(
                id: form.value(Field.id), rev: 0, title: "", description: "", causes: [], category: "", owner: "", proximity: "",
                inherent: inherent, residual: residual, target: target, response: .treat, actions: [], lastReviewed: today,
                source: "added in vrboard")
        r.title = form.value(Field.title)
        r.description = form.value(Field.description)
        r.causes = form.list(causes)
        r.category = form.value(Field.category)
        r.owner = form.value(Field.owner)
        r.proximity = form.value(Field.proximity)
        r.inherent = inherent
        r.residual = residual
        r.target = target
        r.response = RiskResponse(rawValue: form.value(Field.response)) ?? .treat
        r.escalate = form.value(Field.escalate) == "yes"
        r.lastReviewed = form.date(Field.reviewed) ?? today
        return r
    }

    static func save(_ r: Risk, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.risk(r), b.risks.contains(id: r.id) ? "Edited risk \(r.id) (residual \(r.residual.value))" : "Added risk \(r.id): \(r.title)")
    }
}

/// Closing a risk, with the reason.
enum CloseRiskForm: FormSpec {
    enum Field: String { case reason }

    static func open(_ r: Risk, board b: Board) -> Form {
        Forms.make(
            title: "Close \(r.id): \(r.title)", target: .closeRisk(id: r.id),
            fields: [FormField(Field.reason, "Reason", text: "", required: true)], baseRev: r.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Risk? {
        guard case .closeRisk(let id) = form.target, var r = b.risks[id] else { return nil }
        r.status = .closed
        r.closedReason = form.value(Field.reason)
        return r
    }

    static func save(_ r: Risk, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.risk(r), "Closed risk \(r.id): \(r.closedReason ?? "")")
    }
}

/// Adding or editing one of a risk's mitigating actions.
enum ActionForm: FormSpec {
    enum Field: String { case action, owner, other, due, status }

    static func open(_ a: Mitigation?, riskID: String, index: Int?, board b: Board, today: Day) -> Form {
        // The owner chosen from the members as a risk's is (or a name typed, said not to be a member's).
        let f =
            [FormField(Field.action, "Action", text: a?.action ?? "", required: true)]
            + Forms.ownerFields(Field.owner, Field.other, current: a?.owner, board: b) + [
                FormField(Field.due, "Due", text: (a?.due ?? today.adding(days: 30)).description, kind: .date, required: true),
                FormField(
                    Field.status, "Status", choices: Mitigation.Status.allCases.map { .init($0.rawValue, $0.label) }, selected: a?.status.rawValue),
            ]
        return Forms.make(
            title: a == nil ? "New action on \(riskID)" : "Edit action on \(riskID)", target: .action(riskID: riskID, index: index), fields: f,
            baseRev: b.risks[riskID]?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) { Forms.checkOwner(&form, Field.owner, Field.other) }

    static func draft(_ form: Form, board b: Board, today: Day) -> Mitigation? {
        let owner = Forms.owner(form, Field.owner, Field.other)
        guard let due = form.date(Field.due), !owner.isEmpty else { return nil }
        return Mitigation(
            action: form.value(Field.action), owner: owner, due: due,
            status: Mitigation.Status(rawValue: form.value(Field.status)) ?? .planned)
    }

    static func save(_ a: Mitigation, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .action(let riskID, let index) = form.target, var r = b.risks[riskID] else { return nil }
        if let index, r.actions.indices.contains(index) { r.actions[index] = a } else { r.actions.append(a) }
        return (.risk(r), index == nil ? "Added an action to \(r.id): \(a.action)" : "Edited an action on \(r.id): \(a.action) (\(a.status.label))")
    }
}
