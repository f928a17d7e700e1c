#if canImport(Glibc)
    import Glibc
#endif
import VRUI

/// Measures how the terminal draws the emoji sequences terminals disagree on, by asking it: each sample
/// is written at the start of a line and the terminal is asked where its cursor went (DSR 6, `ESC [ 6 n`,
/// answered `ESC [ row ; col R`). The answers become `Width.profile`, so the board lays text out as the
/// terminal will draw it, and no border moves.
public enum WidthProbe {
    /// Each sample, and what its measured width says about the terminal.
    static let samples: [(text: String, apply: @Sendable (inout Width.Profile, Int) -> Void)] = [
        ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}", { p, w in p.zwjJoins = w <= 2 }),
        ("\u{270A}\u{1F3FE}", { p, w in p.modifierJoins = w <= 2 }),
        ("\u{2764}\u{FE0F}", { p, w in p.selectorWidens = w >= 2 }),
        ("\u{1F1EC}\u{1F1E7}", { p, w in p.flagCells = min(4, max(1, w)) }),
    ]

    /// False when `VRBOARD_WIDTHS=unicode` says not to ask (a terminal that does not answer cursor reports
    /// costs half a second at start-up otherwise).
    public static var wanted: Bool { getenv("VRBOARD_WIDTHS").map { String(cString: $0) } != "unicode" }

    /// How long to wait for the terminal's answers: half a second, or `VRBOARD_WIDTHS_WAIT` milliseconds
    /// (a slow link, or a machine under load, may need longer; at most 10 s).
    public static var defaultTimeoutMs: Int32 {
        guard let v = getenv("VRBOARD_WIDTHS_WAIT").flatMap({ Int32(String(cString: $0)) }), v > 0 else { return 500 }
        return min(v, 10_000)
    }

    /// Asks the terminal on `output`, reading its answers from `input` (already raw, without echo).
    /// Nil when it does not answer every question within `timeoutMs` (then Unicode's widths stand).
    /// The line the samples were written on is erased.
    public static func measure(input: Int32, output: Int32, timeoutMs: Int32 = defaultTimeoutMs) -> Width.Profile? {
        var typed: [UInt8] = []
        return measure(input: input, output: output, timeoutMs: timeoutMs, typed: &typed)
    }

    /// As `measure`, giving back in `typed` the bytes of keys pressed while it waited, in order.
    public static func measure(input: Int32, output: Int32, timeoutMs: Int32 = defaultTimeoutMs, typed: inout [UInt8]) -> Width.Profile? {
        var query = ""
        for s in samples { query += "\r" + s.text + "\u{1B}[6n" }
        query += "\r\u{1B}[K"
        guard write(output, query) else { return nil }
        var columns: [Int] = []
        var pending: [UInt8] = []
        var waited: Int32 = 0
        while columns.count < samples.count && waited < timeoutMs {
            var fds = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let step: Int32 = 50
            let ready = poll(&fds, 1, step)
            if ready <= 0 {
                waited += step
                continue
            }
            var buf = [UInt8](repeating: 0, count: 256)
            let n = read(input, &buf, buf.count)
            if n <= 0 { break }
            pending += buf[0..<n]
            columns += replies(&pending, other: &typed)
        }
        typed += pending
        guard columns.count >= samples.count else { return nil }
        var p = Width.Profile()
        for (s, col) in zip(samples, columns) { s.apply(&p, col - 1) }
        return p
    }

    /// For a terminal not in curses mode (`vrboard render` to a terminal): raw mode around `measure`.
    public static func measureRaw(input: Int32 = 0, output: Int32 = 1) -> Width.Profile? {
        guard isatty(input) == 1, isatty(output) == 1 else { return nil }
        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var raw = saved
        cfmakeraw(&raw)
        guard tcsetattr(input, TCSANOW, &raw) == 0 else { return nil }
        defer { tcsetattr(input, TCSANOW, &saved) }
        return measure(input: input, output: output)
    }

    /// The column of each complete cursor report in `bytes`, which keep what may be the start of the
    /// next; anything else (keys pressed meanwhile) goes to `other`, in order, to be read as keys.
    static func replies(_ bytes: inout [UInt8], other: inout [UInt8]) -> [Int] {
        var out: [Int] = []
        while let end = bytes.firstIndex(of: UInt8(ascii: "R")), let esc = bytes[..<end].lastIndex(of: 0x1B) {
            let body = String(decoding: bytes[(esc + 1)..<end], as: UTF8.self)
            if body.hasPrefix("["), let semi = body.firstIndex(of: ";"), let col = Int(body[body.index(after: semi)...]),
                body.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ";") })
            {
                other += bytes[..<esc]
                out.append(col)
            } else {
                other += bytes[...end]
            }
            bytes.removeSubrange(...end)
        }
        // Keep what may be a report still arriving (from its escape); the rest was typed meanwhile.
        let keep = bytes.lastIndex(of: 0x1B) ?? bytes.endIndex
        other += bytes[..<keep]
        bytes.removeSubrange(..<keep)
        return out
    }

    private static func write(_ fd: Int32, _ s: String) -> Bool {
        let bytes = Array(s.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { return false }
            done += n
        }
        return true
    }
}
