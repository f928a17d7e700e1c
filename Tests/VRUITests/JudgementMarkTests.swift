import Foundation
import Testing
import VRModel
import VRReport
@testable import VRUI

/// A rating judged rather than evidenced carries `†` on every surface that shows it, with a legend:
/// the screens, the walkthrough's slides, the packs and the CSV. A board with no judged rating shows
/// neither mark nor legend.
@Suite struct JudgementMarkTests {
    /// The board with every rating change's basis set to `basis`, then WS `judged`'s in-year change a judgement.
    static func board(_ dataset: String, allEvidence: Bool, judged: String? = nil) throws -> Board {
        var b = try Fixtures.board(dataset)
        for var w in b.workstreams.items {
            for i in w.history.indices { w.history[i].basis = allEvidence ? .evidence : w.history[i].basis }
            if w.id == judged, let i = w.history.lastIndex(where: { $0.kind == .inYear }) { w.history[i].basis = .judgement }
            b.workstreams.put(w)
        }
        return b
    }

    @Test func aChangeRecordedBeforeTheBasisExistedDecodesAsEvidence() throws {
        let old = #"{"kind":"in-year","to":"amber","at":"2021-07-20T10:00:00Z","by":"x","comment":"c"}"#
        let c = try JSONDecoder().decode(RatingChange.self, from: Data(old.utf8))
        #expect(c.basis == .evidence && !c.isJudgement)
        var j = c
        j.basis = .judgement
        let round = try JSONDecoder().decode(RatingChange.self, from: JSONEncoder().encode(j))
        #expect(round.basis == .judgement)
        let bad = #"{"kind":"in-year","to":"amber","at":"2021-07-20T10:00:00Z","by":"x","comment":"c","basis":"hunch"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RatingChange.self, from: Data(bad.utf8)) }
    }

    @Test func rateRecordsTheBasisAndTheWorkstreamReportsIt() throws {
        var w = try #require(Fixtures.board("nnvru-2021-22").workstreams.items.first)
        let other: RAG = w.inYear == .red ? .green : .red
        try w.rate(.inYear, to: other, by: "a", at: "2021-12-01T10:00:00Z", comment: "judged from the provider return", basis: .judgement)
        #expect(w.isJudgement(.inYear) && w.history.last?.basis == .judgement)
        try w.rate(.inYear, to: .amber == other ? .green : .amber, by: "a", at: "2021-12-02T10:00:00Z", comment: "evidence: the return")
        #expect(!w.isJudgement(.inYear))
    }

    @Test(arguments: Fixtures.datasets)
    func noJudgedRatingMeansNoMarkAnywhere(dataset: String) throws {
        let b = try Self.board(dataset, allEvidence: true)
        #expect(!b.showsJudgement())
        for (name, text) in try surfaces(b) { #expect(!text.contains(Provenance.judgementMark), "\(name) shows the mark") }
    }

    @Test(arguments: Fixtures.datasets)
    func aJudgedRatingIsMarkedOnEverySurfaceWithItsLegend(dataset: String) throws {
        let plain = try Self.board(dataset, allEvidence: true)
        let w = try #require(plain.activeWorkstreams.first { $0.lastChange(.inYear) != nil })
        let b = try Self.board(dataset, allEvidence: true, judged: w.id)
        #expect(b.showsJudgement(.inYear) && !b.showsJudgement(.overall))

        // The workstream table: the in-year cell carries †, the overall cell does not; the legend is on the border.
        var s = AppState(board: b, width: 120, height: 36)
        _ = update(&s, .show(.workstreams))
        WorkstreamsScreen.show(priority: w.priority, &s)
        let table = render(s).lines
        let row = try #require(table.first { $0.contains(" \(w.id) ") || $0.contains("│\(w.id) ") })
        #expect(row.contains("\(w.inYear.badge)\(Provenance.judgementMark)"), "\(row)")
        #expect(!row.contains("\(w.overall.badge)\(Provenance.judgementMark)") || w.overall == w.inYear)
        #expect(table.joined().contains("† judgement"))

        for (name, text) in try surfaces(b) {
            #expect(text.contains(Provenance.judgementMark), "\(name) lacks the mark")
            #expect(text.contains("judgement"), "\(name) lacks the legend")
        }
        // The CSV says the basis in its own columns.
        let csv = CSVExport.workstreams(b)
        #expect(csv.contains(",judgement,"), "the CSV lacks the in-year basis")
    }

    /// The overview, the priority list, the highlight and priority slides, the Markdown and HTML packs.
    func surfaces(_ b: Board) throws -> [(String, String)] {
        var s = AppState(board: b, width: 120, height: 36)
        let overview = render(s).lines.joined(separator: "\n")
        s.screen = .workstreams
        let priorities = render(s).lines.joined(separator: "\n")
        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.id = "m"
        m.stage = .held
        var withMeeting = b
        withMeeting.meetings.put(m)
        var slides: [(String, String)] = []
        for (i, slide) in Presentation.slides(for: b).enumerated() where slide.showsRatings {
            var w = AppState(board: withMeeting, width: 120, height: 36)
            var p = Presentation(meetingID: "m", startedAt: 0)
            p.slide = i
            w.presentation = p
            // A priority slide shows the mark only when a judged rating is in it.
            if case .priority(let id) = slide, !b.workstreams(in: id).contains(where: { $0.isJudgement(.inYear) || $0.isJudgement(.overall) }) {
                continue
            }
            slides.append(("slide \(i)", render(w).lines.joined(separator: "\n")))
        }
        let src = PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "clerk")
        return [("overview", overview), ("priorities", priorities), ("markdown pack", MarkdownPack.render(src)), ("html pack", HTMLPack.render(src))]
            + slides
    }

