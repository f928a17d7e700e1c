import Foundation
import VRModel

/// One field of a form.
public struct FormField: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case text, number, date
        /// Text of several lines, wrapped as it grows (a paper's section, a decision's wording).
        case longText
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
    /// The growing list the field belongs to (objectives, causes, attendees, agenda items): the form
    /// keeps exactly one empty field at its end.
    public var list: String?

    init<F: RawRepresentable<String>>(_ key: F, _ label: String, text: String, kind: Kind = .text, required: Bool = false) {
        self.init(key.rawValue, label, text: text, kind: kind, required: required)
    }

    init<F: RawRepresentable<String>>(_ key: F, _ label: String, choices: [Choice], selected: String?) {
        self.init(key.rawValue, label, choices: choices, selected: selected)
    }

    init(_ key: String, _ label: String, text: String, kind: Kind = .text, required: Bool = false) {
        self.key = key
        self.label = label
        self.kind = kind
        self.input = TextField(text, multiLine: kind == .longText)
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
    public var value: String {
        isChoice ? choices[choice].value : input.text.trimmingCharacters(in: kind == .longText ? .whitespacesAndNewlines : .whitespaces)
    }
    public var isLong: Bool { kind == .longText }
    public var display: String { isChoice ? choices[choice].label : input.text }
}

/// What a form edits; each case is one form (`FormSpec`), in its own file.
public enum FormTarget: Equatable, Sendable {
    case workstream(id: String?)
    case risk(id: String?)
    case funding
    case grant(index: Int?)
    case action(riskID: String, index: Int?)
    case closeRisk(id: String)
    case decision(meetingID: String, index: Int?)
    case meetingDetails(meetingID: String)
    case paper(meetingID: String)
    case meetingAction(meetingID: String, index: Int?)
    case withdraw(MinuteRef)
    case subGroupReports(meetingID: String)
    case minutesApproval(meetingID: String)
    case reachReturn(interventionID: String)
    case intervention(id: String?)
    case evaluation(id: String?)
    case spend
    case commentary(category: String)
    case reprofile
    case outcomeValue(id: String)
    case outcome(id: String?)
    case interventionSpend(id: String)
    case source(id: String?)
    case boardMark(RaisedItem.Kind, id: String)
}

/// Fields laid out as a table, one row of cells each (a quarter's actual and forecast, category by
/// category), so every row shows at once at 80x24; the focused row's label is shown whole under it.
public struct FormGrid: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var label: String
        /// The row's fields, one a column.
        public var keys: [String]
        /// What the row has already (what is entered for the quarter, of its profile).
        public var info = ""
    }
    /// The header of the labels' column, of each cell's, and of the information's.
    public var header: String
    public var columns: [String]
    public var infoHeader: String
    public var rows: [Row]
    public var keys: Set<String> { Set(rows.flatMap(\.keys)) }
}

/// A form in a modal: fields, focus, errors, and whether anything changed.
public struct Form: Equatable, Sendable {
    public var title: String
    public var target: FormTarget
    public var fields: [FormField]
    /// The revision of the document when the form opened: a save names it, so a change saved
    /// elsewhere meanwhile is a conflict, never overwritten.
    public var baseRev = 0
    /// The document as it was when the form opened (at `baseRev`): the base of a three-way merge when a
    /// change saved elsewhere meanwhile meets this one.
    public var base: AnyDocument?
    /// Set when the user chose to go on after a conflict: the save goes over their version, knowingly.
    public var overConflict = false
    public var focus = 0
    public var dirty = false
    public var confirmDiscard = false
    /// Form-level problems and live figures (e.g. the funding conditions as you type).
    public var summary: [String] = []
    public var summaryOK = true
    public var message: String?
    /// Fields drawn as a table rather than a field a row.
    public var grid: FormGrid?

