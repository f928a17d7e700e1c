import Foundation
import Testing

/// `vrboard render`: one frame of the live board's views, printed headless.
@Suite("Headless render")
struct RenderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let dataset: Dataset
        let screen: String
        let columns: Int
        let rows: Int
        var testDescription: String { "\(dataset.rawValue) \(screen) \(columns)x\(rows)" }

        /// Text that must be on this frame.
        var expected: [String] {
            // Every tab padded when they all fit so; tighter at 80 columns, every tab still shown.
            var e = [
                dataset.areaName,
                columns >= 82 ? "1 Overview   2 Workstreams   3 Funding   4 Risks" : "3 Funding  4 Risks  5 History",
            ]
            // At 80 columns the longest titles are cut so that the seventh tab shows too.
            e += columns >= 82 ? ["6 Interventions", "7 Outcomes"] : ["6 Interve", "7 Outcom"]
            switch (dataset, screen) {
            case (.nnvru, "overview"): e += ["Data, intelligence and evidence base", "£880,000", "29%", "Escalated"]
            case (.nnvru, "workstreams"): e += ["Strategic priorities", "Data, intelligence and evidence base", "Priority 1"]
            case (.nnvru, "funding"): e += ["£880,000", "£255,200", "PASS", "Grant conditions"]
            case (.nnvru, "risks"): e += ["Risk register", "R01", "No access to Probation data", "Heat map"]
            case (.wmvru, "overview"): e += ["Stop violence before it starts", "£3,370,000", "Escalated"]
            case (.wmvru, "workstreams"): e += ["Strategic priorities", "Stop violence before it starts", "Priority 1"]
            case (.wmvru, "funding"): e += ["£3,370,000", "PASS", "Grant conditions"]
            case (.wmvru, "risks"): e += ["Risk register", "R01", "Core grant not confirm", "Heat map"]
            default: break
            }
            return e
        }
    }

    static let screens = ["overview", "workstreams", "funding", "risks"]
    static let cases: [Case] = Dataset.allCases.flatMap { d in
        screens.flatMap { s in [Case(dataset: d, screen: s, columns: 80, rows: 24), Case(dataset: d, screen: s, columns: 120, rows: 36)] }
    }

    @Test("render --color never: exact size, key content, no escapes", arguments: cases)
    func renderPlain(_ c: Case) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(c.dataset)
        let r = try box.vrboard(["render", "--store", store.path, "--screen", c.screen, "--size", "\(c.columns)x\(c.rows)", "--color", "never"])
        try #require(r.status == 0, "\(r)")
        #expect(r.stderr.isEmpty, "\(r)")
        let text = r.stdout
        let lines = frameLines(text)
        #expect(lines.count == c.rows, "expected \(c.rows) lines, got \(lines.count):\n\(text)")
        for (i, line) in lines.enumerated() {
            #expect(line.count <= c.columns, "line \(i + 1) is \(line.count) cells wide (> \(c.columns)): \(line)")
        }
        #expect(!text.contains("\u{1B}"), "escape sequences with --color never:\n\(text)")
        for s in c.expected {
            #expect(text.contains(s), "missing \"\(s)\" on \(c.testDescription):\n\(text)")
        }
    }

    @Test("render --color always emits SGR colour sequences and keeps the frame size", arguments: Dataset.allCases)
    func renderColour(_ dataset: Dataset) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(dataset)
        let r = try box.vrboard(["render", "--store", store.path, "--screen", "overview", "--size", "100x30", "--color", "always"])
        try #require(r.status == 0, "\(r)")
        #expect(r.stdout.contains("\u{1B}["), "no escape sequences with --color always")
        #expect(!colourParameters(r.stdout).isEmpty, "no colour SGR with --color always")
        let lines = frameLines(r.stdout)
        #expect(lines.count == 30)
        // Stripped of escapes, the colour frame is the plain frame.
        let plain = try box.vrboard(["render", "--store", store.path, "--screen", "overview", "--size", "100x30", "--color", "never"])
        let stripped = r.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;:]*m", with: "", options: .regularExpression)
        #expect(
            stripped.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                == plain.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) },
            "the coloured frame's text differs from the plain frame")
    }

    /// History's rows come from the store, as on the board: the frame shows them, never "loading…".
    @Test("render --screen history shows the history")
    func historyIsRead() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        #expect(try box.vrboard(["rag", "WS-1.1", "G", "--note", "Analyst in post", "--user", "alice", "--store", store.path]).status == 0)
        let r = try box.vrboard(["render", store.path, "--screen", "history", "--size", "120x30"])
        #expect(r.status == 0 && r.stdout.contains("History · 1 change") && r.stdout.contains("alice"), "\(r.stdout)")
        #expect(!r.stdout.contains("loading"))
    }

    @Test("render --color auto honours NO_COLOR")
    func renderNoColor() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let r = try box.vrboard(["render", "--store", store.path, "--size", "100x30", "--color", "auto"], env: ["NO_COLOR": "1"])
        #expect(r.status == 0, "\(r)")
        #expect(!r.stdout.contains("\u{1B}"), "\(r)")
    }

    @Test("render --priority opens that priority's workstreams")
    func renderPriority() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let r = try box.vrboard([
            "render", "--store", store.path, "--screen", "workstreams", "--priority", "P2", "--size", "120x36", "--color", "never",
        ])
        try #require(r.status == 0, "\(r)")
        for s in ["2. Trauma-informed approaches", "WS-2.1", "WS-2.2", "WS-2.3"] {
            #expect(r.stdout.contains(s), "missing \(s):\n\(r.stdout)")
        }
        #expect(!r.stdout.contains("WS-1.1"), "\(r.stdout)")
        let bad = try box.vrboard(["render", "--store", store.path, "--priority", "P99", "--size", "120x36"])
        CLITests.expectOneCleanErrorLine(bad, mentioning: "P99")
    }

    @Test("render below 80x24 shows the too-small screen at exactly the requested size")
    func renderTooSmall() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let r = try box.vrboard(["render", "--store", store.path, "--size", "79x23", "--color", "never"])
        try #require(r.status == 0, "\(r)")
        #expect(r.stdout.contains("Terminal too small"), "\(r)")
        let lines = frameLines(r.stdout)
        #expect(lines.count == 23)
        #expect(lines.allSatisfy { $0.count <= 79 })
    }

    @Test(
        "render with a bad size or screen fails with one clear line",
        arguments: [
            ["--size", "12"], ["--size", "0x5"], ["--size", "80x"], ["--size", "widextall"], ["--size", "1001x10"],
            ["--size=-80x24"], ["--screen", "dashboard"],
        ])
    func renderBadArguments(_ args: [String]) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let r = try box.vrboard(["render", "--store", store.path, "--color", "never"] + args)
        CLITests.expectOneCleanErrorLine(r)
        #expect(r.stdout.isEmpty, "no frame should be printed: \(r)")
        let option = args[0].hasPrefix("--size") ? "size" : "screen"
        #expect(r.stderr.lowercased().contains(option), "the error should name the \(option): \(r)")
    }
}
