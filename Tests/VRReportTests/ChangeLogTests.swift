import Testing
import VRModel
import VRReport
import VRTestSupport

@Suite struct ChangeLogTests {
    @Test func whoSavedWhatSinceTheLastBoard() throws {
        let log = PackSource.ChangeAuthor.from([
            ("The Chair", "alice", "workstreams", "2021-10-01T09:00:00Z"), ("The Chair", "alice", "risks", "2021-10-02T09:00:00Z"),
            ("The Chair", "alice", "workstreams", "2021-10-03T09:00:00Z"), ("bob", "bob", "funding", "2021-10-04T09:00:00Z"),
            ("The Chair", "mallory", "workstreams", "2021-10-05T09:00:00Z"),
        ])
        #expect(log.map(\.who) == ["The Chair (as alice)", "The Chair (as mallory)", "bob"], "one name typed by two logins is two lines")
        #expect(log[0].count == 3 && log[0].what == "workstreams 2, risks 1" && log[0].last == "2021-10-03T09:00:00Z")
        var src = PackSource(store: try Fixtures.board("nnvru-2021-22"), meeting: nil, today: Day("2021-11-02")!, author: "secretary")
        let without = MarkdownPack.render(src)
        #expect(!without.contains("Changes recorded since"), "no journal read: no section")
        src.changeLog = log
        let md = MarkdownPack.render(src)
        #expect(md.contains("Changes recorded since the last board"))
        #expect(md.contains("| The Chair (as mallory) | 1 | workstreams 1 | 5 Oct 2021 |"))
        #expect(md.contains("5 changes saved"))
        #expect(HTMLPack.render(src).contains("The Chair (as alice)"))
    }
}