    public func field(_ key: String) -> FormField? { fields.first { $0.key == key } }
    public func value(_ key: String) -> String { field(key)?.value ?? "" }
    /// A form's own field, by its typed name.
    func field<F: RawRepresentable<String>>(_ key: F) -> FormField? { field(key.rawValue) }
    func value<F: RawRepresentable<String>>(_ key: F) -> String { value(key.rawValue) }
    /// The board's date when the form was last checked: what `tomorrow` and `+7d` count from.
    public var today: Day?
    /// A date field's day as the form reads it (relative words from the board's date), or nil.
    func date<F: RawRepresentable<String>>(_ key: F) -> Day? { try? Day.read(value(key), today: today).get() }
    /// The field's index, to put an error or a note beside it.
    func index<F: RawRepresentable<String>>(_ key: F) -> Int? { fields.firstIndex { $0.key == key.rawValue } }
    /// Values of a growing list (`objective.0`, `objective.1`, …), blanks dropped.
    public func list(_ name: String) -> [String] { fields.filter { $0.list == name }.map(\.value).filter { !$0.isEmpty } }
    public var hasErrors: Bool { fields.contains { $0.error != nil } || !summaryOK }
}

/// One kind of form, in its own file: its typed fields, the checks and live figures as you type, and
/// the typed draft (a Workstream, a Risk, a Grant…) its fields make and what saving it records.
protocol FormSpec {
    associatedtype Draft
    /// The form's live checks and figures beyond each field's own (a score's band, the funding conditions).
    static func check(_ form: inout Form, board b: Board)
    /// The draft the fields describe, or nil while one is wrong.
    static func draft(_ form: Form, board b: Board, today: Day) -> Draft?
    /// What saving the draft records: the document, and the journal note.
    static func save(_ draft: Draft, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)?
}

extension FormSpec {
    static func check(_ form: inout Form, board b: Board) {}

    /// The document, its base revision and the note; nil while invalid.
    static func build(_ form: Form, board b: Board, today: Day, now: String, user: String) -> (doc: AnyDocument, baseRev: Int, note: String)? {
        guard !form.hasErrors, let d = draft(form, board: b, today: today), let saved = save(d, form, board: b, now: now, user: user) else {
            return nil
        }
        return (saved.doc, form.baseRev, saved.note)
    }
}

extension FormTarget {
    /// The document the form edits, as the board holds it (nil for a new one).
    func document(in b: Board) -> AnyDocument? {
        switch self {
        case .workstream(let id): id.flatMap { b.workstreams[$0] }.map(AnyDocument.workstream)
        case .risk(let id): id.flatMap { b.risks[$0] }.map(AnyDocument.risk)
        case .action(let id, _), .closeRisk(let id): b.risks[id].map(AnyDocument.risk)
        case .funding, .grant, .spend, .commentary, .reprofile: .funding(b.funding)
        case .reachReturn(let id): b.interventions[id].map(AnyDocument.intervention)
        case .intervention(let id): id.flatMap { b.interventions[$0] }.map(AnyDocument.intervention)
        case .evaluation(let id): id.flatMap { b.evaluations[$0] }.map(AnyDocument.evaluation)
        case .outcomeValue(let id): b.outcomes[id].map(AnyDocument.outcome)
        case .outcome(let id): id.flatMap { b.outcomes[$0] }.map(AnyDocument.outcome)
        case .interventionSpend(let id): b.interventions[id].map(AnyDocument.intervention)
        case .source(let id): id.flatMap { b.sources[$0] }.map(AnyDocument.source)
        case .boardMark(.workstream, let id): b.workstreams[id].map(AnyDocument.workstream)
        case .boardMark(.risk, let id): b.risks[id].map(AnyDocument.risk)
        case .decision(let id, _), .meetingDetails(let id), .paper(let id), .meetingAction(let id, _), .subGroupReports(let id),
            .minutesApproval(let id):
            b.meetings[id].map(AnyDocument.meeting)
        case .withdraw(let ref): b.meetings[ref.meetingID].map(AnyDocument.meeting)
        }
    }

