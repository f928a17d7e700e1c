import VRModel
import VRStore
import VRStoreAPI

/// A whole entry to read, however long: a workstream's rating history with every comment, a risk, or
/// one change from the History screen with the fields it changed, old and new. Wrapped to the dialog's
/// width, paragraphs kept, scrolled with the keys.
public struct Viewer: Equatable, Sendable {
    public enum Block: Equatable, Sendable {
        case heading(String)
        /// Text wrapped as a paragraph (its line breaks kept).
        case text(String, muted: Bool = false)
        /// A field a change touched: its name, the value before (nil: the change made it) and after.
        case field(String, old: String?, new: String)
        case gap
    }

    public var title: String
    public var blocks: [Block]
    public var scroll = 0
    /// The change shown, when its versions are still being read (History's Enter).
    public var pending: Int?
    /// The revision that change saved (1: it created the document).
    var revision = 0

    public init(title: String, blocks: [Block], pending: Int? = nil) {
        self.title = title
        self.blocks = blocks
        self.pending = pending
    }

    /// The lines at `width`, each with its role.
    func lines(width: Int) -> [(String, Role)] {
        var out: [(String, Role)] = []
        func wrap(_ s: String, _ role: Role, indent: String = "") {
            for line in Width.wrap(s, to: max(4, width - Width.of(indent))) { out.append((indent + line, role)) }
        }
        for b in blocks {
            switch b {
            case .heading(let h): wrap(h, .heading)
            case .text(let t, let muted): wrap(t, muted ? .muted : .overlay)
            case .field(let name, let old, let new):
                out.append((name, .heading))
                if let old { wrap("was: " + (old.isEmpty ? "(empty)" : old), .muted, indent: "  ") }
                wrap((old == nil ? "" : "now: ") + (new.isEmpty ? "(empty)" : new), .overlay, indent: "  ")
            case .gap: out.append(("", .overlay))
            }
        }
        return out
    }
}

extension Viewer {
    /// A workstream whole: its ratings, then every rating change, newest first, with its comment in full.
    static func workstream(_ w: Workstream, _ s: AppState) -> Viewer {
        var blocks: [Block] = [
            .text("In-year \(s.shown(w.inYear).name) (\(w.trend(.inYear).word)) · Overall \(s.shown(w.overall).name) (\(w.trend(.overall).word))"),
            .text("Lead \(s.board.name(of: w.lead)) · Sponsor \(s.board.name(of: w.sponsor))", muted: true),
            .text("Source: \(w.source)", muted: true), .gap, .heading("Objectives"),
        ]
        blocks += w.objectives.map { .text("• " + $0) }
        if let e = w.exitStrategy { blocks += [.gap, .heading("Exit strategy: \(e.option.label)"), .text(e.note)] }
        blocks += [.gap, .heading("Rating history (\(w.history.count), newest first)")]
        if w.history.isEmpty { blocks.append(.text("No changes recorded", muted: true)) }
        for c in w.history.reversed() {
            let change = c.isReview ? "reviewed, \(c.to.name) kept" : "\(c.from.map { "\($0.name) → " } ?? "")\(c.to.name)"
            let basis = c.isJudgement ? " · judgement \(Provenance.judgementMark)" : ""
            blocks += [
                .gap,
                .text(
                    "\(c.dayText) · \(c.kind.label) \(change) · \(s.board.person(c.by, login: c.login))\(basis)",
                    muted: true),
                .text(c.comment),
            ]
        }
        return Viewer(title: "\(w.id) · \(w.title)", blocks: blocks)
    }

    /// A risk whole: scores, description, causes, every mitigating action, source.
    static func risk(_ r: Risk, _ s: AppState) -> Viewer {
        var blocks: [Block] = [
            .text("Residual \(r.residual.value) \(r.band.name) · inherent \(r.inherent.value) · target \(r.target.value) · \(r.response.rawValue)"),
            .text(
                "Owner \(s.board.name(of: r.owner)) · \(r.category) · \(r.status.rawValue)\(r.closedReason.map { " (\($0))" } ?? "") · "
                    + (r.isOverdue(on: s.today) ? "review overdue since \(r.nextReview.long)" : "next review \(r.nextReview.long)"), muted: true),
            .gap, .heading("Description"), .text(r.description),
        ]
        if !r.causes.isEmpty { blocks += [.gap, .heading("Causes")] + r.causes.map { .text("• " + $0) } }
        blocks += [.gap, .heading("Mitigating actions (\(r.actions.count))")]
        for a in r.actions {
            let overdue = r.overdueActions(on: s.today).contains(a) ? " · overdue" : ""
            blocks += [
                .text("• " + a.action), .text("  \(s.board.name(of: a.owner)) · due \(a.due.long) · \(a.status.label)\(overdue)", muted: true),
            ]
        }
        blocks += [.gap, .text("Source: \(r.source)", muted: true)]
        return Viewer(title: "\(r.id) · \(r.title)", blocks: blocks)
    }

