import Foundation
import VRModel

/// Finding anything on the board (F from any screen, or / on the overview): priorities (and their SNA
/// findings), workstreams, risks, grants, interventions and their providers, evaluations, outcome
/// measures, members, risks' mitigating actions and the board's decisions and actions, by id, title,
/// people and text. The matches list as you type; Enter goes to the item.
public struct Finder: Equatable, Sendable {
    public var query = TextField()
    public var cursor = ListCursor()
    public private(set) var hits: [Hit] = []
    public init() {}

    /// Where a match is, and what it says.
    public struct Hit: Equatable, Sendable {
        public enum Target: Equatable, Sendable {
            case workstream(String)
            case risk(String)
            case grant(Int)
            case riskAction(risk: String, index: Int)
            case boardAction(meeting: String, index: Int)
            case boardDecision(meeting: String, index: Int)
            case priority(String)
            case intervention(String)
            case evaluation(String)
            case outcome(String)
            /// A member: their workstreams (as lead or sponsor) listed.
            case member(String)
        }
        public var target: Target
        /// "Workstream", "Risk", "Grant", "Action", "Board action".
        public var kind: String
        public var id: String
        public var title: String
        /// The field that matched ("title", "comment of 26 Oct 2021").
        public var field: String
        /// The matching text, around the match.
        public var snippet: String
        /// Where the match starts in `snippet` and how long it is, in characters: what a narrow line
        /// centres on, so the match is always in view.
        public var matchAt = 0
        public var matchLength = 0
    }

    /// The most hits listed; a search this broad says to narrow it.
    public static let limit = 200

    mutating func refresh(_ b: Board) {
        hits = Finder.search(query.text, in: b)
        cursor = ListCursor()
    }

    /// Every item matching `q` (case and accents ignored), in board order: workstreams by priority,
    /// then risks, grants, mitigating actions and board actions. An item is listed once, at its first
    /// matching field.
    public static func search(_ q: String, in b: Board) -> [Hit] {
        let needle = q.trimmingCharacters(in: .whitespaces)
        guard !needle.isEmpty else { return [] }
        var out: [Hit] = []
        func first(_ fields: [(String, String)]) -> (String, (text: String, at: Int, length: Int))? {
            for (name, text) in fields {
                if let r = text.range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) {
                    return (name, snippet(text, around: r))
                }
            }
            return nil
        }
        func add(_ target: Hit.Target, _ kind: String, _ id: String, _ title: String, _ fields: [(String, String)]) {
            guard out.count < limit, let (field, s) = first(fields) else { return }
            out.append(Hit(target: target, kind: kind, id: id, title: title, field: field, snippet: s.text, matchAt: s.at, matchLength: s.length))
        }
        for p in b.orderedPriorities {
            add(
                .priority(p.id), "Priority", p.id, p.title,
                [("id", p.id), ("title", p.title), ("description", p.description), ("SNA finding", p.snaFinding), ("sponsor", b.name(of: p.sponsor))])
        }
        for p in b.orderedPriorities {
            for w in b.workstreams(in: p.id) where !w.archived {
                let comments = w.history.reversed().map { ("comment of \($0.day?.long ?? String($0.at.prefix(10)))", $0.comment) }
                add(
                    .workstream(w.id), "Workstream", w.id, w.title,
                    [("id", w.id), ("title", w.title), ("lead", b.name(of: w.lead)), ("sponsor", b.name(of: w.sponsor))] + comments
                        + w.objectives.map { ("objective", $0) } + [("in-year rating", "\(w.inYear.letter) \(w.inYear.name)")])
            }
        }
        for r in b.risks.items {
            add(
                .risk(r.id), "Risk", r.id, r.title,
                [("id", r.id), ("title", r.title), ("owner", b.name(of: r.owner)), ("category", r.category), ("description", r.description)]
                    + r.causes.map { ("cause", $0) })
        }
        for (i, g) in b.funding.grants.enumerated() {
            add(.grant(i), "Grant", g.id, g.name, [("id", g.id), ("name", g.name), ("funder", g.funder), ("holder", g.holder)])
        }
        for iv in b.interventions.items where !iv.archived {
            add(
                .intervention(iv.id), "Intervention", iv.id, iv.name,
                [("id", iv.id), ("name", iv.name), ("provider", iv.provider), ("setting", iv.setting), ("area", iv.area)]
                    + iv.returns.reversed().map { ("return for \($0.label)", $0.note) })
        }
        for e in b.evaluations.items {
            add(
                .evaluation(e.id), "Evaluation", e.id, e.title,
                [("id", e.id), ("title", e.title), ("commissioned by", e.commissionedBy), ("scope", e.scope), ("finding", e.finding)])
        }
        for o in b.orderedOutcomes {
            add(.outcome(o.id), "Outcome", o.id, o.title, [("id", o.id), ("title", o.title), ("note", o.note)])
        }
        for m in b.members.items {
            add(.member(m.id), "Member", m.id, m.name, [("name", m.name), ("role", m.role), ("organisation", m.organisation)])
        }
        for r in b.risks.items {
            for (i, a) in r.actions.enumerated() {
                add(
                    .riskAction(risk: r.id, index: i), "Action", "\(r.id) #\(i + 1)", a.action,
                    [("action", a.action), ("owner", b.name(of: a.owner))])
            }
        }
        for m in b.meetings.items.sorted(by: { $0.date > $1.date }) {
            for (i, d) in m.decisions.enumerated() {
                add(.boardDecision(meeting: m.id, index: i), "Decision", "\(m.date.long) D\(i + 1)", d.text, [("decision", d.text)])
            }
            for (i, a) in m.actions.enumerated() {
                add(
                    .boardAction(meeting: m.id, index: i), "Board action", "\(m.date.long) A\(i + 1)", a.text,
                    [("action", a.text), ("owner", b.name(of: a.owner))])
            }
        }
        return out
    }

    /// Up to 120 characters either side of the match, on one line, and where the match is in it.
    static func snippet(_ text: String, around r: Range<String.Index>) -> (text: String, at: Int, length: Int) {
        let lo = text.index(r.lowerBound, offsetBy: -120, limitedBy: text.startIndex) ?? text.startIndex
        let hi = text.index(r.upperBound, offsetBy: 120, limitedBy: text.endIndex) ?? text.endIndex
        let body = text[lo..<hi].map { $0.isNewline || $0 == "\t" ? " " : $0 }
        let lead = lo > text.startIndex ? "…" : ""
        return (lead + String(body) + (hi < text.endIndex ? "…" : ""), lead.count + text[lo..<r.lowerBound].count, text[r].count)
    }

    /// The part of a hit's snippet that fits `width` characters with the match in the middle of it.
    public static func centred(_ hit: Hit, width: Int) -> String {
        let chars = Array(hit.snippet)
        guard chars.count > width, width > 2 else { return hit.snippet }
        var start = max(0, hit.matchAt - max(0, width - hit.matchLength) / 2)
        start = min(start, max(0, chars.count - width))
        let end = min(chars.count, start + width)
        var out = Array(chars[start..<end])
        if start > 0 { out[0] = "…" }
        if end < chars.count { out[out.count - 1] = "…" }
        return String(out)
    }

    var selected: Hit? { hits.indices.contains(cursor.selected) ? hits[cursor.selected] : nil }
}

