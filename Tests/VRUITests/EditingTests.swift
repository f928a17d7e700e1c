import Testing
import VRModel
import VRStore
import VRStoreAPI
@testable import VRUI

private let editUser = "alice.nnvru"
private let editNow = "2021-11-20T10:15:00Z"

private func editingState(_ w: Int = 120, _ h: Int = 36) throws -> (AppState, FakeRuntime) {
    let board = try Fixtures.board("nnvru-2021-22")
    var s = AppState(board: board, width: w, height: h)
    s.user = editUser
    s.now = editNow
    return (s, FakeRuntime(board))
}

private func workstreamIn(_ edit: Edit?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Workstream {
    guard case .workstream(let w)? = edit?.doc else {
        Issue.record("expected a workstream save, got \(String(describing: edit?.doc))", sourceLocation: sourceLocation)
        throw EditTestFailure()
    }
    return w
}

private func riskIn(_ edit: Edit?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Risk {
    guard case .risk(let r)? = edit?.doc else {
        Issue.record("expected a risk save, got \(String(describing: edit?.doc))", sourceLocation: sourceLocation)
        throw EditTestFailure()
    }
    return r
}

private func fundingIn(_ edit: Edit?, sourceLocation: SourceLocation = #_sourceLocation) throws -> Funding {
    guard case .funding(let f)? = edit?.doc else {
        Issue.record("expected a funding save, got \(String(describing: edit?.doc))", sourceLocation: sourceLocation)
        throw EditTestFailure()
    }
    return f
}

private struct EditTestFailure: Error {}

extension AppState {
    fileprivate var editRating: RatingForm? { self[dialog: RatingPicker.self] }
    fileprivate var editForm: Form? { self[dialog: FormMode.self] }
    fileprivate var editConflict: ConflictState? { self[dialog: ConflictDialog.self] }

    /// Workstreams screen, priority 1 open, its first workstream selected.
    fileprivate mutating func editOpenP1(sourceLocation: SourceLocation = #_sourceLocation) {
        _ = press(.char("2"), .enter)
        #expect(workstreamsScreen.openPriority == "P1", sourceLocation: sourceLocation)
    }

    /// Moves the form's focus to a field with Tab.
    fileprivate mutating func editFocus(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let f = try #require(editForm, sourceLocation: sourceLocation)
        let i = try #require(f.fields.firstIndex { $0.key == key }, "no field \(key)", sourceLocation: sourceLocation)
        for _ in 0..<((i - f.focus + f.fields.count) % f.fields.count) { _ = press(.tab) }
        #expect(editForm?.focus == i, sourceLocation: sourceLocation)
    }

    /// Replaces a text field's text by typing, as a person would (End, Ctrl-U, then the keys).
    fileprivate mutating func editSet(_ key: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try editFocus(key, sourceLocation: sourceLocation)
        _ = press(.end, .ctrl("u"))
        type(text)
        #expect(editForm?.field(key)?.input.text == text, sourceLocation: sourceLocation)
    }
}

/// The text of `width` cells of a frame row from x, trimmed.
private func cellsText(_ f: Frame, x: Int, y: Int, width: Int) -> String {
    (x..<min(f.width, x + width)).map { f[$0, y].text }.joined().trimmingCharacters(in: .whitespaces)
}

/// The text under a table column's heading on the row that starts with `id`.
private func column(_ f: Frame, _ heading: String, row id: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let h = try #require(f.find(heading), "no column \(heading)", sourceLocation: sourceLocation)
    let y = try #require(f.lines.firstIndex { $0.hasPrefix("│\(id) ") }, "no row \(id)", sourceLocation: sourceLocation)
    return cellsText(f, x: h.x, y: y, width: width)
}

private func line(_ f: Frame, containing s: String) -> String? { f.lines.first { $0.contains(s) } }

/// Every editing flow, driven through `update` and checked in the frame; `swift test --filter EditingTests` runs them.
@Suite struct EditingTests {}

// MARK: Rating

extension EditingTests {
    @Suite struct RatingFlows {
        @Test(arguments: [(120, 36), (80, 24)])
        func ratingPickerShowsDefinitionsRefusesNoCommentAndSaves(size: (Int, Int)) throws {
            var (s, rt) = try editingState(size.0, size.1)
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            let before = render(s)
            let trendBefore = try column(before, "Trend", row: w.id, width: 5)

            #expect(s.press(.char("r")).isEmpty)
            let rf = try #require(s.editRating)
            #expect(rf.workstreamID == w.id && rf.kind == .inYear && rf.rating == w.inYear && rf.baseRev == w.rev)
            var f = render(s)
            expectFits(f, width: size.0, height: size.1)
            #expect(f.contains("Rate \(w.id)"))
            for r in RAG.scale {
                // Each rating with its name and definition (long definitions end in … at the panel's edge).
                let l = try #require(line(f, containing: r.badge + " " + Width.pad(r.name, to: 12)), "no line for \(r.name)")
                #expect(l.contains(String(r.definition.prefix(30))), "\(r.name): \(l)")
            }

            // ↓ picks another rating, and the picker marks it.
            _ = s.press(.down)
            let down = try #require(s.editRating).rating
            #expect(down != w.inYear)
            #expect(down == RAG.scale[RAG.scale.firstIndex(of: w.inYear)! + 1])
            f = render(s)
            #expect(f.contains("▶ " + down.badge + " " + down.name))
            #expect(!f.contains("▶ " + w.inYear.badge + " " + w.inYear.name))

            // Enter with no comment: refused, with the reason shown, and nothing saved.
            let refused = s.press(.enter)
            #expect(savesIn(refused).isEmpty)
            #expect(s.editRating?.error?.contains("comment") == true)
            #expect(render(s).contains("✗ A comment is required"))

            // Pick a better rating (so the trend turns), write the evidence, and save.
            _ = s.press(.up, .up)
            let picked = try #require(s.editRating).rating
            #expect(picked.confidence! > w.inYear.confidence!)
            s.type("Steering group met twice; data sharing agreed")
            #expect(render(s).contains("Steering group met twice; data sharing agreed"))
            let effects = s.press(.enter)
            let saves = savesIn(effects)
            #expect(saves.count == 1 && effects.count == 1)
            let edit = try #require(saves.first)
            let doc = try workstreamIn(edit)
            #expect(edit.baseRev == w.rev)
            #expect(edit.kind == .change)
            #expect(edit.before == .workstream(w))
            #expect(doc.id == w.id && doc.inYear == picked && doc.overall == w.overall)
            #expect(doc.history.dropLast() == w.history[...])
            // Rated on 20 Nov on a board whose date is fixed at 2 Nov: the change belongs to 2 Nov, and keeps both.
            var expected = RatingChange(
                kind: .inYear, from: w.inYear, to: picked, at: editNow, by: editUser,
                comment: "Steering group met twice; data sharing agreed", basis: w.lastChange(.inYear)?.basis ?? .evidence)
            expected.boardDate = s.board.programme.asAt
            #expect(doc.history.last == expected)
            #expect(edit.note == RatingChange.note(.inYear, from: w.inYear, to: picked, comment: "Steering group met twice; data sharing agreed"))
            // Nothing changes on screen until the save lands.
            #expect(s.board.workstreams[w.id] == w)

            rt.run(effects, &s)
            #expect(s.modal == nil)
            let now = try #require(s.board.workstreams[w.id])
            #expect(now.rev == w.rev + 1 && now.inYear == picked)
            f = render(s)
            expectFits(f, width: size.0, height: size.1)
            // The picker opened on the rating's own basis (a judged rating stays judged, marked †).
            #expect(try column(f, "In-yr", row: w.id, width: 5).filter { $0 != " " } == picked.letter + (w.isJudgement(.inYear) ? "†" : ""))
            let trendAfter = try column(f, "Trend", row: w.id, width: 5)
            #expect(trendAfter == Trend.improving.glyph)
            #expect(trendAfter != trendBefore)
            if size.0 >= 110 { #expect(try column(f, "Updated", row: w.id, width: 11) == s.board.programme.asAt.long) }
            #expect(rt.journal.last?.by == editUser && rt.journal.last?.note == edit.note)
        }

        @Test func tabSwitchesToTheOverallRating() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("r"), .tab)
            var rf = try #require(s.editRating)
            #expect(rf.kind == .overall && rf.rating == w.overall)
            let f = render(s)
            let tab = try #require(f.find("Overall   Tab switches"))
            #expect(f[tab.x, tab.y].role == .tabActive)
            #expect(f[tab.x - 4, tab.y].role == .tab)  // "In-year" is no longer the active tab

            _ = s.press(.down)
            rf = try #require(s.editRating)
            let picked = rf.rating
            #expect(picked != w.overall)
            s.type("Overall outlook worse: Probation route unclear")
            let effects = s.press(.enter)
            let doc = try workstreamIn(savesIn(effects).first)
            #expect(doc.overall == picked && doc.inYear == w.inYear)
            #expect(doc.history.last?.kind == .overall && doc.history.last?.from == w.overall && doc.history.last?.to == picked)
            #expect(
                savesIn(effects).first?.note
                    == RatingChange.note(.overall, from: w.overall, to: picked, comment: "Overall outlook worse: Probation route unclear"))
            rt.run(effects, &s)
            #expect(
                try column(render(s), "Overall", row: w.id, width: 7).filter { $0 != " " } == picked.letter + (w.isJudgement(.overall) ? "†" : ""))

            // Tab again goes back to the in-year rating.
            _ = s.press(.char("r"), .tab, .backTab)
            #expect(s.editRating?.kind == .inYear)
        }

        @Test("the same rating with a comment is a dated review, no change; without a comment it is refused")
        func unchangedRatingIsAReview() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("r"))
            #expect(render(s).contains("Comment (required: reviewed, no change)"))
            #expect(s.press(.enter).isEmpty)
            #expect(s.editRating?.error?.hasPrefix("A comment is required: the evidence reviewed") == true)
            // Moving the choice clears the error.
            _ = s.press(.down, .up)
            #expect(s.editRating?.error == nil)
            s.type("Still on track: Q2 return received")
            rt.run(s.press(.enter), &s)
            let saved = try #require(rt.board.workstreams[w.id])
            #expect(saved.inYear == w.inYear, "the rating holds")
            #expect(saved.history.count == w.history.count + 1)
            #expect(saved.history.last?.isReview == true && saved.history.last?.comment == "Still on track: Q2 return received")
            #expect(saved.trend(.inYear) == w.trend(.inYear), "a review is not a change: the trend is as it was")
            #expect(rt.journal.last?.note == "In-year rating \(w.inYear.name) reviewed, no change: Still on track: Q2 return received")
            // Shown as a review in the detail's history.
            #expect(render(s).contains("reviewed "), "\(render(s).text)")
        }

        @Test func escWithNothingChangedClosesThePicker() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("r"))
            #expect(s.editRating != nil)
            #expect(s.press(.escape).isEmpty)
            #expect(s.modal == nil, "Esc with no rating change and no comment should close the picker")
        }

        @Test func escWithACommentAsksToDiscard() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("r"), .down)
            s.type("half a thought")
            #expect(s.press(.escape).isEmpty)
            #expect(s.editRating?.confirmDiscard == true)
            #expect(render(s).contains("Discard this rating change?"))
            // Any other key goes back, with the comment and choice intact.
            #expect(s.press(.char("n")).isEmpty)
            let rf = try #require(s.editRating)
            #expect(!rf.confirmDiscard && rf.comment.text == "half a thought")
            #expect(!render(s).contains("Discard this rating change?"))
            // Esc then y discards.
            _ = s.press(.escape)
            #expect(s.press(.char("y")).isEmpty)
            #expect(s.modal == nil)
        }
    }
}

