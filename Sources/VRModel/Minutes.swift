/// A meeting's life: prepared as a draft (its slides follow the live board), held (the board as shown
/// is frozen when the chair starts the meeting proper), closed (the minutes are final; a later
/// correction is an amendment, recorded and shown as one).
public enum MeetingStage: String, Codable, Sendable, ListedValues, CaseIterable {
    case draft, held, closed
    public var label: String {
        switch self {
        case .draft: "Draft"
        case .held: "Held"
        case .closed: "Closed"
        }
    }
}

/// A correction of a recorded decision or action: what it said before, who changed it and when.
/// `amendment`: made after the minutes were closed.
public struct Correction: Codable, Sendable, Equatable {
    public var previous: String
    public var at: String
    public var by: String
    public var amendment: Bool
    public init(previous: String, at: String, by: String, amendment: Bool) {
        self.previous = previous
        self.at = at
        self.by = by
        self.amendment = amendment
    }
}

/// A decision or action taken back: kept in the record, marked withdrawn, with why.
public struct Withdrawal: Codable, Sendable, Equatable {
    public var reason: String
    public var at: String
    public var by: String
    public var amendment: Bool
    public init(reason: String, at: String, by: String, amendment: Bool) {
        self.reason = reason
        self.at = at
        self.by = by
        self.amendment = amendment
    }
}

/// Something the minutes record that can be corrected or withdrawn.
public protocol MinuteItem {
    var text: String { get }
    var corrections: [Correction] { get }
    var withdrawn: Withdrawal? { get }
}

extension MinuteItem {
    public var isWithdrawn: Bool { withdrawn != nil }
    /// True when it was changed after the minutes were closed.
    public var isAmended: Bool { corrections.contains(where: \.amendment) || withdrawn?.amendment == true }
    /// How it was changed, for the pack and the slide: "corrected 3 Dec 2026 by clerk", "withdrawn …: reason".
    public var changeNote: String? { changeNote { $0 } }

    /// The same, naming who changed it by `who` (a paper names members, never logins).
    public func changeNote(_ who: (String) -> String) -> String? {
        var parts: [String] = []
        if let c = corrections.last {
            parts.append(
                "\(c.amendment ? "amended after the minutes closed" : "corrected") \(Day(String(c.at.prefix(10)))?.long ?? c.at) by \(who(c.by))")
        }
        if let w = withdrawn {
            parts.append(
                "withdrawn\(w.amendment ? " after the minutes closed" : "") \(Day(String(w.at.prefix(10)))?.long ?? w.at) by \(who(w.by)): \(w.reason)"
            )
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}

/// A decision the board took.
public struct Decision: Codable, Sendable, Equatable, MinuteItem {
    public var text: String
    public var at: String
    public var by: String
    /// Whether the meeting was quorate when it was recorded (nil: attendance not recorded then).
    public var quorate: Bool?
    public var corrections: [Correction]
    public var withdrawn: Withdrawal?
    /// The item of the board's annual business the decision settles (its id), if any.
    public var business: String?

    public init(text: String, at: String, by: String, quorate: Bool? = nil, corrections: [Correction] = [], withdrawn: Withdrawal? = nil) {
        self.text = text
        self.at = at
        self.by = by
        self.quorate = quorate
        self.corrections = corrections
        self.withdrawn = withdrawn
    }

    enum CodingKeys: String, CodingKey { case text, at, by, quorate, corrections, withdrawn, business }

    /// Decisions recorded before corrections existed have none.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(String.self, forKey: .by)
        quorate = try c.decodeIfPresent(Bool.self, forKey: .quorate)
        corrections = try c.decodeIfPresent([Correction].self, forKey: .corrections) ?? []
        withdrawn = try c.decodeIfPresent(Withdrawal.self, forKey: .withdrawn)
        business = try c.decodeIfPresent(String.self, forKey: .business)
    }
}

/// An action the board set, and what became of it.
public struct MeetingAction: Codable, Sendable, Equatable, MinuteItem {
    /// Where an action stands on a day: the matters-arising log's column.
    public enum Status: String, Sendable, Equatable {
        case open, done, overdue, withdrawn
        public var label: String { rawValue }
    }

    public var text: String
    public var owner: String
    public var due: Day
    public var at: String
    public var by: String
    /// The day it was reported done (nil: still open).
    public var done: Day?
    public var corrections: [Correction]
    public var withdrawn: Withdrawal?

