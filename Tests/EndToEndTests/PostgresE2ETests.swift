import Foundation
import Testing
import VRTestSupport

/// The real binary on the PostgreSQL store (a private cluster), and the national view.
@Suite(.serialized) struct PostgresE2ETests {
    /// Folder to PostgreSQL and back with `vrboard copy`: the exports and histories of all three are the same.
    @Test func copyBothWaysIsLossless() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let folder = try box.makeStore(.wmvru)
        try #require(box.vrboard(["rag", "WM-02", "R", "--note", "Provider withdrew", "--user", "Bob", "--store", folder.path]).status == 0)
        try #require(
            box.vrboard(["spend", "IV-08", "--quarter", "2021-Q2", "--actual", "160000", "--user", "ana", "--store", folder.path]).status == 0)
        let url = cluster.url(try cluster.database("e2ecopy"), vru: "wm")
        let back = box.root.appendingPathComponent("back").path
        let there = try box.vrboard(["copy", "--from", folder.path, "--to", url])
        #expect(there.status == 0, "\(there)")
        #expect(there.stdout.contains("2 changes"), "\(there)")
        #expect(!there.stdout.contains(cluster.password), "the password is never printed")
        #expect(try box.vrboard(["copy", "--from", url, "--to", back]).status == 0)
        var exports: [String] = []
        var histories: [String] = []
        for store in [folder.path, url, back] {
            let e = try box.vrboard(["export", "--store", store])
            let h = try box.vrboard(["history", "--format", "json", "--store", store])
            #expect(e.status == 0 && h.status == 0, "\(e) \(h)")
            exports.append(e.stdout)
            histories.append(h.stdout)
        }
        #expect(Set(exports).count == 1, "the three exports are the same")
        #expect(Set(histories).count == 1, "the three histories are the same")
        #expect(histories[0].contains("Provider withdrew"))
        // Copying onto a store that exists changes nothing.
        let again = try box.vrboard(["copy", "--from", folder.path, "--to", url])
        #expect(again.status != 0 && again.stderr.contains("already holds VRU 'wm'"), "\(again)")
        #expect(try box.vrboard(["validate", "--store", url]).stdout.contains("sound"))
    }

    /// Spreadsheets into a new VRU on the server, and again as an update: the same registers, nothing to change.
    @Test func importIntoPostgreSQL() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let folder = try box.makeStore(.nnvru)
        let sheets = box.root.appendingPathComponent("sheets").path
        try #require(box.vrboard(["export", "--store", folder.path, "--format", "csv", "--live", "--out", sheets]).status == 0)
        let url = cluster.url(try cluster.database("e2eimport"), vru: "nn")
        let r = try box.vrboard(["import", sheets, "--into", url])
        #expect(r.status == 0 && r.stdout.contains("Created"), "\(r)")
        #expect(try box.vrboard(["validate", "--store", url]).stdout.contains("sound"))
        let again = try box.vrboard(["import", sheets, "--into", url, "--dry-run"])
        #expect(again.status == 0 && again.stdout.contains("0 to add, 0 to update"), "\(again)")
    }

    /// On PostgreSQL the role the server knows is recorded beside the name typed, and a viewer is refused.
    @Test func rolesAndAttributionThroughTheCLI() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let db = try cluster.database("e2eroles")
        let admin = cluster.url(db, vru: "nn")
        try #require(box.vrboard(["init", admin, "--dataset", "nnvru-2021-22"]).status == 0)
        for login in ["e2e_editor", "e2e_viewer"] { try cluster.login(login) }
        #expect(try box.vrboard(["grant", "editor", "e2e_editor", "--store", admin]).status == 0)
        #expect(try box.vrboard(["grant", "viewer", "e2e_viewer", "--store", admin]).status == 0)
        let editor = cluster.url(db, vru: "nn", user: "e2e_editor")
        let r = try box.vrboard(["rag", "WS-1.1", "R", "--note", "Slipped", "--user", "The Chair", "--store", editor])
        #expect(r.status == 0, "\(r)")
        let history = try box.vrboard(["history", "--store", editor])
        #expect(history.stdout.contains("The Chair (recorded by e2e_editor)"), "\(history)")
        let viewer = cluster.url(db, vru: "nn", user: "e2e_viewer")
        let refused = try box.vrboard(["rag", "WS-1.1", "G", "--note", "x", "--store", viewer])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("role 'e2e_viewer' may not change workstreams"), "\(refused)")
        #expect(try box.vrboard(["history", "--store", viewer]).stdout.split(separator: "\n").count == 1, "nothing more was recorded")
        // On the board, a viewer's session is read-only from the start, saying why.
        let s = try BoardSession("pgviewer", sandbox: box, vrboard: ["--store", viewer, "--no-mouse"], width: 120, height: 36)
        defer { s.kill() }
        _ = try s.waitFor(["READ-ONLY", "role 'e2e_viewer' is a viewer here"])
        // A wrong password: a clear message, no password echoed.
        let wrong = try box.vrboard(["render", "--store", cluster.url(db, vru: "nn", user: "e2e_viewer", password: "not-it")])
        #expect(wrong.status == 1 && wrong.stderr.contains("cannot reach the PostgreSQL store") && !wrong.stderr.contains("not-it"), "\(wrong)")
    }

    /// The board open on PostgreSQL in a terminal shows another process's save (NOTIFY), as the folder store does.
    @Test func liveRefreshAcrossProcesses() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let url = cluster.url(try cluster.database("e2elive"), vru: "nn")
        try #require(box.vrboard(["init", url, "--dataset", "nnvru-2021-22"]).status == 0)
        let s = try BoardSession("pglive", sandbox: box, vrboard: ["--store", url, "--no-mouse"])
        defer { s.kill() }
        _ = try s.waitFor(["Overview"])
        let r = try box.vrboard(["rag", "WS-2.3", "R", "--note", "Provider withdrew", "--user", "carol", "--store", url])
        try #require(r.status == 0, "\(r)")
        try s.waitFor("WS-2.3's new rating in the latest changes") { screen in
            screen.split(separator: "\n").contains { $0.contains("WS-2.3") && $0.contains("→ R") }
        }
    }

    /// The server goes away under an open board: said, not a hang or a crash; back when it returns.
    @Test func theBoardSurvivesTheServerGoingAway() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster()
        defer { cluster.remove() }
        let url = cluster.url(try cluster.database("e2edrop"), vru: "nn")
        try #require(box.vrboard(["init", url, "--dataset", "nnvru-2021-22"]).status == 0)
        let s = try BoardSession("pgdrop", sandbox: box, vrboard: ["--store", url, "--no-mouse"], width: 120, height: 36)
        defer { s.kill() }
        _ = try s.waitFor(["Overview"])
        cluster.stop()
        _ = try s.waitFor(["Cannot refresh, retrying every 2 s"], timeout: 20)
        try s.press("2")
        _ = try s.waitFor(["Workstreams"])
        try cluster.start()
        _ = try s.waitFor(["Connected again"], timeout: 20)
        let r = try box.vrboard(["rag", "WS-2.3", "R", "--note", "Provider withdrew", "--user", "carol", "--store", url])
        try #require(r.status == 0, "\(r)")
        try s.press("1")
        try s.waitFor("WS-2.3's new rating after the server came back") { screen in
            screen.split(separator: "\n").contains { $0.contains("WS-2.3") && $0.contains("→ R") }
        }
    }

    @Test func nationalViewOverStoresAndTheDataset() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let cluster = try PGCluster.get()
        let url = cluster.url(try cluster.database("e2enational"), vru: "wm")
        try #require(box.vrboard(["init", url, "--dataset", "wmvru-2021-22"]).status == 0)
        let folder = try box.makeStore(.nnvru)
        let csv = try box.vrboard(["national", "--store", url, "--store", folder.path, "--format", "csv"])
        #expect(csv.status == 0, "\(csv)")
        let lines = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 19, "a header and the 18 VRUs: \(lines.count)")
        // The two boards replace their national lines; the others show only what is known.
        #expect(lines.contains { $0.hasPrefix("West Midlands,3370000,") && $0.contains("postgres://") })
        #expect(lines.contains { $0.hasPrefix("Nottinghamshire,880000,") && $0.contains(folder.path) })
        let lancashire = try #require(lines.first { $0.hasPrefix("Lancashire,") })
        #expect(lancashire.contains("1160000") && lancashire.contains("£1,600,000 (002 Table 1.1)") && lancashire.contains("£1,500,000 (003 §9.2)"))
        #expect(lancashire.hasSuffix(",,,,,,,"), "nothing invented for a VRU known only by its national figures: \(lancashire)")
        let text = try box.vrboard(["national", "--format", "text", "--sort", "share"])
        #expect(text.stdout.hasPrefix("Metropolitan Police: £7,000,000"))
        #expect(text.stdout.contains("All levels: 175 interventions, 103,378 individuals"))
        let frame = try box.vrboard(["national", "--render", "130x36", "--sort", "name"])
        #expect(frame.status == 0)
        #expect(frame.stdout.contains("National count by target-group level, 31 Mar 2020 (002 Table 4.3)"))
        #expect(frame.stdout.contains("Avon and Somerset"))
        let bad = try box.vrboard(["national", "--sort", "colour"])
        #expect(bad.status == 2 && bad.stderr.contains("--sort must be one of"))
    }

    /// In a terminal: Enter on a VRU with a board opens it read-only; quitting it comes back to the view.
    @Test func nationalEnterOpensABoardReadOnly() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let s = try BoardSession("national", sandbox: box, vrboard: ["national", "--sort", "name"], width: 130, height: 36)
        defer { s.kill() }
        // Drawn for the terminal it opens in: at 36 rows the national count by level shows from the start.
        _ = try s.waitFor(["National view", "Avon and Somerset", "National count by target-group level"])
        try s.press("Enter")
        _ = try s.waitFor(["only the national figures are known"])
        try s.press("/")
        try s.type("nott")
        try s.press("Enter")
        _ = try s.waitFor(["1 of 18 VRUs", "Nottinghamshire"])
        try s.press("Enter")
        _ = try s.waitFor(["Overview", "READ-ONLY", "NNVRU"])
        try s.press("q")
        _ = try s.waitFor(["National view", "Nottinghamshire", "National count by target-group level"])
    }
}