// MARK: Workstream form

extension EditingTests {
    @Suite struct WorkstreamFormFlows {
        @Test func editSavesTitleLeadSponsorPriorityAndObjectives() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("e"))
            var f = try #require(s.editForm)
            #expect(f.title == "Edit \(w.id)")
            #expect(f.baseRev == w.rev)
            #expect(f.value("title") == w.title && f.value("lead") == w.lead && f.value("sponsor") == w.sponsor && f.value("priority") == w.priority)
            #expect(f.list("objective") == w.objectives)
            var objectives = f.fields.filter { $0.key.hasPrefix("objective.") }
            #expect(objectives.count == w.objectives.count + 1)
            #expect(objectives.last?.key == "objective.\(w.objectives.count)" && objectives.last?.input.isEmpty == true)

            try s.editSet("title", "Analytical steering group (refreshed)")
            try s.editFocus("priority")
            _ = s.press(.right)
            let members = s.board.members.items.sorted { $0.name < $1.name }.map(\.id)
            try s.editFocus("lead")
            _ = s.press(.right)
            try s.editFocus("sponsor")
            _ = s.press(.left)
            f = try #require(s.editForm)
            let priorities = s.board.orderedPriorities.map(\.id)
            let newPriority = priorities[(priorities.firstIndex(of: w.priority)! + 1) % priorities.count]
            let newLead = members[(members.firstIndex(of: w.lead)! + 1) % members.count]
            let newSponsor = members[(members.firstIndex(of: w.sponsor)! + members.count - 1) % members.count]
            #expect(f.value("priority") == newPriority && f.value("lead") == newLead && f.value("sponsor") == newSponsor)
            #expect(f.dirty)

            // Filling the last objective grows the list by one empty field.
            let count = f.fields.count
            try s.editFocus("objective.\(w.objectives.count)")
            s.type("Publish a quarterly data bulletin")
            f = try #require(s.editForm)
            #expect(f.fields.count == count + 1)
            objectives = f.fields.filter { $0.key.hasPrefix("objective.") }
            #expect(objectives.count == w.objectives.count + 2)
            #expect(objectives.last?.key == "objective.\(w.objectives.count + 1)" && objectives.last?.input.isEmpty == true)
            #expect(objectives.last?.label == "Objective \(w.objectives.count + 2)")
            #expect(render(s).contains("Objective \(w.objectives.count + 2)"))

            let effects = s.press(.enter)
            let saves = savesIn(effects)
            #expect(saves.count == 1)
            let edit = try #require(saves.first)
            let doc = try workstreamIn(edit)
            #expect(edit.baseRev == w.rev && edit.note == "Edited workstream \(w.id) · changed: Title, Priority, Lead, Sponsor, Objectives")
            var expected = w
            expected.title = "Analytical steering group (refreshed)"
            expected.priority = newPriority
            expected.lead = newLead
            expected.sponsor = newSponsor
            expected.objectives = w.objectives + ["Publish a quarterly data bulletin"]
            #expect(doc == expected)

