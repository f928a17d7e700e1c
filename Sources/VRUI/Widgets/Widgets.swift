import VRModel

extension RAG {
    public var role: Role {
        switch self {
        case .green: .ragGreen
        case .amberGreen: .ragAmberGreen
        case .amber: .ragAmber
        case .amberRed: .ragAmberRed
        case .red: .ragRed
        case .complete: .ragComplete
        case .notRated: .ragNone
        }
    }
    /// Three cells, centred: ` G `, `A/G`, ` A `.
    public var badge: String {
        let l = letter
        return l.count == 1 ? " \(l) " : l
    }
}

extension Band {
    public var role: Role {
        switch self {
        case .low: .bandLow
        case .medium: .bandMedium
        case .high: .bandHigh
        case .veryHigh: .bandVeryHigh
        }
    }
}

/// A table column: a title, a width (nil shares what is left), and alignment.
public struct Column {
    public var title: String
    /// The column's width; nil: it is flexible, sharing the room the others leave.
    public var width: Int?
    public var right: Bool
    /// With a width: the least it takes; it grows to fit its content from room the flexible columns do
    /// not need (a wide terminal shows whole names rather than a wider title column).
    public var grows: Bool
    public init(_ title: String, _ width: Int? = nil, right: Bool = false, grows: Bool = false) {
        self.title = title
        self.width = width
        self.right = right
        self.grows = grows
    }

    /// Widths for `columns` in `room` cells (a cell between columns), given each column's widest content:
    /// flexible columns fill first up to their content, then growing columns up to theirs, and room
    /// still left goes to the first flexible column (or the last column), so the table fills its box.
    static func widths(_ columns: [Column], room: Int, natural: [Int]) -> [Int] {
        var widths = columns.map { $0.width ?? 4 }
        var spare = room - widths.reduce(0, +) - max(0, columns.count - 1)
        func fill(_ which: [Int]) {
            var open = which.filter { widths[$0] < natural[$0] }
            while spare > 0 && !open.isEmpty {
                let share = max(1, spare / open.count)
                for i in open where spare > 0 {
                    let give = min(share, natural[i] - widths[i], spare)
                    widths[i] += give
                    spare -= give
                }
                open = open.filter { widths[$0] < natural[$0] }
            }
        }
        fill(columns.indices.filter { columns[$0].width == nil })
        fill(columns.indices.filter { columns[$0].grows })
        if spare > 0, let last = columns.firstIndex(where: { $0.width == nil }) ?? columns.indices.last { widths[last] += spare }
        return widths
    }
}

/// A text fragment with its role, for cells built from parts (e.g. a badge then a word).
public struct Span {
    public var text: String
    public var role: Role?
    public init(_ text: String, _ role: Role? = nil) {
        self.text = text
        self.role = role
    }
}

extension Span {
    /// The cells `spans` take on a line.
    public static func width(_ spans: [Span]) -> Int { spans.reduce(0) { $0 + Width.of($1.text) } }

