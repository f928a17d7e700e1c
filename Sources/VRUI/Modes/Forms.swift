import Foundation
import VRModel

/// One field of a form.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text, number, date
        /// Pick one of a fixed list with ←/→.
        case choice([Choice])
    }
    public struct Choice: Equatable, Sendable {
        public let value: String
        public let label: String
        public init(_ value: String, _ label: String) {
            self.value = value
            self.label = label
        }
    }

    public let key: String
    public var label: String
    public var kind: Kind
    public var input: TextField
    public var choice: Int
    public var required: Bool
    public var error: String?
    /// Live information beside the field (a share, a score and band).
    public var note: String?

    init(_ key: String, _ label: String, text: String, kind: Kind = .text, required: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.input = TextField(text)
        self.choice = 0
        self.required = required
    }

    init(_ key: String, _ label: String, choices: [Choice], selected: String?) {
        self.key = key
        self.label = label
        self.kind = .choice(choices)
        self.input = TextField()
        self.choice = choices.firstIndex { $0.value == selected } ?? 0
        self.required = true
    }

    public var choices: [Choice] { if case .choice(let c) = kind { c } else { [] } }
    public var isChoice: Bool { !choices.isEmpty }
    public var value: String { isChoice ? choices[choice].value : input.text.trimmingCharacters(in: .whitespaces) }
    public var display: String { isChoice ? choices[choice].label : input.text }
}

/// What a form edits.
public enum FormTarget: Equatable, Sendable {
    case workstream(id: String?)
    case risk(id: String?)
    case funding
    case grant(index: Int?)
    case action(riskID: String, index: Int?)
    case closeRisk(id: String)
    case decision(meetingID: String)
    case meetingDetails(meetingID: String)
    case meetingAction(meetingID: String)
}

/// A form in a modal: fields, focus, errors, and whether anything changed.
public struct Form: Equatable, Sendable {
    public var title: String
    public var target: FormTarget
    public var fields: [FormField]
    /// The revision of the document when the form opened: a save names it, so a change saved
    /// elsewhere meanwhile is a conflict, never overwritten.
    public var baseRev = 0
    /// Set when the user chose to go on after a conflict: the save goes over their version, knowingly.
    public var overConflict = false
    public var focus = 0
    public var dirty = false
    public var confirmDiscard = false
    /// Form-level problems and live figures (e.g. the funding conditions as you type).
    public var summary: [String] = []
    public var summaryOK = true
    public var message: String?

    public func field(_ key: String) -> FormField? { fields.first { $0.key == key } }
    public func value(_ key: String) -> String { field(key)?.value ?? "" }
    /// Values of a list group (`objective.0`, `objective.1`, …), blanks dropped.
    public func list(_ prefix: String) -> [String] { fields.filter { $0.key.hasPrefix(prefix + ".") }.map(\.value).filter { !$0.isEmpty } }
    public var hasErrors: Bool { fields.contains { $0.error != nil } || !summaryOK }
}

/// Building forms from documents, checking them as you type, and turning them back into documents.
public enum Forms {
    static func memberChoices(_ b: Board) -> [FormField.Choice] {
        b.members.items.sorted { $0.name < $1.name }.map { .init($0.id, "\($0.name) (\($0.organisation))") }
    }

    static func scoreChoices(_ names: [String]) -> [FormField.Choice] {
        names.enumerated().map { .init("\($0.offset + 1)", "\($0.offset + 1) \($0.element)") }
    }

    static let yesNo = [FormField.Choice("no", "No"), FormField.Choice("yes", "Yes")]

    static func listFields(_ prefix: String, _ label: String, _ values: [String]) -> [FormField] {
        (values + [""]).enumerated().map { FormField("\(prefix).\($0.offset)", "\(label) \($0.offset + 1)", text: $0.element) }
    }

    public static func workstream(_ w: Workstream?, board b: Board, priority: String?) -> Form {
        var f: [FormField] = []
        if w == nil { f.append(FormField("id", "ID", text: suggestID(prefix: "WS-", board: b, priority: priority), required: true)) }
        f.append(FormField("title", "Title", text: w?.title ?? "", required: true))
        f.append(
            FormField(
                "priority", "Priority", choices: b.orderedPriorities.map { .init($0.id, "\($0.number). \($0.title)") },
                selected: w?.priority ?? priority))
        f.append(FormField("lead", "Lead", choices: memberChoices(b), selected: w?.lead))
        f.append(FormField("sponsor", "Sponsor", choices: memberChoices(b), selected: w?.sponsor))
        f += listFields("objective", "Objective", w?.objectives ?? [])
        f.append(
            FormField(
                "exit", "Exit strategy", choices: ExitStrategy.Option.allCases.map { .init($0.rawValue, $0.label) },
                selected: w?.exitStrategy?.option.rawValue))
        f.append(FormField("exitNote", "Exit strategy note", text: w?.exitStrategy?.note ?? ""))
        return make(title: w.map { "Edit \($0.id)" } ?? "New workstream", target: .workstream(id: w?.id), fields: f, baseRev: w?.rev ?? 0, board: b)
    }

