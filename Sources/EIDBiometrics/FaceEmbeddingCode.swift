/// A face embedding stored compactly for matching: the unit vector's components quantised to int8
/// with one scale per vector (4 bytes + one byte per component: 516 bytes for 512 values, a quarter
/// of float32).
///
/// Quantisation: `q[i] = round(127 · x[i] / max|x|)` of the unit-normalised vector. The stored
/// `scale` is `1 / ‖q‖`, so `similarity` = `dot(q_a, q_b) · scale_a · scale_b` is exactly the cosine of
/// the two quantised vectors; the error against float32 cosine is measured by `eid bio eval`
/// (docs/biometrics.md: about 10⁻³ at most, far below the spread of genuine or impostor scores).
public struct FaceEmbeddingCode: Sendable, Hashable {
    /// The quantised components (−127...127).
    public let components: [Int8]
    /// `1 / ‖components‖`.
    public let scale: Float

    /// Quantises an embedding (any non-zero length; only its direction matters).
    public init(_ embedding: FaceEmbedding) throws(FaceCodeError) {
        try self.init(values: embedding.values)
    }

    /// Quantises a vector (any non-zero length; only its direction matters).
    public init(values: [Float]) throws(FaceCodeError) {
        var largest: Float = 0
        var poison: Float = 0  // becomes NaN if any value is NaN or infinite (∞ · 0 = NaN)
        for value in values {
            largest = max(largest, abs(value))
            poison += value * 0
        }
        guard poison == 0 else {
            throw .nonFinite(index: values.firstIndex { !$0.isFinite } ?? 0)
        }
        guard largest > 0 else { throw .zeroVector }
        let step = 127 / largest
        var components = [Int8](repeating: 0, count: values.count)
        var squares: Int64 = 0
        for index in values.indices {
            let q = Int8(max(-127, min(127, (values[index] * step).rounded())))
            components[index] = q
            squares += Int64(q) * Int64(q)
        }
        // The largest component always quantises to ±127, so squares > 0.
        self.components = components
        scale = Float(1 / Double(squares).squareRoot())
    }

    /// Reads a code stored as `storedBytes` (scale as little-endian float32, then the components).
    public init<Bytes: Collection>(storedBytes bytes: Bytes, dimension: Int) throws(FaceCodeError) where Bytes.Element == UInt8 {
        let data = Array(bytes)
        guard data.count == dimension + 4 else { throw .badStoredLength(expected: dimension + 4, actual: data.count) }
        let scale = Float(bitPattern: UInt32(data[0]) | UInt32(data[1]) << 8 | UInt32(data[2]) << 16 | UInt32(data[3]) << 24)
        guard scale.isFinite, scale > 0 else { throw .badStoredScale }
        self.scale = scale
        components = data[4...].map { Int8(bitPattern: $0) }
    }

    init(components: [Int8], scale: Float) {
        self.components = components
        self.scale = scale
    }

    /// Vector length.
    public var dimension: Int { components.count }

    /// The stored form: scale (little-endian float32), then one byte per component.
    public var storedBytes: [UInt8] {
        let bits = scale.bitPattern
        return [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
            + components.map { UInt8(bitPattern: $0) }
    }

    /// Cosine similarity (−1...1) with another code of the same dimension.
    public func similarity(to other: FaceEmbeddingCode) -> Float {
        precondition(other.dimension == dimension, "face codes of different dimensions")
        return Float(Self.dot(components, 0, other.components, 0, count: dimension)) * scale * other.scale
    }

    /// Integer dot product of `count` components of `a` from `aStart` and of `b` from `bStart`
    /// (the inner loop of every face comparison; the compiler vectorises it).
    @inline(__always)
    static func dot(_ a: [Int8], _ aStart: Int, _ b: [Int8], _ bStart: Int, count: Int) -> Int32 {
        precondition(aStart >= 0 && bStart >= 0 && aStart + count <= a.count && bStart + count <= b.count)
        var sum: Int32 = 0
        for offset in 0 ..< count {
            sum &+= Int32(a[aStart + offset]) &* Int32(b[bStart + offset])
        }
        return sum
    }
}

extension FaceEmbedding {
    /// Cosine similarity in float32 (accumulated in double), the reference the int8 code is measured against.
    public func cosineSimilarity(to other: FaceEmbedding) -> Double {
        precondition(values.count == other.values.count, "face embeddings of different lengths")
        var dot = 0.0, a = 0.0, b = 0.0
        for index in values.indices {
            let x = Double(values[index]), y = Double(other.values[index])
            dot += x * y
            a += x * x
            b += y * y
        }
        guard a > 0, b > 0 else { return 0 }
        return dot / (a * b).squareRoot()
    }
}
