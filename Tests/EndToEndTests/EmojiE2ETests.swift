import Foundation
import Testing

/// Emoji sequences on the live board, as the terminal (tmux) draws them: a ZWJ family, a skin tone, a
/// flag, a heart made emoji by U+FE0F, a keycap and a tag flag. The board asks the terminal how wide
/// each kind is and lays out by that, so every border stays put; `vrboard render`, printed into the
/// same terminal, draws the same screen.
@Suite("Emoji sequences in tmux", .serialized)
struct EmojiE2ETests {
    static let titles = [
        "WS-1.1": "Family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466} hubs",
        "WS-1.2": "Fist \u{270A}\u{1F3FE} youth voice",
        "WS-1.3": "Flag \u{1F1EC}\u{1F1E7} national link",
        "WS-1.4": "Heart \u{2764}\u{FE0F} of the work",
        "WS-1.5": "Keycap 1\u{FE0F}\u{20E3} and \u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F} flag",
    ]

    /// The terminal's answers awaited up to 5 s (`VRBOARD_WIDTHS_WAIT`), not half a second.
    static let patient = ["VRBOARD_WIDTHS_WAIT": "5000"]

    static func store(_ box: Sandbox) throws -> URL {
        let store = try box.makeStore(.nnvru)
        for (id, title) in titles { try WideTextE2ETests.retitle(store, id, to: title) }
        #expect(try box.vrboard(["validate", "--store", store.path]).status == 0)
        return store
    }

    /// The width tmux gives `line`, by printing it in a pane of its own and reading where the cursor
    /// ends: the terminal's own count, independent of vrboard's. A grapheme tmux cut after a joiner (it
    /// keeps at most 21 bytes of one) would join the next character when printed again, so that joiner goes.
    static func tmuxWidth(_ line: String, _ box: Sandbox) throws -> Int {
        let text = String(
            line.map { c -> String in
                var s = String(c)
                while s.unicodeScalars.last?.value == 0x200D { s.unicodeScalars.removeLast() }
                return s
            }.joined())
        let file = box.work.appendingPathComponent("line-\(UUID().uuidString.prefix(6)).txt")
        try Data(text.utf8).write(to: file)
        let name = "measure-\(UUID().uuidString.prefix(8))"
        _ = try Tmux.run(["new-session", "-d", "-s", name, "-x", "400", "-y", "5", "cat \(file.path); sleep 30"])
        defer { _ = try? Tmux.run(["kill-session", "-t", name]) }
        let x = try poll(
            "the line printed in \(name)", probe: { try Tmux.run(["display-message", "-p", "-t", name, "#{cursor_x}"]).stdout },
            until: { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)).map { $0 > 0 } ?? false })
        return Int(x.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test("every row keeps its borders, the sequences are whole, and the live board matches render in the same terminal, after a resize storm too")
    func emojiSequencesAlign() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try Self.store(box)
        // A machine busy with the other suites may answer the width questions late: wait for them.
        let live = try BoardSession("emoji", sandbox: box, store: store, env: Self.patient, width: 120, height: 36)
        defer { live.kill() }
        try live.waitFor(["1 Overview"])
        try live.press("2")
        try live.press("Enter")
        let screen = try live.waitFor(["WS-1.1", "WS-1.5", "Rating history"])

        // render, printed into a pane of the same width (taller, so the shell's lines after it do not scroll it).
        let printed = try BoardSession(
            "emoji-render", sandbox: box,
            vrboard: ["render", "--store", store.path, "--screen", "workstreams", "--priority", "P1", "--size", "120x36", "--color", "never"],
            env: Self.patient, width: 120, height: 40)
        defer { printed.kill() }
        let rendered = try printed.waitFor(["EXITED:0"])
        let want = Array(rendered.split(separator: "\n", omittingEmptySubsequences: false).prefix(36))
        let got = Array(screen.split(separator: "\n", omittingEmptySubsequences: false).prefix(36))
        #expect(
            got == want,
            "the live board and render differ:\n\(zip(got, want).filter { $0 != $1 }.map { "live:   \($0)\nrender: \($1)" }.joined(separator: "\n"))")

        // Each emoji row is as wide as the terminal by tmux's own count: its right border is in place.
        let rows = got.filter { line in Self.titles.keys.contains { line.hasPrefix("│\($0) ") } }
        #expect(rows.count == Self.titles.count, "\(screen)")
        for row in rows {
            #expect(row.hasSuffix("│"))
            #expect(try Self.tmuxWidth(String(row), box) == 120, "\(row)")
        }
        // Each sequence is drawn whole, never cut to its first code point (tmux keeps 21 bytes of one).
        for title in Self.titles.values {
            for c in title where c.unicodeScalars.count > 1 {
                var kept = "", bytes = 0
                for u in c.unicodeScalars {
                    bytes += String(u).utf8.count
                    if bytes > 21 { break }
                    kept.unicodeScalars.append(u)
                }
                #expect(screen.contains(kept), "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }

        // A resize storm ends on the same screen as a fresh render: no row keeps stale text.
        for (w, h) in [(100, 30), (140, 40), (90, 26), (130, 38), (81, 24), (120, 36)] {
            try live.resize(width: w, height: h)
            Thread.sleep(forTimeInterval: 0.05)
        }
        let after = try live.waitFor("the board redrawn at 120x36") { s in
            Array(s.split(separator: "\n", omittingEmptySubsequences: false).prefix(36)) == want
        }
        #expect(!after.isEmpty)
    }
}