    public static func risk(_ r: Risk?, board b: Board, today: Day) -> Form {
        var f: [FormField] = []
        if r == nil { f.append(FormField("id", "ID", text: suggestID(prefix: "R", board: b, priority: nil), required: true)) }
        f.append(FormField("title", "Title", text: r?.title ?? "", required: true))
        f.append(FormField("description", "Description", text: r?.description ?? ""))
        f += listFields("cause", "Cause", r?.causes ?? [])
        f.append(FormField("category", "Category", text: r?.category ?? "", required: true))
        f.append(FormField("owner", "Owner", choices: memberChoices(b), selected: r?.owner))
        f.append(FormField("proximity", "Proximity", text: r?.proximity ?? ""))
        for (key, label, score) in [("inherent", "Inherent", r?.inherent), ("residual", "Residual", r?.residual), ("target", "Target", r?.target)] {
            f.append(
                FormField("\(key).l", "\(label) likelihood", choices: scoreChoices(Score.likelihoodNames), selected: "\(score?.likelihood ?? 3)"))
            f.append(FormField("\(key).i", "\(label) impact", choices: scoreChoices(Score.impactNames), selected: "\(score?.impact ?? 3)"))
        }
        f.append(
            FormField(
                "response", "Response", choices: RiskResponse.allCases.map { .init($0.rawValue, $0.rawValue.capitalized) },
                selected: r?.response.rawValue))
        f.append(FormField("escalate", "Flag to board", choices: yesNo, selected: (r?.escalate ?? false) ? "yes" : "no"))
        f.append(FormField("reviewed", "Last reviewed", text: (r?.lastReviewed ?? today).description, kind: .date, required: true))
        return make(title: r.map { "Edit \($0.id)" } ?? "New risk", target: .risk(id: r?.id), fields: f, baseRev: r?.rev ?? 0, board: b)
    }

    public static func funding(_ fu: Funding, board b: Board) -> Form {
        var f = [FormField("allocation", "Allocation (£)", text: "\(fu.allocation)", kind: .number, required: true)]
        for c in fu.categories { f.append(FormField("cat.\(c.id)", c.name, text: "\(c.amount)", kind: .number, required: true)) }
        return make(title: "Edit the split of \(fu.allocationName)", target: .funding, fields: f, baseRev: fu.rev, board: b)
    }

    public static func grant(_ g: Grant?, index: Int?, board b: Board) -> Form {
        let f = [
            FormField("name", "Grant", text: g?.name ?? "", required: true),
            FormField("funder", "Funder", text: g?.funder ?? "", required: true),
            FormField("holder", "Holder", text: g?.holder ?? ""),
            FormField("amount", "Amount (£)", text: g.map { "\($0.amount)" } ?? "", kind: .number, required: true),
            FormField("period", "Period", text: g?.period ?? ""),
            FormField("end", "End date", text: g?.endDate?.description ?? "", kind: .date),
            FormField(
                "status", "Status", choices: Grant.Status.allCases.map { .init($0.rawValue, $0.rawValue.capitalized) }, selected: g?.status.rawValue),
            FormField("separate", "Outside the allocation", choices: yesNo, selected: (g?.separate ?? false) ? "yes" : "no"),
            FormField("source", "Source", text: g?.source ?? ""),
        ]
        return make(
            title: g.map { "Edit grant: \($0.name)" } ?? "New grant", target: .grant(index: index), fields: f, baseRev: b.funding.rev, board: b)
    }

    public static func action(_ a: Mitigation?, riskID: String, index: Int?, board b: Board, today: Day) -> Form {
        let f = [
            FormField("action", "Action", text: a?.action ?? "", required: true),
            FormField("owner", "Owner", text: a?.owner ?? "", required: true),
            FormField("due", "Due", text: (a?.due ?? today.adding(days: 30)).description, kind: .date, required: true),
            FormField("status", "Status", choices: Mitigation.Status.allCases.map { .init($0.rawValue, $0.label) }, selected: a?.status.rawValue),
        ]
        return make(
            title: a == nil ? "New action on \(riskID)" : "Edit action on \(riskID)", target: .action(riskID: riskID, index: index), fields: f,
            baseRev: b.risks[riskID]?.rev ?? 0, board: b)
    }

