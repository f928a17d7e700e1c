/// The collections a store keeps, one snapshot file each.
public enum CollectionName: String, Codable, Sendable, CaseIterable {
    case programme, funding, members, priorities, workstreams, risks, meetings
    public var fileName: String { rawValue + ".json" }
    /// Collections a store may lack (stores made before they existed): read as empty.
    public var optional: Bool { self == .meetings }
}

/// Any one document, tagged with its collection.
public enum AnyDocument: Sendable, Equatable {
    case programme(Programme)
    case funding(Funding)
    case member(Member)
    case priority(Priority)
    case workstream(Workstream)
    case risk(Risk)
    case meeting(Meeting)

    public var collection: CollectionName {
        switch self {
        case .programme: .programme
        case .funding: .funding
        case .member: .members
        case .priority: .priorities
        case .workstream: .workstreams
        case .risk: .risks
        case .meeting: .meetings
        }
    }

    public var id: String {
        switch self {
        case .programme(let d): d.id
        case .funding(let d): d.id
        case .member(let d): d.id
        case .priority(let d): d.id
        case .workstream(let d): d.id
        case .risk(let d): d.id
        case .meeting(let d): d.id
        }
    }

    public var rev: Int {
        switch self {
        case .programme(let d): d.rev
        case .funding(let d): d.rev
        case .member(let d): d.rev
        case .priority(let d): d.rev
        case .workstream(let d): d.rev
        case .risk(let d): d.rev
        case .meeting(let d): d.rev
        }
    }

    public func withRev(_ rev: Int) -> AnyDocument {
        switch self {
        case .programme(var d): d.rev = rev; return .programme(d)
        case .funding(var d): d.rev = rev; return .funding(d)
        case .member(var d): d.rev = rev; return .member(d)
        case .priority(var d): d.rev = rev; return .priority(d)
        case .workstream(var d): d.rev = rev; return .workstream(d)
        case .risk(var d): d.rev = rev; return .risk(d)
        case .meeting(var d): d.rev = rev; return .meeting(d)
        }
    }
}

extension Board {
    /// The current version of a document, by collection and id.
    public func document(_ collection: CollectionName, _ id: String) -> AnyDocument? {
        switch collection {
        case .programme: programme.id == id ? .programme(programme) : nil
        case .funding: funding.id == id ? .funding(funding) : nil
        case .members: members[id].map(AnyDocument.member)
        case .priorities: priorities[id].map(AnyDocument.priority)
        case .workstreams: workstreams[id].map(AnyDocument.workstream)
        case .risks: risks[id].map(AnyDocument.risk)
        case .meetings: meetings[id].map(AnyDocument.meeting)
        }
    }

    /// Puts a document in place (replay and commit both use this).
    public mutating func apply(_ doc: AnyDocument) {
        switch doc {
        case .programme(let d): programme = d
        case .funding(let d): funding = d
        case .member(let d): members.put(d)
        case .priority(let d): priorities.put(d)
        case .workstream(let d): workstreams.put(d)
        case .risk(let d): risks.put(d)
        case .meeting(let d): meetings.put(d)
        }
    }
}

