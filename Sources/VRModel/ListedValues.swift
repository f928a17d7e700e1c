/// An enumeration written in files as one of a few words: a word it does not know is refused with the
/// words it does (`'Amber' is not one of the accepted values: red, amber-red, amber, …`), never the
/// decoder's `Cannot initialize RAG from invalid String value`.
public protocol ListedValues: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ListedValues {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let raw = try c.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: Self.refusal(raw))
        }
        self = value
    }

    /// Every value, as files write them.
    public static var acceptedValues: [String] { allCases.map(\.rawValue) }

    /// Why `raw` is not a value: the accepted ones, and the one meant when only its case differs.
    public static func refusal(_ raw: String) -> String {
        let accepted = allCases.map(\.rawValue)
        let meant = accepted.first { $0.lowercased() == raw.lowercased() }.map { " (did you mean '\($0)'?)" } ?? ""
        return "'\(Sanitize.display(raw))' is not one of the accepted values: \(accepted.joined(separator: ", "))\(meant)"
    }
}