    /// Spans laid out in lines of at most `width` cells, broken between words (a word wider than a line
    /// is broken inside it, a newline breaks the line); lines after the first start `indent` cells in.
    /// Nothing is dropped but the spaces at a break: every word of the spans is on some line.
    public static func wrap(_ spans: [Span], width: Int, indent: Int = 0) -> [[Span]] {
        let first = max(1, width), rest = max(1, width - max(0, indent))
        var lines: [[Span]] = [[]]
        var used = 0, pendingSpace: Span? = nil
        func room() -> Int { lines.count == 1 ? first : rest }
        func newLine() {
            lines.append([])
            used = 0
            pendingSpace = nil
        }
        func append(_ text: String, _ role: Role?, _ w: Int) {
            if let last = lines[lines.count - 1].last, last.role == role {
                lines[lines.count - 1][lines[lines.count - 1].count - 1].text += text
            } else {
                lines[lines.count - 1].append(Span(text, role))
            }
            used += w
        }
        func place(word: String, _ role: Role?) {
            var word = Substring(word)
            var w = Width.of(String(word))
            let space = pendingSpace.map { Width.of($0.text) } ?? 0
            if used > 0 && used + space + w > room() { newLine() }
            if let sp = pendingSpace, used > 0 { append(sp.text, sp.role, space) }
            pendingSpace = nil
            // A word wider than a whole line: as much as fits, then the rest on the next line.
            while used + w > room() {
                var part = "", pw = 0
                for ch in word {
                    let cw = Width.of(ch)
                    if used + pw + cw > room() && !(part.isEmpty && used == 0) { break }
                    part.append(ch)
                    pw += cw
                }
                append(part, role, pw)
                word = word.dropFirst(part.count)
                w -= pw
                newLine()
            }
            if !word.isEmpty { append(String(word), role, w) }
        }
        for s in spans {
            var word = "", spaces = ""
            func flushWord() {
                if !word.isEmpty { place(word: word, s.role) }
                word = ""
            }
            // A newline breaks the line; any other control character is shown as its picture (as `put` shows it).
            let text = s.text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { Sanitize.display(String($0)) }.joined(separator: "\n")
            for ch in text {
                if ch == "\n" {
                    flushWord()
                    spaces = ""
                    newLine()
                } else if ch == " " {
                    flushWord()
                    spaces.append(ch)
                } else {
                    if !spaces.isEmpty {
                        // Spaces between words: kept inside a line, dropped at a break.
                        pendingSpace = Span((pendingSpace?.text ?? "") + spaces, s.role)
                        spaces = ""
                    }
                    word.append(ch)
                }
            }
            flushWord()
            if !spaces.isEmpty { pendingSpace = Span((pendingSpace?.text ?? "") + spaces, s.role) }
        }
        return lines
    }
}

extension Frame {
    /// Spans wrapped (`Span.wrap`) from (x, y), lines after the first `indent` cells in; returns the rows used.
    @discardableResult
    public mutating func wrapped(_ spans: [Span], x: Int, y: Int, width: Int, base: Role = .normal, indent: Int = 0) -> Int {
        let lines = Span.wrap(spans, width: width, indent: indent)
        for (i, line) in lines.enumerated() {
            let lx = i == 0 ? x : x + indent
            put(line, x: lx, y: y + i, base: base, limit: width - (lx - x))
        }
        return lines.count
    }

    /// Text wrapped from (x, y) in one role; returns the rows used.
    @discardableResult
    public mutating func wrapped(_ text: String, x: Int, y: Int, width: Int, role: Role = .normal, indent: Int = 0) -> Int {
        wrapped([Span(text, role)], x: x, y: y, width: width, base: role, indent: indent)
    }

