import Testing
import VRModel
import VRStore
import VRStoreAPI
@testable import VRUI

/// Every key every mode handles is a binding with help; no key means two things in one mode; a key a
/// mode does not bind changes nothing but the message; each screen's keys are its own.
@Suite struct BindingsTests {
    /// A board in each mode, reached by keys as a user would.
    static func state(_ mode: Mode, on screen: Screen = .overview) throws -> AppState {
        var b = try Fixtures.board("nnvru-2021-22")
        if [.walkthrough, .outline, .minutes, .goTo, .attendance, .attendanceDeputy].contains(mode) {
            var m = Meeting.new(on: b.programme.asAt, board: b, author: "clerk")
            m.id = "m"
            m.stage = .held
            b.meetings.put(m)
        }
        var s = AppState(board: b, width: mode == .tooSmall ? 60 : 120, height: mode == .tooSmall ? 20 : 36)
        s.user = "tester"
        s.now = "2021-11-20T10:15:00Z"
        func press(_ keys: Key...) { for k in keys { _ = update(&s, .key(k)) } }
        switch mode {
        case .tooSmall: break
        case .browsing: _ = update(&s, .show(screen))
        case .searching: press(.char("2"), .char("/"))
        case .help: press(.char("?"))
        case .rating: press(.char("2"), .enter, .char("r"))
        case .discard: press(.char("2"), .enter, .char("r"), .char("x"), .escape)
        case .form: press(.char("2"), .enter, .char("e"))
        case .quitConfirm: press(.char("2"), .enter, .char("e"), .char("x"), .ctrl("c"))
        case .confirm: press(.char("2"), .enter, .char("x"))
        case .conflict:
            press(.char("2"), .enter, .char("e"))
            let w = try #require(s.selectedWorkstream)
            _ = update(&s, .conflict(Edit(doc: .workstream(w), baseRev: w.rev, note: "n", before: nil), theirs: .workstream(w), board: b))
        case .actions: press(.char("4"), .char("a"))
        case .sources: press(.char("S"))
        case .quarter: press(.char("Q"))
        case .find: press(.char("F"))
        case .viewer: press(.char("2"), .enter, .char("v"))
        case .walkthrough, .outline, .minutes, .goTo, .attendance, .attendanceDeputy:
            s.presentation = Presentation(meetingID: "m", startedAt: 0)
            if mode == .attendance || mode == .attendanceDeputy { press(.char("A")) }
            if mode == .attendanceDeputy { press(.char("d")) }
            if mode == .outline { press(.char("o")) }
            if mode == .goTo { press(.char("g")) }
            if mode == .minutes { press(.char("e")) }
        default: Issue.record("no way to reach \(mode) here: a new mode needs one")
        }
        #expect(s.mode == mode, "reached \(s.mode) for \(mode)")
        return s
    }

    static let modes = Mode.allCases

