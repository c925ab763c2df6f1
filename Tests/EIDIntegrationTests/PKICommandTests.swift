import Foundation
import Testing
import EIDTestSupport

/// `eid pki` end to end: files the real `openssl` accepts, with the right modes.
@Suite struct PKICommandTests {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func issuedNodeCertificatePassesOpenSSLVerifyAndAnotherCAsDoesNot() throws {
        let dir = try TemporaryDirectory("pki")
        defer { dir.remove() }
        let pki = dir.file("pki"), other = dir.file("other")
        #expect(try CommandRunner.eid(["pki", "init", "--out", pki]).status == 0)
        #expect(try CommandRunner.eid(["pki", "init", "--out", other, "--ca-name", "Someone Else CA"]).status == 0)
        let issued = try CommandRunner.eid(["pki", "issue-node", "--node", "quang-ninh-01", "--out", pki, "--ip", "127.0.0.1"])
        #expect(issued.status == 0, "\(issued.standardError)")
        #expect(try CommandRunner.eid(["pki", "issue-node", "--node", "khanh-hoa-01", "--out", other]).status == 0)

        let node = "\(pki)/nodes/quang-ninh-01/tls.pem"
        let good = try CommandRunner.run("openssl", ["verify", "-CAfile", "\(pki)/ca/ca.pem", node])
        #expect(good.status == 0 && good.standardOutput.contains(": OK"), "\(good.standardError)")
        // With the CRL too.
        let withCRL = try CommandRunner.run("openssl", ["verify", "-crl_check", "-CAfile", "\(pki)/ca/ca.pem",
                                                        "-CRLfile", "\(pki)/ca/crl.pem", node])
        #expect(withCRL.status == 0, "\(withCRL.standardError)")
        let foreign = try CommandRunner.run("openssl", ["verify", "-CAfile", "\(pki)/ca/ca.pem",
                                                        "\(other)/nodes/khanh-hoa-01/tls.pem"])
        #expect(foreign.status != 0)

        let subject = try CommandRunner.run("openssl", ["x509", "-in", node, "-noout", "-subject", "-ext", "subjectAltName"])
        #expect(subject.standardOutput.contains("CN = quang-ninh-01"))
        #expect(subject.standardOutput.contains("DNS:quang-ninh-01"))
        #expect(subject.standardOutput.contains("IP Address:127.0.0.1"))

        // The batch-signing key is an Ed25519 key openssl reads; private files are 0600.
        let key = try CommandRunner.run("openssl", ["pkey", "-in", "\(pki)/nodes/quang-ninh-01/signing.key", "-noout", "-text"])
        #expect(key.standardOutput.contains("ED25519 Private-Key"))
        for file in ["ca/ca.key", "authority/signing.key", "authority/sealing.key", "authority/tls.key",
                     "nodes/quang-ninh-01/tls.key", "nodes/quang-ninh-01/signing.key"] {
            #expect(try mode("\(pki)/\(file)") == 0o600, "\(file) is not 0600")
        }
        #expect(try mode("\(pki)/ca/ca.pem") == 0o644)
    }

    @Test func revocationShowsUpInOpenSSLVerify() throws {
        let dir = try TemporaryDirectory("revoke")
        defer { dir.remove() }
        let pki = dir.file("pki")
        #expect(try CommandRunner.eid(["pki", "init", "--out", pki]).status == 0)
        #expect(try CommandRunner.eid(["pki", "issue-node", "--node", "field-kit-07", "--out", pki]).status == 0)
        let revoked = try CommandRunner.eid(["pki", "revoke-node", "--node", "field-kit-07", "--out", pki])
        #expect(revoked.status == 0, "\(revoked.standardError)")
        let check = try CommandRunner.run("openssl", ["verify", "-crl_check", "-CAfile", "\(pki)/ca/ca.pem",
                                                      "-CRLfile", "\(pki)/ca/crl.pem", "\(pki)/nodes/field-kit-07/tls.pem"])
        #expect(check.status != 0)
        #expect((check.standardOutput + check.standardError).contains("revoked"))
    }

    @Test func refusesToReplaceACAOrReissueANode() throws {
        let dir = try TemporaryDirectory("twice")
        defer { dir.remove() }
        let pki = dir.file("pki")
        #expect(try CommandRunner.eid(["pki", "init", "--out", pki]).status == 0)
        let before = try String(contentsOfFile: "\(pki)/ca/ca.pem", encoding: .utf8)
        let again = try CommandRunner.eid(["pki", "init", "--out", pki])
        #expect(again.status == 1)
        #expect(again.standardError.contains("already holds a CA"))
        #expect(try String(contentsOfFile: "\(pki)/ca/ca.pem", encoding: .utf8) == before)

        #expect(try CommandRunner.eid(["pki", "issue-node", "--node", "kh-02", "--out", pki]).status == 0)
        #expect(try CommandRunner.eid(["pki", "issue-node", "--node", "kh-02", "--out", pki]).status == 1)
        let badID = try CommandRunner.eid(["pki", "issue-node", "--node", "Bad_Node", "--out", pki])
        #expect(badID.status == 2)
        let noCA = try CommandRunner.eid(["pki", "issue-node", "--node", "kh-03", "--out", dir.file("empty")])
        #expect(noCA.status == 1)
        #expect(noCA.standardError.contains("run 'eid pki init"))
    }
}
