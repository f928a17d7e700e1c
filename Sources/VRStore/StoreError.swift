import VRModel

/// A problem placed in a file: printed as `file:line:column: reason`.
public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var reason: String
    public init(file: String, line: Int, column: Int, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }
    public var description: String { "\(file):\(line):\(column): \(reason)" }
}

/// Two saves of the same document: the second was based on a revision that is no longer current.
public struct Conflict: Equatable, Sendable {
    public let mine: AnyDocument
    public let theirs: AnyDocument?
    public let baseRev: Int
    public init(mine: AnyDocument, theirs: AnyDocument?, baseRev: Int) {
        self.mine = mine
        self.theirs = theirs
        self.baseRev = baseRev
    }
}

public enum StoreError: Error, Equatable, CustomStringConvertible {
    case problems([Problem])
    case conflict(Conflict)
    case notAStore(String)
    case readOnly
    case io(IOFailure)
    /// The journal append (the commit point) failed: the save did not happen, or, when the failed
    /// write could not be taken back, may have.
    case appendFailed(IOFailure, recorded: Recorded)
    case invalid(String)

    public enum Recorded: Equatable, Sendable { case no, unknown }

    public var description: String {
        switch self {
        case .problems(let ps): ps.map(\.description).joined(separator: "\n")
        case .conflict(let c):
            "\(c.mine.collection.rawValue)/\(c.mine.id) was changed by someone else (now revision \(c.theirs?.rev ?? 0), this edit was based on \(c.baseRev)); nothing was overwritten"
        case .notAStore(let dir): "\(dir) is not a vrboard store (no vrboard.json); create one with `vrboard init \(dir)`"
        case .readOnly: "the store is open read-only"
        case .io(let f): f.description
        case .appendFailed(let f, .no): "not saved: \(f); nothing was recorded"
        case .appendFailed(let f, .unknown):
            "the save may not have been recorded: \(f), and the partial write could not be taken back; run `vrboard validate` to see whether it is in the journal"
        case .invalid(let s): s
        }
    }
}
