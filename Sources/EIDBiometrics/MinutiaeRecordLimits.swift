/// Sanity limits applied while decoding, on top of the formats' own limits (at most 255 views and
/// 255 minutiae per view, since both counts are single bytes).
public struct MinutiaeRecordLimits: Sendable, Hashable {
    /// Most minutiae accepted in one view. Default 200: live-scan extractors produce 20...120;
    /// more than 200 in one impression means a broken extractor or garbage.
    public var maximumMinutiaePerView: Int
    /// Most finger views accepted in one record. Default 40 (ten fingers, four impressions each).
    public var maximumFingerViews: Int

    public init(maximumMinutiaePerView: Int = 200, maximumFingerViews: Int = 40) {
        self.maximumMinutiaePerView = maximumMinutiaePerView
        self.maximumFingerViews = maximumFingerViews
    }

    /// The defaults described above.
    public static let `default` = MinutiaeRecordLimits()

    /// Only the formats' own limits (255 and 255).
    public static let formatMaximum = MinutiaeRecordLimits(maximumMinutiaePerView: 255, maximumFingerViews: 255)
}
