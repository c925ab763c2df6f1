import Foundation
import Testing
import EIDCrypto

@Suite struct PEMFileTests {
    @Test func privateKeysAre0600AndPublicFiles0644() throws {
        try withTemporaryDirectory { (dir) throws in
            let key = try Ed25519PrivateKey.generate()
            let keyPath = dir.appendingPathComponent("signing.key").path
            let pubPath = dir.appendingPathComponent("signing.pub").path
            try PEMFile.writePrivate(key.pemRepresentation, to: keyPath)
            try PEMFile.writePublic(key.publicKey.pemRepresentation, to: pubPath)
            #expect(try PEMFile.mode(of: keyPath) == 0o600)
            #expect(try PEMFile.mode(of: pubPath) == 0o644)
            let attributes = try FileManager.default.attributesOfItem(atPath: keyPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            #expect(try PEMFile.read(keyPath) == key.pemRepresentation)
            #expect(try Ed25519PrivateKey(pemRepresentation: PEMFile.read(keyPath)).publicKey == key.publicKey)
            let check = try openssl(["pkey", "-in", "signing.key", "-pubout"], in: dir)
            #expect(check.output == key.publicKey.pemRepresentation)
            // No temporary files left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["signing.key", "signing.pub"])
        }
    }

    @Test func privateKeyIsNotOverwrittenUnlessAsked() throws {
        try withTemporaryDirectory { (dir) throws in
            let path = dir.appendingPathComponent("ca.key").path
            let first = try P256PrivateKey.generate(), second = try P256PrivateKey.generate()
            try PEMFile.writePrivate(first.pemRepresentation, to: path)
            do {
                try PEMFile.writePrivate(second.pemRepresentation, to: path)
                Issue.record("existing private key was overwritten")
            } catch let error as FileError {
                #expect(error.call == "link")
                #expect(error.code == EEXIST)
                #expect(error.description.contains("File exists"), "\(error)")
            }
            #expect(try P256PrivateKey(pemRepresentation: PEMFile.read(path)).publicKey == first.publicKey)
            try PEMFile.writePrivate(second.pemRepresentation, to: path, overwrite: true)
            #expect(try P256PrivateKey(pemRepresentation: PEMFile.read(path)).publicKey == second.publicKey)
            #expect(try PEMFile.mode(of: path) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["ca.key"])
        }
    }

    @Test func missingDirectoryIsAClearError() throws {
        do {
            try PEMFile.writePrivate("x", to: "/nonexistent-eid-dir/key.pem")
            Issue.record("wrote into a missing directory")
        } catch let error as FileError {
            #expect(error.code == ENOENT)
            #expect(error.description.contains("/nonexistent-eid-dir/"), "\(error)")
        }
    }

    @Test func layoutPaths() {
        let layout = PKILayout(root: "/var/lib/eid/pki")
        #expect(layout.caCertificate == "/var/lib/eid/pki/ca/ca.pem")
        #expect(layout.caPrivateKey == "/var/lib/eid/pki/ca/ca.key")
        #expect(layout.nodeTLSKey("node-hn-01") == "/var/lib/eid/pki/nodes/node-hn-01/tls.key")
        #expect(layout.authoritySealingPublicKey == "/var/lib/eid/pki/authority/sealing.pub")
    }
}
