import VRModel
import VRStore
import VRStoreAPI

/// A change this session made: from `before` to `after` (as saved, with its revision).
public struct UndoEntry: Equatable, Sendable {
    public var before: AnyDocument?
    public var after: AnyDocument
    public var note: String
}

public enum ConfirmAction: Equatable, Sendable {
    case archiveWorkstream(String)
    case reopenRisk(String)
    /// Start a draft meeting on a day that has none (P on the board).
    case startMeeting(Day)
    /// Open the next financial year (Y on the board).
    case openYear(String)
    /// Open a meeting already scheduled (P on the board when the board's date has none).
    case openMeeting(Day)
    case holdMeeting(String)
    case closeMeeting(String)
    /// Take a workstream's or risk's mark for the board off before its meeting.
    case unmarkForBoard(RaisedItem.Kind, String)
}

/// Two saves of one item: what this terminal tried, and what is stored now.
public struct ConflictState: Equatable, Sendable {
    public var edit: Edit
    public var theirs: AnyDocument?
    /// The modal to go back to on cancel (the form with the user's edits).
    public var returnTo: [Modal]
    /// Field by field: name, mine, theirs.
    public var differences: [(String, String, String)]
    /// The three-way merge, when the edit's base is known: only the fields both changed are asked about.
    public var merge: Merge?
    /// For each clash, whether to keep mine (Space toggles the selected one).
    public var keepMine: [Bool] = []
    public var cursor = 0
    /// `v`: the selected field's two values read whole, scrolled by `viewScroll` lines.
    public var viewing = false
    public var viewScroll = 0
    public static func == (a: Self, b: Self) -> Bool {
        a.edit == b.edit && a.theirs == b.theirs && a.returnTo == b.returnTo && a.merge == b.merge && a.keepMine == b.keepMine
            && a.cursor == b.cursor && a.viewing == b.viewing && a.viewScroll == b.viewScroll
    }
}

extension AnyDocument {
    /// A short list of readable fields, for comparing two versions.
    var fields: [(String, String)] {
        switch self {
        case .workstream(let w):
            return [
                ("Title", w.title), ("Priority", w.priority), ("Lead", w.lead), ("Sponsor", w.sponsor),
                ("In-year", w.inYear.name), ("Overall", w.overall.name), ("Objectives", w.objectives.map { "• " + $0 }.joined(separator: "\n")),
                ("Latest comment", w.history.last?.comment ?? ""), ("Archived", w.archived ? "yes" : "no"),
                ("Exit strategy", w.exitStrategy.map { $0.option.label + ($0.note.isEmpty ? "" : ": " + $0.note) } ?? ""),
            ]
        case .risk(let r):
            return [
                ("Title", r.title), ("Owner", r.owner), ("Category", r.category), ("Residual", "\(r.residual.value)"),
                ("Inherent", "\(r.inherent.value)"), ("Target", "\(r.target.value)"), ("Status", r.status.rawValue),
                ("Actions", r.actions.map { "• \($0.action) (\($0.status.label))" }.joined(separator: "\n")), ("Description", r.description),
            ]
        case .funding(let f):
            return [("Allocation", Money.format(f.allocation))] + f.categories.map { ($0.name, Money.format($0.amount)) }
                + f.grants.map { ($0.name, "\(Money.format($0.amount)) \($0.status.rawValue)") }
        case .programme(let p): return [("Name", p.name), ("Vision", p.vision)]
        case .member(let m): return [("Name", m.name), ("Role", m.role)]
        case .priority(let p): return [("Title", p.title)]
        case .intervention(let iv):
            return [
                ("Name", iv.name), ("Provider", iv.provider), ("Level", iv.level?.label ?? ""), ("Setting", iv.setting), ("Area", iv.area),
                ("Budget", iv.budget.map(Money.format) ?? ""), ("Status", iv.status.label), ("Exit", iv.exit.label),
                ("Returns", iv.returns.map { "\($0.label): \($0.under25) under 25, \($0.over25) 25 and over" }.joined(separator: "; ")),
            ]
        case .evaluation(let e):
            return [
                ("Title", e.title), ("Commissioned by", e.commissionedBy), ("Scope", e.scope), ("Type", e.kind?.label ?? ""),
                ("Interventions", e.interventions.joined(separator: ", ")), ("Due", e.due?.long ?? e.dueText), ("Status", e.status.label),
                ("Finding", e.finding), ("Cost", e.cost.map(Money.format) ?? ""),
            ]
        case .outcome(let o):
            return [
                ("Title", o.title), ("Baseline", o.baselinePeriod), ("Latest", o.latestPeriod),
                ("Change", o.change.map(OutcomeMeasure.percent) ?? ""),
                ("Values", o.series.map { "\($0.period): \(OutcomeMeasure.format($0.value))" }.joined(separator: "; ")), ("Note", o.note),
            ]
        case .meeting(let m):
            return [("Attendees", m.attendees.joined(separator: "; "))] + m.decisions.map { ("Decision", $0.text) }
                + m.actions.map { ("Action", "\($0.text) (\($0.owner), \($0.due.long))") }
        case .source(let d):
            return [
                ("Title", d.title), ("Publisher", d.publisher), ("Date", "\(d.dateKind.label) \(d.date.long)"), ("Link", d.link ?? ""),
                ("Sections", (d.sections ?? []).joined(separator: ", ")), ("Note", d.note),
            ]
        }
    }

