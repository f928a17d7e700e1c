import VRModel

extension Mode {
    static let form = Mode("form", "In a form")
}

extension Modal {
    static func form(_ f: Form) -> Modal { FormMode.open(f) }
}

/// A form in a modal (edit, new, close a risk, a meeting's decision): Tab moves between fields, ←/→
/// change a choice, typing edits a text field, Enter saves when every field is valid.
enum FormMode: DialogFeature {
    static let modes = [Mode.form, .discard]
    static func mode(_ f: Form) -> Mode { f.confirmDiscard ? .discard : .form }
    static func groups(_ mode: Mode) -> [KeyGroup] { mode == .discard ? [Dialogs.discard] : [keys, text] }
    static func hintBar(_ f: Form) -> Bool { !f.confirmDiscard }
    static let inWalkthrough = true
    static func unsavedWork(_ s: AppState, _ f: Form) -> String? { f.dirty ? "your changes in “\(f.title)”" : nil }
    static func paste(_ s: inout AppState, _ text: String) { editText(&s) { $0.insert(text) } }

    /// Runs `change` on the open form and puts it back (unless the change closed it).
    static func update(_ s: inout AppState, _ change: (inout AppState, inout Form) -> [Effect]) -> [Effect] {
        s.withDialog(FormMode.self, or: [], change)
    }

    /// Changes the focused choice by `step` (a text field ignores it).
    static func choose(_ s: inout AppState, _ step: Int) {
        _ = update(&s) { s, f in
            var fld = f.fields[f.focus]
            guard fld.isChoice else { return [] }
            fld.choice = (fld.choice + step + fld.choices.count) % fld.choices.count
            f.fields[f.focus] = fld
            f.dirty = true
            Forms.refresh(&f, board: s.board)
            f.focus = min(f.focus, f.fields.count - 1)
            return []
        }
    }

    static let keys = KeyGroup(
        Mode.form.title,
        [
            Binding("form.next", [.tab, .down], help: "Next field", hint: "next field", rank: 1) { s, _ in
                update(&s) { _, f in
                    f.focus = (f.focus + 1) % f.fields.count
                    return []
                }
            },
            Binding("form.previous", [.backTab, .up], help: "Previous field", hint: "previous field", rank: 2) { s, _ in
                update(&s) { _, f in
                    f.focus = (f.focus + f.fields.count - 1) % f.fields.count
                    return []
                }
            },
            Binding("form.left", [.left], help: "Previous choice, or move left in the text") { s, k in
                if focusedIsChoice(s) { choose(&s, -1) } else { editText(&s) { $0.handle(k) } }
                return []
            },
            Binding(
                "form.right", [.right], label: "→", help: "Next choice, or move right in the text", hint: "change a choice", hintKeys: "←/→", rank: 3
            ) { s, k in
                if focusedIsChoice(s) { choose(&s, 1) } else { editText(&s) { $0.handle(k) } }
                return []
            },
            Binding("form.space", [.char(" ")], label: "Space", help: "Next choice, or type a space") { s, k in
                if focusedIsChoice(s) { choose(&s, 1) } else { editText(&s) { $0.handle(k) } }
                return []
            },
            Binding("form.newline", [.ctrl("j")], help: "A new line in a long text") { s in
                if focusedIsLong(s) { editText(&s) { $0.insert("\n") } }
            },
            Binding("form.lineUp", [.pageUp], help: "The line above in a long text") { s in
                let w = longWidth(s)
                if focusedIsLong(s) { editText(&s) { $0.moveLines(by: -1, width: w) } }
            },
            Binding("form.lineDown", [.pageDown], help: "The line below in a long text") { s in
                let w = longWidth(s)
                if focusedIsLong(s) { editText(&s) { $0.moveLines(by: 1, width: w) } }
            },
            Binding("form.save", [.enter], help: "Save (only when every field is valid)", hint: "save", rank: 4) { s, _ in
                update(&s) { s, f in
                    Forms.refresh(&f, board: s.board)
                    if let built = Forms.build(f, board: s.board, today: s.today, now: s.now, user: s.user) {
                        f.message = nil
                        return save(
                            &s, built.doc, baseRev: built.baseRev, note: built.note + (f.overConflict ? " (kept over a concurrent change)" : ""),
                            base: f.overConflict ? nil : f.base)
                    }
                    f.message = "Not saved: fix the fields marked ✗"
                    if let i = f.fields.firstIndex(where: { $0.error != nil }) { f.focus = i }
                    return []
                }
            },
            Binding("form.cancel", [.escape], help: "Cancel (asks first if something changed)", hint: "cancel", rank: 5) { s, _ in
                update(&s) { s, f in
                    if f.dirty { f.confirmDiscard = true } else { s.modal = nil }
                    return []
                }
            },
        ])

