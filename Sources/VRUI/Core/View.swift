import VRModel

/// Draws the whole screen for a state. The live terminal and `vrboard render` both call this.
public func render(_ s: AppState) -> Frame {
    var f = Frame(width: s.width, height: s.height)
    if s.tooSmall {
        drawTooSmall(&f, s)
        if s.quitAsked { drawQuitQuestion(&f, s) }
        return f
    }
    if s.presentation != nil {
        drawPresentation(&f, s)
    } else {
        let l = Layout(width: s.width, height: s.height)
        drawTitle(&f, s)
        drawTabs(&f, s)
        s.feature.render(&f, s, l)
        drawHints(&f, s, l)
    }
    // Overlays, by the mode: a modal over the screen or the slides; help over everything.
    if let m = s.modal { m.draw(&f, s) }
    if s.mode == .help { HelpOverlay.draw(&f, s) }
    if s.quitAsked { drawQuitQuestion(&f, s) }
    return f
}

/// "Quit and lose …?" over whatever is on screen (the too-small screen too).
func drawQuitQuestion(_ f: inout Frame, _ s: AppState) {
    let question = "Quit and lose \(s.unsavedWork ?? "unsaved work")?"
    if s.tooSmall {
        f.put(question + s.keyed(" {quit.yes} quits; {quit.no} goes back"), x: 0, y: max(0, s.height - 1), role: .warning, limit: s.width)
        return
    }
    let inner = panel(&f, s, width: 70, height: 6, title: "Quit?")
    f.paragraph(question, in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: 2), role: .overlay)
    f.put(
        s.footer([("quit.yes", "quits, losing it"), ("quit.no", "goes back to it")]), x: inner.x + 1, y: inner.maxY - 1,
        base: .overlay, limit: inner.width - 2)
}

func drawTooSmall(_ f: inout Frame, _ s: AppState) {
    let lines = [
        "Terminal too small",
        "\(s.width)×\(s.height); vrboard needs at least \(AppState.minWidth)×\(AppState.minHeight).",
        s.keyed("Enlarge the window, or press {small.quit} to quit."),
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
    let right = (s.readOnly ? "READ-ONLY · " : "") + "\(p.year) · \(p.asAtLabel) "
    let left = " \(p.shortName) · \(p.name)"
    let rw = Width.of(right)
    f.put(left, x: 0, y: 0, role: .titleBar, limit: s.width - rw - 1)
    f.put(right, x: s.width - rw, y: 0, role: .titleBar)
}

/// Where each screen's tab is on the tab row: padded (" 1 Overview ") when every tab fits so, else
/// tighter ("1 Overview"); else every tab, the current one's title whole and the longest of the others
/// cut until they all fit ("6 Interven…"); only where even that does not fit is a tab left out (the
/// current screen's always shown). The search box, when shown, keeps its 34 cells on the right.
/// Drawing and clicks both use it.
func tabs(_ s: AppState) -> [(screen: Screen, x: Int, text: String)] {
    let width = s.searching || !s.query.isEmpty ? s.width - 36 : s.width
    let all = Screen.allCases
    let padded = all.reduce(1) { $0 + Width.of(" \($1.index + 1) \($1.title) ") + 1 } <= width + 1
    // Each tab's room for its title: whole, unless cut below.
    var room = all.map { Width.of($0.title) }
    // A tab carries the key that selects it, while the number keys are the user's (not remapped away).
    let numbered = s.keyRemaps.keys["board.screen"] == nil
    let text = { (sc: Screen) in
        let number = numbered && sc.index < Screen.numberKeys.count ? "\(sc.index + 1) " : ""
        return padded ? " \(number)\(sc.title) " : number + Width.truncate(sc.title, to: room[sc.index])
    }
    func fits(_ list: [Screen]) -> Bool { list.reduce(1) { $0 + Width.of(text($1)) + (padded ? 1 : 2) } - (padded ? 1 : 2) <= width }
    if !padded {
        // The longest of the other titles loses a cell at a time (of equals, the one farthest from the current
        // tab), down to three, until every tab fits; when even that is too wide, titles stay whole and tabs go.
        let current = s.screen.index
        while !fits(all) {
            let candidates = all.indices.filter { $0 != current && room[$0] > 3 }
            guard let k = candidates.max(by: { (room[$0], abs($0 - current)) < (room[$1], abs($1 - current)) }) else { break }
            room[k] -= 1
        }
        if !fits(all) { room = all.map { Width.of($0.title) } }
    }
    // The tabs that fit, in order; the current screen's always among them (in place of the last that fit).
    var shown: [Screen] = []
    for sc in all where fits(shown + [sc]) { shown.append(sc) }
    if !shown.contains(s.screen) {
        while !shown.isEmpty && !fits(shown + [s.screen]) { shown.removeLast() }
        if fits(shown + [s.screen]) { shown.append(s.screen) }
    }
    var out: [(screen: Screen, x: Int, text: String)] = []
    var x = 1
    for sc in shown {
        out.append((sc, x, text(sc)))
        x += Width.of(text(sc)) + (padded ? 1 : 2)
    }
    return out
}

func drawTabs(_ f: inout Frame, _ s: AppState) {
    var x = 1
    for tab in tabs(s) {
        f.put(tab.text, x: tab.x, y: 1, role: tab.screen == s.screen ? .tabActive : .tab)
        x = tab.x + Width.of(tab.text) + 1
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

/// The hint bar: the current mode's hinted keys (a disabled one muted), or the message.
func drawHints(_ f: inout Frame, _ s: AppState, _ l: Layout) {
    let y = l.hintRow
    f.fill(Rect(x: 0, y: y, width: s.width, height: 1), role: .hint)
    if let m = s.message {
        f.put(" " + m, x: 0, y: y, role: .hint, limit: s.width)
        return
    }
    // Dialogs show their own keys in their panel.
    if let m = s.modal, !m.showsHintBar { return }
    var hints = Keys.hints(s)
    func width() -> Int { hints.reduce(0) { $0 + Width.of(" \($1.binding.hintLabel)  \($1.binding.hint!) ") - 1 } }
    // Too many to fit: drop whole hints, those that cannot run now first, then from the end (the least
    // important); the first (q quit) always stays.
    while width() > s.width, let i = hints.indices.dropFirst().last(where: { !hints[$0].enabled }) { hints.remove(at: i) }
    while width() > s.width && hints.count > 1 { hints.removeLast() }
    let spans = hints.flatMap { b, enabled in
        [Span(" \(b.hintLabel)", enabled ? .key : .muted), Span(" \(b.hint!) ", enabled ? nil : .muted)]
    }
    f.put(spans, x: 0, y: y, base: .hint, limit: s.width)
}
