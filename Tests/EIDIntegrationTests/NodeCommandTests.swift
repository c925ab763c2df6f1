import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDSynthetic
import EIDTestSupport

/// `eid node` end to end with real files and processes: refusals, bulk enrollment,
/// batches checked by Swift, by the openssl command line and by an independent
/// Python implementation of docs/PROTOCOL.md.
@Suite struct NodeCommandTests {
    /// Edits a folder's application.json as a JSON object.
    func editApplication(_ folder: String, _ change: (inout [String: Any]) -> Void) throws {
        let path = folder + "/application.json"
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
    }

    func status(_ deployment: NodeDeployment) throws -> [String: Any] {
        let result = try deployment.node(["status", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }

    /// The first adult application folder (children carry a guardian).
    func adultFolder(in folder: String) throws -> String {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() {
            let text = try String(contentsOfFile: folder + "/" + name + "/application.json", encoding: .utf8)
            if !text.contains("\"guardian\"") { return folder + "/" + name }
        }
        throw DeploymentError("no adult applicant in \(folder)")
    }

    @Test func initNeedsTheIssuedCredentialsAndRunsOnce() throws {
        let directory = try TemporaryDirectory("node-init")
        defer { directory.remove() }
        let topology = directory.file("topology.json")
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Topology/localhost.json", toPath: topology)
        let early = try CommandRunner.eid(["node", "init", "--topology", topology, "--node", "khanh-hoa-01"])
        #expect(early.status == 1)
        #expect(early.standardError.contains("run 'eid pki issue-node --node khanh-hoa-01"), "\(early.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("nodes/khanh-hoa-01/node.sqlite")))

        #expect(try CommandRunner.eid(["pki", "init", "--out", directory.file("pki")]).status == 0)
        #expect(try CommandRunner.eid(["pki", "issue-node", "--node", "khanh-hoa-01", "--out", directory.file("pki")]).status == 0)
        let made = try CommandRunner.eid(["node", "init", "--topology", topology, "--node", "khanh-hoa-01"])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(made.standardOutput.contains("Initialised node khanh-hoa-01 (Khanh Hoa, code KH01)"))
        let status = try CommandRunner.eid(["node", "status", "--node-dir", directory.file("nodes/khanh-hoa-01")])
        // localhost.json routes khanh-hoa-01 through the demo's fault proxy on 7444.
        #expect(status.standardOutput.contains("Node khanh-hoa-01 · Khanh Hoa · code KH01 · central 127.0.0.1:7444"))

        let again = try CommandRunner.eid(["node", "init", "--topology", topology, "--node", "khanh-hoa-01"])
        #expect(again.status == 1)
        #expect(again.standardError.contains("node is already initialised"), "\(again.standardError)")
        let unknown = try CommandRunner.eid(["node", "init", "--topology", topology, "--node", "ha-noi-01"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no node 'ha-noi-01' in the topology"))
        let help = try CommandRunner.eid(["node", "enroll", "--help"])
        #expect(help.status == 0 && help.standardOutput.contains("--commit-every"))
    }

    @Test func anApplicantFailingSeveralRulesGetsEveryReasonAndNothingIsStored() throws {
        let deployment = try NodeDeployment("node-rules")
        defer { deployment.remove() }
        let applications = deployment.directory.file("applications")
        try NodeDeployment.synthesize(count: 4, into: applications)
        let folder = try adultFolder(in: applications)
        var passport = ""
        try editApplication(folder) { application in
            var document = application["passport"] as! [String: Any]
            passport = document["number"] as! String
            document["date_of_expiry"] = "2020-01-31"
            application["passport"] = document
            var applicant = application["applicant"] as! [String: Any]
            applicant["nationality"] = "VNM"
            application["applicant"] = applicant
            application["email"] = "not-an-email"
            application["mobile_number"] = "+1 415 555 0100"
        }
        let result = try deployment.node(["enroll", folder])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty, "nothing may be reported received: \(result.standardOutput)")
        // An expiry moved before the issue date also breaks passport.issue_not_before_expiry.
        for code in ["passport.expired", "passport.issue_not_before_expiry", "nationality.vietnamese", "email.invalid",
                     "mobile.not_vietnamese"] {
            #expect(result.standardError.contains(code), "\(code) missing from: \(result.standardError)")
        }
        #expect(result.standardError.contains("5 eligibility rule(s) failed"))
        #expect(result.standardError.contains("nothing was stored"))
        let counts = try status(deployment)
        #expect(counts["enrolled"] as? Int == 0)
        // Not a trace of it in the file.
        let stored = try fileBytes(deployment.database) + ((try? fileBytes(deployment.database + "-wal")) ?? [])
        #expect(!contains(stored, Array(passport.utf8)), "the refused passport number is in node.sqlite")
    }

    @Test func badBiometricsAreEachRefusedWithAClearReason() throws {
        let deployment = try NodeDeployment("node-biometrics")
        defer { deployment.remove() }
        let applications = deployment.directory.file("applications")
        try NodeDeployment.synthesize(count: 4, into: applications)
        let names = try FileManager.default.contentsOfDirectory(atPath: applications).sorted()
        let folders = names.map { applications + "/" + $0 }
        func firstTemplate(_ folder: String) throws -> String {
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: folder + "/fingerprints").sorted().first)
            return folder + "/fingerprints/" + file
        }
        // 1: a truncated template; 2: a template with a reserved minutia type (ISO 19794-2 header 24 +
        // view header 4: the first minutia is at 28); 3: a 240x320 portrait; 4: 511 embedding values.
        let truncated = try firstTemplate(folders[0])
        try Data(try fileBytes(truncated).dropLast(9)).write(to: URL(fileURLWithPath: truncated))
        let corrupt = try firstTemplate(folders[1])
        var bytes = try fileBytes(corrupt)
        bytes[28] |= 0xC0
        try Data(bytes).write(to: URL(fileURLWithPath: corrupt))
        let small = PNGWriter.grayscale1Bit(width: 240, height: 320, rows: Array(repeating: [UInt8](repeating: 0x33, count: 30), count: 320))
        try Data(small).write(to: URL(fileURLWithPath: folders[2] + "/portrait.png"))
        try Data(try fileBytes(folders[3] + "/face.f32").prefix(511 * 4)).write(to: URL(fileURLWithPath: folders[3] + "/face.f32"))

        let expected = [
            "fingerprint 1: not a valid ISO/IEC 19794-2 or ANSI/INCITS 378 minutiae template (declared record length",
            "fingerprint 1: not a valid ISO/IEC 19794-2 or ANSI/INCITS 378 minutiae template (view[0] minutia[0] at offset 28 has type bits 11 (invalid))",
            "portrait: 240x320 pixels (need at least 480x640",
            "face embedding: 511 values (need 512)",
        ]
        for (folder, reason) in zip(folders, expected) {
            let result = try deployment.node(["enroll", folder])
            #expect(result.status == 1, "\(folder) was not refused")
            #expect(result.standardError.contains(reason), "expected '\(reason)' in: \(result.standardError)")
            #expect(result.standardError.contains("recapture") || result.standardError.contains("re-run face capture")
                    || result.standardError.contains("retake the photo"))
        }
        // All four in one bulk call: four refusals, nothing stored, exit status 1.
        let bulk = try deployment.node(["enroll", "--from", applications, "--json"])
        #expect(bulk.status == 1)
        let outcomes = jsonLines(bulk.standardOutput)
        #expect(outcomes.count == 4 && outcomes.allSatisfy { $0["outcome"] as? String == "refused" })
        #expect(try status(deployment)["enrolled"] as? Int == 0)
    }

