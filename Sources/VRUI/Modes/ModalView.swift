import VRModel

/// A centred panel for a modal; returns its inner rectangle.
func panel(_ f: inout Frame, _ s: AppState, width: Int, height: Int, title: String) -> Rect {
    let w = min(s.width - 2, width), h = min(s.height - 2, height)
    let r = Rect(x: (s.width - w) / 2, y: max(1, (s.height - h) / 2), width: w, height: h)
    f.fill(r, role: .overlay)
    f.box(r, title: title, role: .heading)
    return r.inset(1)
}

/// A text input with its cursor, scrolled so the cursor shows.
/// A text of several lines in `rows` rows, wrapped at `width`: the lines around the cursor when focused,
/// the first ones otherwise, with a mark when more lie beyond.
func drawLongInput(_ f: inout Frame, _ t: TextField, x: Int, y: Int, width: Int, rows: Int, focused: Bool) {
    let w = t.wrapped(width: max(2, width - 1))
    f.fill(Rect(x: x, y: y, width: width, height: rows), role: .input)
    let first = focused ? max(0, min(w.cursorLine - rows + 1, w.lines.count - rows)) : 0
    for (n, line) in w.lines.dropFirst(first).prefix(rows).enumerated() { f.put(line, x: x, y: y + n, role: .input, limit: width - 1) }
    if first > 0 { f.put("↑", x: x + width - 1, y: y, role: .muted, limit: 1) }
    if first + rows < w.lines.count { f.put("↓", x: x + width - 1, y: y + rows - 1, role: .muted, limit: 1) }
    if focused {
        let cy = y + w.cursorLine - first, cx = x + min(w.cursorX, width - 2)
        let under = f[cx, cy]
        f.put(under.text == "" || under.text == " " ? "▏" : under.text, x: cx, y: cy, role: .selected, limit: 2)
    }
}

/// The rows a long text takes in a form: its wrapped lines, two to six.
func longInputRows(_ t: TextField, width: Int) -> Int { min(6, max(2, t.wrapped(width: max(2, width - 1)).lines.count)) }

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
