import Foundation
import Testing
import VRTestSupport

/// Members following the presenter from their own screens (`vrboard present --follow`): on a folder
/// store, and on PostgreSQL as a viewer (no write permission), each at another size than the presenter's.
@Suite("Following the presenter in tmux", .serialized)
struct FollowE2ETests {
    static let meeting = "2021-11-02"

    /// The slide number in a screen's footer (`Slide 5a of 15` → 5).
    static func slide(_ screen: String) -> Int? {
        guard let r = screen.range(of: "Slide [0-9]+[a-z]* of [0-9]+", options: .regularExpression) else { return nil }
        return Int(screen[r].dropFirst("Slide ".count).prefix { $0.isNumber })
    }

    /// A presenter and a follower on `store` (`follower` the store as the follower opens it): the follower
    /// goes where the presenter goes, pages back on its own and stops following, and `f` returns it; a
    /// decision recorded by the presenter shows on the follower's record slide as it is saved.
    static func follow(_ box: Sandbox, store: String, follower: String, label: String) throws {
        try #require(box.vrboard(["meetings", "schedule", meeting, "--store", store]).status == 0)
        let p = try BoardSession(
            "\(label)-presenter", sandbox: box, vrboard: ["present", "--store", store, "--meeting", meeting, "--user", "clerk", "--no-mouse"],
            width: 100, height: 30)
        defer { p.kill() }
        try p.waitFor(["Slide 1 of 15"])
        let f = try BoardSession(
            "\(label)-follower", sandbox: box, vrboard: ["present", "--follow", "--store", follower, "--meeting", meeting, "--no-mouse"],
            width: 80, height: 24)
        defer { f.kill() }
        try f.waitFor(["following the presenter"])
        // The presenter moves: the follower's screen goes with them, slide for slide.
        for n in [5, 8, 2] {
            try p.press("\(n)")
            try f.waitFor("the follower on slide \(n)") { slide($0) == n && $0.contains("following the presenter") }
        }
        // Paging back on its own screen: no longer following; the presenter's moves do not take it along.
        try f.press("Left")
        try f.waitFor("the follower on its own slide 1") { slide($0) == 1 && $0.contains("not following") }
        try p.press("6")
        try p.waitFor("the presenter on slide 6") { slide($0) == 6 }
        try f.waitFor("the follower told where the presenter is") { $0.contains("presenter's slide 6") || $0.contains("not following (f)") }
        #expect(slide(try f.capture()) == 1, "not following: it stays where its user went")
        // f: back to the presenter's slide, and following again.
        try f.press("f")
        try f.waitFor("the follower back on slide 6") { slide($0) == 6 && $0.contains("following the presenter") }
        // The follower may not record: its meeting keys say why.
        try f.press("d")
        try f.waitFor(["following the presenter: this screen only reads the meeting"])
        // The presenter holds the meeting and records a decision: the follower's record slide shows it as saved.
        try p.press("H")
        try p.waitFor(["Start the board of 2 Nov 2021?"])
        try p.press("y")
        try p.press("g")
        try p.type("14")
        try p.press("Enter")
        try f.waitFor("the follower on the record slide") { slide($0) == 14 }
        try p.press("d")
        try p.waitFor(["Record a decision"])
        try p.type("Approve the year 3 commissioning plan")
        try p.press("Enter")
        try f.waitFor(["D1. Approve the year 3 commissioning plan"])
        try f.press("q")
        #expect(try f.waitForExit().status == 0)
        try p.press("q")
        #expect(try p.waitForExit().status == 0)
    }

    @Test("a follower on a folder store follows the presenter, pages back on its own, and f returns it")
    func folder() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru).path
        try Self.follow(box, store: store, follower: store, label: "folder")
    }

    @Test("a PostgreSQL viewer (no write permission) follows the presenter the same way")
    func postgres() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let db = try cluster.database("e2efollow")
        let admin = cluster.url(db, vru: "nn")
        try #require(box.vrboard(["init", admin, "--dataset", "nnvru-2021-22"]).status == 0)
        try cluster.login("e2e_follower")
        try #require(box.vrboard(["grant", "viewer", "e2e_follower", "--store", admin]).status == 0)
        try Self.follow(box, store: admin, follower: cluster.url(db, vru: "nn", user: "e2e_follower"), label: "pg")
    }
}
