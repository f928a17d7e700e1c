import VRModel

/// One save, as the runtime carries it out.
public struct Edit: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case change, undo, redo }
    public var doc: AnyDocument
    public var baseRev: Int
    public var note: String
    public var kind: Kind = .change
    /// The version before this edit, for the undo stack (nil for a new document).
    public var before: AnyDocument?
    /// The version the edit started from (at `baseRev`), when known: a conflict is merged against it.
    public var base: AnyDocument?
    public init(doc: AnyDocument, baseRev: Int, note: String, kind: Kind = .change, before: AnyDocument?, base: AnyDocument? = nil) {
        self.doc = doc
        self.baseRev = baseRev
        self.note = note
        self.kind = kind
        self.before = before
        self.base = base
    }
}

/// What the History screen asks the runtime for: a page of changes, newest first (one item's, or
/// older than a change already shown).
public struct HistoryRequest: Equatable, Sendable {
    public var id: String?
    public var before: Int?
    public var limit: Int
    public init(id: String?, before: Int? = nil, limit: Int = HistoryRequest.pageSize) {
        self.id = id
        self.before = before
        self.limit = limit
    }
    public static let pageSize = 200
}

/// A line of the history screen.
public struct HistoryItem: Equatable, Sendable {
    public let seq: Int
    public let at: String
    public let by: String
    public let collection: String
    public let id: String
    public let rev: Int
    public let note: String
    /// The login (folder store) or database role (PostgreSQL) the store recorded, beside `by`.
    public let login: String?
    public init(seq: Int, at: String, by: String, collection: String, id: String, rev: Int, note: String, login: String? = nil) {
        self.seq = seq
        self.at = at
        self.by = by
        self.collection = collection
        self.id = id
        self.rev = rev
        self.note = note
        self.login = login
    }

    /// Who, as History shows it (`Alice Smith (recorded by root)` where the recorded login differs).
    public var who: String { Attribution.who(by: by, login: login) }

    /// When, as History shows it: `2021-10-26 10:00:00`.
    public var shownAt: String { at.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "") }
}
