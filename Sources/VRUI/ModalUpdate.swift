import VRModel

/// Keys while a modal (form, picker, dialog) is open: it has the keyboard.
func modalKey(_ s: inout AppState, _ k: Key) -> [Effect] {
    guard let modal = s.modal else { return [] }
    switch modal {
    case .rate(var rf):
        if rf.confirmDiscard {
            if k == .char("y") { s.modal = nil } else { rf.confirmDiscard = false; s.modal = .rate(rf) }
            return []
        }
        guard let w = s.board.workstreams[rf.workstreamID] else { s.modal = nil; return [] }
        switch k {
        case .escape:
            if rf.comment.isEmpty && rf.rating == w.rating(rf.kind) && rf.basis == .evidence { s.modal = nil; return [] }
            rf.confirmDiscard = true
        case .up: rf.selected = max(0, rf.selected - 1); rf.error = nil
        case .down: rf.selected = min(RAG.scale.count - 1, rf.selected + 1); rf.error = nil
        case .ctrl("b"):
            rf.basis = rf.basis == .evidence ? .judgement : .evidence
        case .tab, .backTab:
            rf.kind = rf.kind == .inYear ? .overall : .inYear
            rf.selected = RAG.scale.firstIndex(of: w.rating(rf.kind)) ?? 0
            rf.error = nil
        case .enter:
            var changed = w
            do {
                try changed.rate(rf.kind, to: rf.rating, by: s.user, at: s.now, comment: rf.comment.text, basis: rf.basis)
            } catch {
                rf.error = error == .unchanged ? "Choose a different rating (↑/↓), or Esc to leave it" : "A comment is required: the evidence for the change"
                s.modal = .rate(rf)
                return []
            }
            s.modal = .rate(rf)
            return save(&s, .workstream(changed), baseRev: rf.baseRev,
                        note: RatingChange.note(rf.kind, from: w.rating(rf.kind), to: rf.rating, comment: rf.comment.text.trimmingCharacters(in: .whitespacesAndNewlines)))
        default:
            rf.error = TextField.message(for: rf.comment.handle(k), field: "Comment")
        }
        s.modal = .rate(rf)
        return []

    case .form(var f):
        if f.confirmDiscard {
            if k == .char("y") { s.modal = nil } else { f.confirmDiscard = false; s.modal = .form(f) }
            return []
        }
        switch k {
        case .escape:
            if f.dirty { f.confirmDiscard = true } else { s.modal = nil; return [] }
        case .tab, .down: f.focus = (f.focus + 1) % f.fields.count
        case .backTab, .up: f.focus = (f.focus + f.fields.count - 1) % f.fields.count
        case .enter:
            Forms.refresh(&f, board: s.board)
            if let built = Forms.build(f, board: s.board, today: s.today, now: s.now, user: s.user) {
                f.message = nil
                s.modal = .form(f)
                return save(&s, built.doc, baseRev: built.baseRev, note: built.note + (f.overConflict ? " (kept over a concurrent change)" : ""))
            }
            f.message = "Not saved: fix the fields marked ✗"
            if let i = f.fields.firstIndex(where: { $0.error != nil }) { f.focus = i }
        default:
            var fld = f.fields[f.focus]
            if fld.isChoice {
                switch k {
                case .left: fld.choice = (fld.choice + fld.choices.count - 1) % fld.choices.count
                case .right, .char(" "): fld.choice = (fld.choice + 1) % fld.choices.count
                default: return []
                }
                f.dirty = true
            } else {
                let outcome = fld.input.handle(k)
                if outcome == .edited || outcome == .truncated { f.dirty = true }
                f.message = TextField.message(for: outcome, field: fld.label)
            }
            f.fields[f.focus] = fld
            Forms.refresh(&f, board: s.board)
            f.focus = min(f.focus, f.fields.count - 1)
        }
        s.modal = .form(f)
        return []

    case .confirm(_, let action):
        s.modal = nil
        guard k == .char("y") || k == .char("Y") else { s.message = "Nothing changed"; return [] }
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
        }

    case .conflict(let c):
        switch k {
        case .char("k"), .char("K"):
            // Keep mine: save my version on top of theirs, knowingly.
            var e = c.edit
            e.baseRev = c.theirs?.rev ?? 0
            e.before = c.theirs
            e.note += " (kept over a concurrent change)"
            s.modal = c.returnTo.first
            return [.save(e)]
        case .char("t"), .char("T"):
            s.modal = nil
            s.message = "Kept the version saved elsewhere; your change was not saved"
        case .escape, .char("c"), .char("C"):
            // Back to my edit, now based on their version: Enter saves mine over theirs, knowingly.
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
                } else { s.modal = nil }
            default: s.modal = nil
            }
        default: break
        }
        return []

    case .actions(let riskID):
        guard let r = s.board.risks[riskID] else { s.modal = nil; return [] }
        switch k {
        case .escape, .char("q"): s.modal = nil
        case .up, .char("k"): s.actionCursor.move(by: -1, count: r.actions.count)
        case .down, .char("j"): s.actionCursor.move(by: 1, count: r.actions.count)
        case .char("n"):
            if readOnlyRefusal(&s) { return [] }
            s.modal = .form(Forms.action(nil, riskID: riskID, index: nil, board: s.board, today: s.today))
        case .char("e"), .enter:
            if readOnlyRefusal(&s) { return [] }
            guard r.actions.indices.contains(s.actionCursor.selected) else { return [] }
            let i = s.actionCursor.selected
            s.modal = .form(Forms.action(r.actions[i], riskID: riskID, index: i, board: s.board, today: s.today))
        case .char("x"), .char(" "):
            if readOnlyRefusal(&s) { return [] }
            guard r.actions.indices.contains(s.actionCursor.selected) else { return [] }
            var changed = r
            let i = s.actionCursor.selected
            changed.actions[i].status = changed.actions[i].status == .done ? .inProgress : .done
            let verb = changed.actions[i].status == .done ? "Completed" : "Reopened"
            return save(&s, .risk(changed), baseRev: r.rev, note: "\(verb) an action on \(r.id): \(changed.actions[i].action)")
        default: break
        }
        return []
    }
}

/// Pasted text goes to whatever has the keyboard, as text (never as keys).
func paste(_ s: inout AppState, _ text: String) {
    switch s.modal {
    case .rate(var rf):
        rf.error = TextField.message(for: rf.comment.insert(text), field: "Comment")
        s.modal = .rate(rf)
    case .form(var f):
        guard !f.fields[f.focus].isChoice else { return }
        let outcome = f.fields[f.focus].input.insert(text)
        f.message = TextField.message(for: outcome, field: f.fields[f.focus].label)
        if outcome == .edited || outcome == .truncated { f.dirty = true }
        Forms.refresh(&f, board: s.board)
        s.modal = .form(f)
    case nil:
        if s.searching {
            var q = (s.queries[s.screen] ?? "") + text.filter { !$0.isNewline }
            if q.count > 200 { q = String(q.prefix(200)) }
            s.queries[s.screen] = q
        }
    default: break
    }
}