            rt.run(effects, &s)
            #expect(s.modal == nil)
            #expect(s.board.workstreams[w.id] == expected.withRevision(w.rev + 1))
            // It moved to the next priority, so it left this table.
            #expect(!s.workstreamsScreen.workstreamRows.contains { $0.id == w.id })
            #expect(s.board.workstreams(in: newPriority).contains { $0.id == w.id })
        }

        @Test func blankTitleIsRefusedBesideTheField() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("e"))
            try s.editFocus("title")
            _ = s.press(.end, .ctrl("u"))
            let f = try #require(s.editForm)
            #expect(f.field("title")?.error == "required")
            let titleRow = try #require(line(render(s), containing: "* Title"))
            #expect(titleRow.contains("✗ required"))

            // Moving away and pressing Enter: nothing saved, the focus goes back to the bad field.
            _ = s.press(.tab, .tab)
            let effects = s.press(.enter)
            #expect(savesIn(effects).isEmpty)
            let after = try #require(s.editForm)
            #expect(after.fields[after.focus].key == "title")
            #expect(after.message?.contains("Not saved") == true)
            #expect(render(s).contains("Not saved: fix the fields marked ✗"))
        }

        @Test func newWorkstreamGetsAUniqueID() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let inP1 = s.workstreamsScreen.workstreamRows.count
            _ = s.press(.char("n"))
            var f = try #require(s.editForm)
            #expect(f.title == "New workstream" && f.baseRev == 0)
            let suggested = f.value("id")
            #expect(!suggested.isEmpty && !s.board.workstreams.contains(id: suggested))
            #expect(f.value("priority") == "P1")

            // An existing id is refused beside the field.
            let taken = try #require(s.board.workstreams(in: "P1").first).id
            try s.editSet("id", taken)
            try s.editSet("title", "Knife crime data dashboard")
            f = try #require(s.editForm)
            #expect(f.field("id")?.error == "\(taken) already exists")
            #expect(line(render(s), containing: "* ID")?.contains("✗ \(taken) already exists") == true)
            #expect(savesIn(s.press(.enter)).isEmpty)

            // So is an id with a space or a slash.
            try s.editSet("id", "WS 1/8")
            #expect(s.editForm?.field("id")?.error == "no spaces or slashes")
            #expect(savesIn(s.press(.enter)).isEmpty)

            try s.editSet("id", suggested)
            let effects = s.press(.enter)
            let edit = try #require(savesIn(effects).first)
            let doc = try workstreamIn(edit)
            #expect(edit.baseRev == 0 && edit.before == nil)
            #expect(doc.id == suggested && doc.title == "Knife crime data dashboard" && doc.priority == "P1")
            #expect(doc.inYear == .notRated && doc.overall == .notRated && !doc.archived && doc.history.isEmpty)
            #expect(edit.note == "Added workstream \(suggested): Knife crime data dashboard")

            rt.run(effects, &s)
            #expect(s.modal == nil)
            #expect(s.workstreamsScreen.workstreamRows.count == inP1 + 1)
            #expect(s.board.workstreams[suggested]?.rev == 1)
            #expect(render(s).lines.contains { $0.hasPrefix("│\(suggested) ") })
            // The next suggestion is unique again.
            _ = s.press(.char("n"))
            let next = try #require(s.editForm).value("id")
            #expect(next != suggested && !s.board.workstreams.contains(id: next))
        }

        @Test func archiveAsksFirstThenSavesArchivedAndTheWorkstreamLeavesTheTable() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("j"))
            let w = try #require(s.selectedWorkstream)
            #expect(s.press(.char("x")).isEmpty)
            guard let message = s[dialog: ConfirmDialog.self]?.message, case .archiveWorkstream(let id)? = s[dialog: ConfirmDialog.self]?.action
            else {
                Issue.record("x did not ask to archive: \(String(describing: s.modal))")
                return
            }
            #expect(id == w.id && message.contains("Archive \(w.id)"))
            #expect(render(s).contains("Archive \(w.id)"))

            // n: nothing happens.
            #expect(s.press(.char("n")).isEmpty)
            #expect(s.modal == nil && s.message == "Nothing changed")

            _ = s.press(.char("x"))
            let effects = s.press(.char("y"))
            let edit = try #require(savesIn(effects).first)
            var expected = w
            expected.archived = true
            #expect(try workstreamIn(edit) == expected)
            #expect(edit.baseRev == w.rev && edit.note.hasPrefix("Archived workstream \(w.id)"))

            rt.run(effects, &s)
            #expect(!s.workstreamsScreen.workstreamRows.contains { $0.id == w.id })
            let f = render(s)
            #expect(!f.lines.contains { $0.hasPrefix("│\(w.id) ") })
            // Nothing is deleted: the document is still there, archived.
            #expect(s.board.workstreams[w.id]?.archived == true)
        }
    }
}

extension Workstream {
    fileprivate func withRevision(_ r: Int) -> Workstream {
        var w = self
        w.rev = r
        return w
    }
}

// MARK: Risk form and actions

extension EditingTests {
    @Suite struct RiskFlows {
        @Test func pickersUpdateTheScoreBandAndSummaryLive() throws {
            var (s, rt) = try editingState()
            _ = s.press(.char("4"))
            let r = try #require(s.selectedRisk)
            #expect(r.status == .open && !r.escalate && r.residual.value >= s.board.programme.escalationThreshold)
            _ = s.press(.char("e"))
            var f = try #require(s.editForm)
            #expect(f.field("residual.i")?.note == "= \(r.residual.value) \(r.residual.band.name)")
            #expect(render(s).contains("= \(r.residual.value) \(r.residual.band.name)"))
            let review = { (band: Band, from: Day) in from.adding(days: band.reviewInterval).long }
            #expect(
                f.summary.first
                    == "Residual \(r.residual.value) \(r.residual.band.name); next review \(review(r.band, r.lastReviewed)); escalated to the board")

            // ← on the residual likelihood: one lower.
            try s.editFocus("residual.l")
            _ = s.press(.left)
            var score = Score(likelihood: r.residual.likelihood - 1, impact: r.residual.impact)
            f = try #require(s.editForm)
            #expect(f.field("residual.i")?.note == "= \(score.value) \(score.band.name)")
            var summary = "Residual \(score.value) \(score.band.name); next review \(review(score.band, r.lastReviewed))"
            if score.value >= s.board.programme.escalationThreshold { summary += "; escalated to the board" }
            #expect(f.summary.first == summary)
            var frame = render(s)
            #expect(frame.contains("= \(score.value) \(score.band.name)"))
            #expect(frame.contains(summary))

            // Down to 2 × 4 = 8 Medium: a longer review interval, not escalated.
            while try #require(s.editForm).value("residual.l") != "2" { _ = s.press(.left) }
            score = Score(likelihood: 2, impact: r.residual.impact)
            #expect(score.band == .medium)
            f = try #require(s.editForm)
            #expect(f.field("residual.i")?.note == "= \(score.value) Medium")
            summary = "Residual \(score.value) Medium; next review \(review(.medium, r.lastReviewed))"
            #expect(f.summary == [summary])
            frame = render(s)
            #expect(frame.contains("= \(score.value) Medium") && frame.contains(summary))
            #expect(line(frame, containing: summary)?.contains("escalated") == false)

            // → on the impact; flagging to the board escalates whatever the score.
            try s.editFocus("residual.i")
            _ = s.press(.right)
            score = Score(likelihood: 2, impact: r.residual.impact % 5 + 1)
            #expect(s.editForm?.field("residual.i")?.note == "= \(score.value) \(score.band.name)")
            try s.editFocus("escalate")
            _ = s.press(.right)
            #expect(s.editForm?.summary.first?.hasSuffix("; escalated to the board") == true)

            // A new review date moves the next review; a bad one is refused.
            try s.editSet("reviewed", "2021-11-15")
            #expect(s.editForm?.summary.first?.contains("next review \(review(score.band, Day("2021-11-15")!))") == true)
            try s.editSet("reviewed", "2021-02-30")
            #expect(s.editForm?.field("reviewed")?.error == "2021-02-30: February 2021 has no 30th (it has 28 days)")
            #expect(savesIn(s.press(.enter)).isEmpty)
            try s.editSet("reviewed", "2021-11-15")

            let effects = s.press(.enter)
            let edit = try #require(savesIn(effects).first)
            let doc = try riskIn(edit)
            var expected = r
            expected.residual = score
            expected.escalate = true
            expected.lastReviewed = Day("2021-11-15")!
            #expect(doc == expected)
            #expect(edit.baseRev == r.rev && edit.note == "Edited risk \(r.id) (residual \(score.value)) · changed: Residual")
            rt.run(effects, &s)
            #expect(s.modal == nil && s.board.risks[r.id]?.residual == score)
        }

        @Test func closingNeedsAReasonAndAClosedRiskReopens() throws {
            var (s, rt) = try editingState()
            _ = s.press(.char("4"))
            let r = try #require(s.selectedRisk)
            #expect(r.status == .open)
            _ = s.press(.char("x"))
            var f = try #require(s.editForm)
            #expect(f.target == .closeRisk(id: r.id) && f.title.hasPrefix("Close \(r.id)"))
            #expect(savesIn(s.press(.enter)).isEmpty)
            f = try #require(s.editForm)
            #expect(f.field("reason")?.error == "required")
            #expect(line(render(s), containing: "* Reason")?.contains("✗ required") == true)
            // Spaces alone are not a reason.
            s.type("   ")
            #expect(savesIn(s.press(.enter)).isEmpty)

            try s.editSet("reason", "Probation data now shared monthly")
            let effects = s.press(.enter)
            let edit = try #require(savesIn(effects).first)
            let doc = try riskIn(edit)
            #expect(doc.status == .closed && doc.closedReason == "Probation data now shared monthly")
            #expect(doc.problems.isEmpty)
            #expect(edit.baseRev == r.rev && edit.note == "Closed risk \(r.id): Probation data now shared monthly")
            rt.run(effects, &s)
            #expect(s.board.risks[r.id]?.status == .closed)

            // Select the closed risk: x asks to reopen.
            let i = try #require(s.risksScreen.rows.firstIndex { $0.id == r.id })
            _ = s.press(.char("g"))
            for _ in 0..<i { _ = s.press(.char("j")) }
            #expect(s.selectedRisk?.id == r.id)
            _ = s.press(.char("x"))
            guard let message = s[dialog: ConfirmDialog.self]?.message, s[dialog: ConfirmDialog.self]?.action == .reopenRisk(r.id) else {
                Issue.record("x on a closed risk did not ask to reopen: \(String(describing: s.modal))")
                return
            }
            #expect(message.contains("Reopen \(r.id)"))
            #expect(render(s).contains("Reopen \(r.id)"))
            let reopen = s.press(.char("y"))
            let re = try riskIn(savesIn(reopen).first)
            #expect(re.status == .open && re.closedReason == nil)
            #expect(savesIn(reopen).first?.note == "Reopened risk \(r.id)")
            #expect(savesIn(reopen).first?.baseRev == r.rev + 1)
        }

