import Foundation
import Testing
@testable import VRUI

@Suite struct FrameTests {
    @Test func widthsByDisplayCells() {
        #expect(Width.of("abc") == 3)
        #expect(Width.of("£880,000") == 8)
        #expect(Width.of("Ünïcödé") == 7)
        #expect(Width.of("e\u{301}") == 1)  // e + combining acute
        #expect(Width.of("日本") == 4)
        #expect(Width.of("👍") == 2)
        #expect(Width.of("❤️") == 2)  // with presentation selector
        #expect(Width.of("👩‍👩‍👧") == 2)  // ZWJ sequence: one glyph
        #expect(Width.of("≥ ▲ █ │") == 7)
    }

    @Test func truncateAndPadByCells() {
        #expect(Width.truncate("Violence Reduction", to: 10) == "Violence …")
        #expect(Width.truncate("日本語テキスト", to: 5) == "日本…")
        #expect(Width.of(Width.truncate("日本語テキスト", to: 6)) <= 6)
        #expect(Width.pad("£5", to: 5, alignRight: true) == "   £5")
        #expect(Width.truncate("short", to: 10) == "short")
    }

    @Test func wrapBreaksOnWordsAndLongWords() {
        #expect(Width.wrap("one two three four", to: 9) == ["one two", "three", "four"])
        #expect(Width.wrap("abcdefghij", to: 4) == ["abcd", "efgh", "ij"])
        #expect(Width.wrap("a\nb", to: 4) == ["a", "b"])
        #expect(Width.wrap("ab cdefghij k", to: 4) == ["ab", "cdef", "ghij", "k"])
        #expect(Width.wrap("a\n\nb\n", to: 4) == ["a", "", "b", ""])
        #expect(Width.wrap("", to: 4) == [""])
        #expect(Width.wrap("日本語テキスト", to: 5) == ["日本", "語テ", "キス", "ト"])
    }

    /// A text of any length costs only the lines asked for: a million characters without a space, or a
    /// million words, give exactly the lines that fit, the same as the start of the whole wrap.
    @Test func wrapAndTruncateStopAtWhatIsShown() {
        let word = String(repeating: "x", count: 1_000_000)
        #expect(Width.wrap(word, to: 80, limit: 3) == Array(repeating: String(repeating: "x", count: 80), count: 3))
        let words = String(repeating: "evidence ", count: 120_000)
        let shown = Width.wrap(words, to: 40, limit: 4)
        #expect(shown.count == 4 && shown == Array(Width.wrap(String(words.prefix(400)), to: 40).prefix(4)))
        #expect(Width.truncate(word, to: 10) == String(repeating: "x", count: 9) + "…")
        var f = Frame(width: 60, height: 5)
        #expect(f.paragraph(word, in: Rect(x: 0, y: 0, width: 60, height: 5), maxLines: 3) == 3)
        #expect(f.lines[2].hasSuffix("…"))
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverSplit() {
        var f = Frame(width: 6, height: 2)
        f.put("a日b", x: 0, y: 0)
        #expect(f[1, 0].text == "日" && f[1, 0].width == 2)
        #expect(f[2, 0].width == 0)
        #expect(f[3, 0].text == "b")
        #expect(f.lines[0] == "a日b")
        // Text cut by the edge ends in an ellipsis; the wide character is never half drawn.
        f.put("abcde日", x: 0, y: 1)
        #expect(f.lines[1] == "abcde…")
        #expect(!f.lines[1].contains("日"))
        // Overwriting half of a wide character blanks the other half.
        f.put("x", x: 2, y: 0)
        #expect(f[1, 0].text == " " && f[2, 0].text == "x")
    }

    @Test func combiningMarksAttachToTheirBase() {
        var f = Frame(width: 4, height: 1)
        f.put("e\u{301}x", x: 0, y: 0)
        #expect(f[0, 0].text == "e\u{301}")
        #expect(f[1, 0].text == "x")
    }

    @Test func clippedTextEndsInEllipsis() {
        var f = Frame(width: 20, height: 1)
        let used = f.put("Trauma-informed approaches", x: 0, y: 0, limit: 10)
        #expect(used == 10)
        #expect(f.lines[0] == "Trauma-in…")
    }

    @Test func boxAndTableDrawWithinTheirRectangle() {
        var f = Frame(width: 30, height: 6)
        var cursor = ListCursor()
        cursor.selected = 1
        f.table(Rect(x: 0, y: 0, width: 30, height: 6), title: "T", columns: [Column("A", 5), Column("B")], count: 10, cursor: cursor, focused: true)
        { r, c in
            [Span(c == 0 ? "r\(r)" : "row \(r)")]
        }
        #expect(f.lines[0].hasPrefix("┌─ T ─"))
        #expect(f.lines[1].contains("A") && f.lines[1].contains("B"))
        #expect(f.lines[2].contains("r0"))
        #expect(f.lines[4].contains("r2"))
        #expect(f.lines[5].hasPrefix("└"))
        #expect(f[1, 3].role == .selected)
        // More rows than fit: a scroll indicator appears on the right edge.
        #expect(f.lines[2...4].contains { $0.hasSuffix("┃") })
    }

    @Test func listCursorRevealKeepsSelectionVisible() {
        var c = ListCursor()
        c.move(by: 15, count: 20)
        c.reveal(rows: 5, count: 20)
        #expect(c.selected == 15 && c.scroll == 11)
        c.move(by: -100, count: 20)
        c.reveal(rows: 5, count: 20)
        #expect(c.selected == 0 && c.scroll == 0)
        c.move(by: 3, count: 0)
        #expect(c.selected == 0)
    }

    @Test func keymapMarkdownListsEveryBinding() {
        let md = VRUI.Keys.markdown
        for g in VRUI.Keys.allGroups {
            for b in g.all {
                #expect(
                    md.contains(
                        "| `\(b.keyLabel)` | \(VRUI.Keys.keyed(g.title, remaps: KeyRemaps())) | \(VRUI.Keys.keyed(b.help, remaps: KeyRemaps())) | \(b.keys.isEmpty ? "" : "`\(b.id)`") |"
                    ))
            }
        }
    }