    @Test func aThousandEnrollmentsMakeVerifiableBatches() throws {
        let deployment = try NodeDeployment("node-thousand")
        defer { deployment.remove() }
        let applications = try SharedApplications.get()
        let enrolled = try deployment.node(["enroll", "--from", applications, "--json"])
        #expect(enrolled.status == 0, "\(enrolled.standardError)")
        let lines = jsonLines(enrolled.standardOutput)
        #expect(lines.count == SharedApplications.count)
        let consecutive = lines.compactMap { $0["sequence"] as? String }.compactMap(Int.init) == Array(1...SharedApplications.count)
        #expect(consecutive, "sequence numbers are not 1...1000 in order")
        let receipts = lines.compactMap { $0["receipt_number"] as? String }
        #expect(Set(receipts).count == SharedApplications.count)
        #expect(receipts.allSatisfy { ReceiptNumber($0) != nil })
        #expect(enrolled.standardError.contains("\(SharedApplications.count)/\(SharedApplications.count) done"),
                "no progress line: \(enrolled.standardError.suffix(300))")

        // 64 records (about 2.7 MB) per batch: the record bound applies before the 4 MiB byte bound.
        let batched = try deployment.node(["batch", "--max-records", "64", "--max-bytes", "4194304"])
        #expect(batched.status == 0, "\(batched.standardError)")
        let counts = try status(deployment)
        #expect(counts["enrolled"] as? Int == 1000 && counts["batched"] as? Int == 1000 && counts["batches"] as? Int == 16)
        #expect(counts["acknowledged"] as? Int == 0 && counts["decisions_received"] as? Int == 0)
        #expect(counts.keys.contains("last_contact"))