        @Test func actionsAddAndCompleteAndRefuseABadDueDate() throws {
            var (s, rt) = try editingState()
            _ = s.press(.char("4"))
            let r = try #require(s.selectedRisk)
            #expect(!r.actions.isEmpty)
            _ = s.press(.char("a"))
            #expect(s.modal == .actions(riskID: r.id))
            var f = render(s)
            for a in r.actions { #expect(f.contains(String(a.action.prefix(40)))) }
            #expect(f.contains("n new"))

            // n: a new action through its form.
            _ = s.press(.char("n"))
            let form = try #require(s.editForm)
            #expect(form.target == .action(riskID: r.id, index: nil))
            #expect(form.value("due") == s.today.adding(days: 30).description)
            try s.editSet("action", "Agree a data-sharing protocol with Probation")
            // The owner chosen from the members: h goes to the next whose words start with h.
            try s.editFocus("owner")
            for _ in 0..<10 where s.editForm?.value("owner") != "Head of Insight and Analysis" { s.type("h") }
            #expect(s.editForm?.value("owner") == "Head of Insight and Analysis")
            try s.editSet("due", "2021-13-45")
            #expect(s.editForm?.field("due")?.error == "2021-13-45: there is no month 13")
            #expect(line(render(s), containing: "* Due")?.contains("✗ 2021-13-45: there is no month 13") == true)
            #expect(savesIn(s.press(.enter)).isEmpty)
            try s.editSet("due", "2021-12-31")
            var effects = s.press(.enter)
            var doc = try riskIn(savesIn(effects).first)
            #expect(doc.actions.dropLast() == r.actions[...])
            #expect(
                doc.actions.last
                    == Mitigation(
                        action: "Agree a data-sharing protocol with Probation", owner: "Head of Insight and Analysis",
                        due: Day("2021-12-31")!, status: .planned))
            #expect(savesIn(effects).first?.note == "Added an action to \(r.id): Agree a data-sharing protocol with Probation")
            rt.run(effects, &s)
            #expect(s.board.risks[r.id]?.actions.count == r.actions.count + 1)
            // The panel stays open, on the action just added.
            var onNew = ListCursor()
            onNew.selected = r.actions.count
            #expect(s.modal == .actions(riskID: r.id, cursor: onNew))
            _ = s.press(.escape)

            // x: completes the selected action.
            _ = s.press(.char("a"))
            #expect(s.modal == .actions(riskID: r.id))
            let current = try #require(s.board.risks[r.id])
            let k = try #require(current.actions.firstIndex { $0.status != .done })
            for _ in 0..<k { _ = s.press(.char("j")) }
            effects = s.press(.char("x"))
            let edit = try #require(savesIn(effects).first)
            doc = try riskIn(edit)
            #expect(doc.actions[k].status == .done)
            for j in doc.actions.indices where j != k { #expect(doc.actions[j] == current.actions[j]) }
            #expect(edit.baseRev == current.rev && edit.note.hasPrefix("Completed an action on \(r.id)"))
            rt.run(effects, &s)
            #expect(s.board.risks[r.id]?.actions[k].status == .done)
            f = render(s)
            expectFits(f, width: 120, height: 36)
        }

        @Test("two actions in a row: after a save the panel stays on the new action and n adds the next; a new risk is selected once saved")
        func twoActionsInARow() throws {
            var (s, rt) = try editingState()
            _ = s.press(.char("4"))
            let r = try #require(s.selectedRisk)
            _ = s.press(.char("a"))
            for text in ["Chase the exit plan for navigators", "Agree the data-sharing protocol"] {
                _ = s.press(.char("n"))
                #expect(s.editForm?.title == "New action on \(r.id)", "n adds an action, never a risk")
                s.type(text)
                let effects = s.press(.enter)
                #expect(savesIn(effects).count == 1, "\(String(describing: s.editForm?.fields.filter { $0.error != nil }.map(\.key)))")
                rt.run(effects, &s)
                let d = try #require(s[dialog: ActionsDialog.self], "the actions panel stays open")
                let actions = try #require(s.board.risks[r.id]?.actions)
                #expect(actions[d.cursor.selected].action == text, "on the action just added")
            }
            #expect(
                s.board.risks[r.id]?.actions.suffix(2).map(\.action) == ["Chase the exit plan for navigators", "Agree the data-sharing protocol"])
            // A new risk: once saved, the register's cursor is on it.
            _ = s.press(.escape, .char("n"))
            #expect(s.editForm?.title == "New risk")
            let id = try #require(s.editForm?.value("id"))
            _ = s.press(.tab)
            s.type("Navigator funding ends")
            // Past the description and the first cause to the category.
            for _ in 0..<3 { _ = s.press(.tab) }
            s.type("Funding")
            let effects = s.press(.enter)
            #expect(savesIn(effects).count == 1, "\(String(describing: s.editForm?.fields.filter { $0.error != nil }.map { ($0.key, $0.error) }))")
            rt.run(effects, &s)
            #expect(s.selectedRisk?.id == id, "the cursor on \(id)")
        }
    }
}

// MARK: Funding and grants

extension EditingTests {
    @Suite struct FundingFlows {
        private func open() throws -> (AppState, FakeRuntime, Funding) {
            var (s, rt) = try editingState()
            _ = s.press(.char("3"), .char("e"))
            return (s, rt, s.board.funding)
        }

        @Test func sharesAndConditionsUpdateAsYouType() throws {
            var (s, _, fu) = try open()
            var f = try #require(s.editForm)
            #expect(f.baseRev == fu.rev)
            for c in fu.categories { #expect(f.field("cat.\(c.id)")?.note == "\(fu.share(of: c))") }
            #expect(
                f.summary.first
                    == "Allocated \(Money.format(fu.allocated)) of \(Money.format(fu.allocation)); unallocated \(Money.format(fu.unallocated))")
            #expect(f.summary.count == 1 + fu.conditions.count)
            let floor = try #require(fu.checks.first { $0.condition.rule == .interventionsFloor })
            #expect(floor.passes)

            // Cut interventions below the floor: the share, the unallocated sum and the condition line change as you type.
            let interventions = try #require(fu.categories.first { $0.kind == .interventions })
            let lower = 150_000
            #expect(lower < Funding.required(floor.condition.percent, of: fu.allocation))
            try s.editSet("cat.\(interventions.id)", "\(lower)")
            f = try #require(s.editForm)
            #expect(f.field("cat.\(interventions.id)")?.note == "\(Share(lower, of: fu.allocation))")
            let unallocated = fu.allocation - (fu.allocated - interventions.amount + lower)
            #expect(f.summary.first?.hasSuffix("unallocated \(Money.format(unallocated))") == true)
            #expect(f.summary.contains { $0.hasPrefix("✗ FAIL \(floor.label)") })
            let frame = render(s)
            #expect(frame.contains("unallocated \(Money.format(unallocated))"))
            #expect(frame.contains("✗ FAIL \(floor.label)"))
            #expect(frame.contains("\(Share(lower, of: fu.allocation))"))
        }

        @Test(arguments: [("-5000", "cannot be negative"), ("lots", "not an amount")])
        func badAmountsAreRefusedBesideTheField(text: String, error: String) throws {
            var (s, _, fu) = try open()
            let c = try #require(fu.categories.first)
            try s.editSet("cat.\(c.id)", text)
            #expect(s.editForm?.field("cat.\(c.id)")?.error?.hasPrefix(error) == true)
            // Beside the field when it fits, else on the form's bottom line: whole either way.
            #expect(render(s).contains("✗ \(error)"))
            #expect(savesIn(s.press(.enter)).isEmpty)
            #expect(s.editForm != nil)
        }

