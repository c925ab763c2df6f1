import Dispatch
import Foundation

/// Measures the score calibration: impostor comparisons between impressions of different synthetic
/// fingers, scored by the matcher from their ISO template bytes, and the raw score each false-match
/// rate corresponds to. `eid bio calibrate` runs it at full size and prints the table that goes
/// into `FingerprintScoreCalibration.table`; a test runs it small to check the table still holds.
public struct FingerprintCalibrationRun: Sendable {
    /// Synthetic fingers (two impressions each).
    public var fingers: Int
    /// Impostor comparisons per finger (against the next fingers of the set, wrapping round).
    public var impostorsPerFinger: Int
    public var seed: UInt64

    public init(fingers: Int, impostorsPerFinger: Int, seed: UInt64 = 0xCA11_B8A7) {
        precondition(fingers >= 2 && impostorsPerFinger >= 1)
        self.fingers = fingers
        self.impostorsPerFinger = min(impostorsPerFinger, fingers - 1)
        self.seed = seed
    }

    /// What a run found.
    public struct Result: Sendable {
        /// Raw impostor scores, ascending.
        public var impostorRawScores: [Double]
        /// Calibrated impostor scores (with the table in force), ascending.
        public var impostorScores: [Double]
        /// (raw, calibrated) points measured: the raw score reached by a fraction 10^(−s/10) of impostors.
        public var table: [(raw: Double, score: Double)]
        /// Score units per raw unit beyond the table: the least-squares slope of its last 20 points.
        public var tailSlope: Double
    }

    public func run(threads: Int? = nil) -> Result {
        let set = SyntheticImpressionSet(seed: seed)
        let templates = set.templates(fingers: 0 ..< fingers, impressions: 2, threads: threads)
        let chunks = max(1, min(fingers, (threads ?? ProcessInfo.processInfo.activeProcessorCount) * 8))
        let results = IndexedResults<[Double]>(count: chunks)
        let perFinger = impostorsPerFinger, count = fingers
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var scores: [Double] = []
            for probe in stride(from: chunk, to: count, by: chunks) {
                let matcher = FingerprintMatcher(probe: templates[probe][0])
                for step in 1 ... perFinger {
                    scores.append(matcher.rawScore(templates[(probe + step) % count][1]))
                }
            }
            results.set(chunk, scores)
        }
        let raw = results.values().flatMap { $0 }.sorted()
        let table = Self.table(fromImpostorScores: raw)
        return Result(impostorRawScores: raw, impostorScores: raw.map(FingerprintScoreCalibration.score(raw:)),
                      table: table, tailSlope: Self.tailSlope(of: table))
    }

    /// Calibration points from ascending raw impostor scores: for s = 0, 1, 2, ... the raw score
    /// reached by a fraction 10^(−s/10) of them, while at least 20 scores lie at or above it (fewer
    /// make the point too noisy).
    public static func table(fromImpostorScores sorted: [Double]) -> [(raw: Double, score: Double)] {
        var table: [(raw: Double, score: Double)] = [(0, 0)]
        var level = 1
        while true {
            let rate = pow(10, -Double(level) / 10)
            let above = Int((rate * Double(sorted.count)).rounded())
            guard above >= 20 else { break }
            let raw = sorted[sorted.count - above]
            if raw > table[table.count - 1].raw { table.append((raw, Double(level))) }
            level += 1
        }
        return table
    }

    /// The least-squares slope (score per raw unit) through the last 20 points of `table`.
    public static func tailSlope(of table: [(raw: Double, score: Double)]) -> Double {
        let tail = table.suffix(20)
        guard tail.count >= 2 else { return 1 }
        let meanRaw = tail.map(\.raw).reduce(0, +) / Double(tail.count)
        let meanScore = tail.map(\.score).reduce(0, +) / Double(tail.count)
        let covariance = tail.map { ($0.raw - meanRaw) * ($0.score - meanScore) }.reduce(0, +)
        let variance = tail.map { ($0.raw - meanRaw) * ($0.raw - meanRaw) }.reduce(0, +)
        return variance > 0 ? covariance / variance : 1
    }
}
