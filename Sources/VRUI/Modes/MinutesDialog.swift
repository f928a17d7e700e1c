import VRModel

/// The minutes of the meeting shown: its decisions and actions, then the actions carried from earlier
/// meetings (matters arising). Each can be corrected or withdrawn (journalled; an amendment once the
/// minutes are closed), and an action marked done or reopened.
extension Mode {
    static let minutes = Mode("minutes", "The minutes ({walk.minutes} in the walkthrough)")
}

/// The meeting whose minutes are shown, and the selected item.
public struct MinutesState: Equatable, Sendable {
    public var meetingID: String
    public var cursor: ListCursor
}

extension Modal {
    static func minutes(meetingID: String, cursor: ListCursor) -> Modal { MinutesDialog.open(MinutesState(meetingID: meetingID, cursor: cursor)) }
}

enum MinutesDialog: DialogFeature {
    static let modes = [Mode.minutes]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: MinutesState) -> Bool { false }
    static let inWalkthrough = true

    /// The items the dialog lists, in order.
    static func items(_ s: AppState, _ id: String) -> [MinuteRef] {
        guard let m = s.board.meetings[id] else { return [] }
        return m.decisions.indices.map { MinuteRef.decision(meeting: id, index: $0) } + m.actions.indices.map { .action(meeting: id, index: $0) }
            + s.board.carriedActions(into: m).map { .action(meeting: $0.meeting.id, index: $0.index) }
    }

    /// Runs `change` on the dialog with its items and cursor.
    static func with(_ s: inout AppState, _ change: (inout AppState, String, [MinuteRef], inout ListCursor) -> [Effect]) -> [Effect] {
        s.withDialog(MinutesDialog.self, or: []) { s, d in
            let list = items(s, d.meetingID)
            d.cursor.clamp(count: list.count)
            return change(&s, d.meetingID, list, &d.cursor)
        }
    }

    static func selected(_ s: AppState) -> MinuteRef? {
        guard let d = s[dialog: MinutesDialog.self] else { return nil }
        let list = items(s, d.meetingID)
        return list.indices.contains(d.cursor.selected) ? list[d.cursor.selected] : nil
    }

    static let selectItem: @Sendable (AppState) -> String? = { s in
        guard let ref = selected(s) else { return "Nothing recorded yet: {walk.decision} records a decision, {walk.action} an action" }
        return ref.item(in: s.board)?.isWithdrawn == true ? "\(ref.label(in: s.board, current: nil)) is withdrawn" : nil
    }

    static let selectAction: @Sendable (AppState) -> String? = { s in
        if let reason = selectItem(s) { return reason }
        if case .action? = selected(s) { return nil }
        return "Only an action is done or open"
    }

    static let keys = KeyGroup(
        Mode.minutes.title,
        [
            Binding("minutes.up", [.up, .char("k")], help: "Previous item") { s, _ in
                with(&s) { _, _, list, c in
                    c.move(by: -1, count: list.count)
                    return []
                }
            },
            Binding("minutes.down", [.down, .char("j")], help: "Next item") { s, _ in
                with(&s) { _, _, list, c in
                    c.move(by: 1, count: list.count)
                    return []
                }
            },
            Binding("minutes.edit", [.char("e"), .enter], help: "Correct the selected decision or action", disabled: selectItem) { s, _ in
                guard let ref = selected(s), let m = s.board.meetings[ref.meetingID] else { return [] }
                switch ref {
                case .decision(_, let i): s.modal = .form(DecisionForm.open(m, index: i, board: s.board))
                case .action(_, let i): s.modal = .form(MeetingActionForm.open(m, index: i, board: s.board))
                }
                return []
            },
            Binding(
                "minutes.withdraw", [.char("x")], help: "Withdraw the selected item (kept, marked withdrawn, with a reason)", disabled: selectItem
            ) {
                s, _ in
                guard let ref = selected(s), let form = WithdrawForm.open(ref, board: s.board) else { return [] }
                s.modal = .form(form)
                return []
            },
            Binding("minutes.done", [.char(" "), .char("c")], help: "Mark the selected action done, or open again", disabled: selectAction) { s, _ in
                guard case .action(let id, let i)? = selected(s), var m = s.board.meetings[id], m.actions.indices.contains(i) else { return [] }
                let base = m.rev
                m.actions[i].done = m.actions[i].done == nil ? s.today : nil
                let verb = m.actions[i].done == nil ? "open again" : "done"
                return save(&s, .meeting(m), baseRev: base, note: "Board of \(m.date.long): action \(i + 1) \(verb): \(m.actions[i].text)")
            },
            Binding("minutes.close", [.escape, .char("q")], help: "Close the minutes") { s in s.modal = nil },
        ])

    static func draw(_ f: inout Frame, _ s: AppState, _ d: MinutesState) {
        let id = d.meetingID, cursor = d.cursor
        guard let m = s.board.meetings[id] else { return }
        let list = items(s, id)
        let inner = panel(
            &f, s, width: 110, height: min(s.height - 2, max(8, list.count * 2 + 5)), title: "Minutes · board of \(m.date.long) (\(m.stage.label))")
        let x = inner.x + 1, w = inner.width - 2
        if list.isEmpty {
            f.put(s.keyed("Nothing recorded yet: {walk.decision} records a decision, {walk.action} an action"), x: x, y: inner.y, role: .muted)
        }
        let rows = max(1, (inner.height - 1) / 2)
        let first = max(0, min(cursor.selected - rows / 2, list.count - rows))
        var y = inner.y
        for (i, ref) in list.enumerated().dropFirst(first).prefix(rows) {
            guard let item = ref.item(in: s.board) else { continue }
            let sel = i == cursor.selected
            if sel { f.fill(Rect(x: x, y: y, width: w, height: 2), role: .selected) }
            var detail: String
            var role: Role = .muted
            switch ref {
            case .decision(_, let i):
                detail = m.decisions[i].quorate == false ? "taken without a quorum" : "decision"
            case .action(let mid, let i):
                guard let a = s.board.meetings[mid]?.actions[i] else { continue }
                let st = a.status(on: max(m.date, s.today))
                detail = "\(a.owner) · due \(a.due.long) · \(st.label)" + (a.done.map { " \($0.long)" } ?? "")
                if st == .overdue { role = .fail }
            }
            if let note = item.changeNote { detail += " · \(note)" }
            f.put(
                "\(ref.label(in: s.board, current: id))  \(item.isWithdrawn ? "[withdrawn] " : "")\(item.text)", x: x, y: y,
                role: sel ? .selected : .overlay, limit: w)
            f.put("      " + detail, x: x, y: y + 1, role: sel ? .selected : role, limit: w)
            y += 2
        }
        f.put(
            s.footer(
                [("minutes.edit", "correct"), ("minutes.withdraw", "withdraw"), ("minutes.done", "action done/open"), ("minutes.close", "close")],
                gap: "  ")
                + (m.stage == .closed ? [Span("   closed: changes are amendments", .warning)] : []),
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }
}
