import Foundation
import Testing
@testable import EIDCrypto

@Suite struct X25519Tests {
    @Test func openSSLKeysLoadAndAgree() throws {
        try withTemporaryDirectory { (dir) throws in
            #expect(try openssl(["genpkey", "-algorithm", "x25519", "-out", "a.pem"], in: dir).succeeded)
            #expect(try openssl(["pkey", "-in", "a.pem", "-pubout", "-out", "a.pub"], in: dir).succeeded)
            let a = try X25519PrivateKey(pemRepresentation: dir.readText("a.pem"))
            #expect(a.publicKey == (try X25519PublicKey(pemRepresentation: dir.readText("a.pub"))))
            #expect(try a.pemRepresentation == dir.readText("a.pem"))

            // Our key the other way, and the ECDH output against `openssl pkeyutl -derive`.
            let b = try X25519PrivateKey.generate()
            try dir.write(b.pemRepresentation, to: "b.pem")
            try dir.write(b.publicKey.pemRepresentation, to: "b.pub")
            let pub = try openssl(["pkey", "-in", "b.pem", "-pubout"], in: dir)
            #expect(pub.output == b.publicKey.pemRepresentation)
            let derived = try openssl(["pkeyutl", "-derive", "-inkey", "a.pem", "-peerkey", "b.pub"], in: dir)
            #expect(derived.succeeded, "\(derived)")
            #expect(try a.sharedSecret(with: b.publicKey) == derived.stdout)
            #expect(try b.sharedSecret(with: a.publicKey) == derived.stdout)
        }
    }

    @Test func rawRoundTrip() throws {
        let key = try X25519PrivateKey.generate()
        let again = try X25519PrivateKey(rawRepresentation: key.rawRepresentation)
        #expect(again.publicKey == key.publicKey)
        #expect(try X25519PublicKey(rawRepresentation: key.publicKey.rawRepresentation) == key.publicKey)
        #expect(throws: CryptoError.wrongKeyType(expected: "X25519", actual: "ED25519")) {
            try X25519PrivateKey(pemRepresentation: Ed25519PrivateKey.generate().pemRepresentation)
        }
    }
}

@Suite struct P256Tests {
    @Test func ourKeyAndSignatureWorkInOpenSSL() throws {
        try withTemporaryDirectory { (dir) throws in
            let key = try P256PrivateKey.generate()
            let pem = try key.pemRepresentation
            #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            try dir.write(pem, to: "key.pem")
            try dir.write(key.publicKey.pemRepresentation, to: "pub.pem")
            let text = try openssl(["pkey", "-in", "key.pem", "-noout", "-text"], in: dir)
            #expect(text.output.contains("NIST CURVE: P-256"), "\(text)")
            #expect(try openssl(["pkey", "-in", "key.pem", "-pubout"], in: dir).output == key.publicKey.pemRepresentation)

            let message = Array("tls transcript stand-in".utf8)
            try dir.write(message, to: "msg")
            try dir.write(key.signature(for: message), to: "sig")
            let verified = try openssl(["dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig", "msg"], in: dir)
            #expect(verified.succeeded && verified.output.contains("Verified OK"), "\(verified)")
        }
    }

    @Test func openSSLKeysLoadHere() throws {
        try withTemporaryDirectory { (dir) throws in
            #expect(try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "key.pem"], in: dir).succeeded)
            #expect(try openssl(["pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem"], in: dir).succeeded)
            let key = try P256PrivateKey(pemRepresentation: dir.readText("key.pem"))
            #expect(key.publicKey == (try P256PublicKey(pemRepresentation: dir.readText("pub.pem"))))
            try dir.write(Array("hello".utf8), to: "msg")
            #expect(try openssl(["dgst", "-sha256", "-sign", "key.pem", "-out", "sig", "msg"], in: dir).succeeded)
            #expect(key.publicKey.isValidSignature(try dir.read("sig"), for: Array("hello".utf8)))
            #expect(!key.publicKey.isValidSignature(try dir.read("sig"), for: Array("hellO".utf8)))

            // SEC1 "EC PRIVATE KEY" loads too, and is re-encoded as PKCS#8.
            #expect(try openssl(["ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", "sec1.pem"], in: dir).succeeded)
            #expect(try dir.readText("sec1.pem").hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
            let sec1 = try P256PrivateKey(pemRepresentation: dir.readText("sec1.pem"))
            #expect(try sec1.pemRepresentation.hasPrefix("-----BEGIN PRIVATE KEY-----"))

            // Other curves and algorithms are refused by name.
            #expect(try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "p384.pem"], in: dir).succeeded)
            #expect(throws: CryptoError.wrongKeyType(expected: "ECDSA P-256", actual: "EC (secp384r1)")) {
                try P256PrivateKey(pemRepresentation: dir.readText("p384.pem"))
            }
        }
    }
}