    /// Writes spans in sequence; a span without a role takes `base`.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, base: Role, limit: Int) -> Int {
        var cx = x
        for s in spans {
            let left = limit - (cx - x)
            if left <= 0 { break }
            cx += put(s.text, x: cx, y: y, role: s.role ?? base, limit: left)
        }
        return cx - x
    }

    /// A bordered table with a header row, a selection, and scrolling. Column widths without a
    /// fixed width share the remaining room. Returns the rectangle the rows were drawn in.
    /// `band` draws a row across the whole width instead of by column (a group's heading), or returns nil.
    @discardableResult
    public mutating func table(
        _ r: Rect, title: String, columns: [Column], count: Int, cursor: ListCursor, focused: Bool,
        empty: String = "Nothing to show", band: ((Int) -> [Span]?)? = nil, cell: (Int, Int) -> [Span]
    ) -> Rect {
        box(r, title: title)
        let inner = r.inset(1)
        guard inner.width > 0, inner.height > 0 else { return inner }
        // Each flexible or growing column's widest content, over the first rows and those shown: a fixed
        // cost a frame however long the table, widths that follow the content, and no jump while the
        // first hundred rows scroll.
        let head = 0..<min(count, 100)
        let shown = cursor.scroll..<min(count, cursor.scroll + inner.height)
        let sample = Array(head) + shown.filter { $0 >= head.upperBound }
        let measure = columns.contains { $0.grows } || columns.filter { $0.width == nil }.count > 1
        let natural = columns.enumerated().map { ci, c -> Int in
            guard measure, c.width == nil || c.grows else { return c.width ?? 0 }
            var w = Width.of(c.title)
            for row in sample where band?(row) == nil { w = max(w, Span.width(cell(row, ci))) }
            return w
        }
        let widths = Column.widths(columns, room: inner.width, natural: natural)
        var x = inner.x
        for (c, w) in zip(columns, widths) {
            put(Width.pad(c.title, to: w, alignRight: c.right), x: x, y: inner.y, role: .heading, limit: min(w, inner.maxX - x))
            x += w + 1
        }
        let rows = inner.height - 1
        if count == 0 { put(empty, x: inner.x + 1, y: inner.y + 1, role: .muted, limit: inner.width - 1) }
        for i in 0..<min(rows, max(0, count - cursor.scroll)) {
            let row = cursor.scroll + i
            let y = inner.y + 1 + i
            let selected = row == cursor.selected
            let base: Role = selected ? (focused ? .selected : .selectedMuted) : .normal
            if selected { fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: base) }
            if let spans = band?(row) {
                put(spans, x: inner.x, y: y, base: base, limit: inner.width)
                continue
            }
            var x = inner.x
            for (ci, (c, w)) in zip(columns, widths).enumerated() {
                let room = min(w, inner.maxX - x)
                if room <= 0 { break }
                // A selected row is one unbroken band: its text takes the selection's look, only badges
                // (ratings, risk bands) keep theirs.
                let spans = selected ? cell(row, ci).map { Span($0.text, $0.role.flatMap { $0.isBadge ? $0 : nil }) } : cell(row, ci)
                let textW = Span.width(spans)
                let start = c.right ? x + max(0, room - textW) : x
                put(spans, x: start, y: y, base: base, limit: room - (start - x))
                x += w + 1
            }
        }
        scrollbar(inner, first: cursor.scroll, visible: rows, total: count)
        return inner
    }

    /// A thin scroll indicator on the right edge of a box when not everything fits.
    public mutating func scrollbar(_ inner: Rect, first: Int, visible: Int, total: Int) {
        guard total > visible, visible > 0, inner.height > 1 else { return }
        let x = inner.maxX
        let track = inner.height - 1
        let pos = inner.y + 1 + min(track - 1, first * track / max(1, total - visible + 1))
        for y in (inner.y + 1)..<(inner.y + 1 + track) { put(y == pos ? "┃" : "│", x: x, y: y, role: y == pos ? .heading : .border) }
    }

    /// A bulleted item: wrapped, with its following lines indented under the text; returns rows used.
    @discardableResult
    public mutating func bullet(_ text: String, in r: Rect, role: Role = .normal, maxLines: Int) -> Int {
        guard r.width > 3, r.height > 0 else { return 0 }
        put("•", x: r.x, y: r.y, role: role)
        return paragraph(text, in: Rect(x: r.x + 2, y: r.y, width: r.width - 2, height: r.height), role: role, maxLines: maxLines)
    }

    /// Lines of wrapped text into a rectangle; returns rows used.
    @discardableResult
    public mutating func paragraph(_ text: String, in r: Rect, role: Role = .normal, indent: Int = 0, maxLines: Int? = nil) -> Int {
        guard r.width > indent, r.height > 0 else { return 0 }
        // One line more than fits, to know whether to mark the last as cut: a text of any length costs what is shown.
        let room = min(r.height, maxLines ?? Int.max)
        let lines = Width.wrap(text, to: r.width - indent, limit: room + 1)
        let n = min(lines.count, room)
        for i in 0..<n {
            var line = lines[i]
            if i == n - 1 && n < lines.count { line = Width.truncate(line + " …", to: r.width - indent) }
            put(line, x: r.x + indent, y: r.y + i, role: role, limit: r.width - indent)
        }
        return n
    }
}

