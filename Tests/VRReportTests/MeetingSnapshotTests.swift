import Foundation
import Testing
import VRModel
import VRReport
import VRStore

/// A meeting freezes the programme as shown: later changes to the store do not alter its papers.
@Suite("Meeting snapshot")
struct MeetingSnapshotTests {
    static let day = Day("2021-11-02")!

    /// A writable copy of the NNVRU sample, opened.
    static func sampleStore(_ folder: TempFolder) throws -> (String, Store) {
        let path = folder.file("store")
        try Store.create(at: path, copying: PackFixtures.dataDir + "/nnvru-2021-22", dataset: "nnvru-2021-22")
        return (path, try Store(path: path))
    }

    /// A writable copy of the NNVRU sample with a meeting on 2 Nov 2021, then WS-1.3 rated R and the
    /// interventions line raised to £300,000 (staff lowered to match) after the meeting was opened.
    static func storeWithLaterChanges(_ folder: TempFolder) throws -> String {
        let (path, store) = try Self.sampleStore(folder)
        var m = Meeting.new(on: day, board: store.board, author: "clerk")
        m.hold(board: store.board, seq: nil, at: "2021-11-02T10:00:00Z")
        try store.commit(.meeting(m), baseRev: 0, by: "clerk", note: "Board of 2 Nov 2021: meeting held")
        var w = try #require(store.board.workstreams["WS-1.3"])
        let base = w.rev
        try w.rate(.inYear, to: .red, by: "analyst", at: "2021-11-10T09:00:00Z", comment: "Data sharing agreement lapsed")
        try store.commit(.workstream(w), baseRev: base, by: "analyst", note: "In-year rating Amber/Red → Red")
        var f = store.board.funding
        let i = try #require(f.categories.firstIndex { $0.id == "interventions" })
        let s = try #require(f.categories.firstIndex { $0.id == "staff" })
        f.categories[i].amount = 300_000
        f.categories[s].amount = 350_200
        try store.commit(.funding(f), baseRev: f.rev, by: "finance", note: "Reprofiled the split")
        try store.close()
        return path
    }

    /// A draft keeps no copy of the board (its slides follow the live board): starting one writes a small
    /// journal line whatever the board's size; holding it freezes the board; a draft written with a copy
    /// by an older vrboard drops it on reading.
    @Test("a draft meeting keeps no copy of the board; holding it freezes one")
    func aDraftKeepsNothing() throws {
        let folder = try TempFolder("draft")
        defer { folder.remove() }
        let (_, store) = try Self.sampleStore(folder)
        var m = Meeting.new(on: Self.day, board: store.board, author: "clerk")
        #expect(m.snapshot == nil)
        let draft = try store.commit(.meeting(m), baseRev: 0, by: "clerk", note: "Board of 2 Nov 2021: draft meeting started")
        let line = try JSONEncoder().encode(draft)
        #expect(line.count < 4_096, "a draft's journal line is \(line.count) bytes")
        m.rev = 1
        m.hold(board: store.board, seq: nil, at: "2021-11-02T10:00:00Z")
        let held = try store.commit(.meeting(m), baseRev: 1, by: "clerk", note: "held")
        #expect(try JSONEncoder().encode(held).count > 20 * line.count, "holding freezes the board as shown")
        #expect(store.board.meetings[m.id]?.snapshot?.board.workstreams.items.count == store.board.workstreams.items.count)

        // A draft with a copy, as an older vrboard wrote it, reads without one.
        var old = Meeting.new(on: Day("2021-12-01")!, board: store.board, author: "clerk")
        old.snapshot = Snapshot(of: store.board)
        let decoded = try JSONDecoder().decode(Meeting.self, from: JSONEncoder().encode(old))
        #expect(decoded.snapshot == nil && decoded.stage == .draft)
        try store.close()
    }