    @Test func ctrlBInThePickerRecordsAJudgementAndEscAsksFirst() throws {
        let board = try Self.board("nnvru-2021-22", allEvidence: true)
        var s = AppState(board: board, width: 120, height: 36)
        s.user = "alice"
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(board)
        _ = s.press(.char("2"), .enter)
        let w = try #require(s.selectedWorkstream)
        _ = s.press(.char("r"), .ctrl("b"))
        guard let rf = s[dialog: RatingPicker.self] else {
            Issue.record("no picker")
            return
        }
        #expect(rf.basis == .judgement)
        #expect(render(s).lines.joined().contains("Judgement †"))
        // Esc with only the basis changed asks first.
        _ = s.press(.escape)
        guard let asked = s[dialog: RatingPicker.self] else {
            Issue.record("the picker closed without asking")
            return
        }
        #expect(asked.confirmDiscard)
        _ = s.press(.char("n"), .down)
        s.type("Judged from the provider's late return")
        let effects = s.press(.enter)
        rt.run(effects, &s)
        let saved = try #require(rt.board.workstreams[w.id])
        #expect(saved.history.last?.basis == .judgement && saved.isJudgement(.inYear))
        let hint = render(s).lines.joined()
        #expect(hint.contains(Provenance.judgementMark))
    }

    @Test func aReviewOfAJudgedRatingStaysAJudgementAndCtrlBTurningItIntoEvidenceIsSaid() throws {
        let board = try Self.board("nnvru-2021-22", allEvidence: true, judged: "WS-1.1")
        var s = AppState(board: board, width: 120, height: 36)
        s.user = "alice"
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(board)
        _ = s.press(.char("2"), .enter)
        let w = try #require(s.selectedWorkstream)
        try #require(w.id == "WS-1.1" && w.isJudgement(.inYear))
        // The picker opens on the rating's own basis; a review with no change keeps it.
        _ = s.press(.char("r"))
        #expect(s[dialog: RatingPicker.self]?.basis == .judgement)
        // Esc with nothing changed closes at once.
        _ = s.press(.escape)
        #expect(s.modal == nil)
        _ = s.press(.char("r"))
        s.type("Reviewed: the provider's return is still late")
        rt.run(s.press(.enter), &s)
        let reviewed = try #require(rt.board.workstreams[w.id])
        #expect(reviewed.history.last?.isReview == true && reviewed.history.last?.basis == .judgement && reviewed.isJudgement(.inYear))
        #expect(rt.journal.last?.note.contains("(basis:") == false)
        // Turning it into evidence is deliberate (Ctrl-B), and the saved line says so.
        _ = s.press(.char("r"), .ctrl("b"))
        #expect(s[dialog: RatingPicker.self]?.basis == .evidence)
        s.type("The Q2 return gives it: 45 referrals against 60")
        rt.run(s.press(.enter), &s)
        #expect(rt.board.workstreams[w.id]?.isJudgement(.inYear) == false)
        #expect(rt.journal.last?.note.hasSuffix("(basis: judgement → evidence)") == true, "\(rt.journal.last?.note ?? "")")
    }

    @Test func thePickersHintBarShowsThePickersKeysNotTheFormsKeys() throws {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 160, height: 36)
        _ = s.press(.char("2"), .enter, .char("r"))
        let bar = render(s).lines[Layout(width: 160, height: 36).hintRow]
        #expect(bar.contains("↑/↓ choose the rating") && bar.contains("Ctrl-B basis"))
        #expect(!bar.contains("next / previous field"))
    }
}

/// The source documents on the board (S): listed in date order, declared and corrected through a form,
/// each a save in the history; a date that is not one says why.
@Suite struct SourcesDialogTests {
    @Test func sListsTheDocumentsAndAFormDeclaresOneAsASave() throws {
        let board = try Fixtures.board("nnvru-2021-22")
        var s = AppState(board: board, width: 120, height: 36)
        s.user = "clerk"
        s.now = "2021-11-20T10:15:00Z"
        let rt = FakeRuntime(board)
        _ = s.press(.char("S"))
        let list = render(s).text
        #expect(list.contains("Source documents · 5"), "\(list)")
        // In date order: 003 (19 Nov 2019) first, 004 (13 Dec 2021) last.
        let first = try #require(list.range(of: "003  Violence Reduction Unit")), last = try #require(list.range(of: "004  "))
        #expect(first.lowerBound < last.lowerBound)
        _ = s.press(.char("n"))
        s.type("AR-2122")
        _ = s.press(.tab)
        s.type("NNVRU Annual Report 2021/22")
        _ = s.press(.tab)
        s.type("Nottinghamshire OPCC")
        _ = s.press(.tab)
        s.type("31/02/2022")
        #expect(render(s).text.contains("Feb 2022 has no day 31"), "\(render(s).text)")
        for _ in 0..<10 { _ = s.press(.backspace) }
        s.type("30/06/2022")
        #expect(render(s).text.contains("30 Jun 2022"))
        rt.run(s.press(.enter), &s)
        let saved = try #require(rt.board.sources["AR-2122"])
        #expect(saved.title == "NNVRU Annual Report 2021/22" && saved.date == Day("2022-06-30") && saved.dateKind == .published)
        #expect(rt.journal.last?.note == "Declared source document AR-2122: NNVRU Annual Report 2021/22 (Nottinghamshire OPCC, 30 Jun 2022)")
    }
}
