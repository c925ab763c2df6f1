/// The sex recorded on the applicant's passport. JSON: `"male"`, `"female"` or `"unspecified"`
/// (ICAO 9303 allows `X` for unspecified).
public enum Sex: String, Sendable, Hashable, Codable, StringEnumDecodable {
    case male
    case female
    case unspecified

    public init(from decoder: any Decoder) throws { self = try Self.decodeClosedSet(from: decoder) }
}