    static func focusedIsLong(_ s: AppState) -> Bool { s[dialog: FormMode.self].map { $0.fields[$0.focus].isLong } ?? false }

    /// About the width a long text wraps at (the line keys move by its lines).
    static func longWidth(_ s: AppState) -> Int { s[dialog: FormMode.self].map { longBoxWidth($0, screenWidth: s.width) - 1 } ?? 40 }

    /// The panel's width, and whether labels stand above their fields: they do when the widest does
    /// not fit in a third of the width (at most 40 cells).
    static func layout(_ form: Form, screenWidth: Int) -> (panelW: Int, widest: Int, stacked: Bool) {
        let widest = form.fields.map { Width.of($0.label) + 2 }.max() ?? 0
        let panelW = min(screenWidth - 2, 110)
        return (panelW, widest, widest > min(40, (panelW - 2) / 3))
    }

    /// About the width of a long text's box (the label column's taken off, or none when stacked).
    static func longBoxWidth(_ form: Form, screenWidth: Int) -> Int {
        let l = layout(form, screenWidth: screenWidth)
        return max(8, l.panelW - 4 - (l.stacked ? 4 : min(l.widest, (l.panelW - 2) / 3) + 2))
    }

    static func focusedIsChoice(_ s: AppState) -> Bool {
        s[dialog: FormMode.self].map { $0.fields[$0.focus].isChoice } ?? false
    }

    /// Edits the focused text field, marking the form changed and reporting a cut or refused paste.
    static func editText(_ s: inout AppState, _ edit: (inout TextField) -> TextField.Outcome) {
        _ = update(&s) { s, f in
            if f.fields[f.focus].isChoice {
                // Typing on a choice goes to the next choice whose words start with the letter typed (an
                // owner among twenty members in a key or two).
                var typed = TextField()
                _ = edit(&typed)
                if typed.text.count == 1, let c = typed.text.lowercased().first, c.isLetter || c.isNumber {
                    var fld = f.fields[f.focus]
                    let n = fld.choices.count
                    if let next = (1...max(1, n)).lazy.map({ (fld.choice + $0) % n }).first(where: { i in
                        fld.choices[i].label.lowercased().split(separator: " ").contains { $0.first == c }
                    }) {
                        fld.choice = next
                        f.fields[f.focus] = fld
                        f.dirty = true
                        Forms.refresh(&f, board: s.board)
                        f.focus = min(f.focus, f.fields.count - 1)
                    }
                }
                return []
            }
            let outcome = edit(&f.fields[f.focus].input)
            if outcome == .edited || outcome == .truncated { f.dirty = true }
            f.message = TextField.message(for: outcome, field: f.fields[f.focus].label)
            Forms.refresh(&f, board: s.board)
            f.focus = min(f.focus, f.fields.count - 1)
            return []
        }
    }

    /// A text field's editing keys (← and → are the form's, above).
    static let text = TextField.group("A text field in a form", id: "form", field: { s, edit in editText(&s, edit) }, except: [.left, .right])

    /// Labels sit beside their fields when they fit in a third of the width (at most 40 cells); longer
    /// ones (the split's category names at 80 columns) go on their own rows above the field, wrapped, never cut.
    /// An error that does not fit whole beside its field is marked ✗ there and said whole on the bottom
    /// line while the field has the focus. A form with a grid draws it as a table (`drawGrid`).
    static func draw(_ f: inout Frame, _ s: AppState, _ form: Form) {
        let (inner, focusedError) = form.grid.map { drawGrid(&f, s, form, $0) } ?? drawFields(&f, s, form)
        drawFoot(&f, s, form, inner, focusedError: focusedError)
    }

