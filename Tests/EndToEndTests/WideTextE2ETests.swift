import Foundation
import Testing

/// Accents, CJK and emoji in the live terminal: each row of a table stays exactly as wide as the
/// others, by display cells, whatever the text.
@Suite("Wide text on the live board", .serialized)
struct WideTextE2ETests {
    /// Sets a workstream's title by editing the store's JSON by hand, as someone might in a text editor.
    static func retitle(_ store: URL, _ id: String, to title: String) throws {
        let file = store.appendingPathComponent("workstreams.json")
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        var list = try #require(doc["documents"] as? [[String: Any]])
        let i = try #require(list.firstIndex { $0["id"] as? String == id })
        list[i]["title"] = title
        doc["documents"] = list
        try JSONSerialization.data(withJSONObject: doc, options: [.prettyPrinted, .sortedKeys]).write(to: file)
    }

    /// Display width as a terminal counts it, for the characters this test uses.
    static func cells(_ s: Substring) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            switch u.value {
            case 0x0300...0x036F, 0xFE0F, 0x200D: w
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1F64F, 0x1F900...0x1F9FF: w + 2
            default: w + 1
            }
        }
    }

    @Test(
        "accents, CJK and emoji keep the table's columns aligned",
        arguments: [
            "Café naïve résumé £5k — São Paulo",
            "青少年暴力预防 日本語のテキスト",
            "Youth voice 👍🎯 and 🙂 feedback",
        ])
    func wideTitlesAlign(title: String) throws {
        let box = try Sandbox()
        defer { box.remove() }
        let store = try box.makeStore(.nnvru)
        try Self.retitle(store, "WS-1.2", to: title)
        #expect(try box.vrboard(["validate", "--store", store.path]).status == 0)
        let s = try BoardSession("wide", sandbox: box, store: store, width: 120, height: 36)
        defer { s.kill() }
        _ = try s.waitFor(["1 Overview"])
        try s.press("2")
        try s.press("Enter")
        // The first characters of the title, as far as any column could show them.
        let prefix = String(title.prefix(8))
        let screen = try s.waitFor(["WS-1.1", "WS-1.2", prefix, "Rating history"])
        let rows = screen.split(separator: "\n").filter { $0.contains("WS-1.") && $0.hasPrefix("│") }
        #expect(rows.count >= 7, "\(screen)")
        let widths = Set(rows.map(Self.cells))
        #expect(widths == [120], "rows of different widths:\n\(rows.joined(separator: "\n"))")
        // The right border and the rating columns line up on the wide row as on the others.
        let wide = try #require(rows.first { $0.contains("WS-1.2") })
        let plain = try #require(rows.first { $0.contains("WS-1.1") })
        #expect(wide.hasSuffix("│") && plain.hasSuffix("│"))
        func column(_ row: Substring, of needle: String) -> Int? {
            guard let r = row.range(of: needle) else { return nil }
            return Self.cells(row[..<r.lowerBound])
        }
        let updatedWide = try #require(column(wide, of: "Nov 2021"))
        let updatedPlain = try #require(column(plain, of: "Nov 2021"))
        #expect(updatedWide == updatedPlain, "\(wide)\n\(plain)")
    }
}
