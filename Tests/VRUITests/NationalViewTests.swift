import Foundation
import Testing
import VRModel
import VRTestSupport
@testable import VRUI

@Suite struct NationalViewTests {
    static func state(width: Int = 120, height: Int = 36) throws -> NationalState {
        let d = try JSONDecoder().decode(NationalDataset.self, from: Data(contentsOf: Paths.data.appendingPathComponent("national/national.json")))
        var rows = d.vrus.map { NationalRow($0, year: "2019/20") }
        let nn = try #require(d.vrus.firstIndex { $0.board == "nnvru-2021-22" })
        rows[nn] = NationalRow(board: try Fixtures.board("nnvru-2021-22"), location: "/stores/nn", national: d.vrus[nn])
        return NationalState(title: d.title, rows: rows, dataset: d, width: width, height: height)
    }

    @Test func sortFilterAndOpen() throws {
        var s = try Self.state()
        #expect(s.shown.first?.name == "Metropolitan Police", "by allocation, largest first")
        #expect(s.send(.char("s")) == .none)
        #expect(s.sort == .share && s.message == "Sorted by share on interventions")
        #expect(s.shown.first?.name == "Metropolitan Police" && s.shown.last?.name == "Nottinghamshire", "the board's own 29% is the lowest share")
        _ = s.send(.char("/"))
        for c in "kent" { _ = s.send(.char(c)) }
        _ = s.send(.enter)
        #expect(s.shown.map(\.name) == ["Kent"])
        // Kent is known only by the national figures: nothing to open, and it says so.
        #expect(s.send(.enter) == .none)
        #expect(s.message?.contains("only the national figures are known") == true)
        _ = s.send(.char("/"))
        for _ in 0..<4 { _ = s.send(.backspace) }
        for c in "nott" { _ = s.send(.char(c)) }
        _ = s.send(.enter)
        #expect(s.send(.enter) == .open("/stores/nn"))
        _ = s.send(.char("/"))
        _ = s.send(.escape)
        #expect(s.shown.count == 18, "Esc clears the filter")
        #expect(s.send(.char("q")) == .quit)
    }

    @Test func framesAtEverySize() throws {
        var s = try Self.state()
        let big = renderNational(s).lines
        #expect(big.contains { $0.contains("National count by target-group level, 31 Mar 2020 (002 Table 4.3)") })
        #expect(big.contains { $0.contains("Lancashire ≠") })
        #expect(big.contains { $0.contains("Allocation £7,000,000 (002 Table 4.4)") }, "the selected VRU's sources")
        // The selected VRU's sources in full, disagreements included.
        s.cursor.selected = s.shown.firstIndex { $0.name == "Lancashire" }!
        #expect(renderNational(s).lines.contains { $0.contains("also £1,600,000 (002 Table 1.1), £1,500,000 (003 §9.2)") })
        // A short terminal starts with the count by level hidden; t shows it.
        var small = try Self.state(width: 80, height: 24)
        #expect(!renderNational(small).lines.contains { $0.contains("National count by target-group level") })
        _ = small.send(.char("t"))
        #expect(renderNational(small).lines.contains { $0.contains("National count by target-group level") })
        let tiny = try Self.state(width: 40, height: 10)
        #expect(renderNational(tiny).lines.contains { $0.contains("Terminal too small") })
        // Any size draws without trapping.
        for (w, h) in [(1, 1), (80, 24), (81, 25), (300, 100)] { _ = renderNational(try Self.state(width: w, height: h)) }
    }
}
