import Testing
import VRModel
@testable import VRUI

/// Ways out never lose work without asking: Ctrl-C, and q on "terminal too small", ask when a form, a
/// rating or a save waiting on a conflict holds unsaved work; Ctrl-Z suspends.
@Suite struct QuitTests {
    static func board() throws -> AppState {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 120, height: 36)
        s.user = "officer"
        s.now = "2021-11-20T10:15:00Z"
        return s
    }

    @Test("Ctrl-C with nothing unsaved quits at once")
    func quitsWhenNothingIsUnsaved() throws {
        var s = try Self.board()
        #expect(s.press(.ctrl("c")) == [.quit])
        _ = s.press(.char("2"), .enter, .char("e"))
        #expect(s.mode == .form && s.unsavedWork == nil)
        #expect(s.press(.ctrl("c")) == [.quit], "a form opened but not changed loses nothing")
    }

    @Test("Ctrl-C in a changed form asks; any other key goes back to the form as it was; y quits")
    func ctrlCInAFormAsks() throws {
        var s = try Self.board()
        _ = s.press(.char("2"), .enter, .char("e"))
        s.type(" (revised)")
        guard let before = s[dialog: FormMode.self] else {
            Issue.record("no form")
            return
        }
        #expect(s.press(.ctrl("c")).isEmpty)
        #expect(s.mode == .quitConfirm)
        let f = render(s)
        #expect(f.contains("Quit and lose your changes in “\(before.title.prefix(30))"), "\(f.text)")
        #expect(f.contains("y quits, losing it"))
        #expect(s.press(.char("n")).isEmpty)
        #expect(s.mode == .form && s.modal == .form(before), "back to the form, nothing lost")
        _ = s.press(.ctrl("c"))
        #expect(s.press(.char("y")) == [.quit])
    }

    @Test("Ctrl-C while giving a rating with a comment asks")
    func ctrlCInTheRatingPickerAsks() throws {
        var s = try Self.board()
        _ = s.press(.char("2"), .enter, .char("r"))
        #expect(s.mode == .rating && s.unsavedWork == nil)
        _ = s.press(.down, .down)
        s.type("Data sharing agreement signed")
        #expect(s.unsavedWork?.hasPrefix("the rating you are giving WS-") == true)
        #expect(s.press(.ctrl("c")).isEmpty && s.mode == .quitConfirm)
        _ = s.press(.escape)
        guard let rf = s[dialog: RatingPicker.self] else {
            Issue.record("the rating was lost")
            return
        }
        #expect(rf.comment.text == "Data sharing agreement signed")
    }

    @Test("q on 'terminal too small' asks when an edit is open; the question shows on the small screen")
    func tooSmallAsks() throws {
        var s = try Self.board()
        _ = s.press(.char("4"), .char("e"))
        s.type("x")
        _ = update(&s, .resize(width: 60, height: 20))
        #expect(s.mode == .tooSmall)
        #expect(s.press(.char("q")).isEmpty)
        #expect(s.mode == .quitConfirm)
        #expect(render(s).lines.last?.hasPrefix("Quit and lose your changes in") == true, "\(render(s).text)")
        _ = s.press(.char("n"))
        _ = update(&s, .resize(width: 120, height: 36))
        #expect(s.mode == .form, "the edit is still open once the window is large again")
        // With nothing unsaved, q quits as before.
        var plain = try Self.board()
        _ = update(&plain, .resize(width: 60, height: 20))
        #expect(plain.press(.char("q")) == [.quit])
    }

    @Test("Ctrl-Z asks the runtime to suspend, from any mode, changing nothing")
    func ctrlZSuspends() throws {
        var s = try Self.board()
        _ = s.press(.char("2"), .enter, .char("e"))
        s.type("kept")
        let modal = s.modal
        #expect(s.press(.ctrl("z")) == [.suspend])
        #expect(s.modal == modal)
    }
}

/// A form's date and amount fields take what people type and say how they read it.
@Suite struct InputFormatTests {
    @Test("a risk action's due date typed 31/03/2022 or 2 Nov 2021 is read, said back, and saved")
    func datesAreReadAndSaidBack() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        let r = try #require(b.risks.items.first)
        var form = ActionForm.open(nil, riskID: r.id, index: nil, board: b, today: b.programme.asAt)
        let due = try #require(form.fields.firstIndex { $0.key == "due" })
        // Said back with its weekday, whatever way it was typed (the board's date is Tuesday 2 Nov 2021).
        for (typed, read) in [
            ("31/03/2022", "Thursday 31 Mar 2022"), ("2 Nov 2021", "Tuesday 2 Nov 2021"), ("2022-03-31", "Thursday 31 Mar 2022"),
            ("tomorrow", "Wednesday 3 Nov 2021"), ("+7d", "Tuesday 9 Nov 2021"), ("next Friday", "Friday 5 Nov 2021"),
        ] {
            form.fields[due].input = TextField(typed)
            Forms.refresh(&form, board: b)
            #expect(form.fields[due].error == nil && form.fields[due].note == "read as \(read)", "\(typed)")
        }
        // Refused with the reason.
        for (typed, why) in [
            ("31/02/2022", "31/02/2022: February 2022 has no 31st (it has 28 days)"),
            ("03/31/2022", "03/31/2022: reads as month first; type 31/03/2022 (day first)"),
        ] {
            form.fields[due].input = TextField(typed)
            Forms.refresh(&form, board: b)
            #expect(form.fields[due].error == why)
        }
        // A relative date is saved as the day it was read as.
        form.fields[due].input = TextField("+7d")
        form.fields[form.fields.firstIndex { $0.key == "action" }!].input = TextField("Agree the protocol")
        Forms.refresh(&form, board: b)
        #expect(form.date(ActionForm.Field.due) == Day("2021-11-09"))
    }

    @Test("an amount is said back as it will be saved: pence rounded, 3.37m as £3,370,000")
    func penceAreSaid() throws {
        let b = try Fixtures.board("nnvru-2021-22")
        var form = FundingForm.open(b.funding, board: b)
        let i = try #require(form.fields.firstIndex { $0.kind == FormField.Kind.number })
        form.fields[i].input = TextField("120000.50")
        Forms.refresh(&form, board: b)
        #expect(form.fields[i].note?.contains("whole pounds") == true, "\(String(describing: form.fields[i].note))")
        #expect(form.fields[i].note == "whole pounds: saved as £120,001", "rounded, and said")
        // Every amount is said back as it will be saved, unless typed exactly so.
        for (typed, said) in [("120000", "read as £120,000"), ("3.37m", "read as £3,370,000"), ("1.5k", "read as £1,500")] {
            form.fields[i].input = TextField(typed)
            Forms.refresh(&form, board: b)
            #expect(form.fields[i].note == said, "\(typed)")
        }
        form.fields[i].input = TextField("£120,000")
        Forms.refresh(&form, board: b)
        #expect(form.fields[i].note == nil, "typed as it is shown: nothing to say back")
        #expect(Money.hasPence("120000.50") && !Money.hasPence("1.5k") && !Money.hasPence("£120,000"))
    }
}