/// The find dialog's keys, its drawing, and going to a hit.
extension Mode {
    /// Finding anything on the board (F).
    static let find = Mode("find", "Find ({board.find})")
}

extension Modal {
    static func find(_ f: Finder) -> Modal { FindMode.open(f) }
}

enum FindMode: DialogFeature {
    static let modes = [Mode.find]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys, text] }
    static func paste(_ s: inout AppState, _ text: String) { editQuery(&s) { $0.insert(text) } }

    static func open(_ s: inout AppState) {
        s.feature.leave(&s)
        s.modal = .find(Finder())
    }

    static func with(_ s: inout AppState, _ change: (inout Finder) -> Void) {
        s.withDialog(FindMode.self, or: ()) { _, f in change(&f) }
    }

    /// Rows of hits the dialog shows.
    static func rows(_ s: AppState) -> Int { max(1, dialogRect(s).height - 4) }

    static func dialogRect(_ s: AppState) -> Rect {
        let w = min(s.width - 2, 120), h = min(s.height - 2, 30)
        return Rect(x: (s.width - w) / 2, y: max(1, (s.height - h) / 2), width: w, height: h)
    }

    static func moving(_ s: inout AppState, _ by: @escaping @Sendable (Int) -> Int) {
        let rows = rows(s)
        with(&s) { f in
            f.cursor.move(by: by(rows), count: f.hits.count)
            f.cursor.reveal(rows: rows, count: f.hits.count)
        }
    }

    static let keys = KeyGroup(
        Mode.find.title,
        [
            Binding("find.go", [.enter], help: "Go to the selected item", hint: "go to it", rank: 1) { s, _ in go(&s) },
            Binding("find.close", [.escape], help: "Close without going anywhere", hint: "close", rank: 2) { s in s.modal = nil },
            Binding("find.up", [.up], help: "Previous match", hint: "move", hintKeys: "↑↓", rank: 3) { s in moving(&s) { _ in -1 } },
            Binding("find.down", [.down], help: "Next match") { s in moving(&s) { _ in 1 } },
            Binding("find.pageUp", [.pageUp], help: "Page up the matches") { s in moving(&s) { -max(1, $0 - 1) } },
            Binding("find.pageDown", [.pageDown], help: "Page down the matches") { s in moving(&s) { max(1, $0 - 1) } },
        ])

    /// The text field's keys: typing narrows the matches.
    static let text = TextField.group("The find box", id: "find", field: { s, edit in editQuery(&s, edit) })

    static func editQuery(_ s: inout AppState, _ edit: (inout TextField) -> TextField.Outcome) {
        let board = s.board
        var note: String?
        with(&s) { f in
            let outcome = edit(&f.query)
            note = TextField.message(for: outcome, field: "Find")
            if outcome == .edited || outcome == .truncated { f.refresh(board) }
        }
        if let note { s.message = note }
    }

    /// Goes to the selected hit: its screen, with it selected (a mitigating action: its risk's actions;
    /// a board action: its meeting's minutes).
    static func go(_ s: inout AppState) -> [Effect] {
        guard let hit = s[dialog: FindMode.self]?.selected else {
            s.message = "Nothing to go to: type to find anything on the board"
            return []
        }
        s.modal = nil
        switch hit.target {
        case .workstream(let id):
            return s.navigate(to: .workstream(id))
        case .risk(let id):
            return s.navigate(to: .risk(id))
        case .riskAction(let id, let index):
            let effects = s.navigate(to: .risk(id))
            var c = ListCursor()
            c.selected = index
            s.modal = .actions(riskID: id, cursor: c)
            return effects
        case .grant(let i):
            return s.navigate(to: .grant(i))
        case .boardAction(let meeting, let index):
            guard let m = s.board.meetings[meeting] else { return [] }
            var c = ListCursor()
            c.selected = m.decisions.count + index
            s.modal = .minutes(meetingID: meeting, cursor: c)
            return []
        case .boardDecision(let meeting, let index):
            var c = ListCursor()
            c.selected = index
            s.modal = .minutes(meetingID: meeting, cursor: c)
            return []
        case .priority(let id): return s.navigate(to: .priority(id))
        case .intervention(let id): return s.navigate(to: .intervention(id))
        case .evaluation(let id): return s.navigate(to: .evaluation(id))
        case .outcome(let id): return s.navigate(to: .outcome(id))
        case .member(let id): return s.navigate(to: .member(id))
        }
    }

    static func draw(_ f: inout Frame, _ s: AppState, _ finder: Finder) {
        let r = dialogRect(s)
        f.fill(r, role: .overlay)
        f.box(r, title: "Find anything on the board", role: .heading)
        let inner = r.inset(1)
        f.put("Find", x: inner.x + 1, y: inner.y, role: .heading)
        drawInput(&f, finder.query, x: inner.x + 6, y: inner.y, width: inner.width - 7, focused: true)
        let count =
            finder.query.isEmpty
            ? "Type an id, a title, a name or words from a comment"
            : finder.hits.isEmpty
                ? "No match"
                : finder.hits.count >= Finder.limit
                    ? "The first \(Finder.limit) matches: type more to narrow them"
                    : "\(finder.hits.count) match\(finder.hits.count == 1 ? "" : "es")"
        f.put(count, x: inner.x + 1, y: inner.y + 1, role: .muted, limit: inner.width - 2)
        let rows = rows(s)
        let listY = inner.y + 2
        let kindW = 13, idW = min(18, max(8, finder.hits.map { Width.of($0.id) }.max() ?? 8))
        for (n, hit) in finder.hits.enumerated().dropFirst(finder.cursor.scroll).prefix(rows) {
            let y = listY + n - finder.cursor.scroll
            let selected = n == finder.cursor.selected
            let base: Role = selected ? .selected : .overlay
            if selected { f.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: base) }
            let head = Width.pad(hit.kind, to: kindW) + " " + Width.pad(hit.id, to: idW) + " "
            let used = f.put(head, x: inner.x + 1, y: y, role: selected ? .selected : .muted, limit: inner.width - 2)
            let rest = inner.width - 2 - used
            // Where the match is the title itself, the title says it; else the matching text follows it.
            let inTitle = ["title", "id", "name", "action"].contains(hit.field)
            let titleW = inTitle ? rest : min(Width.of(hit.title), rest / 2)
            var x = inner.x + 1 + used
            x += f.put(hit.title, x: x, y: y, role: base, limit: titleW)
            if titleW < rest {
                // The match kept in view however long the text: the context centred on it.
                let label = "  \(hit.field): "
                let room = rest - titleW - Width.of(label)
                f.put([Span(label, .muted), Span(Finder.centred(hit, width: room))], x: x, y: y, base: base, limit: rest - titleW)
            }
        }
        f.scrollbar(
            Rect(x: inner.x, y: listY - 1, width: inner.width, height: rows + 1), first: finder.cursor.scroll, visible: rows,
            total: finder.hits.count)
    }
}
