import Foundation
import Testing
import EIDCrypto

/// A CA and one node certificate, as `eid pki init` + `eid pki issue-node` will make them.
struct TestPKI {
    let ca: CertificateAuthority
    let nodeKey: P256PrivateKey
    let node: Certificate

    init(caName: String = "Vietnam e-ID Authority Root CA", nodeID: String = "node-hn-01") throws {
        ca = try CertificateAuthority.createRoot(commonName: caName, organization: "Vietnam e-ID Authority", country: "VN")
        nodeKey = try P256PrivateKey.generate()
        node = try ca.issueNodeCertificate(
            nodeID: nodeID, publicKey: nodeKey.publicKey, dnsNames: ["localhost"], ipAddresses: ["127.0.0.1", "::1"],
            validityDays: 30)
    }

    func write(to dir: URL) throws {
        try dir.write(ca.certificate.pemRepresentation, to: "ca.pem")
        try dir.write(node.pemRepresentation, to: "node.pem")
    }
}

@Suite struct CertificateTests {
    @Test func rootCAProfile() throws {
        let pki = try TestPKI()
        let root = pki.ca.certificate
        #expect(root.subjectCommonName == "Vietnam e-ID Authority Root CA")
        #expect(root.issuerCommonName == root.subjectCommonName)
        #expect(root.subject == "/C=VN/O=Vietnam e-ID Authority/CN=Vietnam e-ID Authority Root CA")
        #expect(root.isCertificateAuthority)
        #expect(root.serialNumber.count == 32)
        let years = root.notAfter.timeIntervalSince(root.notBefore) / (365.25 * 86_400)
        #expect(abs(years - 10) < 0.01)
        try withTemporaryDirectory { (dir) throws in
            try pki.write(to: dir)
            let text = try openssl(["x509", "-in", "ca.pem", "-noout", "-text"], in: dir)
            #expect(text.succeeded, "\(text)")
            #expect(text.output.contains("Version: 3 (0x2)"))
            #expect(text.output.contains("Signature Algorithm: ecdsa-with-SHA256"))
            #expect(text.output.contains("X509v3 Basic Constraints: critical\n                CA:TRUE"))
            #expect(text.output.contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign"))
            #expect(text.output.contains("X509v3 Subject Key Identifier"))
            #expect(text.output.contains("NIST CURVE: P-256"))
        }
    }

    @Test func unicodeNamesSurviveAsUTF8() throws {
        let name = "C\u{1EE5}c Qu\u{1EA3}n l\u{00FD} Xu\u{1EA5}t nh\u{1EAD}p c\u{1EA3}nh Root CA"
        let ca = try CertificateAuthority.createRoot(commonName: name, validityYears: 1)
        #expect(ca.certificate.subjectCommonName == name)
        try withTemporaryDirectory { (dir) throws in
            try dir.write(ca.certificate.pemRepresentation, to: "ca.pem")
            let shown = try openssl(["x509", "-in", "ca.pem", "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus_space,space_eq"], in: dir)
            #expect(shown.output == "subject=CN = \(name)\n", "\(shown)")
        }
    }

    @Test func nodeCertificatePassesOpenSSLVerify() throws {
        let pki = try TestPKI()
        try pki.node.verify(trusting: [pki.ca.certificate])
        try withTemporaryDirectory { (dir) throws in
            try pki.write(to: dir)
            let ok = try openssl(["verify", "-x509_strict", "-CAfile", "ca.pem", "node.pem"], in: dir)
            #expect(ok.succeeded && ok.output == "node.pem: OK\n", "\(ok)")
            for purpose in ["sslserver", "sslclient"] {
                let result = try openssl(["verify", "-purpose", purpose, "-CAfile", "ca.pem", "node.pem"], in: dir)
                #expect(result.succeeded, "\(purpose): \(result)")
            }
            let shown = try openssl(["x509", "-in", "node.pem", "-noout", "-subject", "-ext", "subjectAltName"], in: dir)
            #expect(shown.succeeded, "\(shown)")
            #expect(shown.output.contains("subject=O = Vietnam e-ID Authority, CN = node-hn-01"), "\(shown)")
            #expect(shown.output.contains("DNS:node-hn-01, DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"), "\(shown)")
            let text = try openssl(["x509", "-in", "node.pem", "-noout", "-text"], in: dir)
            #expect(text.output.contains("CA:FALSE"))
            #expect(text.output.contains("X509v3 Key Usage: critical\n                Digital Signature"))
            #expect(text.output.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
            #expect(text.output.contains("X509v3 Authority Key Identifier"))
        }
    }

