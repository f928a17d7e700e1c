import VRModel
import VRStore

extension Mode {
    /// The documents the board's figures cite.
    static let sources = Mode("sources", "Source documents")
}

/// The selected document in the list.
public struct SourcesState: Equatable, Sendable {
    public var cursor = ListCursor()
}

/// The documents the board's figures cite (S): each with its publisher, date and sections; a secretary
/// declares a new one or corrects one here, each a save in the history.
enum SourcesDialog: DialogFeature {
    static let modes = [Mode.sources]
    static func groups(_ mode: Mode) -> [KeyGroup] { [keys] }
    static func hintBar(_ d: SourcesState) -> Bool { false }

    /// The documents in date order, as the list shows them.
    static func documents(_ b: Board) -> [SourceDocument] {
        b.sources.items.sorted { $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id }
    }

    static func listing(_ s: inout AppState, _ change: (inout AppState, [SourceDocument], inout ListCursor) -> Void) {
        guard var c = s[dialog: SourcesDialog.self]?.cursor else { return }
        change(&s, documents(s.board), &c)
        if s[dialog: SourcesDialog.self] != nil { s[dialog: SourcesDialog.self]?.cursor = c }
    }

    static let selectOne: @Sendable (AppState) -> String? = { s in
        guard let c = s[dialog: SourcesDialog.self]?.cursor, documents(s.board).indices.contains(c.selected) else {
            return "No document selected: {sources.new} declares one"
        }
        return nil
    }

    static let keys = KeyGroup(
        Mode.sources.title,
        [
            Binding("sources.up", [.up, .char("k")], help: "Previous document") { s, _ in
                listing(&s) { _, docs, c in c.move(by: -1, count: docs.count) }
                return []
            },
            Binding("sources.down", [.down, .char("j")], help: "Next document") { s, _ in
                listing(&s) { _, docs, c in c.move(by: 1, count: docs.count) }
                return []
            },
            Binding("sources.new", [.char("n")], help: "Declare a document the figures cite", disabled: Guard.writable) { s, _ in
                s.modal = .form(SourceForm.open(nil, board: s.board))
                return []
            },
            Binding("sources.edit", [.char("e"), .enter], help: "Edit the selected document", disabled: Guard.all(Guard.writable, selectOne)) {
                s, _ in
                listing(&s) { s, docs, c in s.modal = .form(SourceForm.open(docs[c.selected], board: s.board)) }
                return []
            },
            Binding("sources.close", [.escape, .char("q")], help: "Close the source documents") { s in s.modal = nil },
        ])

    static func draw(_ f: inout Frame, _ s: AppState, _ d: SourcesState) {
        let docs = documents(s.board)
        let inner = panel(&f, s, width: 100, height: min(s.height - 2, max(8, docs.count * 2 + 5)), title: "Source documents · \(docs.count)")
        let x = inner.x + 1, w = inner.width - 2
        if docs.isEmpty {
            f.put(s.keyed("None declared: citations are read against the shipped seeds; {sources.new} declares one"), x: x, y: inner.y, role: .muted)
        }
        let rows = max(1, (inner.height - 2) / 2)
        var cursor = d.cursor
        cursor.reveal(rows: rows, count: docs.count)
        var y = inner.y
        for (i, doc) in docs.enumerated().dropFirst(cursor.scroll) where y < inner.maxY - 2 {
            let sel = i == cursor.selected
            if sel { f.fill(Rect(x: x, y: y, width: w, height: 2), role: .selected) }
            f.put("\(doc.id)  \(doc.title)", x: x, y: y, role: sel ? .selected : .overlay, limit: w)
            let places = doc.sections.map { "\($0.count) sections listed" } ?? "sections not listed"
            f.put("  \(doc.dated) · \(places)", x: x, y: y + 1, role: sel ? .selected : .muted, limit: w)
            y += 2
        }
        f.put(
            s.footer([("sources.new", "new"), ("sources.edit", "edit"), ("sources.close", "close")], gap: "  "),
            x: x, y: inner.maxY - 1, base: .overlay, limit: w)
    }
}

/// Declaring or correcting a source document: what citations call it, its title, publisher, date (and
/// how the date reads), a link, its sections, and how they were established.
enum SourceForm: FormSpec {
    enum Field: String { case id, title, publisher, date, kind, link, sections, note }

    static func open(_ d: SourceDocument?, board b: Board) -> Form {
        var f: [FormField] = []
        if d == nil { f.append(FormField(Field.id, "ID (what citations name it: AR-2324)", text: "", required: true)) }
        f += [
            FormField(Field.title, "Title", text: d?.title ?? "", required: true),
            FormField(Field.publisher, "Publisher", text: d?.publisher ?? "", required: true),
            FormField(Field.date, "Date (2022-03-31 or 31/03/2022)", text: d?.date.description ?? "", required: true),
            FormField(
                Field.kind, "The date is", choices: SourceDocument.DateKind.allCases.map { .init($0.rawValue, $0.label) },
                selected: d?.dateKind.rawValue ?? SourceDocument.DateKind.published.rawValue),
            FormField(Field.link, "Link (optional)", text: d?.link ?? ""),
            FormField(Field.sections, "Sections, comma-separated (§1, §2.3, Table 1, annex)", text: (d?.sections ?? []).joined(separator: ", ")),
            FormField(Field.note, "How the date and sections were established", text: d?.note ?? ""),
        ]
        return Forms.make(
            title: d.map { "Edit source document \($0.id)" } ?? "Declare a source document", target: .source(id: d?.id), fields: f,
            baseRev: d?.rev ?? 0, board: b)
    }

    static func check(_ form: inout Form, board b: Board) {
        Forms.checkNewID(&form) { b.sources.contains(id: $0) }
        if let i = form.index(Field.date), !form.fields[i].value.isEmpty {
            let (day, why) = Day.reading(form.fields[i].value)
            if let day { form.fields[i].note = day.long } else { form.fields[i].error = why }
        }
    }

    static func draft(_ form: Form, board b: Board, today: Day) -> SourceDocument? {
        guard case .source(let id) = form.target, let day = Day.reading(form.value(Field.date)).day else { return nil }
        var d =
            id.flatMap { b.sources[$0] }
            ?? SourceDocument(id: form.value(Field.id), rev: 0, title: "", publisher: "", date: day, dateKind: .published, note: "")
        d.title = form.value(Field.title)
        d.publisher = form.value(Field.publisher)
        d.date = day
        d.dateKind = SourceDocument.DateKind(rawValue: form.value(Field.kind)) ?? .published
        d.link = form.value(Field.link).isEmpty ? nil : form.value(Field.link)
        let sections = form.value(Field.sections).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        d.sections = sections.isEmpty ? nil : sections
        d.note = form.value(Field.note)
        return d
    }

    static func save(_ d: SourceDocument, _ form: Form, board b: Board, now: String, user: String) -> (doc: AnyDocument, note: String)? {
        (.source(d), "\(b.sources.contains(id: d.id) ? "Changed" : "Declared") source document \(d.id): \(d.title) (\(d.dated))")
    }
}