        // Export every batch; check chain, records and signatures in Swift.
        let signing = try Ed25519PublicKey(pemRepresentation: try PEMFile.read(deployment.signingPublicKey))
        var files: [String] = []
        var previousHash = [UInt8](repeating: 0, count: 32)
        var nextRecord: UInt64 = 1
        for sequence in 1...16 {
            let file = deployment.directory.file("batch-\(sequence).bin")
            let export = try deployment.node(["export-batch", "--batch", String(sequence), "--out", file])
            #expect(export.status == 0, "\(export.standardError)")
            files.append(file)
            let batch = try SignedBatch(decoding: try fileBytes(file), hash: { SHA256.hash($0) })
            #expect(batch.header.batchSequence == UInt64(sequence))
            #expect(batch.header.previousBatchHash == previousHash)
            #expect(batch.header.firstRecordSequence == nextRecord)
            #expect(signing.isValidSignature(batch.signature, for: batch.headerBytes))
            let sameReceipts = batch.records.map(\.receiptNumber) == Array(receipts[Int(nextRecord - 1)...Int(batch.header.lastRecordSequence - 1)])
            #expect(sameReceipts, "batch \(sequence) does not carry the receipts printed for its records")
            previousHash = SHA256.hash(batch.headerBytes)
            nextRecord = batch.header.lastRecordSequence + 1
        }
        #expect(nextRecord == 1001)