    static func differences(_ mine: AnyDocument, _ theirs: AnyDocument?) -> [(String, String, String)] {
        let m = mine.fields
        let t = theirs?.fields ?? []
        var out: [(String, String, String)] = []
        for (i, (name, mv)) in m.enumerated() {
            let tv = i < t.count ? t[i].1 : "(none)"
            if mv != tv { out.append((name, mv, tv)) }
        }
        return out
    }
}

// MARK: Saving

/// Saves `doc`. A workstream's or risk's edit note names the fields it changed ("Edited workstream WS-2.1 · changed: Title"),
/// so History says what changed even where the journal no longer holds the version before.
func save(_ s: inout AppState, _ doc: AnyDocument, baseRev: Int, note: String, base: AnyDocument? = nil) -> [Effect] {
    let before = s.board.document(doc.collection, doc.id)
    var note = note
    // Against the version the form opened on, when there is one: a change saved elsewhere meanwhile is not this one's.
    if doc.collection == .workstreams || doc.collection == .risks, note.hasPrefix("Edited "), let was = base ?? before {
        let names = AnyDocument.differences(doc, was).map(\.0)
        if !names.isEmpty { note += " · changed: " + names.joined(separator: ", ") }
    }
    return [.save(Edit(doc: doc, baseRev: baseRev, note: note, before: before, base: base))]
}

// MARK: Undo and redo

func undo(_ s: inout AppState) -> [Effect] {
    guard let e = s.undoStack.last else { return [] }
    guard let current = s.board.document(e.after.collection, e.after.id), current.rev == e.after.rev else {
        s.message = "Cannot undo: \(e.after.id) was changed again since (by you or someone else); see its history"
        return []
    }
    let restored = e.before ?? retired(e.after)
    return [.save(Edit(doc: restored, baseRev: current.rev, note: "Undo: \(e.note)", kind: .undo, before: current))]
}

func redo(_ s: inout AppState) -> [Effect] {
    guard let e = s.redoStack.last else { return [] }
    guard let current = s.board.document(e.after.collection, e.after.id), current.rev == e.before?.rev else {
        s.message = "Cannot redo: \(e.after.id) was changed since the undo"
        return []
    }
    return [.save(Edit(doc: e.after, baseRev: current.rev, note: "Redo: \(e.note)", kind: .redo, before: current))]
}