        @Test func categoriesOverTheTotalAreRefused() throws {
            var (s, _, fu) = try open()
            let total = fu.allocated - 100_000
            try s.editSet("allocation", "\(total)")
            let err = try #require(s.editForm?.field("allocation")?.error)
            #expect(err == "categories add up to \(Money.format(fu.allocated)), over by \(Money.format(100_000))")
            #expect(render(s).contains("✗ " + err))
            #expect(savesIn(s.press(.enter)).isEmpty)
        }

        @Test func aValidChangeSavesTheFundingWithConsistentShares() throws {
            var (s, rt, fu) = try open()
            let interventions = try #require(fu.categories.first { $0.kind == .interventions })
            let staff = try #require(fu.categories.first { $0.kind == .staff })
            let cut = 55_200
            try s.editSet("cat.\(interventions.id)", "\(interventions.amount - cut)")
            try s.editSet("cat.\(staff.id)", "£\(staff.amount + cut)")
            let f = try #require(s.editForm)
            #expect(!f.hasErrors)
            let effects = s.press(.enter)
            let edit = try #require(savesIn(effects).first)
            let doc = try fundingIn(edit)
            #expect(edit.baseRev == fu.rev)
            #expect(doc.allocation == fu.allocation && doc.grants == fu.grants && doc.conditions == fu.conditions)
            #expect(doc.categories.map(\.id) == fu.categories.map(\.id))
            for (old, new) in zip(fu.categories, doc.categories) {
                let expected = old.id == interventions.id ? old.amount - cut : old.id == staff.id ? old.amount + cut : old.amount
                #expect(new.amount == expected, "\(old.id)")
                // What the form showed beside the field is the saved document's derived share.
                #expect(f.field("cat.\(old.id)")?.note == "\(doc.share(of: new))")
            }
            #expect(doc.problems.isEmpty)
            #expect(doc.allocated == fu.allocated)
            for c in doc.checks { #expect(f.summary.contains("\(c.verdict) \(c.label): \(c.share), margin \(Money.format(c.margin))")) }
            #expect(edit.note.hasPrefix("Edited the funding split"))

            rt.run(effects, &s)
            #expect(s.modal == nil && s.board.funding.categories == doc.categories)
            let frame = render(s)
            let newInterventions = try #require(doc.categories.first { $0.id == interventions.id })
            #expect(frame.contains(Money.format(newInterventions.amount)))
            #expect(frame.contains("\(doc.share(of: newInterventions))"))
        }

        @Test func enterOnAGrantEditsItAndNAddsOne() throws {
            var (s, rt) = try editingState()
            _ = s.press(.char("3"))
            let fu = s.board.funding
            let g = try #require(fu.grants.first)
            _ = s.press(.enter)
            var f = try #require(s.editForm)
            #expect(f.target == .grant(index: 0) && f.title == "Edit grant: \(g.name)")
            #expect(render(s).contains("Edit grant: \(g.name)"))
            #expect(line(render(s), containing: "* Amount (£)")?.contains(String(g.amount)) == true)
            #expect(f.value("name") == g.name && Money.parse(f.value("amount")) == g.amount)
            try s.editSet("amount", "-1")
            #expect(s.editForm?.field("amount")?.error == "cannot be negative")
            #expect(savesIn(s.press(.enter)).isEmpty)
            try s.editSet("amount", "1,100,000")
            var effects = s.press(.enter)
            var doc = try fundingIn(savesIn(effects).first)
            #expect(doc.grants.count == fu.grants.count)
            #expect(doc.grants[0].id == g.id && doc.grants[0].amount == 1_100_000 && doc.grants[0].name == g.name)
            #expect(Array(doc.grants.dropFirst()) == Array(fu.grants.dropFirst()))
            #expect(doc.categories == fu.categories)
            #expect(savesIn(effects).first?.note == "Edited grant \(g.name)")
            rt.run(effects, &s)
            #expect(s.modal == nil && s.board.funding.grants[0].amount == 1_100_000)

            _ = s.press(.char("n"))
            f = try #require(s.editForm)
            #expect(f.target == .grant(index: nil) && f.title == "New grant")
            #expect(savesIn(s.press(.enter)).isEmpty)  // name, funder and amount are required
            try s.editSet("name", "Local youth fund")
            try s.editSet("funder", "Community Foundation")
            try s.editSet("amount", "25k")
            effects = s.press(.enter)
            let edit = try #require(savesIn(effects).first)
            doc = try fundingIn(edit)
            #expect(edit.baseRev == fu.rev + 1)
            #expect(doc.grants.count == fu.grants.count + 1)
            let added = try #require(doc.grants.last)
            #expect(added.name == "Local youth fund" && added.funder == "Community Foundation" && added.amount == 25_000)
            #expect(!fu.grants.contains { $0.id == added.id })
            #expect(edit.note == "Added grant Local youth fund (£25,000)")
            rt.run(effects, &s)
            #expect(render(s).contains("Local youth fund"))
        }
    }
}

// MARK: Undo and redo

extension EditingTests {
    @Suite struct UndoFlows {
        /// Rates the first workstream of P1 one step down and lets the save land.
        private func rated() throws -> (AppState, FakeRuntime, Workstream) {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("r"), .down)
            s.type("Probation data still not shared")
            rt.press(&s, .enter)
            #expect(s.board.workstreams[w.id]?.rev == w.rev + 1)
            #expect(s.undoStack.count == 1)
            return (s, rt, w)
        }

        @Test func undoRestoresTheBeforeVersionAndRedoReappliesBothAsRecordedChanges() throws {
            var (s, rt, w) = try rated()
            let ratedVersion = try #require(s.board.workstreams[w.id])
            let changeNote = try #require(rt.journal.last).note

            let undo = s.press(.char("u"))
            #expect(undo.count == 1)
            let u = try #require(savesIn(undo).first)
            #expect(u.kind == .undo)
            #expect(u.doc == .workstream(w))
            #expect(u.baseRev == ratedVersion.rev)
            #expect(u.note.hasPrefix("Undo:") && u.note.contains(changeNote))
            rt.run(undo, &s)
            #expect(s.board.workstreams[w.id] == w.withRevision(w.rev + 2))
            // Undone, the rating is back as it was, judged (`†`) if it was.
            #expect(
                try column(render(s), "In-yr", row: w.id, width: 5) == w.inYear.letter
                    + (w.isJudgement(.inYear) ? " " + Provenance.judgementMark : ""))
            #expect(rt.journal.count == 2 && rt.journal.last?.note == u.note && rt.journal.last?.by == editUser)
            #expect(s.message?.hasPrefix("Undone:") == true)

            let redo = s.press(.ctrl("r"))
            #expect(redo.count == 1)
            let r = try #require(savesIn(redo).first)
            #expect(r.kind == .redo)
            #expect(r.doc.withRev(0) == AnyDocument.workstream(ratedVersion).withRev(0))
            #expect(r.baseRev == w.rev + 2)
            #expect(r.note.hasPrefix("Redo:") && r.note.contains(changeNote))
            rt.run(redo, &s)
            #expect(s.board.workstreams[w.id] == ratedVersion.withRevision(w.rev + 3))
            #expect(rt.journal.map(\.note) == [changeNote, u.note, r.note])
            #expect(s.message?.hasPrefix("Redone:") == true)

            // And the redone change can be undone again.
            let again = try #require(savesIn(s.press(.char("u"))).first)
            #expect(again.doc.withRev(0) == AnyDocument.workstream(w).withRev(0) && again.baseRev == w.rev + 3)
        }

        @Test func undoIsRefusedWhenTheItemChangedSince() throws {
            var (s, rt, w) = try rated()
            var theirs = try #require(rt.board.workstreams[w.id])
            theirs.title = "Renamed in another terminal"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Edited workstream \(w.id)")
            #expect(update(&s, .boardChanged(rt.board)).isEmpty)
            let effects = s.press(.char("u"))
            #expect(effects.isEmpty)
            #expect(s.message?.contains("Cannot undo") == true)
            #expect(render(s).lines.last?.contains("Cannot undo") == true)
            #expect(s.board.workstreams[w.id]?.title == "Renamed in another terminal")
        }

        @Test func redoIsRefusedWhenTheItemChangedSinceTheUndo() throws {
            var (s, rt, w) = try rated()
            rt.press(&s, .char("u"))
            #expect(s.redoStack.count == 1)
            var theirs = try #require(rt.board.workstreams[w.id])
            theirs.title = "Renamed in another terminal"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Edited workstream \(w.id)")
            _ = update(&s, .boardChanged(rt.board))
            #expect(s.press(.ctrl("r")).isEmpty)
            #expect(s.message?.contains("Cannot redo") == true)
        }

