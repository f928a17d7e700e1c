import VRModel

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
            Binding("conflict.keepMine", [.char("k"), .char("K")], help: "Keep mine: save it over theirs, knowingly") { s, _ in
                guard case .conflict(let c)? = s.modal else { return [] }
                var e = c.edit
                e.baseRev = c.theirs?.rev ?? 0
                e.before = c.theirs
                e.note += " (kept over a concurrent change)"
                s.modal = c.returnTo.first
                return [.save(e)]
            },
            Binding("conflict.takeTheirs", [.char("t"), .char("T")], help: "Take theirs: drop mine") { s in
                s.modal = nil
                s.message = "Kept the version saved elsewhere; your change was not saved"
            },
            Binding(
                "conflict.back", [.escape, .char("c"), .char("C")], help: "Cancel: back to my edit, now based on theirs (Enter saves mine over it)"
            ) { s in
                guard case .conflict(let c)? = s.modal else { return }
                let theirRev = c.theirs?.rev ?? 0
                switch c.returnTo.first {
                case .form(var f):
                    f.baseRev = theirRev
                    f.overConflict = true
                    f.message = "Their version is now the base: Enter saves yours over it, Esc discards yours"
                    s.modal = .form(f)
                case .rate(let rf):
                    if let w = s.board.workstreams[rf.workstreamID] {
                        var again = RatingForm(workstream: w, kind: rf.kind)
                        again.selected = rf.selected
                        again.comment = rf.comment
                        again.basis = rf.basis
                        again.error = "Their version is now the base: Enter saves your rating over it"
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
            return "No action selected: n adds one"
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

    static func drawConflict(_ f: inout Frame, _ s: AppState, _ c: ConflictState) {
        let inner = panel(&f, s, width: 110, height: min(s.height - 2, c.differences.count + 9), title: "Changed by someone else: \(c.edit.doc.id)")
        let x = inner.x + 1, w = inner.width - 2
        f.paragraph(
            "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. Nothing has been overwritten. Choose which version to keep:",
            in: Rect(x: x, y: inner.y, width: w, height: 2), role: .overlay)
        let colW = (w - 18) / 2
        var y = inner.y + 2
        f.put(Width.pad("Field", to: 16) + "  " + Width.pad("Yours", to: colW) + " " + "Theirs (saved)", x: x, y: y, role: .heading, limit: w)
        y += 1
        for (name, mine, theirs) in c.differences where y < inner.maxY - 2 {
            // Long values that differ only near the end show from just before the difference.
            let common = zip(mine, theirs).prefix { $0 == $1 }.count
            let skip = common > colW / 2 ? common - colW / 3 : 0
            let show = { (v: String) in skip > 0 ? "…" + String(v.dropFirst(skip)) : v }
            f.put(Width.pad(name, to: 16), x: x, y: y, role: .muted)
            f.put(show(mine), x: x + 18, y: y, role: .overlay, limit: colW)
            f.put(show(theirs), x: x + 19 + colW, y: y, role: .overlay, limit: colW)
            y += 1
        }
        if c.differences.isEmpty { f.put("(The two versions hold the same values.)", x: x, y: y, role: .muted) }
        f.put(
            [
                Span("k", .key), Span(" keep mine (save over theirs)   "), Span("t", .key), Span(" take theirs (drop mine)   "), Span("Esc", .key),
                Span(" cancel, back to my edit"),
            ],
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }

    static func drawActions(_ f: inout Frame, _ s: AppState, _ id: String, _ cursor: ListCursor) {
        guard let r = s.board.risks[id] else { return }
        let inner = panel(
            &f, s, width: 100, height: min(s.height - 2, max(8, r.actions.count * 2 + 5)), title: "Mitigating actions · \(r.id) \(r.title)")
        let x = inner.x + 1, w = inner.width - 2
        if r.actions.isEmpty { f.put("No actions yet: n adds one", x: x, y: inner.y, role: .muted) }
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
            [
                Span("n", .key), Span(" new  "), Span("e", .key), Span("/"), Span("Enter", .key), Span(" edit  "), Span("x", .key),
                Span(" complete/reopen  "), Span("Esc", .key), Span(" close"),
            ],
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }
}
