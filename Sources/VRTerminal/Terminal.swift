#if canImport(Glibc)
    import Glibc
#endif
import CNcursesw
import VRUI

/// Set by the signal handlers; the event loop sees it within one poll interval and restores the terminal.
nonisolated(unsafe) private var pendingSignal: Int32 = 0

/// An input event from the terminal.
public enum InputEvent: Equatable, Sendable {
    case key(Key)
    /// Text the terminal delivered as one bracketed paste.
    case paste(String)
    case mouse(Mouse)
    case resize(width: Int, height: Int)
    case signal(Int32)
}

/// The only code that talks to ncursesw: paints Frames (changed cells only), reads keys, mouse and resizes,
/// and puts the terminal back as it was on every exit path.
public final class Terminal {
    private let theme: Theme
    private var pairs: [Style: Int16] = [:]
    private var last: Frame?
    private var active = false
    private let colour: Bool

    /// Starts curses. `colour` false paints attributes only (NO_COLOR, --color never).
    public init(theme: Theme, colour: Bool, mouse: Bool) {
        self.theme = theme
        setlocale(LC_ALL, "")
        initscr()
        active = true
        raw()
        noecho()
        nonl()
        keypad(vr_stdscr(), true)
        vr_set_escdelay(25)
        curs_set(0)
        var useColour = colour && has_colors()
        if useColour {
            start_color()
            use_default_colors()
            useColour = vr_color_pairs() > 1
        }
        self.colour = useColour
        if useColour {
            var next: Int16 = 1
            for role in Role.allCases {
                let st = theme.style(role)
                guard st.fg != nil || st.bg != nil else { continue }
                let key = Style(fg: st.fg, bg: st.bg)
                if pairs[key] == nil {
                    init_pair(next, Int16(st.fg?.rawValue ?? -1), Int16(st.bg?.rawValue ?? -1))
                    pairs[key] = next
                    next += 1
                }
            }
        }
        if mouse {
            mousemask(vr_mouse_mask(), nil)
            mouseinterval(0)
        }
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(sig) { n in pendingSignal = n }
        }
        // Ask for bracketed paste, so a paste arrives as text and never as keys (an Enter in it cannot save a form).
        Terminal.emit("\u{1B}[?2004h")
        // How this terminal draws emoji sequences, before anything is laid out (VRBOARD_WIDTHS=unicode skips asking).
        if WidthProbe.wanted {
            fflush(nil)
            var typed: [UInt8] = []
            if let p = WidthProbe.measure(input: 0, output: 1, typed: &typed) { Width.profile = p }
            // Keys pressed while the terminal was answering are read next, in order.
            for byte in typed.reversed() { ungetch(Int32(byte)) }
            vr_clear_next()
        }
    }

    private static func emit(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }

    deinit { restore() }

    /// Ends curses and gives the shell a sane terminal. Safe to call more than once.
    public func restore() {
        guard active else { return }
        active = false
        Terminal.emit("\u{1B}[?2004l")
        curs_set(1)
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(getmaxx(vr_stdscr())), Int(getmaxy(vr_stdscr()))) }

    /// Paints a frame, sending only the cells that changed since the last one; one doupdate, no clear.
    ///
    /// A grapheme curses cannot hold in a cell (an emoji sequence of several wide parts) or whose width
    /// curses counts differently from the terminal (❤️, a keycap) is drawn apart: curses paints spaces
    /// of its width, then the grapheme itself is written over them at its place, and the cursor put
    /// back where curses believes it is, so curses and the terminal agree on every column.
    public func paint(_ frame: Frame) {
        let full = last == nil || last!.width != frame.width || last!.height != frame.height
        if full { werase(vr_stdscr()) }
        var buffer = [wchar_t](repeating: 0, count: 10)
        var changedRows: [Int] = []
        for y in 0..<frame.height {
            var rowChanged = full
            for x in 0..<frame.width {
                let c = frame[x, y]
                if c.width == 0 { continue }
                let w = Int(c.width)
                if !full, let last, last[x, y] == c {
                    // A wide grapheme's continuation cells may have changed with it; painting the lead covers them.
                    if (1..<w).allSatisfy({ x + $0 >= frame.width || last[x + $0, y] == frame[x + $0, y] }) { continue }
                }
                rowChanged = true
                let apart = Terminal.drawnApart(c)
                var n = 0
                for s in (apart ? " " : c.text).unicodeScalars where n < 9 {
                    buffer[n] = wchar_t(bitPattern: s.value)
                    n += 1
                }
                if n == 0 {
                    buffer[0] = 0x20
                    n = 1
                }
                buffer[n] = 0
                let st = theme.style(c.role)
                var attrs = vr_a_normal()
                if st.bold { attrs |= vr_a_bold() }
                if st.dim { attrs |= vr_a_dim() }
                if st.reverse { attrs |= vr_a_reverse() }
                if st.underline { attrs |= vr_a_underline() }
                let pair = colour ? (pairs[Style(fg: st.fg, bg: st.bg)] ?? 0) : 0
                for k in 0..<(apart ? w : 1) where x + k < frame.width { _ = vr_put(Int32(y), Int32(x + k), buffer, attrs, pair) }
            }
            if rowChanged { changedRows.append(y) }
        }
        wnoutrefresh(vr_stdscr())
        doupdate()
        // Curses may have rewritten any changed row (spaces, a clear to the end of the line): every grapheme
        // drawn apart in those rows is written again.
        var out = ""
        for y in changedRows {
            for x in 0..<frame.width where frame[x, y].width > 0 && Terminal.drawnApart(frame[x, y]) {
                let c = frame[x, y]
                var st = theme.style(c.role)
                if !colour {
                    st.fg = nil
                    st.bg = nil
                }
                out += "\u{1B}[\(y + 1);\(x + 1)H" + Frame.sgr(st) + c.text + "\u{1B}[0m"
            }
        }
        if !out.isEmpty {
            var cy: Int32 = 0, cx: Int32 = 0
            vr_cursor(&cy, &cx)
            fflush(nil)
            Terminal.emit(out + "\u{1B}[\(cy + 1);\(cx + 1)H")
        }
        last = frame
    }

    /// True for a grapheme curses cannot put in one cell as the terminal draws it: several scalars with
    /// a wide one after the first, more than a cell holds, or a width curses counts differently.
    static func drawnApart(_ c: Cell) -> Bool {
        guard c.text.utf8.count > 1, let first = c.text.unicodeScalars.first else { return false }
        if Int(vr_wcwidth(first.value)) != Int(c.width) { return true }
        var n = 0
        for s in c.text.unicodeScalars.dropFirst() {
            n += 1
            if n >= 5 || vr_wcwidth(s.value) != 0 { return true }
        }
        return false
    }

    /// Forces the next paint to redraw everything (after a resize).
    public func invalidate() { last = nil }

    /// Ctrl-Z: the shell's terminal back, the process stopped until `fg`, then curses resumed and the
    /// whole screen painted again.
    public func suspend() {
        Terminal.emit("\u{1B}[?2004l")
        endwin()
        kill(getpid(), SIGSTOP)
        // Resumed (SIGCONT): the next refresh puts curses back in program mode.
        Terminal.emit("\u{1B}[?2004h")
        clearok(vr_stdscr(), true)
        wrefresh(vr_stdscr())
        last = nil
    }

    /// After ESC: a bracketed paste (`ESC [200~ … ESC [201~`), a key sequence the terminal database
    /// did not list (tmux sends Home as `ESC [1~` even for xterm), or a plain Escape. An unknown
    /// complete sequence is swallowed, never replayed as typed characters.
    private func escapeOrPaste() -> InputEvent {
        wtimeout(vr_stdscr(), 15)
        func next() -> UInt32? {
            var ch: wint_t = 0
            let r = wget_wch(vr_stdscr(), &ch)
            return r == OK ? UInt32(ch) : nil
        }
        guard let first = next() else { return .key(.escape) }
        if first == 0x4F {  // ESC O x (SS3)
            guard let c = next() else { return .key(.escape) }
            switch c {
            case 0x48: return .key(.home)
            case 0x46: return .key(.end)
            case 0x41: return .key(.up)
            case 0x42: return .key(.down)
            case 0x43: return .key(.right)
            case 0x44: return .key(.left)
            default: return .key(.escape)
            }
        }
        guard first == 0x5B else {
            // Alt+key, or Escape followed by a key: keep the key.
            unget_wch(wchar_t(bitPattern: first))
            return .key(.escape)
        }
        // CSI: parameters, then one final byte in 0x40...0x7E.
        var body: [UInt32] = []
        while body.count < 16, let c = next() {
            body.append(c)
            if (0x40...0x7E).contains(c) { break }
        }
        let seq = String(String.UnicodeScalarView(body.compactMap(Unicode.Scalar.init)))
        switch seq {
        case "200~": return readPaste()
        case "1~", "7~", "H", "1;1H": return .key(.home)
        case "4~", "8~", "F", "1;1F": return .key(.end)
        case "3~": return .key(.delete)
        case "5~": return .key(.pageUp)
        case "6~": return .key(.pageDown)
        case "A": return .key(.up)
        case "B": return .key(.down)
        case "C": return .key(.right)
        case "D": return .key(.left)
        case "Z": return .key(.backTab)
        case "": return .key(.escape)
        default: return .key(.escape)  // a key vrboard has no use for (e.g. Ctrl-arrows): nothing typed
        }
    }

    /// Collects a bracketed paste until ESC [201~ (or input stops, or a megabyte arrives).
    private func readPaste() -> InputEvent {
        var text: [Unicode.Scalar] = []
        let end: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]
        wtimeout(vr_stdscr(), 200)
        while text.count < 1 << 20 {
            var ch: wint_t = 0
            let r = wget_wch(vr_stdscr(), &ch)
            guard r != ERR else { break }
            if r == vr_key_code_yes() { continue }
            guard let u = Unicode.Scalar(UInt32(ch)) else { continue }
            text.append(u)
            if text.count >= end.count && text.suffix(end.count).map(\.value) == end {
                text.removeLast(end.count)
                break
            }
        }
        var out = ""
        out.unicodeScalars.append(contentsOf: text)
        return .paste(out)
    }

    /// Waits up to `timeoutMs` for input; nil when nothing arrived.
    public func read(timeoutMs: Int32) -> InputEvent? {
        if pendingSignal != 0 {
            let s = pendingSignal
            pendingSignal = 0
            return .signal(s)
        }
        wtimeout(vr_stdscr(), timeoutMs)
        var ch: wint_t = 0
        let r = wget_wch(vr_stdscr(), &ch)
        if pendingSignal != 0 {
            let s = pendingSignal
            pendingSignal = 0
            return .signal(s)
        }
        if r == ERR {
            // Nothing typed, or no terminal any more (hung up without a SIGHUP reaching us): the second
            // is a hang-up, never a loop reading nothing for ever.
            var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, 0) > 0 && p.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .signal(SIGHUP) }
            return nil
        }
        if r == vr_key_code_yes() {
            switch Int32(ch) {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_DC: return .key(.delete)
            case KEY_BTAB: return .key(.backTab)
            case KEY_ENTER: return .key(.enter)
            case KEY_RESIZE:
                invalidate()
                return .resize(width: size.width, height: size.height)
            case KEY_MOUSE:
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return nil }
                if vr_wheel_up(ev.bstate) != 0 { return .mouse(Mouse(.wheelUp, x: Int(ev.x), y: Int(ev.y))) }
                if vr_wheel_down(ev.bstate) != 0 { return .mouse(Mouse(.wheelDown, x: Int(ev.x), y: Int(ev.y))) }
                if vr_button1(ev.bstate) != 0 { return .mouse(Mouse(.click, x: Int(ev.x), y: Int(ev.y))) }
                return nil
            default: return nil
            }
        }
        switch ch {
        case 9: return .key(.tab)
        // Enter sends CR; Ctrl-J (LF) is a new line where text takes one, else Enter (see Keys.dispatch).
        case 13: return .key(.enter)
        case 10: return .key(.ctrl("j"))
        case 27: return escapeOrPaste()
        case 8, 127: return .key(.backspace)
        case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(ch) + 96))))
        default:
            guard let u = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .key(.char(Character(u)))
        }
    }
}
