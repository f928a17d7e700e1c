/// A workstream or risk an officer has marked "for the board", with a line of why: it is raised in the
/// matters arising of the next meeting and in its pack. The mark stays on the document as a record; the
/// meeting takes it (and the item shows as marked no longer) once that meeting is held.
public struct BoardMark: Codable, Equatable, Sendable {
    /// Why it goes to the board, in a line: what the matters arising say.
    public var why: String
    public var by: String
    /// When it was marked (ISO 8601, UTC): a meeting already held by then does not take it.
    public var at: String
    /// The board's date when it was marked: the first meeting on or after it takes it.
    public var day: Day

    public init(why: String, by: String, at: String, day: Day) {
        self.why = why
        self.by = by
        self.at = at
        self.day = day
    }
}

extension BoardMark: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.text("why", why)
        i.text("by", by)
        i.text("at", at)
    }
}

/// A workstream or a risk raised at a meeting: which, and the mark that raised it.
public struct RaisedItem: Equatable, Sendable {
    public enum Kind: String, Sendable { case workstream, risk }
    public let kind: Kind
    public let id: String
    public let title: String
    public let mark: BoardMark
}

extension Board {
    /// The meeting that takes a mark: the first, by date, on or after the mark's day that had not been
    /// held when the mark was made (drafts included: the next meeting's agenda carries it).
    public func meeting(taking mark: BoardMark) -> Meeting? { meeting(takingMarkOn: mark.day, at: mark.at) }

    /// The meeting that would take a mark made on `day` at `at` (what the form says before it is saved).
    public func meeting(takingMarkOn day: Day, at: String) -> Meeting? {
        meetings.items.filter { $0.date >= day && ($0.heldAt.map { $0 > at } ?? true) }.min { $0.date < $1.date }
    }

    /// The mark still waiting for its meeting among `marks` (the latest, while its meeting is not yet held).
    public func pendingMark(_ marks: [BoardMark]?) -> BoardMark? {
        guard let last = marks?.last else { return nil }
        guard let m = meeting(taking: last) else { return last }
        return m.stage == .draft ? last : nil
    }

    /// Every workstream and risk raised at `meeting`: marked for the board, and taken by it. Workstreams
    /// first, then risks, each in the order marked.
    public func raised(at meeting: Meeting) -> [RaisedItem] {
        let ws = workstreams.items.flatMap { w in
            (w.boardMarks ?? []).filter { self.meeting(taking: $0)?.id == meeting.id }.map {
                RaisedItem(kind: .workstream, id: w.id, title: w.title, mark: $0)
            }
        }
        let rs = risks.items.flatMap { r in
            (r.boardMarks ?? []).filter { self.meeting(taking: $0)?.id == meeting.id }.map {
                RaisedItem(kind: .risk, id: r.id, title: r.title, mark: $0)
            }
        }
        return ws.sorted { $0.mark.at < $1.mark.at } + rs.sorted { $0.mark.at < $1.mark.at }
    }

    /// Items marked for the board and not yet taken by a held meeting.
    public var markedForBoard: [RaisedItem] {
        workstreams.items.compactMap { w in pendingMark(w.boardMarks).map { RaisedItem(kind: .workstream, id: w.id, title: w.title, mark: $0) } }
            + risks.items.compactMap { r in pendingMark(r.boardMarks).map { RaisedItem(kind: .risk, id: r.id, title: r.title, mark: $0) } }
    }
}