        @Test func nothingToUndoOrRedo() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            #expect(s.press(.char("u")).isEmpty)
            #expect(s.message == "Nothing to undo in this session")
            #expect(s.press(.ctrl("r")).isEmpty)
            #expect(s.message == "Nothing to redo")
        }

        @Test func undoingAnAddArchivesItRatherThanDeleting() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("n"))
            let id = try #require(s.editForm).value("id")
            try s.editSet("title", "Added by mistake")
            rt.press(&s, .enter)
            #expect(s.board.workstreams[id]?.archived == false)
            let u = try #require(savesIn(s.press(.char("u"))).first)
            let doc = try workstreamIn(u)
            #expect(doc.id == id && doc.archived && u.baseRev == 1)
        }
    }
}

// MARK: Conflicts

extension EditingTests {
    @Suite struct ConflictFlows {
        /// A rating change saved while another terminal had already changed the workstream.
        private func conflicted() throws -> (AppState, FakeRuntime, Workstream, Workstream, Edit) {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("r"), .down)
            s.type("Mine: data still not shared")
            let effects = s.press(.enter)
            let mine = try #require(savesIn(effects).first)

            var theirs = w
            try theirs.rate(.inYear, to: .red, by: "bob", at: "2021-11-20T09:00:00Z", comment: "Theirs: provider withdrew")
            theirs.title = "Analytical steering group (renamed by Bob)"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Bob's change")
            theirs.rev = w.rev + 1

            let answers = rt.run(effects, &s)
            #expect(answers == effects, "a conflict asks for nothing more")
            return (s, rt, w, theirs, mine)
        }

        @Test func conflictShowsBothVersionsAndKeepMineSavesOverTheirs() throws {
            var (s, rt, w, theirs, mine) = try conflicted()
            let c = try #require(s.editConflict)
            #expect(c.theirs == .workstream(theirs) && c.edit == mine)
            let names = c.differences.map(\.0)
            #expect(names.contains("Title") && names.contains("In-year") && names.contains("Latest comment"))
            #expect(!names.contains("Overall") && !names.contains("Lead"))
            // The screen already shows their version underneath.
            #expect(s.board.workstreams[w.id] == theirs)

            let f = render(s)
            expectFits(f, width: 120, height: 36)
            #expect(f.contains("Changed by someone else: \(w.id)"))
            #expect(f.contains("now revision \(theirs.rev)"))
            let mineDoc = try workstreamIn(mine)
            let yours = try #require(f.find("Yours"))
            let theirsX = try #require(f.find("Theirs (saved)")).x
            let inYear = try #require(f.find("In-year    "))
            #expect(cellsText(f, x: yours.x, y: inYear.y, width: theirsX - yours.x) == mineDoc.inYear.name)
            #expect(cellsText(f, x: theirsX, y: inYear.y, width: 40) == RAG.red.name)
            // Each side wrapped whole in its column: read down the column, its lines joined.
            func column(_ label: String, x: Int, width: Int) throws -> String {
                let fieldX = try #require(f.find("Field")).x
                let row = try #require((0..<f.height).first { cellsText(f, x: fieldX, y: $0, width: 16) == label }, "\(label)")
                var out: [String] = []
                for y in row..<min(f.height, row + ConflictDialog.cellLines) {
                    if y > row && !cellsText(f, x: fieldX, y: y, width: 16).isEmpty { break }
                    out.append(cellsText(f, x: x, y: y, width: width).replacingOccurrences(of: "● ", with: ""))
                }
                return out.filter { !$0.isEmpty }.joined(separator: " ")
            }
            let titles = try column("Title", x: yours.x, width: theirsX - yours.x) + " | " + column("Title", x: theirsX, width: 40)
            #expect(titles.contains(String(w.title.prefix(20))) && titles.contains("renamed by Bob"), "\(titles)")
            let myComment = try column("Latest comment", x: yours.x, width: theirsX - yours.x)
            let theirComment = try column("Latest comment", x: theirsX, width: 40)
            #expect(
                myComment.contains("Mine: data still not shared") && theirComment.contains("Theirs: provider withdrew"),
                "\(myComment) | \(theirComment)")

            let keep = s.press(.char("k"))
            let edit = try #require(savesIn(keep).first)
            #expect(keep.count == 1)
            #expect(edit.baseRev == theirs.rev)
            #expect(edit.doc == mine.doc)
            #expect(edit.before == .workstream(theirs))
            #expect(edit.note.hasPrefix(mine.note))
            rt.run(keep, &s)
            #expect(s.modal == nil)
            #expect(s.board.workstreams[w.id] == mineDoc.withRevision(theirs.rev + 1))
        }

        @Test func takeTheirsClosesWithoutSaving() throws {
            var (s, _, w, theirs, _) = try conflicted()
            let effects = s.press(.char("t"))
            #expect(effects.isEmpty)
            #expect(s.modal == nil)
            #expect(s.board.workstreams[w.id] == theirs)
            #expect(s.message?.contains("not saved") == true)
        }

        @Test func escReturnsToTheFormWithTheEditsIntact() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            _ = s.press(.char("e"))
            try s.editSet("title", "My new title")
            try s.editFocus("lead")
            _ = s.press(.right)
            let typed = try #require(s.editForm)
            let effects = s.press(.enter)
            #expect(savesIn(effects).count == 1)

            var theirs = w
            theirs.title = "Their new title"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Edited workstream \(w.id)")
            rt.run(effects, &s)
            let c = try #require(s.editConflict)
            #expect(c.differences.contains { $0.0 == "Title" && $0.1 == "My new title" && $0.2 == "Their new title" })
            #expect(render(s).contains("My new title") && render(s).contains("Their new title"))

            #expect(s.press(.escape).isEmpty)
            let back = try #require(s.editForm)
            #expect(back.value("title") == "My new title")
            #expect(back.value("lead") == typed.value("lead"))
            #expect(back.fields == typed.fields)
        }

        @Test func keepMineFromARatingReturnsAndLands() throws {
            var (s, rt, w, theirs, _) = try conflicted()
            rt.press(&s, .char("k"))
            let now = try #require(s.board.workstreams[w.id])
            #expect(now.rev == theirs.rev + 1)
            #expect(rt.journal.count == 2 && rt.journal.last?.note.contains("kept over a concurrent change") == true)
            #expect(s.undoStack.last?.before == .workstream(theirs))
        }
    }
}

// MARK: Read-only

extension EditingTests {
    @Suite struct ReadOnlyFlows {
        private func refused(_ s: inout AppState, _ key: Key, modal expected: Modal?, sourceLocation: SourceLocation = #_sourceLocation) {
            let effects = s.press(key)
            #expect(savesIn(effects).isEmpty, "\(key.label) saved", sourceLocation: sourceLocation)
            #expect(s.modal == expected, "\(key.label) opened \(String(describing: s.modal))", sourceLocation: sourceLocation)
            #expect(s.message?.contains("Read-only") == true, "\(key.label): \(s.message ?? "no message")", sourceLocation: sourceLocation)
            #expect(render(s).lines.last?.contains("Read-only") == true, sourceLocation: sourceLocation)
        }

        @Test func everyEditKeyIsRefused() throws {
            var (s, _) = try editingState()
            s.readOnly = true
            #expect(render(s).lines[0].contains("READ-ONLY"))

            s.editOpenP1()
            for k: Key in [.char("r"), .char("e"), .char("n"), .char("x"), .char("u"), .ctrl("r")] { refused(&s, k, modal: nil) }
            #expect(render(s).lines[0].contains("READ-ONLY"))

            _ = s.press(.char("4"))
            for k: Key in [.char("e"), .char("n"), .char("x"), .char("u"), .ctrl("r")] { refused(&s, k, modal: nil) }
            // The actions list opens to read, but nothing in it changes anything.
            let r = try #require(s.selectedRisk)
            _ = s.press(.char("a"))
            #expect(s.modal == .actions(riskID: r.id))
            for k: Key in [.char("n"), .char("e"), .enter, .char("x"), .char(" ")] { refused(&s, k, modal: .actions(riskID: r.id)) }
            _ = s.press(.escape)

            _ = s.press(.char("3"))
            for k: Key in [.char("e"), .char("n"), .enter] { refused(&s, k, modal: nil) }
            #expect(s.board == (try Fixtures.board("nnvru-2021-22")))
        }
    }
}

