import VRModel

/// Draws the whole screen for a state. The live terminal and `vrboard render` both call this.
public func render(_ s: AppState) -> Frame {
    var f = Frame(width: s.width, height: s.height)
    if s.tooSmall {
        drawTooSmall(&f, s)
        return f
    }
    if s.presentation != nil {
        drawPresentation(&f, s)
        if let m = s.modal { drawModal(&f, s, m) }
        if s.showHelp { drawHelp(&f, s) }
        return f
    }
    let l = Layout(width: s.width, height: s.height)
    drawTitle(&f, s)
    drawTabs(&f, s)
    switch s.screen {
    case .overview: drawOverview(&f, s, l)
    case .workstreams: drawWorkstreams(&f, s, l)
    case .funding: drawFunding(&f, s, l)
    case .risks: drawRisks(&f, s, l)
    case .history: drawHistory(&f, s, l)
    }
    drawHints(&f, s, l)
    if let m = s.modal { drawModal(&f, s, m) }
    if s.showHelp { drawHelp(&f, s) }
    return f
}

func drawTooSmall(_ f: inout Frame, _ s: AppState) {
    let lines = [
        "Terminal too small",
        "\(s.width)×\(s.height); vrboard needs at least \(AppState.minWidth)×\(AppState.minHeight).",
        "Enlarge the window, or press q to quit.",
    ]
    let top = max(0, (s.height - lines.count) / 2)
    for (i, line) in lines.enumerated() {
        let w = Width.of(line)
        f.put(line, x: max(0, (s.width - w) / 2), y: top + i, role: i == 0 ? .warning : .normal)
    }
}

func drawTitle(_ f: inout Frame, _ s: AppState) {
    let p = s.board.programme
    f.fill(Rect(x: 0, y: 0, width: s.width, height: 1), role: .titleBar)
    let right = (s.readOnly ? "READ-ONLY · " : "") + "\(p.year) · as at \(p.asAt.long) "
    let left = " \(p.shortName) · \(p.name)"
    let rw = Width.of(right)
    f.put(left, x: 0, y: 0, role: .titleBar, limit: s.width - rw - 1)
    f.put(right, x: s.width - rw, y: 0, role: .titleBar)
}

func drawTabs(_ f: inout Frame, _ s: AppState) {
    var x = 1
    for sc in Screen.allCases {
        let t = " \(sc.rawValue + 1) \(sc.title) "
        if x + Width.of(t) > s.width { break }
        x += f.put(t, x: x, y: 1, role: sc == s.screen ? .tabActive : .tab) + 1
    }
    let q = s.query
    if s.searching || !q.isEmpty {
        let label = s.searching ? "Search: " : "Filter: "
        let boxW = min(34, s.width - x - 2)
        guard boxW > 12 else { return }
        let bx = s.width - boxW - 1
        f.put(label, x: bx, y: 1, role: .heading)
        let field = Width.truncate(q, to: boxW - Width.of(label) - 1) + (s.searching ? "▏" : "")
        f.fill(Rect(x: bx + Width.of(label), y: 1, width: boxW - Width.of(label), height: 1), role: .input)
        f.put(field, x: bx + Width.of(label), y: 1, role: .input, limit: boxW - Width.of(label))
    }
}

func drawHints(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let y = l.hintRow
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .hint)
    if let m = s.message {
        f.put(" " + m, x: 0, y: y, role: .hint, limit: s.width)
        return
    }
    var spans: [Span] = []
    switch s.modal {
    case .form:
        for (k, h) in Keymap.formHelp { spans += [Span(" \(k)", .key), Span(" \(h.lowercased()) ")] }
    case .rate:
        for (k, h) in Keymap.ratingHelp where k != "text" { spans += [Span(" \(k)", .key), Span(" \(h.lowercased()) ")] }
    case .some:
        break  // dialogs show their own keys
    case nil where s.searching:
        for (k, h) in Keymap.searchHelp.dropFirst() { spans += [Span(" \(k)", .key), Span(" \(h.lowercased()) ")] }
    case nil:
        let contexts = s.contexts
        let shown = Keymap.bindings.filter { b in
            b.hint != nil && contexts.contains(b.context) && (b.screens?.contains(s.screen) ?? true)
        }
        for b in shown.sorted(by: { $0.rank < $1.rank }) {
            spans += [Span(" \(b.keys[0].label)", .key), Span(" \(b.hint!) ")]
        }
    }
    // Drop hints from the end until they fit.
    while spans.reduce(0, { $0 + Width.of($1.text) }) > s.width && spans.count > 2 { spans.removeLast(2) }
    f.put(spans, x: 0, y: y, base: .hint, limit: s.width)
}

func drawHelp(_ f: inout Frame, _ s: AppState) {
    var lines: [[Span]] = []
    for ctx in KeyContext.allCases {
        lines.append([Span(ctx.rawValue, .heading)])
        if ctx == .search {
            for (k, h) in Keymap.searchHelp { lines.append([Span("  " + Width.pad(k, to: 16), .key), Span(h)]) }
        }
        if ctx == .forms {
            for (k, h) in Keymap.formHelp { lines.append([Span("  " + Width.pad(k, to: 18), .key), Span(h)]) }
            lines.append([Span("  Rating picker", .heading)])
            for (k, h) in Keymap.ratingHelp { lines.append([Span("  " + Width.pad(k, to: 18), .key), Span(h)]) }
        }
        if ctx == .presentation {
            for (k, h) in Keymap.presentationHelp { lines.append([Span("  " + Width.pad(k, to: 18), .key), Span(h)]) }
        }
        for b in Keymap.bindings where b.context == ctx {
            lines.append([Span("  " + Width.pad(b.keyLabel, to: 16), .key), Span(b.help)])
        }
        if ctx == .lists { lines.append([Span("  " + Width.pad("click / wheel", to: 16), .key), Span("Select / scroll (not with --no-mouse)")]) }
        lines.append([])
    }
    lines.append([Span("RAG: G green · A/G amber/green · A amber · A/R amber/red · R red · C complete · - not rated", .muted)])
    lines.append([Span(Sources.judgementLegend, .muted)])
    lines.append([Span(Sources.illustrativeLegend, .muted)])
    let w = min(s.width - 4, 100)
    let h = min(s.height - 2, lines.count + 3)
    let r = Rect(x: (s.width - w) / 2, y: (s.height - h) / 2, width: w, height: h)
    f.fill(r, role: .overlay)
    f.box(r, title: "Keys: any key closes, j/k scroll", role: .border)
    let inner = r.inset(1)
    let rows = inner.height - 1
    let first = min(s.helpScroll, max(0, lines.count - rows))
    for (i, line) in lines.dropFirst(first).prefix(rows).enumerated() {
        f.put(line, x: inner.x + 1, y: inner.y + 1 + i, base: .overlay, limit: inner.width - 2)
    }
}
