import VRModel
import VRStore
import VRStoreAPI

extension Mode {
    /// A risk's mitigating actions.
    static let actions = Mode("actions", "Mitigating actions")
}

/// The risk whose actions are shown, and the selected one.
public struct ActionsState: Equatable, Sendable {
    public var riskID: String
    public var cursor = ListCursor()
}

extension Modal {
    static func actions(riskID: String, cursor: ListCursor = ListCursor()) -> Modal {
        ActionsDialog.open(ActionsState(riskID: riskID, cursor: cursor))
    }
}

/// A risk's mitigating actions (a on a risk): add, edit, complete or reopen them.
enum ActionsDialog: DialogFeature {
    static let modes = [Mode.actions]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: ActionsState) -> Bool { false }

    /// The actions dialog, with its risk and cursor; `change` may save.
    static func actionsOf(_ s: inout AppState, _ change: (inout AppState, Risk, inout ListCursor) -> [Effect]) -> [Effect] {
        guard let d = s[dialog: ActionsDialog.self] else { return [] }
        let id = d.riskID
        var cursor = d.cursor
        guard let r = s.board.risks[id] else {
            s.modal = nil
            return []
        }
        let effects = change(&s, r, &cursor)
        if s[dialog: ActionsDialog.self]?.riskID == id { s[dialog: ActionsDialog.self]?.cursor = cursor }
        return effects
    }

    static let selectAction: @Sendable (AppState) -> String? = { s in
        guard let d = s[dialog: ActionsDialog.self], let r = s.board.risks[d.riskID], r.actions.indices.contains(d.cursor.selected) else {
            return "No action selected: {actions.new} adds one"
        }
        return nil
    }

    static let keys = KeyGroup(
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

    static func draw(_ f: inout Frame, _ s: AppState, _ d: ActionsState) {
        let cursor = d.cursor
        guard let r = s.board.risks[d.riskID] else { return }
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