// MARK: Text fields

extension EditingTests {
    @Suite struct TextFieldFlows {
        @Test func cursorMovesAndBackspaceDeletesByGrapheme() {
            let decomposedE = "e\u{301}"
            let family = "👩‍👩‍👧"
            var t = TextField("a" + decomposedE + "日本" + family + "b")
            #expect(t.chars.count == 6 && t.cursor == 6)
            #expect(t.visible(width: 40).cursorX == 1 + 1 + 2 + 2 + 2 + 1)

            #expect(t.handle(.left) == .moved)
            #expect(t.cursor == 5)
            #expect(t.handle(.backspace) == .edited)
            #expect(t.text == "a" + decomposedE + "日本b" && t.cursor == 4)
            #expect(t.visible(width: 40).cursorX == 6)

            _ = t.handle(.left)  // before 本
            _ = t.handle(.backspace)
            #expect(t.text == "a" + decomposedE + "本b" && t.cursor == 2)
            _ = t.handle(.backspace)
            #expect(t.text == "a本b" && t.cursor == 1)
            _ = t.handle(.right)
            #expect(t.cursor == 2 && t.visible(width: 40).cursorX == 3)
            _ = t.handle(.char("é"))
            _ = t.handle(.char(Character(family)))
            #expect(t.text == "a本é" + family + "b" && t.cursor == 4)
            _ = t.handle(.delete)
            #expect(t.text == "a本é" + family)
            _ = t.handle(.backspace)
            #expect(t.text == "a本é")
            // At the edges nothing happens.
            _ = t.handle(.end)
            #expect(t.handle(.right) == .moved && t.cursor == 3)
            #expect(t.handle(.delete) == .ignored)
            _ = t.handle(.home)
            #expect(t.handle(.backspace) == .ignored && t.text == "a本é")
        }

        @Test func homeEndAndTheControlKeys() {
            var t = TextField("hello big world")
            _ = t.handle(.home)
            #expect(t.cursor == 0)
            _ = t.handle(.end)
            #expect(t.cursor == 15)
            _ = t.handle(.ctrl("a"))
            #expect(t.cursor == 0)
            _ = t.handle(.ctrl("e"))
            #expect(t.cursor == 15)
            _ = t.handle(.ctrl("w"))
            #expect(t.text == "hello big " && t.cursor == 10)
            _ = t.handle(.ctrl("w"))
            #expect(t.text == "hello " && t.cursor == 6)
            t = TextField("hello big world")
            _ = t.handle(.ctrl("a"))
            for _ in 0..<6 { _ = t.handle(.right) }
            _ = t.handle(.ctrl("k"))
            #expect(t.text == "hello " && t.cursor == 6)
            t = TextField("hello big world")
            _ = t.handle(.home)
            for _ in 0..<6 { _ = t.handle(.right) }
            _ = t.handle(.ctrl("u"))
            #expect(t.text == "big world" && t.cursor == 0)
            _ = t.handle(.ctrl("w"))
            #expect(t.text == "big world" && t.cursor == 0)
            _ = t.handle(.end)
            _ = t.handle(.ctrl("u"))
            #expect(t.text == "" && t.cursor == 0)
        }

        @Test func graphemesThroughTheRatingComment() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("r"))
            s.type("x日本👩‍👩‍👧é")
            var c = try #require(s.editRating).comment
            #expect(c.chars.count == 5 && c.cursor == 5)
            _ = s.press(.left, .left, .backspace)
            c = try #require(s.editRating).comment
            #expect(c.text == "x日👩‍👩‍👧é" && c.cursor == 2)
            _ = s.press(.home, .delete, .end, .ctrl("w"))
            #expect(try #require(s.editRating).comment.text == "")
            s.type("keep this")
            _ = s.press(.ctrl("a"), .ctrl("k"))
            #expect(try #require(s.editRating).comment.text == "")
        }

        @Test(arguments: [(120, 36), (80, 24)])
        func aLongPasteLandsWholeAndTheFrameStillFits(size: (Int, Int)) throws {
            var (s, rt) = try editingState(size.0, size.1)
            s.editOpenP1()
            _ = s.press(.char("r"), .down)
            let body = String(repeating: "evidence ", count: 600)
            let text = "START " + String(body.prefix(5_000 - 6 - 10)) + "END-MARKER"
            #expect(text.count == 5_000)
            #expect(update(&s, .paste(text)).isEmpty)
            let rf = try #require(s.editRating)
            #expect(rf.comment.text == text && rf.comment.cursor == 5_000 && rf.error == nil)
            let f = render(s)
            expectFits(f, width: size.0, height: size.1)
            #expect(f.contains("END-MARKER"))
            #expect(!f.contains("START "))
            // Home scrolls back to the start.
            _ = s.press(.home)
            let g = render(s)
            #expect(g.contains("START ") && !g.contains("END-MARKER"))
            expectFits(g, width: size.0, height: size.1)
            // Pasted text is text: it saves as the comment (a paste of keys never runs them).
            let effects = s.press(.enter)
            let doc = try workstreamIn(savesIn(effects).first)
            #expect(doc.history.last?.comment == text.trimmingCharacters(in: .whitespaces))
            rt.run(effects, &s)
            expectFits(render(s), width: size.0, height: size.1)
        }

        @Test func pastedNewlinesBecomeSpacesAndControlCharactersAreRefusedWithTheFieldNamed() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("e"))
            try s.editFocus("title")
            _ = s.press(.ctrl("u"))
            _ = update(&s, .paste("line one\nline two\r\nthree\tfour"))
            #expect(s.editForm?.value("title") == "line one line two three four")
            // A paste holding an escape sequence is refused whole, and the message names the field.
            _ = update(&s, .paste(" five\u{07}\u{1B}[2J\u{00}six"))
            let f = try #require(s.editForm)
            #expect(f.value("title") == "line one line two three four")
            #expect(f.message == "Title: the text holds the control character U+0007 (BEL); nothing was entered")
            #expect(render(s).contains("Title: the text holds the control character U+0007 (BEL)"))
            #expect(f.dirty)
            // Only the focused field changed.
            let w = try #require(s.selectedWorkstream)
            #expect(f.list("objective") == w.objectives)
            expectFits(render(s), width: 120, height: 36)
        }

        @Test func aPasteOverTheLimitIsCutWithAMessage() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            _ = s.press(.char("r"), .down)
            s.type("ab")
            _ = update(&s, .paste(String(repeating: "x", count: TextField.maxLength)))
            let rf = try #require(s.editRating)
            #expect(rf.comment.chars.count == TextField.maxLength)
            #expect(rf.comment.text.hasPrefix("abxxx"))
            #expect(rf.error == "Comment: cut at 10,000 characters")
            #expect(render(s).contains("Comment: cut at 10,000 characters"))
            // Typing more changes nothing and still says so.
            _ = s.press(.char("y"))
            #expect(s.editRating?.comment.chars.count == TextField.maxLength)

            _ = s.press(.escape, .char("y"), .char("e"))
            try s.editFocus("title")
            _ = update(&s, .paste(String(repeating: "t", count: TextField.maxLength + 500)))
            let f = try #require(s.editForm)
            #expect(f.field("title")?.input.chars.count == TextField.maxLength)
            #expect(f.message == "Title: cut at 10,000 characters")
            #expect(render(s).contains("Title: cut at 10,000 characters"))
            expectFits(render(s), width: 120, height: 36)
        }

        @Test func aPasteOutsideAnyFieldDoesNothing() throws {
            var (s, _) = try editingState()
            s.editOpenP1()
            let before = s.board
            #expect(update(&s, .paste("xyq")).isEmpty)
            #expect(s.modal == nil && s.board == before)
        }
    }
}

// MARK: History

