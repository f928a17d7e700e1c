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
        #expect(
            log.map(\.who) == [
                "The Chair (saved under a login no member holds)", "The Chair (saved under a login no member holds)", Attribution.unlisted,
            ], "one name typed by two logins is two lines; a paper never prints a login no member holds"
        )
        #expect(log[0].count == 3 && log[0].what == "workstreams 2, risks 1" && log[0].last == "2021-10-03T09:00:00Z")
        var src = PackSource(store: try Fixtures.board("nnvru-2021-22"), meeting: nil, today: Day("2021-11-02")!, author: "secretary")
        let without = MarkdownPack.render(src)
        #expect(!without.contains("Changes recorded since"), "no journal read: no section")
        src.changeLog = log
        let md = MarkdownPack.render(src)
        #expect(md.contains("Changes recorded since the last board"))
        #expect(md.contains("| The Chair (saved under a login no member holds) | 1 | workstreams 1 | 5 Oct 2021 |"))
        #expect(md.contains("5 changes saved"))
        #expect(!md.contains("alice") && !md.contains("mallory") && !md.contains("bob"), "no login in the paper")
        #expect(HTMLPack.render(src).contains("The Chair (saved under a login no member holds)"))
    }

    /// A member who carries a login is who a change under that login is attributed to: the name given
    /// shows with that member beside it where they differ, in the pack, the CSV and the detail pane alike.
    @Test func aChangeIsAttributedToTheMemberOfItsLogin() throws {
        var b = try Fixtures.board("nnvru-2021-22")
        var director = try #require(b.members.items.first)
        director.logins = ["alice"]
        b.members.put(director)
        let name = director.shownName
        #expect(b.person(director.name, login: "alice") == name, "the member saving as themselves")
        #expect(b.person("The Chair", login: "alice") == "The Chair (recorded by \(name))")
        #expect(b.person("The Chair", login: "mallory") == "The Chair (recorded by mallory)", "a login no member carries")
        #expect(b.person("The Chair", login: nil) == "The Chair", "a change recorded before logins were kept")
        var w = try #require(b.workstreams["WS-1.1"])
        try w.rate(.inYear, to: w.inYear == .red ? .green : .red, by: "The Chair", at: "2021-11-01T09:00:00Z", comment: "seen", login: "alice")
        b.workstreams.put(w)
        let csv = CSVExport.workstreams(b)
        #expect(csv.contains("The Chair (recorded by \(name))"), "\(csv.prefix(400))")
        let md = markdownShown(MarkdownPack.render(PackSource(store: b, meeting: nil, today: Day("2021-11-02")!, author: "secretary")))
        #expect(md.contains("seen (The Chair (recorded by \(name)), 1 Nov 2021)"), "the pack names who recorded the latest comment")
    }
}
