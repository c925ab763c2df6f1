/// Whether a residence card grants temporary or permanent residence.
/// JSON: `"temporary"` or `"permanent"`.
public enum ResidenceCardKind: String, Sendable, Hashable, Codable, StringEnumDecodable {
    case temporary
    case permanent

    public init(from decoder: any Decoder) throws { self = try Self.decodeClosedSet(from: decoder) }
}
