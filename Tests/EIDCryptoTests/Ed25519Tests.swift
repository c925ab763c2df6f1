import Foundation
import Testing
import EIDCrypto

@Suite struct Ed25519Tests {
    @Test func rfc8032TestVector1() throws {
        let key = try Ed25519PrivateKey(rawRepresentation: Hex.decode(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        #expect(Hex.encode(key.publicKey.rawRepresentation)
            == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = try key.signature(for: [UInt8]())
        #expect(Hex.encode(signature) == "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(key.publicKey.isValidSignature(signature, for: [UInt8]()))
        #expect(try key.rawRepresentation == Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    }

    @Test func ourSignatureVerifiesInOpenSSL() throws {
        try withTemporaryDirectory { (dir) throws in
            let key = try Ed25519PrivateKey.generate()
            let message = Array("batch 42 of node-hn-01".utf8)
            try dir.write(key.publicKey.pemRepresentation, to: "pub.pem")
            try dir.write(message, to: "msg")
            try dir.write(try key.signature(for: message), to: "sig")
            let ok = try openssl(["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg", "-sigfile", "sig"], in: dir)
            #expect(ok.succeeded, "\(ok)")
            #expect(ok.output.contains("Signature Verified Successfully"))

            try dir.write(Array("batch 43 of node-hn-01".utf8), to: "msg2")
            let bad = try openssl(["pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg2", "-sigfile", "sig"], in: dir)
            #expect(!bad.succeeded)
            #expect(bad.output.contains("Signature Verification Failure"), "\(bad)")
        }
    }

    @Test func openSSLKeyAndSignatureWorkHere() throws {
        try withTemporaryDirectory { (dir) throws in
            #expect(try openssl(["genpkey", "-algorithm", "ed25519", "-out", "key.pem"], in: dir).succeeded)
            #expect(try openssl(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: dir).succeeded)
            let message = Array("receipt for batch 7".utf8)
            try dir.write(message, to: "msg")
            let signed = try openssl(["pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-in", "msg", "-out", "sig"], in: dir)
            #expect(signed.succeeded, "\(signed)")

            let key = try Ed25519PrivateKey(pemRepresentation: dir.readText("key.pem"))
            let publicKey = try Ed25519PublicKey(pemRepresentation: dir.readText("pub.pem"))
            #expect(key.publicKey == publicKey)
            // Byte-identical encodings both ways.
            #expect(try key.pemRepresentation == dir.readText("key.pem"))
            #expect(publicKey.pemRepresentation == (try dir.readText("pub.pem")))

            let signature = try dir.read("sig")
            #expect(publicKey.isValidSignature(signature, for: message))
            #expect(try key.signature(for: message) == signature)  // Ed25519 is deterministic

            var tampered = signature
            tampered[10] ^= 0x01
            #expect(!publicKey.isValidSignature(tampered, for: message))
            #expect(!publicKey.isValidSignature(signature, for: message + [0]))
            #expect(!publicKey.isValidSignature(signature.dropLast(), for: message))
            #expect(!publicKey.isValidSignature([UInt8](), for: message))
        }
    }

    @Test func ourKeyLoadsInOpenSSL() throws {
        try withTemporaryDirectory { (dir) throws in
            let key = try Ed25519PrivateKey.generate()
            let pem = try key.pemRepresentation
            #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            try dir.write(pem, to: "key.pem")
            let pub = try openssl(["pkey", "-in", "key.pem", "-pubout"], in: dir)
            #expect(pub.succeeded, "\(pub)")
            #expect(pub.output == key.publicKey.pemRepresentation)
            let text = try openssl(["pkey", "-in", "key.pem", "-noout", "-text"], in: dir)
            #expect(text.output.contains("ED25519 Private-Key"))

            let raw = try key.rawRepresentation
            #expect(raw.count == 32)
            let reloaded = try Ed25519PrivateKey(rawRepresentation: raw)
            #expect(reloaded.publicKey == key.publicKey)
            #expect(try Ed25519PublicKey(rawRepresentation: key.publicKey.rawRepresentation) == key.publicKey)
        }
    }

    @Test func rejectsWrongKeyTypesAndLengths() throws {
        let x25519 = try X25519PrivateKey.generate()
        #expect(throws: CryptoError.wrongKeyType(expected: "Ed25519", actual: "X25519")) {
            try Ed25519PrivateKey(pemRepresentation: x25519.pemRepresentation)
        }
        #expect(throws: CryptoError.wrongKeyType(expected: "Ed25519", actual: "X25519")) {
            try Ed25519PublicKey(pemRepresentation: x25519.publicKey.pemRepresentation)
        }
        #expect(throws: CryptoError.invalidLength(what: "Ed25519 private key", expected: 32, actual: 31)) {
            try Ed25519PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31))
        }
        do {
            _ = try Ed25519PrivateKey(pemRepresentation: "-----BEGIN PRIVATE KEY-----\nnot base64\n-----END PRIVATE KEY-----\n")
            Issue.record("garbage PEM was accepted")
        } catch let error as OpenSSLError {
            #expect(error.function == "PEM_read_bio_PrivateKey")
            #expect(!error.messages.isEmpty)
        }
    }

    @Test func encryptedPEMFailsInsteadOfPrompting() throws {
        try withTemporaryDirectory { (dir) throws in
            #expect(try openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", "enc.pem"], in: dir).succeeded)
            #expect(throws: OpenSSLError.self) { try Ed25519PrivateKey(pemRepresentation: dir.readText("enc.pem")) }
        }
    }
}
