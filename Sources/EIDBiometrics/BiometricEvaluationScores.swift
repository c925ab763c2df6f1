/// The raw genuine and impostor scores behind a `BiometricEvaluationReport`, per system, for DET plots
/// and for checking the error rates with other tools.
public struct BiometricEvaluationScores: Sendable {
    public struct System: Sendable {
        /// As in the report.
        public var name: String
        /// A file-name stem (`face`, `finger`, `fingerprints`, `fused`, …).
        public var stem: String
        public var genuine: [Double]
        public var impostor: [Double]
        /// Where the policy's threshold puts this system on its DET curve, if it has one.
        public var operatingThreshold: Double?
    }

    public var systems: [System]
}