    @Test("after reopening the store the meeting's snapshot still has the old rating and amount")
    func snapshotIsFrozen() throws {
        let folder = try TempFolder("snapshot")
        defer { folder.remove() }
        let path = try Self.storeWithLaterChanges(folder)
        let b = try Store(path: path, readOnly: true).board
        // The store moved on…
        #expect(b.workstreams["WS-1.3"]?.inYear == .red)
        #expect(b.funding.categories.first { $0.id == "interventions" }?.amount == 300_000)
        // …the meeting did not.
        let m = try #require(b.meetings[Self.day.description])
        #expect(m.rev == 1)
        let snapshot = try #require(m.snapshot, "a held meeting keeps the board as shown")
        #expect(snapshot.board.workstreams["WS-1.3"]?.inYear == .amberRed)
        #expect(snapshot.board.workstreams["WS-1.3"]?.history.last?.comment.hasPrefix("Data sharing efforts") == true)
        #expect(snapshot.funding.categories.first { $0.id == "interventions" }?.amount == 255_200)
        #expect(snapshot.funding.checks.first?.margin == 79_200)
        #expect(m.header == PaperHeader(reportTo: "Strategic Violence Reduction Board", author: "clerk", agendaItem: "VRU highlight report"))

        // The meeting's pack shows the board as it was; the pack without one shows it as it is.
        let then = MarkdownPack.render(PackSource(store: b, meeting: m, today: Day("2021-12-01")!, author: "x"))
        let now = MarkdownPack.render(PackSource(store: b, meeting: nil, today: Day("2021-12-01")!, author: "x"))
        #expect(Self.ws13(then)?[3] == "A/R Amber/Red†")
        #expect(Self.ws13(now)?[3] == "R Red")
        #expect(Markdown.table(then, under: "Grant conditions")?.rows.first?[1] == "£255,200 (29%)")
        #expect(Markdown.table(now, under: "Grant conditions")?.rows.first?[1] == "£300,000 (34.1%)")
        #expect(Markdown.table(now, under: "Grant conditions")?.rows.first?[3] == "£124,000")
    }

    /// A meeting held on `day`: the board as it is frozen as the board shown.
    static func held(_ day: Day, _ b: Board) -> Meeting {
        var m = Meeting.new(on: day, board: b, author: "clerk")
        m.hold(board: b, seq: nil, at: "\(day)T10:00:00Z")
        return m
    }

    static func ws13(_ md: String) -> [String]? {
        Markdown.tables(md).tables.flatMap(\.rows).first { $0.first == "WS-1.3" && $0.count == 7 }
    }

    @Test("vrboard export --meeting shows the frozen rating; without --meeting, the current one")
    func exportCommand() throws {
        let folder = try TempFolder("snapshot-cli")
        defer { folder.remove() }
        let path = try Self.storeWithLaterChanges(folder)
        let exe = try vrboardBinary()
        let env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"]

        let then = try runTool(exe, ["export", "--store", path, "--format", "md", "--meeting", "2021-11-02"], environment: env)
        try #require(then.status == 0, "\(then)")
        #expect(Self.ws13(then.out)?[3] == "A/R Amber/Red†")
        #expect(then.out.contains("| Date of Meeting | 2 Nov 2021 |"))
        #expect(then.out.contains("| Report Author | NOT YET CHOSEN (the paper form) |"))
        #expect(then.out.contains("| Interventions ≥ 20% of the grant | £255,200 (29%) | £176,000 | £79,200 | PASS |"))

        // Without --meeting the pack is the latest meeting's, and stderr says which.
        let latest = try runTool(exe, ["export", "--store", path, "--format", "md"], environment: env)
        try #require(latest.status == 0, "\(latest)")
        #expect(latest.out == then.out)
        #expect(latest.err.contains("the pack of the board of 2 Nov 2021, the latest meeting, on or before the board's date"), "\(latest.err)")

        // --live: the board as it is now, saying it is not a meeting's pack.
        let now = try runTool(exe, ["export", "--store", path, "--format", "md", "--live", "--author", "j.smith"], environment: env)
        try #require(now.status == 0, "\(now)")
        #expect(now.err.isEmpty, "\(now.err)")
        #expect(Self.ws13(now.out)?[3] == "R Red")
        #expect(now.out.contains("| Report Author | Not a meeting's paper |") && !now.out.contains("j.smith"))
        #expect(now.out.contains("| Interventions ≥ 20% of the grant | £300,000 (34.1%) | £176,000 | £124,000 | PASS |"))
        #expect(now.out.contains("This pack shows the board as it is now, not a meeting"))
        #expect(!now.out.contains("No meeting"))
        let both = try runTool(exe, ["export", "--store", path, "--format", "md", "--live", "--meeting", "2021-11-02"], environment: env)
        #expect(both.status == 2 && both.err.contains("give --meeting or --live, not both"), "\(both)")

        // The spreadsheets of a meeting are its snapshot too.
        let csvThen = folder.file("csv-then"), csvNow = folder.file("csv-now")
        let c1 = try runTool(exe, ["export", "--store", path, "--format", "csv", "--meeting", "2021-11-02", "--out", csvThen], environment: env)
        try #require(c1.status == 0, "\(c1)")
        let c2 = try runTool(exe, ["export", "--store", path, "--format", "csv", "--out", csvNow], environment: env)
        try #require(c2.status == 0, "\(c2)")
        #expect(try readCSV(csvThen + "/workstreams.csv").first { $0[0] == "WS-1.3" }?[6] == "A/R")
        #expect(try readCSV(csvNow + "/workstreams.csv").first { $0[0] == "WS-1.3" }?[6] == "R")
        #expect(try readCSV(csvThen + "/funding.csv").first { $0[0] == "category" && $0[1].hasPrefix("Commissioned") }?[2] == "255200")
        #expect(try readCSV(csvNow + "/funding.csv").first { $0[0] == "category" && $0[1].hasPrefix("Commissioned") }?[2] == "300000")

        // A date with no meeting is refused, naming the ones there are.
        let missing = try runTool(exe, ["export", "--store", path, "--format", "md", "--meeting", "2021-11-03"], environment: env)
        #expect(missing.status != 0)
        #expect(missing.err.contains("no meeting on 3 Nov 2021") && missing.err.contains("2021-11-02"), "\(missing)")
        #expect(missing.stdout.isEmpty)
    }

