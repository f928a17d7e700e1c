import Foundation
import VRModel

/// What a cell means, not what colour it is: a theme maps roles to colours or attributes.
public enum Role: UInt8, Sendable, CaseIterable {
    case normal, muted, heading, title, titleBar, tab, tabActive, selected, selectedMuted, border, hint, key
    case ragGreen, ragAmberGreen, ragAmber, ragAmberRed, ragRed, ragComplete, ragNone
    case pass, fail, warning, bar, barAlt, bandLow, bandMedium, bandHigh, bandVeryHigh, heatEmpty, heatSelected
    case input, overlay

    /// A rating or a risk band: a badge that keeps its look on a selected row.
    public var isBadge: Bool {
        switch self {
        case .ragGreen, .ragAmberGreen, .ragAmber, .ragAmberRed, .ragRed, .ragComplete, .ragNone, .bandLow, .bandMedium, .bandHigh, .bandVeryHigh:
            true
        default: false
        }
    }
}

/// One terminal cell: a grapheme, its display width, and a role. A wide grapheme occupies its cell
/// and a following continuation cell (width 0, empty text).
public struct Cell: Equatable, Sendable {
    public var text: String
    public var width: UInt8
    public var role: Role
    public static let blank = Cell(text: " ", width: 1, role: .normal)
    public init(text: String, width: UInt8, role: Role) {
        self.text = text
        self.width = width
        self.role = role
    }
}

/// A rectangle of the frame.
public struct Rect: Equatable, Sendable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public func inset(_ d: Int) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
    /// Splits off the top `rows`, returning (top, rest).
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = min(rows, height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }
    public func splitLeft(_ cols: Int) -> (Rect, Rect) {
        let c = min(cols, width)
        return (Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height))
    }
    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < maxX && py >= y && py < maxY }
}