    /// The summary's lines wrapped at the panel's width, each wrapped line keeping its line's mark's role.
    static func summaryLines(_ form: Form, screenWidth: Int) -> [(text: String, role: Role)] {
        let width = max(8, min(screenWidth - 2, 110) - 4)
        return form.summary.flatMap { line -> [(text: String, role: Role)] in
            let role: Role = line.hasPrefix("✗") ? .fail : line.hasPrefix("✓") ? .pass : line.hasPrefix("⚠") ? .warning : .overlay
            return Width.wrap(line, to: width).map { ($0, role) }
        }
    }

    static func drawFields(_ f: inout Frame, _ s: AppState, _ form: Form) -> (Rect, String?) {
        let (panelW, widest, stacked) = layout(form, screenWidth: s.width)
        // Stacked, a label longer than the width wraps onto more rows; the field is on the row after it.
        let labels = form.fields.map { fld -> [String] in
            let mark = fld.required && !fld.isChoice ? "* " : "  "
            guard stacked else { return [mark + fld.label] }
            let lines = Width.wrap(fld.label, to: max(8, panelW - 6))
            return lines.enumerated().map { ($0.offset == 0 ? mark : "  ") + $0.element }
        }
        // A long text's rows, at about the width it will have.
        let estimate = longBoxWidth(form, screenWidth: s.width)
        let rows = form.fields.map { $0.isLong ? longInputRows($0.input, width: estimate) : 1 }
        let heights = labels.indices.map { stacked ? labels[$0].count + rows[$0] : rows[$0] }
        let summary = summaryLines(form, screenWidth: s.width).count
        let height = min(s.height - 2, heights.reduce(0, +) + summary + 6)
        let inner = panel(&f, s, width: 110, height: height, title: form.title)
        let labelW = stacked ? inner.width - 2 : min(widest, inner.width / 3)
        let fx = stacked ? inner.x + 5 : inner.x + labelW + 2
        let room = max(0, inner.height - 3 - summary)
        // The first field shown: as far back from the focus as half the room allows.
        var first = min(form.focus, max(0, form.fields.count - 1))
        var above = heights.indices.contains(first) ? heights[first] : 0
        while first > 0 {
            let h = heights[first - 1]
            // Back while the focus stays in the lower half, or while what follows would leave room empty.
            guard above + h <= room / 2 || h + heights[first...].reduce(0, +) <= room else { break }
            first -= 1
            above += h
        }
        var focusedError: String?
        var top = inner.y
        for (i, fld) in form.fields.enumerated().dropFirst(first) {
            guard top + heights[i] <= inner.y + room else { break }
            let focused = i == form.focus
            for (n, line) in labels[i].enumerated() {
                f.put(line, x: inner.x + 1, y: top + n, role: focused ? .heading : .overlay, limit: labelW)
            }
            let y = stacked ? top + labels[i].count : top
            top += heights[i]
            let error = drawField(&f, fld, focused: focused, x: fx, y: y, width: inner.maxX - 1 - fx, rows: rows[i])
            if focused { focusedError = error }
        }
        return (inner, focusedError)
    }

