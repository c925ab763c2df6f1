/// The level of an e-ID account (Decree 59/2022 art. 12). JSON: `"level1"` or `"level2"`.
public enum AccountLevel: String, Sendable, Hashable, Codable, StringEnumDecodable {
    /// Registered by the foreigner in the app; data matched to the passport.
    case level1
    /// Verified in person against the portrait and fingerprints in the national immigration database.
    case level2

    public init(from decoder: any Decoder) throws { self = try Self.decodeClosedSet(from: decoder) }
}
