internal import Foundation

/// A face embedding: the fixed-length float vector the capture SDK computes from a face image.
///
/// Two file encodings are read (the caller says which):
/// - `.float32LittleEndian`: the raw vector, IEEE 754 binary32 values, little-endian, no header;
///   a 512-value embedding is exactly 2048 bytes.
/// - `.jsonArray`: a JSON array of numbers such as `[0.0123, -0.0456, …]`, read as doubles then
///   rounded to float32 (values beyond float32 range become infinite and are then refused by the gate).
public struct FaceEmbedding: Sendable, Hashable {
    /// How the embedding file is encoded.
    public enum Encoding: String, Sendable, Hashable, CaseIterable {
        case float32LittleEndian
        case jsonArray
    }

    /// The vector.
    public var values: [Float]

    public init(values: [Float]) {
        self.values = values
    }

    /// Reads an embedding file.
    public init<Bytes: Collection>(decoding bytes: Bytes, encoding: Encoding) throws(FaceEmbeddingError)
        where Bytes.Element == UInt8
    {
        let data = Array(bytes)
        guard !data.isEmpty else { throw .empty }
        switch encoding {
        case .float32LittleEndian:
            guard data.count % 4 == 0 else { throw .byteCountNotMultipleOfFour(data.count) }
            values = stride(from: 0, to: data.count, by: 4).map { offset in
                Float(bitPattern: UInt32(data[offset]) | UInt32(data[offset + 1]) << 8
                    | UInt32(data[offset + 2]) << 16 | UInt32(data[offset + 3]) << 24)
            }
        case .jsonArray:
            let numbers: [Double]
            do {
                numbers = try JSONDecoder().decode([Double].self, from: Data(data))
            } catch {
                throw .invalidJSON(Self.summary(of: error))
            }
            guard !numbers.isEmpty else { throw .empty }
            values = numbers.map { Float($0) }
        }
    }

    /// The Euclidean (L2) norm, accumulated in double precision.
    public var l2Norm: Double {
        values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    }

    /// This vector scaled to unit L2 norm, or nil if the norm is zero or not finite.
    public func normalised() -> FaceEmbedding? {
        let norm = l2Norm
        guard norm.isFinite, norm > 0 else { return nil }
        return FaceEmbedding(values: values.map { Float(Double($0) / norm) })
    }

    /// The `.float32LittleEndian` encoding of this vector.
    public func float32LittleEndianBytes() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 4)
        for value in values {
            let bits = value.bitPattern
            bytes += [UInt8(bits & 0xFF), UInt8(bits >> 8 & 0xFF), UInt8(bits >> 16 & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }

    private static func summary(of error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined()
            return path.isEmpty ? "not valid JSON or not an array" : "element \(path) is not a number"
        default:
            return "not valid JSON"
        }
    }
}