    @Test func everyBindingHasHelpAKeyAndAUniqueID() {
        var ids = Set<String>()
        for g in VRUI.Keys.allGroups {
            for b in g.all {
                #expect(!b.help.isEmpty && !b.keyLabel.isEmpty, "\(b.id)")
                #expect(!ids.contains(b.id), "two bindings are called \(b.id)")
                ids.insert(b.id)
            }
            for b in g.bindings { #expect(!b.keys.isEmpty, "\(b.id) has no key") }
        }
        // Every mode's groups are among those help and the README list.
        let listed = Set(VRUI.Keys.allGroups.flatMap(\.all).map(\.id))
        for m in Mode.allCases {
            for sc in Screen.allCases {
                for g in VRUI.Keys.groups(m, on: sc) { for b in g.all { #expect(listed.contains(b.id), "\(b.id) of \(m) is not in help") } }
            }
        }
    }

    @Test func noKeyMeansTwoThingsInAnyMode() {
        #expect(VRUI.Keys.conflicts() == [])
        // A remap that would is caught, naming both bindings and where.
        let clash = KeyRemaps(["risks.sort": [.char("e")]])
        #expect(VRUI.Keys.conflicts(with: clash).map(\.description) == ["e is both risks.sort and risks.edit (Risks)"])
    }

    @Test func aRemapMovesTheKeyEverywhereItShows() throws {
        var s = try Self.state(.browsing, on: .risks)
        s.keyRemaps = KeyRemaps(["risks.sort": [.char("o")]])
        _ = update(&s, .key(.char("o")))
        #expect(s.risksScreen.sort == .owner)
        _ = update(&s, .key(.char("s")))
        #expect(s.risksScreen.sort == .owner, "s no longer sorts")
        s.message = nil
        let bar = render(s).lines[Layout(width: s.width, height: s.height).hintRow]
        #expect(bar.contains(" o sort") && !bar.contains(" s sort"))
        _ = update(&s, .key(.char("?")))
        #expect(HelpOverlay.lines(s).map { $0.map(\.text).joined() }.contains { $0.hasPrefix("  o                 Sort by residual score") })
        // A binding whose hint names its keys specially names the new ones once moved.
        var w = try Self.state(.walkthrough)
        w.keyRemaps = KeyRemaps(["walk.next": [.char("n")]])
        #expect(render(w).lines[w.height - 3].hasPrefix("  n next · "), "\(render(w).lines[w.height - 3])")
    }

    /// Printable characters, control keys and every named key.
    static let universe: [Key] = {
        var keys: [Key] = [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .backspace, .delete, .tab, .backTab]
        keys += (32..<127).compactMap { UnicodeScalar($0).map { Key.char(Character($0)) } }
        keys += "abcdefghijklmnopqrstuvwxyz".map { Key.ctrl($0) }.filter { $0 != .ctrl("c") }
        keys += [.char("é"), .char("£"), .char("†")]
        return keys
    }()

    /// What a key could change, short of the message line: the frame without its hint row, the mode,
    /// the screen, the modal and the walkthrough.
    static func look(_ s: AppState) -> String {
        var lines = render(s).lines
        if s.presentation == nil && !s.tooSmall {
            lines.removeLast()
        } else if s.presentation != nil {
            lines.removeSubrange((lines.count - 1 - Walkthrough.hintRows)..<(lines.count - 1))
        }
        return lines.joined(separator: "\n") + "\(s.mode)\(s.screen)\(String(describing: s.modal))\(String(describing: s.presentation))\(s.queries)"
    }

    @Test(arguments: modes)
    func aKeyTheModeDoesNotBindChangesNothing(mode: Mode) throws {
        for sc in mode == .browsing ? Screen.allCases : [Screen.overview] {
            let start = try Self.state(mode, on: sc)
            var unbound = 0
            for k in Self.universe where VRUI.Keys.binding(for: k, in: start) == nil {
                unbound += 1
                var s = start
                let effects = update(&s, .key(k))
                #expect(effects.isEmpty, "\(k.label) in \(mode) on \(sc) asked for \(effects)")
                #expect(Self.look(s) == Self.look(start), "\(k.label) in \(mode) on \(sc) changed the board though no binding has it")
            }
            // Text-taking modes bind every printable key (their fallback types it); the others leave some unbound.
            let typing = [Mode.searching, .rating, .form, .find, .help, .discard, .confirm, .quitConfirm, .goTo, .attendanceDeputy].contains(mode)
            #expect(typing ? unbound == 0 : unbound > 0, "\(mode) on \(sc): \(unbound) unbound keys")
        }
    }

    @Test func aDisabledBindingSaysWhyAndDoesNothing() throws {
        var s = try Self.state(.browsing, on: .workstreams)  // the priority list: no workstream selected
        let before = Self.look(s)
        let effects = update(&s, .key(.char("r")))
        #expect(effects.isEmpty && s.modal == nil)
        #expect(s.message == "Open a priority's workstreams (Enter), or all of them (a), and select one first")
        #expect(Self.look(s) == before)
        // Read-only is a reason too, on every editing key, with the reason the board was opened read-only.
        var ro = try Self.state(.browsing, on: .risks)
        ro.readOnly = true
        for k: Key in [.char("e"), .char("n"), .char("x"), .char("u"), .ctrl("r")] {
            _ = update(&ro, .key(k))
            #expect(ro.message == "Read-only: \(ro.readOnlyReason)", "\(k.label)")
            #expect(ro.modal == nil)
        }
        // The hint bar shows a disabled key muted, an enabled one as a key.
        let f = render(try Self.state(.browsing, on: .workstreams))
        let bar = Layout(width: s.width, height: s.height).hintRow
        let x = try #require(f.lines[bar].range(of: " r rate").map { f.lines[bar].distance(from: f.lines[bar].startIndex, to: $0.lowerBound) + 1 })
        #expect(f[x, bar].role == .muted)
        let q = try #require(f.lines[bar].range(of: " q quit").map { f.lines[bar].distance(from: f.lines[bar].startIndex, to: $0.lowerBound) + 1 })
        #expect(f[q, bar].role == .key)
    }

    @Test func aKeyOfAnotherScreenSaysWhereItWorks() throws {
        var s = try Self.state(.browsing, on: .overview)
        _ = update(&s, .key(.char("e")))
        #expect(s.message == "e works on Workstreams (2), Funding (3), Risks (4), Interventions (6) and Outcomes (7)")
        _ = update(&s, .key(.char("s")))
        #expect(s.message == "s works on Risks (4)")
        #expect(!s.searching)
        // The overview has no list to filter: / finds anywhere instead.
        _ = update(&s, .key(.char("/")))
        #expect(s.mode == .find)
        _ = update(&s, .key(.escape))
        _ = update(&s, .key(.char("Z")))
        #expect(s.message == nil)
    }

    @Test func helpShowsTheKeysOfHereFirstWithTheirReasons() throws {
        var s = try Self.state(.browsing, on: .workstreams)
        _ = update(&s, .key(.char("?")))
        let lines = HelpOverlay.lines(s).map { $0.map(\.text).joined() }
        #expect(lines.first == "Keys here: Workstreams")
        // The legends first (footers point to them), then this screen's keys.
        #expect(lines[1].hasPrefix("RAG: G green") && lines[2] == Provenance.judgementLegend && lines[3] == Provenance.illustrativeLegend)
        #expect(lines[5] == "Workstreams")
        let rate = try #require(lines.firstIndex { $0.hasPrefix("  r ") })
        let all = try #require(lines.firstIndex(of: "All keys"))
        #expect(rate < all)
        #expect(lines[rate].contains("(now: Open a priority's workstreams (Enter), or all of them (a), and select one first)"))
        // Every binding appears once.
        for g in VRUI.Keys.allGroups {
            for b in g.all {
                let label = b.keyLabel + String(repeating: " ", count: max(1, 18 - Width.of(b.keyLabel)))
                #expect(lines.filter { $0.hasPrefix("  " + label + s.keyed(b.help)) }.count >= 1, "\(b.id)")
            }
        }
    }

    @Test func keyNamesParseAsTheTableWritesThem() {
        for (name, key) in [
            ("q", Key.char("q")), ("Space", .char(" ")), ("Ctrl-R", .ctrl("r")), ("Enter", .enter), ("Esc", .escape),
            ("Shift-Tab", .backTab), ("↑", .up), ("PgDn", .pageDown), ("G", .char("G")),
        ] {
            #expect(Key(name: name) == key, "\(name)")
            #expect(Key(name: key.label) == key, "\(key.label)")
        }
        for bad in ["", "Ctrl-", "Ctrl-ab", "qq", "\u{1B}"] { #expect(Key(name: bad) == nil, "\(bad)") }
    }
}
