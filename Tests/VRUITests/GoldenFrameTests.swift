import Foundation
import Testing
import VRModel
@testable import VRUI

/// Golden frames: every screen and its tabs, the help, the dialogs (rating picker, forms, find, the
/// viewer, attention) and every kind of walkthrough slide, at 80x24 for both datasets, as text, checked
/// in under Tests/VRUITests/Golden (the national view's frames are in its own tests). A restructure that changes what
/// the user sees fails here, with the first differing line.
///
/// After a deliberate change, rewrite them with one command:
///
///     VRBOARD_UPDATE_GOLDEN=1 swift test --filter GoldenFrameTests
///
/// and review the diff (`git diff Tests/VRUITests/Golden`) before committing it.
@Suite struct GoldenFrameTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["VRBOARD_UPDATE_GOLDEN"] == "1"

    /// A named view: keys pressed from the overview (a walkthrough view sets its slide).
    struct View: CustomStringConvertible, Sendable {
        let name: String
        let keys: [Key]
        /// A walkthrough view: the slide, and which of its pages.
        var slide: Presentation.Slide? = nil
        var page = 0
        var description: String { name }
    }

    static let views: [View] = [
        View(name: "overview", keys: []),
        View(name: "priorities", keys: [.char("2")]),
        View(name: "workstreams-p1", keys: [.char("2"), .enter]),
        View(name: "rating-picker", keys: [.char("2"), .enter, .char("r")]),
        View(name: "workstream-form", keys: [.char("2"), .enter, .char("e")]),
        View(name: "funding", keys: [.char("3")]),
        View(name: "risks", keys: [.char("4")]),
        View(name: "risk-actions", keys: [.char("4"), .char("a")]),
        View(name: "heat-map", keys: [.char("4"), .char("m")]),
        View(name: "history", keys: [.char("5")]),
        View(name: "help", keys: [.char("?")]),
        View(name: "funding-monitoring", keys: [.char("3"), .char("t")]),
        View(name: "risk-form", keys: [.char("4"), .char("e")]),
        View(name: "interventions", keys: [.char("6")]),
        View(name: "evaluations", keys: [.char("6"), .char("t")]),
        View(name: "reach-by-level", keys: [.char("6"), .char("t"), .char("t")]),
        View(name: "outcomes", keys: [.char("7")]),
        View(name: "attention", keys: [.char("A")]),
        View(name: "find", keys: [.char("F")] + "data".map { .char($0) }),
        View(name: "viewer", keys: [.char("2"), .enter, .char("v")]),
        View(name: "slide-title", keys: [], slide: .title),
        View(name: "slide-highlight", keys: [], slide: .highlight),
        View(name: "slide-highlight-continued", keys: [], slide: .highlight, page: 1),
        View(name: "slide-priority-1", keys: [], slide: .priority("P1")),
        View(name: "slide-minutes", keys: [], slide: .minutes),
        View(name: "slide-sub-groups", keys: [], slide: .subGroups),
        View(name: "slide-interventions", keys: [], slide: .interventions),
        View(name: "slide-outcomes", keys: [], slide: .outcomes),
        View(name: "slide-funding", keys: [], slide: .funding),
        View(name: "slide-risks", keys: [], slide: .risks),
        View(name: "slide-record", keys: [], slide: .record),
        View(name: "slide-exit", keys: [], slide: .exit),
    ]

    static func frame(_ dataset: String, _ v: View) throws -> [String] {
        var b = try Fixtures.board(dataset)
        var s: AppState
        if let slide = v.slide {
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
            m.id = "golden"
            m.stage = .held
            b.meetings.put(m)
            s = AppState(board: b, width: 80, height: 24)
            s.presentation = Presentation(meetingID: "golden", startedAt: 0)
            let index = try #require(s.slideIndex(of: slide))
            s.presentation?.slide = index
            s.presentation?.page = v.page
        } else {
            s = AppState(board: b, width: 80, height: 24)
        }
        s.user = "golden"
        s.now = "2021-11-20T10:15:00Z"
        // The keys' effects carried out too (the history read from the store), as the board does.
        let rt = FakeRuntime(b)
        for k in v.keys { rt.press(&s, k) }
        return render(s).lines
    }

    @Test(arguments: Fixtures.datasets, views)
    func frameMatchesTheGoldenFile(dataset: String, view: View) throws {
        let lines = try Self.frame(dataset, view)
        let file = Self.directory.appendingPathComponent("\(dataset)-\(view.name).txt")
        let text = lines.joined(separator: "\n") + "\n"
        if Self.updating {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
            return
        }
        let golden = try #require(
            try? String(contentsOf: file, encoding: .utf8),
            "no golden frame \(file.lastPathComponent): run VRBOARD_UPDATE_GOLDEN=1 swift test --filter GoldenFrameTests")
        let want = golden.components(separatedBy: "\n").dropLast()
        #expect(want.count == lines.count, "\(file.lastPathComponent): \(lines.count) lines, golden has \(want.count)")
        if let i = zip(want, lines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record(
                """
                \(file.lastPathComponent) differs at line \(i + 1):
                  golden: \(want[want.startIndex + i])
                  now:    \(lines[i])
                (if the change is intended: VRBOARD_UPDATE_GOLDEN=1 swift test --filter GoldenFrameTests)
                """)
        }
    }

    /// Every golden file belongs to a view: a renamed or removed view leaves no stale frame behind.
    @Test func everyGoldenFileHasAView() throws {
        guard !Self.updating else { return }
        let names = Set(Fixtures.datasets.flatMap { d in Self.views.map { "\(d)-\($0.name).txt" } })
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files) == names)
    }
}
