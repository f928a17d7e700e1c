import Foundation
import Testing
import VRModel
import VRReport

/// The spreadsheet exports, read back with Python's csv module.
@Suite("CSV export")
struct CSVExportTests {
    static let workstreamHeader = [
        "id", "priority", "priority_title", "title", "lead", "sponsor", "in_year", "overall", "trend", "objectives",
        "latest_comment", "updated", "exit_strategy", "archived", "source", "in_year_basis", "overall_basis", "updated_by",
    ]
    static let riskHeader = [
        "id", "title", "category", "owner", "proximity", "inherent_l", "inherent_i", "inherent", "residual_l", "residual_i",
        "residual", "band", "target", "response", "status", "closed_reason", "escalated", "last_reviewed", "next_review",
        "actions", "source",
    ]
    static let fundingHeader = ["line", "name", "amount_gbp", "share", "kind_or_result", "detail", "source"]

    @Test("UTF-8 with a byte-order mark, CRLF line ends")
    func encoding() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        for text in [CSVExport.workstreams(b), CSVExport.risks(b), CSVExport.funding(b)] {
            let bytes = [UInt8](text.utf8)
            #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(text.hasSuffix("\r\n"))
            // Every line end outside a quoted field is CR LF.
            var quoted = false
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { quoted.toggle() }
                if byte == UInt8(ascii: "\n") && !quoted { #expect(previous == UInt8(ascii: "\r")) }
                previous = byte
            }
        }
    }

    @Test("workstreams.csv: a row per workstream with ids, priorities and rating letters", arguments: PackFixtures.datasets)
    func workstreams(dataset: String) throws {
        let b = try PackFixtures.board(dataset)
        let folder = try TempFolder("csv-ws")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.workstreams(b), in: folder, name: "workstreams.csv")
        #expect(rows.first == Self.workstreamHeader)
        #expect(rows.count == b.workstreams.count + 1)
        #expect(rows.allSatisfy { $0.count == Self.workstreamHeader.count })
        for (row, w) in zip(rows.dropFirst(), b.workstreams.items) {
            #expect(row[0] == w.id)
            #expect(row[1] == w.priority)
            #expect(row[2] == b.priorities[w.priority]?.title)
            #expect(row[3] == w.title)
            #expect(row[4] == b.name(of: w.lead))
            #expect(row[6] == w.inYear.letter, "\(w.id) in-year")
            #expect(row[7] == w.overall.letter, "\(w.id) overall")
            #expect(row[9] == w.objectives.joined(separator: "\n"))
            #expect(row[10] == (w.history.last?.comment ?? ""))
            #expect(row[13] == (w.archived ? "yes" : "no"))
            #expect(row[14] == w.source)
            #expect(row[15] == (w.lastChange(.inYear)?.basis.rawValue ?? ""), "\(w.id) in-year basis")
            #expect(row[16] == (w.lastChange(.overall)?.basis.rawValue ?? ""), "\(w.id) overall basis")
        }
    }

    @Test("interventions.csv and evaluations.csv: a row each, budgets and costs with whether they are illustrative")
    func interventionsAndEvaluations() throws {
        let b = try PackFixtures.board("wmvru-2021-22")
        let folder = try TempFolder("csv-iv")
        defer { folder.remove() }
        let ivs = try roundTripCSV(CSVExport.interventions(b), in: folder, name: "interventions.csv")
        #expect(ivs.count == 17 && ivs.allSatisfy { $0.count == ivs[0].count })
        let budget = try #require(ivs[0].firstIndex(of: "budget_gbp"))
        #expect(ivs.dropFirst().map { Int($0[budget]) ?? 0 }.reduce(0, +) == 2_090_000)
        #expect(ivs.dropFirst().allSatisfy { $0[budget + 1] == "yes" })
        let evs = try roundTripCSV(CSVExport.evaluations(b), in: folder, name: "evaluations.csv")
        #expect(
            evs.first == [
                "id", "title", "commissioned_by", "scope", "type", "interventions", "due", "status", "finding", "cost_gbp", "cost_illustrative",
                "source",
            ])
        #expect(evs.count == 9)
        #expect(evs.first { $0[0] == "EV-02" }.map { [$0[9], $0[10]] } == ["110000", "yes"])
        #expect(
            evs.first { $0[0] == "EV-01" }.map { [$0[9], $0[10]] } == ["", "no"], "the Home Office's own evaluation costs the VRU nothing recorded")
    }

    @Test("NNVRU workstreams.csv has WS-1.3 at A/R and WS-4.3 not rated")
    func nnvruLetters() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        let folder = try TempFolder("csv-nn")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.workstreams(b), in: folder, name: "workstreams.csv")
        #expect(rows.first { $0[0] == "WS-1.3" }.map { [$0[6], $0[7], $0[8]] } == ["A/R", "A", "first rating"])
        #expect(rows.first { $0[0] == "WS-4.3" }.map { [$0[6], $0[7]] } == ["-", "A/G"])
        #expect(rows.first { $0[0] == "WS-1.6" }.map { [$0[6], $0[7], $0[8]] } == ["C", "C", "done"])
    }

    @Test("risks.csv: a row per risk with scores, band, escalation and review dates", arguments: PackFixtures.datasets)
    func risks(dataset: String) throws {
        let b = try PackFixtures.board(dataset)
        let folder = try TempFolder("csv-risks")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.risks(b), in: folder, name: "risks.csv")
        #expect(rows.first == Self.riskHeader)
        #expect(rows.count == b.risks.count + 1)
        #expect(rows.allSatisfy { $0.count == Self.riskHeader.count })
        let escalated = Set(b.escalatedRisks.map(\.id))
        for (row, r) in zip(rows.dropFirst(), b.risks.items) {
            #expect(row[0] == r.id)
            #expect(row[1] == r.title)
            #expect(row[3] == b.name(of: r.owner))
            #expect([row[5], row[6], row[7]] == ["\(r.inherent.likelihood)", "\(r.inherent.impact)", "\(r.inherent.value)"])
            #expect([row[8], row[9], row[10]] == ["\(r.residual.likelihood)", "\(r.residual.impact)", "\(r.residual.value)"])
            #expect(row[11] == r.band.name)
            #expect(row[14] == r.status.rawValue)
            #expect(row[16] == (escalated.contains(r.id) ? "yes" : "no"), "\(r.id) escalated")
            #expect(row[17] == r.lastReviewed.description)
            #expect(row[18] == (r.status == .open ? r.nextReview.description : ""))
            #expect(row[19].split(separator: "\n").count == r.actions.count)
        }
        // The residual scores give the same heat map as the register.
        var grid = Array(repeating: Array(repeating: 0, count: 5), count: 5)
        for row in rows.dropFirst() where row[14] == "open" {
            grid[Int(row[8])! - 1][Int(row[9])! - 1] += 1
        }
        #expect(grid == RiskRegister.heatMap(b.risks.items))
    }

    @Test("funding.csv: the allocation, each category, each condition and each grant", arguments: PackFixtures.datasets)
    func funding(dataset: String) throws {
        let b = try PackFixtures.board(dataset)
        let fu = b.funding
        let folder = try TempFolder("csv-funding")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.funding(b), in: folder, name: "funding.csv")
        #expect(rows.first == Self.fundingHeader)
        #expect(rows.count == 1 + 1 + fu.categories.count + fu.conditions.count + fu.grants.count)
        #expect(rows.allSatisfy { $0.count == Self.fundingHeader.count })
        #expect(rows[1] == ["allocation", fu.allocationName, "\(fu.allocation)", "100%", "", "", fu.allocationSource])
        let categories = rows.filter { $0[0] == "category" }
        #expect(categories.map { $0[1] } == fu.categories.map(\.name))
        #expect(categories.map { Int($0[2]) } == fu.categories.map(\.amount))
        #expect(categories.compactMap { Int($0[2]) }.reduce(0, +) == fu.allocated)
        let conditions = rows.filter { $0[0] == "condition" }
        #expect(conditions.map { $0[4] } == fu.checks.map { $0.passes ? "pass" : "fail" })
        #expect(conditions.map { Int($0[2]) } == fu.checks.map(\.actual))
        let grants = rows.filter { $0[0] == "grant" }
        #expect(grants.map { $0[1] } == fu.grants.map(\.name))
        #expect(grants.map { Int($0[2]) } == fu.grants.map(\.amount))
    }

    @Test("NNVRU funding.csv: interventions £255,200 at 29%, the floor passes with margin 79200")
    func nnvruFunding() throws {
        let b = try PackFixtures.board("nnvru-2021-22")
        let folder = try TempFolder("csv-nnf")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.funding(b), in: folder, name: "funding.csv")
        #expect(
            rows.contains([
                "category", "Commissioned interventions, primary, secondary and tertiary", "255200", "29%", "interventions", "",
                "000 §2.3.6 (29%)",
            ]))
        #expect(
            rows.contains(["condition", "Interventions ≥ 20% of the grant", "255200", "29%", "pass", "margin 79200; required 176000", "000 §2.3.6"]))
        #expect(
            rows[1] == [
                "allocation", "Home Office VRU grant 2020/21", "880000", "100%", "", "",
                "000 §2.3.6 (the 2020/21 allocation and its split, the latest in the seeds; 001 §4.19 gives the core budget as £880,000 per annum but no 2021/22 split)",
            ])
    }

    @Test("a field with a comma, a quote and a line break reads back exactly")
    func awkwardFieldsRoundTrip() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.workstreams["WS-2.3"])
        let title = "Knives, guns and \"county lines\"\nphase 2"
        let comment = "Said \"no\", then \"yes\"; see, the minutes"
        w.title = title
        w.objectives = ["Reach 500 pupils, across \"hotspot\" schools", " leading space", "trailing space ", "", "=SUM(A1)"]
        try w.rate(.inYear, to: .red, by: "analyst", at: "2021-11-01T09:00:00Z", comment: comment)
        b.workstreams.put(w)
        var r = try #require(b.risks["R01"])
        r.title = "Probation data, \"again\""
        r.actions.append(Mitigation(action: "Write, \"politely\"", owner: "Head, Insight", due: Day("2022-02-01")!, status: .planned))
        b.risks.put(r)
        b.funding.categories[0].name = "Infrastructure, \"accommodation\"\nand services"
        let folder = try TempFolder("csv-awkward")
        defer { folder.remove() }

        let ws = try roundTripCSV(CSVExport.workstreams(b), in: folder, name: "workstreams.csv")
        #expect(ws.count == b.workstreams.count + 1)
        let row = try #require(ws.first { $0[0] == "WS-2.3" })
        #expect(row.count == Self.workstreamHeader.count)
        #expect(row[3] == title)
        #expect(row[9] == w.objectives.joined(separator: "\n"))
        #expect(row[10] == comment)
        #expect(row[6] == "R")

        let risks = try roundTripCSV(CSVExport.risks(b), in: folder, name: "risks.csv")
        #expect(risks.count == b.risks.count + 1)
        let rr = try #require(risks.first { $0[0] == "R01" })
        #expect(rr[1] == "Probation data, \"again\"")
        #expect(rr[19].hasSuffix("\nWrite, \"politely\" (Head, Insight, due 2022-02-01, Planned)"))

        let funding = try roundTripCSV(CSVExport.funding(b), in: folder, name: "funding.csv")
        #expect(funding.contains { $0[0] == "category" && $0[1] == "Infrastructure, \"accommodation\"\nand services" && $0[2] == "58000" })
        #expect(funding.count == 1 + 1 + b.funding.categories.count + b.funding.conditions.count + b.funding.grants.count)
    }

    @Test("a field with a Windows line break (CR LF) reads back exactly")
    func crlfFieldRoundTrips() throws {
        var b = try PackFixtures.board("nnvru-2021-22")
        var w = try #require(b.workstreams["WS-2.3"])
        w.title = "Pasted from Word\r\nsecond line"
        b.workstreams.put(w)
        let folder = try TempFolder("csv-crlf")
        defer { folder.remove() }
        let rows = try roundTripCSV(CSVExport.workstreams(b), in: folder, name: "workstreams.csv")
        #expect(rows.count == b.workstreams.count + 1, "a CR LF inside a field split the row")
        #expect(rows.allSatisfy { $0.count == Self.workstreamHeader.count })
        #expect(rows.first { $0[0] == "WS-2.3" }?[3] == "Pasted from Word\r\nsecond line")
        #expect(CSVExport.field("a\r\nb") == "\"a\r\nb\"")
    }
}
