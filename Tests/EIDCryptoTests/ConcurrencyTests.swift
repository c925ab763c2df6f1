import Testing
import EIDCrypto

@Suite struct ConcurrencyTests {
    /// Keys and certificates are Sendable: one key used from many tasks at once.
    @Test func sharedKeysAcrossTasks() async throws {
        let signing = try Ed25519PrivateKey.generate()
        let sealing = try X25519PrivateKey.generate()
        let pki = try TestPKI()
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<32 {
                group.addTask {
                    let message = Array("batch \(index)".utf8)
                    let signature = try signing.signature(for: message)
                    let box = try SealedBox.seal(message, to: sealing.publicKey, context: "eid.test")
                    try pki.node.verify(trusting: [pki.ca.certificate])
                    let opened = try SealedBox.open(box, with: sealing, context: "eid.test")
                    return signing.publicKey.isValidSignature(signature, for: message) && opened == message
                }
            }
            var all: [Bool] = []
            for try await ok in group { all.append(ok) }
            return all
        }
        #expect(results.count == 32 && results.allSatisfy { $0 })
    }
}
