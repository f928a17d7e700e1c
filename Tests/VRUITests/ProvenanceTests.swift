import Testing
import VRModel

@Suite struct ProvenanceTests {
    @Test func aCitationNamesOneOfTheFiveSeedsAndASection() {
        for yes in ["000 §2.3.6", "(001 §4.33)", "004 Table 1", "004 ToR", "001 header (Interim Head of VRU)", "003 §3.3 and 004 §28", "000 Fig. 4"] {
            #expect(Provenance.cites(yes), "\(yes)")
        }
        for no in ["§4.33", "006 §1", "the 2020 budget", "004", "page 4 of 001"] { #expect(!Provenance.cites(no), "\(no)") }
        #expect(Provenance.status(of: "illustrative: share not given") == .illustrative)
        #expect(Provenance.status(of: "Judgement from the evidence in 001 §4.34") == .judgement)
        #expect(Provenance.status(of: "") == .missing)
    }

    @Test(arguments: Fixtures.datasets)
    func everyShippedItemIsSourcedOrMarked(dataset: String) throws {
        let rows = Provenance.rows(try Fixtures.board(dataset))
        #expect(!rows.isEmpty)
        #expect(rows.filter { $0.status == .missing }.map { "\($0.item) \($0.field)" } == [])
        // Every rating change is listed, with its evidence as its source.
        let b = try Fixtures.board(dataset)
        #expect(rows.filter { $0.field.contains(" rating ") }.count == b.workstreams.items.reduce(0) { $0 + $1.history.count })
        // Every post on the board is listed, and the shipped data's ratings are sourced or judgement, never
        // merely recorded (that is for ratings entered on the board).
        #expect(Set(rows.map(\.item)).isSuperset(of: b.members.items.map(\.id)))
        #expect(rows.filter { $0.field.contains(" rating ") }.allSatisfy { $0.status == .sourced || $0.status == .judgement })
        // A post no seed names shows its mark wherever its name does.
        for m in b.members.items where m.isIllustrative { #expect(b.name(of: m.id) == m.name + Provenance.illustrativeMark) }
        // A figure without a source is caught.
        var broken = b
        broken.funding.categories[0].source = "to be entered"
        #expect(Provenance.rows(broken).contains { $0.status == .missing && $0.item == "funding/\(b.funding.categories[0].id)" })
    }
}
