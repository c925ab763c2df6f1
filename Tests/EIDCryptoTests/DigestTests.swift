import Foundation
import Testing
import EIDCrypto

@Suite struct DigestTests {
    @Test func sha256KnownVectors() {
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA256.hash([UInt8]()))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Hex.encode(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256MatchesOpenSSLDgst() throws {
        try withTemporaryDirectory { (dir) throws in
            let data = SecureRandom.bytes(count: 1_000_003)
            try dir.write(data, to: "blob")
            let result = try openssl(["dgst", "-sha256", "-r", "blob"], in: dir)
            #expect(result.succeeded, "\(result)")
            let expected = String(result.output.split(separator: " ").first ?? "")
            #expect(Hex.encode(SHA256.hash(data)) == expected)
            // A non-contiguous collection takes the copying path and agrees.
            let prefix = Array(data.prefix(1000))
            #expect(SHA256.hash(prefix.lazy.map { $0 }) == SHA256.hash(prefix))
            let hasher = SHA256Hasher()
            var offset = 0
            for size in [0, 1, 63, 64, 65, 4096, 999_999] where offset < data.count {
                let end = min(offset + size, data.count)
                hasher.update(data[offset..<end])
                offset = end
            }
            hasher.update(data[offset...])
            #expect(Hex.encode(hasher.finalize()) == expected)
        }
    }

    @Test func hexRoundTripAndRejects() throws {
        #expect(Hex.encode([0x00, 0xde, 0xad, 0xBE, 0xef, 0xff]) == "00deadbeefff")
        #expect(try Hex.decode("00DEADbeefFF") == [0x00, 0xde, 0xad, 0xbe, 0xef, 0xff])
        #expect(try Hex.decode("") == [])
        #expect(throws: CryptoError.invalidHex("abc")) { try Hex.decode("abc") }
        #expect(throws: CryptoError.invalidHex("zz")) { try Hex.decode("zz") }
    }

    @Test func secureRandom() {
        #expect(SecureRandom.bytes(count: 0).isEmpty)
        let a = SecureRandom.bytes(count: 32), b = SecureRandom.bytes(count: 32)
        #expect(a.count == 32 && b.count == 32)
        #expect(a != b)
    }

    @Test func hkdfRFC5869TestCase1AndOpenSSLKdf() throws {
        let ikm = [UInt8](repeating: 0x0b, count: 22)
        let salt = try Hex.decode("000102030405060708090a0b0c")
        let info = try Hex.decode("f0f1f2f3f4f5f6f7f8f9")
        let okm = try HKDFSHA256.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: 42)
        #expect(Hex.encode(okm) == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
        try withTemporaryDirectory { (dir) throws in
            let result = try openssl([
                "kdf", "-keylen", "42", "-kdfopt", "digest:SHA256", "-kdfopt", "hexkey:" + Hex.encode(ikm),
                "-kdfopt", "hexsalt:" + Hex.encode(salt), "-kdfopt", "hexinfo:" + Hex.encode(info), "HKDF",
            ], in: dir)
            #expect(result.succeeded, "\(result)")
            #expect(result.output.trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: ":", with: "").lowercased() == Hex.encode(okm))
        }
    }

    @Test func aesGCMKnownAnswers() throws {
        // McGrew & Viega GCM spec, test cases 13 and 14 (AES-256, zero key and IV).
        let key = [UInt8](repeating: 0, count: 32), nonce = [UInt8](repeating: 0, count: 12)
        let empty = try AES256GCM.seal([UInt8](), key: key, nonce: nonce)
        #expect(empty.ciphertext.isEmpty)
        #expect(Hex.encode(empty.tag) == "530f8afbc74536b9a963b4f1c4cb738b")
        let block = try AES256GCM.seal([UInt8](repeating: 0, count: 16), key: key, nonce: nonce)
        #expect(Hex.encode(block.ciphertext) == "cea7403d4d606b6e074ec5d3baf39d18")
        #expect(Hex.encode(block.tag) == "d0d1c8a799996bf0265b98b5d48ab919")
        #expect(try AES256GCM.open(block, key: key) == [UInt8](repeating: 0, count: 16))
    }

    @Test func aesGCMRoundTripAndRefusals() throws {
        let key = SecureRandom.bytes(count: 32)
        let message = Array("personal data".utf8), aad = Array("header".utf8)
        let sealed = try AES256GCM.seal(message, key: key, authenticating: aad)
        #expect(try AES256GCM.open(AES256GCM.SealedMessage(combined: sealed.combined), key: key, authenticating: aad) == message)
        #expect(throws: CryptoError.authenticationFailed) { try AES256GCM.open(sealed, key: key) }
        #expect(throws: CryptoError.authenticationFailed) {
            try AES256GCM.open(sealed, key: SecureRandom.bytes(count: 32), authenticating: aad)
        }
        var tampered = sealed
        tampered.ciphertext[0] ^= 1
        #expect(throws: CryptoError.authenticationFailed) { try AES256GCM.open(tampered, key: key, authenticating: aad) }
        #expect(throws: CryptoError.invalidLength(what: "AES-256-GCM key", expected: 32, actual: 16)) {
            try AES256GCM.seal(message, key: Array(key.prefix(16)))
        }
        #expect(throws: CryptoError.truncated(what: "AES-256-GCM message", minimum: 28, actual: 27)) {
            try AES256GCM.SealedMessage(combined: [UInt8](repeating: 0, count: 27))
        }
    }
}
