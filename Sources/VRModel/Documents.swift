/// Who saved a change, as history, the detail pane, the pack and CSV show it: the name given, and beside
/// it who the store recorded (the operating-system login or database role, or the member who holds that
/// login) where the two differ: `The Chair (recorded by alice)`. So a name typed with --user can never
/// hide who saved.
///
/// A paper (`paper: true`) names members, never logins: a change is the member's whose login saved it,
/// a name given that differs is shown beside it, and a login no member holds is not printed.
public enum Attribution {
    public static func who(by: String, login: String?, members: [Member] = [], paper: Bool = false) -> String {
        let declared = members.first { $0.name == by }
        func holder(_ l: String) -> Member? { members.first { $0.logins?.contains(l) == true } }
        // A name given that is itself a member's login names that member.
        let name = declared?.shownName ?? (paper ? holder(by)?.shownName : nil) ?? (paper && looksLikeLogin(by) ? unlisted : by)
        guard let login, !login.isEmpty, login != by else { return name }
        if let recorder = holder(login) {
            return recorder.name == by ? name : "\(name) (recorded by \(recorder.shownName))"
        }
        return paper ? "\(name) (saved under a login no member holds)" : "\(name) (recorded by \(login))"
    }

    /// How a paper names someone who is not on the members list and gave no name of their own.
    public static let unlisted = "an officer not on the members list"

    /// True for a name that is a bare login (lower case letters, digits, `_`, `-` and `.`, no spaces): a
    /// paper does not print it.
    public static func looksLikeLogin(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 32
            && s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
    }
}

/// The collections a store keeps, one snapshot file each.
public enum CollectionName: String, Codable, Sendable, ListedValues, CaseIterable {
    case programme, funding, members, priorities, workstreams, risks, meetings, interventions, evaluations, outcomes, sources
    public var fileName: String { rawValue + ".json" }
    /// Collections a store may lack (stores made before they existed): read as empty.
    public var optional: Bool { [.meetings, .interventions, .evaluations, .outcomes, .sources].contains(self) }
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
    case intervention(Intervention)
    case evaluation(Evaluation)
    case outcome(OutcomeMeasure)
    case source(SourceDocument)

    public var collection: CollectionName {
        switch self {
        case .programme: .programme
        case .funding: .funding
        case .member: .members
        case .priority: .priorities
        case .workstream: .workstreams
        case .risk: .risks
        case .meeting: .meetings
        case .intervention: .interventions
        case .evaluation: .evaluations
        case .outcome: .outcomes
        case .source: .sources
        }
    }

    /// The document itself, whatever its collection.
    public var document: any StoreDocument {
        switch self {
        case .programme(let d): d
        case .funding(let d): d
        case .member(let d): d
        case .priority(let d): d
        case .workstream(let d): d
        case .risk(let d): d
        case .meeting(let d): d
        case .intervention(let d): d
        case .evaluation(let d): d
        case .outcome(let d): d
        case .source(let d): d
        }
    }

    public var id: String { document.id }
    public var rev: Int { document.rev }

    public func withRev(_ rev: Int) -> AnyDocument {
        switch self {
        case .programme(var d):
            d.rev = rev
            return .programme(d)
        case .funding(var d):
            d.rev = rev
            return .funding(d)
        case .member(var d):
            d.rev = rev
            return .member(d)
        case .priority(var d):
            d.rev = rev
            return .priority(d)
        case .workstream(var d):
            d.rev = rev
            return .workstream(d)
        case .risk(var d):
            d.rev = rev
            return .risk(d)
        case .meeting(var d):
            d.rev = rev
            return .meeting(d)
        case .intervention(var d):
            d.rev = rev
            return .intervention(d)
        case .evaluation(var d):
            d.rev = rev
            return .evaluation(d)
        case .outcome(var d):
            d.rev = rev
            return .outcome(d)
        case .source(var d):
            d.rev = rev
            return .source(d)
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
        case .interventions: interventions[id].map(AnyDocument.intervention)
        case .evaluations: evaluations[id].map(AnyDocument.evaluation)
        case .outcomes: outcomes[id].map(AnyDocument.outcome)
        case .sources: sources[id].map(AnyDocument.source)
        }
    }

    /// Takes a document out (a version that did not yet exist, when rebuilding an earlier board). The
    /// programme and funding are never taken out: every board has them.
    public mutating func remove(_ collection: CollectionName, _ id: String) {
        switch collection {
        case .programme, .funding: break
        case .members: members.remove(id: id)
        case .priorities: priorities.remove(id: id)
        case .workstreams: workstreams.remove(id: id)
        case .risks: risks.remove(id: id)
        case .meetings: meetings.remove(id: id)
        case .interventions: interventions.remove(id: id)
        case .evaluations: evaluations.remove(id: id)
        case .outcomes: outcomes.remove(id: id)
        case .sources: sources.remove(id: id)
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
        case .intervention(let d): interventions.put(d)
        case .evaluation(let d): evaluations.put(d)
        case .outcome(let d): outcomes.put(d)
        case .source(let d): sources.put(d)
        }
    }
}