    public init(
        text: String, owner: String, due: Day, at: String, by: String, done: Day? = nil, corrections: [Correction] = [],
        withdrawn: Withdrawal? = nil
    ) {
        self.text = text
        self.owner = owner
        self.due = due
        self.at = at
        self.by = by
        self.done = done
        self.corrections = corrections
        self.withdrawn = withdrawn
    }

    enum CodingKeys: String, CodingKey { case text, owner, due, at, by, done, corrections, withdrawn }

    /// Actions recorded before their status existed are open, uncorrected.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        owner = try c.decode(String.self, forKey: .owner)
        due = try c.decode(Day.self, forKey: .due)
        at = try c.decode(String.self, forKey: .at)
        by = try c.decode(String.self, forKey: .by)
        done = try c.decodeIfPresent(Day.self, forKey: .done)
        corrections = try c.decodeIfPresent([Correction].self, forKey: .corrections) ?? []
        withdrawn = try c.decodeIfPresent(Withdrawal.self, forKey: .withdrawn)
    }

    /// Where it stands on `day`: done when reported done by then, overdue when its due date has passed.
    public func status(on day: Day) -> Status {
        if withdrawn != nil { return .withdrawn }
        if let d = done, d <= day { return .done }
        return due < day ? .overdue : .open
    }
}

/// Whether a board member came: in person, by a deputy, sent apologies, or did not come.
public struct Attendance: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable, ListedValues, CaseIterable {
        case present, deputy, apologies, absent
        public var label: String {
            switch self {
            case .present: "Present"
            case .deputy: "Deputy"
            case .apologies: "Apologies"
            case .absent: "Absent"
            }
        }
        /// Present in person or by a deputy: counts towards the quorum.
        public var attends: Bool { self == .present || self == .deputy }
    }
    /// The member's id.
    public var member: String
    public var status: Status
    /// Who came instead (with `.deputy`).
    public var deputy: String

    public init(member: String, status: Status, deputy: String = "") {
        self.member = member
        self.status = status
        self.deputy = deputy
    }
}

/// The board's rule for taking decisions: named members (or their deputies) present, and a majority
/// of the other members. 004 ToR: "All decisions must be agreed by the PCC, the Chief Constable (or
/// their representatives) and the majority of the remaining members of the board who are at the meeting."
public struct QuorumRule: Codable, Sendable, Equatable {
    /// Members who must attend (in person or by a deputy), by id.
    public var required: [String]
    /// A seed paragraph, or "illustrative: …".
    public var source: String
    public init(required: [String], source: String) {
        self.required = required
        self.source = source
    }
    public var isIllustrative: Bool { Provenance.isIllustrative(source) }
}

/// Whether a meeting could decide, and why not.
public enum Quorum: Equatable, Sendable {
    /// No attendance recorded yet.
    case unrecorded
    case quorate(present: Int, of: Int)
    case inquorate(reasons: [String])

    public var isQuorate: Bool? {
        switch self {
        case .unrecorded: nil
        case .quorate: true
        case .inquorate: false
        }
    }
}

/// A board sub-group: a thematic group reporting to the board through its chair [004 annex Subgroups 21/22].
public struct SubGroup: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var chair: String
    public var frequency: String
    public var purpose: String
    public var members: String
    /// A seed paragraph, or "illustrative: …" for what no seed gives.
    public var source: String
    public init(id: String, name: String, chair: String, frequency: String, purpose: String, members: String, source: String) {
        self.id = id
        self.name = name
        self.chair = chair
        self.frequency = frequency
        self.purpose = purpose
        self.members = members
        self.source = source
    }
    public var isIllustrative: Bool { Provenance.isIllustrative(source) }
}

/// A sub-group chair's report to a meeting.
public struct SubGroupReport: Codable, Sendable, Equatable {
    public var subGroup: String
    public var text: String
    public var at: String
    public var by: String
    public init(subGroup: String, text: String, at: String, by: String) {
        self.subGroup = subGroup
        self.text = text
        self.at = at
        self.by = by
    }
}

/// The standing first item: the board's verdict on the previous meeting's minutes.
public struct MinutesApproval: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable, ListedValues, CaseIterable {
        case approved, amended
        public var label: String { self == .approved ? "Approved as a true record" : "Approved with amendments" }
    }
    /// The meeting whose minutes these are (its id).
    public var meeting: String
    public var outcome: Outcome
    /// The amendments agreed, or a note.
    public var note: String
    public var at: String
    public var by: String
    public init(meeting: String, outcome: Outcome, note: String, at: String, by: String) {
        self.meeting = meeting
        self.outcome = outcome
        self.note = note
        self.at = at
        self.by = by
    }
}

