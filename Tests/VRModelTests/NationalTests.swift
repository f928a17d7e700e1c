import Foundation
import Testing
import VRModel

@Suite struct NationalTests {
    static func shipped() throws -> NationalDataset {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/national/national.json")
        return try JSONDecoder().decode(NationalDataset.self, from: Data(contentsOf: url))
    }

    @Test func theShippedDatasetIsTable44WithItsDisagreements() throws {
        let d = try Self.shipped()
        #expect(d.problem == nil)
        #expect(d.vrus.count == 18)
        #expect(d.vrus.first.map { ($0.name, $0.allocation, $0.interventionPercent) } ?? ("", 0, 0) == ("Metropolitan Police", 7_000_000, 90))
        #expect(d.vrus.last.map { ($0.name, $0.allocation, $0.interventionPercent) } ?? ("", 0, 0) == ("South Wales", 880_000, 34))
        let lancashire = try #require(d.vrus.first { $0.name == "Lancashire" })
        let row = NationalRow(lancashire, year: "2019/20")
        #expect(row.allocation == 1_160_000)
        #expect(row.disagreements == ["£1,600,000 (002 Table 1.1)", "£1,500,000 (003 §9.2)"])
        #expect(row.floorText == "✓ 62% ≥ 20%")
        #expect(row.conditionsText == "not known" && row.rag == nil && row.reach == nil, "nothing invented")
        #expect(d.levelsTotal.individuals == 103_378 && d.levels.count == 5)
        #expect(d.vrus.filter { $0.board != nil }.map(\.name) == ["West Midlands", "Nottinghamshire"])
    }

    @Test func aBadDatasetSaysWhatIsWrong() throws {
        var d = try Self.shipped()
        d.vrus[3].interventionPercent = 140
        #expect(d.problem == "vrus[3].interventionPercent: 140 is not 0-100")
        d = try Self.shipped()
        d.levels[0].individuals += 1
        #expect(d.problem == "levels do not add up to levelsTotal")
        d = try Self.shipped()
        d.vrus[1].id = d.vrus[0].id
        #expect(d.problem?.contains("duplicate id") == true)
    }

    @Test func sortingPutsTheUnknownLast() throws {
        let d = try Self.shipped()
        var rows = d.vrus.map { NationalRow($0, year: "2019/20") }
        rows[5].interventionShare = nil
        let byShare = NationalRow.sorted(rows, by: .share)
        #expect(byShare.first?.name == "Metropolitan Police")
        #expect(byShare.last?.name == rows[5].name)
        #expect(NationalRow.sorted(rows, by: .name).first?.name == "Avon and Somerset")
        // Attention: below the floor first.
        rows[10].interventionShare = Share(10, of: 100)
        #expect(NationalRow.sorted(rows, by: .attention).first?.name == rows[10].name)
        #expect(rows[10].floorText == "✗ 10% < 20%")
    }
}
