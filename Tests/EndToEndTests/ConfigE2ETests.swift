import Foundation
import Testing

/// The config file (`~/.config/vrboard/config.toml`, or under XDG_CONFIG_HOME): the default store, the
/// user, the theme, the pack's protective marking and key remaps; a bad file is one `file:line` warning
/// and vrboard goes on with the defaults.
@Suite struct ConfigE2ETests {
    static func writeConfig(_ box: Sandbox, _ text: String) throws -> URL {
        let dir = box.home.appendingPathComponent(".config/vrboard")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("config.toml")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test("store, user and marking come from the config file; options still win")
    func settingsApply() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        _ = try Self.writeConfig(
            box,
            """
            # vrboard settings
            store = "\(store.path)"
            user = "j.smith"
            marking = "OFFICIAL-SENSITIVE"
            """)
        // No --store: the config's store; no --user: the config's user.
        let rag = try box.vrboard(["rag", "WS-1.1", "G", "--note", "Return received"])
        #expect(rag.status == 0, "\(rag)")
        #expect(rag.stdout.contains("by j.smith"), "\(rag)")
        #expect(rag.stderr.isEmpty, "\(rag)")
        let md = try box.vrboard(["export", "--format", "md"])
        #expect(md.status == 0, "\(md)")
        #expect(md.stdout.hasPrefix("**OFFICIAL-SENSITIVE**\n\n# Nottingham"), "\(md.stdout.prefix(200))")
        #expect(md.stdout.hasSuffix("**OFFICIAL-SENSITIVE**\n\n"))
        // The config's user saved the change; a paper names members, so not j.smith (no member's login).
        #expect(md.stdout.contains("| Report Of |") == false && !md.stdout.contains("j.smith"))
        let html = try box.vrboard(["export", "--format", "html", "--marking", "OFFICIAL"])
        #expect(html.stdout.contains("<p class=\"marking\">OFFICIAL</p>"))
        #expect(!html.stdout.contains("OFFICIAL-SENSITIVE"))
        let other = try box.vrboard(["rag", "WS-1.2", "R", "--note", "Lapsed", "--user", "bob"])
        #expect(other.stdout.contains("by bob"), "\(other)")
    }

    enum BadConfig: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case syntax, unknownSetting, badTheme, unknownBinding, notAKey, clash, wrongType
        var testDescription: String { rawValue }
        var text: String {
            switch self {
            case .syntax: "user = \"j.smith\"\ntheme = high-contrast\n"
            case .unknownSetting: "user = \"j.smith\"\ncolour = \"blue\"\n"
            case .badTheme: "user = \"j.smith\"\n\ntheme = \"neon\"\n"
            case .unknownBinding: "[keys]\n\"risks.sort\" = \"o\"\n\"risks.shuffle\" = \"z\"\n"
            case .notAKey: "[keys]\n\"risks.sort\" = \"Hyper-Q\"\n"
            case .clash: "user = \"a\"\n[keys]\n\"risks.sort\" = \"e\"\n"
            case .wrongType: "marking = 3\n"
            }
        }
        /// `config.toml:LINE: …` and what the message names.
        var expected: (line: Int, mentions: String) {
            switch self {
            case .syntax: (2, "could not determine value type")
            case .unknownSetting: (2, "unknown setting 'colour'")
            case .badTheme: (3, "theme 'neon' is not one of colour, high-contrast, monochrome")
            case .unknownBinding: (3, "no key binding is called 'risks.shuffle'")
            case .notAKey: (2, "'Hyper-Q' is not a key")
            case .clash: (3, "[keys] would make e is both risks.sort and risks.edit (Risks)")
            case .wrongType: (1, "marking must be a string")
            }
        }
    }

    @Test("a bad config file is one file:line warning, and the command goes on with the defaults", arguments: BadConfig.allCases)
    func badConfig(_ bad: BadConfig) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let file = try Self.writeConfig(box, bad.text)
        let r = try box.vrboard(["rag", "WS-1.1", "G", "--note", "Return received", "--store", store.path])
        #expect(r.status == 0, "\(r)")
        // The defaults: the login name, not the config's user.
        #expect(r.stdout.contains("by e2e"), "\(r)")
        #expect(r.stderrLines.count == 1, "\(r)")
        #expect(r.stderr.hasPrefix("vrboard: warning: \(file.path):\(bad.expected.line): "), "\(r.stderr)")
        #expect(r.stderr.contains(bad.expected.mentions), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("; using the defaults\n"), "\(r.stderr)")
    }

    @Test("a key remapped in the config file works on the live board, and its hint shows the new key")
    func remapOnTheBoard() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        _ = try Self.writeConfig(box, "[keys]\n\"risks.sort\" = \"o\"\n")
        let s = try BoardSession("config-remap", sandbox: box, store: store, arguments: ["--no-mouse"])
        defer { s.kill() }
        try s.waitFor([ScreenText.overview])
        try s.press("4")
        try s.waitFor(["Risk register · 15 · by residual score", " o sort"], none: [" s sort"])
        try s.press("o")
        try s.waitFor(["Risks sorted by owner", "by owner"])
        // s no longer sorts: s then o moves one step on (to review date), not two (to status).
        try s.press("s")
        try s.press("o")
        try s.waitFor(["Risks sorted by review date"], none: ["by status"])
        try s.press("q")
        #expect(try s.waitForExit().status == 0)
    }
}

/// The pack's protective marking: OFFICIAL unless told otherwise.
@Suite struct MarkingE2ETests {
    @Test("the pack is marked OFFICIAL by default; --marking none prints none")
    func defaultMarking() throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        let md = try box.vrboard(["export", "--format", "md", "--live", "--store", store.path])
        #expect(md.status == 0, "\(md)")
        #expect(md.stdout.hasPrefix("**OFFICIAL**\n\n# "), "\(md.stdout.prefix(80))")
        #expect(md.stdout.hasSuffix("**OFFICIAL**\n\n"))
        let none = try box.vrboard(["export", "--format", "md", "--live", "--marking", "none", "--store", store.path])
        #expect(none.stdout.hasPrefix("# "), "\(none.stdout.prefix(80))")
        #expect(!none.stdout.contains("**OFFICIAL"))
    }
}