    /// One field at `x`, `y` in `width` cells: its input, its note, and its error beside it when that fits
    /// whole (leaving the input 16 cells), else a ✗ and the error returned, to be said on the bottom line.
    @discardableResult
    static func drawField(_ f: inout Frame, _ fld: FormField, focused: Bool, x fx: Int, y: Int, width fieldW: Int, rows: Int = 1) -> String? {
        // A note (what a date or amount reads as) whole when the field keeps 24 cells beside it.
        let noteW = fld.note.map { min(Width.of($0) + 2, max(24, fieldW - 24)) } ?? 0
        let wholeError = fld.error.map { "✗ " + $0 }
        let beside = wholeError.flatMap { Width.of($0) + 1 <= fieldW - noteW - 16 ? $0 : nil }
        let errorW = fld.error == nil ? 0 : beside.map { Width.of($0) + 1 } ?? 2
        let boxW = max(8, fieldW - errorW - noteW)
        var used = boxW
        if fld.isChoice {
            used = f.put("◀ \(fld.display) ▶", x: fx, y: y, role: focused ? .selected : .input, limit: boxW)
        } else if fld.isLong {
            drawLongInput(&f, fld.input, x: fx, y: y, width: boxW, rows: rows, focused: focused)
        } else {
            drawInput(&f, fld.input, x: fx, y: y, width: boxW, focused: focused)
        }
        var nx = fx + used + 1
        if let note = fld.note { nx += f.put(note, x: nx, y: y, role: .heading, limit: noteW) + 1 }
        if fld.error != nil { f.put(beside ?? "✗", x: nx, y: y, role: .fail, limit: fx + fieldW - nx) }
        return fld.error != nil && beside == nil ? wholeError : nil
    }

    /// A form with a grid: the fields before and after it a row each, the grid a line a row (its label
    /// shortened at a word, the whole shown under the grid for the focused row, with the focused cell's
    /// error or what it reads as), scrolled to keep the focus in view.
    static func drawGrid(_ f: inout Frame, _ s: AppState, _ form: Form, _ grid: FormGrid) -> (Rect, String?) {
        let inGrid = grid.keys
        let firstCell = form.fields.firstIndex { inGrid.contains($0.key) } ?? form.fields.count
        let outside = form.fields.indices.filter { !inGrid.contains(form.fields[$0].key) }
        let before = outside.filter { $0 < firstCell }, after = outside.filter { $0 > firstCell }
        let detail = 3
        let summary = summaryLines(form, screenWidth: s.width).count
        let wanted = outside.count * 2 + 2 + grid.rows.count + 1 + detail + summary + 3
        let inner = panel(&f, s, width: 110, height: wanted + 2, title: form.title)
        // Labels beside their fields up to half the width; a longer one stands on its own row above.
        let widths = outside.map { Width.of(form.fields[$0].label) + 2 }
        let labelW = min(inner.width / 2, widths.filter { $0 <= inner.width / 2 }.max() ?? 0)
        var focusedError: String?
        var y = inner.y
        func plain(_ i: Int) {
            let fld = form.fields[i], focused = i == form.focus
            let label = (fld.required ? "* " : "  ") + fld.label
            let stacked = Width.of(label) > labelW
            f.put(label, x: inner.x + 1, y: y, role: focused ? .heading : .overlay, limit: inner.width - 2)
            if stacked { y += 1 }
            let fx = stacked ? inner.x + 5 : inner.x + labelW + 2
            let error = drawField(&f, fld, focused: focused, x: fx, y: y, width: inner.maxX - 1 - fx)
            if focused { focusedError = error }
            y += 1
        }
        before.forEach(plain)
        // The columns: the label, each cell (and its ✗), what the row has.
        let infoW = min(24, ([grid.infoHeader] + grid.rows.map(\.info)).map(Width.of).max() ?? 0)
        let cellW = max(6, min(14, (inner.width - infoW - 12) / (grid.columns.count + 2)))
        let nameW = max(6, inner.width - 2 - grid.columns.count * (cellW + 2) - infoW - 1)
        let cellX = { (c: Int) in inner.x + 1 + nameW + 1 + c * (cellW + 2) }
        let infoX = cellX(grid.columns.count)
        y += 1
        f.put(grid.header, x: inner.x + 1, y: y, role: .muted, limit: nameW)
        for (c, h) in grid.columns.enumerated() { f.put(Width.wrap(h, to: cellW).first ?? "", x: cellX(c), y: y, role: .muted, limit: cellW) }
        f.put(grid.infoHeader, x: infoX, y: y, role: .muted, limit: infoW)
        y += 1
        let focusRow = grid.rows.firstIndex { $0.keys.contains(form.fields[min(form.focus, form.fields.count - 1)].key) }
        var room = max(1, inner.height - 3 - summary - detail - 1 - 2 * after.count - (y - inner.y))
        // Rows out of view: a line under the last row says how many follow.
        if grid.rows.count > room { room = max(1, room - 1) }
        let firstRow = max(0, min((focusRow ?? 0) - room / 2, grid.rows.count - room))
        for (r, row) in grid.rows.enumerated().dropFirst(firstRow).prefix(room) {
            let focused = r == focusRow
            let name = Width.of(row.label) <= nameW ? row.label : (Width.wrap(row.label, to: nameW - 1).first ?? "") + "…"
            f.put(name, x: inner.x + 1, y: y, role: focused ? .heading : .overlay, limit: nameW)
            for (c, key) in row.keys.enumerated() {
                guard let i = form.fields.firstIndex(where: { $0.key == key }) else { continue }
                let fld = form.fields[i]
                drawInput(&f, fld.input, x: cellX(c), y: y, width: cellW, focused: i == form.focus)
                if fld.error != nil { f.put("✗", x: cellX(c) + cellW, y: y, role: .fail, limit: 1) }
            }
            f.put(row.info, x: infoX, y: y, role: .overlay, limit: infoW)
            y += 1
        }
        // Rows out of view are counted beside the header (above) and under the last row (below), never over a row.
        let shown = min(room, grid.rows.count)
        if firstRow > 0 {
            // On the blank line above the header.
            let above = "↑ \(firstRow) more"
            f.put(above, x: inner.maxX - 1 - Width.of(above), y: y - shown - 2, role: .muted, limit: Width.of(above))
        }
        if grid.rows.count > shown {
            if firstRow + room < grid.rows.count {
                f.put("↓ \(grid.rows.count - firstRow - room) more", x: infoX, y: y, role: .muted, limit: infoW)
            }
            y += 1
        }
        after.forEach(plain)
        // The focused row whole, and what its focused cell says.
        if let r = focusRow {
            y += 1
            let fld = form.fields[form.focus]
            let column = grid.rows[r].keys.firstIndex(of: fld.key).map { grid.columns[$0] } ?? ""
            let said = fld.error.map { "✗ \(column): \($0)" } ?? fld.note.map { "\(column): \($0)" }
            let lines = Width.wrap(grid.rows[r].label, to: inner.width - 2)
            for line in lines.prefix(said == nil ? detail : detail - 1) {
                f.put(line, x: inner.x + 1, y: y, role: .heading, limit: inner.width - 2)
                y += 1
            }
            if let said { f.put(said, x: inner.x + 1, y: y, role: fld.error == nil ? .overlay : .fail, limit: inner.width - 2) }
        }
        return (inner, focusedError)
    }