    /// The form each target is: the engine's only switch over forms.
    var spec: any FormSpec.Type {
        switch self {
        case .workstream: WorkstreamForm.self
        case .risk: RiskForm.self
        case .funding: FundingForm.self
        case .grant: GrantForm.self
        case .reachReturn: ReachReturnForm.self
        case .intervention: InterventionForm.self
        case .evaluation: EvaluationForm.self
        case .spend: SpendForm.self
        case .commentary: CommentaryForm.self
        case .reprofile: ReprofileForm.self
        case .outcomeValue: OutcomeValueForm.self
        case .outcome: OutcomeMeasureForm.self
        case .interventionSpend: InterventionSpendForm.self
        case .source: SourceForm.self
        case .boardMark: BoardMarkForm.self
        case .action: ActionForm.self
        case .closeRisk: CloseRiskForm.self
        case .decision: DecisionForm.self
        case .meetingDetails: MeetingDetailsForm.self
        case .paper: PaperForm.self
        case .meetingAction: MeetingActionForm.self
        case .withdraw: WithdrawForm.self
        case .subGroupReports: SubGroupReportForm.self
        case .minutesApproval: MinutesApprovalForm.self
        }
    }
}

/// The form engine: building a form, checking it as you type, and turning it back into a document.
public enum Forms {
    static func memberChoices(_ b: Board) -> [FormField.Choice] {
        b.members.items.sorted { $0.name < $1.name }.map { .init($0.id, "\($0.name) (\($0.organisation))") }
    }

    /// An owner kept as a name (an action's): chosen from the members, by the name the minutes use
    /// (typing a letter goes to the next whose words start with it), or someone else's name typed in the
    /// field below. A name already recorded that is no member's is kept there.
    static func ownerFields<F: RawRepresentable<String>>(_ owner: F, _ other: F, current: String?, board b: Board) -> [FormField] {
        let names = b.members.items.map { FormField.Choice($0.name, $0.shownName) }
        let member = current.flatMap { c in names.first { $0.value == c }?.value }
        return [
            FormField(
                owner, "Owner", choices: names + [.init("", "Someone else (type the name below)")],
                selected: member ?? (current == nil ? names.first?.value : "")),
            FormField(other, "  or not a member", text: member == nil ? current ?? "" : ""),
        ]
    }

    /// The owner the fields name: the member chosen, else the name typed.
    static func owner<F: RawRepresentable<String>>(_ form: Form, _ owner: F, _ other: F) -> String {
        form.value(owner).isEmpty ? form.value(other).trimmingCharacters(in: .whitespaces) : form.value(owner)
    }

    /// Someone else chosen: a name is needed, and is said not to be a member's.
    static func checkOwner<F: RawRepresentable<String>>(_ form: inout Form, _ ownerKey: F, _ other: F) {
        guard form.value(ownerKey).isEmpty, let i = form.fields.firstIndex(where: { $0.key == other.rawValue }) else { return }
        let name = owner(form, ownerKey, other)
        if name.isEmpty {
            form.fields[i].error = "who owns it? choose a member above, or type a name"
        } else {
            form.summary.append("\(name) is not a member of the board: the action is given to the name as typed")
        }
    }

    static func scoreChoices(_ names: [String]) -> [FormField.Choice] {
        names.enumerated().map { .init("\($0.offset + 1)", "\($0.offset + 1) \($0.element)") }
    }

    static let yesNo = [FormField.Choice("no", "No"), FormField.Choice("yes", "Yes")]

    /// A growing list's fields: one per value, then an empty one.
    static func listFields(_ name: String, _ label: String, _ values: [String]) -> [FormField] {
        (values + [""]).enumerated().map {
            var f = FormField("\(name).\($0.offset)", "\(label) \($0.offset + 1)", text: $0.element)
            f.list = name
            return f
        }
    }

    /// A form, checked once so its errors and live figures show from the start.
    static func make(title: String, target: FormTarget, fields: [FormField], baseRev: Int, board b: Board) -> Form {
        checked(Form(title: title, target: target, fields: fields, baseRev: baseRev), board: b)
    }