extension EditingTests {
    @Suite struct HistoryFlows {
        @Test func historyLoadsNewestFirstAndFiltersToAnItem() throws {
            var (s, rt) = try editingState()
            s.editOpenP1()
            let first = try #require(s.selectedWorkstream)
            // Three changes: the first workstream, the second, the first again.
            _ = s.press(.char("r"), .down)
            s.type("one")
            rt.press(&s, .enter)
            _ = s.press(.char("j"))
            let second = try #require(s.selectedWorkstream)
            _ = s.press(.char("r"), .down)
            s.type("two")
            rt.press(&s, .enter)
            _ = s.press(.char("k"))
            _ = s.press(.char("r"), .tab, .down)
            s.type("three")
            rt.press(&s, .enter)
            #expect(rt.journal.count == 3)

            let load = s.press(.char("5"))
            #expect(load == [.loadHistory(HistoryRequest(id: nil))])
            #expect(render(s).contains("Loading…") && render(s).contains("loading…"), "the screen says it is loading, and is drawn meanwhile")
            #expect(s.screen == .history)
            rt.run(load, &s)
            #expect(s.historyScreen.rows.map(\.seq) == [3, 2, 1])
            var f = render(s)
            let ys = try rt.journal.map { h in try #require(f.find(h.note)).y }
            #expect(ys[2] < ys[1] && ys[1] < ys[0], "newest first")
            #expect(f.contains("History · 3 changes · newest first"))
            #expect(line(f, containing: rt.journal[2].note)?.contains(editUser) == true)

            // H on a selected workstream shows only its changes.
            _ = s.press(.char("2"))
            #expect(s.selectedWorkstream?.id == first.id)
            let h = s.press(.char("H"))
            #expect(h == [.loadHistory(HistoryRequest(id: first.id))])
            rt.run(h, &s)
            #expect(s.screen == .history && s.historyScreen.filter == first.id)
            #expect(s.historyScreen.rows.map(\.seq) == [3, 1])
            f = render(s)
            #expect(f.contains("\(first.id) only (f shows all)"))
            #expect(f.find(rt.journal[1].note) == nil)

            // f shows every change (reading the newest page again), and again only the item.
            rt.press(&s, .char("f"))
            #expect(s.historyScreen.filter == nil && s.historyScreen.rows.count == 3)
            #expect(render(s).find(rt.journal[1].note) != nil)
            rt.press(&s, .char("f"))
            #expect(s.historyScreen.filter == first.id && s.historyScreen.rows.allSatisfy { $0.id == first.id })
            #expect(second.id != first.id)
        }

        @Test func aSaveWhileOnTheHistoryScreenReloadsIt() throws {
            var (s, rt) = try editingState()
            rt.press(&s, .char("5"))
            #expect(s.historyScreen.rows.isEmpty)
            #expect(render(s).contains("No changes recorded yet"))
            var theirs = try #require(rt.board.workstreams["WS-1.1"])
            theirs.title = "Renamed elsewhere"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Edited workstream WS-1.1")
            let effects = update(&s, .boardChanged(rt.board))
            #expect(effects == [.loadHistory(HistoryRequest(id: nil))])
            rt.run(effects, &s)
            #expect(s.historyScreen.rows.map(\.by) == ["bob"])
        }
    }
}

// MARK: Help and hints

extension EditingTests {
    @Suite struct KeysFlows {
        static let editActions = [
            "workstreams.rate", "workstreams.edit", "workstreams.new", "workstreams.archive", "edit.undo", "edit.redo",
            "risks.actions", "edit.itemHistory", "history.filter",
        ]

        private func binding(_ id: String) throws -> Binding {
            try #require(VRUI.Keys.allGroups.flatMap(\.all).first { $0.id == id }, "no binding \(id)")
        }

        @Test func everyEditKeyIsInTheHelp() throws {
            // A terminal tall enough to show the whole help at once.
            var (s, _) = try editingState(120, 100)
            _ = s.press(.char("?"))
            let f = render(s)
            for a in Self.editActions {
                let b = try binding(a)
                #expect(
                    f.lines.contains { $0.contains(Width.pad(b.keyLabel, to: 18) + String(b.help.prefix(30))) }, "\(b.keyLabel) missing from help")
            }
            // And scrolling through it on an ordinary terminal.
            var (t, _) = try editingState()
            _ = t.press(.char("?"))
            var seen = Set(render(t).lines)
            for _ in 0..<200 {
                _ = t.press(.char("j"))
                seen.formUnion(render(t).lines)
            }
            for a in Self.editActions {
                let b = try binding(a)
                #expect(
                    seen.contains { $0.contains(Width.pad(b.keyLabel, to: 18) + String(b.help.prefix(30))) },
                    "\(b.keyLabel) missing from scrolled help")
            }
            for b in FormMode.keys.all {
                #expect(seen.contains { $0.contains(Width.pad(b.keyLabel, to: 18) + String(b.help.prefix(30))) }, "form key \(b.keyLabel)")
            }
        }

        /// The edit keys that apply on each screen, as the hint bar should show them.
        static let hintCases: [(String, [String])] = [
            (
                "workstreams",
                ["workstreams.rate", "workstreams.edit", "workstreams.new", "workstreams.archive", "edit.undo", "edit.redo", "edit.itemHistory"]
            ),
            ("risks", ["risks.actions", "risks.edit", "risks.new", "risks.close", "edit.undo", "edit.redo", "edit.itemHistory"]),
            ("funding", ["funding.edit", "funding.new", "edit.undo", "edit.redo", "edit.itemHistory"]),
            ("history", ["history.filter"]),
        ]

        @Test(arguments: hintCases)
        func editKeysAreInTheHintBar(screen: String, actions: [String]) throws {
            var (s, _) = try editingState()
            switch screen {
            case "workstreams": s.editOpenP1()
            case "risks": _ = s.press(.char("4"))
            case "funding": _ = s.press(.char("3"))
            default: _ = s.press(.char("5"))
            }
            let bar = try #require(render(s).lines.last)
            // Every key that can run now is offered; one that cannot (nothing to undo yet) may give way.
            for a in actions {
                let b = try binding(a)
                guard b.reason(s) == nil else { continue }
                #expect(bar.contains(" \(b.hintLabel) "), "\(b.hintLabel) (\(b.help)) missing from the \(screen) hint bar: \(bar)")
            }
            // Once there is something to undo, u is offered.
            s.undoStack.append(UndoEntry(before: nil, after: .programme(s.board.programme), note: "test"))
            if actions.contains("edit.undo") { #expect(try #require(render(s).lines.last).contains(" u undo "), "\(screen)") }
        }
    }
}

// MARK: Every modal fits

extension EditingTests {
    @Suite struct FitFlows {
        @Test(arguments: [(80, 24), (120, 36)])
        func everyFormAndDialogFitsTheFrame(size: (Int, Int)) throws {
            var (s, rt) = try editingState(size.0, size.1)
            func check(_ keys: [Key], shows expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
                for k in keys { _ = update(&s, .key(k)) }
                let f = render(s)
                #expect(s.modal != nil, "\(expected): no modal open", sourceLocation: sourceLocation)
                #expect(f.contains(expected), "\(expected) not shown:\n\(f.text)", sourceLocation: sourceLocation)
                expectFits(f, width: size.0, height: size.1, sourceLocation: sourceLocation)
                s.modal = nil
            }
            s.editOpenP1()
            let w = try #require(s.selectedWorkstream)
            check([.char("r")], shows: "Rate \(w.id)")
            check([.char("r"), .tab, .down, .enter], shows: "✗ A comment is required")
            check([.char("e")], shows: "Edit \(w.id)")
            check([.char("e"), .ctrl("u"), .enter], shows: "✗ required")
            check([.char("n")], shows: "New workstream")
            check([.char("x")], shows: "Archive \(w.id)")

            _ = s.press(.char("4"))
            let r = try #require(s.selectedRisk)
            check([.char("e")], shows: "Edit \(r.id)")
            check([.char("n")], shows: "New risk")
            check([.char("x")], shows: "Close \(r.id)")
            check([.char("a")], shows: "Mitigating actions")
            check([.char("a"), .char("n")], shows: "New action on \(r.id)")

            _ = s.press(.char("3"))
            check([.char("e")], shows: "Edit the split")
            check([.enter], shows: "Edit grant:")
            check([.char("n")], shows: "New grant")

            // A conflict.
            _ = s.press(.char("2"))
            let effects =
                s.press(.char("e"), .ctrl("u"))
                + {
                    s.type("Mine")
                    return s.press(.enter)
                }()
            var theirs = w
            theirs.title = "Theirs"
            rt.saveElsewhere(.workstream(theirs), by: "bob", note: "Edited workstream \(w.id)")
            rt.run(effects, &s)
            check([], shows: "Changed by someone else: \(w.id)")
        }
    }
}
