import VRModel

extension Mode {
    /// The attendance table (A in the walkthrough).
    static let attendance = Mode("attendance", "Attendance ({walk.attendance} in the walkthrough)")
    /// Typing the name of the deputy who came for the selected member.
    static let attendanceDeputy = Mode("attendanceDeputy", "Attendance: typing a deputy's name")
}

/// The attendance as one table: a member a row, their status set by one key (and the cursor on to the
/// next member), a deputy's name typed on the row; the quorum worked out as it changes.
public struct AttendanceState: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var member: String
        public var name: String
        public var status: Attendance.Status?
        public var deputy: String
    }
    public var meetingID: String
    public var baseRev: Int
    public var rows: [Row]
    public var cursor = ListCursor()
    /// The selected row's deputy name is being typed.
    public var typing = false
    public var dirty = false
    /// Esc was pressed with changes: y discards them, any other key goes back.
    public var confirmDiscard = false
}

enum AttendanceDialog: DialogFeature {
    static let modes = [Mode.attendance, .attendanceDeputy, .discard]
    static func mode(_ d: AttendanceState) -> Mode { d.confirmDiscard ? .discard : d.typing ? .attendanceDeputy : .attendance }
    static func groups(_ mode: Mode) -> [KeyGroup] {
        switch mode {
        case .discard: [Dialogs.discard]
        case .attendanceDeputy: [deputyKeys]
        default: [keys]
        }
    }
    static func hintBar(_ d: AttendanceState) -> Bool { false }
    static let inWalkthrough = true
    static func unsavedWork(_ s: AppState, _ d: AttendanceState) -> String? { d.dirty ? "the attendance being recorded" : nil }

    /// The members who attend the board (not its officers), with what is recorded for each.
    static func open(_ m: Meeting, board b: Board) -> Modal {
        let rows = b.members.items.filter { $0.membership != .officer }.map { member in
            let a = m.attendance.first { $0.member == member.id }
            return AttendanceState.Row(member: member.id, name: member.shownName, status: a?.status, deputy: a?.deputy ?? "")
        }
        return open(AttendanceState(meetingID: m.id, baseRev: m.rev, rows: rows))
    }

    /// The attendance the table holds now.
    static func attendance(_ d: AttendanceState) -> [Attendance] {
        d.rows.compactMap { r in r.status.map { Attendance(member: r.member, status: $0, deputy: $0 == .deputy ? r.deputy : "") } }
    }

    /// Runs `change` on the table and its selected row.
    static func with(_ s: inout AppState, _ change: (inout AttendanceState) -> Void) {
        s.withDialog(AttendanceDialog.self, or: ()) { _, d in change(&d) }
    }

    /// Sets the selected member's status; `next` moves on to the next member.
    static func set(_ s: inout AppState, _ status: Attendance.Status?, next: Bool) {
        with(&s) { d in
            guard d.rows.indices.contains(d.cursor.selected) else { return }
            d.rows[d.cursor.selected].status = status
            d.dirty = true
            if status == .deputy {
                d.typing = true
            } else if next {
                d.cursor.move(by: 1, count: d.rows.count)
            }
        }
    }

