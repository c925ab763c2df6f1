/// Why bytes could not be read as a face embedding at all. (Wrong length, non-finite values and a
/// norm far from 1 are judged by `BiometricQualityGate`, which reports them together.)
public enum FaceEmbeddingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No bytes, or an empty JSON array.
    case empty
    /// A binary embedding whose size is not a whole number of 4-byte floats.
    case byteCountNotMultipleOfFour(Int)
    /// Not a JSON array of numbers.
    case invalidJSON(String)

    public var description: String {
        switch self {
        case .empty:
            "the embedding is empty"
        case .byteCountNotMultipleOfFour(let count):
            "the binary embedding has \(count) bytes, not a whole number of 4-byte float32 values"
        case .invalidJSON(let reason):
            "the embedding is not a JSON array of numbers (\(reason))"
        }
    }
}
