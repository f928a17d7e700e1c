/// Why a workstream needs the director's attention: what the all-workstreams view filters on and says
/// in words.
public enum Attention: Hashable, Sendable, CustomStringConvertible {
    /// Its in-year rating is red or amber/red.
    case rated(RAG)
    /// Its in-year rating went down at its last change.
    case declining
    /// Nothing recorded (no rating, no review) since the last board meeting on or before today.
    case reviewDue(board: Day)
    /// No rating or review for more than a quarter (`Attention.quarter` days), or never.
    case noUpdate(since: Day?)
    /// Marked for the board (b) and not yet taken by a meeting.
    case forBoard

    /// A quarter, in days: the board's cycle.
    public static let quarter = 91

    public var description: String {
        switch self {
        case .rated(let r): r.name.lowercased()
        case .declining: "declining"
        case .reviewDue(let board): "not reviewed since the \(board.long) board"
        case .noUpdate(let since?): "no update since \(since.long)"
        case .noUpdate(nil): "never updated"
        case .forBoard: "for the board"
        }
    }

    /// The kinds the filter can be narrowed to, in the order the view offers them.
    public enum Kind: String, CaseIterable, Sendable {
        case any = "needs attention", red = "red or amber/red", declining, reviewDue = "review due", noUpdate = "no update for a quarter"
        case forBoard = "for the board"
    }

    public var kind: Kind {
        switch self {
        case .rated: .red
        case .declining: .declining
        case .reviewDue: .reviewDue
        case .noUpdate: .noUpdate
        case .forBoard: .forBoard
        }
    }
}

extension Workstream {
    /// What needs attention about this workstream on `today`, most pressing first; empty when nothing.
    /// `lastBoard` is the date of the last board meeting on or before today, if any.
    /// `marked` is its mark for the board still waiting for a meeting, if any: said first.
    public func attention(on today: Day, lastBoard: Day?, marked: BoardMark? = nil) -> [Attention] {
        guard !archived else { return [] }
        var out: [Attention] = marked == nil ? [] : [.forBoard]
        guard inYear != .complete else { return out }
        if inYear == .red || inYear == .amberRed { out.append(.rated(inYear)) }
        if trend(.inYear) == .declining { out.append(.declining) }
        let updated = lastUpdated?.day
        if let updated, updated.days(until: today) <= Attention.quarter {
            if let board = lastBoard, updated < board { out.append(.reviewDue(board: board)) }
        } else {
            out.append(.noUpdate(since: updated))
        }
        return out
    }
}

extension Board {
    /// The date of the last board meeting held on or before `today`, if any (a draft never held is not a
    /// board that met).
    public func lastBoard(on today: Day) -> Day? {
        meetings.items.lazy.filter { $0.stage != .draft }.map(\.date).filter { $0 <= today }.max()
    }
}
