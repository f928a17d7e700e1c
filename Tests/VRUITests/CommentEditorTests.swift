import Testing
import VRModel
@testable import VRUI

/// A rating's comment is written in an editor of several lines: it wraps, keeps paragraphs, and says its
/// length against the limit.
@Suite struct CommentEditorTests {
    @Test("a multi-line field keeps line breaks (CR LF and CR as LF), a tab as four spaces; a single-line one makes them spaces")
    func insertKeepsParagraphs() {
        var t = TextField(multiLine: true)
        t.insert("one\r\ntwo\rthree\nfour\tfive")
        #expect(t.text == "one\ntwo\nthree\nfour    five")
        var single = TextField()
        single.insert("one\r\ntwo\tthree")
        #expect(single.text == "one two three")
        // Control characters other than line breaks are still refused whole.
        #expect(t.insert("bad\u{1B}[2J") == .refused("\u{1B}"))
    }

    @Test("wrapping breaks at spaces, keeps paragraphs and blank lines, and places the cursor")
    func wraps() {
        var t = TextField("alpha beta gamma delta\n\nepsilon", multiLine: true)
        let w = t.wrapped(width: 12)
        #expect(w.lines == ["alpha beta ", "gamma delta", "", "epsilon"])
        #expect(w.cursorLine == 3 && w.cursorX == 7)
        // Up a line keeps the cell as far as the line allows; up again reaches the blank line, then above.
        _ = t.moveLines(by: -1, width: 12)
        #expect(t.wrapped(width: 12).cursorLine == 2)
        _ = t.moveLines(by: -1, width: 12)
        let up = t.wrapped(width: 12)
        #expect(up.cursorLine == 1 && up.cursorX == 0)
        _ = t.moveLines(by: 5, width: 12)
        #expect(t.cursor == t.chars.count)
        // A word longer than the width is cut where it must be.
        #expect(TextField(String(repeating: "x", count: 30), multiLine: true).wrapped(width: 12).lines == ["xxxxxxxxxxxx", "xxxxxxxxxxxx", "xxxxxx"])
    }

    @Test(
        "the picker at 80x24: a paste keeps its paragraphs, Ctrl-J starts a line, PgUp moves up a line, the count shows", arguments: Fixtures.datasets
    )
    func picker(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("2"), .enter, .char("r"))
        #expect(s.mode == .rating)
        _ = update(&s, .paste("First paragraph.\nSecond paragraph."))
        _ = s.press(.ctrl("j"))
        s.type("Third")
        guard let rf = s[dialog: RatingPicker.self] else {
            Issue.record("the picker is open")
            return
        }
        #expect(rf.comment.text == "First paragraph.\nSecond paragraph.\nThird")
        var f = render(s)
        expectFits(f, width: 80, height: 24)
        #expect(f.contains("First paragraph.") && f.contains("Second paragraph.") && f.contains("Third▏"))
        #expect(f.contains("\(rf.comment.chars.count) / 10,000 characters"))
        _ = s.press(.pageUp)
        s.type("X")
        guard let after = s[dialog: RatingPicker.self] else { return }
        #expect(after.comment.text == "First paragraph.\nSeconXd paragraph.\nThird", "PgUp: the line above, at the same cell")
        f = render(s)
        expectFits(f, width: 80, height: 24)
        _ = s.press(.escape, .char("y"))
        #expect(s.modal == nil)
        // Ctrl-J (what some terminals send for Enter) is Enter wherever no text takes a line break.
        #expect(VRUI.Keys.binding(for: .ctrl("j"), in: s)?.id == "list.open")
        _ = s.press(.escape, .ctrl("j"))
        #expect(s.workstreamsScreen.openPriority != nil, "Ctrl-J opened the priority as Enter does")
    }
}
