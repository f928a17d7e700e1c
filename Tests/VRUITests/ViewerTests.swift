import Foundation
import Testing
import VRModel
@testable import VRUI

/// Long entries can be read whole: a workstream's every comment (v), a risk (v), and one change from
/// History (Enter) with the fields it changed, old and new.
@Suite struct ViewerTests {
    /// A comment of about 3,000 characters in three paragraphs.
    static let longComment: String = (1...3).map { p in
        (1...45).map { "Paragraph \(p) sentence \($0) about partner data." }.joined(separator: " ")
    }.joined(separator: "\n")

    /// Everything the open viewer shows, scrolled from top to bottom, as running text.
    static func readAll(_ s: inout AppState) -> String {
        var seen: [String] = []
        for _ in 0..<200 {
            guard let v = s[dialog: ViewerMode.self] else { break }
            let r = ViewerMode.rect(s)
            let lines = v.lines(width: r.width - 4).map(\.0)
            seen = lines
            _ = s.press(.pageDown)
            if let after = s[dialog: ViewerMode.self], after.scroll == v.scroll { break }
        }
        return seen.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test("v shows a workstream's whole history: a 3,000-character comment in full, its paragraphs kept, at 80x24", arguments: Fixtures.datasets)
    func wholeComment(dataset: String) throws {
        var b = try Fixtures.board(dataset)
        var w = try #require(b.activeWorkstreams.first)
        try w.rate(.inYear, to: w.inYear == .red ? .amber : .red, by: "alice", at: "2021-11-20T10:00:00Z", comment: Self.longComment)
        b.workstreams.put(w)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("2"))
        WorkstreamsScreen.show(priority: w.priority, &s)
        _ = s.press(.char("v"))
        guard let v = s[dialog: ViewerMode.self] else {
            Issue.record("v opens the viewer")
            return
        }
        #expect(s.mode == .viewer)
        let first = render(s)
        expectFits(first, width: 80, height: 24)
        #expect(first.contains("\(w.id) · "), "titled with the workstream")
        #expect(first.contains("of \(v.lines(width: ViewerMode.rect(s).width - 4).count)"), "the title says how long it is")
        let text = Self.readAll(&s)
        let words = Self.longComment.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains(words), "the whole comment")
        // Paragraphs are kept: each starts a line of its own.
        let lines = v.lines(width: 60).map(\.0)
        for p in 1...3 { #expect(lines.contains { $0.hasPrefix("Paragraph \(p) sentence 1 ") }, "paragraph \(p)") }
        _ = s.press(.escape)
        #expect(s.modal == nil)
    }

    @Test("Enter on a change in History shows its note whole and the fields it changed, old and new")
    func changeInHistory() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 100, height: 30)
        s.user = "alice"
        s.now = "2021-11-20T10:15:00Z"
        let w = try #require(b.workstreams.items.first)
        var edited = w
        edited.title = "Analytical steering group (refreshed)"
        rt.run(save(&s, .workstream(edited), baseRev: w.rev, note: "Edited workstream \(w.id)"), &s)
        var rated = try #require(s.board.workstreams[w.id])
        try rated.rate(.inYear, to: .red, by: "alice", at: s.now, comment: Self.longComment)
        rt.run(save(&s, .workstream(rated), baseRev: rated.rev, note: "In-year rating to Red"), &s)
        rt.run(s.press(.char("5")), &s)
        #expect(s.historyScreen.rows.count == 2)
        // The older change: the title.
        _ = s.press(.down)
        let effects = rt.press(&s, .enter)
        #expect(effects.contains(.loadEntry(s.historyScreen.rows[1])))
        var f = render(s)
        #expect(f.contains("Note") && f.contains("Edited workstream \(w.id) · changed: Title"))
        #expect(f.contains("What changed") && f.contains("was: \(w.title)") && f.contains("now: Analytical steering group (refreshed)"))
        _ = s.press(.escape, .up)
        rt.press(&s, .enter)
        f = render(s)
        #expect(f.contains("was: \(w.inYear.name)") && f.contains("now: Red"))
        let all = Self.readAll(&s)
        #expect(all.contains(Self.longComment.split(whereSeparator: \.isWhitespace).joined(separator: " ")), "the new comment in full")
    }

    @Test("v on a risk shows its description, causes and every action whole")
    func wholeRisk() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("4"), .char("v"))
        let r = try #require(s.risksScreen.rows.first)
        let text = Self.readAll(&s)
        let flat = { (t: String) in t.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        #expect(text.contains(flat(r.description)))
        for a in r.actions { #expect(text.contains(flat(a.action))) }
        for c in r.causes { #expect(text.contains(flat(c))) }
    }
}