/// A grid of cells that views draw into; the terminal paints it, tests read its text.
public struct Frame: Equatable, Sendable, CustomStringConvertible {
    public let width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]
    /// The most rows a growing frame takes: writing below its last row adds rows up to this (a slide's
    /// whole content, measured by drawing it); 0 for a frame of fixed size.
    public private(set) var growsTo = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// A frame that starts `height` rows tall and grows as rows below it are written, up to `growsTo`.
    public init(width: Int, height: Int, growsTo: Int) {
        self.init(width: width, height: height)
        self.growsTo = max(self.height, growsTo)
    }

    /// Rows added to a growing frame so that row `y` exists; false when `y` is beyond what it may take.
    private mutating func reach(_ y: Int) -> Bool {
        if y < height { return true }
        guard y < growsTo else { return false }
        let rows = min(growsTo, max(y + 1, height * 2)) - height
        cells.append(contentsOf: repeatElement(.blank, count: rows * width))
        height += rows
        return true
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Copies `count` whole rows of `other` (of the same width), from its row `from`, to this frame's row `to`.
    public mutating func copyRows(of other: Frame, from: Int, to: Int, count: Int) {
        guard other.width == width else { return }
        for i in 0..<count where from + i >= 0 && from + i < other.height && to + i >= 0 && to + i < height {
            let src = (from + i) * width, dst = (to + i) * width
            cells.replaceSubrange(dst..<(dst + width), with: other.cells[src..<(src + width)])
        }
    }

    /// The number of rows from the top down to the last that holds anything but blanks.
    public var usedRows: Int {
        for y in stride(from: height - 1, through: 0, by: -1)
        where (0..<width).contains(where: { self[$0, y].text != " " && !self[$0, y].text.isEmpty }) {
            return y + 1
        }
        return 0
    }

    /// Writes text at (x, y), clipped to `limit` cells and the frame; returns the cells used.
    /// Text cut short ends in `…`; a wide character that would be split by the edge becomes a space.
    @discardableResult
    public mutating func put(_ raw: String, x: Int, y: Int, role: Role = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height || reach(y), x < width else { return 0 }
        // Whatever the store holds, no control character reaches a cell: each shows as a picture (␛).
        let text = Sanitize.display(raw)
        let end = min(width, limit.map { x + max(0, $0) } ?? width)
        if end - x > 0 && Width.of(text) > end - x {
            return put(Width.truncate(text, to: end - x), x: x, y: y, role: role, limit: end - x)
        }
        var cx = x
        for ch in text {
            let w = Width.of(ch)
            if w == 0 {
                // Combining mark or joiner: attach to the previous cell's grapheme.
                if cx > x, cx - 1 >= 0, cx - 1 < width {
                    var p = cx - 1
                    while cells[y * width + p].width == 0 && p > 0 { p -= 1 }
                    cells[y * width + p].text.append(ch)
                }
                continue
            }
            if cx + w > end {
                // A wide grapheme the edge would split: spaces in the cells it would have had.
                if w > 1 { for xx in max(0, cx)..<end { set(xx, y, Cell(text: " ", width: 1, role: role)) } }
                break
            }
            if cx >= 0 {
                for k in 0..<w { clearWide(at: cx + k, y) }
                set(cx, y, Cell(text: String(ch), width: UInt8(w), role: role))
                for k in 1..<w { set(cx + k, y, Cell(text: "", width: 0, role: role)) }
            }
            cx += w
        }
        return cx - x
    }

    /// Overwriting part of a wide grapheme (two cells, or more for an emoji sequence the terminal draws
    /// in parts) blanks the rest of it.
    private mutating func clearWide(at x: Int, _ y: Int) {
        guard x >= 0, x < width else { return }
        var lead = x
        while lead > 0 && cells[y * width + lead].width == 0 { lead -= 1 }
        let w = Int(cells[y * width + lead].width)
        guard w > 1 || lead != x else { return }
        for xx in lead..<min(width, lead + max(1, w)) {
            cells[y * width + xx] = Cell(text: " ", width: 1, role: cells[y * width + xx].role)
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ c: Cell) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = c
    }

    /// Fills a rectangle with spaces of a role.
    public mutating func fill(_ r: Rect, role: Role = .normal, char: String = " ") {
        for yy in max(0, r.y)..<min(height, r.maxY) {
            for xx in max(0, r.x)..<min(width, r.maxX) { cells[yy * width + xx] = Cell(text: char, width: 1, role: role) }
        }
    }

    /// Sets the role of a rectangle, keeping its text (for highlighting a row).
    public mutating func paint(_ r: Rect, role: Role) {
        for yy in max(0, r.y)..<min(height, r.maxY) {
            for xx in max(0, r.x)..<min(width, r.maxX) { cells[yy * width + xx].role = role }
        }
    }

    /// A box drawn with line characters, with an optional title in its top edge.
    public mutating func box(_ r: Rect, title: String? = nil, role: Role = .border, titleRole: Role = .heading) {
        guard r.width >= 2, r.height >= 2 else { return }
        put("┌" + String(repeating: "─", count: r.width - 2) + "┐", x: r.x, y: r.y, role: role)
        for yy in (r.y + 1)..<(r.maxY - 1) {
            put("│", x: r.x, y: yy, role: role)
            put("│", x: r.maxX - 1, y: yy, role: role)
        }
        put("└" + String(repeating: "─", count: r.width - 2) + "┘", x: r.x, y: r.maxY - 1, role: role)
        if let title, r.width > 6 { put(" \(Frame.shortened(title, to: r.width - 6)) ", x: r.x + 2, y: r.y, role: titleRole, limit: r.width - 4) }
    }

    /// A title that fits `cells`: whole when it does, else shortened by dropping its last ` · ` parts, then
    /// its last words, so what shows is never cut inside a word (`Escalated risks (5) · 1 review overdue`
    /// becomes `Escalated risks (5)`). Only a first word wider than the room is cut.
    public static func shortened(_ title: String, to cells: Int) -> String {
        guard Width.of(title) > cells else { return title }
        var parts = title.components(separatedBy: " · ")
        while parts.count > 1 {
            parts.removeLast()
            let t = parts.joined(separator: " · ")
            if Width.of(t) <= cells { return t }
        }
        var words = parts[0].split(separator: " ").map(String.init)
        while words.count > 1 {
            words.removeLast()
            var t = words.joined(separator: " ")
            // A title left ending on a joining word or mark reads as cut: drop that too.
            while let last = t.split(separator: " ").last, ["of", "and", "the", "for", "to", "(", "·", "-", "—"].contains(String(last)),
                t.contains(" ")
            {
                t = String(t[..<t.range(of: " ", options: .backwards)!.lowerBound])
            }
            if Width.of(t) <= cells { return t }
        }
        return Width.truncate(title, to: cells)
    }

    /// The text of each row, trailing spaces trimmed: what tests assert on.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].text }
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }

    public var text: String { lines.joined(separator: "\n") }
    public var description: String { "Frame \(width)x\(height):\n" + text }

    /// Roles along a row (for tests where colour matters).
    public func roles(row y: Int) -> [Role] { (0..<width).map { cells[y * width + $0].role } }

    /// The first position where `needle` appears.
    public func find(_ needle: String) -> (x: Int, y: Int)? {
        for (y, line) in lines.enumerated() {
            if let r = line.range(of: needle) {
                return (Width.of(String(line[..<r.lowerBound])), y)
            }
        }
        return nil
    }
}