    /// The summary lines, and the bottom line: the discard question, the message or error, or the keys.
    static func drawFoot(_ f: inout Frame, _ s: AppState, _ form: Form, _ inner: Rect, focusedError: String?) {
        let summary = summaryLines(form, screenWidth: s.width)
        var y = inner.maxY - 2 - summary.count
        for line in summary {
            f.put(line.text, x: inner.x + 1, y: y, role: line.role, limit: inner.width - 2)
            y += 1
        }
        let bottom = inner.maxY - 1
        if form.confirmDiscard {
            f.put(
                [Span("Discard your changes? ")] + s.footer([("discard.yes", "discards"), ("discard.no", "goes back")], gap: ", "), x: inner.x + 1,
                y: bottom, base: .warning, limit: inner.width - 2)
        } else if let m = form.message ?? focusedError {
            f.put(m, x: inner.x + 1, y: bottom, role: .fail, limit: inner.width - 2)
        } else if form.hasErrors {
            f.put("Fix the fields marked ✗ before saving", x: inner.x + 1, y: bottom, role: .fail, limit: inner.width - 2)
        } else {
            f.put(
                s.footer(
                    [
                        ("form.save", "saves"), ("form.next", "next field"),
                        form.fields[form.focus].isLong ? ("form.newline", "new line") : ("form.left/form.right", "change a choice"),
                        ("form.cancel", "cancels"),
                    ],
                    gap: " · "),
                x: inner.x + 1, y: bottom, base: .muted, limit: inner.width - 2)
        }
    }
}
