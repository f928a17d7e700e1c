import Foundation
import Testing
import VRModel
import VRTestSupport
@testable import VRUI

/// Every key the board names comes from the bindings as the user remapped them: footers, hint bars,
/// help, messages, slides. Every binding is moved to a key no binding uses, and no frame may still show
/// a default key.
@Suite struct RemapTests {
    /// Each binding that has keys moved to a letter of its own from outside ASCII (Latin Extended-A,
    /// Greek, Cyrillic small and capital), which no default binding uses.
    static let remaps: KeyRemaps = {
        let pool =
            (0x0100...0x017F).compactMap(Unicode.Scalar.init).map(Character.init)
            + (0x03B1...0x03C9).compactMap(Unicode.Scalar.init)
            .map(Character.init) + (0x0430...0x044F).compactMap(Unicode.Scalar.init).map(Character.init)
            + (0x0410...0x042F).compactMap(Unicode.Scalar.init).map(Character.init)
        let ids = Keys.allGroups.flatMap(\.bindings).filter { !$0.keys.isEmpty }.map(\.id)
        let unique = Array(Set(ids)).sorted()
        precondition(pool.count >= unique.count, "not enough spare keys")
        return KeyRemaps(Dictionary(uniqueKeysWithValues: zip(unique, pool.map { [Key.char($0)] })))
    }()

    /// Every default key's label, as footers and hints named them before the remap.
    static let defaultLabels: Set<String> = {
        var out = Set<String>()
        for g in Keys.allGroups {
            for b in g.bindings where !b.keys.isEmpty {
                out.formUnion(b.keys.map(\.label))
                out.insert(b.keyLabel)
                out.insert(b.hintLabel)
            }
        }
        return out
    }()

    /// The text of every run of cells drawn as a key, each split at `/` (`PgUp/PgDn`).
    static func keyRuns(_ f: Frame) -> [String] {
        var runs: [String] = []
        for y in 0..<f.height {
            var run = ""
            for x in 0..<f.width {
                let c = f[x, y]
                if c.role == .key {
                    run += c.text
                } else if !run.isEmpty {
                    runs.append(run)
                    run = ""
                }
            }
            if !run.isEmpty { runs.append(run) }
        }
        return runs.flatMap { $0.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// Every golden view (each screen, dialog and slide), and a few more states, opened with the default
    /// keys, then drawn at 100x30 with every key remapped.
    static let views: [GoldenFrameTests.View] =
        GoldenFrameTests.views + [
            .init(name: "rating discard", keys: [.char("2"), .enter, .char("r"), .down, .escape]),
            .init(name: "walkthrough help", keys: [.char("?")], slide: .title),
            .init(name: "too small", keys: [], tooSmall: true),
        ]

    static func state(_ dataset: String, _ v: GoldenFrameTests.View) throws -> AppState {
        try GoldenFrameTests.state(dataset, v, width: 100, height: 30)
    }

    @Test(arguments: Fixtures.datasets, views)
    func noDefaultKeyIsShownOnceEveryKeyIsRemapped(dataset: String, view: GoldenFrameTests.View) throws {
        var s = try Self.state(dataset, view)
        // The status line's message is checked on its own (below); here the hint bar shows.
        s.message = nil
        let before = Self.keyRuns(render(s))
        #expect(!before.isEmpty || view.slide != nil || view.tooSmall, "\(view.name) names no key at all: the test would prove nothing")
        s.keyRemaps = Self.remaps
        let frame = render(s)
        let stale = Self.keyRuns(frame).filter { Self.defaultLabels.contains($0) }
        #expect(stale.isEmpty, "\(view.name) (\(dataset)) still shows default keys \(stale) once remapped:\n\(frame.lines.joined(separator: "\n"))")
        let text = frame.lines.joined(separator: "\n")
        #expect(!text.contains("{"), "\(view.name): a key template was left unfilled")
    }

    /// Messages name keys from the bindings too: a disabled key's reason, and what undo says.
    @Test func messagesNameTheRemappedKeys() throws {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 100, height: 30)
        s.keyRemaps = KeyRemaps(["workstreams.edit": [.char("é")], "list.open": [.char("ö")], "workstreams.all": [.char("ä")]])
        _ = s.press(.char("2"), .char("é"))
        let m = try #require(s.message)
        #expect(m.contains("(ö)") && m.contains("(ä)") && !m.contains("Enter"), "\(m)")
        #expect(!m.contains("{"))
    }

    /// Every `{binding.id}` a message or footer in the UI's source names is a binding: a renamed binding
    /// cannot leave a template that shows its braces.
    @Test func everyKeyTemplateInTheSourceNamesABinding() throws {
        let root = Paths.packageRoot.appendingPathComponent("Sources/VRUI")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        let pattern = try NSRegularExpression(pattern: #"\{([a-z]+\.[A-Za-z]+)\}"#)
        var named = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let id = (text as NSString).substring(with: m.range(at: 1))
                // The doc comments' own example.
                if id == "binding.id" { continue }
                named += 1
                #expect(Keys.byID[id] != nil, "\(file) names {\(id)}, which is no binding")
            }
        }
        #expect(named > 20)
    }

    /// Help's "All keys" lists the remapped keys, not the defaults.
    @Test func helpsAllKeysAppliesTheRemaps() throws {
        var s = AppState(board: try Fixtures.board("nnvru-2021-22"), width: 100, height: 30)
        s.keyRemaps = KeyRemaps(["confirm.yes": [.char("j")], "risks.sort": [.char("o")], "edit.undo": [.char("z")]])
        let lines = HelpOverlay.lines(s).map { $0.map(\.text).joined() }
        func line(_ help: String) -> String? { lines.first { $0.contains(help) } }
        #expect(try #require(line("Yes: archive")).hasPrefix("  j "))
        #expect(try #require(line("Undo this session")).hasPrefix("  z "))
        #expect(try #require(line("Sort by residual score")).hasPrefix("  o "))
    }
}

/// The national view's keys are VRUI bindings too: remapped, its foot names the new keys and they run.
@Suite struct NationalRemapTests {
    @Test func theNationalViewTakesTheRemaps() throws {
        var s = try NationalViewTests.state(width: 120, height: 36)
        let defaults = Set(NationalView.groups.flatMap(\.bindings).flatMap { $0.keys.map(\.label) + [$0.hintLabel] })
        let ids = NationalView.groups.flatMap(\.bindings).map(\.id)
        let pool = (0x03B1...0x03C9).compactMap(Unicode.Scalar.init).map { Key.char(Character($0)) }
        s.keyRemaps = KeyRemaps(Dictionary(uniqueKeysWithValues: zip(ids, pool.map { [$0] })))
        let stale = RemapTests.keyRuns(renderNational(s)).filter { defaults.contains($0) }
        #expect(stale.isEmpty, "the national foot still shows \(stale)")
        #expect(s.send(.char("s")) == .none && s.sort == .allocation, "s no longer sorts once national.sort is moved")
        let sortKey = try #require(s.keyRemaps.keys["national.sort"]?.first)
        _ = s.send(sortKey)
        #expect(s.sort == .share)
        let quitKey = try #require(s.keyRemaps.keys["national.quit"]?.first)
        #expect(s.send(quitKey) == .quit)
    }

    @Test func theKeyTableAndTheConfigKnowTheNationalKeys() {
        #expect(Keys.markdown.contains("`national.sort`"))
        #expect(Keys.bindingIDs.contains("national.open"))
        #expect(
            Keys.conflicts(with: KeyRemaps(["national.sort": [.char("q")]])).contains { $0.first == "national.sort" || $0.second == "national.sort" })
    }
}
