import Foundation
import Testing
import VRModel
import VRStore
import VRTestSupport

/// `validate` checks that the figures agree, not only that each parses: each rule has a store that
/// breaks it (an error, or a warning where the figures may be meant) and the shipped stores that keep it.
@Suite struct ConsistencyTests {
    /// A copy of a shipped store with one snapshot file changed as JSON, and what `validate` finds in it.
    static func check(_ dataset: Dataset, _ file: String, _ change: (inout [String: Any]) throws -> Void) throws -> Store.Validation {
        try withTempDir { dir in
            let path = dir + "/store"
            try FileManager.default.copyItem(atPath: Paths.data.appendingPathComponent(dataset.rawValue).path, toPath: path)
            let url = URL(fileURLWithPath: path + "/" + file)
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            try change(&json)
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
            return Store.check(path)
        }
    }

    /// Changes the first document (or the one with `id`) of a snapshot.
    static func document(_ json: inout [String: Any], id: String? = nil, _ change: (inout [String: Any]) throws -> Void) throws {
        var docs = try #require(json["documents"] as? [[String: Any]])
        let i = try #require(id.map { id in docs.firstIndex { $0["id"] as? String == id } } ?? 0)
        try change(&docs[i])
        json["documents"] = docs
    }

    static func reasons(_ v: Store.Validation) -> [String] { v.problems.map(\.description) }

    @Test(arguments: Dataset.allCases)
    func theShippedStoresKeepEveryRule(_ d: Dataset) {
        let v = Store.check(Paths.data.appendingPathComponent(d.rawValue).path)
        #expect(v.problems.isEmpty, "\(v.problems)")
        #expect(v.warnings.isEmpty, "\(v.warnings)")
    }

    @Test func aRatingThatDisagreesWithItsLastChangeIsAnError() throws {
        let v = try Self.check(.nnvru, "workstreams.json") { json in
            try Self.document(&json, id: "WS-1.1") { $0["inYear"] = "red" }
        }
        let hit = Self.reasons(v).filter { $0.contains("workstreams/WS-1.1") && $0.contains("inYear is Red") }
        #expect(hit.count == 1 && hit[0].contains("no recorded evidence") && hit[0].hasPrefix("workstreams.json:"), "\(Self.reasons(v))")
    }

    @Test func aGrantWhoseOwnYearDisagreesIsAnError() throws {
        let v = try Self.check(.wmvru, "funding.json") { json in
            try Self.document(&json) { f in
                var grants = try #require(f["grants"] as? [[String: Any]])
                let i = try #require(grants.firstIndex { $0["id"] as? String == "core" })
                var years = try #require(grants[i]["years"] as? [[String: Any]])
                let y = try #require(years.firstIndex { $0["year"] as? Int == 2021 })
                years[y]["amount"] = 3_000_000
                grants[i]["years"] = years
                f["grants"] = grants
            }
        }
        #expect(Self.reasons(v).contains { $0.contains("its years give £3,000,000 for 2021/22, but the grant is £3,370,000") }, "\(Self.reasons(v))")
    }

    @Test func aQuorumNamingANonMemberIsAnError() throws {
        let v = try Self.check(.nnvru, "programme.json") { json in
            try Self.document(&json) { p in
                var q = try #require(p["quorum"] as? [String: Any])
                q["required"] = ["m-pcc", "m-nobody"]
                p["quorum"] = q
            }
        }
        #expect(Self.reasons(v).contains { $0.contains("the quorum requires 'm-nobody', who is not a board member") }, "\(Self.reasons(v))")
    }

    @Test func aReturnForAQuarterNotEndedIsAnError() throws {
        let v = try Self.check(.wmvru, "interventions.json") { json in
            try Self.document(&json) { iv in
                var returns = iv["returns"] as? [[String: Any]] ?? []
                returns.append(["quarter": "2027-Q1", "quarters": 1, "under25": 3, "over25": 1, "by": "x", "at": "2021-12-01T00:00:00Z", "note": ""])
                iv["returns"] = returns
            }
        }
        #expect(
            Self.reasons(v).contains { $0.contains("a return for Q1 2027/28, which has not ended at the board's date (13 Dec 2021)") },
            "\(Self.reasons(v))")
    }

    @Test func anAllocationBeyondItsCategoriesIsAWarning() throws {
        let v = try Self.check(.nnvru, "funding.json") { json in
            try Self.document(&json) { f in f["allocation"] = (f["allocation"] as? Int ?? 0) + 5_000 }
        }
        #expect(v.problems.isEmpty, "a warning only: \(Self.reasons(v))")
        #expect(
            v.warnings.map(\.description).contains { $0.contains("£5,000 short of the allocation of £885,000: that money is in no category") },
            "\(v.warnings)")
    }

    @Test func anUnknownFieldIsAnErrorWithTheNameMeant() throws {
        let v = try Self.check(.nnvru, "workstreams.json") { json in
            try Self.document(&json, id: "WS-1.2") { w in
                w["colour"] = "red"
                w["titel"] = "A second title"
            }
        }
        let r = Self.reasons(v)
        #expect(
            r.contains { $0.contains("documents[1].colour: `colour` is not a field of a workstream (vrboard would drop it at the next save)") },
            "\(r)")
        #expect(r.contains { $0.contains("`titel` is not a field of a workstream; did you mean `title`?") }, "\(r)")
    }

    @Test func aMisspeltRequiredFieldNamesWhatWasWritten() throws {
        let v = try Self.check(.nnvru, "workstreams.json") { json in
            try Self.document(&json, id: "WS-1.2") { w in
                w["sponsr"] = w["sponsor"]
                w["sponsor"] = nil
            }
        }
        #expect(
            Self.reasons(v).contains { $0.contains("missing field 'sponsor'; `sponsr` is not a field: did you mean `sponsor`?") },
            "\(Self.reasons(v))")
    }

    @Test func anUnknownValueListsTheAcceptedOnes() throws {
        let v = try Self.check(.nnvru, "risks.json") { json in
            try Self.document(&json) { $0["status"] = "Open" }
        }
        #expect(
            Self.reasons(v).contains { $0.contains("'Open' is not one of the accepted values:") && $0.contains("(did you mean 'open'?)") },
            "\(Self.reasons(v))")
        #expect(!Self.reasons(v).contains { $0.contains("Cannot initialize") })
    }

    @Test func nearestNamesOnlyWhenNear() {
        #expect(Store.nearest("titel", in: ["title", "lead"]) == "title")
        #expect(Store.nearest("colour", in: ["title", "lead", "sponsor"]) == nil)
        #expect(Store.nearest("id", in: ["ids"]) == nil, "one edit is half of a two-letter name: too far to guess")
    }
}