    /// An intervention whole: what it is, every return with who entered it, the evaluations covering it.
    static func intervention(_ iv: Intervention, _ s: AppState) -> Viewer {
        var blocks: [Block] = [
            .text("Provider: \(iv.provider.isEmpty ? "not named in the source" : iv.provider) · level \(iv.level?.label ?? "not given")"),
            .text("Setting: \(iv.setting) · area: \(iv.area)", muted: true),
            .text("Status \(iv.status.label) · exit \(iv.exit.label) · workstreams \(iv.workstreams.joined(separator: ", "))", muted: true),
            .text("Source: \(iv.source)", muted: true), .gap, .heading("Reach returns (\(iv.returns.count), newest first)"),
        ]
        if iv.returns.isEmpty { blocks.append(.text("No return yet", muted: true)) }
        for r in iv.returns.sorted(by: { ($0.quarter, $0.at) > ($1.quarter, $1.at) }) {
            blocks += [
                .text("\(r.label): \(r.under25.grouped) under 25, \(r.over25.grouped) aged 25 and over"),
                .text("entered by \(s.board.person(r.by)) on \(r.day?.long ?? r.at)\(r.source.map { " · source: \($0)" } ?? "")", muted: true),
            ]
            if !r.note.isEmpty { blocks.append(.text(r.note)) }
        }
        let evs = s.board.evaluations.items.filter { $0.interventions.contains(iv.id) }
        blocks += [.gap, .heading("Evaluations covering it (\(evs.count))")]
        for e in evs { blocks += evaluationSummary(e) }
        return Viewer(title: "\(iv.id) · \(iv.name)", blocks: blocks)
    }

    /// An evaluation in brief: title, type, status and due date, who commissioned it, its finding.
    static func evaluationSummary(_ e: Evaluation) -> [Block] {
        var blocks: [Block] = [
            .text("\(e.title) (\(e.kind?.label ?? "type not given"), \(e.status.label), due \(e.dueLabel))"),
            .text("Commissioned by \(e.commissionedBy) · source: \(e.source)", muted: true),
        ]
        if !e.finding.isEmpty { blocks.append(.text("Finding: \(e.finding)")) }
        return blocks
    }

    /// An evaluation whole: scope, cost, the interventions it covers and what they reached, its finding.
    static func evaluation(_ e: Evaluation, _ s: AppState) -> Viewer {
        var blocks = evaluationSummary(e)
        let cost = e.cost.map { Money.format($0) + (e.costIllustrative ? Provenance.illustrativeMark : "") } ?? "none recorded"
        blocks += [.text("Cost to the VRU this year: \(cost)", muted: true), .gap, .heading("Scope"), .text(e.scope.isEmpty ? "Not given" : e.scope)]
        blocks += [.gap, .heading("Interventions it covers (\(e.interventions.count))")]
        if e.interventions.isEmpty {
            blocks.append(.text("None in the register: it covers the response as a whole, or ones not listed", muted: true))
        }
        for id in e.interventions {
            guard let iv = s.board.interventions[id] else {
                blocks.append(.text("\(id): not in the register", muted: true))
                continue
            }
            let r = iv.reach(inYear: s.financialYear)
            blocks.append(.text("• \(iv.id) \(iv.name) · reach this year \(r.under25.grouped) under 25, \(r.over25.grouped) 25 and over"))
        }
        return Viewer(title: "\(e.id) · \(e.title)", blocks: blocks)
    }

    /// One change from the journal: who, when, the note whole; what it changed follows once read.
    static func change(_ item: HistoryItem, _ s: AppState) -> Viewer {
        var v = Viewer(
            title: "Change #\(item.seq) · \(item.collection) \(item.id)",
            blocks: [
                .text("\(item.shownAt) · \(s.board.person(item.by, login: item.login)) · revision \(item.rev)", muted: true),
                .gap, .heading("Note"),
                .text(item.note), .gap, .text("Reading what changed…", muted: true),
            ], pending: item.seq)
        v.revision = item.rev
        return v
    }

