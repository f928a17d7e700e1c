import Foundation
import Testing
@_exported import VRTestSupport
import VRModel
import VRStore
@testable import VRUI

extension Fixtures {
    /// The two terminal sizes the screen tests draw at.
    static let sizes = [(80, 24), (120, 36)]
}

extension AppState {
    /// Sends keys through the real update function.
    mutating func press(_ keys: Key...) -> [Effect] {
        var effects: [Effect] = []
        for k in keys { effects += update(&self, .key(k)) }
        return effects
    }

    mutating func type(_ text: String) {
        for c in text { _ = update(&self, .key(.char(c))) }
    }
}

extension Frame {
    func contains(_ s: String) -> Bool { text.contains(s) }
}

func expectFits(_ f: Frame, width: Int, height: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(f.lines.count == height, sourceLocation: sourceLocation)
    for (i, line) in f.lines.enumerated() {
        #expect(Width.of(line) <= width, "line \(i) is \(Width.of(line)) cells: \(line)", sourceLocation: sourceLocation)
    }
}

// MARK: A tiny runtime

/// An in-memory stand-in for the store, answering effects the way `Runtime.send` (Sources/vrboard/Open.swift)
/// does: a save lands only when the stored revision is the one the edit was based on, else it is a conflict.
struct FakeRuntime {
    var board: Board
    /// Every change committed, oldest first (what the journal would hold).
    var journal: [HistoryItem] = []
    /// The edits that landed, oldest first.
    var saves: [Edit] = []

    init(_ board: Board) { self.board = board }

    /// The runtime's answer to one effect (nil for quit).
    mutating func answer(_ effect: Effect, user: String, now: String) -> Msg? {
        switch effect {
        case .save(let edit):
            let current = board.document(edit.doc.collection, edit.doc.id)
            guard (current?.rev ?? 0) == edit.baseRev else { return .conflict(edit, theirs: current, board: board) }
            let doc = edit.doc.withRev(edit.baseRev + 1)
            board.apply(doc)
            saves.append(edit)
            journal.append(HistoryItem(seq: journal.count + 1, at: now, by: user, collection: doc.collection.rawValue,
                                       id: doc.id, rev: doc.rev, note: edit.note))
            return .saved(edit, board: board)
        case .loadHistory:
            return .historyLoaded(journal.reversed())
        default:
            // Quit, and effects outside editing, answer nothing here.
            return nil
        }
    }

    /// Carries out effects, feeding each answer back through `update`, until nothing is left.
    /// Returns every effect seen on the way (the given ones first).
    @discardableResult
    mutating func run(_ effects: [Effect], _ s: inout AppState) -> [Effect] {
        var queue = effects, seen = effects
        while !queue.isEmpty {
            let e = queue.removeFirst()
            guard let msg = answer(e, user: s.user, now: s.now) else { continue }
            let more = update(&s, msg)
            seen += more
            queue += more
        }
        return seen
    }

    /// Sends keys through `update` and carries out what they ask for.
    @discardableResult
    mutating func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        var seen: [Effect] = []
        for k in keys { seen += run(update(&s, .key(k)), &s) }
        return seen
    }

    /// Another terminal saves a version of a document: it lands in the store (not yet on this screen).
    mutating func saveElsewhere(_ doc: AnyDocument, by user: String, note: String) {
        let rev = (board.document(doc.collection, doc.id)?.rev ?? 0) + 1
        board.apply(doc.withRev(rev))
        journal.append(HistoryItem(seq: journal.count + 1, at: "2021-11-20T09:00:00Z", by: user, collection: doc.collection.rawValue,
                                   id: doc.id, rev: rev, note: note))
    }
}

/// The saves among some effects.
func savesIn(_ effects: [Effect]) -> [Edit] {
    effects.compactMap { if case .save(let e) = $0 { e } else { nil } }
}

extension Workstream {
    /// The rating's badge as every screen draws it: ` A `, `A/G`, then `†` when the rating was judged.
    func shownBadge(_ kind: RatingKind) -> String { rating(kind).badge + (isJudgement(kind) ? Sources.judgementMark : "") }
}
