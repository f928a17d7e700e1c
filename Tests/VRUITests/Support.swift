import Foundation
import Testing
@_exported import VRTestSupport
import VRModel
import VRStore
import VRStoreAPI
@testable import VRUI
import VRRuntime

extension Fixtures {
    /// The two terminal sizes the screen tests draw at.
    static let sizes = [(80, 24), (120, 36)]

    /// A dataset's board walked through at a meeting on its date, at `stage`, on a screen of this size.
    static func walkthrough(_ dataset: String = "nnvru-2021-22", stage: MeetingStage = .held, width: Int, height: Int) throws -> AppState {
        var b = try board(dataset)
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.stage = stage
        b.meetings.put(m)
        var s = AppState(board: b, width: width, height: height)
        s.presentation = Presentation(meetingID: m.id, startedAt: 0)
        return s
    }
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

// MARK: The runtime, over a store in memory

/// The real runtime (`Runtime.perform`, the effect handler the terminal uses) over an `InMemoryStore`
/// that keeps the file store's rules. The test holds the state; this carries out its effects.
struct FakeRuntime {
    let store: InMemoryStore

    init(_ board: Board) { store = InMemoryStore(board) }

    /// The board as stored (other writers' saves included).
    var board: Board { store.latest }
    /// Every change committed, oldest first (what the journal holds).
    var journal: [HistoryItem] { store.journal }

    /// Carries out effects, feeding each answer back through `update`, until nothing is left.
    /// Returns every effect seen on the way (the given ones first).
    @discardableResult
    func run(_ effects: [Effect], _ s: inout AppState) -> [Effect] {
        Runtime<InMemoryStore>.perform(effects, on: &s, store: store).seen
    }

    /// Sends keys through `update` and carries out what they ask for.
    @discardableResult
    func press(_ s: inout AppState, _ keys: Key...) -> [Effect] {
        var seen: [Effect] = []
        for k in keys { seen += run(update(&s, .key(k)), &s) }
        return seen
    }

    /// Another terminal saves a version of a document: it lands in the store (not yet on this screen).
    func saveElsewhere(_ doc: AnyDocument, by user: String, note: String) {
        store.saveElsewhere(doc, by: user, note: note, at: "2021-11-20T09:00:00Z")
    }
}

/// The saves among some effects.
func savesIn(_ effects: [Effect]) -> [Edit] {
    effects.compactMap { if case .save(let e) = $0 { e } else { nil } }
}

extension Workstream {
    /// The rating's badge as every screen draws it: ` A `, `A/G`, then `†` when the rating was judged.
    func shownBadge(_ kind: RatingKind) -> String { rating(kind).badge + (isJudgement(kind) ? Provenance.judgementMark : "") }
}
