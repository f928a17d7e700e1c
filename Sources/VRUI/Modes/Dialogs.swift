import VRModel
import VRStore
import VRStoreAPI

/// The small modals: discard changes?, a yes/no question, a save that met someone else's, and a
/// risk's mitigating actions.
enum Dialogs {
    /// A form or the rating picker asks before discarding: y discards, any other key goes back.
    static let discard = KeyGroup(
        Mode.discard.title,
        [
            Binding("discard.yes", [.char("y")], help: "Discard the changes and close") { s in s.modal = nil }
        ],
        fallback: Binding("discard.no", [], label: "any other key", help: "Go back to the form") { s in
            switch s.modal {
            case .rate(var rf)?:
                rf.confirmDiscard = false
                s.modal = .rate(rf)
            case .form(var f)?:
                f.confirmDiscard = false
                s.modal = .form(f)
            default: break
            }
        })

    static let confirm = KeyGroup(
        Mode.confirm.title,
        [
            Binding("confirm.yes", [.char("y"), .char("Y")], help: "Yes: archive, reopen, start, hold or close a meeting") { s, _ in
                guard case .confirm(_, let action)? = s.modal else { return [] }
                s.modal = nil
                switch action {
                case .archiveWorkstream(let id):
                    guard var w = s.board.workstreams[id] else { return [] }
                    let base = w.rev
                    w.archived = true
                    return save(&s, .workstream(w), baseRev: base, note: "Archived workstream \(id): \(w.title)")
                case .reopenRisk(let id):
                    guard var r = s.board.risks[id] else { return [] }
                    let base = r.rev
                    r.status = .open
                    r.closedReason = nil
                    return save(&s, .risk(r), baseRev: base, note: "Reopened risk \(id)")
                case .startMeeting:
                    return [.startPresentation(create: true)]
                case .holdMeeting(let id):
                    guard var m = s.board.meetings[id] else { return [] }
                    let base = m.rev
                    m.hold(board: s.board, at: s.now)
                    return save(&s, .meeting(m), baseRev: base, note: "Board of \(m.date.long): meeting held, the board as shown frozen")
                case .closeMeeting(let id):
                    guard var m = s.board.meetings[id] else { return [] }
                    let base = m.rev
                    m.close(at: s.now)
                    return save(&s, .meeting(m), baseRev: base, note: "Board of \(m.date.long): minutes closed")
                }
            }
        ],
        fallback: Binding("confirm.no", [], label: "any other key", help: "No: nothing changes") { s in
            s.modal = nil
            s.message = "Nothing changed"
        })

    static let conflict = KeyGroup(
        Mode.conflict.title,
        [
            Binding("conflict.keepMine", [.char("k"), .char("K")], help: "Keep mine for every field both changed (their other changes kept)") {
                s, _ in
                guard case .conflict(let c)? = s.modal else { return [] }
                if let merge = c.merge { return settle(&s, c, merge, keepMine: merge.clashes.map { _ in true }) }
                var e = c.edit
                e.baseRev = c.theirs?.rev ?? 0
                e.before = c.theirs
                e.note += " (kept over a concurrent change)"
                s.modal = c.returnTo.first
                return [.save(e)]
            },
            Binding("conflict.takeTheirs", [.char("t"), .char("T")], help: "Take theirs for every field both changed (my other changes kept)") {
                s, _ in
                guard case .conflict(let c)? = s.modal else { return [] }
                if let merge = c.merge { return settle(&s, c, merge, keepMine: merge.clashes.map { _ in false }) }
                s.modal = nil
                s.message = "Kept the version saved elsewhere; your change was not saved"
                return []
            },
            Binding("conflict.choose", [.enter], help: "Save with the choice made for each field") { s, _ in
                guard case .conflict(let c)? = s.modal, let merge = c.merge else { return [] }
                return settle(&s, c, merge, keepMine: c.keepMine)
            },
            Binding("conflict.toggle", [.char(" ")], help: "Mine or theirs for the selected field") { s in
                guard case .conflict(var c)? = s.modal, c.keepMine.indices.contains(c.cursor) else { return }
                c.keepMine[c.cursor].toggle()
                s.modal = .conflict(c)
            },
            Binding("conflict.up", [.up], help: "Previous field") { s in
                guard case .conflict(var c)? = s.modal else { return }
                c.cursor = max(0, c.cursor - 1)
                s.modal = .conflict(c)
            },
            Binding("conflict.down", [.down], help: "Next field") { s in
                guard case .conflict(var c)? = s.modal else { return }
                c.cursor = min(max(0, c.keepMine.count - 1), c.cursor + 1)
                s.modal = .conflict(c)
            },
            Binding(
                "conflict.back", [.escape, .char("c"), .char("C")],
                help: "Cancel: back to my edit, now based on theirs ({form.save} saves mine over it)"
            ) { s in
                guard case .conflict(let c)? = s.modal else { return }
                let theirRev = c.theirs?.rev ?? 0
                switch c.returnTo.first {
                case .form(var f):
                    f.baseRev = theirRev
                    f.overConflict = true
                    f.message = s.keyed("Their version is now the base: {form.save} saves yours over it, {form.cancel} discards yours")
                    s.modal = .form(f)
                case .rate(let rf):
                    if let w = s.board.workstreams[rf.workstreamID] {
                        var again = RatingForm(workstream: w, kind: rf.kind)
                        again.selected = rf.selected
                        again.comment = rf.comment
                        again.basis = rf.basis
                        again.error = s.keyed("Their version is now the base: {rating.save} saves your rating over it")
                        s.modal = .rate(again)
                    } else {
                        s.modal = nil
                    }
                default: s.modal = nil
                }
            },
        ])

