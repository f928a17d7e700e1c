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
