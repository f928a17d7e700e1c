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
            // A new amount is spread over the year again: a profile no longer adding up to it would be wrong.
            if v != fu.categories[i].amount { fu.categories[i].profile = nil }
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

/// Adding or editing a grant beside the allocation (its amount, end date and status); for the core
/// grant, next year's amount and whether it is confirmed (which ends the bridging warning).
enum GrantForm: FormSpec {
    enum Field: String { case name, funder, holder, amount, period, end, status, separate, source, nextAmount, nextStatus }

    /// The financial year after the board's.
    static func nextYear(_ b: Board) -> Int { Quarter(containing: b.programme.asAt).year + 1 }

    static func open(_ g: Grant?, index: Int?, board b: Board) -> Form {
        var f = [
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
        if g?.core == true {
            let next = g?.years?.first { $0.year == nextYear(b) }
            let label = GrantYear(year: nextYear(b), amount: nil, status: .expected, source: "").label
            f += [
                FormField(Field.nextAmount, "\(label) amount (£, blank: not known)", text: next?.amount.map { "\($0)" } ?? "", kind: .number),
                FormField(
                    Field.nextStatus, "\(label): confirmed or expected", choices: [.init("expected", "Expected"), .init("confirmed", "Confirmed")],
                    selected: next?.status.rawValue ?? "expected"),
            ]
        }
        return Forms.make(
            title: g.map { "Edit grant: \($0.name)" } ?? "New grant", target: .grant(index: index), fields: f, baseRev: b.funding.rev, board: b)
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Grant? {
        guard case .grant(let index) = form.target, let amount = Money.parse(form.value(Field.amount)), amount >= 0 else { return nil }
        let grants = b.funding.grants
        var newID = grants.count + 1
        while grants.contains(where: { $0.id == "grant-\(newID)" }) { newID += 1 }
        let source = form.value(Field.source)
        var g = Grant(
            id: index.map { grants[$0].id } ?? "grant-\(newID)", name: form.value(Field.name), funder: form.value(Field.funder),
            holder: form.value(Field.holder), amount: amount, period: form.value(Field.period), endDate: form.date(Field.end),
            status: Grant.Status(rawValue: form.value(Field.status)) ?? .continuing, separate: form.value(Field.separate) == "yes",
            source: source.isEmpty ? "entered in vrboard" : source)
        // What the form does not show is kept: the years, whether it is a contribution or the core grant.
        if let index {
            g.years = grants[index].years
            g.contribution = grants[index].contribution
            g.core = grants[index].core
        }
        if g.core == true, form.field(Field.nextStatus) != nil {
            let year = nextYear(b)
            let old = g.years?.first { $0.year == year }
            let status = GrantYear.Status(rawValue: form.value(Field.nextStatus)) ?? .expected
            let amount = Money.parse(form.value(Field.nextAmount))
            if old?.status != status || old?.amount != amount {
                let entry = GrantYear(
                    year: year, amount: amount, status: status,
                    source: status == .confirmed ? "confirmed in vrboard" : old?.source ?? "entered in vrboard",
                    confirmedOn: status == .confirmed ? (old?.confirmedOn ?? today) : nil)
                g.years = (g.years ?? []).filter { $0.year != year } + [entry]
            }
        }
        return g
    }

    static func save(_ g: Grant, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .grant(let index) = form.target else { return nil }
        var fu = b.funding
        if let index { fu.grants[index] = g } else { fu.grants.append(g) }
        let next = g.years?.first { $0.year == nextYear(b) }
        let said =
            g.core == true && next != index.flatMap({ b.funding.grants[$0].years?.first { $0.year == nextYear(b) } })
            ? next.map { ": \($0.label) \($0.statusText)\($0.amount.map { " (\(Money.format($0)))" } ?? "")" } ?? "" : ""
        return (.funding(fu), index == nil ? "Added grant \(g.name) (\(Money.format(g.amount)))" : "Edited grant \(g.name)\(said)")
    }
}

/// A quarter's actual spend, category by category, and each category's forecast outturn for the year:
/// beside each, what is entered already for that quarter and its profile; blank leaves a category as it is.
enum SpendForm: FormSpec {
    enum Field: String { case quarter, note }
    static func actual(_ id: String) -> String { "actual.\(id)" }
    static func forecast(_ id: String) -> String { "forecast.\(id)" }

    /// The quarter an officer most likely enters: the latest ended with no actual yet, else the latest ended.
    static func suggested(_ fu: Funding, asAt: Day) -> Quarter {
        let current = Quarter(containing: asAt)
        let ended = (1...4).compactMap { Quarter(year: current.year, number: $0) }.filter { $0.last < asAt }
        let entered = Set(fu.spend.map(\.quarter))
        return ended.first { !entered.contains($0) } ?? ended.last ?? current
    }

    static func open(board b: Board, today: Day) -> Form {
        let fu = b.funding, asAt = b.programme.asAt
        let q = suggested(fu, asAt: asAt)
        var f = [FormField(Field.quarter, "Quarter (e.g. 2021-Q2)", text: q.description, required: true)]
        for c in fu.categories {
            f.append(FormField(actual(c.id), "Actual: \(c.name)", text: "", kind: .number))
            f.append(FormField(forecast(c.id), "Forecast outturn: \(c.name)", text: "", kind: .number))
        }
        f.append(FormField(Field.note, "Note (e.g. the finance system's period)", text: ""))
        var form = Form(title: "Actual spend and forecast outturn", target: .spend, fields: f, baseRev: fu.rev)
        form.grid = FormGrid(
            header: "Category", columns: ["Actual", "Forecast outturn"], infoHeader: "In for the quarter",
            rows: fu.categories.map { .init(label: $0.name, keys: [actual($0.id), forecast($0.id)]) })
        return Forms.checked(form, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        let fu = b.funding, asAt = b.programme.asAt
        guard let q = Forms.spendQuarter(&form, Field.quarter, asAt: asAt) else { return }
        let latest = fu.latestSpend(quarter: q)
        var total: Pounds = 0, profile: Pounds = 0, typed = 0
        for c in fu.categories {
            let a = form.value(actual(c.id)), fc = form.value(forecast(c.id))
            if a.isEmpty, !fc.isEmpty, latest[c.id] == nil, let i = form.fields.firstIndex(where: { $0.key == actual(c.id) }) {
                form.fields[i].error = "the quarter's actual goes with a forecast"
            }
            // Beside each category: what is in already for the quarter "of" its profile, or the profile.
            if let r = form.grid?.rows.firstIndex(where: { $0.keys.first == actual(c.id) }) {
                let p = Money.format(c.quarters[q.number - 1])
                form.grid?.rows[r].info = latest[c.id].map { "\(Money.format($0.actual)) of \(p)" } ?? "none; profile \(p)"
            }
            if let v = Money.parse(a) {
                typed += 1
                total = Money.sum([total, v])
                profile = Money.sum([profile, c.quarters[q.number - 1]])
            }
        }
        form.summary.append(
            typed == 0
                ? "\(q.label): type each category's actual; a blank leaves it as it is"
                : "\(q.label): \(Money.format(total)) typed for \(typed) \(typed == 1 ? "category" : "categories"), against a profile of \(Money.format(profile))"
        )
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> [SpendEntry]? {
        guard let q = Quarter(form.value(Field.quarter)) else { return nil }
        let latest = b.funding.latestSpend(quarter: q)
        return b.funding.categories.compactMap { c in
            let a = Money.parse(form.value(actual(c.id))), fc = Money.parse(form.value(forecast(c.id)))
            guard a != nil || fc != nil, let value = a ?? latest[c.id]?.actual else { return nil }
            // Unchanged and no forecast: nothing new to record for it.
            if fc == nil, let old = latest[c.id], old.actual == value { return nil }
            return SpendEntry(category: c.id, quarter: q, actual: value, forecast: fc, note: form.value(Field.note), by: "", at: "")
        }
    }

    static func save(_ entries: [SpendEntry], _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard let q = entries.first?.quarter else { return nil }
        var fu = b.funding
        do {
            for var e in entries {
                e.by = user
                e.at = now
                e.boardDate = b.programme.entryDay(at: now)
                try fu.record(e, asAt: b.programme.asAt)
            }
        } catch { return nil }
        return (.funding(fu), SpendEntry.note(q, entries, fu))
    }
}

/// Why a line is off its budget: the cause, one-off or lasting, and the action.
enum CommentaryForm: FormSpec {
    enum Field: String { case cause, nature, action }

    static func open(_ line: BudgetLine, board b: Board) -> Form {
        let c = line.commentary
        let f = [
            FormField(Field.cause, "Cause", text: c?.cause ?? "", required: true),
            FormField(
                Field.nature, "One-off or lasting", choices: VarianceCommentary.Nature.allCases.map { .init($0.rawValue, $0.label) },
                selected: c?.nature.rawValue),
            FormField(Field.action, "Action", text: c?.action ?? "", required: true),
        ]
        var form = Forms.make(
            title: "Variance on \(line.category.name): \(line.varianceWords)", target: .commentary(category: line.category.id), fields: f,
            baseRev: b.funding.rev, board: b)
        form.summary = ["Forecast \(Money.format(line.forecast)) against a budget of \(Money.format(line.budget))"]
        return form
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> VarianceCommentary? {
        guard case .commentary(let id) = form.target else { return nil }
        return VarianceCommentary(
            category: id, cause: form.value(Field.cause), nature: VarianceCommentary.Nature(rawValue: form.value(Field.nature)) ?? .oneOff,
            action: form.value(Field.action), by: "", at: "")
    }

    static func save(_ c: VarianceCommentary, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        var fu = b.funding, c = c
        c.by = user
        c.at = now
        c.boardDate = b.programme.entryDay(at: now)
        fu.commentaries.append(c)
        return (.funding(fu), "Variance commentary on \(fu.category(matching: c.category)?.name ?? c.category): \(c.text)")
    }
}

/// Moving budget between categories (the quarters still to come) or between two quarters of one, with
/// the reason; the approved budget stays beside the new one.
enum ReprofileForm: FormSpec {
    enum Field: String { case from, to, fromQuarter, toQuarter, amount, reason }

    static func open(from: FundingCategory?, board b: Board) -> Form {
        let cats = b.funding.categories.map { FormField.Choice($0.id, $0.name) }
        let quarters = [FormField.Choice("", "Not a quarter move")] + (1...4).map { FormField.Choice("\($0)", "Q\($0)") }
        let f = [
            FormField(Field.from, "From", choices: cats, selected: from?.id),
            FormField(Field.to, "To", choices: cats, selected: b.funding.categories.first { $0.id != from?.id }?.id),
            FormField(Field.fromQuarter, "From quarter (same category)", choices: quarters, selected: ""),
            FormField(Field.toQuarter, "To quarter (same category)", choices: quarters, selected: ""),
            FormField(Field.amount, "Amount (£)", text: "", kind: .number, required: true),
            FormField(Field.reason, "Reason", text: "", required: true),
        ]
        return Forms.make(title: "Reprofile the budget", target: .reprofile, fields: f, baseRev: b.funding.rev, board: b)
    }

    static func reprofile(_ form: Form) -> Reprofile? {
        guard let amount = Money.parse(form.value(Field.amount)) else { return nil }
        return Reprofile(
            from: form.value(Field.from), to: form.value(Field.to), fromQuarter: Int(form.value(Field.fromQuarter)),
            toQuarter: Int(form.value(Field.toQuarter)), amount: amount, reason: form.value(Field.reason), by: "", at: "")
    }

    static func check(_ form: inout Form, board b: Board) {
        guard let r = reprofile(form), form.field(Field.amount)?.error == nil else { return }
        var trial = b.funding
        do {
            try trial.reprofile(r, asAt: b.programme.asAt)
            let from = trial.categories.first { $0.id == r.from }, to = trial.categories.first { $0.id == r.to }
            if let from, let to, r.from != r.to {
                form.summary.append("\(from.name): \(Money.format(from.amount)) (approved \(Money.format(from.approvedBudget)))")
                form.summary.append("\(to.name): \(Money.format(to.amount)) (approved \(Money.format(to.approvedBudget)))")
            } else if let from {
                form.summary.append("\(from.name) by quarter: " + from.quarters.map(Money.format).joined(separator: " · "))
            }
        } catch {
            form.summary.append("\(error)")
            form.summaryOK = false
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> Reprofile? { reprofile(form) }

    static func save(_ r: Reprofile, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        var fu = b.funding, r = r
        r.by = user
        r.at = now
        r.boardDate = b.programme.entryDay(at: now)
        do { try fu.reprofile(r, asAt: b.programme.asAt) } catch { return nil }
        return (.funding(fu), Reprofile.note(r, fu))
    }
}
