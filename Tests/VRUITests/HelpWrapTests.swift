import Testing
import VRModel

@testable import VRUI

/// Help at 80x24: the legends first, every key label and description whole (wrapped, never cut), and
/// PgDn/PgUp/Home/End/g/G scroll it to its end and back.
@Suite struct HelpWrapTests {
    static func walkthrough() throws -> AppState { try Fixtures.walkthrough(width: 80, height: 24) }

    /// Every line the help box shows, paging down from the top with PgDn until it stops moving.
    static func pagedThrough(_ s: inout AppState) -> [String] {
        var shown: [String] = []
        var last = -1
        while s.helpScroll != last {
            last = s.helpScroll
            let f = render(s)
            shown += f.lines.filter { $0.contains("│") }.map { line in
                let inner = line.split(separator: "│", omittingEmptySubsequences: false)
                return inner.count >= 2 ? String(inner[1]) : ""
            }
            _ = s.press(.pageDown)
        }
        return shown
    }

    @Test("in the walkthrough at 80x24: legends first, nothing cut, every key and description whole, End reaches the last line")
    func walkthroughHelp() throws {
        var s = try Self.walkthrough()
        _ = s.press(.char("?"))
        #expect(s.mode == .help)
        let first = render(s).text
        #expect(first.contains("† judgement") && first.contains("* illustrative"), "the legends on the first page:\n\(first)")
        let shown = Self.pagedThrough(&s)
        #expect(!shown.joined().contains("…"), "nothing cut:\n\(shown.joined(separator: "\n"))")
        let text = shown.joined(separator: " ").split(separator: " ").joined(separator: " ")
        for b in Walkthrough.keys.bindings {
            #expect(text.contains(b.keyLabel), "\(b.id)'s keys whole")
            #expect(text.contains(s.keyed(b.help).split(separator: " ").joined(separator: " ")), "\(b.id)'s description whole")
        }
        // End/G reach the last line (the mouse's); Home/g the first.
        _ = s.press(.char("G"))
        #expect(render(s).text.contains("click / wheel"))
        _ = s.press(.char("g"))
        #expect(s.helpScroll == 0 && s.mode == .help)
        _ = s.press(.end, .pageUp)
        #expect(s.helpScroll == HelpOverlay.maxScroll(s) - HelpOverlay.pageRows(s) || s.helpScroll == 0)
        _ = s.press(.char("x"))
        #expect(s.mode != .help, "any other key closes it")
    }

    @Test("a key label too long for its column stands on its own line, its description under the column")
    func longLabel() throws {
        var s = try Self.walkthrough()
        _ = s.press(.char("?"))
        let lines = HelpOverlay.wrapped(s, width: 76).map { $0.map(\.text).joined() }
        let next = try #require(lines.firstIndex { $0.hasPrefix("  Space/→/PgDn/l/Enter") })
        #expect(lines[next].trimmingCharacters(in: .whitespaces) == "Space/→/PgDn/l/Enter")
        #expect(lines[next + 1] == String(repeating: " ", count: HelpOverlay.keyColumn) + "Next slide (or the slide's next page)")
    }
}
