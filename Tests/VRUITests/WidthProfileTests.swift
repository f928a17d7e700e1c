import Foundation
import Testing
@testable import VRTerminal
@testable import VRUI

#if canImport(Glibc)
    import Glibc
#endif

/// Emoji sequences measured as the terminal draws them: the profile's rules, and the probe that asks
/// the terminal (here a pipe that answers as tmux 3.3a does, or not at all).
@Suite struct WidthProfileTests {
    static let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
    static let coder = "\u{1F468}\u{200D}\u{1F4BB}"
    static let fist = "\u{270A}\u{1F3FE}"
    static let flag = "\u{1F1EC}\u{1F1E7}"
    static let heart = "\u{2764}\u{FE0F}"
    static let keycap = "1\u{FE0F}\u{20E3}"

    static func width(_ s: String, _ p: Width.Profile) -> Int { Width.sequence(Array(s.unicodeScalars), p) }

    @Test("Unicode's widths: each sequence is one wide glyph; a base with combining marks keeps its width")
    func unicodeProfile() {
        let p = Width.Profile.unicode
        for s in [Self.family, Self.coder, Self.fist, Self.flag, Self.heart, Self.keycap] { #expect(Self.width(s, p) == 2, "\(s)") }
        #expect(Self.width("e\u{0301}", p) == 1)
        #expect(Width.of("e\u{0301}" as Character) == 1)
    }

    @Test("a terminal that draws sequences in parts: each part counted, a tone swatch two cells, FE0F widening nothing")
    func splitProfile() {
        var p = Width.Profile()
        p.zwjJoins = false
        p.modifierJoins = false
        p.selectorWidens = false
        p.flagCells = 2
        #expect(Self.width(Self.family, p) == 8)
        #expect(Self.width(Self.coder, p) == 4)
        #expect(Self.width(Self.fist, p) == 4)
        #expect(Self.width(Self.heart, p) == 1)
        #expect(Self.width(Self.keycap, p) == 1)
        #expect(Self.width(Self.flag, p) == 2)
        // A family of skin-toned people, in parts: each person and their tone.
        #expect(Self.width("\u{1F469}\u{1F3FD}\u{200D}\u{1F467}", p) == 6)
    }

    @Test("cursor reports are read whatever comes with them; keys typed meanwhile are kept in order; a report cut in two waits")
    func replies() {
        var other: [UInt8] = []
        var bytes = Array("\u{1B}[1;3R\u{1B}[12;5R".utf8)
        #expect(WidthProbe.replies(&bytes, other: &other) == [3, 5] && bytes.isEmpty && other.isEmpty)
        bytes = Array("4\u{1B}[2;9Rq\u{1B}".utf8)
        #expect(WidthProbe.replies(&bytes, other: &other) == [9])
        #expect(other == Array("4q".utf8), "keys typed meanwhile are kept, in order, to be read as keys")
        #expect(bytes == [0x1B], "an escape that may start the next report waits")
        other = []
        bytes = Array("\u{1B}[1;".utf8)
        #expect(WidthProbe.replies(&bytes, other: &other).isEmpty && bytes == Array("\u{1B}[1;".utf8) && other.isEmpty)
        bytes += Array("4R".utf8)
        #expect(WidthProbe.replies(&bytes, other: &other) == [4])
        // An arrow key is not a report: it is kept whole.
        bytes = Array("\u{1B}[A\u{1B}[3;3R".utf8)
        #expect(WidthProbe.replies(&bytes, other: &other) == [3] && other == Array("\u{1B}[A".utf8))
    }

    /// A terminal on a pair of pipes: it reads the probe and answers each cursor question with the
    /// column after the sample (its width plus one), or stays silent.
    static func probe(answering widths: [Int]?) throws -> Width.Profile? {
        var toTerminal: [Int32] = [0, 0], fromTerminal: [Int32] = [0, 0]
        guard pipe(&toTerminal) == 0, pipe(&fromTerminal) == 0 else { throw POSIXError(.EIO) }
        defer { for fd in toTerminal + fromTerminal { close(fd) } }
        let reader = toTerminal[0], writer = fromTerminal[1]
        let terminal = Thread {
            var seen = 0
            var buf = [UInt8](repeating: 0, count: 512)
            var text: [UInt8] = []
            while seen < WidthProbe.samples.count {
                let n = read(reader, &buf, buf.count)
                if n <= 0 { return }
                text += buf[0..<n]
                let questions = String(decoding: text, as: UTF8.self).components(separatedBy: "\u{1B}[6n").count - 1
                while seen < questions {
                    if let widths {
                        let answer = Array("\u{1B}[7;\(widths[seen] + 1)R".utf8)
                        _ = answer.withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
                    }
                    seen += 1
                }
            }
        }
        terminal.start()
        return WidthProbe.measure(input: fromTerminal[0], output: toTerminal[1], timeoutMs: 300)
    }

    @Test("the probe reads tmux 3.3a's answers as its profile; a terminal that does not answer leaves Unicode's widths")
    func probeAnswers() throws {
        // tmux 3.3a: the family in one cell pair, the fist and its tone apart, the heart one cell, the flag two.
        let p = try #require(try Self.probe(answering: [2, 4, 1, 2]))
        #expect(!p.modifierJoins && p.zwjJoins && !p.selectorWidens && p.flagCells == 2)
        let modern = try #require(try Self.probe(answering: [2, 2, 2, 2]))
        #expect(modern == .unicode)
        #expect(try Self.probe(answering: nil) == nil)
    }
}
