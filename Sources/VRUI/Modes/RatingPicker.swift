import VRModel

/// Choosing a new rating for a workstream: the picker with each rating's definition and a comment.
public struct RatingForm: Equatable, Sendable {
    public let workstreamID: String
    /// The workstream's revision when the picker opened (see `Form.baseRev`).
    public let baseRev: Int
    public var kind: RatingKind
    public var selected: Int
    /// The comment: several lines, its paragraphs kept.
    public var comment = TextField(multiLine: true)
    /// Evidence (the comment gives it) or judgement (judged from the evidence the comment cites).
    public var basis: RatingChange.Basis = .evidence
    /// The basis of the rating as it stands: a review keeps it unless Ctrl-B says otherwise.
    public var currentBasis: RatingChange.Basis = .evidence
    public var error: String?
    public var confirmDiscard = false

    public init(workstream w: Workstream, kind: RatingKind) {
        workstreamID = w.id
        baseRev = w.rev
        self.kind = kind
        selected = RAG.scale.firstIndex(of: w.rating(kind)) ?? 0
        currentBasis = w.lastChange(kind)?.basis ?? .evidence
        basis = currentBasis
    }

    /// Nothing chosen yet: the rating, its basis and an empty comment, as they were.
    func untouched(_ w: Workstream) -> Bool { comment.isEmpty && rating == w.rating(kind) && basis == currentBasis }

    public var rating: RAG { RAG.scale[selected] }
}

extension Mode {
    static let rating = Mode("rating", "Rating picker")
}

extension Modal {
    static func rate(_ rf: RatingForm) -> Modal { RatingPicker.open(rf) }
}

/// The rating picker (r on a workstream): the five ratings with their definitions, in-year or overall,
/// the basis, and the comment that gives the evidence.
enum RatingPicker: DialogFeature {
    static let modes = [Mode.rating, .discard]
    static func mode(_ rf: RatingForm) -> Mode { rf.confirmDiscard ? .discard : .rating }
    static func groups(_ mode: Mode) -> [KeyGroup] { mode == .discard ? [Dialogs.discard] : [keys, comment] }
    static func hintBar(_ rf: RatingForm) -> Bool { !rf.confirmDiscard }

    static func unsavedWork(_ s: AppState, _ rf: RatingForm) -> String? {
        guard let w = s.board.workstreams[rf.workstreamID] else { return nil }
        return rf.untouched(w) ? nil : "the rating you are giving \(w.id)"
    }

    static func paste(_ s: inout AppState, _ text: String) { editComment(&s) { $0.insert(text) } }

    /// Runs `change` on the open picker and puts it back.
    static func update(_ s: inout AppState, _ change: (inout AppState, inout RatingForm, Workstream) -> [Effect]) -> [Effect] {
        guard let w = s[dialog: RatingPicker.self].flatMap({ s.board.workstreams[$0.workstreamID] }) else {
            s.modal = nil
            return []
        }
        return s.withDialog(RatingPicker.self, or: []) { s, rf in change(&s, &rf, w) }
    }

