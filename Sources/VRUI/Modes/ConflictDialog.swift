import VRModel
import VRStore
import VRStoreAPI

extension Mode {
    /// A save was refused because someone else saved the item first.
    static let conflict = Mode("conflict", "Changed by someone else")
}

extension Modal {
    static func conflict(_ c: ConflictState) -> Modal { ConflictDialog.open(c) }
}

/// A save that met someone else's: the fields both changed, mine or theirs for each, or back to my edit.
enum ConflictDialog: DialogFeature {
    static let modes = [Mode.conflict]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: ConflictState) -> Bool { false }
    static let inWalkthrough = true
    static func unsavedWork(_ s: AppState, _ c: ConflictState) -> String? { "your change to \(c.edit.doc.id), not saved" }

    static let keys = KeyGroup(
        Mode.conflict.title,
        [
            Binding(
                "conflict.keepMine", [.char("k"), .char("K")],
                help: "Keep mine for every field both changed (their other changes kept; theirs stays in the history)"
            ) {
                s, _ in
                guard let c = s[dialog: ConflictDialog.self] else { return [] }
                if let merge = c.merge { return settle(&s, c, merge, keepMine: merge.clashes.map { _ in true }) }
                var e = c.edit
                e.baseRev = c.theirs?.rev ?? 0
                e.before = c.theirs
                e.note += " (kept over a concurrent change)"
                s.modal = c.returnTo.first
                return [.save(e)]
            },
            Binding("conflict.takeTheirs", [.char("t"), .char("T")], help: "Take theirs for every field both changed (my other changes kept)") {
                s, _ in
                guard let c = s[dialog: ConflictDialog.self] else { return [] }
                if let merge = c.merge { return settle(&s, c, merge, keepMine: merge.clashes.map { _ in false }) }
                s.modal = nil
                s.message = "Kept the version saved elsewhere; your change was not saved"
                return []
            },
            Binding("conflict.choose", [.enter], help: "Save with the choice made for each field") { s, _ in
                guard let c = s[dialog: ConflictDialog.self], let merge = c.merge else { return [] }
                return settle(&s, c, merge, keepMine: c.keepMine)
            },
            Binding("conflict.toggle", [.char(" ")], help: "Mine or theirs for the selected field") { s in
                guard var c = s[dialog: ConflictDialog.self], c.keepMine.indices.contains(c.cursor) else { return }
                c.keepMine[c.cursor].toggle()
                s[dialog: ConflictDialog.self] = c
            },
            Binding("conflict.up", [.up], help: "Previous field (reading one whole: scroll up)") { s in
                guard var c = s[dialog: ConflictDialog.self] else { return }
                if c.viewing { c.viewScroll = max(0, c.viewScroll - 1) } else { c.cursor = max(0, c.cursor - 1) }
                s[dialog: ConflictDialog.self] = c
            },
            Binding("conflict.down", [.down], help: "Next field (reading one whole: scroll down)") { s in
                guard var c = s[dialog: ConflictDialog.self] else { return }
                if c.viewing {
                    c.viewScroll += 1
                } else {
                    c.cursor = min(max(0, max(c.keepMine.count, c.differences.count) - 1), c.cursor + 1)
                }
                s[dialog: ConflictDialog.self] = c
            },
            Binding("conflict.view", [.char("v")], help: "Read the selected field's two versions whole (v again: back)") { s in
                guard var c = s[dialog: ConflictDialog.self], !c.differences.isEmpty else { return }
                c.viewing.toggle()
                c.viewScroll = 0
                s[dialog: ConflictDialog.self] = c
            },
            Binding(
                "conflict.back", [.escape, .char("c"), .char("C")],
                help: "Cancel: back to my edit, now based on theirs ({form.save} saves mine over it)"
            ) { s in
                guard let c = s[dialog: ConflictDialog.self] else { return }
                let theirRev = c.theirs?.rev ?? 0
                if var f = c.returnTo.first?.state(FormMode.self) {
                    f.baseRev = theirRev
                    f.overConflict = true
                    f.message = s.keyed("Their version is now the base: {form.save} saves yours over it, {form.cancel} discards yours")
                    s.modal = .form(f)
                } else if let rf = c.returnTo.first?.state(RatingPicker.self) {
                    if let w = s.board.workstreams[rf.workstreamID] {
                        var again = RatingForm(workstream: w, kind: rf.kind)
                        again.selected = rf.selected
                        again.comment = rf.comment
                        again.basis = rf.basis
                        again.error = s.keyed("Their version is now the base: {rating.save} saves your rating over it")
                        s.modal = .rate(again)
                    } else {
                        s.modal = nil
                    }
                } else {
                    s.modal = nil
                }
            },
        ])

    /// Saves the merge with each field both changed settled as chosen; when that is their version exactly,
    /// nothing is saved and the board keeps theirs.
    static func settle(_ s: inout AppState, _ c: ConflictState, _ merge: Merge, keepMine: [Bool]) -> [Effect] {
        guard let theirs = c.theirs, let doc = merge.document(keepMine: keepMine, rev: theirs.rev) else { return [] }
        s.modal = c.returnTo.first
        if doc == theirs {
            s.modal = nil
            s.message = "Kept the version saved elsewhere; your change was not saved"
            return []
        }
        let mine = zip(merge.clashes, keepMine).filter(\.1).map { $0.0.label.lowercased() }
        let took = zip(merge.clashes, keepMine).filter { !$0.1 }.map { $0.0.label.lowercased() }
        let how =
            [
                mine.isEmpty ? nil : "kept mine for " + mine.joined(separator: ", "),
                took.isEmpty ? nil : "took theirs for " + took.joined(separator: ", "),
            ]
            .compactMap { $0 }.joined(separator: "; ")
        return [
            .save(
                Edit(
                    doc: doc, baseRev: theirs.rev, note: Width.truncate(c.edit.note + " (merged with a concurrent change: \(how))", to: 500),
                    kind: c.edit.kind, before: theirs, base: theirs))
        ]
    }

    /// "Your change to lead and their change to title are both kept. ", "Your change to lead is kept. ",
    /// or "" when neither side changed a field of its own.
    static func keptSentence(mine: [String], theirs: [String]) -> String {
        func list(_ names: [String]) -> String {
            names.count < 2 ? names.joined().lowercased() : (names.dropLast().joined(separator: ", ") + " and " + names.last!).lowercased()
        }
        let m = list(mine), t = list(theirs)
        switch (mine.isEmpty, theirs.isEmpty) {
        case (false, false): return "Your change to \(m) and their change to \(t) are both kept. "
        case (false, true): return "Your change to \(m) is kept. "
        case (true, false): return "Their change to \(t) is kept. "
        case (true, true): return ""
        }
    }

    /// The most lines a value takes in the table; a longer one is read whole with `v`.
    static let cellLines = 4

    static func draw(_ f: inout Frame, _ s: AppState, _ c: ConflictState) {
        let merged = c.merge.map { m in keptSentence(mine: m.mineOnly.map(Merge.label), theirs: m.theirsOnly.map(Merge.label)) }
        let intro =
            c.merge == nil
            ? "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. Nothing has been overwritten, and whichever you keep, the other stays in the history. Choose which version to keep:"
            : "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. \(merged ?? "")You both changed the fields below: choose for each (● marks the one kept; the other stays in the history)."
        let items: [(id: String, does: String)] =
            c.viewing
            ? [("conflict.view", "back to the fields"), ("conflict.up/conflict.down", "scroll")]
            : c.merge == nil
                ? [
                    ("conflict.keepMine", "keep mine; theirs stays in the history"), ("conflict.takeTheirs", "take theirs; mine is not saved"),
                    ("conflict.view", "read whole"), ("conflict.back", "cancel, back to my edit"),
                ]
                : [
                    ("conflict.toggle", "mine/theirs"), ("conflict.choose", "save as chosen"), ("conflict.keepMine", "mine for all"),
                    ("conflict.takeTheirs", "theirs for all"), ("conflict.view", "read whole"), ("conflict.back", "back to my edit"),
                ]
        // As tall as the text, the fields (each side wrapped, at most `cellLines` lines) and the keys need, or the screen.
        let w = min(s.width - 2, 110) - 4
        let colW = (w - 19) / 2
        let introLines = Width.wrap(intro, to: max(1, w)).count
        let foot = s.footerLines(items, gap: "  ", width: w)
        let rowsNeeded = c.differences.reduce(0) { sum, d in
            sum + min(cellLines, max(1, Span.wrap([Span(d.1)], width: max(1, colW - 2)).count, Span.wrap([Span(d.2)], width: max(1, colW - 2)).count))
        }
        let needed = 2 + introLines + 2 + max(1, rowsNeeded) + 1 + foot.count
        let inner = panel(
            &f, s, width: 110, height: c.viewing ? s.height - 2 : min(s.height - 2, needed), title: "Changed by someone else: \(c.edit.doc.id)")
        let x = inner.x + 1
        var y = inner.y
        y += f.wrapped(intro, x: x, y: y, width: w, role: .overlay)
        // Every key shows: on a narrow terminal the footer takes two lines rather than cutting the last.
        let bottom = inner.maxY - foot.count
        for (i, line) in foot.enumerated() { f.put(line, x: x, y: bottom + i, base: .overlay, limit: w) }
        let selectedIndex = min(c.cursor, max(0, c.differences.count - 1))
        if c.viewing, c.differences.indices.contains(selectedIndex) {
            // The selected field's two versions, whole, one under the other.
            let (name, mine, theirs) = c.differences[selectedIndex]
            let lines =
                Span.wrap([Span("\(name): yours", .heading)], width: w) + Span.wrap([Span(mine, .overlay)], width: w) + [[]]
                + Span.wrap([Span("\(name): theirs (saved)", .heading)], width: w) + Span.wrap([Span(theirs, .overlay)], width: w)
            let rows = max(1, bottom - y - 1)
            for (i, line) in lines.dropFirst(min(c.viewScroll, max(0, lines.count - rows))).prefix(rows).enumerated() {
                f.put(line, x: x, y: y + 1 + i, base: .overlay, limit: w)
            }
            return
        }
        let nameW = 16
        y += 1
        f.put(Width.pad("Field", to: nameW) + "  " + Width.pad("Yours", to: colW) + " " + "Theirs (saved)", x: x, y: y, role: .heading, limit: w)
        y += 1
        for (i, (name, mine, theirs)) in c.differences.enumerated() where y < bottom - 1 {
            let selected = i == c.cursor
            let keep = c.keepMine.indices.contains(i) ? (c.keepMine[i] ? "● " : "  ", c.keepMine[i] ? "  " : "● ") : ("", "")
            // Each side wrapped in its column, a list a line an item; a value longer than a few lines says `v` reads it whole.
            func cell(_ v: String) -> [[Span]] {
                let all = Span.wrap([Span(v)], width: max(1, colW - 2))
                guard all.count > cellLines else { return all }
                // The hint wraps whole in the column too, the value keeping the rows it leaves.
                func hint(_ more: Int) -> [[Span]] {
                    Span.wrap([Span(s.keyed("(\(more) more lines: {conflict.view} reads it whole)"), .muted)], width: max(1, colW - 2))
                }
                let kept = max(1, cellLines - hint(all.count).count)
                return Array(all.prefix(kept)) + hint(all.count - kept)
            }
            let left = cell(mine), right = cell(theirs)
            let rows = min(max(left.count, right.count, 1), bottom - 1 - y)
            if selected { f.fill(Rect(x: x, y: y, width: w, height: rows), role: .selected) }
            let base: Role = selected ? .selected : .overlay
            f.put(Width.pad(name, to: nameW), x: x, y: y, role: selected ? .selected : .muted, limit: nameW)
            for r in 0..<rows {
                if r < left.count { f.put((r == 0 ? [Span(keep.0)] : [Span("  ")]) + left[r], x: x + nameW + 2, y: y + r, base: base, limit: colW) }
                if r < right.count {
                    f.put((r == 0 ? [Span(keep.1)] : [Span("  ")]) + right[r], x: x + nameW + 3 + colW, y: y + r, base: base, limit: colW)
                }
            }
            y += rows
        }
        if c.differences.isEmpty { f.put("(The two versions hold the same values.)", x: x, y: y, role: .muted) }
    }
}