/// Undoing the creation of a document: nothing is deleted, so a workstream is archived and a risk closed.
func retired(_ d: AnyDocument) -> AnyDocument {
    switch d {
    case .workstream(var w):
        w.archived = true
        return .workstream(w)
    case .risk(var r):
        r.status = .closed
        r.closedReason = "Added in error (undone)"
        return .risk(r)
    default: return d
    }
}

// MARK: Results of saves

func saved(_ s: inout AppState, _ edit: Edit, board: Board) {
    // A panel that adds items keeps its place: a risk's action saved goes back to the actions, on it.
    let back = s[dialog: FormMode.self].flatMap { returnTo($0.target, board) }
    s.board = board
    let after = board.document(edit.doc.collection, edit.doc.id) ?? edit.doc
    switch edit.kind {
    case .change:
        s.undoStack.append(UndoEntry(before: edit.before, after: after, note: edit.note))
        s.redoStack.removeAll()
        s.message = "Saved: \(edit.note)"
    case .undo:
        let e = s.undoStack.removeLast()
        s.redoStack.append(UndoEntry(before: after, after: e.after.withRev(0), note: e.note))
        s.message = "Undone: \(e.note) " + s.keyed("({edit.undo} again, {edit.redo} to redo)")
    case .redo:
        let e = s.redoStack.removeLast()
        s.undoStack.append(UndoEntry(before: e.before, after: after, note: e.note))
        s.message = "Redone: \(e.note)"
    }
    s.modal = back
    s.message = Width.truncate(s.message ?? "", to: 300)
}

/// Where a form goes once saved, when it was opened from a panel that lists what it adds: a risk's
/// actions, with the action just saved selected (so `n` adds the next one); nil: the board.
func returnTo(_ target: FormTarget, _ board: Board) -> Modal? {
    guard case .action(let riskID, let index) = target, let r = board.risks[riskID], !r.actions.isEmpty else { return nil }
    var cursor = ListCursor()
    cursor.selected = min(index ?? r.actions.count - 1, r.actions.count - 1)
    return .actions(riskID: riskID, cursor: cursor)
}

extension AnyDocument {
    /// Where the board shows this document, for the items a screen lists.
    var route: Route? {
        switch self {
        case .workstream(let w): .workstream(w.id)
        case .risk(let r): .risk(r.id)
        case .intervention(let i): .intervention(i.id)
        case .evaluation(let e): .evaluation(e.id)
        case .outcome(let o): .outcome(o.id)
        default: nil
        }
    }
}

/// A save met a change saved elsewhere since the edit began. Changes to different fields merge without a
/// question (saved on top of theirs, journalled as merged); only fields both changed are asked about.
func conflicted(_ s: inout AppState, _ edit: Edit, theirs: AnyDocument?, board: Board) -> [Effect] {
    s.board = board
    let back: [Modal] = s.modal.map { [$0] } ?? []
    var state = ConflictState(edit: edit, theirs: theirs, returnTo: back, differences: AnyDocument.differences(edit.doc, theirs))
    if let base = edit.base, let theirs, base.rev == edit.baseRev, let merge = Merge(base: base, mine: edit.doc, theirs: theirs) {
        if merge.clashes.isEmpty, let merged = merge.document(keepMine: [], rev: theirs.rev) {
            let note =
                edit.note + " (merged with a change saved meanwhile"
                + (merge.theirsOnly.isEmpty ? "" : " to " + merge.theirsOnly.map(Merge.label).joined(separator: ", ").lowercased()) + ")"
            var e = Edit(doc: merged, baseRev: theirs.rev, note: note, kind: edit.kind, before: theirs, base: theirs)
            e.note = Width.truncate(e.note, to: 500)
            return [.save(e)]
        }
        state.merge = merge
        state.keepMine = merge.clashes.map { _ in true }
        state.differences = merge.clashes.map { ($0.label, $0.mine, $0.theirs) }
    }
    s.modal = .conflict(state)
    return []
}