    static let keys = KeyGroup(
        Mode.rating.title,
        [
            Binding("rating.up", [.up], help: "Choose the rating above", hint: "choose the rating", hintKeys: "↑/↓", rank: 1) { s, _ in
                update(&s) { _, rf, _ in
                    rf.selected = max(0, rf.selected - 1)
                    rf.error = nil
                    return []
                }
            },
            Binding("rating.down", [.down], help: "Choose the rating below") { s, _ in
                update(&s) { _, rf, _ in
                    rf.selected = min(RAG.scale.count - 1, rf.selected + 1)
                    rf.error = nil
                    return []
                }
            },
            Binding("rating.kind", [.tab, .backTab], help: "Switch between the in-year and overall rating", hint: "in-year / overall", rank: 2) {
                s, _ in
                update(&s) { s, rf, w in
                    rf.kind = rf.kind == .inYear ? .overall : .inYear
                    rf.selected = RAG.scale.firstIndex(of: w.rating(rf.kind)) ?? 0
                    rf.currentBasis = w.lastChange(rf.kind)?.basis ?? .evidence
                    rf.basis = rf.currentBasis
                    rf.error = nil
                    return []
                }
            },
            Binding("rating.basis", [.ctrl("b")], help: "Basis: evidence, or judgement (shown with †)", hint: "basis", rank: 3) { s, _ in
                update(&s) { _, rf, _ in
                    rf.basis = rf.basis == .evidence ? .judgement : .evidence
                    return []
                }
            },
            Binding(
                "rating.save", [.enter], help: "Save: a new rating, or the same one as reviewed (a comment either way)", hint: "save",
                rank: 4
            ) { s, _ in
                update(&s) { s, rf, w in
                    var changed = w
                    do {
                        // The same rating with a comment: a dated review that keeps it.
                        if rf.rating == w.rating(rf.kind) {
                            try changed.review(
                                rf.kind, by: s.user, at: s.now, comment: rf.comment.text, basis: rf.basis, login: s.login,
                                boardDate: s.board.programme.entryDay(at: s.now))
                        } else {
                            try changed.rate(
                                rf.kind, to: rf.rating, by: s.user, at: s.now, comment: rf.comment.text, basis: rf.basis, login: s.login,
                                boardDate: s.board.programme.entryDay(at: s.now))
                        }
                    } catch {
                        rf.error =
                            rf.rating == w.rating(rf.kind)
                            ? "A comment is required: the evidence reviewed (or choose another rating with ↑/↓)"
                            : "A comment is required: the evidence for the change"
                        return []
                    }
                    var note = RatingChange.note(
                        rf.kind, from: w.rating(rf.kind), to: rf.rating, comment: rf.comment.text.trimmingCharacters(in: .whitespacesAndNewlines))
                    // Turning a judgement into evidence (or back) is deliberate, and the saved line says so.
                    if rf.rating == w.rating(rf.kind), rf.basis != rf.currentBasis {
                        note += " (basis: \(rf.currentBasis.rawValue) → \(rf.basis.rawValue))"
                    }
                    return save(&s, .workstream(changed), baseRev: rf.baseRev, note: note)
                }
            },
            Binding("rating.cancel", [.escape], help: "Cancel (asks first if something changed)", hint: "cancel", rank: 5) { s, _ in
                update(&s) { s, rf, w in
                    if rf.untouched(w) {
                        s.modal = nil
                    } else {
                        rf.confirmDiscard = true
                    }
                    return []
                }
            },
        ])

    /// Edits the comment and reports a cut or refused paste.
    static func editComment(_ s: inout AppState, _ edit: (inout TextField) -> TextField.Outcome) {
        s.withDialog(RatingPicker.self, or: ()) { _, rf in rf.error = TextField.message(for: edit(&rf.comment), field: "Comment") }
    }

    /// The comment: a text of several lines (↑/↓ choose the rating, so PgUp/PgDn move between its lines).
    static var comment: KeyGroup {
        var g = TextField.group("The comment", id: "rating", field: { s, edit in editComment(&s, edit) })
        g.bindings += [
            Binding("rating.newline", [.ctrl("j")], help: "A new line in the comment (a paste keeps its line breaks)") { s in
                editComment(&s) { $0.insert("\n") }
            },
            Binding("rating.lineUp", [.pageUp], help: "The line above in the comment") { s in
                let w = commentWidth(s)
                editComment(&s) { $0.moveLines(by: -1, width: w) }
            },
            Binding("rating.lineDown", [.pageDown], help: "The line below in the comment") { s in
                let w = commentWidth(s)
                editComment(&s) { $0.moveLines(by: 1, width: w) }
            },
        ]
        return g
    }

    /// The picker's panel, and the width the comment wraps at.
    static func panelRect(_ s: AppState) -> (width: Int, height: Int) { (min(s.width - 2, 96), min(s.height - 4, 26)) }
    static func commentWidth(_ s: AppState) -> Int { panelRect(s).width - 4 }

