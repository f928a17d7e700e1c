import VRModel

/// A centred panel for a modal; returns its inner rectangle.
func panel(_ f: inout Frame, _ s: AppState, width: Int, height: Int, title: String) -> Rect {
    let w = min(s.width - 2, width), h = min(s.height - 2, height)
    let r = Rect(x: (s.width - w) / 2, y: max(1, (s.height - h) / 2), width: w, height: h)
    f.fill(r, role: .overlay)
    f.box(r, title: title, role: .heading)
    return r.inset(1)
}

func drawModal(_ f: inout Frame, _ s: AppState, _ m: Modal) {
    switch m {
    case .rate(let rf): drawRate(&f, s, rf)
    case .form(let form): drawForm(&f, s, form)
    case .confirm(let message, _):
        let inner = panel(&f, s, width: 70, height: 7, title: "Confirm")
        f.paragraph(message, in: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: 3), role: .overlay)
        f.put([Span("y", .key), Span(" yes   "), Span("n", .key), Span(" / "), Span("Esc", .key), Span(" no")], x: inner.x + 1, y: inner.maxY - 1, base: .overlay, limit: inner.width - 2)
    case .conflict(let c): drawConflict(&f, s, c)
    case .actions(let id): drawActions(&f, s, id)
    }
}

private func drawRate(_ f: inout Frame, _ s: AppState, _ rf: RatingForm) {
    guard let w = s.board.workstreams[rf.workstreamID] else { return }
    let inner = panel(&f, s, width: 96, height: 22, title: "Rate \(w.id) · \(w.title)")
    var y = inner.y
    let x = inner.x + 1, iw = inner.width - 2
    let tabs: [Span] = RatingKind.allCases.map { k in Span(" \(k.label) ", k == rf.kind ? .tabActive : .tab) }
    f.put(tabs + [Span("  Tab switches · now ", .muted)] + ragSpans(w.rating(rf.kind), judged: w.isJudgement(rf.kind)), x: x, y: y, base: .overlay, limit: iw)
    y += 2
    for (i, r) in RAG.scale.enumerated() where y < inner.maxY - 7 {
        let sel = i == rf.selected
        if sel { f.fill(Rect(x: x, y: y, width: iw, height: 1), role: .selected) }
        f.put([Span(sel ? "▶ " : "  "), Span(r.badge, r.role), Span(" " + Width.pad(r.name, to: 12)), Span(r.definition, sel ? nil : .muted)],
              x: x, y: y, base: sel ? .selected : .overlay, limit: iw)
        y += 1
    }
    // The chosen rating's full definition, wrapped: the list above cuts long ones at narrow widths.
    y += f.paragraph("\(rf.rating.name): \(rf.rating.definition)", in: Rect(x: x, y: y, width: iw, height: 2), role: .heading, maxLines: 2)
    y += 1
    let changed = rf.rating != w.rating(rf.kind)
    let what = rf.basis == .evidence ? "the evidence for" : "the evidence you judged"
    f.put([Span(changed ? "Comment (required: \(what) \(w.rating(rf.kind).letter) → \(rf.rating.letter))" : "Comment", .heading),
           Span("   Basis ", .muted)] + RatingChange.Basis.allCases.map { b in
               Span(" \(b.label)\(b == .judgement ? " " + Sources.judgementMark : "") ", b == rf.basis ? .tabActive : .tab) },
          x: x, y: y, base: .overlay, limit: iw)
    y += 1
    drawInput(&f, rf.comment, x: x, y: y, width: iw, focused: true)
    y += 1
    if let e = rf.error { f.put("✗ " + e, x: x, y: y, role: .fail, limit: iw) }
    if rf.confirmDiscard { f.put("Discard this rating change? y discards, any other key goes back", x: x, y: inner.maxY - 1, role: .warning, limit: iw) }
    else { f.put("↑/↓ choose · type the comment · Ctrl-B basis · Enter saves as \(s.user) · Esc cancels", x: x, y: inner.maxY - 1, role: .muted, limit: iw) }
}

/// A text input with its cursor, scrolled so the cursor shows.
func drawInput(_ f: inout Frame, _ t: TextField, x: Int, y: Int, width: Int, focused: Bool) {
    f.fill(Rect(x: x, y: y, width: width, height: 1), role: .input)
    guard focused else {
        // Unfocused: the start of the text, cut with an ellipsis.
        f.put(t.text, x: x, y: y, role: .input, limit: width)
        return
    }
    let v = t.visible(width: width)
    f.put(v.text, x: x, y: y, role: .input, limit: width)
    if focused {
        let cx = x + min(v.cursorX, width - 1)
        let under = f[cx, y]
        f.put(under.text == "" || under.text == " " ? "▏" : under.text, x: cx, y: y, role: .selected, limit: 2)
    }
}