    @Test func fieldsAgreeWithOpenSSL() throws {
        let pki = try TestPKI()
        let node = pki.node
        #expect(node.subjectCommonName == "node-hn-01")
        #expect(node.issuerCommonName == "Vietnam e-ID Authority Root CA")
        #expect(node.subjectAlternativeNames == [.dnsName("node-hn-01"), .dnsName("localhost"), .ipAddress("127.0.0.1"), .ipAddress("::1")])
        #expect(!node.isCertificateAuthority)
        #expect(node.matches(pki.nodeKey))
        #expect(!node.matches(pki.ca.privateKey))
        #expect(try node.p256PublicKey == pki.nodeKey.publicKey)
        #expect(node.publicKeyPEM == pki.nodeKey.publicKey.pemRepresentation)
        #expect(abs(node.notAfter.timeIntervalSince(node.notBefore) - 30 * 86_400) < 1)
        #expect(node.notBefore < Date() && node.notBefore > Date().addingTimeInterval(-600))
        #expect(try Certificate(derRepresentation: node.derRepresentation) == node)
        #expect(try Certificate(pemRepresentation: node.pemRepresentation) == node)
        try withTemporaryDirectory { (dir) throws in
            try pki.write(to: dir)
            let serial = try openssl(["x509", "-in", "node.pem", "-noout", "-serial"], in: dir)
            #expect(serial.output == "serial=\(node.serialNumber)\n")
            let fingerprint = try openssl(["x509", "-in", "node.pem", "-noout", "-fingerprint", "-sha256"], in: dir)
            let expected = node.fingerprintSHA256.map { String(format: "%02X", $0) }.joined(separator: ":")
            #expect(fingerprint.output == "sha256 Fingerprint=\(expected)\n", "\(fingerprint)")
            let dates = try openssl(["x509", "-in", "node.pem", "-noout", "-dates", "-dateopt", "iso_8601"], in: dir)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withFullDate, .withTime, .withSpaceBetweenDateAndTime, .withColonSeparatorInTime]
            let notAfterLine = dates.output.split(separator: "\n").first { $0.hasPrefix("notAfter=") }
            #expect(notAfterLine == "notAfter=\(formatter.string(from: node.notAfter))Z", "\(dates)")
            let pub = try openssl(["x509", "-in", "node.pem", "-noout", "-pubkey"], in: dir)
            #expect(pub.output == node.publicKeyPEM)
        }
    }

    @Test func readsCertificatesMadeByOpenSSL() throws {
        try withTemporaryDirectory { (dir) throws in
            let made = try openssl([
                "req", "-utf8", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "k.pem",
                "-out", "c.pem", "-days", "2", "-subj", "/CN=Ha Noi \u{0110}\u{1ED3}ng", "-addext",
                "subjectAltName=DNS:a.example,IP:10.0.0.7,IP:fe80::1,email:x@example.com",
            ], in: dir)
            #expect(made.succeeded, "\(made)")
            let certificate = try Certificate(pemRepresentation: dir.readText("c.pem"))
            #expect(certificate.subjectCommonName == "Ha Noi \u{0110}\u{1ED3}ng")
            #expect(certificate.subjectAlternativeNames == [.dnsName("a.example"), .ipAddress("10.0.0.7"), .ipAddress("fe80::1")])
            #expect(certificate.isCertificateAuthority)  // req -x509 adds CA:TRUE by default
            let bundle = try dir.readText("c.pem") + (try TestPKI().node.pemRepresentation)
            #expect(try Certificate.certificates(fromPEM: bundle).count == 2)
            // Self-signed, but not one of ours: refused.
            #expect(throws: CertificateVerificationError.self) {
                try certificate.verify(trusting: [TestPKI().ca.certificate])
            }
        }
    }

    @Test func certificateFromAnotherCAIsRefused() throws {
        let ours = try TestPKI()
        // Same CA name, different key: only the key binds trust.
        let impostor = try TestPKI()
        do {
            try impostor.node.verify(trusting: [ours.ca.certificate])
            Issue.record("certificate from another CA verified")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .untrustedIssuer, "\(error)")
            #expect(error.depth == 0)
            #expect(error.description.contains("unable to get local issuer certificate"), "\(error)")
        }
        let other = try TestPKI(caName: "Some Other Root")
        #expect(throws: CertificateVerificationError.self) { try other.node.verify(trusting: [ours.ca.certificate]) }
        #expect(throws: CertificateVerificationError.self) { try ours.node.verify(trusting: []) }
        try withTemporaryDirectory { (dir) throws in
            try ours.write(to: dir)
            try dir.write(impostor.node.pemRepresentation, to: "impostor.pem")
            let refused = try openssl(["verify", "-CAfile", "ca.pem", "impostor.pem"], in: dir)
            #expect(!refused.succeeded)
            #expect(refused.stderr.contains("unable to get local issuer certificate"), "\(refused)")
        }
    }

    @Test func expiryAndNotYetValid() throws {
        let pki = try TestPKI()
        let later = pki.node.notAfter.addingTimeInterval(60)
        do {
            try pki.node.verify(trusting: [pki.ca.certificate], at: later)
            Issue.record("expired certificate verified")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .expired)
            #expect(error.reason == "certificate has expired")
        }
        do {
            try pki.node.verify(trusting: [pki.ca.certificate], at: pki.node.notBefore.addingTimeInterval(-60))
            Issue.record("not-yet-valid certificate verified")
        } catch let error as CertificateVerificationError {
            #expect(error.kind == .notYetValid)
        }
        try pki.node.verify(trusting: [pki.ca.certificate], at: pki.node.notAfter.addingTimeInterval(-60))
        try withTemporaryDirectory { (dir) throws in
            try pki.write(to: dir)
            let attime = String(Int(later.timeIntervalSince1970))
            let expired = try openssl(["verify", "-attime", attime, "-CAfile", "ca.pem", "node.pem"], in: dir)
            #expect(!expired.succeeded)
            #expect(expired.stderr.contains("certificate has expired"), "\(expired)")
        }
    }

    @Test func issuedInThePastIsExpiredNow() throws {
        let ca = try CertificateAuthority.createRoot(commonName: "Test Root", notBefore: Date().addingTimeInterval(-40 * 86_400))
        let key = try P256PrivateKey.generate()
        let old = try ca.issueNodeCertificate(
            nodeID: "node-old", publicKey: key.publicKey, validityDays: 10, notBefore: Date().addingTimeInterval(-20 * 86_400))
        #expect(throws: CertificateVerificationError.self) { try old.verify(trusting: [ca.certificate]) }
    }

    @Test func refusesBadNamesAndMismatchedKeys() throws {
        let pki = try TestPKI()
        let key = pki.nodeKey.publicKey
        for bad in ["", "node,DNS:evil", "node hn", "-node", "node..hn", "*.example", String(repeating: "a", count: 64)] {
            #expect(throws: CryptoError.self, "\(bad)") { try pki.ca.issueNodeCertificate(nodeID: bad, publicKey: key) }
        }
        #expect(throws: CryptoError.invalidCertificateField(field: "IP address", value: "127.0.0.256", reason: "not an IPv4 or IPv6 address")) {
            try pki.ca.issueNodeCertificate(nodeID: "node-1", publicKey: key, ipAddresses: ["127.0.0.256"])
        }
        #expect(throws: CryptoError.keyDoesNotMatchCertificate) {
            try CertificateAuthority(certificate: pki.ca.certificate, privateKey: pki.nodeKey)
        }
        #expect(throws: CryptoError.self) { try CertificateAuthority(certificate: pki.node, privateKey: pki.nodeKey) }
        // A CA reloaded from PEM issues certificates that chain to the original.
        let reloaded = try CertificateAuthority(
            certificate: Certificate(pemRepresentation: pki.ca.certificate.pemRepresentation),
            privateKey: P256PrivateKey(pemRepresentation: pki.ca.privateKey.pemRepresentation))
        let second = try reloaded.issueNodeCertificate(nodeID: "node-hcm-02", publicKey: key)
        try second.verify(trusting: [pki.ca.certificate])
        #expect(second.serialNumber != pki.node.serialNumber)
    }
}
