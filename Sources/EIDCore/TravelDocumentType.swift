/// The type of the passport or international travel document presented.
/// JSON: `"ordinary_passport"`, `"diplomatic_passport"`, `"official_passport"` or `"travel_document"`.
public enum TravelDocumentType: String, Sendable, Hashable, Codable, StringEnumDecodable {
    /// ICAO type `P`.
    case ordinaryPassport = "ordinary_passport"
    /// ICAO type `PD`.
    case diplomaticPassport = "diplomatic_passport"
    /// Official or service passport (ICAO `PO` / `PS`).
    case officialPassport = "official_passport"
    /// Another international travel document (laissez-passer, refugee travel document, ...).
    case travelDocument = "travel_document"

    public init(from decoder: any Decoder) throws { self = try Self.decodeClosedSet(from: decoder) }
}
