import VRModel

/// Editing the allocation and its split by category: each category's share, the total allocated and
/// the grant conditions update as you type; categories over the allocation are refused.
enum FundingForm: FormSpec {
    enum Field: String { case allocation }
    /// A category's field is named by its id.
    static func category(_ id: String) -> String { "cat.\(id)" }

    static func open(_ fu: Funding, board b: Board) -> Form {
        var f = [FormField(Field.allocation, "Allocation (£)", text: "\(fu.allocation)", kind: .number, required: true)]
        for c in fu.categories { f.append(FormField(category(c.id), c.name, text: "\(c.amount)", kind: .number, required: true)) }
        return Forms.make(title: "Edit the split of \(fu.allocationName)", target: .funding, fields: f, baseRev: fu.rev, board: b)
    }

    /// The funding the fields describe: a sourced amount that changes says it was edited, and from what.
    static func draft(_ form: Form, board b: Board, today: Day) -> Funding? {
        var fu = b.funding
        guard let total = Money.parse(form.value(Field.allocation)), total >= 0 else { return nil }
        fu.allocation = total
        for i in fu.categories.indices {
            guard let v = Money.parse(form.value(category(fu.categories[i].id))), v >= 0 else { return nil }
            if v != fu.categories[i].amount && !fu.categories[i].isIllustrative {
                fu.categories[i].source = "edited in vrboard (was \(Money.format(fu.categories[i].amount)), \(fu.categories[i].source))"
            }
            fu.categories[i].amount = v
        }
        return fu
    }

    static func check(_ form: inout Form, board b: Board) {
        guard let fu = draft(form, board: b, today: b.programme.asAt) else {
            form.summaryOK = false
            return
        }
        for c in fu.categories {
            if let i = form.fields.firstIndex(where: { $0.key == category(c.id) }), form.fields[i].error == nil {
                form.fields[i].note = "\(fu.share(of: c))" + (Money.hasPence(form.fields[i].value) ? " · whole pounds" : "")
            }
        }
        form.summary.append("Allocated \(Money.format(fu.allocated)) of \(Money.format(fu.allocation)); unallocated \(Money.format(fu.unallocated))")
        if let i = form.index(Field.allocation) {
            if fu.allocated > fu.allocation {
                form.fields[i].error = "categories add up to \(Money.format(fu.allocated)), over by \(Money.format(fu.allocated - fu.allocation))"
            }
            if fu.allocation == 0 { form.fields[i].error = "must be more than £0" }
        }
        for c in fu.checks { form.summary.append("\(c.verdict) \(c.label): \(c.share), margin \(Money.format(c.margin))") }
    }

    static func save(_ fu: Funding, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard fu.problems.isEmpty else { return nil }
        return (
            .funding(fu),
            "Edited the funding split: allocation \(Money.format(fu.allocation)), interventions \(Money.format(fu.spend(.interventions)))"
        )
    }
}

/// Adding or editing a grant beside the allocation (its amount, end date and status).
enum GrantForm: FormSpec {
    enum Field: String { case name, funder, holder, amount, period, end, status, separate, source }

    static func open(_ g: Grant?, index: Int?, board b: Board) -> Form {
        let f = [
            FormField(Field.name, "Grant", text: g?.name ?? "", required: true),
            FormField(Field.funder, "Funder", text: g?.funder ?? "", required: true),
            FormField(Field.holder, "Holder", text: g?.holder ?? ""),
            FormField(Field.amount, "Amount (£)", text: g.map { "\($0.amount)" } ?? "", kind: .number, required: true),
            FormField(Field.period, "Period", text: g?.period ?? ""),
            FormField(Field.end, "End date", text: g?.endDate?.description ?? "", kind: .date),
            FormField(
                Field.status, "Status", choices: Grant.Status.allCases.map { .init($0.rawValue, $0.rawValue.capitalized) },
                selected: g?.status.rawValue),
            FormField(Field.separate, "Outside the allocation", choices: Forms.yesNo, selected: (g?.separate ?? false) ? "yes" : "no"),
            FormField(Field.source, "Source", text: g?.source ?? ""),
        ]
        return Forms.make(
            title: g.map { "Edit grant: \($0.name)" } ?? "New grant", target: .grant(index: index), fields: f, baseRev: b.funding.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Grant? {
        guard case .grant(let index) = form.target, let amount = Money.parse(form.value(Field.amount)), amount >= 0 else { return nil }
        let grants = b.funding.grants
        var newID = grants.count + 1
        while grants.contains(where: { $0.id == "grant-\(newID)" }) { newID += 1 }
        let source = form.value(Field.source)
        return Grant(
            id: index.map { grants[$0].id } ?? "grant-\(newID)", name: form.value(Field.name), funder: form.value(Field.funder),
            holder: form.value(Field.holder), amount: amount, period: form.value(Field.period), endDate: Day.input(form.value(Field.end)),
            status: Grant.Status(rawValue: form.value(Field.status)) ?? .continuing, separate: form.value(Field.separate) == "yes",
            source: source.isEmpty ? "entered in vrboard" : source)
    }

    static func save(_ g: Grant, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .grant(let index) = form.target else { return nil }
        var fu = b.funding
        if let index { fu.grants[index] = g } else { fu.grants.append(g) }
        return (.funding(fu), index == nil ? "Added grant \(g.name) (\(Money.format(g.amount)))" : "Edited grant \(g.name)")
    }
}
