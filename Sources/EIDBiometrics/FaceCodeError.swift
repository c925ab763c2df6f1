/// Why a face embedding could not be turned into a `FaceEmbeddingCode`, or stored code bytes could not be read.
public enum FaceCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The vector's length is not the one the gallery or code expects.
    case dimensionMismatch(expected: Int, actual: Int)
    /// A component is NaN or infinite (the first such index).
    case nonFinite(index: Int)
    /// Every component is zero: the vector has no direction.
    case zeroVector
    /// Stored code bytes of the wrong size for the dimension.
    case badStoredLength(expected: Int, actual: Int)
    /// Stored code bytes whose scale is not a positive finite number.
    case badStoredScale

    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual):
            "the face embedding has \(actual) values, expected \(expected)"
        case .nonFinite(let index):
            "the face embedding has a value that is not a finite number at index \(index)"
        case .zeroVector:
            "the face embedding is all zeros"
        case .badStoredLength(let expected, let actual):
            "stored face code has \(actual) bytes, expected \(expected)"
        case .badStoredScale:
            "stored face code has a scale that is not a positive finite number"
        }
    }
}
