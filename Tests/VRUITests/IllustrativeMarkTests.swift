import Testing
import VRModel
import VRReport
@testable import VRUI

/// A verdict, share or total computed from an illustrative figure carries the figure's mark on every
/// surface: the overview, the funding screen, the walkthrough's funding slide, and the packs.
@Suite struct IllustrativeMarkTests {
    /// NNVRU: interventions (£255,200, 000 §2.3.6) are sourced; its evaluation amount and condition are not.
    @Test func theModelMarksOnlyVerdictsThatRestOnAnIllustrativeFigure() throws {
        let nn = try Fixtures.board("nnvru-2021-22").funding.checks
        #expect(nn.map(\.condition.rule) == [.interventionsFloor, .evaluationShare])
        #expect(nn.map(\.illustrative) == [false, true])
        #expect(nn[0].verdict == "✓ PASS")
        #expect(nn[1].verdict.hasSuffix("*"))
        // WM-VRU: every category amount is illustrative, so both verdicts are.
        let wm = try Fixtures.board("wmvru-2021-22").funding.checks
        #expect(!wm.isEmpty && wm.allSatisfy(\.illustrative))

        // Sourced inputs, sourced condition: no mark; one illustrative input: the mark.
        var f = Funding(
            allocationName: "Grant", allocation: 1_000, allocationSource: "000 §2.3.6",
            categories: [FundingCategory(id: "i", name: "Interventions", kind: .interventions, amount: 300, source: "000 §2.3.6")],
            grants: [], conditions: [Condition(rule: .interventionsFloor, percent: 20, source: "004 §48")])
        #expect(f.checks.first?.illustrative == false)
        #expect(f.spendText(.interventions) == "£300 (30%)")
        f.categories[0].source = "illustrative: not in any seed"
        #expect(f.checks.first?.illustrative == true)
        #expect(f.spendText(.interventions) == "£300 (30%)*")
        #expect(f.shareText(of: f.categories[0]) == "30%*")
        f.categories[0].source = "000 §2.3.6"
        f.conditions[0].source = "illustrative: a condition no seed sets"
        #expect(f.checks.first?.illustrative == true)
    }

    @Test(arguments: Fixtures.datasets)
    func everyScreenAndSlideShowsTheMark(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let checks = b.funding.checks
        var s = AppState(board: b, width: 120, height: 36)
        let overview = render(s).lines.joined(separator: "\n")
        // With actuals entered, each condition is one line with the plan's result and the forecast's.
        for c in checks {
            let plan = "plan \(c.passes ? "✓" : "✗") \(c.share)\(c.illustrative ? Provenance.illustrativeMark : "")"
            #expect(overview.contains(plan), "overview lacks \(plan) for \(c.shortLabel)")
        }
        s.screen = .funding
        let funding = render(s).lines.joined(separator: "\n")
        for c in checks { #expect(funding.contains("\(c.verdict) \(c.label)")) }
        #expect(funding.contains("* illustrative, or resting on an illustrative figure"))

        var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
        m.id = "m"
        m.stage = .held
        var withMeeting = b
        withMeeting.meetings.put(m)
        var w = AppState(board: withMeeting, width: 120, height: 36)
        var p = Presentation(meetingID: "m", startedAt: 0)
        p.slide = try #require(Presentation.slides(for: b).firstIndex(of: .funding))
        w.presentation = p
        let slide = render(w).lines.joined(separator: "\n")
        for c in checks { #expect(slide.contains(c.verdict + " " + c.label)) }
        #expect(slide.contains(Provenance.illustrativeLegend))
    }

    @Test(arguments: Fixtures.datasets)
    func thePacksAndCSVShowTheMark(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        let src = PackSource(store: b, meeting: nil, today: b.programme.asAt, author: "clerk")
        let md = MarkdownPack.render(src)
        let html = HTMLPack.render(src)
        let csv = CSVExport.funding(b)
        for c in b.funding.checks {
            let word = c.passes ? "PASS" : "FAIL"
            #expect(md.contains("| \(word)\(c.illustrative ? "*" : "") |"), "md lacks the verdict of \(c.label)")
            #expect(html.contains("\(c.passes ? "✓" : "✗") \(word)\(c.illustrative ? "*" : "")</td>"))
            #expect(csv.contains("rests on an illustrative figure") == b.funding.checks.contains(where: \.illustrative))
        }
        #expect(md.contains(Provenance.illustrativeLegend))
    }
}