        // The independent implementation agrees, and notices a changed record.
        let python = try runBatchVerifier(["--pubkey", deployment.signingPublicKey, "--json"] + files)
        #expect(python.status == 0, "verify-batch.py: \(python.standardError)")
        let verified = jsonLines(python.standardOutput)
        #expect(verified.count == 16)
        let pythonReceipts = verified.flatMap { $0["receipt_numbers"] as? [String] ?? [] } == receipts
        #expect(pythonReceipts, "verify-batch.py read other receipt numbers")
        #expect(verified.last?["batch_hash"] as? String == Hex.encode(previousHash))
        var tampered = try fileBytes(files[3])
        tampered[tampered.count - 100] ^= 0x01
        try Data(tampered).write(to: URL(fileURLWithPath: files[3]))
        let refused = try runBatchVerifier(["--pubkey", deployment.signingPublicKey] + files)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("batch-4.bin: batch: the Merkle root does not match the records"),
                "\(refused.standardError)")

        // show / list for scripts.
        let shown = try deployment.node(["show", receipts[41].lowercased(), "--json"])
        let item = try #require(try JSONSerialization.jsonObject(with: Data(shown.standardOutput.utf8)) as? [String: Any])
        #expect(item["sequence"] as? Int == 42 && item["status"] as? String == "batched" && item["batch_sequence"] as? Int == 1)
        #expect(item["receipt_number"] as? String == receipts[41])
        let listed = try deployment.node(["list", "--status", "batched", "--limit", "3", "--json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.standardOutput.utf8)) as? [[String: Any]])
        #expect(rows.compactMap { $0["sequence"] as? Int } == [1000, 999, 998])
        #expect(try deployment.node(["list", "--status", "lost"]).status == 2)
        #expect(try deployment.node(["show", "QN01-20260701-000001-0"]).status == 1)
    }

    @Test func oneBatchVerifiesWithTheOpenSSLCommandLine() throws {
        let deployment = try NodeDeployment("node-openssl")
        defer { deployment.remove() }
        let applications = try SharedApplications.subset(12, in: deployment.directory)
        #expect(try deployment.node(["enroll", "--from", applications, "--quiet"]).status == 0)
        #expect(try deployment.node(["batch", "--max-records", "5"]).status == 0)
        for sequence in [1, 2] {
            let file = deployment.directory.file("batch-\(sequence).bin")
            #expect(try deployment.node(["export-batch", "--batch", String(sequence), "--out", file]).status == 0)
        }
        // Split the upload bytes as docs/PROTOCOL.md 1.8 says: u32 header length, header, 64-byte signature.
        func split(_ file: String) throws -> (header: String, signature: String) {
            let bytes = try fileBytes(file)
            let length = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
            let header = file + ".header", signature = file + ".sig"
            try Data(bytes[4..<(4 + length)]).write(to: URL(fileURLWithPath: header))
            try Data(bytes[(4 + length)..<(4 + length + 64)]).write(to: URL(fileURLWithPath: signature))
            return (header, signature)
        }
        let first = try split(deployment.directory.file("batch-1.bin"))
        let verify = try CommandRunner.run("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", deployment.signingPublicKey,
                                                       "-rawin", "-in", first.header, "-sigfile", first.signature])
        #expect(verify.status == 0, "\(verify.standardOutput) \(verify.standardError)")
        #expect(verify.standardOutput.contains("Signature Verified Successfully"))

        // The shell lines of docs/PROTOCOL.md 1.8 do the same.
        let shell = """
            HL=$(head -c 4 batch-2.bin | od -An -tu1 | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 }')
            tail -c +5 batch-2.bin | head -c "$HL" > header.bin
            tail -c +$((5 + HL)) batch-2.bin | head -c 64 > signature.bin
            openssl pkeyutl -verify -pubin -inkey "$1" -rawin -in header.bin -sigfile signature.bin
            """
        let script = try CommandRunner.run("/bin/sh", ["-c", shell, "sh", deployment.signingPublicKey],
                                           currentDirectory: deployment.directory.path)
        #expect(script.status == 0 && script.standardOutput.contains("Signature Verified Successfully"),
                "\(script.standardOutput) \(script.standardError)")

        // The batch hash openssl computes is what batch 2 chains to: previous_batch_hash is at
        // header offset 4 + 1 + (2 + 13) + 8 + 8 + 4 + 8 = 48.
        let digest = try CommandRunner.run("openssl", ["dgst", "-sha256", "-r", first.header])
        let second = try fileBytes(try split(deployment.directory.file("batch-2.bin")).header)
        #expect(digest.standardOutput.hasPrefix(Hex.encode(second[48..<80])), "\(digest.standardOutput)")

        // A changed header byte (the low byte of the record count, offset 39) fails openssl's check.
        var header = try fileBytes(first.header)
        #expect(header[39] == 5)
        header[39] ^= 0x01
        try Data(header).write(to: URL(fileURLWithPath: first.header))
        let forged = try CommandRunner.run("openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", deployment.signingPublicKey,
                                                       "-rawin", "-in", first.header, "-sigfile", first.signature])
        #expect(forged.status != 0)
        #expect(forged.standardOutput.contains("Signature Verification Failure"))
    }
}

/// Whether `needle` occurs in `haystack` (Foundation's search: fast even in debug builds).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    contains(Data(haystack), needle)
}

func contains(_ haystack: Data, _ needle: [UInt8]) -> Bool {
    !needle.isEmpty && haystack.range(of: Data(needle)) != nil
}