    public static func decision(_ m: Meeting, board b: Board) -> Form {
        return make(
            title: "Record a decision · board of \(m.date.long)", target: .decision(meetingID: m.id),
            fields: [FormField("text", "Decision", text: "", required: true)], baseRev: m.rev, board: b)
    }

    /// Who attended, the agenda, and the paper header of a meeting.
    public static func meetingDetails(_ m: Meeting, board b: Board) -> Form {
        let f =
            [
                FormField("reportTo", "Report to", text: m.header.reportTo, required: true),
                FormField("author", "Author", text: m.header.author, required: true),
                FormField("agendaItem", "Agenda item", text: m.header.agendaItem, required: true),
            ] + listFields("attendee", "Attendee", m.attendees) + listFields("agenda", "Agenda", m.agenda)
        return make(
            title: "Meeting of \(m.date.long): attendees, agenda, paper header", target: .meetingDetails(meetingID: m.id),
            fields: f, baseRev: m.rev, board: b)
    }

    public static func meetingAction(_ m: Meeting, board b: Board) -> Form {
        let f = [
            FormField("text", "Action", text: "", required: true),
            FormField("owner", "Owner", text: "", required: true),
            FormField("due", "Due", text: m.date.adding(days: 28).description, kind: .date, required: true),
        ]
        return make(title: "Record an action · board of \(m.date.long)", target: .meetingAction(meetingID: m.id), fields: f, baseRev: m.rev, board: b)
    }

    public static func closeRisk(_ r: Risk, board b: Board) -> Form {
        return make(
            title: "Close \(r.id): \(r.title)", target: .closeRisk(id: r.id),
            fields: [FormField("reason", "Reason", text: "", required: true)], baseRev: r.rev, board: b)
    }

    /// A form, checked once so its errors and live figures show from the start.
    static func make(title: String, target: FormTarget, fields: [FormField], baseRev: Int, board b: Board) -> Form {
        var form = Form(title: title, target: target, fields: fields, baseRev: baseRev)
        refresh(&form, board: b)
        return form
    }

    static func suggestID(prefix: String, board b: Board, priority: String?) -> String {
        if prefix == "WS-", let p = priority, let n = b.priorities[p]?.number {
            var k = 1
            while b.workstreams.contains(id: "WS-\(n).\(k)") { k += 1 }
            return "WS-\(n).\(k)"
        }
        if prefix == "R" {
            var k = b.risks.count + 1
            while b.risks.contains(id: String(format: "R%02d", k)) { k += 1 }
            return String(format: "R%02d", k)
        }
        var k = b.workstreams.count + 1
        while b.workstreams.contains(id: "\(prefix)\(k)") { k += 1 }
        return "\(prefix)\(k)"
    }

    // MARK: Checking as you type