/// An action from an earlier meeting, as it stands at a later one: the matters-arising log.
public struct CarriedAction: Equatable, Sendable {
    public let meeting: Meeting
    public let index: Int
    public let status: MeetingAction.Status
    public var action: MeetingAction { meeting.actions[index] }
}

extension Meeting {
    /// The board the slides and the pack show: the live board while the meeting is a draft, else the
    /// board as it stood when it was held: rebuilt by the store from the journal at `heldSeq` (and kept
    /// for the session), or the copy a meeting held before keeps. Only a store whose journal cannot give
    /// the held board back (`live.frozen.failure` says why) shows the live board instead.
    public func shown(live: Board) -> Board {
        if stage == .draft { return live }
        var held: Board
        if let snapshot {
            held = snapshot.board
        } else if let seq = heldSeq, let frozen = live.frozen.board(atSeq: seq) {
            held = frozen
        } else {
            return live
        }
        // A live board's date is today whenever it is read: the board as held keeps the day it was held.
        if held.programme.clock == .today, let at = heldAt, let day = Day(String(at.prefix(10))) { held.programme.asAt = day }
        return held
    }

    /// Whether the meeting could decide: the rule's members (or deputies) there, and more than half of
    /// the other board members (core and associate; officers are not members). Members from `board`.
    public func quorum(_ board: Board) -> Quorum {
        guard !attendance.isEmpty else { return .unrecorded }
        let members = board.members.items.filter { $0.membership != .officer }
        let attends = Set(attendance.filter(\.status.attends).map(\.member))
        let required = board.programme.quorum?.required ?? []
        var reasons: [String] = []
        for id in required where !attends.contains(id) { reasons.append("\(board.name(of: id)) (or a deputy) is not present") }
        let others = members.filter { !required.contains($0.id) }
        let present = others.filter { attends.contains($0.id) }.count
        if present * 2 <= others.count { reasons.append("\(present) of the \(others.count) other members present, not a majority") }
        let total = members.filter { attends.contains($0.id) }.count
        return reasons.isEmpty ? .quorate(present: total, of: members.count) : .inquorate(reasons: reasons)
    }

    /// The quorum as one line: "Quorate (12 of 19 members present)", "Not quorate: …", with the
    /// illustrative mark when the rule is not a seed's.
    public func quorumText(_ board: Board) -> String {
        let mark = board.programme.quorum?.isIllustrative == true ? Provenance.illustrativeMark : ""
        switch quorum(board) {
        case .unrecorded: return "Attendance not recorded: quorum not known"
        case .quorate(let n, let of): return "Quorate\(mark) (\(n) of \(of) members present)"
        case .inquorate(let reasons): return "Not quorate\(mark): " + reasons.joined(separator: "; ")
        }
    }

    /// Members by attendance status, as shown: "Name (Organisation)", deputies with who came.
    public func attending(_ status: Attendance.Status, _ board: Board) -> [String] {
        attendance.filter { $0.status == status }.map { a in
            let m = board.members[a.member]
            let name = m.map { "\($0.shownName) (\($0.organisation))" } ?? a.member
            return a.status == .deputy && !a.deputy.isEmpty ? "\(a.deputy), for \(name)" : name
        }
    }

    /// Corrections and withdrawals made after the minutes were closed.
    public var amendments: [String] { amendments { $0 } }

    /// The same, naming who changed each by `who`.
    public func amendments(_ who: (String) -> String) -> [String] {
        let items: [(String, any MinuteItem)] =
            decisions.enumerated().map { ("Decision \($0.offset + 1)", $0.element) }
            + actions.enumerated().map { ("Action \($0.offset + 1)", $0.element) }
        return items.compactMap { label, item in item.isAmended ? "\(label): \(item.changeNote(who) ?? "")" : nil }
    }
}

extension Board {
    /// Actions from meetings before `meeting` that the board still follows: not withdrawn, and open at
    /// the meeting before this one (so an action done since shows once, as done). Oldest meeting first.
    public func carriedActions(into meeting: Meeting) -> [CarriedAction] {
        let earlier = orderedMeetings.filter { $0.date < meeting.date && $0.stage != .draft }
        let last = earlier.last?.date
        return earlier.flatMap { m in
            m.actions.indices.compactMap { i -> CarriedAction? in
                let a = m.actions[i]
                guard a.withdrawn == nil else { return nil }
                if let d = a.done, let last, d < last { return nil }
                return CarriedAction(meeting: m, index: i, status: a.status(on: meeting.date))
            }
        }
    }
}
