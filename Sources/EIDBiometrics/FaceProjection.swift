/// A fixed random orthogonal projection of face embeddings: the reduced vector the coarse stage of
/// `FaceGallery` scans.
///
/// It is the subsampled randomized Hadamard transform (Ailon and Chazelle's fast Johnson–Lindenstrauss
/// transform): random sign flips `D`, a normalised Walsh–Hadamard transform `H` of the embedding
/// zero-padded to the next power of two, and a fixed random choice of `outputDimension` of the
/// resulting coordinates. `H·D` is orthogonal and spreads every direction evenly over the coordinates,
/// so like a dense random orthogonal matrix the kept coordinates' cosine estimates the full cosine with
/// spread ≈ √((1 − c²)/m) (m kept coordinates), but it costs O(d log d) additions (≈ 4,600 for 512
/// values) instead of O(m·d) multiplications. It depends only on the seed, so a gallery and its probes
/// always agree.
///
/// (With real SDK embeddings a PCA basis learned from enrolled vectors would keep more of the variance
/// in fewer coordinates; the synthetic embeddings are isotropic, where any rotation is as good.)
public struct FaceProjection: Sendable, Hashable {
    /// Length of the input embeddings.
    public let inputDimension: Int
    /// Coordinates kept.
    public let outputDimension: Int
    private let paddedDimension: Int
    private let signs: [Float]
    private let kept: [Int]

    public init(inputDimension: Int, outputDimension: Int, seed: UInt64 = 0x5EA2_C400_0000_0001) {
        var padded = 1
        while padded < inputDimension { padded <<= 1 }
        precondition(inputDimension > 0 && (1 ... padded).contains(outputDimension), "bad projection dimensions")
        self.inputDimension = inputDimension
        self.outputDimension = outputDimension
        paddedDimension = padded
        var random = SplitMix64(seed: seed)
        signs = (0 ..< padded).map { _ in random.next() & 1 == 0 ? 1 : -1 }
        // A random subset of the coordinates (partial Fisher–Yates), in increasing order.
        var order = Array(0 ..< padded)
        for index in 0 ..< outputDimension { order.swapAt(index, index + random.int(below: padded - index)) }
        kept = order.prefix(outputDimension).sorted()
    }

    /// The kept coordinates of the rotated vector (not renormalised).
    public func project(_ values: [Float]) -> [Float] {
        precondition(values.count == inputDimension, "projection input of the wrong length")
        var vector = [Float](repeating: 0, count: paddedDimension)
        for index in 0 ..< inputDimension { vector[index] = values[index] * signs[index] }
        Self.walshHadamard(&vector)
        return kept.map { vector[$0] }
    }

    /// In-place normalised fast Walsh–Hadamard transform (orthogonal: preserves the L2 norm).
    static func walshHadamard(_ vector: inout [Float]) {
        var span = vector.mutableSpan
        let count = span.count
        var half = 1
        while half < count {
            var start = 0
            while start < count {
                for index in start ..< start + half {
                    let a = span[index], b = span[index + half]
                    span[index] = a + b
                    span[index + half] = a - b
                }
                start += 2 * half
            }
            half <<= 1
        }
        let scale = 1 / Float(count).squareRoot()
        for index in 0 ..< count { span[index] *= scale }
    }
}
