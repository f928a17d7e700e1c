import Foundation
import Testing
import VRGenerate
import VRModel
@testable import VRUI

/// A third VRU of the project's own making (40 priorities, ids like WS-01.001, R0001 and IV-001, heat-map
/// counts over a hundred, a grant over £10M), drawn at three sizes: no id, count or amount is ever cut.
@Suite struct AnySizeTests {
    static let board = Generator.thirdVRU()
    static let sizes = [(80, 24), (120, 36), (200, 60)]

    /// A run of text that starts like a value and ends in the ellipsis a cut leaves.
    static func cut(_ pattern: String, in frame: Frame) -> [String] {
        let text = frame.lines.joined(separator: "\n")
        let re = try! NSRegularExpression(pattern: pattern + "…")
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range) }
    }

    static func state(_ size: (Int, Int), keys: [Key]) -> AppState {
        var s = AppState(board: board, width: size.0, height: size.1)
        for k in keys { _ = s.press(k) }
        return s
    }

    @Test func theThirdVRUIsSound() {
        #expect(Self.board.problems.isEmpty, "\(Self.board.problems.prefix(3))")
        #expect(Self.board.figureWarnings.isEmpty)
        #expect(Self.board.orderedPriorities.count == 40 && Self.board.funding.allocation > 10_000_000)
        #expect(Self.board.workstreams.items.contains { $0.id == "WS-01.001" } && Self.board.risks.items.contains { $0.id == "R1500" })
    }

    @Test(arguments: sizes)
    func idsAreNeverCut(width: Int, height: Int) {
        for (keys, pattern) in [
            ([Key.char("2"), .char("a")], #"WS-[0-9.]*"#), ([.char("2"), .enter], #"WS-[0-9.]*"#), ([.char("4")], #"R[0-9]+"#),
            ([.char("6")], #"IV-[0-9]*"#),
        ] as [([Key], String)] {
            let f = render(Self.state((width, height), keys: keys))
            #expect(Self.cut(pattern, in: f).isEmpty, "\(width)x\(height) \(keys): \(Self.cut(pattern, in: f))")
        }
    }

    @Test(arguments: sizes)
    func heatMapCountsAreWhole(width: Int, height: Int) {
        let s = Self.state((width, height), keys: [.char("4")])
        let text = render(s).lines.joined(separator: "\n")
        let counts = s.derived.heatGrid.joined().filter { $0 > 99 }
        #expect(!counts.isEmpty, "the third VRU has cells over a hundred")
        for n in Set(counts) { #expect(text.contains("\(n)"), "\(width)x\(height): \(n) not shown whole") }
    }

    @Test(arguments: sizes)
    func amountsKeepTheirUnit(width: Int, height: Int) {
        for keys in [[Key.char("3")], [.char("3"), .char("t")], [Key]()] {
            let f = render(Self.state((width, height), keys: keys))
            #expect(Self.cut(#"£[0-9.,]*"#, in: f).isEmpty, "\(width)x\(height) \(keys): \(Self.cut(#"£[0-9.,]*"#, in: f))")
        }
    }

    @Test(arguments: sizes)
    func theOverviewSaysHowManyPrioritiesAndScrollsToTheRest(width: Int, height: Int) {
        var s = Self.state((width, height), keys: [])
        var text = render(s).lines.joined(separator: "\n")
        #expect(text.contains("Strategic priorities (40)") && text.contains("more below"), "\(text)")
        for _ in 0..<40 { _ = s.press(.down) }
        text = render(s).lines.joined(separator: "\n")
        #expect(text.contains("40 Priority 40") && text.contains("above") && !text.contains("more below"), "\(text)")
        _ = s.press(.up)
        #expect(render(s).lines.joined().contains("more below"))
    }

    @Test(arguments: sizes)
    func slidesKeepIDsWhole(width: Int, height: Int) throws {
        var b = Self.board
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.id = "third"
        m.stage = .held
        b.meetings.put(m)
        var s = AppState(board: b, width: width, height: height)
        s.presentation = Presentation(meetingID: "third", startedAt: 0)
        for slide in [Presentation.Slide.priority("P1"), .exit, .risks] {
            let index = try #require(s.slideIndex(of: slide))
            s.presentation?.slide = index
            let f = render(s)
            #expect(Self.cut(#"(WS-[0-9.]*|R[0-9]+)"#, in: f).isEmpty, "\(width)x\(height) \(slide): \(Self.cut(#"(WS-[0-9.]*|R[0-9]+)"#, in: f))")
        }
    }
}
