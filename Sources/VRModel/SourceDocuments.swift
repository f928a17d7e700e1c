/// A document the board's figures come from, as the store declares it: a published report, a board
/// paper, a strategy. Citations name it by its id and a place in it (`004 §108`, `WVPU-AR-2324 §3.2`);
/// `vrboard sources` resolves each one, and refuses a dated record that cites a document written after it.
public struct SourceDocument: StoreDocument {
    /// How the date is to be read: when it was published, the date it reports as at, or the meeting it went to.
    public enum DateKind: String, Codable, Sendable, ListedValues, CaseIterable {
        case published
        case asAt = "as-at"
        case meeting
        public var label: String {
            switch self {
            case .published: "published"
            case .asAt: "as at"
            case .meeting: "for the meeting of"
            }
        }
    }

    public var id: String
    public var rev: Int
    public var title: String
    public var publisher: String
    /// The earliest date a record may cite it on.
    public var date: Day
    public var dateKind: DateKind
    public var link: String?
    /// Its numbered sections, tables, figures and annexes as citations name them (`§2.3.6`, `Table 1`,
    /// `Fig. 4`, `ToR`, `annex`, `header`); nil when not listed (any place is then accepted).
    public var sections: [String]?
    /// How the date and the sections were established.
    public var note: String

    public init(
        id: String, rev: Int = 1, title: String, publisher: String, date: Day, dateKind: DateKind, link: String? = nil, sections: [String]? = nil,
        note: String
    ) {
        self.id = id
        self.rev = rev
        self.title = title
        self.publisher = publisher
        self.date = date
        self.dateKind = dateKind
        self.link = link
        self.sections = sections
        self.note = note
    }

    /// `Nottinghamshire OPCC, 2 Nov 2021 (for the meeting of)`: as a reader is told where a figure comes from.
    public var dated: String { "\(publisher), \(dateKind == .published ? "" : dateKind.label + " ")\(date.long)" }

    /// Whether `place` (`§4.30`, `Table 1`) is one of its listed places: a section's paragraphs count
    /// (`§2.3.6` is in a document listing `§2.3`), so is a place its list omits when it lists none.
    public func has(_ place: String) -> Bool {
        guard let sections else { return true }
        let p = SourceDocument.normalised(place)
        return sections.contains { s in
            let n = SourceDocument.normalised(s)
            return n == p || (p.hasPrefix("§") && p.hasPrefix(n + "."))
        }
    }

    /// `Fig 4`, `fig. 4`, `Table  1` read alike; `ToR` and `annex` in any case.
    static func normalised(_ place: String) -> String {
        var t = place.lowercased().replacingOccurrences(of: "fig.", with: "fig").replacingOccurrences(of: "figure", with: "fig")
        t = t.split(separator: " ").joined(separator: " ")
        while let last = t.last, ".,;:)".contains(last) { t.removeLast() }
        return t
    }
}

extension SourceDocument: Inspectable {
    public func inspect(_ i: inout Inspector) {
        i.revision(rev)
        i.text("id", id)
        i.text("title", title)
        i.text("publisher", publisher)
        if let link { i.text("link", link) }
        i.texts("sections", sections ?? [])
        i.text("note", note, multiLine: true)
    }
}
