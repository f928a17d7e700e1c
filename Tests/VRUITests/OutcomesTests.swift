import Foundation
import Testing
import VRModel
import VRStoreAPI

@testable import VRUI

/// Outcomes against the success measures: the change in words and glyph, values as they come, the
/// screen at 80x24 for both datasets, the slide's rows, and what the seeds say.
@Suite struct OutcomesTests {
    static func measure(_ change: Double? = nil, better: OutcomeMeasure.Better = .down, values: [Double] = []) -> OutcomeMeasure {
        OutcomeMeasure(
            id: "L-1", title: "t", kind: .local, better: better, change: change,
            values: values.enumerated().map {
                .init(period: "Q\($0.offset + 1)", quarter: Quarter(year: 2021, number: $0.offset + 1), value: $0.element, by: "a", at: "b")
            },
            source: "t")
    }

    @Test("the change in words and glyph: down is better for violence; a series' own change wins over the source's; none is 'no figure yet'")
    func words() {
        #expect(Self.measure(-37).words == "down 37% (better)" && Self.measure(-37).glyph == "↓" && Self.measure(-37).improving == true)
        #expect(Self.measure(85).words == "up 85% (worse)" && Self.measure(85).glyph == "↑")
        #expect(Self.measure(12.5, better: .up).words == "up 12.5% (better)")
        #expect(Self.measure().words == "no figure yet" && Self.measure().glyph == "?" && Self.measure().improving == nil)
        #expect(Self.measure(0).words == "no change" && Self.measure(0).glyph == "→")
        // 200 then 150: down 25%, whatever the source's own figure said.
        let s = Self.measure(-37, values: [200, 180, 150])
        #expect(s.currentChange == -25 && s.words == "down 25% (better)" && s.periods == "Q3 against Q1")
        #expect(Self.measure(values: [0, 10]).currentChange == nil, "a change from zero has no percentage")
    }

