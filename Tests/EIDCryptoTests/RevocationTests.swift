import Foundation
import Testing
import EIDCrypto

@Suite struct RevocationTests {
    @Test func crlListingTheCertificateIsHonored() throws {
        let pki = try TestPKI()
        let otherKey = try P256PrivateKey.generate()
        let good = try pki.ca.issueNodeCertificate(nodeID: "node-dn-02", publicKey: otherKey.publicKey)
        let crl = try pki.ca.issueRevocationList(revoked: [RevokedCertificate(pki.node)], crlNumber: 3)

        #expect(crl.issuerCommonName == "Vietnam e-ID Authority Root CA")
        #expect(crl.revokedSerialNumbers == [pki.node.serialNumber])
        #expect(crl.contains(pki.node))
        #expect(!crl.contains(good))
        #expect(crl.contains(serialNumber: pki.node.serialNumber.lowercased()))
        #expect(crl.isSigned(by: pki.ca.certificate))
        #expect(!crl.isSigned(by: try TestPKI().ca.certificate))
        #expect(crl.nextUpdate.map { abs($0.timeIntervalSince(crl.thisUpdate) - 7 * 86_400) < 1 } == true)

        do {
            try pki.node.verify(trusting: [pki.ca.certificate], revocationLists: [crl])
            Issue.record("revoked certificate verified")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .revoked)
            #expect(error.reason == "certificate revoked")
        }
        try good.verify(trusting: [pki.ca.certificate], revocationLists: [crl])

        // PEM round trip keeps the entries and still works for verification.
        let reread = try CertificateRevocationList(pemRepresentation: crl.pemRepresentation)
        #expect(reread.derRepresentation == crl.derRepresentation)
        #expect(throws: CertificateVerificationError.self) {
            try pki.node.verify(trusting: [pki.ca.certificate], revocationLists: [reread])
        }

        try withTemporaryDirectory { (dir) throws in
            try pki.write(to: dir)
            try dir.write(good.pemRepresentation, to: "good.pem")
            try dir.write(crl.pemRepresentation, to: "crl.pem")
            let revoked = try openssl(["verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "node.pem"], in: dir)
            #expect(!revoked.succeeded)
            #expect(revoked.stderr.contains("certificate revoked"), "\(revoked)")
            let fine = try openssl(["verify", "-crl_check", "-CRLfile", "crl.pem", "-CAfile", "ca.pem", "good.pem"], in: dir)
            #expect(fine.succeeded, "\(fine)")
            let text = try openssl(["crl", "-in", "crl.pem", "-noout", "-text"], in: dir)
            #expect(text.output.contains("Serial Number: \(pki.node.serialNumber)"), "\(text)")
            #expect(text.output.contains("X509v3 CRL Number: \n                3"), "\(text)")
            #expect(text.output.contains("Version 2 (0x1)"))
            let signature = try openssl(["crl", "-in", "crl.pem", "-noout", "-CAfile", "ca.pem"], in: dir)
            #expect(signature.stderr.contains("verify OK"), "\(signature)")
        }
    }

    @Test func emptyCRLAndMissingOrStaleCRL() throws {
        let pki = try TestPKI()
        let empty = try pki.ca.issueRevocationList(revoked: [])
        #expect(empty.revokedSerialNumbers.isEmpty)
        try pki.node.verify(trusting: [pki.ca.certificate], revocationLists: [empty])

        // A CRL from some other CA does not cover our certificate: CRL checking cannot pass.
        let foreign = try TestPKI().ca.issueRevocationList(revoked: [])
        do {
            try pki.node.verify(trusting: [pki.ca.certificate], revocationLists: [foreign])
            Issue.record("verified without a CRL from the issuer")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .revocationListUnavailable, "\(error)")
        }

        // Past nextUpdate the CRL is stale and verification fails.
        do {
            try pki.node.verify(
                trusting: [pki.ca.certificate], revocationLists: [empty], at: Date().addingTimeInterval(8 * 86_400))
            Issue.record("verified with a stale CRL")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .revocationListOutOfDate, "\(error)")
        }
    }

    @Test func revokeBySerialString() throws {
        let pki = try TestPKI()
        let crl = try pki.ca.issueRevocationList(revoked: [
            RevokedCertificate(serialNumber: "0A", revocationDate: Date(timeIntervalSince1970: 1_700_000_000)),
            RevokedCertificate(serialNumber: pki.node.serialNumber.lowercased()),
        ])
        #expect(Set(crl.revokedSerialNumbers) == ["0A", pki.node.serialNumber])
        #expect(crl.contains(pki.node))
        #expect(throws: CryptoError.invalidHex("xyz")) {
            try pki.ca.issueRevocationList(revoked: [RevokedCertificate(serialNumber: "xyz")])
        }
    }
}