    @Test("changed since the last board compares the second meeting's snapshot with the first's")
    func changesBetweenTwoMeetings() throws {
        let folder = try TempFolder("two-meetings")
        defer { folder.remove() }
        let (path, store) = try Self.sampleStore(folder)
        let first = Day("2021-11-02")!, second = Day("2022-02-01")!
        try store.commit(.meeting(Self.held(first, store.board)), baseRev: 0, by: "clerk", note: "first board")
        // Between the boards: WS-2.3 goes from A to A/G, with evidence.
        var w = try #require(store.board.workstreams["WS-2.3"])
        var base = w.rev
        try w.rate(.inYear, to: .amberGreen, by: "officer", at: "2021-12-01T09:00:00Z", comment: "Social media skills sessions delivered")
        try store.commit(.workstream(w), baseRev: base, by: "officer", note: "WS-2.3 A → A/G")
        try store.commit(.meeting(Self.held(second, store.board)), baseRev: 0, by: "clerk", note: "second board")
        // After the second board: WS-3.2 drops, which its pack must not show.
        var late = try #require(store.board.workstreams["WS-3.2"])
        base = late.rev
        try late.rate(.inYear, to: .red, by: "officer", at: "2022-02-10T09:00:00Z", comment: "Comms lead left")
        try store.commit(.workstream(late), baseRev: base, by: "officer", note: "WS-3.2 G → R")
        try store.close()

        let b = try Store(path: path, readOnly: true).board
        let m2 = try #require(b.meetings[second.description])
        let src = PackSource(store: b, meeting: m2, today: Day("2022-03-01")!, author: "x")
        #expect(src.previous?.id == first.description)
        #expect(src.changes.map(\.workstream.id) == ["WS-2.3"])
        #expect(src.changes.first?.before == .amber && src.changes.first?.after == .amberGreen)
        #expect(src.changes.first?.comments.map(\.comment) == ["Social media skills sessions delivered"])
        let md = MarkdownPack.render(src)
        let section = try #require(
            Markdown.section(md, "Changed since the last board (2 Nov 2021)"), "no comparison with the first board:\n\(md.prefix(3000))")
        let changed = try #require(Markdown.table(md, under: "Changed since the last board (2 Nov 2021)"))
        #expect(
            changed.rows == [
                [
                    "WS-2.3 Skills on the impact of social media", "A → A/G Amber/Green", "A Amber† (unchanged)",
                    "Social media skills sessions delivered (in-year, \(Attribution.unlisted), 1 Dec 2021)",
                ]
            ])
        #expect(section.contains("| Workstream | In-year | Overall | Latest comment |"))
        #expect(!md.contains("Comms lead left"))
        #expect(Self.row(md, "WS-3.2")?[3] == "G Green†")

        // The first board has no earlier one: it looks back a quarter instead.
        let m1 = try #require(b.meetings[first.description])
        let md1 = MarkdownPack.render(PackSource(store: b, meeting: m1, today: Day("2022-03-01")!, author: "x"))
        #expect(md1.contains("### Changed in the quarter to 2 Nov 2021 (no earlier board recorded)"))
        #expect(Self.row(md1, "WS-2.3")?[3] == "A Amber†")
        #expect(!md1.contains("Social media skills sessions delivered"))
    }

    static func row(_ md: String, _ id: String) -> [String]? {
        Markdown.tables(md).tables.flatMap(\.rows).first { $0.first == id && $0.count == 7 }
    }
}
