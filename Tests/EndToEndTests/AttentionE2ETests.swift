import Foundation
import Testing

/// The director's Monday on the live board: what needs attention in one key, and one search across the
/// board that goes to what it finds.
@Suite("What needs attention, and find (tmux)", .serialized)
struct AttentionE2ETests {
    @Test("A from the risks screen lists the workstreams needing attention, in words; Enter opens one's priority on it")
    func attentionInOneKey() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try BoardSession("attention", sandbox: box, store: store, width: 120, height: 36)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("4")
        try s.waitFor(["Risk register"])
        try s.press("A")
        // WS-1.3 and WS-1.7 are amber/red; WS-3.9 fell from amber/green to amber; WS-1.4 (green) is not listed.
        let screen = try s.waitFor(["Needs attention · 3 of 25 workstreams", "1. Data, intelligence and evidence base", "amber/red", "declining"])
        #expect(screen.contains("WS-3.9 ") && screen.contains("WS-1.3 "), "\(screen)")
        #expect(!screen.contains("WS-1.4 "), "a green workstream needs no attention")
        try s.press("f")
        try s.waitFor(["Needs attention: red or amber/red"], none: ["declining"])
        try s.press("Down")
        try s.press("Enter")
        try s.waitFor(["1. Data, intelligence and evidence base · 7 workstreams", "┌─ WS-1.7 ·"])
    }

    @Test("F finds R04 by its id and Enter selects it in the register; / on the overview finds too, a typed q is text")
    func findGoesToTheItem() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.wmvru)
        let s = try BoardSession("find", sandbox: box, store: store, width: 100, height: 30)
        defer { s.kill() }
        try s.waitFor(["1 Overview"])
        try s.press("F")
        try s.waitFor(["Find anything on the board", "Type an id, a title"])
        try s.type("R04")
        try s.waitFor(["1 match", "Risk          R04"])
        try s.press("Enter")
        try s.waitFor(["┌─ R04 ·"], none: ["Find anything on the board"])
        // The overview's / finds too; a paste of garbage is text, never keys (q does not quit).
        try s.press("1")
        try s.press("/")
        try s.waitFor(["Find anything on the board"])
        try s.type("q zz")
        try s.waitFor(["No match"])
        try s.press("Escape")
        try s.waitFor(["Escalated risks"], none: ["Find anything on the board"])
    }
}