    static func draw(_ f: inout Frame, _ s: AppState, _ rf: RatingForm) {
        guard let w = s.board.workstreams[rf.workstreamID] else { return }
        let size = panelRect(s)
        let inner = panel(&f, s, width: size.width, height: size.height, title: "Rate \(w.id) · \(w.title)")
        var y = inner.y
        let x = inner.x + 1, iw = inner.width - 2
        let tabs: [Span] = RatingKind.allCases.map { k in Span(" \(k.label) ", k == rf.kind ? .tabActive : .tab) }
        f.put(
            tabs + [Span("  " + s.keyName("rating.kind") + " switches · now ", .muted)] + ragSpans(w.rating(rf.kind), judged: w.isJudgement(rf.kind)),
            x: x, y: y, base: .overlay,
            limit: iw)
        y += 2
        for (i, r) in RAG.scale.enumerated() where y < inner.maxY - 9 {
            let sel = i == rf.selected
            if sel { f.fill(Rect(x: x, y: y, width: iw, height: 1), role: .selected) }
            f.put(
                [Span(sel ? "▶ " : "  "), Span(r.badge, r.role), Span(" " + Width.pad(r.name, to: 12)), Span(r.definition, sel ? nil : .muted)],
                x: x, y: y, base: sel ? .selected : .overlay, limit: iw)
            y += 1
        }
        // The chosen rating's full definition, wrapped: the list above cuts long ones at narrow widths.
        y += f.paragraph("\(rf.rating.name): \(rf.rating.definition)", in: Rect(x: x, y: y, width: iw, height: 2), role: .heading, maxLines: 2)
        y += 1
        let changed = rf.rating != w.rating(rf.kind)
        let what = rf.basis == .evidence ? "the evidence for" : "the evidence you judged"
        f.put(
            [
                Span(
                    changed
                        ? "Comment (required: \(what) \(w.rating(rf.kind).letter) → \(rf.rating.letter))"
                        : "Comment (required: reviewed, no change)", .heading),
                Span("   Basis ", .muted),
            ]
                + RatingChange.Basis.allCases.map { b in
                    Span(" \(b.label)\(b == .judgement ? " " + Provenance.judgementMark : "") ", b == rf.basis ? .tabActive : .tab)
                },
            x: x, y: y, base: .overlay, limit: iw)
        y += 1
        // The comment wraps in a box of its own, its paragraphs kept, with its length against the limit.
        let rows = max(1, inner.maxY - 2 - y)
        let area = Rect(x: x, y: y, width: iw, height: rows)
        f.fill(area, role: .input)
        let wrapped = rf.comment.wrapped(width: iw)
        let first = max(0, wrapped.cursorLine - rows + 1)
        for (i, line) in wrapped.lines.dropFirst(first).prefix(rows).enumerated() { f.put(line, x: x, y: y + i, role: .input, limit: iw) }
        let cy = y + wrapped.cursorLine - first
        let under = f[x + wrapped.cursorX, cy]
        f.put(under.text == "" || under.text == " " ? "▏" : under.text, x: x + wrapped.cursorX, y: cy, role: .selected, limit: 2)
        if wrapped.lines.count > rows {
            f.scrollbar(
                Rect(x: area.x, y: area.y - 1, width: area.width + 1, height: rows + 1), first: first, visible: rows, total: wrapped.lines.count)
        }
        y += rows
        let count = "\(rf.comment.chars.count.grouped) / \(TextField.maxLength.grouped) characters"
        let countW = Width.of(count)
        f.put(count, x: inner.maxX - 1 - countW, y: y, role: rf.comment.chars.count >= TextField.maxLength ? .fail : .muted)
        if let e = rf.error { f.put("✗ " + e, x: x, y: y, role: .fail, limit: iw - countW - 1) }
        if rf.confirmDiscard {
            f.put(
                [Span("Discard this rating change? ")] + s.footer([("discard.yes", "discards"), ("discard.no", "goes back")], gap: ", "), x: x,
                y: inner.maxY - 1, base: .warning, limit: iw)
        } else {
            f.put(
                s.footer(
                    [
                        ("rating.newline", "new line"), ("rating.lineUp/rating.lineDown", "by line"), ("rating.save", "saves as \(s.user)"),
                        ("rating.cancel", "cancels"),
                    ],
                    gap: " · "), x: x, y: inner.maxY - 1, base: .muted, limit: iw)
        }
    }
}
