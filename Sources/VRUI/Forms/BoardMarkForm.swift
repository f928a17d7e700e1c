import VRModel

/// Marking a workstream or a risk "for the board" (b), with a line of why: it is raised in the next
/// meeting's matters arising and its pack, and the meeting takes it once held. `b` on an item already
/// marked asks whether to unmark it.
enum BoardMarkForm: FormSpec {
    enum Field: String { case why }

    static func open(_ kind: RaisedItem.Kind, _ id: String, board b: Board, now: String) -> Form {
        let next = b.meeting(takingMarkOn: b.programme.asAt, at: now)
        let title = kind == .workstream ? b.workstreams[id]?.title : b.risks[id]?.title
        var form = Forms.make(
            title: "For the board: \(id) \(title ?? "")", target: .boardMark(kind, id: id),
            fields: [FormField(Field.why, "Why raise it (a line for the matters arising)", text: "", required: true)],
            baseRev: rev(kind, id, b), board: b)
        form.summary.append(
            next.map { "Raised at the board of \($0.date.longWithWeekday), in its matters arising and its pack" }
                ?? "No meeting is scheduled yet: it is raised at the next one created")
        return form
    }

    static func rev(_ kind: RaisedItem.Kind, _ id: String, _ b: Board) -> Int {
        (kind == .workstream ? b.workstreams[id]?.rev : b.risks[id]?.rev) ?? 0
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> String? {
        let why = form.value(Field.why)
        return why.isEmpty ? nil : why
    }

    static func save(_ why: String, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        guard case .boardMark(let kind, let id) = form.target else { return nil }
        let mark = BoardMark(why: why, by: user, at: now, day: b.programme.asAt)
        return marked(kind, id, board: b) { $0.append(mark) }.map { ($0, "Marked \(id) for the board: \(why)") }
    }

    /// The item's document with its marks changed by `change`; nil when it is gone.
    static func marked(_ kind: RaisedItem.Kind, _ id: String, board b: Board, _ change: (inout [BoardMark]) -> Void) -> AnyDocument? {
        switch kind {
        case .workstream:
            guard var w = b.workstreams[id] else { return nil }
            var marks = w.boardMarks ?? []
            change(&marks)
            w.boardMarks = marks.isEmpty ? nil : marks
            return .workstream(w)
        case .risk:
            guard var r = b.risks[id] else { return nil }
            var marks = r.boardMarks ?? []
            change(&marks)
            r.boardMarks = marks.isEmpty ? nil : marks
            return .risk(r)
        }
    }

    /// b on a workstream or risk: the form, or, when it is marked and its meeting not yet held, the question
    /// whether to unmark it.
    static func toggle(_ s: inout AppState, _ kind: RaisedItem.Kind, _ id: String, marks: [BoardMark]?) {
        if let m = s.board.pendingMark(marks) {
            s.modal = .confirm(
                message: "\(id) is marked for the board by \(s.board.name(of: m.by)) on \(m.day.long): “\(m.why)”. Unmark it? (y/n)",
                action: .unmarkForBoard(kind, id))
        } else {
            s.modal = .form(open(kind, id, board: s.board, now: s.now))
        }
    }
}