    /// The actions dialog, with its risk and cursor; `change` may save.
    static func actionsOf(_ s: inout AppState, _ change: (inout AppState, Risk, inout ListCursor) -> [Effect]) -> [Effect] {
        guard case .actions(let id, var cursor)? = s.modal else { return [] }
        guard let r = s.board.risks[id] else {
            s.modal = nil
            return []
        }
        let effects = change(&s, r, &cursor)
        if case .actions(id, _)? = s.modal { s.modal = .actions(riskID: id, cursor: cursor) }
        return effects
    }

    static let selectAction: @Sendable (AppState) -> String? = { s in
        guard case .actions(let id, let c)? = s.modal, let r = s.board.risks[id], r.actions.indices.contains(c.selected) else {
            return "No action selected: {actions.new} adds one"
        }
        return nil
    }

    static let actions = KeyGroup(
        Mode.actions.title,
        [
            Binding("actions.up", [.up, .char("k")], help: "Previous action") { s, _ in
                actionsOf(&s) { _, r, c in
                    c.move(by: -1, count: r.actions.count)
                    return []
                }
            },
            Binding("actions.down", [.down, .char("j")], help: "Next action") { s, _ in
                actionsOf(&s) { _, r, c in
                    c.move(by: 1, count: r.actions.count)
                    return []
                }
            },
            Binding("actions.new", [.char("n")], help: "Add an action", disabled: Guard.writable) { s, _ in
                actionsOf(&s) { s, r, _ in
                    s.modal = .form(ActionForm.open(nil, riskID: r.id, index: nil, board: s.board, today: s.today))
                    return []
                }
            },
            Binding("actions.edit", [.char("e"), .enter], help: "Edit the selected action", disabled: Guard.all(Guard.writable, selectAction)) {
                s, _ in
                actionsOf(&s) { s, r, c in
                    s.modal = .form(ActionForm.open(r.actions[c.selected], riskID: r.id, index: c.selected, board: s.board, today: s.today))
                    return []
                }
            },
            Binding(
                "actions.toggle", [.char("x"), .char(" ")], help: "Complete the selected action, or reopen it",
                disabled: Guard.all(Guard.writable, selectAction)
            ) { s, _ in
                actionsOf(&s) { s, r, c in
                    var changed = r
                    let i = c.selected
                    changed.actions[i].status = changed.actions[i].status == .done ? .inProgress : .done
                    let verb = changed.actions[i].status == .done ? "Completed" : "Reopened"
                    return save(&s, .risk(changed), baseRev: r.rev, note: "\(verb) an action on \(r.id): \(changed.actions[i].action)")
                }
            },
            Binding("actions.close", [.escape, .char("q")], help: "Close the actions") { s in s.modal = nil },
        ])

    /// Saves the merge with each field both changed settled as chosen; when that is their version exactly,
    /// nothing is saved and the board keeps theirs.
    static func settle(_ s: inout AppState, _ c: ConflictState, _ merge: Merge, keepMine: [Bool]) -> [Effect] {
        guard let theirs = c.theirs, let doc = merge.document(keepMine: keepMine, rev: theirs.rev) else { return [] }
        s.modal = c.returnTo.first
        if doc == theirs {
            s.modal = nil
            s.message = "Kept the version saved elsewhere; your change was not saved"
            return []
        }
        let mine = zip(merge.clashes, keepMine).filter(\.1).map { $0.0.label.lowercased() }
        let took = zip(merge.clashes, keepMine).filter { !$0.1 }.map { $0.0.label.lowercased() }
        let how =
            [
                mine.isEmpty ? nil : "kept mine for " + mine.joined(separator: ", "),
                took.isEmpty ? nil : "took theirs for " + took.joined(separator: ", "),
            ]
            .compactMap { $0 }.joined(separator: "; ")
        return [
            .save(
                Edit(
                    doc: doc, baseRev: theirs.rev, note: Width.truncate(c.edit.note + " (merged with a concurrent change: \(how))", to: 500),
                    kind: c.edit.kind, before: theirs, base: theirs))
        ]
    }