private func drawForm(_ f: inout Frame, _ s: AppState, _ form: Form) {
    let height = min(s.height - 2, form.fields.count + form.summary.count + 6)
    let inner = panel(&f, s, width: 110, height: height, title: form.title)
    let labelW = min(26, inner.width / 3)
    let fieldW = inner.width - labelW - 3
    let rows = inner.height - 3 - form.summary.count
    let first = max(0, min(form.focus - rows / 2, form.fields.count - rows))
    for (i, fld) in form.fields.enumerated().dropFirst(first).prefix(max(0, rows)) {
        let y = inner.y + (i - first)
        let focused = i == form.focus
        f.put((fld.required && !fld.isChoice ? "* " : "  ") + fld.label, x: inner.x + 1, y: y, role: focused ? .heading : .overlay, limit: labelW)
        let fx = inner.x + labelW + 2
        var used = 0
        let errorW = fld.error.map { min(Width.of($0) + 3, fieldW / 2) } ?? 0
        let noteW = fld.note.map { min(Width.of($0) + 2, 24) } ?? 0
        let boxW = max(8, fieldW - errorW - noteW)
        if fld.isChoice {
            let text = "◀ \(fld.display) ▶"
            used = f.put(text, x: fx, y: y, role: focused ? .selected : .input, limit: boxW)
        } else {
            drawInput(&f, fld.input, x: fx, y: y, width: boxW, focused: focused)
            used = boxW
        }
        var nx = fx + used + 1
        if let note = fld.note { nx += f.put(note, x: nx, y: y, role: .heading, limit: noteW) + 1 }
        if let e = fld.error { f.put("✗ " + e, x: nx, y: y, role: .fail, limit: inner.maxX - nx) }
    }
    var y = inner.maxY - 2 - form.summary.count
    for line in form.summary {
        let role: Role = line.hasPrefix("✗") ? .fail : line.hasPrefix("✓") ? .pass : .overlay
        f.put(line, x: inner.x + 1, y: y, role: role, limit: inner.width - 2)
        y += 1
    }
    let bottom = inner.maxY - 1
    if form.confirmDiscard {
        f.put("Discard your changes? y discards, any other key goes back", x: inner.x + 1, y: bottom, role: .warning, limit: inner.width - 2)
    } else if let m = form.message {
        f.put(m, x: inner.x + 1, y: bottom, role: .fail, limit: inner.width - 2)
    } else {
        f.put("Enter saves · Tab next field · ←/→ change a choice · Esc cancels" + (form.hasErrors ? " · fix the fields marked ✗ first" : ""),
              x: inner.x + 1, y: bottom, role: .muted, limit: inner.width - 2)
    }
}

private func drawConflict(_ f: inout Frame, _ s: AppState, _ c: ConflictState) {
    let inner = panel(&f, s, width: 110, height: min(s.height - 2, c.differences.count + 9), title: "Changed by someone else: \(c.edit.doc.id)")
    let x = inner.x + 1, w = inner.width - 2
    f.paragraph("\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. Nothing has been overwritten. Choose which version to keep:",
                in: Rect(x: x, y: inner.y, width: w, height: 2), role: .overlay)
    let colW = (w - 18) / 2
    var y = inner.y + 2
    f.put(Width.pad("Field", to: 16) + "  " + Width.pad("Yours", to: colW) + " " + "Theirs (saved)", x: x, y: y, role: .heading, limit: w)
    y += 1
    for (name, mine, theirs) in c.differences where y < inner.maxY - 2 {
        // Long values that differ only near the end show from just before the difference.
        let common = zip(mine, theirs).prefix { $0 == $1 }.count
        let skip = common > colW / 2 ? common - colW / 3 : 0
        let show = { (v: String) in skip > 0 ? "…" + String(v.dropFirst(skip)) : v }
        f.put(Width.pad(name, to: 16), x: x, y: y, role: .muted)
        f.put(show(mine), x: x + 18, y: y, role: .overlay, limit: colW)
        f.put(show(theirs), x: x + 19 + colW, y: y, role: .overlay, limit: colW)
        y += 1
    }
    if c.differences.isEmpty { f.put("(The two versions hold the same values.)", x: x, y: y, role: .muted) }
    f.put([Span("k", .key), Span(" keep mine (save over theirs)   "), Span("t", .key), Span(" take theirs (drop mine)   "), Span("Esc", .key), Span(" cancel, back to my edit")],
          x: x, y: inner.maxY - 1, base: .overlay, limit: w)
}

private func drawActions(_ f: inout Frame, _ s: AppState, _ id: String) {
    guard let r = s.board.risks[id] else { return }
    let inner = panel(&f, s, width: 100, height: min(s.height - 2, max(8, r.actions.count * 2 + 5)), title: "Mitigating actions · \(r.id) \(r.title)")
    let x = inner.x + 1, w = inner.width - 2
    if r.actions.isEmpty { f.put("No actions yet: n adds one", x: x, y: inner.y, role: .muted) }
    var y = inner.y
    for (i, a) in r.actions.enumerated() where y < inner.maxY - 2 {
        let sel = i == s.actionCursor.selected
        if sel { f.fill(Rect(x: x, y: y, width: w, height: 2), role: .selected) }
        let mark = a.status == .done ? "✓" : a.status == .inProgress ? "◐" : "○"
        f.put("\(mark) \(a.action)", x: x, y: y, role: sel ? .selected : .overlay, limit: w)
        f.put("  \(a.owner) · due \(a.due.long) · \(a.status.label)", x: x, y: y + 1, role: sel ? .selected : (a.status != .done && a.due < s.today ? .fail : .muted), limit: w)
        y += 2
    }
    f.put([Span("n", .key), Span(" new  "), Span("e", .key), Span("/"), Span("Enter", .key), Span(" edit  "), Span("x", .key), Span(" complete/reopen  "), Span("Esc", .key), Span(" close")],
          x: x, y: inner.maxY - 1, base: .overlay, limit: w)
}
