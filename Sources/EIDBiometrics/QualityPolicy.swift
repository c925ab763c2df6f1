/// The thresholds `BiometricQualityGate` applies. Every default is documented here and in
/// `docs/biometrics.md`; a deployment may tighten or relax them.
public struct QualityPolicy: Sendable, Hashable {
    /// What to do with a face embedding whose L2 norm is outside `1 ± embeddingNormTolerance`.
    public enum EmbeddingNormalisation: Sendable, Hashable {
        /// Scale it to unit norm and accept it with a warning (the default: cosine matching only needs
        /// the direction, and some SDKs emit unnormalised vectors).
        case normaliseAndFlag
        /// Refuse it.
        case refuse
    }

    // MARK: Fingerprints (per finger view)

    /// Minimum minutiae per finger view. Default 12 (the classic 12-point rule for a comparison
    /// to be meaningful; live-scan plain impressions usually have 25...60).
    public var minimumMinutiae: Int
    /// Minimum number of minutiae of quality ≥ `goodMinutiaQuality`. Default 8. Devices that do not
    /// report minutia quality write 0; deployments using such devices set this to 0.
    public var minimumGoodMinutiae: Int
    /// Quality at which a minutia counts as good. Default 40 (of 0...100).
    public var goodMinutiaQuality: Int
    /// Minimum finger (view) quality. Default 40 (of 0...100), a middle-of-scale value in line with
    /// NFIQ-style "fair or better"; 0 (unreported) is refused.
    public var minimumFingerQuality: Int
    /// Minimum number of different fingers (known finger positions) with an acceptable view per
    /// application. Default 2.
    public var minimumDistinctFingers: Int
    /// Sanity limits used when decoding templates.
    public var recordLimits: MinutiaeRecordLimits

    // MARK: Portrait

    /// Minimum portrait width in pixels. Default 480.
    public var minimumPortraitWidth: Int
    /// Minimum portrait height in pixels. Default 640. 480x640 (3:4, portrait orientation) is the
    /// common minimum for ICAO-style passport portraits: at ISO/IEC 19794-5 full-frontal proportions
    /// it gives an inter-eye distance of about 120 pixels, the ICAO recommendation.
    public var minimumPortraitHeight: Int
    /// Maximum portrait file size in bytes. Default 2 MiB: a 480x640...1200x1600 JPEG is 50...800 KB;
    /// anything bigger is an unprocessed camera file that wastes sync bandwidth.
    public var maximumPortraitBytes: Int
    /// Whether a portrait must end with its format's end marker. Default true (catches truncated uploads).
    public var requirePortraitEndMarker: Bool

    // MARK: Face embedding

    /// Number of values in a face embedding. Default 512.
    public var embeddingLength: Int
    /// Accepted distance of the L2 norm from 1. Default 0.01.
    public var embeddingNormTolerance: Double
    /// What to do with an embedding whose norm is outside the tolerance. Default `.normaliseAndFlag`.
    public var embeddingNormalisation: EmbeddingNormalisation

    public init(minimumMinutiae: Int = 12, minimumGoodMinutiae: Int = 8, goodMinutiaQuality: Int = 40,
                minimumFingerQuality: Int = 40, minimumDistinctFingers: Int = 2,
                recordLimits: MinutiaeRecordLimits = .default,
                minimumPortraitWidth: Int = 480, minimumPortraitHeight: Int = 640,
                maximumPortraitBytes: Int = 2 * 1024 * 1024, requirePortraitEndMarker: Bool = true,
                embeddingLength: Int = 512, embeddingNormTolerance: Double = 0.01,
                embeddingNormalisation: EmbeddingNormalisation = .normaliseAndFlag)
    {
        self.minimumMinutiae = minimumMinutiae
        self.minimumGoodMinutiae = minimumGoodMinutiae
        self.goodMinutiaQuality = goodMinutiaQuality
        self.minimumFingerQuality = minimumFingerQuality
        self.minimumDistinctFingers = minimumDistinctFingers
        self.recordLimits = recordLimits
        self.minimumPortraitWidth = minimumPortraitWidth
        self.minimumPortraitHeight = minimumPortraitHeight
        self.maximumPortraitBytes = maximumPortraitBytes
        self.requirePortraitEndMarker = requirePortraitEndMarker
        self.embeddingLength = embeddingLength
        self.embeddingNormTolerance = embeddingNormTolerance
        self.embeddingNormalisation = embeddingNormalisation
    }
}