    /// Re-checks every field and recomputes the live figures. Nothing is saved until this finds nothing.
    public static func refresh(_ form: inout Form, board b: Board) {
        for i in form.fields.indices {
            var fld = form.fields[i]
            fld.error = nil
            fld.note = nil
            let v = fld.value
            if fld.required && !fld.isChoice && v.isEmpty { fld.error = "required" }
            switch fld.kind {
            case .number where !v.isEmpty:
                if let p = Money.parse(v) {
                    if p < 0 { fld.error = "cannot be negative" }
                } else {
                    fld.error = "not an amount (e.g. 255200 or £255,200)"
                }
            case .date where !v.isEmpty:
                if Day(v) == nil { fld.error = "not a date (yyyy-mm-dd)" }
            default: break
            }
            if fld.key == "id" && !v.isEmpty {
                if v.contains(where: { $0.isWhitespace || $0 == "/" }) {
                    fld.error = "no spaces or slashes"
                } else if case .workstream = form.target, b.workstreams.contains(id: v) {
                    fld.error = "\(v) already exists"
                } else if case .risk = form.target, b.risks.contains(id: v) {
                    fld.error = "\(v) already exists"
                }
            }
            form.fields[i] = fld
        }
        // Lists grow: exactly one empty field at the end of each group.
        for prefix in ["objective", "cause", "attendee", "agenda"] {
            let idx = form.fields.indices.filter { form.fields[$0].key.hasPrefix(prefix + ".") }
            guard let last = idx.last else { continue }
            if !form.fields[last].input.isEmpty {
                let label = form.fields[last].label.split(separator: " ").first.map(String.init) ?? prefix
                form.fields.insert(FormField("\(prefix).\(idx.count)", "\(label) \(idx.count + 1)", text: ""), at: last + 1)
            }
        }
        form.summary = []
        form.summaryOK = true
        switch form.target {
        case .risk:
            for key in ["inherent", "residual", "target"] {
                if let l = Int(form.value("\(key).l")), let im = Int(form.value("\(key).i")),
                    let i = form.fields.firstIndex(where: { $0.key == "\(key).i" })
                {
                    let s = Score(likelihood: l, impact: im)
                    form.fields[i].note = "= \(s.value) \(s.band.name)"
                }
            }
            if let l = Int(form.value("residual.l")), let im = Int(form.value("residual.i")) {
                let s = Score(likelihood: l, impact: im)
                let reviewed = Day(form.value("reviewed"))
                let esc = s.value >= b.programme.escalationThreshold || form.value("escalate") == "yes"
                form.summary.append(
                    "Residual \(s.value) \(s.band.name)" + (reviewed.map { "; next review \($0.adding(days: s.band.reviewInterval).long)" } ?? "")
                        + (esc ? "; escalated to the board" : ""))
            }
        case .funding:
            guard let fu = fundingFromForm(form, board: b) else {
                form.summaryOK = false
                return
            }
            for c in fu.categories {
                if let i = form.fields.firstIndex(where: { $0.key == "cat.\(c.id)" }), form.fields[i].error == nil {
                    form.fields[i].note = "\(fu.share(of: c))"
                }
            }
            form.summary.append(
                "Allocated \(Money.format(fu.allocated)) of \(Money.format(fu.allocation)); unallocated \(Money.format(fu.unallocated))")
            if fu.allocated > fu.allocation, let i = form.fields.firstIndex(where: { $0.key == "allocation" }) {
                form.fields[i].error = "categories add up to \(Money.format(fu.allocated)), over by \(Money.format(fu.allocated - fu.allocation))"
            }
            if fu.allocation == 0, let i = form.fields.firstIndex(where: { $0.key == "allocation" }) { form.fields[i].error = "must be more than £0" }
            for c in fu.checks {
                form.summary.append("\(c.verdict) \(c.label): \(c.share), margin \(Money.format(c.margin))")
            }
        default: break
        }
    }

    static func fundingFromForm(_ form: Form, board b: Board) -> Funding? {
        var fu = b.funding
        guard let total = Money.parse(form.value("allocation")), total >= 0 else { return nil }
        fu.allocation = total
        for i in fu.categories.indices {
            guard let v = Money.parse(form.value("cat.\(fu.categories[i].id)")), v >= 0 else { return nil }
            if v != fu.categories[i].amount && !fu.categories[i].isIllustrative {
                fu.categories[i].source = "edited in vrboard (was \(Money.format(fu.categories[i].amount)), \(fu.categories[i].source))"
            }
            fu.categories[i].amount = v
        }
        return fu
    }

    // MARK: From form to document

