import Dispatch
import Foundation

/// Seeded impressions of many synthetic fingers for evaluation, calibration and benchmarks, each
/// made the honest way: generated as an ISO/IEC 19794-2 record, encoded to bytes, decoded again and
/// preprocessed. Which finger an impression came from is known only as its position in the result.
public struct SyntheticImpressionSet: Sendable {
    /// Seed of the whole set.
    public var seed: UInt64
    /// How the impressions vary.
    public var variation: ImpressionVariation
    /// Finger positions given to the fingers in turn: finger i is `positions[i % positions.count]`.
    public var positions: [FingerPosition]

    public init(seed: UInt64, variation: ImpressionVariation = ImpressionVariation(),
                positions: [FingerPosition] = [.rightIndex]) {
        precondition(!positions.isEmpty)
        self.seed = seed
        self.variation = variation
        self.positions = positions
    }

    /// The `index`-th synthetic finger of the set.
    public func finger(_ index: Int) -> SyntheticFingerprint {
        SyntheticFingerprint(seed: Self.mix(seed, UInt64(index), 0xF1), position: positions[index % positions.count])
    }

    /// The ISO/IEC 19794-2 record of impression `impression` of finger `index`.
    public func record(finger index: Int, impression: Int) -> [UInt8] {
        let template = finger(index).template(seed: Self.mix(seed, UInt64(index), UInt64(impression) &+ 0x1000),
                                              variation: variation)
        // Generated templates are valid by construction; a failure here is a generator bug.
        do { return try template.isoRecord() } catch { preconditionFailure("synthetic record does not encode: \(error)") }
    }

    /// Match-ready templates: `result[i][j]` is impression j of finger `fingers.lowerBound + i`,
    /// made through ISO bytes. Built on `threads` threads.
    public func templates(fingers: Range<Int>, impressions: Int, threads: Int? = nil) -> [[FingerprintTemplate]] {
        let count = fingers.count
        let results = IndexedResults<[FingerprintTemplate]>(count: count)
        let chunks = max(1, min(count, (threads ?? ProcessInfo.processInfo.activeProcessorCount) * 8))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for offset in stride(from: chunk, to: count, by: chunks) {
                let index = fingers.lowerBound + offset
                let templates = (0 ..< impressions).map { impression in
                    let bytes = record(finger: index, impression: impression)
                    do {
                        return try FingerprintTemplate.templates(of: MinutiaeTemplate(decoding: bytes))[0]
                    } catch {
                        preconditionFailure("synthetic record does not decode: \(error)")
                    }
                }
                results.set(offset, templates)
            }
        }
        return results.values()
    }

    static func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ (c &* 0xC2B2_AE3D_27D4_EB4F))
        return generator.next()
    }
}