    /// "Your change to lead and their change to title are both kept. ", "Your change to lead is kept. ",
    /// or "" when neither side changed a field of its own.
    static func keptSentence(mine: [String], theirs: [String]) -> String {
        func list(_ names: [String]) -> String {
            names.count < 2 ? names.joined().lowercased() : (names.dropLast().joined(separator: ", ") + " and " + names.last!).lowercased()
        }
        let m = list(mine), t = list(theirs)
        switch (mine.isEmpty, theirs.isEmpty) {
        case (false, false): return "Your change to \(m) and their change to \(t) are both kept. "
        case (false, true): return "Your change to \(m) is kept. "
        case (true, false): return "Their change to \(t) is kept. "
        case (true, true): return ""
        }
    }

    static func drawConflict(_ f: inout Frame, _ s: AppState, _ c: ConflictState) {
        let inner = panel(&f, s, width: 110, height: min(s.height - 2, c.differences.count + 9), title: "Changed by someone else: \(c.edit.doc.id)")
        let x = inner.x + 1, w = inner.width - 2
        let merged = c.merge.map { m in Dialogs.keptSentence(mine: m.mineOnly.map(Merge.label), theirs: m.theirsOnly.map(Merge.label)) }
        f.paragraph(
            c.merge == nil
                ? "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. Nothing has been overwritten. Choose which version to keep:"
                : "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. \(merged ?? "")You both changed the fields below: choose for each (● marks the one kept).",
            in: Rect(x: x, y: inner.y, width: w, height: 2), role: .overlay)
        let colW = (w - 18) / 2
        var y = inner.y + 2
        f.put(Width.pad("Field", to: 16) + "  " + Width.pad("Yours", to: colW) + " " + "Theirs (saved)", x: x, y: y, role: .heading, limit: w)
        y += 1
        for (i, (name, mine, theirs)) in c.differences.enumerated() where y < inner.maxY - 2 {
            // Long values that differ only near the end show from just before the difference.
            let common = zip(mine, theirs).prefix { $0 == $1 }.count
            let skip = common > colW / 2 ? common - colW / 3 : 0
            let show = { (v: String) in skip > 0 ? "…" + String(v.dropFirst(skip)) : v }
            let selected = c.merge != nil && i == c.cursor
            if selected { f.fill(Rect(x: x, y: y, width: w, height: 1), role: .selected) }
            let keep = c.keepMine.indices.contains(i) ? (c.keepMine[i] ? "● " : "  ", c.keepMine[i] ? "  " : "● ") : ("", "")
            f.put(Width.pad(name, to: 16), x: x, y: y, role: selected ? .selected : .muted)
            f.put(keep.0 + show(mine), x: x + 18, y: y, role: selected ? .selected : .overlay, limit: colW)
            f.put(keep.1 + show(theirs), x: x + 19 + colW, y: y, role: selected ? .selected : .overlay, limit: colW)
            y += 1
        }
        if c.differences.isEmpty { f.put("(The two versions hold the same values.)", x: x, y: y, role: .muted) }
        f.put(
            c.merge == nil
                ? s.footer([
                    ("conflict.keepMine", "keep mine (save over theirs)"), ("conflict.takeTheirs", "take theirs (drop mine)"),
                    ("conflict.back", "cancel, back to my edit"),
                ])
                : s.footer(
                    [
                        ("conflict.toggle", "mine/theirs"), ("conflict.choose", "save as chosen"), ("conflict.keepMine", "mine for all"),
                        ("conflict.takeTheirs", "theirs for all"), ("conflict.back", "back to my edit"),
                    ], gap: "  "),
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }

    static func drawActions(_ f: inout Frame, _ s: AppState, _ id: String, _ cursor: ListCursor) {
        guard let r = s.board.risks[id] else { return }
        let inner = panel(
            &f, s, width: 100, height: min(s.height - 2, max(8, r.actions.count * 2 + 5)), title: "Mitigating actions · \(r.id) \(r.title)")
        let x = inner.x + 1, w = inner.width - 2
        if r.actions.isEmpty { f.put(s.keyed("No actions yet: {actions.new} adds one"), x: x, y: inner.y, role: .muted) }
        var y = inner.y
        for (i, a) in r.actions.enumerated() where y < inner.maxY - 2 {
            let sel = i == cursor.selected
            if sel { f.fill(Rect(x: x, y: y, width: w, height: 2), role: .selected) }
            let mark = a.status == .done ? "✓" : a.status == .inProgress ? "◐" : "○"
            f.put("\(mark) \(a.action)", x: x, y: y, role: sel ? .selected : .overlay, limit: w)
            f.put(
                "  \(a.owner) · due \(a.due.long) · \(a.status.label)", x: x, y: y + 1,
                role: sel ? .selected : (a.status != .done && a.due < s.today ? .fail : .muted), limit: w)
            y += 2
        }
        f.put(
            s.footer(
                [("actions.new", "new"), ("actions.edit", "edit"), ("actions.toggle", "complete/reopen"), ("actions.close", "close")], gap: "  "),
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }
}