    /// The document the form describes, the revision it was based on, and the journal note; nil while invalid.
    public static func build(
        _ form: Form, board b: Board, today: Day, now: String = "", user: String = ""
    ) -> (doc: AnyDocument, baseRev: Int, note: String)? {
        guard !form.hasErrors else { return nil }
        switch form.target {
        case .workstream(let id):
            let existing = id.flatMap { b.workstreams[$0] }
            var w =
                existing
                ?? Workstream(
                    id: form.value("id"), rev: 0, priority: "", title: "", lead: "", sponsor: "", objectives: [],
                    inYear: .notRated, overall: .notRated, source: "added in vrboard")
            w.title = form.value("title")
            w.priority = form.value("priority")
            w.lead = form.value("lead")
            w.sponsor = form.value("sponsor")
            w.objectives = form.list("objective")
            let option = ExitStrategy.Option(rawValue: form.value("exit")) ?? .undecided
            w.exitStrategy = option == .undecided && form.value("exitNote").isEmpty ? nil : ExitStrategy(option: option, note: form.value("exitNote"))
            return (.workstream(w), form.baseRev, existing == nil ? "Added workstream \(w.id): \(w.title)" : "Edited workstream \(w.id)")
        case .risk(let id):
            let existing = id.flatMap { b.risks[$0] }
            func score(_ k: String) -> Score { Score(likelihood: Int(form.value("\(k).l")) ?? 3, impact: Int(form.value("\(k).i")) ?? 3) }
            var r =
                existing
                ?? Risk(
                    id: form.value("id"), rev: 0, title: "", description: "", causes: [], category: "", owner: "", proximity: "",
                    inherent: score("inherent"), residual: score("residual"), target: score("target"), response: .treat,
                    actions: [], lastReviewed: today, source: "added in vrboard")
            r.title = form.value("title")
            r.description = form.value("description")
            r.causes = form.list("cause")
            r.category = form.value("category")
            r.owner = form.value("owner")
            r.proximity = form.value("proximity")
            r.inherent = score("inherent")
            r.residual = score("residual")
            r.target = score("target")
            r.response = RiskResponse(rawValue: form.value("response")) ?? .treat
            r.escalate = form.value("escalate") == "yes"
            r.lastReviewed = Day(form.value("reviewed")) ?? today
            return (.risk(r), form.baseRev, existing == nil ? "Added risk \(r.id): \(r.title)" : "Edited risk \(r.id) (residual \(r.residual.value))")
        case .funding:
            guard let fu = fundingFromForm(form, board: b), fu.problems.isEmpty else { return nil }
            return (
                .funding(fu), form.baseRev,
                "Edited the funding split: allocation \(Money.format(fu.allocation)), interventions \(Money.format(fu.spend(.interventions)))"
            )
        case .grant(let index):
            var fu = b.funding
            guard let amount = Money.parse(form.value("amount")), amount >= 0 else { return nil }
            var newID = fu.grants.count + 1
            while fu.grants.contains(where: { $0.id == "grant-\(newID)" }) { newID += 1 }
            let g = Grant(
                id: index.map { fu.grants[$0].id } ?? "grant-\(newID)",
                name: form.value("name"), funder: form.value("funder"), holder: form.value("holder"), amount: amount,
                period: form.value("period"), endDate: Day(form.value("end")), status: Grant.Status(rawValue: form.value("status")) ?? .continuing,
                separate: form.value("separate") == "yes", source: form.value("source").isEmpty ? "entered in vrboard" : form.value("source"))
            if let index { fu.grants[index] = g } else { fu.grants.append(g) }
            return (.funding(fu), form.baseRev, index == nil ? "Added grant \(g.name) (\(Money.format(g.amount)))" : "Edited grant \(g.name)")
        case .action(let riskID, let index):
            guard var r = b.risks[riskID], let due = Day(form.value("due")) else { return nil }
            let a = Mitigation(
                action: form.value("action"), owner: form.value("owner"), due: due,
                status: Mitigation.Status(rawValue: form.value("status")) ?? .planned)
            if let index, r.actions.indices.contains(index) { r.actions[index] = a } else { r.actions.append(a) }
            return (
                .risk(r), form.baseRev,
                index == nil ? "Added an action to \(r.id): \(a.action)" : "Edited an action on \(r.id): \(a.action) (\(a.status.label))"
            )
        case .meetingDetails(let id):
            guard var m = b.meetings[id] else { return nil }
            m.header = PaperHeader(reportTo: form.value("reportTo"), author: form.value("author"), agendaItem: form.value("agendaItem"))
            m.attendees = form.list("attendee")
            m.agenda = form.list("agenda")
            return (.meeting(m), form.baseRev, "Board of \(m.date.long): \(m.attendees.count) attendees and \(m.agenda.count) agenda items recorded")
        case .decision(let id):
            guard var m = b.meetings[id] else { return nil }
            m.decisions.append(Decision(text: form.value("text"), at: now, by: user))
            return (.meeting(m), form.baseRev, "Board of \(m.date.long): decision recorded: \(form.value("text"))")
        case .meetingAction(let id):
            guard var m = b.meetings[id], let due = Day(form.value("due")) else { return nil }
            m.actions.append(MeetingAction(text: form.value("text"), owner: form.value("owner"), due: due, at: now, by: user))
            return (.meeting(m), form.baseRev, "Board of \(m.date.long): action for \(form.value("owner")) by \(due.long): \(form.value("text"))")
        case .closeRisk(let id):
            guard var r = b.risks[id] else { return nil }
            r.status = .closed
            r.closedReason = form.value("reason")
            return (.risk(r), form.baseRev, "Closed risk \(r.id): \(form.value("reason"))")
        }
    }
}
