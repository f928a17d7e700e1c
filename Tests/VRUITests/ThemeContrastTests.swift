import Foundation
import Testing

@testable import VRUI

/// The projector theme: every role's text at the contrast WCAG 2.1 AA asks of normal text (4.5:1)
/// against its background, computed on xterm's default palette for the 16 ANSI colours.
@Suite struct ThemeContrastTests {
    /// xterm's default RGB for the 16 ANSI colours (the palette most terminal emulators start from).
    static let xterm: [Colour: (Double, Double, Double)] = [
        .black: (0, 0, 0), .red: (205, 0, 0), .green: (0, 205, 0), .yellow: (205, 205, 0), .blue: (0, 0, 238), .magenta: (205, 0, 205),
        .cyan: (0, 205, 205), .white: (229, 229, 229), .brightBlack: (127, 127, 127), .brightRed: (255, 0, 0), .brightGreen: (0, 255, 0),
        .brightYellow: (255, 255, 0), .brightBlue: (92, 92, 255), .brightMagenta: (255, 0, 255), .brightCyan: (0, 255, 255),
        .brightWhite: (255, 255, 255),
    ]

    /// WCAG 2.1 relative luminance of a colour.
    static func luminance(_ c: Colour) -> Double {
        let (r, g, b) = xterm[c]!
        func channel(_ v: Double) -> Double {
            let s = v / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    /// WCAG 2.1 contrast ratio of two colours, 1 to 21.
    static func contrast(_ a: Colour, _ b: Colour) -> Double {
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }

    @Test("the ratio is WCAG's: white on black 21:1, a colour on itself 1:1, red on yellow under 4.5")
    func ratioIsWCAGs() {
        #expect(abs(Self.contrast(.brightWhite, .black) - 21) < 0.001)
        #expect(Self.contrast(.green, .green) == 1)
        #expect(Self.contrast(.red, .yellow) < 4.5)
    }

    @Test("every role of the projector theme has both colours given and text at 4.5:1 or more on its background", arguments: Role.allCases)
    func projectorRole(role: Role) throws {
        let st = Theme.highContrast.style(role)
        #expect(!st.dim, "\(role) is not dimmed")
        let fg = try #require(st.fg, "\(role) gives its text colour"), bg = try #require(st.bg, "\(role) gives its background")
        let (text, ground) = st.reverse ? (bg, fg) : (fg, bg)
        let ratio = Self.contrast(text, ground)
        #expect(ratio >= 4.5, "\(role): \(text) on \(ground) is \(String(format: "%.2f", ratio)):1")
    }
}
