import Foundation
import Testing
@testable import EIDCrypto

@Suite struct SealedBoxTests {
    static let context = "eid.enrollment.v1"

    @Test(arguments: [0, 1, 100, 100_000])
    func roundTrip(size: Int) throws {
        let recipient = try X25519PrivateKey.generate()
        let plaintext = SecureRandom.bytes(count: size)
        let aad = Array("applicant 0001".utf8)
        let box = try SealedBox.seal(plaintext, to: recipient.publicKey, context: Self.context, authenticating: aad)
        #expect(box.count == size + SealedBox.overhead)
        #expect(SealedBox.overhead == 61)
        #expect(box[0] == 1)
        #expect(try SealedBox.open(box, with: recipient, context: Self.context, authenticating: aad) == plaintext)
    }

    @Test func layoutMatchesTheDocumentedDerivation() throws {
        // Rebuild the key from the documented layout with OpenSSL pieces and open by hand.
        let recipient = try X25519PrivateKey.generate()
        let plaintext = Array("Nguyen Van A, passport B1234567".utf8)
        let box = try SealedBox.seal(plaintext, to: recipient.publicKey, context: Self.context)
        let ephemeral = try X25519PublicKey(rawRepresentation: Array(box[1..<33]))
        let nonce = Array(box[33..<45]), ciphertext = Array(box[45..<(box.count - 16)]), tag = Array(box.suffix(16))
        let info = Array("eid-sealed-box-v1".utf8) + ephemeral.rawRepresentation
            + recipient.publicKey.rawRepresentation + Array(Self.context.utf8)
        let key = try HKDFSHA256.deriveKey(
            inputKeyMaterial: recipient.sharedSecret(with: ephemeral), info: info, outputByteCount: 32)
        let opened = try AES256GCM.open(
            AES256GCM.SealedMessage(nonce: nonce, ciphertext: ciphertext, tag: tag), key: key,
            authenticating: [1] + ephemeral.rawRepresentation)
        #expect(opened == plaintext)
    }

    @Test func keyDerivationReproducibleWithOpenSSLCLI() throws {
        try withTemporaryDirectory { (dir) throws in
            #expect(try openssl(["genpkey", "-algorithm", "x25519", "-out", "sealing.key"], in: dir).succeeded)
            let recipient = try X25519PrivateKey(pemRepresentation: dir.readText("sealing.key"))
            let plaintext = Array("portrait + minutiae".utf8)
            let box = try SealedBox.seal(plaintext, to: recipient.publicKey, context: Self.context)
            let ephemeral = try X25519PublicKey(rawRepresentation: Array(box[1..<33]))
            try dir.write(ephemeral.pemRepresentation, to: "eph.pub")
            let shared = try openssl(["pkeyutl", "-derive", "-inkey", "sealing.key", "-peerkey", "eph.pub"], in: dir)
            #expect(shared.succeeded, "\(shared)")
            let info = Hex.encode(Array("eid-sealed-box-v1".utf8)) + Hex.encode(box[1..<33])
                + Hex.encode(recipient.publicKey.rawRepresentation) + Hex.encode(Array(Self.context.utf8))
            let kdf = try openssl([
                "kdf", "-keylen", "32", "-kdfopt", "digest:SHA256", "-kdfopt", "hexkey:" + Hex.encode(shared.stdout),
                "-kdfopt", "hexinfo:" + info, "HKDF",
            ], in: dir)
            #expect(kdf.succeeded, "\(kdf)")
            let key = try Hex.decode(kdf.output.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: ":", with: ""))
            let opened = try AES256GCM.open(
                AES256GCM.SealedMessage(nonce: Array(box[33..<45]), ciphertext: Array(box[45..<(box.count - 16)]), tag: Array(box.suffix(16))),
                key: key, authenticating: Array(box[0..<33]))
            #expect(opened == plaintext)
        }
    }

    @Test func ephemeralKeyAndNonceDifferEveryTime() throws {
        let recipient = try X25519PrivateKey.generate()
        let a = try SealedBox.seal([1, 2, 3], to: recipient.publicKey, context: Self.context)
        let b = try SealedBox.seal([1, 2, 3], to: recipient.publicKey, context: Self.context)
        #expect(a[1..<33] != b[1..<33])
        #expect(a[33..<45] != b[33..<45])
        #expect(a != b)
    }

    /// Positions in a box with a 20-byte plaintext: header, ephemeral key, nonce, ciphertext, tag.
    @Test(arguments: [1, 2, 17, 32, 33, 38, 44, 45, 55, 64, 65, 72, 80])
    func flippedByteIsRefused(position: Int) throws {
        let recipient = try X25519PrivateKey.generate()
        var box = try SealedBox.seal(SecureRandom.bytes(count: 20), to: recipient.publicKey, context: Self.context)
        #expect(box.count == 81)
        box[position] ^= 0x01
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(box, with: recipient, context: Self.context)
        }
    }

    @Test func wrongVersionIsRefused() throws {
        let recipient = try X25519PrivateKey.generate()
        var box = try SealedBox.seal([7], to: recipient.publicKey, context: Self.context)
        box[0] = 2
        #expect(throws: CryptoError.unsupportedVersion(2)) { try SealedBox.open(box, with: recipient, context: Self.context) }
        box[0] = 0
        #expect(throws: CryptoError.unsupportedVersion(0)) { try SealedBox.open(box, with: recipient, context: Self.context) }
    }

    @Test func wrongRecipientContextOrAssociatedDataIsRefused() throws {
        let recipient = try X25519PrivateKey.generate()
        let aad = Array("node-hn-01/batch/9".utf8)
        let box = try SealedBox.seal(Array("secret".utf8), to: recipient.publicKey, context: Self.context, authenticating: aad)
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(box, with: X25519PrivateKey.generate(), context: Self.context, authenticating: aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(box, with: recipient, context: "eid.biometric.v1", authenticating: aad)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(box, with: recipient, context: Self.context, authenticating: Array("node-hn-01/batch/8".utf8))
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(box, with: recipient, context: Self.context)
        }
        #expect(try SealedBox.open(box, with: recipient, context: Self.context, authenticating: aad) == Array("secret".utf8))
    }

    @Test func truncatedInputIsRefused() throws {
        let recipient = try X25519PrivateKey.generate()
        let box = try SealedBox.seal(Array("twelve bytes".utf8), to: recipient.publicKey, context: Self.context)
        for length in [0, 1, 33, 45, 60] {
            #expect(throws: CryptoError.truncated(what: "sealed box", minimum: 61, actual: length)) {
                try SealedBox.open(Array(box.prefix(length)), with: recipient, context: Self.context)
            }
        }
        // Long enough to parse, but a byte short: the tag no longer matches.
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(Array(box.dropLast()), with: recipient, context: Self.context)
        }
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(Array(box.dropLast(12)), with: recipient, context: Self.context)
        }
    }

    @Test func lowOrderEphemeralKeyIsRefused() throws {
        let recipient = try X25519PrivateKey.generate()
        var box = try SealedBox.seal([1, 2, 3], to: recipient.publicKey, context: Self.context)
        for index in 1..<33 { box[index] = 0 }  // the all-zero point: X25519 output is all zeros
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(box, with: recipient, context: Self.context) }
    }
}