    @Test func ansiOutputResetsAndCarriesStyles() {
        var f = Frame(width: 10, height: 1)
        f.put(" G ", x: 0, y: 0, role: .ragGreen)
        let line = f.ansiLines(theme: .colour)[0]
        #expect(line.contains("\u{1B}[0;1;30;42m G "))
        #expect(line.hasSuffix("\u{1B}[0m"))
    }
}

@Suite struct ReadmeTests {
    /// README is read by a newcomer in five minutes: under 300 lines, its reference in `vrboard help TOPIC`.
    @Test func readmeIsShortAndPointsToTheTopics() throws {
        let readme = try String(
            contentsOfFile: URL(fileURLWithPath: Fixtures.dataDir).deletingLastPathComponent().appendingPathComponent("README.md").path,
            encoding: .utf8)
        #expect(readme.split(separator: "\n", omittingEmptySubsequences: false).count < 300)
        for topic in ["screens", "keys", "commands", "postgres", "config", "data", "benchmark", "architecture"] {
            #expect(readme.contains("| `\(topic)` |"), "README lists the topic \(topic)")
        }
    }
}

/// A box's title that does not fit loses its last parts, then its last words, never a word cut in two.
@Suite struct BoxTitleTests {
    @Test func titlesShortenByWholeParts() {
        #expect(Frame.shortened("Escalated risks (5) · 1 review overdue", to: 34) == "Escalated risks (5)")
        #expect(Frame.shortened("Heat map · Enter filters the register", to: 22) == "Heat map")
        #expect(
            Frame.shortened("Commissioned interventions (reachable moments, resettlement, Desist and Transform)", to: 70)
                == "Commissioned interventions (reachable moments, resettlement, Desist")
        #expect(Frame.shortened("Fits whole", to: 20) == "Fits whole")
        #expect(Frame.shortened("Unbreakable", to: 6) == Width.truncate("Unbreakable", to: 6))
    }

    @Test func theOverviewKeepsTheOverdueCountAt80x24() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var r = try #require(b.risks.items.first { $0.status == .open })
        r.lastReviewed = b.programme.asAt.adding(days: -400)
        b.risks.put(r)
        let s = AppState(board: b, width: 80, height: 24)
        let f = render(s)
        #expect(f.contains("Escalated (") && f.contains("review") && f.contains("overdue"), "\(f.text)")
        #expect(!f.lines.contains { $0.contains("Escalated") && $0.contains("…") })
    }
}
