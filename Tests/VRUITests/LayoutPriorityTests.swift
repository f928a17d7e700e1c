import Foundation
import Testing
import VRModel
@testable import VRUI

/// What matters is never cut: a form's labels and errors at 80x24, and names in tables on a wide
/// terminal, where columns share the spare width by their content.
@Suite struct LayoutPriorityTests {
    @Test("spare width goes to flexible columns up to their content, then to growing ones, then to the first flexible one")
    func columnWidths() {
        let cols = [Column("ID", 5), Column("Title"), Column("Lead", 10, grows: true), Column("Note")]
        // Room for everything: each takes its content, the rest goes to Title.
        #expect(Column.widths(cols, room: 100, natural: [5, 30, 25, 8]) == [5, 30 + 29, 25, 8])
        // Tight: the flexible columns share; Lead keeps its least.
        #expect(Column.widths(cols, room: 40, natural: [5, 30, 25, 20]) == [5, 11, 10, 11])
        // Never below the least widths, whatever the room.
        #expect(Column.widths(cols, room: 10, natural: [5, 30, 25, 20]) == [5, 4, 10, 4])
    }

    @Test("at 200x60 every lead and sponsor shows whole in a priority's table", arguments: Fixtures.datasets)
    func namesWholeWhenWide(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        for p in b.orderedPriorities {
            var s = AppState(board: b, width: 200, height: 60)
            _ = s.press(.char("2"))
            WorkstreamsScreen.show(priority: p.id, &s)
            let f = render(s)
            for w in s.workstreamsScreen.workstreamRows {
                let line = try #require(f.lines.first { $0.contains("│\(w.id) ") })
                #expect(line.contains(b.name(of: w.lead)), "\(w.id) lead at 200 columns")
                #expect(line.contains(b.name(of: w.sponsor)), "\(w.id) sponsor at 200 columns")
            }
        }
    }

    @Test("at 80x24 footers drop whole hints, those that cannot run now first: the risks' own keys stay", arguments: Fixtures.datasets)
    func footersAt80(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("4"))
        let risks = try #require(render(s).lines.last)
        #expect(risks.contains("a actions  s sort  f band  m heat map"), "\(risks)")
        _ = s.press(.char("2"))
        let priorities = try #require(render(s).lines.last)
        // Nothing is selected to rate or edit, and there is nothing to go back to: those hints give way.
        #expect(!priorities.contains("r rate") && !priorities.contains("Esc back") && priorities.contains("a all"), "\(priorities)")
        for line in [risks, priorities] {
            #expect(line.hasPrefix(" q quit"))
            #expect(!line.trimmingCharacters(in: .whitespaces).hasSuffix("…"), "no hint is cut in half")
        }
    }

    @Test("the funding form at 80x24 shows every label whole and a bad amount's error whole", arguments: Fixtures.datasets)
    func fundingFormAt80(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("3"), .char("e"))
        guard let form = s[dialog: FormMode.self] else {
            Issue.record("e opens the funding form")
            return
        }
        var seen = ""
        for i in form.fields.indices {
            let f = render(s)
            expectFits(f, width: 80, height: 24)
            // A long label wraps: read the dialog's rows as running text.
            seen += " " + f.lines.map { $0.replacingOccurrences(of: "│", with: " ") }.joined(separator: " ")
            if i == 1 {
                _ = s.press(.ctrl("u"))
                s.type("abc")
                let bad = render(s)
                let error = try #require(s.formError)
                #expect(bad.contains(error), "the error is said whole")
            }
            _ = s.press(.tab)
        }
        let words = seen.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for fld in form.fields { #expect(words.contains(fld.label), "\(fld.label) whole") }
    }
}

extension AppState {
    /// The focused form field's error, if any.
    fileprivate var formError: String? {
        guard let f = self[dialog: FormMode.self] else { return nil }
        return f.fields[f.focus].error
    }
}