/// A rating as a coloured badge that always carries its letter, and `†` when it was judged.
func ragSpans(_ r: RAG, judged: Bool = false) -> [Span] {
    [Span(r.badge, r.role)] + (judged ? [Span(Provenance.judgementMark)] : [])
}

extension Frame {
    /// A legend for the marks a panel shows, on its bottom border at the right (`┘` stays in place):
    /// the full legends when they fit, else their short form; help (`?`) always has the full text.
    public mutating func legend(judged: Bool = false, illustrative: Bool = false, on r: Rect) {
        var full: [String] = [], short: [String] = []
        if judged {
            full.append(Provenance.judgementLegend)
            short.append("\(Provenance.judgementMark) judgement")
        }
        if illustrative {
            full.append(Provenance.illustrativeLegend)
            short.append("\(Provenance.illustrativeMark) illustrative")
        }
        guard !full.isEmpty, r.width > 8, r.height >= 2 else { return }
        let room = r.width - 4
        var t = " " + full.joined(separator: " · ") + " "
        if Width.of(t) > room { t = " " + short.joined(separator: " · ") + " (? explains) " }
        t = Width.truncate(t, to: room)
        put(t, x: r.maxX - 2 - Width.of(t), y: r.maxY - 1, role: .muted)
    }
}

/// Counts of ratings as badges: `G 3  A/G 1  A 2`, then `†` when any counted rating was judged.
func countSpans(_ c: RAGCounts, threeColour: Bool, judged: Bool = false) -> [Span] {
    var out: [Span] = []
    let order: [RAG] = threeColour ? [.green, .amber, .red, .complete, .notRated] : RAG.scale
    for r in order where c[r] > 0 {
        if !out.isEmpty { out.append(Span("  ")) }
        out.append(Span(r.badge, r.role))
        out.append(Span(" \(c[r])"))
    }
    if out.isEmpty { out.append(Span("no workstreams", .muted)) } else if judged { out.append(Span(" " + Provenance.judgementMark)) }
    return out
}

/// `✓ PASS Interventions ≥ 20% of the grant: 29%` (`✓ PASS*` when it rests on an illustrative figure)
func checkSpans(_ c: ConditionCheck) -> [Span] { [verdictSpan(c), Span(" \(c.label): \(c.share)")] }

/// `✓ PASS` in the pass role, `✗ FAIL*` in the fail role.
func verdictSpan(_ c: ConditionCheck) -> Span { Span(c.verdict, c.passes ? .pass : .fail) }

/// A condition checked on the plan, to date (when asked and entered) and on the forecast outturn: its
/// rule, and ✓ or ✗ each way with the share (when asked), marked when it rests on an illustrative figure.
func conditionWays(
    _ c: (plan: ConditionCheck, actual: ConditionCheck?, forecast: ConditionCheck), toDate: Bool, shares: Bool
) -> (rule: String, ways: [Span]) {
    let rule = "\(c.plan.condition.rule == .interventionsFloor ? "Interventions" : "Evaluation") ≥ \(c.plan.condition.percent)%"
    func way(_ label: String, _ k: ConditionCheck) -> [Span] {
        let mark = k.illustrative ? Provenance.illustrativeMark : ""
        return [Span("  \(label) ", .muted), Span(k.passes ? "✓" : "✗", k.passes ? .pass : .fail), Span(shares ? " \(k.share)\(mark)" : mark)]
    }
    var ways = way("plan", c.plan)
    if toDate, let a = c.actual { ways += way("to date", a) }
    return (rule, ways + way("forecast", c.forecast))
}
