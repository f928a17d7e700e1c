import Foundation

/// Delivery confidence on the UK Infrastructure and Projects Authority five-point scale,
/// plus the common extensions Complete and Not rated.
public enum RAG: String, CaseIterable, Codable, Sendable, ListedValues, Comparable {
    case red
    case amberRed = "amber-red"
    case amber
    case amberGreen = "amber-green"
    case green
    case complete
    case notRated = "not-rated"

    /// The letter that always goes with the colour (colour-blind readers, monochrome projectors).
    public var letter: String {
        switch self {
        case .green: "G"
        case .amberGreen: "A/G"
        case .amber: "A"
        case .amberRed: "A/R"
        case .red: "R"
        case .complete: "C"
        case .notRated: "-"
        }
    }

    public var name: String {
        switch self {
        case .green: "Green"
        case .amberGreen: "Amber/Green"
        case .amber: "Amber"
        case .amberRed: "Amber/Red"
        case .red: "Red"
        case .complete: "Complete"
        case .notRated: "Not rated"
        }
    }

    /// The IPA definition of each rating.
    public var definition: String {
        switch self {
        case .green: "Successful delivery appears highly likely; no major outstanding issues."
        case .amberGreen: "Successful delivery probable; constant attention needed so risks do not become major issues."
        case .amber: "Delivery feasible, but significant issues exist that need management attention."
        case .amberRed: "Delivery in doubt, with major risks or issues in a number of key areas; urgent action needed."
        case .red: "Successful delivery appears unachievable without major change."
        case .complete: "The work is finished."
        case .notRated: "No rating has been given yet."
        }
    }

    /// Position on the confidence scale (higher is better); nil for ratings off the scale.
    public var confidence: Int? {
        switch self {
        case .red: 1
        case .amberRed: 2
        case .amber: 3
        case .amberGreen: 4
        case .green: 5
        case .complete, .notRated: nil
        }
    }

    /// Display order: worst first, as a board reads it.
    public static func < (a: RAG, b: RAG) -> Bool {
        func rank(_ r: RAG) -> Int { r.confidence ?? (r == .complete ? 6 : 7) }
        return rank(a) < rank(b)
    }

    /// Parses the stored value, the letter, or the name, in any case: `amber-red`, `A/R`, `AR`, `Amber/Red`.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let squeezed = t.filter { $0.isLetter }
        guard !t.isEmpty else { return nil }
        for r in RAG.allCases {
            if t == r.rawValue || t == r.letter.lowercased() || t == r.name.lowercased()
                || (!squeezed.isEmpty && squeezed == r.letter.lowercased().filter({ $0.isLetter }))
                || (!squeezed.isEmpty && squeezed == r.rawValue.filter({ $0.isLetter }))
            {
                self = r
                return
            }
        }
        if t == "n" || t == "nr" || t == "none" {
            self = .notRated
            return
        }
        return nil
    }

    /// The three-colour display many boards use. The five-point value is always what is stored.
    public var threeColour: RAG {
        switch self {
        case .green, .amberGreen: .green
        case .amber: .amber
        case .amberRed, .red: .red
        case .complete, .notRated: self
        }
    }

    /// The ratings a person can choose, best first.
    public static let scale: [RAG] = [.green, .amberGreen, .amber, .amberRed, .red, .complete, .notRated]
}

/// Which of a workstream's two ratings.
public enum RatingKind: String, Codable, Sendable, ListedValues, CaseIterable {
    case inYear = "in-year"
    case overall
    public var label: String { self == .inYear ? "In-year" : "Overall" }
}

/// Direction of travel against the previous rating.
public enum Trend: String, Sendable, Equatable {
    case improving, stable, declining, new, completed, none

    public var glyph: String {
        switch self {
        case .improving: "▲"
        case .stable: "▶"
        case .declining: "▼"
        case .new: "•"
        case .completed: "✓"
        case .none: " "
        }
    }

    /// ASCII fallback for plain output.
    public var word: String {
        switch self {
        case .improving: "up"
        case .stable: "same"
        case .declining: "down"
        case .new: "first rating"
        case .completed: "done"
        case .none: ""
        }
    }

    public static func between(previous: RAG?, current: RAG) -> Trend {
        if current == .complete { return .completed }
        guard let c = current.confidence else { return .none }
        guard let previous, let p = previous.confidence else { return previous == nil || previous == .notRated ? .new : .none }
        return c > p ? .improving : c < p ? .declining : .stable
    }
}