    /// A form built by hand (with a grid), given its base and checked once.
    static func checked(_ form: Form, board b: Board) -> Form {
        var form = form
        form.base = form.target.document(in: b).flatMap { $0.rev == form.baseRev ? $0 : nil }
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

    /// The first id of the form `prefix` + number (zero-padded to `width`) that no document has, counting
    /// from one past `count`.
    static func nextID(_ prefix: String, width: Int = 2, after count: Int, exists: (String) -> Bool) -> String {
        func id(_ k: Int) -> String { prefix + String(repeating: "0", count: max(0, width - String(k).count)) + String(k) }
        var k = count + 1
        while exists(id(k)) { k += 1 }
        return id(k)
    }

    /// A quarter field for spend, checked as typed: a quarter (its dates said back) of the year being
    /// monitored that has started; the quarter when it is, else nil with the field's error set.
    static func spendQuarter<F: RawRepresentable<String>>(_ form: inout Form, _ key: F, asAt: Day) -> Quarter? {
        guard let qi = form.index(key), !form.fields[qi].value.isEmpty else { return nil }
        guard let q = Quarter(form.fields[qi].value) else {
            form.fields[qi].error = "not a quarter (e.g. 2021-Q2: Q1 is April-June)"
            return nil
        }
        form.fields[qi].note = "\(q.first.long)-\(q.last.long)"
        do { try SpendEntry(category: "", quarter: q, actual: 0, by: "", at: "").check(asAt: asAt) } catch {
            form.fields[qi].error = "\(error)"
            return nil
        }
        return q
    }

    /// A new document's id: no spaces or slashes, and not one that exists.
    static func checkNewID(_ form: inout Form, exists: (String) -> Bool) {
        guard let i = form.fields.firstIndex(where: { $0.key == "id" }), form.fields[i].error == nil else { return }
        let v = form.fields[i].value
        if v.contains(where: { $0.isWhitespace || $0 == "/" }) {
            form.fields[i].error = "no spaces or slashes"
        } else if exists(v) {
            form.fields[i].error = "\(v) already exists"
        }
    }

    /// Marks each filled field of list `list` whose id `exists` does not know: "no workstream WS-9".
    static func checkListIDs(_ form: inout Form, list: String, noun: String, exists: (String) -> Bool) {
        for (i, fld) in form.fields.enumerated() where fld.list == list && !fld.value.isEmpty && !exists(fld.value) {
            form.fields[i].error = "no \(noun) \(fld.value)"
        }
    }

    // MARK: Checking as you type

    /// Re-checks every field (required, amounts, dates), keeps one empty field at the end of each
    /// growing list, then runs the form's own checks. Nothing is saved until this finds nothing.
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
                    // Said back as it will be saved: `3.37m` is £3,370,000, pence are rounded.
                    if Money.hasPence(v) {
                        fld.note = "whole pounds: saved as \(Money.format(p))"
                    } else if v.trimmingCharacters(in: .whitespaces) != Money.format(p) {
                        fld.note = "read as \(Money.format(p))"
                    }
                } else {
                    fld.error = "not an amount (e.g. 255200 or £255,200)"
                }
            case .date where !v.isEmpty:
                // Typed as people write dates (or `tomorrow`, `+7d`, `next Friday` from the board's date);
                // said back with its weekday, so a misreading is seen; a refusal says why.
                switch Day.read(v, today: b.programme.asAt) {
                case .success(let d): fld.note = "read as \(d.longWithWeekday)"
                case .failure(let why): fld.error = why.description
                }
            default: break
            }
            form.fields[i] = fld
        }
        for name in Set(form.fields.compactMap(\.list)) {
            let idx = form.fields.indices.filter { form.fields[$0].list == name }
            guard let last = idx.last, !form.fields[last].input.isEmpty else { continue }
            let label = form.fields[last].label.split(separator: " ").dropLast().joined(separator: " ")
            var grown = FormField("\(name).\(idx.count)", "\(label) \(idx.count + 1)", text: "")
            grown.list = name
            form.fields.insert(grown, at: last + 1)
        }
        form.today = b.programme.asAt
        form.summary = []
        form.summaryOK = true
        form.target.spec.check(&form, board: b)
    }

    // MARK: From form to document

    /// The document the form describes, the revision it was based on, and the journal note; nil while invalid.
    public static func build(
        _ form: Form, board b: Board, today: Day, now: String = "", user: String = ""
    ) -> (doc: AnyDocument, baseRev: Int, note: String)? {
        form.target.spec.build(form, board: b, today: today, now: now, user: user)
    }
}
