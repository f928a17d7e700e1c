import Foundation
import Testing
import VRModel
import VRStore
import VRStoreAPI
import VRUI

// The screens' half of the injection tests (Tests/VRReportTests/InjectionTests.swift has the papers'):
// whatever text the store holds, no frame line carries ESC or BEL, and no text adds or splits a line.
// (Here because this target links VRUI and the report tests' target does not.)

private let dataset = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("data/nnvru-2021-22").path

private func board(titled title: String, comment: String) throws -> Board {
    var b = try Store(path: dataset, readOnly: true).board
    var w = try #require(b.workstreams["WS-1.1"])
    w.title = title
    try w.rate(.inYear, to: w.inYear == .red ? .green : .red, by: "analyst", at: "2021-11-01T09:00:00Z", comment: comment)
    b.workstreams.put(w)
    var r = try #require(b.risks["R01"])
    r.title = "Risk \(title)"
    b.risks.put(r)
    b.funding.categories[0].name = "Category \(title)"
    b.funding.grants[0].name = "Grant \(title)"
    b.programme.shortName = "VRU\(title)"
    return b
}

/// Every screen, every priority's workstream table, the rating form on the hostile workstream, and a
/// history whose notes hold the same text.
private func frames(_ b: Board, note: String, width: Int, height: Int) throws -> [(String, Frame)] {
    var out: [(String, Frame)] = []
    let history = [HistoryItem(seq: 1, at: "2021-11-01T09:00:00Z", by: "analyst", collection: "workstreams", id: "WS-1.1", rev: 2, note: note)]
    for screen in Screen.allCases {
        var st = AppState(board: b, width: width, height: height)
        st.screen = screen
        _ = update(&st, .historyLoaded(history))
        out.append(("\(screen.title)", render(st)))
    }
    for p in b.orderedPriorities {
        var st = AppState(board: b, width: width, height: height)
        _ = update(&st, .show(.workstreams))
        WorkstreamsScreen.show(priority: p.id, &st)
        out.append(("workstreams of \(p.id)", render(st)))
    }
    var st = AppState(board: b, width: width, height: height)
    _ = update(&st, .show(.workstreams))
    WorkstreamsScreen.show(priority: "P1", &st)
    try #require(st.selectedWorkstream?.id == "WS-1.1")
    _ = update(&st, .key(.char("r")))
    try #require(st.modal != nil, "the rating form opened")
    out.append(("rating form", render(st)))
    _ = update(&st, .key(.escape))
    _ = update(&st, .notice("Saved: \(note)"))
    out.append(("status line", render(st)))
    return out
}

/// A line's text with its SGR colour sequences removed (what `render --color always` prints is these).
private func withoutSGR(_ s: String) -> String {
    s.replacingOccurrences(of: "\u{1B}\\[[0-9;:]*m", with: "", options: .regularExpression)
}

@Suite struct InjectionScreenTests {
    @Test("no frame of any screen carries ESC or BEL from the store's text", arguments: [(120, 36), (80, 24)])
    func noControlBytesInFrames(_ size: (Int, Int)) throws {
        let osc = "\u{1B}]2;PWNED\u{07}"
        let b = try board(titled: "Knife crime \(osc) programme", comment: "\u{1B}[2J\u{1B}[H z")
        var shown = false
        for (name, frame) in try frames(b, note: "note \(osc) \u{1B}[2J", width: size.0, height: size.1) {
            #expect(frame.lines.count == size.1, "\(name)")
            for (y, line) in frame.lines.enumerated() {
                #expect(!line.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "\(name) line \(y): \(line.debugDescription)")
                #expect(Width.of(line) <= size.0, "\(name) line \(y) is too wide")
            }
            for (y, line) in frame.ansiLines(theme: .colour).enumerated() {
                let text = withoutSGR(line)
                #expect(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "\(name) ANSI line \(y): \(line.debugDescription)")
            }
            if frame.text.contains("␛]2;PWNED") { shown = true }
        }
        #expect(shown, "the title is shown, with ESC as its picture")
    }

    @Test("line breaks and form feeds in a title never add or split a line")
    func lineBreaksKeepTheFrameHeight() throws {
        let b = try board(titled: "one\ntwo\rthree\u{0C}four\r\nfive", comment: "first\nsecond\rthird")
        for (name, frame) in try frames(b, note: "n1\nn2\rn3\u{0C}", width: 120, height: 36) {
            #expect(frame.text.split(separator: "\n", omittingEmptySubsequences: false).count == 36, "\(name)")
            #expect(frame.text.unicodeScalars.allSatisfy { $0 != "\r" && $0 != "\u{0C}" }, "\(name)")
            let ansi = frame.ansiLines(theme: .colour).joined(separator: "\n")
            #expect(ansi.split(separator: "\n", omittingEmptySubsequences: false).count == 36, "\(name)")
            #expect(ansi.unicodeScalars.allSatisfy { $0 != "\r" && $0 != "\u{0C}" }, "\(name)")
        }
    }
}
