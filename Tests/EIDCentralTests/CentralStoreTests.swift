import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDStorage
import EIDTestSupport

@Suite final class CentralStoreTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory("central-store") }
    deinit { dir.remove() }

    func registration(_ id: String, code: String, key: Ed25519PrivateKey? = nil, revoked: Bool = false) throws -> NodeRegistration {
        NodeRegistration(nodeID: NodeID(rawValue: id)!, code: code, province: "Quang Ninh", kind: .office,
                         signingKey: (try key ?? Ed25519PrivateKey.generate()).publicKey, isRevoked: revoked)
    }

    @Test func opensInWALModeWithFullSynchronousCommits() throws {
        let store = try CentralStore(folder: dir.file("central"))
        #expect(CentralStore.databaseConfiguration.synchronous == .full)
        #expect(CentralStore.databaseConfiguration.walMode)
        let db = try Database(path: store.path)
        #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "wal")
        #expect(try Migrator.currentVersion(db) == 1)
    }

    @Test func registersNodesOnceAndAuditsEveryChange() throws {
        let store = try CentralStore(folder: dir.path)
        let key = try Ed25519PrivateKey.generate()
        let qn = try registration("quang-ninh-01", code: "QN01", key: key)
        #expect(try store.register([qn]).count == 1)
        #expect(try store.register([qn]).isEmpty, "re-registering the same node changes nothing")
        #expect(try store.registration(qn.nodeID) == qn)

        var rotated = qn
        rotated.signingKey = try Ed25519PrivateKey.generate().publicKey
        rotated.isRevoked = true
        let changes = try store.register([rotated])
        #expect(changes == ["node quang-ninh-01: new batch-signing key, revoked"])
        #expect(try store.registration(qn.nodeID)?.isRevoked == true)
        #expect(try store.registration(qn.nodeID)?.signingKey == rotated.signingKey)

        let entries = try store.auditEntries()
        #expect(entries.map(\.action) == [.register, .register])
        #expect(entries.map(\.nodeID) == ["quang-ninh-01", "quang-ninh-01"])
        #expect(try store.verifyAuditLog() == 2)
    }

    @Test func refusesACodeAlreadyUsedByAnotherNode() throws {
        let store = try CentralStore(folder: dir.path)
        try store.register([try registration("quang-ninh-01", code: "QN01")])
        #expect(throws: CentralError.self) {
            try store.register([try self.registration("khanh-hoa-01", code: "QN01")])
        }
        #expect(try store.registration(NodeID(rawValue: "khanh-hoa-01")!) == nil)
        #expect(try store.auditEntries().count == 1, "the refused registration left nothing behind")
    }

    @Test func auditLogDetectsATamperedEntry() throws {
        let store = try CentralStore(folder: dir.path)
        try store.register([try registration("quang-ninh-01", code: "QN01"), try registration("khanh-hoa-01", code: "KH01")])
        #expect(try store.verifyAuditLog() == 2)
        let db = try Database(path: store.path)
        // The triggers refuse changes to the log...
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE audit_log SET detail = 'x' WHERE seq = 1") }
        #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM audit_log WHERE seq = 2") }
        // ...and someone who drops them is still caught by the hash chain.
        try db.execute("DROP TRIGGER audit_log_no_update")
        try db.execute("UPDATE audit_log SET detail = 'registered nothing' WHERE seq = 1")
        #expect(throws: CentralError.auditChainBroken(sequence: 1, reason: "its contents do not match its hash")) {
            try store.verifyAuditLog()
        }
    }

    @Test func auditEntryHashCoversEveryField() {
        let base = AuditEntry(sequence: 3, atMilliseconds: 1_700_000_000_000, action: .accept, nodeID: "quang-ninh-01",
                              batchSequence: 2, batchHash: [UInt8](repeating: 7, count: 32), code: "",
                              detail: "accepted", previousHash: [UInt8](repeating: 9, count: 32))
        var variants: [AuditEntry] = []
        var entry = base; entry.sequence = 4; variants.append(entry)
        entry = base; entry.atMilliseconds += 1; variants.append(entry)
        entry = base; entry.action = .refuse; variants.append(entry)
        entry = base; entry.nodeID = "khanh-hoa-01"; variants.append(entry)
        entry = base; entry.batchSequence = 3; variants.append(entry)
        entry = base; entry.batchHash[0] ^= 1; variants.append(entry)
        entry = base; entry.code = "gap"; variants.append(entry)
        entry = base; entry.detail = "accepted!"; variants.append(entry)
        entry = base; entry.previousHash[31] ^= 1; variants.append(entry)
        let hashes = Set(variants.map(\.entryHash) + [base.entryHash])
        #expect(hashes.count == variants.count + 1)
        #expect(Array(base.encoded().prefix(5)) == Array("EIDL".utf8) + [1])
    }

    @Test func schemaRefusesOutOfOrderBatchesAndChangesToAcceptedData() throws {
        let store = try CentralStore(folder: dir.path)
        try store.register([try registration("quang-ninh-01", code: "QN01")])
        let db = try Database(path: store.path)
        let zero = [UInt8](repeating: 0, count: 32)
        func insertBatch(_ seq: Int, previous: [UInt8], first: Int, hash: UInt8) throws {
            try db.execute("""
                INSERT INTO batch(node_id, batch_seq, batch_hash, previous_hash, header, signature, first_record_seq,
                                  last_record_seq, record_count, byte_length, receipt, accepted_at)
                VALUES ('quang-ninh-01', ?, ?, ?, x'00', ?, ?, ?, 1, 1, x'00', 0)
                """, [seq, [UInt8](repeating: hash, count: 32), previous, [UInt8](repeating: 0, count: 64), first, first])
        }
        #expect(throws: SQLiteError.self) { try insertBatch(2, previous: zero, first: 1, hash: 1) }
        #expect(throws: SQLiteError.self) { try insertBatch(1, previous: [UInt8](repeating: 5, count: 32), first: 1, hash: 1) }
        #expect(throws: SQLiteError.self) { try insertBatch(1, previous: zero, first: 2, hash: 1) }
        try insertBatch(1, previous: zero, first: 1, hash: 1)
        #expect(throws: SQLiteError.self) { try insertBatch(2, previous: zero, first: 2, hash: 2) }
        #expect(throws: SQLiteError.self) { try db.execute("UPDATE batch SET receipt = x'01'") }
        #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM batch") }
    }

    @Test func loadsRegistrationsFromTheTopologyAndThePKIFolder() throws {
        let pki = PKILayout(root: dir.file("pki"))
        let ca = try CertificateAuthority.createRoot(commonName: "Test CA", organization: "Test", country: "VN", validityYears: 1)
        var revokedCertificate: Certificate?
        for id in ["quang-ninh-01", "khanh-hoa-01"] {
            try FileManager.default.createDirectory(atPath: pki.nodeDirectory(id), withIntermediateDirectories: true)
            let certificate = try ca.issueNodeCertificate(nodeID: id, publicKey: try P256PrivateKey.generate().publicKey)
            try PEMFile.writePublic(certificate.pemRepresentation, to: pki.nodeTLSCertificate(id))
            try PEMFile.writePublic(try Ed25519PrivateKey.generate().publicKey.pemRepresentation, to: pki.nodeSigningPublicKey(id))
            if id == "khanh-hoa-01" { revokedCertificate = certificate }
        }
        try FileManager.default.createDirectory(atPath: pki.caDirectory, withIntermediateDirectories: true)
        let crl = try ca.issueRevocationList(revoked: [RevokedCertificate(revokedCertificate!)], crlNumber: 2, validityDays: 30)
        try PEMFile.writePublic(crl.pemRepresentation, to: pki.revocationList)
        let topology = try Topology.decode(Array("""
            {"authority": {"name": "c", "host": "127.0.0.1", "port": 7443, "data_dir": "central", "pki_dir": "pki"},
             "nodes": [
               {"id": "quang-ninh-01", "code": "QN01", "province": "Quang Ninh", "kind": "office", "data_dir": "n1"},
               {"id": "khanh-hoa-01", "code": "KH01", "province": "Khanh Hoa", "kind": "office", "data_dir": "n2"},
               {"id": "field-kit-07", "code": "FK07", "province": "Khanh Hoa", "kind": "field-kit", "data_dir": "n3"}]}
            """.utf8))
        let loaded = try NodeRegistry.load(topology: topology, pki: pki)
        #expect(loaded.registrations.map(\.nodeID.rawValue) == ["quang-ninh-01", "khanh-hoa-01"])
        #expect(loaded.registrations.map(\.isRevoked) == [false, true])
        #expect(loaded.registrations[0].signingKey.pemRepresentation == (try PEMFile.read(pki.nodeSigningPublicKey("quang-ninh-01"))))
        #expect(loaded.skipped.map(\.nodeID.rawValue) == ["field-kit-07"])
    }
}
