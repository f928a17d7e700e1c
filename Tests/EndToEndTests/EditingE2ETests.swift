import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Editing on the live board, end to end: keys (and bracketed pastes) into `vrboard` in tmux, the screen polled
/// until the result shows, then the store read back through the CLI (`vrboard history`, `vrboard export`).
@Suite("Editing on the live board (tmux + CLI)", .serialized)
struct EditingE2ETests {
    static let overview = ScreenText.overview
    static let priorityList = ScreenText.priorityList
    static let p1Table = ScreenText.p1Table
    static let ws11Title = "Violence reduction analytical steering group"
    static let readOnlyMessage = "Read-only: opened with --read-only"

    // MARK: The tests

    @Test("Ctrl-Z suspends with the terminal given back; fg brings the board back as it was, the open form and its text kept")
    func ctrlZSuspendsAndResumes() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try BoardSession(
            "ctrl-z", sandbox: box, vrboard: ["--store", store.path, "--no-mouse", "--user", "alice"], jobControl: true)
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("e")
        try s.waitFor(["Title"])
        try s.press("End")
        try s.type(" (draft)")
        try s.waitFor([" (draft)"])
        try s.press("C-z")
        // The shell has the terminal back: it reports the stop; fg brings the board back as it was.
        try s.waitFor(["Stopped"], none: ["Edit WS-1.1"])
        try s.type("fg")
        try s.press("Enter")
        try s.waitFor([" (draft)", "Edit WS-1.1"], none: ["Stopped"])
        try s.press("Escape")
        try s.waitFor(["Discard"])
        try s.press("y")
        try s.waitFor(["┌─ WS-1.1 ·"])
        try s.press("q")
        // Back at the shell: the board is gone from the screen.
        try s.waitFor(["bash"], none: ["┌─ WS-1.1 ·", "Tab screen"])
    }

    @Test("officer 2 changes WS-1.1's title, officer 1 only its exit-strategy note: both saved, no dialog, journalled as merged")
    func editsOfDifferentFieldsMerge() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let one = try Self.board("merge-one", box, store, user: "officer1")
        defer { one.kill() }
        let two = try Self.board("merge-two", box, store, user: "officer2")
        defer { two.kill() }
        for s in [one, two] {
            try Self.openP1(s)
            try s.press("e")
            try s.waitFor(["Edit WS-1.1", Self.ws11Title + "▏"])
        }
        try two.type(" (revised)")
        try two.press("Enter")
        try two.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Edit WS-1.1"])
        // Officer 1: up from the title wraps to the last field, the exit-strategy note.
        try one.press("Up")
        try one.type("Mainstream into partner budgets")
        try one.waitFor(["Mainstream into partner budgets▏"])
        try one.press("Enter")
        try one.waitFor(
            ["Saved: Edited workstream WS-1.1 · changed: Exit strategy (merged with a change saved meanwhile"],
            none: ["Changed by someone else", "Edit WS-1.1"])
        #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (revised)", "officer 2's title stands")
        let json = try box.vrboard(["export", "--format", "json", "--store", store.path])
        #expect(json.stdout.contains("\"note\" : \"Mainstream into partner budgets\""), "officer 1's note is saved")
        #expect(try Self.history(box, store, "WS-1.1").map(\.user) == ["officer1", "officer2"])
    }

    @Test("r with the rating unchanged and a comment records a dated review: the rating holds, the journal and the pack say reviewed")
    func reviewedNoChange() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("review", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("r")
        try s.waitFor(["Comment (required: reviewed, no change)"])
        try s.type("Q2 return received; still on course")
        try s.press("Enter")
        try s.waitFor(["Saved: In-year rating Amber reviewed, no change: Q2 return received"], none: ["Rate WS-1.1"])
        #expect(try Self.row(s, "WS-1.1").inYear == "A")
        let history = try Self.history(box, store, "WS-1.1")
        #expect(history.first?.note == "In-year rating Amber reviewed, no change: Q2 return received; still on course", "\(history)")
        let pack = try box.vrboard(["export", "--format", "md", "--live", "--store", store.path])
        // A paper names members, never logins: "alice" and the session's login are no member's.
        #expect(
            pack.stdout.contains("Q2 return received; still on course (an officer not on the members list (saved under a login no member holds),"),
            "the review is the latest comment in the pack")
        #expect(!pack.stdout.contains("alice"))
    }

    @Test("Ctrl-C while giving a rating asks before quitting: any other key goes back with the comment kept; y quits, nothing saved")
    func ctrlCAsksFirst() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("ctrl-c", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("r")
        try s.press("Down")
        try s.waitFor(["▶ A/R Amber/Red", "Comment (required"])
        try s.type("Partners re-engaged")
        try s.waitFor(["Partners re-engaged"])
        try s.press("C-c")
        try s.waitFor(["Quit and lose the rating you are giving WS-1.1?", "y quits, losing it"])
        try s.press("n")
        try s.waitFor(["▶ A/R Amber/Red", "Partners re-engaged"], none: ["Quit and lose"])
        try s.press("C-c")
        try s.waitFor(["Quit and lose the rating you are giving WS-1.1?"])
        try s.press("y")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")
        let history = try box.vrboard(["history", "--store", store.path])
        #expect(history.stdout.hasPrefix("No changes recorded"), "\(history)")
    }

    @Test("r rates WS-1.1 by keys: the table shows A/R; history and export record alice's change and comment")
    func rateByKeys() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("rate", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        #expect(try Self.row(s, "WS-1.1").inYear == "A")

        let comment = "Partners re-engaged after the summer"
        try s.press("r")
        try s.waitFor(["Rate WS-1.1 · \(Self.ws11Title)", "In-year", "Overall", "Amber/Red", "Delivery in doubt"])
        try s.press("Down")
        try s.waitFor(["▶ A/R Amber/Red", "Comment (required: the evidence you judged A → A/R)"])
        try s.type(comment)
        try s.waitFor([comment + "▏"])
        try s.press("Enter")
        let saved = try s.waitFor(["Saved: In-year rating Amber → Amber/Red: \(comment)"], none: ["Rate WS-1.1"])
        #expect(Self.ratings(of: "WS-1.1", in: saved)?.inYear == "A/R", "WS-1.1 should show A/R:\n\(saved)")
        #expect(Self.ratings(of: "WS-1.1", in: saved)?.overall == "A/G", "the overall rating should not change:\n\(saved)")
        // The detail pane's rating history has the new entry, by alice.
        #expect(saved.contains("A →A/R† alice"), "the detail pane should list alice's change:\n\(saved)")

        let journal = try Self.history(box, store, "WS-1.1")
        try #require(journal.count == 1, "\(journal)")
        let top = journal[0]
        #expect(top.user == "alice" && top.collection == "workstreams" && top.id == "WS-1.1" && top.rev == 2, "\(top)")
        #expect(top.note == "In-year rating Amber → Amber/Red: \(comment)", "\(top)")
        // The whole journal, newest first, starts with it too.
        #expect(try Self.history(box, store).first?.seq == top.seq)

        let ws = try Self.workstream(try Self.export(box, store), "WS-1.1")
        #expect(ws["inYear"] as? String == "amber-red", "\(ws)")
        #expect(ws["overall"] as? String == "amber-green", "\(ws)")
        #expect(ws["rev"] as? Int == 2, "\(ws)")
        let last = try #require((ws["history"] as? [[String: Any]])?.last, "no history in \(ws)")
        #expect(last["by"] as? String == "alice", "\(last)")
        #expect(last["comment"] as? String == comment, "\(last)")
        #expect(last["kind"] as? String == "in-year", "\(last)")
        #expect(last["from"] as? String == "amber" && last["to"] as? String == "amber-red", "\(last)")
    }

    @Test("an empty comment is refused; Esc after choosing asks before discarding; nothing is written")
    func rateRefusals() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let before = try snapshot(store)
        let s = try Self.board("refuse", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("r")
        try s.waitFor(["Rate WS-1.1 ·"])
        try s.press("Down", "Enter")
        try s.waitFor(["A comment is required", "Rate WS-1.1 ·"])
        try s.press("Escape")
        try s.waitFor(["Discard this rating change?"])
        try s.press("y")
        try s.waitFor([Self.p1Table], none: ["Rate WS-1.1", "Discard"])
        #expect(try Self.row(s, "WS-1.1").inYear == "A")
        #expect(try Self.history(box, store).isEmpty)
        // Only the lock file may have appeared; the documents and the journal are untouched.
        var after = try snapshot(store)
        after.removeValue(forKey: ".vrboard.lock")
        #expect(snapshotDifference(before, after) == nil, "\(snapshotDifference(before, after) ?? "")")
    }

    @Test("alice's rating shows on bob's open board within seconds, with no key sent to bob")
    func liveRefreshBetweenBoards() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let alice = try Self.board("live-alice", box, store, user: "alice")
        defer { alice.kill() }
        let bob = try Self.board("live-bob", box, store, user: "bob")
        defer { bob.kill() }
        try Self.openP1(bob)
        #expect(try Self.row(bob, "WS-1.2").inYear == "A/G")
        try Self.openP1(alice)

        try alice.press("j")
        try alice.waitFor(["┌─ WS-1.2 ·"])
        try alice.press("r")
        try alice.waitFor(["Rate WS-1.2 ·", "▶ A/G Amber/Green"])
        try alice.press("Down")
        try alice.type("Hospital data flowing again")
        try alice.press("Enter")
        try alice.waitFor(["Saved: In-year rating Amber/Green → Amber: Hospital data flowing again"])
        #expect(try Self.row(alice, "WS-1.2").inYear == "A")

        // Bob gets nothing but time.
        let seen = try bob.waitFor("WS-1.2 rated A on bob's board", timeout: 5) { Self.ratings(of: "WS-1.2", in: $0)?.inYear == "A" }
        #expect(seen.contains(Self.p1Table), "bob should still be on priority 1's table:\n\(seen)")
        #expect(Self.ratings(of: "WS-1.1", in: seen)?.inYear == "A", "other rows should be unchanged:\n\(seen)")
        let top = try #require(try Self.history(box, store).first)
        #expect(top.user == "alice" && top.id == "WS-1.2", "\(top)")
    }

    @Test(
        "concurrent edits of WS-1.1's title: the second save asks about the title alone; t takes theirs, k keeps mine, Esc rebases mine",
        arguments: ["t", "k", "Escape"])
    func conflict(_ choice: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let alice = try Self.board("conflict-alice-\(choice)", box, store, user: "alice")
        defer { alice.kill() }
        let bob = try Self.board("conflict-bob-\(choice)", box, store, user: "bob")
        defer { bob.kill() }
        for s in [alice, bob] {
            try Self.openP1(s)
            try s.press("e")
            try s.waitFor(["Edit WS-1.1", "Title", Self.ws11Title + "▏"])
        }

        // The cursor starts at the end of the title.
        try bob.type(" (bob)")
        try bob.waitFor([Self.ws11Title + " (bob)▏"])
        try bob.press("Enter")
        try bob.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Edit WS-1.1"])

        try alice.type(" (alice)")
        try alice.waitFor([Self.ws11Title + " (alice)▏"])
        try alice.press("Enter")
        try alice.waitFor([
            "Changed by someone else: WS-1.1", "You both changed",
            "(alice)", "(bob)", "k mine for all", "t theirs for all",
        ])
        // The dialog alone writes nothing: bob's version stands.
        #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (bob)")
        #expect(try Self.history(box, store, "WS-1.1").map(\.user) == ["bob"])

        if choice == "t" {
            try alice.press("t")
            let screen = try alice.waitFor(
                ["Kept the version saved elsewhere; your change was not saved"],
                none: ["Changed by someone else", "Edit WS-1.1"])
            #expect(screen.contains("┌─ WS-1.1 · \(Self.ws11Title) (bob) "), "alice should now see bob's title:\n\(screen)")
            #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (bob)")
            let journal = try Self.history(box, store, "WS-1.1")
            #expect(journal.map(\.user) == ["bob"], "only bob's edit is recorded: \(journal)")
            #expect(journal.first?.note == "Edited workstream WS-1.1 · changed: Title", "\(journal)")
            #expect(!journal.contains { $0.note.contains("kept over") }, "\(journal)")
        } else if choice == "k" {
            try alice.press("k")
            try alice.waitFor(
                ["Saved: Edited workstream WS-1.1 · changed: Title (merged with a concurrent change: kept mine"],
                none: ["Changed by someone else", "Edit WS-1.1"])
            #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (alice)")
            let journal = try Self.history(box, store, "WS-1.1")
            #expect(journal.map(\.user) == ["alice", "bob"], "\(journal)")
            #expect(
                journal.first?.note == "Edited workstream WS-1.1 · changed: Title (merged with a concurrent change: kept mine for title)",
                "\(journal)")
            #expect(journal.map(\.rev) == [3, 2], "\(journal)")
            // Bob's board, untouched since his save, catches up with alice's kept version.
            try bob.waitFor(["┌─ WS-1.1 · \(Self.ws11Title) (alice) "], timeout: 5)
        } else {
            // Esc leaves the dialog for alice's form, her text intact, told that their version is now the base;
            // still nothing written.
            try alice.press("Escape")
            try alice.waitFor(
                ["Edit WS-1.1", Self.ws11Title + " (alice)▏", "Their version is now the base"],
                none: ["Changed by someone else"])
            #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (bob)")
            #expect(try Self.history(box, store, "WS-1.1").map(\.user) == ["bob"])
            // Enter now saves hers over bob's, having been told so.
            try alice.press("Enter")
            try alice.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Changed by someone else", "Edit WS-1.1"])
            #expect(try Self.title(box, store, "WS-1.1") == Self.ws11Title + " (alice)")
            let journal = try Self.history(box, store, "WS-1.1")
            #expect(journal.map(\.user) == ["alice", "bob"], "\(journal)")
            #expect(journal.map(\.rev) == [3, 2], "\(journal)")
            try bob.waitFor(["┌─ WS-1.1 · \(Self.ws11Title) (alice) "], timeout: 5)
        }
    }

    @Test("u undoes a rating (recorded as Undo:), Ctrl-R redoes it (recorded as Redo:)")
    func undoRedo() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("undo", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        let note = "In-year rating Amber → Amber/Red: Slipping again"
        try s.press("r")
        try s.waitFor(["Rate WS-1.1 ·"])
        try s.press("Down")
        try s.type("Slipping again")
        try s.press("Enter")
        try s.waitFor(["Saved: \(note)"])
        #expect(try Self.row(s, "WS-1.1").inYear == "A/R")
        #expect(try Self.workstream(try Self.export(box, store), "WS-1.1")["inYear"] as? String == "amber-red")

        try s.press("u")
        let undone = try s.waitFor(["Undone: \(note)"])
        #expect(Self.ratings(of: "WS-1.1", in: undone)?.inYear == "A", "the old rating should be back:\n\(undone)")
        var ws = try Self.workstream(try Self.export(box, store), "WS-1.1")
        #expect(ws["inYear"] as? String == "amber", "\(ws)")
        #expect(!Self.comments(ws).contains("Slipping again"), "the undone rating should leave the document's history: \(ws)")
        var journal = try Self.history(box, store, "WS-1.1")
        #expect(journal.map(\.note) == ["Undo: \(note)", note], "\(journal)")
        #expect(journal.allSatisfy { $0.user == "alice" }, "\(journal)")
        #expect(journal.map(\.rev) == [3, 2], "\(journal)")

        try s.press("C-r")
        let redone = try s.waitFor(["Redone: \(note)"])
        #expect(Self.ratings(of: "WS-1.1", in: redone)?.inYear == "A/R", "\(redone)")
        ws = try Self.workstream(try Self.export(box, store), "WS-1.1")
        #expect(ws["inYear"] as? String == "amber-red", "\(ws)")
        #expect(Self.comments(ws).filter { $0 == "Slipping again" }.count == 1, "\(ws)")
        journal = try Self.history(box, store, "WS-1.1")
        #expect(journal.map(\.note) == ["Redo: \(note)", "Undo: \(note)", note], "\(journal)")

        // The History screen lists the same three changes, newest first.
        try s.press("5")
        // Wait for the rows too: a capture can land between the title and the rows being drawn.
        let screen = try s.waitFor(["History · 3 changes · newest first", "Redo: In-year", "Undo: In-year"])
        // The table's rows (the box under it, showing the selected change whole, is titled with it too).
        let rows = screen.split(separator: "\n").filter { $0.contains("WS-1.1 r") && !$0.contains("┌─") }
        #expect(rows.count == 3, "\(screen)")
        if rows.count == 3 {
            #expect(
                rows[0].contains("Redo: In-year") && rows[1].contains("Undo: In-year") && rows[2].contains("In-year rating"),
                "\(screen)")
        }
    }

    @Test("--read-only: every edit key is refused on every editing screen and not one byte of the store changes")
    func readOnly() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let bytes = try snapshot(store)
        let listing = try Self.listing(store)
        #expect(!listing.contains { $0.hasPrefix(".vrboard.lock ") }, "\(listing)")

        let s = try Self.board("readonly", box, store, user: "alice", extra: ["--read-only"])
        defer { s.kill() }
        try s.waitFor(["READ-ONLY", Self.overview])

        /// Moves (clearing the message) then presses `key`, which must be refused with the read-only message.
        func refused(_ key: String, mover: String = "j") throws {
            try s.press(mover)
            try s.waitFor("the message cleared before \(key)") { !$0.contains(Self.readOnlyMessage) }
            try s.press(key)
            // …and opens no picker, form or dialog.
            try s.waitFor([Self.readOnlyMessage], none: ["Rate WS", "┌─ Edit ", "┌─ New ", "┌─ Close R", "┌─ Confirm", "Changed by someone else"])
        }

        // The priority list.
        try s.press("2")
        try s.waitFor([Self.priorityList])
        for key in ["e", "n", "x", "u", "C-r"] { try refused(key, mover: "k") }
        // Priority 1's workstream table.
        try s.press("Enter")
        try s.waitFor([Self.p1Table])
        for key in ["r", "e", "n", "x", "u", "C-r"] { try refused(key) }
        // The risk register.
        try s.press("4")
        try s.waitFor(["Risk register"])
        for key in ["e", "n", "x", "u"] { try refused(key) }
        // A risk's mitigating actions open for reading; adding, editing and completing are refused.
        try s.press("a")
        try s.waitFor(["Mitigating actions · R"])
        for key in ["n", "e", "Enter", "x", "Space"] {
            try s.press("j")
            try s.waitFor("the message cleared before \(key)") { !$0.contains(Self.readOnlyMessage) }
            try s.press(key)
            try s.waitFor([Self.readOnlyMessage, "Mitigating actions · R"], none: ["New action on", "Edit action on"])
        }
        try s.press("Escape")
        try s.waitFor(["Risk register"], none: ["Mitigating actions · R"])
        // Funding, including Enter on a grant.
        try s.press("3")
        try s.waitFor(["Grant conditions"])
        for key in ["e", "n", "a", "m", "x", "u", "Enter"] { try refused(key) }
        // A paste outside any field is ignored too.
        try s.paste("pasted text")
        try s.press("q")
        let exit = try s.waitForExit()
        #expect(exit.status == 0, "\(exit.screen)")

        let difference = snapshotDifference(bytes, try snapshot(store))
        #expect(difference == nil, "the store's bytes changed: \(difference ?? "")")
        let after = try Self.listing(store)
        #expect(after == listing, "the store's listing changed:\nbefore \(listing)\nafter  \(after)")
        #expect(!FileManager.default.fileExists(atPath: store.appendingPathComponent(".vrboard.lock").path))
        #expect(try Self.history(box, store).isEmpty)
    }

    @Test("a 5,000-character bracketed paste into the title lands whole (newline as a space) and the frame stays intact")
    func pasteIntoTitle() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("paste-title", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("e")
        try s.waitFor(["Edit WS-1.1", Self.ws11Title + "▏"])
        try s.press("C-u")
        let empty = try s.waitFor("an empty title field") { $0.contains("Edit WS-1.1") && !$0.contains(Self.ws11Title + "▏") }

        let text = Self.pasteText()
        try s.paste(text)
        let tail = String(text.suffix(30))
        let pasted = try s.waitFor([tail + "▏"])
        try Self.expectIntactFrame(pasted)
        // Only the title's row changed: the paste drew nothing anywhere else.
        let a = frameLines(empty), b = frameLines(pasted)
        // (The form's footer may change too: the empty title's "fix the fields marked ✗" goes.)
        let changed = (0..<max(a.count, b.count)).filter { $0 >= a.count || $0 >= b.count || a[$0] != b[$0] }
        #expect(changed.contains { b[$0].contains("Title") }, "the title row did not change:\n\(pasted)")
        #expect(
            changed.allSatisfy { $0 < b.count && (b[$0].contains("Title") || b[$0].contains("Enter saves")) },
            "rows \(changed) changed:\n\(empty)\n---\n\(pasted)")

        try s.press("Enter")
        let saved = try s.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Edit WS-1.1"])
        try Self.expectIntactFrame(saved)
        let expected = text.replacingOccurrences(of: "\n", with: " ")
        let title = try Self.title(box, store, "WS-1.1")
        #expect(title.count == 5_000, "title has \(title.count) characters")
        #expect(title == expected, "the saved title differs from the paste; first difference at \(Self.firstDifference(title, expected))")
        #expect(!title.contains("[200~") && !title.contains("[201~"), "bracketed-paste markers leaked into the title")
    }

    @Test("a 5,000-character bracketed paste into a rating comment is saved whole, its line break kept")
    func pasteIntoComment() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("paste-comment", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("r")
        try s.waitFor(["Rate WS-1.1 ·", "Comment"])
        try s.press("Down")
        let text = Self.pasteText()
        try s.paste(text)
        let pasted = try s.waitFor([String(text.suffix(30)) + "▏"])
        try Self.expectIntactFrame(pasted)
        try s.press("Enter")
        let saved = try s.waitFor(["Saved: In-year rating Amber → Amber/Red: " + String(text.prefix(20))], none: ["Rate WS-1.1"])
        try Self.expectIntactFrame(saved)
        // A comment keeps its paragraphs (a title, above, is one line).
        let expected = text
        let ws = try Self.workstream(try Self.export(box, store), "WS-1.1")
        let comment = (ws["history"] as? [[String: Any]])?.last?["comment"] as? String ?? ""
        #expect(comment.count == 5_000, "comment has \(comment.count) characters")
        #expect(comment == expected, "first difference at \(Self.firstDifference(comment, expected))")
        let note = try #require(try Self.history(box, store, "WS-1.1").first?.note)
        // `vrboard history` prints a change a line, a note's line break as ⏎.
        #expect(
            note == "In-year rating Amber → Amber/Red: " + expected.replacingOccurrences(of: "\n", with: " ⏎ "),
            "journal note of \(note.count) characters")
    }

    /// tmux (like PuTTY, rxvt and the Linux console) sends End as ESC [4~ and Home as ESC [1~, while the
    /// xterm-256color terminfo the pane runs under lists ESC OF / ESC OH; the board must still treat them as
    /// End and Home, and must never replay such a sequence as an Escape followed by the keys "[", "4", "~".
    @Test("Home and End as tmux sends them (ESC [1~, ESC [4~) move in a form field, never close it or type [4~")
    func homeAndEndInAField() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("home-end", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        // On a changed form: no "Discard your changes?", no "4~" or "1~" typed; the cursor moves.
        try s.press("e")
        try s.waitFor(["Edit WS-1.1", Self.ws11Title + "▏"])
        try s.type(" X")
        try s.press("End")
        try s.type("Z")
        try s.press("Home")
        try s.type("Y")
        try s.press("Enter")
        try s.waitFor(["Saved: Edited workstream WS-1.1"], none: ["Edit WS-1.1"])
        let title = try Self.title(box, store, "WS-1.1")
        #expect(!title.contains("~") && !title.contains("["), "escape-sequence bytes typed into the title: \(title.debugDescription)")
        #expect(title == "Y" + Self.ws11Title + " XZ", "Home/End did not move the cursor: \(title.debugDescription)")

        // On an unchanged form: End keeps it open (no Escape) and switches no screen (no "4").
        try s.press("e")
        try s.waitFor(["Edit WS-1.1", title + "▏"])
        try s.press("End")
        try s.type("Q")
        try s.waitFor(["Edit WS-1.1", "XZQ▏"], none: ["Heat map (m)", "4~"], timeout: 5)
        try s.press("Escape")
        try s.waitFor(["Discard"])
        try s.press("y")
        try s.waitFor([Self.p1Table], none: ["Edit WS-1.1"])
    }

    @Test("x, y archives a workstream: it leaves the table; history and export keep it (archived true)")
    func archive() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let s = try Self.board("archive", box, store, user: "alice")
        defer { s.kill() }
        try Self.openP1(s)
        try s.press("j", "j")
        try s.waitFor(["┌─ WS-1.3 ·"])
        // An earlier change, so there is history to keep.
        try s.press("r")
        try s.waitFor(["Rate WS-1.3 ·"])
        try s.press("Down")
        try s.type("Schools data stalled")
        try s.press("Enter")
        try s.waitFor(["Saved: In-year rating Amber/Red → Red: Schools data stalled"])
        #expect(try Self.row(s, "WS-1.3").inYear == "R")

        // n at the confirmation keeps it.
        try s.press("x")
        try s.waitFor(["Archive WS-1.3 School-age data quality", "(y/n)"])
        try s.press("n")
        try s.waitFor([Self.p1Table, "Nothing changed"], none: ["(y/n)"])
        #expect(try Self.history(box, store, "WS-1.3").count == 1)

        try s.press("x")
        try s.waitFor(["Archive WS-1.3 School-age data quality", "(y/n)"])
        try s.press("y")
        let after = try s.waitFor(
            ["1. Data, intelligence and evidence base · 6 workstreams", "Saved: Archived workstream WS-1.3"],
            none: ["│WS-1.3 ", "(y/n)"])
        for id in ["WS-1.1", "WS-1.2", "WS-1.4", "WS-1.5", "WS-1.6", "WS-1.7"] {
            #expect(Self.ratings(of: id, in: after) != nil, "\(id) should still be listed:\n\(after)")
        }

        let journal = try Self.history(box, store, "WS-1.3")
        #expect(journal.count == 2, "\(journal)")
        #expect(journal.first?.note.hasPrefix("Archived workstream WS-1.3") == true, "\(journal)")
        #expect(journal.last?.note == "In-year rating Amber/Red → Red: Schools data stalled", "\(journal)")
        #expect(journal.allSatisfy { $0.user == "alice" }, "\(journal)")
        #expect(journal.map(\.rev) == [3, 2], "\(journal)")

        let ws = try Self.workstream(try Self.export(box, store), "WS-1.3")
        #expect(ws["archived"] as? Bool == true, "\(ws)")
        #expect(ws["inYear"] as? String == "red", "\(ws)")
        #expect(Self.comments(ws).contains("Schools data stalled"), "\(ws)")

        // Still gone from a freshly opened board.
        let again = try Self.board("archive-again", box, store, user: "alice")
        defer { again.kill() }
        try Self.openP1(again, count: 6)
        #expect(!(try again.capture()).contains("│WS-1.3 "))
    }

    // MARK: Helpers

    /// The board on `store` as `user`, at 100x30, without mouse reporting.
    static func board(_ label: String, _ box: Sandbox, _ store: URL, user: String, extra: [String] = []) throws -> BoardSession {
        try BoardSession("edit-\(label)", sandbox: box, store: store, arguments: ["--no-mouse", "--user", user] + extra)
    }

    /// From the overview to priority 1's workstream table (2, Enter), WS-1.1 selected.
    static func openP1(_ s: BoardSession, count: Int = 7) throws {
        try s.waitFor([overview])
        try s.press("2")
        try s.waitFor([priorityList])
        try s.press("Enter")
        try s.waitFor(["1. Data, intelligence and evidence base · \(count) workstreams", "┌─ WS-1.1 ·"])
    }

    /// The In-yr and Overall cells of `id`'s row in the workstream table, read under the header's columns.
    static func ratings(of id: String, in screen: String) -> (inYear: String, overall: String)? {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let header = lines.first(where: { $0.contains("In-yr Overall") }),
            let row = lines.first(where: { $0.contains("│\(id) ") }),
            let inYr = header.range(of: "In-yr"), let overall = header.range(of: "Overall")
        else { return nil }
        let chars = Array(row)
        func cell(_ r: Range<String.Index>) -> String {
            let start = header.distance(from: header.startIndex, to: r.lowerBound)
            let end = min(chars.count, start + header.distance(from: r.lowerBound, to: r.upperBound))
            guard start < end else { return "" }
            // The letter: a judged rating's `†` is checked where it matters, not in every comparison.
            return String(chars[start..<end]).replacingOccurrences(of: "†", with: "").trimmingCharacters(in: .whitespaces)
        }
        return (cell(inYr), cell(overall))
    }

    /// The ratings of `id` on the current screen, failing with the screen when its row is not there.
    static func row(_ s: BoardSession, _ id: String) throws -> (inYear: String, overall: String) {
        let screen = try s.waitFor("\(id)'s row") { ratings(of: id, in: $0) != nil }
        return ratings(of: id, in: screen)!
    }

    /// One line of `vrboard history`: `#SEQ  TIMESTAMP  USER [(recorded by LOGIN)]  collection/ID rev N  NOTE`.
    struct JournalLine: CustomStringConvertible {
        let seq: Int, at: String, user: String, collection: String, id: String, rev: Int, note: String
        /// The operating-system login the store recorded beside the name given (this test process's own).
        var login: String?
        var description: String { "#\(seq) \(at) \(user) \(collection)/\(id) rev \(rev) \(note)" }
    }

    /// `vrboard history [ID] --store DIR`, parsed; fails on a line that does not follow the format.
    static func history(_ box: Sandbox, _ store: URL, _ id: String? = nil) throws -> [JournalLine] {
        let r = try box.vrboard(["history"] + (id.map { [$0] } ?? []) + ["--store", store.path])
        guard r.status == 0 else { throw TestFailure("vrboard history failed: \(r)") }
        var result: [JournalLine] = []
        for line in r.stdout.split(separator: "\n").map(String.init) {
            if line.hasPrefix("No changes") { continue }
            guard let m = line.wholeMatch(of: /#([0-9]+)  (\S+)  (\S+)(?: \(recorded by (\S+)\))?  ([a-z]+)\/(\S+) rev ([0-9]+)  (.*)/) else {
                throw TestFailure("unexpected history line: \(line)\n\(r)")
            }
            // Every change the tests make is saved by this process's own login, recorded beside the name.
            if let login = m.4, String(login) != Paths.osLogin { throw TestFailure("recorded as \(login), not \(Paths.osLogin): \(line)") }
            if m.4 == nil && String(m.3) != Paths.osLogin { throw TestFailure("no login recorded beside \(m.3): \(line)") }
            result.append(
                JournalLine(
                    seq: Int(m.1)!, at: String(m.2), user: String(m.3), collection: String(m.5),
                    id: String(m.6), rev: Int(m.7)!, note: String(m.8), login: m.4.map(String.init)))
        }
        // Newest first.
        let seqs = result.map(\.seq)
        if seqs != seqs.sorted(by: >) { throw TestFailure("history is not newest first: \(seqs)") }
        return result
    }

    /// `vrboard export --format json`, parsed.
    static func export(_ box: Sandbox, _ store: URL) throws -> [String: Any] {
        let r = try box.vrboard(["export", "--format", "json", "--store", store.path])
        guard r.status == 0 else { throw TestFailure("vrboard export failed: \(r)") }
        guard let doc = try parseJSON(r.stdoutData) as? [String: Any] else { throw TestFailure("export is not an object") }
        return doc
    }

    static func workstream(_ export: [String: Any], _ id: String) throws -> [String: Any] {
        guard let list = export["workstreams"] as? [[String: Any]], let ws = list.first(where: { $0["id"] as? String == id }) else {
            throw TestFailure("no workstream \(id) in the export")
        }
        return ws
    }

    static func title(_ box: Sandbox, _ store: URL, _ id: String) throws -> String {
        try workstream(try export(box, store), id)["title"] as? String ?? ""
    }

    /// The comments of a workstream's rating history.
    static func comments(_ ws: [String: Any]) -> [String] {
        ((ws["history"] as? [[String: Any]]) ?? []).compactMap { $0["comment"] as? String }
    }

    /// Every entry under `dir`, with the folder itself: path, kind, size and modification time.
    static func listing(_ dir: URL) throws -> [String] {
        let fm = FileManager.default
        func line(_ rel: String, _ path: String) throws -> String {
            let a = try fm.attributesOfItem(atPath: path)
            let kind = (a[.type] as? FileAttributeType).map { "\($0.rawValue)" } ?? "?"
            let size = (a[.size] as? NSNumber)?.intValue ?? -1
            let mtime = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(rel) \(kind) \(size) \(mtime)"
        }
        var result = [try line(".", dir.path)]
        for rel in try fm.subpathsOfDirectory(atPath: dir.path).sorted() {
            result.append(try line(rel, dir.appendingPathComponent(rel).path))
        }
        return result
    }

    /// 5,000 characters: printable ASCII with a few multi-byte ones, one newline in the middle, no space at
    /// either end (so trimming cannot hide a loss).
    static func pasteText() -> String {
        let unit = Array("Paste-test £5 café 0123456789 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ ")
        var chars: [Character] = []
        var i = 0
        while chars.count < 5_000 {
            chars.append(unit[i % unit.count])
            i += 1
        }
        chars[2_500] = "\n"
        chars[0] = "<"
        chars[4_999] = ">"
        return String(chars)
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = Array(a), y = Array(b)
        var i = 0
        while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
        return
            "character \(i): got \(String(x[i..<min(x.count, i + 20)]).debugDescription), want \(String(y[i..<min(y.count, i + 20)]).debugDescription)"
    }

    /// A 100x30 board frame: header, tab row, every middle row framed by box borders, no paste markers.
    static func expectIntactFrame(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let lines = frameLines(screen)
        try #require(lines.count == 30, "expected 30 rows, got \(lines.count):\n\(screen)", sourceLocation: sourceLocation)
        #expect(lines[0].contains("NNVRU · Nottingham and Nottinghamshire Violence Reduction Unit"), "\(screen)", sourceLocation: sourceLocation)
        #expect(lines[1].contains("1 Overview   2 Workstreams   3 Funding   4 Risks   5 History"), "\(screen)", sourceLocation: sourceLocation)
        // Every character on these screens is one cell wide, so a row of 100 characters fills the width.
        for (i, line) in lines.enumerated() where (2...28).contains(i) {
            let first = line.first.map(String.init) ?? "", last = line.last.map(String.init) ?? ""
            #expect(
                ["┌", "│", "└"].contains(first) && ["┐", "│", "┘"].contains(last) && line.count == 100,
                "row \(i) is not framed: \(line.debugDescription)\n\(screen)", sourceLocation: sourceLocation)
        }
        for garbage in ["[200~", "[201~", "\u{FFFD}", "^["] {
            #expect(!screen.contains(garbage), "\(garbage.debugDescription) on screen:\n\(screen)", sourceLocation: sourceLocation)
        }
    }
}

extension BoardSession {
    /// A bracketed paste of `text` into the pane (tmux `set-buffer` then `paste-buffer -p`), through a buffer
    /// named after this session and deleted by the paste.
    func paste(_ text: String) throws {
        let buffer = "paste-\(name)"
        let set = try Tmux.run(["set-buffer", "-b", buffer, "--", text])
        guard set.status == 0 else { throw TestFailure("tmux set-buffer failed: \(set)") }
        let r = try Tmux.run(["paste-buffer", "-p", "-d", "-b", buffer, "-t", name])
        guard r.status == 0 else { throw TestFailure("tmux paste-buffer failed: \(r)") }
    }
}
