/// What `BiometricEvaluation` measured (encodable as the `--json` output of `eid bio eval`).
public struct BiometricEvaluationReport: Sendable, Codable {
    /// The generated set.
    public struct SetDescription: Sendable, Codable {
        public var people: Int
        public var fingersPerPerson: Int
        /// Captures per finger and per face (2: one "record", one "applicant").
        public var capturesPerPerson: Int
        public var seed: UInt64
        /// Sampled impostor pairs of people, in all (half calibrate, half evaluate).
        public var impostorPairs: Int
        /// Impostor pairs used to calibrate (people i, j with i + j even).
        public var calibrationPairs: Int
        /// Impostor pairs evaluated on (i + j odd).
        public var evaluationPairs: Int
        /// Face impostor comparisons over every pair of different people (i ≠ j).
        public var faceCrossPairs: Int
        /// Share of fingerprint impressions drawn as poor captures, and of people all of whose are.
        public var poorCaptureRate: Double
        public var hardToCaptureRate: Double
        /// Impressions that came out poor, and people who are hard to capture, in this set.
        public var poorImpressions: Int
        public var hardToCapturePeople: Int
        /// Face captures drawn as poor.
        public var poorFaceCaptureRate: Double
    }

    /// Summary of one score distribution.
    public struct ScoreSummary: Sendable, Codable {
        public var count: Int
        public var mean: Double
        public var standardDeviation: Double
        public var minimum: Double
        public var maximum: Double
        /// Quantiles at 0.1 %, 1 %, 5 %, 50 %, 95 %, 99 %, 99.9 %.
        public var quantiles: [Double]

        init(_ scores: [Double]) {
            let sorted = scores.sorted()
            count = sorted.count
            let mean = sorted.reduce(0, +) / Double(max(1, sorted.count))
            self.mean = mean
            standardDeviation = (sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, sorted.count - 1))).squareRoot()
            minimum = sorted.first ?? .nan
            maximum = sorted.last ?? .nan
            quantiles = Self.levels.map { q in
                sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))]
            }
        }

        static let levels = [0.001, 0.01, 0.05, 0.5, 0.95, 0.99, 0.999]
    }

    /// FNMR at one FMR target.
    public struct OperatingPoint: Sendable, Codable {
        public var falseMatchRate: Double
        public var falseNonMatchRate: Double
        public var threshold: Double
        /// False when the set has fewer than 1/FMR impostor comparisons.
        public var measurable: Bool
    }

    /// Error rates of one system (a modality, or the fused decision).
    public struct SystemResult: Sendable, Codable {
        public var name: String
        /// File-name stem of its `--scores-out` files.
        public var stem: String
        public var equalErrorRate: Double
        public var equalErrorThreshold: Double
        /// At FMR 1 %, 0.1 %, 0.01 %.
        public var operatingPoints: [OperatingPoint]
        public var genuine: ScoreSummary
        public var impostor: ScoreSummary

        /// FNMR at FMR = 0.01 %.
        public var fnmrAtFMR1e4: Double { operatingPoints.first { $0.falseMatchRate == 1e-4 }?.falseNonMatchRate ?? .nan }
    }

    /// Nominal against measured false-match rates at evidence levels (on the evaluation impostors).
    public struct CalibrationCheck: Sendable, Codable {
        public struct Level: Sendable, Codable {
            public var evidence: Double
            public var nominalFMR: Double
            public var measuredFMR: Double
            /// Impostor comparisons at or above the level.
            public var count: Int
        }

        public var system: String
        public var impostorCount: Int
        public var levels: [Level]
    }

    /// float32 cosine against the int8 code's.
    public struct Quantisation: Sendable, Codable {
        public var comparisons: Int
        public var maximumAbsoluteError: Double
        public var meanAbsoluteError: Double
        public var equalErrorRateFloat32: Double
        public var equalErrorRateInt8: Double
        public var fnmrAtFMR1e4Float32: Double
        public var fnmrAtFMR1e4Int8: Double
        public var bytesFloat32: Int
        public var bytesInt8: Int
    }

    /// Share of genuine and impostor comparisons per decision.
    public struct DecisionRates: Sendable, Codable {
        public var genuineAccept: Double
        public var genuineReview: Double
        public var genuineReject: Double
        public var impostorAccept: Double
        public var impostorReview: Double
        public var impostorReject: Double
        public var acceptEvidence: Double
        public var rejectEvidence: Double
    }

    /// De-duplication thresholds at a gallery size and what they do on this set.
    public struct DeduplicationCheck: Sendable, Codable {
        public var gallerySize: Int
        public var targetFPIR: Double
        public var duplicateEvidence: Double
        public var reviewEvidence: Double
        /// Genuine pairs (the same person enrolled twice) at or above the duplicate threshold, with
        /// fingerprint support: the detection rate once the person is among the candidates.
        public var genuineDuplicateRate: Double
        public var genuineReviewOrDuplicateRate: Double
        /// Highest fused evidence of any evaluation impostor pair.
        public var maximumImpostorEvidence: Double
        /// Expected false duplicate flags per applicant: N × nominal FMR at the duplicate threshold.
        public var expectedFPIR: Double
    }

    public struct Timing: Sendable, Codable {
        /// int8 face code comparisons per second, one thread.
        public var faceComparisonsPerSecond: Double
        /// Fingerprint comparisons per second per thread (probe matcher prepared).
        public var fingerprintComparisonsPerSecond: Double
        /// Full 1:1 verifications (face + every finger, matchers built) per second, one thread.
        public var verificationsPerSecond: Double
        public var threads: Int
        public var totalSeconds: Double
    }

    /// 1:N face search at one gallery size.
    public struct SearchLatency: Sendable, Codable {
        public var gallerySize: Int
        public var probes: Int
        public var buildSeconds: Double
        public var medianMilliseconds: Double
        public var p95Milliseconds: Double
        public var exhaustiveMedianMilliseconds: Double
        /// Share of probes whose mate is in the two-stage top 10.
        public var mateInTop10: Double
        /// Share of probes whose mate is in the exhaustive top 10.
        public var mateInTop10Exhaustive: Double
        /// Share of the exhaustive top 10 also in the two-stage top 10.
        public var top10Overlap: Double
        public var bytesPerEntry: Int
    }

    public var set: SetDescription
    public var systems: [SystemResult]
    public var calibrationChecks: [CalibrationCheck]
    public var quantisation: Quantisation
    public var verification: DecisionRates
    public var deduplication: DeduplicationCheck
    public var policy: FusionPolicy
    public var timing: Timing
    public var search: [SearchLatency]
}