    @Test("a value: a number as typed; a quarter not ended is refused; a second value for a quarter corrects the first")
    func record() throws {
        #expect(OutcomeMeasure.parse("1,204") == .success(1204))
        #expect(OutcomeMeasure.parse("lots") == .failure(.notANumber("lots")))
        #expect(OutcomeMeasure.parse("1e300") == .failure(.outOfRange))
        var m = Self.measure()
        let today = Day("2021-11-02")!
        #expect(throws: OutcomeMeasure.ValueError.notEnded(Quarter("2021-Q3")!)) {
            try m.record(.init(period: "Q3", quarter: Quarter("2021-Q3"), value: 1, by: "a", at: "b"), today: today)
        }
        try m.record(.init(period: "Q1 2021/22", quarter: Quarter("2021-Q1"), value: 40, by: "a", at: "b"), today: today)
        try m.record(.init(period: "Q1 2021/22", quarter: Quarter("2021-Q1"), value: 42, by: "a", at: "c"), today: today)
        #expect(m.values.count == 1 && m.values[0].value == 42)
    }

    @Test("the seeds' figures: NNVRU's Table A and §4.25, WM-VRU's 003 §2.1 baselines; the Home Office's three worded as 003 §3.10")
    func seeded() throws {
        let nn = try Fixtures.board("nnvru-2021-22"), wm = try Fixtures.board("wmvru-2021-22")
        let tableA = nn.outcomes.items.filter { $0.source == "001 §4.26 Table A" }
        #expect(
            tableA.map(\.title) == [
                "Overall serious violence", "Violence against the person", "Knife enabled robberies", "Sexual assaults", "Knife possession",
            ])
        #expect(tableA.map(\.change) == [-37, -28, -38, -28, -4])
        #expect(
            tableA.allSatisfy {
                $0.baselinePeriod == "annual average April 2017 - March 2020" && $0.latestPeriod == "April 2020 - March 2021" && $0.values.isEmpty
            })
        #expect(nn.outcomes["NN-6"]?.change == -13 && nn.outcomes["NN-6"]?.source == "001 §4.25")
        #expect(wm.outcomes.items.filter { $0.source == "003 §2.1" }.map(\.change) == [33, 85, 14, 32])
        for b in [nn, wm] {
            let ho = b.orderedOutcomes.prefix(3)
            #expect(ho.map(\.kind) == [.homeOffice, .homeOffice, .homeOffice])
            #expect(
                ho.first?.title
                    == "Reduction in hospital admissions for assaults with a knife or sharp object and especially among those victims aged under 25")
            #expect(ho.allSatisfy { $0.values.isEmpty && $0.change == nil }, "no seed gives a figure: none invented")
        }
        #expect(wm.outcomes["HO-1"]?.note.contains("004 §158") == true)
    }

    @Test("7 shows the measures at 80x24: the change in words and glyph, the selected one's source and note", arguments: Fixtures.datasets)
    func screen(dataset: String) throws {
        let b = try Fixtures.board(dataset)
        var s = AppState(board: b, width: 80, height: 24)
        _ = s.press(.char("7"))
        #expect(s.screen == .outcomes)
        var f = render(s)
        expectFits(f, width: 80, height: 24)
        #expect(f.lines[1].contains("7 Outcomes"))
        #expect(f.contains("Outcomes · \(b.outcomes.count) measures"))
        for o in b.orderedOutcomes.prefix(5) { #expect(f.contains("\(o.glyph) \(o.words)"), "\(o.id)") }
        _ = s.press(.char("j"), .char("j"), .char("j"))
        f = render(s)
        let o = try #require(s.selectedOutcome)
        #expect(f.contains("┌─ \(o.id) · Local measure") && f.contains("Source: \(o.source.prefix(20))"))
    }

    @Test("r records a value by keys: saved, journalled, shown as a bar and a trend; the overview counts the directions")
    func recordByKeys() throws {
        let b = try Fixtures.board("wmvru-2021-22")
        let rt = FakeRuntime(b)
        var s = AppState(board: b, width: 120, height: 36)
        s.user = "analyst"
        s.now = "2021-12-13T10:00:00Z"
        #expect(render(s).contains("Outcomes 0 better · 4 worse · 3 no figure"))
        _ = s.press(.char("7"), .char("r"))
        guard let f = s[dialog: FormMode.self] else {
            Issue.record("r opens the value form")
            return
        }
        #expect(f.value("quarter") == "2021-Q2")
        try InterventionFormTests.set(&s, "value", "41")
        rt.run(s.press(.enter), &s)
        _ = s.press(.char("r"))
        try InterventionFormTests.set(&s, "quarter", "2021-Q1")
        try InterventionFormTests.set(&s, "value", "52")
        try InterventionFormTests.set(&s, "note", "NHS admissions, under 25")
        rt.run(s.press(.enter), &s)
        let ho1 = try #require(s.board.outcomes["HO-1"])
        #expect(ho1.series.map(\.value) == [52, 41] && ho1.words == "down 21.2% (better)")
        #expect(rt.journal.map(\.note) == ["Outcome HO-1 Q2 2021/22: 41", "Outcome HO-1 Q1 2021/22: 52: NHS admissions, under 25"])
        let frame = render(s)
        #expect(frame.contains("↓ down 21.2% (better)") && frame.contains("Q2 2021/22 against Q1 2021/22"))
        #expect(frame.contains(sparkline([52, 41])))
        _ = s.press(.char("1"))
        #expect(render(s).contains("Outcomes 1 better · 4 worse · 2 no figure"))
    }
}

/// A hostile outcomes file: values no count could be are refused on opening, and drawing never traps.
@Suite struct OutcomesBadInputTests {
    @Test("a value beyond any count, or a change of 1e300%, is a problem with its place; a sparkline of extremes draws")
    func extremes() {
        let o = OutcomeMeasure(
            id: "X", title: "x", kind: .local, change: 1e300,
            values: [.init(period: "a", value: -1.7e308, by: "a", at: "b"), .init(period: "b", value: 1.7e308, by: "a", at: "b")], source: "t")
        var i = Inspector(texts: false)
        o.inspect(&i)
        #expect(i.issues.map { FieldIssue.text(of: $0.path) } == ["values.0.value", "values.1.value", "change"])
        #expect(sparkline([-1.7e308, 0, 1.7e308]).count == 3)
        #expect(o.currentChange == nil && o.words == "no figure yet", "an infinite change is no figure, not a trap")
    }
}
