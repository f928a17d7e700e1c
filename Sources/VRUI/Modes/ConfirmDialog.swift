import VRModel
import VRStore
import VRStoreAPI

extension Mode {
    /// A yes/no question (archive, reopen, start, hold or close a meeting).
    static let confirm = Mode("confirm", "A yes/no question")
}

/// A yes/no question and what yes does.
public struct ConfirmState: Equatable, Sendable {
    public var message: String
    public var action: ConfirmAction
}

extension Modal {
    /// Asks `message`; yes carries out `action`.
    static func confirm(message: String, action: ConfirmAction) -> Modal { ConfirmDialog.open(ConfirmState(message: message, action: action)) }
}

/// A yes/no question before something that cannot simply be undone (archive, reopen, a meeting's stage).
enum ConfirmDialog: DialogFeature {
    static let modes = [Mode.confirm]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: ConfirmState) -> Bool { false }
    static let inWalkthrough = true

    static let keys = KeyGroup(
        Mode.confirm.title,
        [
            Binding("confirm.yes", [.char("y"), .char("Y")], help: "Yes: archive, reopen, start, hold or close a meeting") { s, _ in
                guard let action = s[dialog: ConfirmDialog.self]?.action else { return [] }
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
                case .openYear(let label):
                    let b = s.board
                    guard let position = b.holdPosition else {
                        s.message = "Not opened: this store cannot read a closed year back from its journal"
                        return []
                    }
                    do {
                        let o = try b.openingYear(label, seq: position, at: s.now, by: s.user)
                        var fu = o.funding
                        fu.year = label
                        return save(&s, .programme(o.programme), baseRev: b.programme.rev, note: "Year \(label) opened: \(b.programme.year) closed")
                            + save(&s, .funding(fu), baseRev: b.funding.rev, note: "Year \(label) opened: funding")
                    } catch {
                        s.message = "Not opened: \(error)"
                        return []
                    }
                case .openMeeting(let day):
                    return [.startPresentation(create: false, on: day)]
                case .holdMeeting(let id):
                    guard var m = s.board.meetings[id] else { return [] }
                    let base = m.rev
                    m.hold(board: s.board, seq: s.board.holdPosition, at: s.now)
                    return save(&s, .meeting(m), baseRev: base, note: "Board of \(m.date.long): meeting held, the board as shown frozen")
                case .unmarkForBoard(let kind, let id):
                    let b = s.board
                    guard let doc = BoardMarkForm.marked(kind, id, board: b, { $0.removeLast() }) else { return [] }
                    return save(&s, doc, baseRev: doc.rev, note: "Unmarked \(id) for the board")
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

    static func draw(_ f: inout Frame, _ s: AppState, _ d: ConfirmState) {
        // As tall as the question needs (a new year's says what will happen), within the screen.
        let width = min(s.width - 2, d.message.count > 240 ? 100 : 70)
        let lines = Width.wrap(d.message, to: max(1, width - 4)).count
        let inner = panel(&f, s, width: width, height: min(s.height - 2, max(7, lines + 4)), title: "Confirm")
        f.paragraph(d.message, in: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: max(1, inner.height - 2)), role: .overlay)
        f.put(s.footer([("confirm.yes", "yes"), ("confirm.no", "no")]), x: inner.x + 1, y: inner.maxY - 1, base: .overlay, limit: inner.width - 2)
    }
}
