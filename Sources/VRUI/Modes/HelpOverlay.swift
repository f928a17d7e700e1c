import VRModel

/// The help overlay (?): the current screen's and mode's keys first, then every other key.
enum HelpOverlay {
    static let keys = KeyGroup(
        Mode.help.title,
        [
            Binding("help.down", [.down, .char("j")], help: "Scroll down", hint: "scroll", hintKeys: "j/k", rank: 1) { s in
                s.helpScroll = min(s.helpScroll + 1, maxScroll(s))
            },
            Binding("help.up", [.up, .char("k")], help: "Scroll up") { s in s.helpScroll = max(0, s.helpScroll - 1) },
            Binding("help.pageDown", [.pageDown, .char(" ")], help: "Scroll down a page") { s in
                s.helpScroll = min(s.helpScroll + max(1, pageRows(s)), maxScroll(s))
            },
            Binding("help.pageUp", [.pageUp], help: "Scroll up a page") { s in
                s.helpScroll = max(0, min(s.helpScroll, maxScroll(s)) - max(1, pageRows(s)))
            },
            Binding("help.top", [.home, .char("g")], help: "The top of the help") { s in s.helpScroll = 0 },
            Binding("help.bottom", [.end, .char("G")], help: "The end of the help") { s in s.helpScroll = maxScroll(s) },
        ],
        fallback: Binding("help.close", [], label: "any other key", help: "Close the help", hint: "close", hintKeys: "any key", rank: 2) { s in
            s.showHelp = false
            s.helpScroll = 0
        })

    /// The lines of help: what works here and now (with why a key is disabled), then every other group.
    static func lines(_ s: AppState) -> [[Span]] {
        var under = s
        under.showHelp = false
        let here = under.keyGroups.filter { $0.title != Keys.always.title }
        var out: [[Span]] = [[Span("Keys here: " + s.keyed(under.mode == .browsing ? s.screen.title : under.mode.title), .title)]]
        // What the marks on screen mean, first: footers point here for them.
        out.append([Span("RAG: G green · A/G amber/green · A amber · A/R amber/red · R red · C complete · - not rated", .muted)])
        out.append([Span(Provenance.judgementLegend, .muted)])
        out.append([Span(Provenance.illustrativeLegend, .muted)])
        out.append([])
        var listed = Set<String>()
        /// A group's bindings not listed yet (those that apply here, when `state` is given).
        func add(_ g: KeyGroup, state: AppState?) {
            let bindings = g.all.filter { b in !listed.contains(b.id) && (state.map { b.applies(on: $0.screen) } ?? true) }
            guard !bindings.isEmpty else { return }
            out.append([Span(s.keyed(g.title), .heading)])
            for b in bindings {
                listed.insert(b.id)
                // The label whole (a long one runs past its column; `wrapped` puts the description under it).
                let label = b.keyLabel + String(repeating: " ", count: max(1, 18 - Width.of(b.keyLabel)))
                var line = [Span("  " + label, .key), Span(s.keyed(b.help))]
                if let st = state, let why = b.reason(st) { line.append(Span("  (now: \(why))", .muted)) }
                out.append(line)
            }
            out.append([])
        }
        for g in here { add(g, state: under) }
        // In the walkthrough the board's screens are not there: only the walkthrough's own keys are listed.
        if s.presentation != nil {
            out.append([Span("Other keys in the walkthrough", .title)])
            for g in Keys.walkthroughGroups.map(s.keyRemaps.apply) { add(g, state: nil) }
        } else {
            out.append([Span("All keys", .title)])
            for g in Keys.allGroups.map(s.keyRemaps.apply) { add(g, state: nil) }
        }
        out.append([Span("  " + Width.pad("click / wheel", to: 18), .key), Span("Select / scroll (not with --no-mouse)")])
        return out
    }

    /// The key column's width: a key label longer than it has its description on the lines below.
    static let keyColumn = 20

    /// The help's lines wrapped at `width`: a key's description wraps under the description column, and a
    /// key label too long for its column stands on its own line, the description under it. Nothing cut.
    static func wrapped(_ s: AppState, width: Int) -> [[Span]] {
        lines(s).flatMap { line -> [[Span]] in
            guard let key = line.first, key.role == .key, line.count > 1 else { return Span.wrap(line, width: width) }
            let label = key.text.trimmingCharacters(in: .whitespaces)
            let rest = Array(line.dropFirst())
            let pad = String(repeating: " ", count: keyColumn)
            if Width.of(label) + 3 > keyColumn {
                return [[Span("  " + label, .key)]] + Span.wrap(rest, width: width - keyColumn).map { [Span(pad)] + $0 }
            }
            return Span.wrap(rest, width: width - keyColumn).enumerated().map { i, l in
                [i == 0 ? Span(Width.pad("  " + label, to: keyColumn), .key) : Span(pad)] + l
            }
        }
    }

    /// The help box's size on this screen: its width and the rows of text it shows.
    static func box(_ s: AppState) -> (width: Int, rows: Int) {
        let w = min(s.width - 4, 100)
        return (w, max(1, s.height - 2 - 3))
    }

    static func pageRows(_ s: AppState) -> Int { box(s).rows }

    /// The furthest the help scrolls: its last line at the foot of the box.
    static func maxScroll(_ s: AppState) -> Int {
        var under = s
        under.showHelp = false
        return max(0, wrapped(under, width: box(s).width - 4).count - box(s).rows)
    }

    static func draw(_ f: inout Frame, _ s: AppState) {
        let w = box(s).width
        let lines = wrapped(s, width: w - 4)
        let h = min(s.height - 2, lines.count + 3)
        let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
        f.fill(r, role: .overlay)
        f.box(r, title: s.keyed("Keys: {help.down}, {help.pageDown}, {help.bottom} scroll · {help.close} closes"), role: .border)
        let inner = r.inset(1)
        let rows = inner.height - 1
        let first = min(s.helpScroll, max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            f.put(line, x: inner.x + 1, y: inner.y + 1 + i, base: .overlay, limit: inner.width - 2)
        }
    }
}
