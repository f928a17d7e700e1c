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
            Binding("conflict.keepMine", [.char("k"), .char("K")], help: "Keep mine for every field both changed (their other changes kept)") {
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
            Binding("conflict.up", [.up], help: "Previous field") { s in
                guard var c = s[dialog: ConflictDialog.self] else { return }
                c.cursor = max(0, c.cursor - 1)
                s[dialog: ConflictDialog.self] = c
            },
            Binding("conflict.down", [.down], help: "Next field") { s in
                guard var c = s[dialog: ConflictDialog.self] else { return }
                c.cursor = min(max(0, c.keepMine.count - 1), c.cursor + 1)
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

    static func draw(_ f: inout Frame, _ s: AppState, _ c: ConflictState) {
        let inner = panel(&f, s, width: 110, height: min(s.height - 2, c.differences.count + 9), title: "Changed by someone else: \(c.edit.doc.id)")
        let x = inner.x + 1, w = inner.width - 2
        let merged = c.merge.map { m in keptSentence(mine: m.mineOnly.map(Merge.label), theirs: m.theirsOnly.map(Merge.label)) }
        f.paragraph(
            c.merge == nil
                ? "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. Nothing has been overwritten. Choose which version to keep:"
                : "\(c.edit.doc.id) was saved elsewhere (now revision \(c.theirs?.rev ?? 0)) after you started. \(merged ?? "")You both changed the fields below: choose for each (● marks the one kept).",
            in: Rect(x: x, y: inner.y, width: w, height: 2), role: .overlay)
        let colW = (w - 18) / 2
        var y = inner.y + 2
        f.put(Width.pad("Field", to: 16) + "  " + Width.pad("Yours", to: colW) + " " + "Theirs (saved)", x: x, y: y, role: .heading, limit: w)
        y += 1
        for (i, (name, mine, theirs)) in c.differences.enumerated() where y < inner.maxY - 2 {
            // Long values that differ only near the end show from just before the difference.
            let common = zip(mine, theirs).prefix { $0 == $1 }.count
            let skip = common > colW / 2 ? common - colW / 3 : 0
            let show = { (v: String) in skip > 0 ? "…" + String(v.dropFirst(skip)) : v }
            let selected = c.merge != nil && i == c.cursor
            if selected { f.fill(Rect(x: x, y: y, width: w, height: 1), role: .selected) }
            let keep = c.keepMine.indices.contains(i) ? (c.keepMine[i] ? "● " : "  ", c.keepMine[i] ? "  " : "● ") : ("", "")
            f.put(Width.pad(name, to: 16), x: x, y: y, role: selected ? .selected : .muted)
            f.put(keep.0 + show(mine), x: x + 18, y: y, role: selected ? .selected : .overlay, limit: colW)
            f.put(keep.1 + show(theirs), x: x + 19 + colW, y: y, role: selected ? .selected : .overlay, limit: colW)
            y += 1
        }
        if c.differences.isEmpty { f.put("(The two versions hold the same values.)", x: x, y: y, role: .muted) }
        let items =
            c.merge == nil
            ? [
                ("conflict.keepMine", "keep mine (save over theirs)"), ("conflict.takeTheirs", "take theirs (drop mine)"),
                ("conflict.back", "cancel, back to my edit"),
            ]
            : [
                ("conflict.toggle", "mine/theirs"), ("conflict.choose", "save as chosen"), ("conflict.keepMine", "mine for all"),
                ("conflict.takeTheirs", "theirs for all"), ("conflict.back", "back to my edit"),
            ]
        // Every key shows: on a narrow terminal the footer takes two lines rather than cutting the last.
        let lines = s.footerLines(items, gap: "  ", width: w)
        for (i, line) in lines.enumerated() {
            f.put(line, x: x, y: inner.maxY - lines.count + i, base: .overlay, limit: w)
        }
    }
}