    static let keys = KeyGroup(
        Mode.attendance.title,
        [
            Binding("attendance.present", [.char("p")], help: "Present, and on to the next member") { s in set(&s, .present, next: true) },
            Binding("attendance.apologies", [.char("a")], help: "Apologies, and on to the next member") { s in set(&s, .apologies, next: true) },
            Binding("attendance.absent", [.char("x")], help: "Absent, and on to the next member") { s in set(&s, .absent, next: true) },
            Binding("attendance.deputy", [.char("d")], help: "A deputy came: type their name, Enter") { s in set(&s, .deputy, next: false) },
            Binding("attendance.cycle", [.char(" ")], help: "Cycle present, deputy, apologies, absent") { s in
                guard let d = s[dialog: AttendanceDialog.self], d.rows.indices.contains(d.cursor.selected) else { return }
                let order = Attendance.Status.allCases
                let now = d.rows[d.cursor.selected].status
                let next = now.flatMap { order.firstIndex(of: $0) }.map { order[($0 + 1) % order.count] } ?? .present
                with(&s) { d in
                    d.rows[d.cursor.selected].status = next
                    d.dirty = true
                }
            },
            Binding("attendance.everyone", [.char("P")], help: "Every member not yet recorded: present") { s in
                with(&s) { d in
                    for i in d.rows.indices where d.rows[i].status == nil { d.rows[i].status = .present }
                    d.dirty = true
                }
            },
            Binding("attendance.clear", [.backspace, .delete], help: "Not recorded") { s in set(&s, nil, next: false) },
            Binding("attendance.up", [.up, .char("k")], help: "Previous member") { s in with(&s) { $0.cursor.move(by: -1, count: $0.rows.count) } },
            Binding("attendance.down", [.down, .char("j"), .tab], help: "Next member") { s in
                with(&s) { $0.cursor.move(by: 1, count: $0.rows.count) }
            },
            Binding("attendance.save", [.enter], help: "Save the attendance (a deputy needs a name)") { s, _ in
                guard let d = s[dialog: AttendanceDialog.self], var m = s.board.meetings[d.meetingID] else { return [] }
                if let i = d.rows.firstIndex(where: { $0.status == .deputy && $0.deputy.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    with(&s) { d in
                        d.cursor.selected = i
                        d.typing = true
                    }
                    s.message = "Not saved: who came instead of \(d.rows[i].name)? Type the deputy's name"
                    return []
                }
                m.attendance = attendance(d)
                let shown = m.shown(live: s.board)
                let count = { (st: Attendance.Status) in m.attendance.filter { $0.status == st }.count }
                return save(
                    &s, .meeting(m), baseRev: d.baseRev,
                    note:
                        "Board of \(m.date.long): attendance recorded (\(count(.present)) present, \(count(.deputy)) by deputy, \(count(.apologies)) apologies): \(m.quorumText(shown))"
                )
            },
            Binding("attendance.cancel", [.escape], help: "Cancel (asks first if something changed)") { s in
                guard let d = s[dialog: AttendanceDialog.self] else { return }
                if d.dirty { with(&s) { $0.confirmDiscard = true } } else { s.modal = nil }
            },
        ])

    /// While a deputy's name is typed: letters type, Backspace deletes, Enter (or ↓) ends it and goes on.
    static let deputyKeys = KeyGroup(
        Mode.attendanceDeputy.title,
        [
            Binding("attendanceDeputy.done", [.enter, .tab, .down], help: "The name is typed: on to the next member") { s in
                with(&s) { d in
                    d.typing = false
                    d.cursor.move(by: 1, count: d.rows.count)
                }
            },
            Binding("attendanceDeputy.delete", [.backspace], help: "Delete the last character of the name") { s in
                with(&s) { d in
                    if d.rows.indices.contains(d.cursor.selected) {
                        d.rows[d.cursor.selected].deputy = String(d.rows[d.cursor.selected].deputy.dropLast())
                    }
                }
            },
            Binding("attendanceDeputy.stop", [.escape], help: "Stop typing the name") { s in with(&s) { $0.typing = false } },
        ],
        fallback: Binding("attendanceDeputy.type", [], label: "text", help: "Type the deputy's name") { s, k in
            guard case .char(let c) = k else { return [] }
            type(&s, String(c))
            return []
        })

    /// Text typed (or pasted) into the selected row's deputy name: one line, control characters dropped,
    /// at most 200 characters.
    static func type(_ s: inout AppState, _ text: String) {
        let clean = String(
            text.unicodeScalars.filter { $0.properties.generalCategory != .control && $0.properties.generalCategory != .format }.map(Character.init))
        with(&s) { d in
            guard d.typing, d.rows.indices.contains(d.cursor.selected) else { return }
            d.rows[d.cursor.selected].deputy = String((d.rows[d.cursor.selected].deputy + clean).prefix(200))
            d.dirty = true
        }
    }

    static func paste(_ s: inout AppState, _ text: String) { type(&s, text) }

    static func draw(_ f: inout Frame, _ s: AppState, _ d: AttendanceState) {
        guard var m = s.board.meetings[d.meetingID] else { return }
        m.attendance = attendance(d)
        let shown = m.shown(live: s.board)
        let inner = panel(&f, s, width: 96, height: min(s.height - 2, d.rows.count + 8), title: "Attendance · board of \(m.date.long)")
        let x = inner.x + 1, w = inner.width - 2
        let quorum = m.quorum(shown)
        let said = f.wrapped(
            m.quorumText(shown), x: x, y: inner.y, width: w, role: quorum.isQuorate == false ? .fail : quorum.isQuorate == true ? .pass : .muted)
        let top = inner.y + said, rows = max(1, inner.height - said - 2)
        let first = max(0, min(d.cursor.selected - rows / 2, d.rows.count - rows))
        let statusW = 11
        for (i, r) in d.rows.enumerated().dropFirst(first).prefix(rows) {
            let y = top + i - first
            let sel = i == d.cursor.selected
            if sel { f.fill(Rect(x: x, y: y, width: w, height: 1), role: .selected) }
            let status = r.status?.label ?? "·"
            let role: Role = sel ? .selected : r.status == nil ? .muted : r.status!.attends ? .pass : .warning
            f.put(Width.pad(status, to: statusW), x: x, y: y, role: role)
            let deputy =
                r.status == .deputy ? " · deputy: " + (r.deputy.isEmpty && !(sel && d.typing) ? "who?" : r.deputy) + (sel && d.typing ? "▏" : "") : ""
            f.put(
                [Span(r.name), Span(deputy, sel ? .selected : r.status == .deputy && r.deputy.isEmpty ? .fail : .muted)], x: x + statusW + 1, y: y,
                base: sel ? .selected : .overlay, limit: w - statusW - 1)
        }
        let keys: [(id: String, does: String)] =
            d.confirmDiscard
            ? [("discard.yes", "discard the attendance typed"), ("discard.no", "back to it")]
            : d.typing
                ? [("attendanceDeputy.done", "done"), ("attendanceDeputy.stop", "stop typing")]
                : [
                    ("attendance.present", "present"), ("attendance.deputy", "deputy"), ("attendance.apologies", "apologies"),
                    ("attendance.absent", "absent"), ("attendance.cycle", "cycle"), ("attendance.everyone", "all present"),
                    ("attendance.save", "save"),
                    ("attendance.cancel", "cancel"),
                ]
        let foot = s.footerLines(keys, gap: "  ", width: w)
        for (i, line) in foot.suffix(2).enumerated() { f.put(line, x: x, y: inner.maxY - min(2, foot.count) + i, base: .overlay, limit: w) }
    }
}
