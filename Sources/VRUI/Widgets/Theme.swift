/// The 16 ANSI colours, which every terminal and projector setup can show.
public enum Colour: Int, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = 8, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

/// How a role looks: colours (nil keeps the terminal's own) and attributes.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: Colour?
    public var bg: Colour?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false
    public init(fg: Colour? = nil, bg: Colour? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }
    public static let plain = Style()
}

/// Maps style roles to looks. Every theme keeps RAG readable by its letter; colour only adds to it.
public struct Theme: Sendable {
    public let name: String
    private let styles: [Style]

    public init(name: String, _ map: (Role) -> Style) {
        self.name = name
        styles = Role.allCases.map(map)
    }

    public func style(_ r: Role) -> Style { styles[Int(r.rawValue)] }

    public static let colour = Theme(name: "colour") { r in
        switch r {
        case .normal, .overlay: .plain
        case .muted, .border, .heatEmpty: Style(fg: .brightBlack)
        case .heading: Style(bold: true)
        case .title: Style(fg: .cyan, bold: true)
        case .titleBar: Style(fg: .brightWhite, bg: .blue, bold: true)
        case .tab: Style(fg: .brightBlack)
        case .tabActive: Style(fg: .black, bg: .cyan, bold: true)
        case .selected: Style(fg: .black, bg: .cyan)
        case .selectedMuted: Style(underline: true)
        case .hint: .plain
        case .key: Style(fg: .cyan, bold: true)
        case .ragGreen: Style(fg: .black, bg: .green, bold: true)
        case .ragAmberGreen: Style(fg: .black, bg: .green, bold: true, underline: true)
        case .ragAmber: Style(fg: .black, bg: .yellow, bold: true)
        case .ragAmberRed: Style(fg: .red, bg: .yellow, bold: true)
        case .ragRed: Style(fg: .brightWhite, bg: .red, bold: true)
        case .ragComplete: Style(fg: .brightWhite, bg: .blue, bold: true)
        case .ragNone: Style(fg: .brightBlack, reverse: true)
        case .pass: Style(fg: .green, bold: true)
        case .fail: Style(fg: .red, bold: true)
        case .warning: Style(fg: .yellow, bold: true)
        case .bar: Style(fg: .cyan)
        case .barAlt: Style(fg: .blue)
        case .bandLow: Style(fg: .green)
        case .bandMedium: Style(fg: .yellow)
        case .bandHigh: Style(fg: .red, bold: true)
        case .bandVeryHigh: Style(fg: .brightWhite, bg: .red, bold: true)
        case .heatSelected: Style(bold: true, reverse: true)
        case .input: Style(underline: true)
        }
    }

    /// For a projected walkthrough: bright, bold text on black, strong RAG blocks, nothing dim.
    public static let highContrast = Theme(name: "high-contrast") { r in
        let base = Theme.colour.style(r)
        switch r {
        case .normal, .overlay, .hint: return Style(fg: .brightWhite, bg: .black)
        case .muted: return Style(fg: .white, bg: .black)
        case .border, .heatEmpty: return Style(fg: .white, bg: .black)
        case .heading: return Style(fg: .brightYellow, bg: .black, bold: true)
        case .title: return Style(fg: .brightCyan, bg: .black, bold: true)
        case .pass: return Style(fg: .brightGreen, bg: .black, bold: true)
        case .fail: return Style(fg: .brightRed, bg: .black, bold: true)
        case .warning: return Style(fg: .brightYellow, bg: .black, bold: true)
        case .bar: return Style(fg: .brightCyan, bg: .black)
        case .barAlt: return Style(fg: .brightMagenta, bg: .black)
        case .bandLow: return Style(fg: .brightGreen, bg: .black, bold: true)
        case .bandMedium: return Style(fg: .brightYellow, bg: .black, bold: true)
        case .bandHigh: return Style(fg: .brightRed, bg: .black, bold: true)
        // Every role's colours are given (none left to the terminal's own), each text at least 4.5:1 on
        // its background (WCAG AA for normal text, on xterm's palette): A/R is black on bright red, not
        // red on yellow (3.4:1); the second bar colour bright magenta, not bright blue (4.4:1).
        case .ragAmberRed: return Style(fg: .black, bg: .brightRed, bold: true)
        case .ragNone: return Style(fg: .black, bg: .brightBlack)
        case .heatSelected: return Style(fg: .black, bg: .brightWhite, bold: true)
        case .selectedMuted, .input: return Style(fg: .brightWhite, bg: .black, underline: true)
        case .key: return Style(fg: .brightCyan, bg: .black, bold: true)
        default:
            var st = base
            if st.bg == nil && !st.reverse { st.bg = .black }
            st.dim = false
            return st
        }
    }

    /// For `NO_COLOR`, `--color never` and monochrome projectors: attributes only.
    public static let monochrome = Theme(name: "monochrome") { r in
        switch r {
        case .normal, .overlay, .hint, .tab, .bar, .barAlt, .bandLow, .bandMedium, .pass, .ragNone: .plain
        case .muted, .border, .heatEmpty: Style(dim: true)
        case .heading, .title, .key, .warning, .bandHigh, .fail: Style(bold: true)
        // Ratings are badges in reverse video, as coloured badges have a background: a selected row (also
        // reversed) then has no gap at its rating cells.
        case .ragGreen, .ragAmberGreen, .ragAmber, .ragAmberRed, .ragRed, .ragComplete: Style(bold: true, reverse: true)
        case .titleBar, .tabActive, .selected, .heatSelected, .bandVeryHigh: Style(reverse: true)
        case .selectedMuted, .input: Style(underline: true)
        }
    }
}

extension Frame {
    /// The frame as lines with ANSI SGR escapes (for `render --color always`).
    public func ansiLines(theme: Theme) -> [String] {
        (0..<height).map { y in
            var out = ""
            var current: Style? = nil
            var trailing = ""
            for x in 0..<width {
                let c = self[x, y]
                if c.width == 0 { continue }
                let st = theme.style(c.role)
                if c.text == " " && st == .plain {
                    trailing += " "
                    continue
                }
                if !trailing.isEmpty {
                    if current != nil && current != .plain {
                        out += "\u{1B}[0m"
                        current = .plain
                    }
                    out += trailing
                    trailing = ""
                }
                if st != current {
                    out += Frame.sgr(st)
                    current = st
                }
                out += c.text
            }
            if current != nil && current != .plain { out += "\u{1B}[0m" }
            return out
        }
    }

    public static func sgr(_ s: Style) -> String {
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.underline { codes.append("4") }
        if s.reverse { codes.append("7") }
        if let f = s.fg { codes.append(f.rawValue < 8 ? "\(30 + f.rawValue)" : "\(90 + f.rawValue - 8)") }
        if let b = s.bg { codes.append(b.rawValue < 8 ? "\(40 + b.rawValue)" : "\(100 + b.rawValue - 8)") }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
