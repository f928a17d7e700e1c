import VRModel

/// The help overlay (?): the current screen's and mode's keys first, then every other key.
enum HelpOverlay {
    static let keys = KeyGroup(
        Mode.help.title,
        [
            Binding("help.down", [.down, .char("j")], help: "Scroll down", hint: "scroll", hintKeys: "j/k", rank: 1) { s in s.helpScroll += 1 },
            Binding("help.up", [.up, .char("k")], help: "Scroll up") { s in s.helpScroll = max(0, s.helpScroll - 1) },
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
        var listed = Set<String>()
        /// A group's bindings not listed yet (those that apply here, when `state` is given).
        func add(_ g: KeyGroup, state: AppState?) {
            let bindings = g.all.filter { b in !listed.contains(b.id) && (state.map { b.applies(on: $0.screen) } ?? true) }
            guard !bindings.isEmpty else { return }
            out.append([Span(s.keyed(g.title), .heading)])
            for b in bindings {
                listed.insert(b.id)
                var line = [Span("  " + Width.pad(b.keyLabel, to: 18), .key), Span(s.keyed(b.help))]
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
        out.append([])
        out.append([Span("RAG: G green · A/G amber/green · A amber · A/R amber/red · R red · C complete · - not rated", .muted)])
        out.append([Span(Provenance.judgementLegend, .muted)])
        out.append([Span(Provenance.illustrativeLegend, .muted)])
        return out
    }

    static func draw(_ f: inout Frame, _ s: AppState) {
        let lines = lines(s)
        let w = min(s.width - 4, 100)
        let h = min(s.height - 2, lines.count + 3)
        let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
        f.fill(r, role: .overlay)
        f.box(r, title: s.keyed("Keys: {help.close} closes, {help.down} scroll"), role: .border)
        let inner = r.inset(1)
        let rows = inner.height - 1
        let first = min(s.helpScroll, max(0, lines.count - rows))
        for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            f.put(line, x: inner.x + 1, y: inner.y + 1 + i, base: .overlay, limit: inner.width - 2)
        }
    }
}
