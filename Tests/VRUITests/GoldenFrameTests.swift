import Foundation
import Testing
import VRModel
import VRStoreAPI
import VRTestSupport
@testable import VRUI

/// Golden frames: every screen and its tabs, the help, every dialog (rating picker, forms, find, the
/// viewer, attention, a yes/no question, a conflict, a risk's actions, the minutes, discard?, quit?),
/// the search box and every kind of walkthrough slide, at 80x24 for both datasets, and the national view,
/// checked in under Tests/VRUITests/Golden: the text, then each cell's role (its style) as one letter,
/// compared cell by cell as ratatui's `assert_buffer_eq` does. A restructure that changes what the
/// user sees, or how it is styled, fails here with the first differing line or cell.
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
        /// Then a save of the selected workstream meets another's change to its title.
        var conflict = false
        /// Then the terminal shrinks below the minimum.
        var tooSmall = false
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
        View(name: "sources", keys: [.char("S")]),
        View(name: "source-form", keys: [.char("S"), .char("j"), .enter]),
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
        View(name: "confirm", keys: [.char("2"), .enter, .char("x")]),
        View(name: "discard", keys: [.char("2"), .enter, .char("e"), .char("z"), .escape]),
        View(name: "quit", keys: [.char("2"), .enter, .char("e"), .char("z"), .ctrl("c")]),
        View(name: "search", keys: [.char("4"), .char("/"), .char("d")]),
        View(name: "conflict", keys: [.char("2"), .enter], conflict: true),
        View(name: "outline", keys: [.char("o")], slide: .title),
        View(name: "minutes", keys: [.char("e")], slide: .minutes),
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

    static func frame(_ dataset: String, _ v: View) throws -> Frame { render(try state(dataset, v)) }

    /// The state a view shows: its slide, then its keys pressed (their effects carried out), at a size.
    static func state(_ dataset: String, _ v: View, width: Int = 80, height: Int = 24) throws -> AppState {
        var b = try Fixtures.board(dataset)
        var s: AppState
        if let slide = v.slide {
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
            m.id = "golden"
            m.stage = .held
            b.meetings.put(m)
            s = AppState(board: b, width: width, height: height)
            s.presentation = Presentation(meetingID: "golden", startedAt: 0)
            let index = try #require(s.slideIndex(of: slide))
            s.presentation?.slide = index
            s.presentation?.page = v.page
        } else {
            s = AppState(board: b, width: width, height: height)
        }
        s.user = "golden"
        s.now = "2021-11-20T10:15:00Z"
        // The keys' effects carried out too (the history read from the store), as the board does.
        let rt = FakeRuntime(b)
        for k in v.keys { rt.press(&s, k) }
        if v.conflict, var w = s.selectedWorkstream {
            let base = w
            w.title += " (mine)"
            var theirs = base
            theirs.title += " (theirs)"
            theirs.rev += 1
            let edit = Edit(doc: .workstream(w), baseRev: base.rev, note: "Edited", before: .workstream(base), base: .workstream(base))
            _ = update(&s, .conflict(edit, theirs: .workstream(theirs), board: s.board))
        }
        if v.tooSmall { _ = update(&s, .resize(width: 60, height: 20)) }
        return s
    }

    /// Each role as one letter, for the golden files' style part.
    static let roleLetters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// A frame as its golden file holds it: the text, a separator, then a line of role letters per row.
    static func golden(_ f: Frame) -> [String] {
        let styles = (0..<f.height).map { y in String((0..<f.width).map { x in roleLetters[Int(f[x, y].role.rawValue)] }) }
        return f.lines + ["--- roles: " + Role.allCases.map { "\(roleLetters[Int($0.rawValue)])=\($0)" }.joined(separator: " ")] + styles
    }

    /// Compares a frame with its golden file, line by line (text first, then the roles, naming the cell).
    static func check(_ lines: [String], file: URL) throws {
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
        let textRows = (lines.firstIndex { $0.hasPrefix("--- roles") } ?? lines.count)
        if let i = zip(want, lines).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            let w = Array(want[want.startIndex + i]), n = Array(lines[i])
            let col = zip(w, n).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(w.count, n.count)
            let what =
                i > textRows
                ? "the style of row \(i - textRows), column \(col + 1): golden \(w.indices.contains(col) ? String(w[col]) : "-"), now \(n.indices.contains(col) ? String(n[col]) : "-") (see the legend)"
                : "line \(i + 1)"
            Issue.record(
                """
                \(file.lastPathComponent) differs at \(what):
                  golden: \(want[want.startIndex + i])
                  now:    \(lines[i])
                (if the change is intended: VRBOARD_UPDATE_GOLDEN=1 swift test --filter GoldenFrameTests)
                """)
        }
    }

    @Test(arguments: Fixtures.datasets, views)
    func frameMatchesTheGoldenFile(dataset: String, view: View) throws {
        try Self.check(Self.golden(try Self.frame(dataset, view)), file: Self.directory.appendingPathComponent("\(dataset)-\(view.name).txt"))
    }

    /// The national view, at 80x24 and 120x36 (the count by level shows from 30 rows).
    @Test(arguments: [(80, 24), (120, 36)])
    func nationalViewMatchesTheGoldenFile(width: Int, height: Int) throws {
        let s = try NationalViewTests.state(width: width, height: height)
        try Self.check(Self.golden(renderNational(s)), file: Self.directory.appendingPathComponent("national-\(width)x\(height).txt"))
    }

    /// Every golden file belongs to a view: a renamed or removed view leaves no stale frame behind.
    @Test func everyGoldenFileHasAView() throws {
        guard !Self.updating else { return }
        let names = Set(Fixtures.datasets.flatMap { d in Self.views.map { "\(d)-\($0.name).txt" } } + ["national-80x24.txt", "national-120x36.txt"])
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".txt") }
        #expect(Set(files) == names)
    }
}
