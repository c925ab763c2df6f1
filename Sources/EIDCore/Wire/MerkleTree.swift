/// A hash function over bytes (SHA-256 in production, supplied by the caller so
/// this module stays free of C and I/O).
public typealias HashFunction = @Sendable ([UInt8]) -> [UInt8]

/// The Merkle tree hash of RFC 6962 §2.1 (Certificate Transparency): leaves are
/// hashed as `H(0x00 || data)`, interior nodes as `H(0x01 || left || right)`, and a
/// list of n > 1 items splits at k, the largest power of two below n.
///
/// Domain separation of leaves and nodes means a leaf can never be passed off as an
/// interior node; the split rule means no item is duplicated to fill the tree.
public enum MerkleTree {
    /// The byte prepended to a leaf's data before hashing.
    public static let leafPrefix: UInt8 = 0x00
    /// The byte prepended to two child hashes before hashing.
    public static let nodePrefix: UInt8 = 0x01

    /// The root over `leaves` (at least one).
    public static func root(leaves: [[UInt8]], hash: HashFunction) -> [UInt8] {
        precondition(!leaves.isEmpty, "a Merkle tree needs at least one leaf")
        let leafHashes = leaves.map { hash([leafPrefix] + $0) }
        return root(ofLeafHashes: leafHashes[...], hash: hash)
    }

    /// The leaf hash `H(0x00 || data)`.
    public static func leafHash(_ data: [UInt8], hash: HashFunction) -> [UInt8] {
        hash([leafPrefix] + data)
    }

    /// The root over already-computed leaf hashes.
    public static func root(ofLeafHashes hashes: ArraySlice<[UInt8]>, hash: HashFunction) -> [UInt8] {
        if hashes.count == 1 { return hashes.first! }
        var split = 1
        while split * 2 < hashes.count { split *= 2 }
        let left = root(ofLeafHashes: hashes.prefix(split), hash: hash)
        let right = root(ofLeafHashes: hashes.dropFirst(split), hash: hash)
        return hash([nodePrefix] + left + right)
    }
}