    /// The fields `after` changed from `before`, old and new; every field when `before` is nil.
    mutating func show(before: AnyDocument?, after: AnyDocument?) {
        pending = nil
        blocks.removeLast()
        guard let after else {
            blocks.append(.text("The journal no longer holds this version (it was compacted); the note above is what remains.", muted: true))
            return
        }
        guard let before else {
            // A first revision made the document; a later one whose predecessor is no longer kept (the
            // store's snapshot has taken it in since) can show only what it saved.
            blocks.append(
                .heading(revision <= 1 ? "Created with" : "As saved (the version before it is no longer kept, so what changed cannot be shown)"))
            blocks += after.fields.map { .field($0.0, old: nil, new: $0.1) }
            return
        }
        let changes = AnyDocument.differences(after, before)
        blocks.append(.heading(changes.isEmpty ? "No field shown here changed" : "What changed"))
        blocks += changes.map { .field($0.0, old: $0.2, new: $0.1) }
    }
}

/// The viewer's keys and drawing.
extension Mode {
    /// Reading a whole entry (v, or Enter in History).
    static let viewer = Mode("viewer", "Reading a whole entry")
}

extension Modal {
    static func viewer(_ v: Viewer) -> Modal { ViewerMode.open(v) }
}

enum ViewerMode: DialogFeature {
    static let modes = [Mode.viewer]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }

    static func rect(_ s: AppState) -> Rect {
        let w = min(s.width - 2, 110), h = s.height - 2
        return Rect(x: (s.width - w) / 2, y: 1, width: w, height: h)
    }

    static func rows(_ s: AppState) -> Int { max(1, rect(s).height - 2) }

    static func scrolling(_ s: inout AppState, _ by: @escaping @Sendable (Int) -> Int) {
        let r = rect(s), rows = rows(s)
        s.withDialog(ViewerMode.self, or: ()) { _, v in
            let total = v.lines(width: r.width - 4).count
            v.scroll = max(0, min(v.scroll + by(rows), total - rows))
        }
    }

    static let keys = KeyGroup(
        Mode.viewer.title,
        [
            Binding("viewer.close", [.escape, .enter, .char("q"), .char("v")], help: "Close", hint: "close", rank: 1) { s in s.modal = nil },
            Binding("viewer.down", [.down, .char("j")], help: "Scroll down a line", hint: "scroll", hintKeys: "↑↓ PgUp PgDn", rank: 2) { s in
                scrolling(&s) { _ in 1 }
            },
            Binding("viewer.up", [.up, .char("k")], help: "Scroll up a line") { s in scrolling(&s) { _ in -1 } },
            Binding("viewer.pageDown", [.pageDown, .char(" ")], help: "Page down") { s in scrolling(&s) { max(1, $0 - 1) } },
            Binding("viewer.pageUp", [.pageUp], help: "Page up") { s in scrolling(&s) { -max(1, $0 - 1) } },
            Binding("viewer.top", [.home, .char("g")], help: "Top") { s in scrolling(&s) { _ in -1_000_000_000 } },
            Binding("viewer.bottom", [.end, .char("G")], help: "Bottom") { s in scrolling(&s) { _ in 1_000_000_000 } },
        ])

    static func draw(_ f: inout Frame, _ s: AppState, _ v: Viewer) {
        let r = rect(s)
        f.fill(r, role: .overlay)
        let lines = v.lines(width: r.width - 4)
        let rows = rows(s)
        f.box(r, title: v.title, role: .heading)
        // Where the reader is, on the bottom border: never cut by a long title.
        if lines.count > rows {
            let at = " lines \(v.scroll + 1)-\(min(lines.count, v.scroll + rows)) of \(lines.count) "
            f.put(at, x: r.maxX - 2 - Width.of(at), y: r.maxY - 1, role: .heading)
        }
        for (i, (text, role)) in lines.dropFirst(v.scroll).prefix(rows).enumerated() {
            f.put(text, x: r.x + 2, y: r.y + 1 + i, role: role, limit: r.width - 4)
        }
        f.scrollbar(Rect(x: r.x + 1, y: r.y, width: r.width - 2, height: r.height - 1), first: v.scroll, visible: rows, total: lines.count)
    }
}
