import Foundation
import Testing
import EIDCore
import EIDStorage
import EIDTestSupport

/// `node.sqlite` read as raw bytes, like a thief with the disk would: the documented
/// lookup fields are there (the search works), nothing that was sealed is.
@Suite struct NodeDatabaseSecrecyTests {
    @Test func theDatabaseHoldsOnlyTheLookupFieldsInTheClear() throws {
        let deployment = try NodeDeployment("node-secrecy")
        defer { deployment.remove() }
        let applications = deployment.directory.file("applications")
        try NodeDeployment.synthesize(count: 25, into: applications, seed: 77)
        let enrolled = try deployment.node(["enroll", "--from", applications, "--quiet"])
        #expect(enrolled.status == 0, "\(enrolled.standardError)")
        #expect(try deployment.node(["batch", "--max-records", "10"]).status == 0)

        let folders = try FileManager.default.contentsOfDirectory(atPath: applications).sorted().map { applications + "/" + $0 }
        var sealed: [(what: String, bytes: [UInt8])] = []
        var lookup: [(what: String, bytes: [UInt8])] = []
        var guardians = 0
        for folder in folders {
            let application = try Application.decode(json: try fileBytes(folder + "/application.json"))
            lookup.append(("passport number", Array(application.passport.number.utf8)))
            lookup.append(("full name", Array(application.applicant.name.fullName.utf8)))
            sealed.append(("date of birth", Array(application.applicant.dateOfBirth.isoString.utf8)))
            sealed.append(("email", Array(application.email.utf8)))
            sealed.append(("mobile number", Array(application.mobileNumber.utf8)))
            sealed.append(("residence card number", Array(application.residenceCard.number.utf8)))
            sealed.append(("passport place of issue", Array(application.passport.placeOfIssue.utf8)))
            sealed.append(("passport expiry", Array(application.passport.dateOfExpiry.isoString.utf8)))
            if let guardian = application.guardian {
                guardians += 1
                sealed.append(("guardian name", Array(guardian.fullName.utf8)))
                sealed.append(("guardian document", Array(guardian.documentNumber.utf8)))
                sealed.append(("guardian mobile", Array(guardian.mobileNumber.utf8)))
            }
            // Windows of the biometric files (past the fixed headers, so they are unique).
            for template in try FileManager.default.contentsOfDirectory(atPath: folder + "/fingerprints") {
                let bytes = try fileBytes(folder + "/fingerprints/" + template)
                sealed.append(("template \(template)", Array(bytes[40..<72])))
            }
            let embedding = try fileBytes(folder + "/face.f32")
            sealed.append(("embedding", Array(embedding[1000..<1032])))
            let portrait = try fileBytes(folder + "/portrait.png")
            sealed.append(("portrait", Array(portrait[20_000..<20_032])))
        }
        #expect(guardians > 0, "the set should include children with a guardian")

        func check(_ file: Data, _ label: String) {
            for item in sealed {
                #expect(!contains(file, item.bytes), "\(label) holds a sealed \(item.what) in the clear")
            }
        }
        // Before a checkpoint the latest pages are in the write-ahead log: read both files raw.
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: deployment.database + "-wal"))) ?? Data()
        check(try Data(contentsOf: URL(fileURLWithPath: deployment.database)), "node.sqlite")
        check(wal, "node.sqlite-wal")
        // Then fold the log into the main file and read it again.
        let database = try Database(path: deployment.database)
        try database.checkpoint()
        let main = try Data(contentsOf: URL(fileURLWithPath: deployment.database))
        check(main, "node.sqlite after a checkpoint")
        // The search finds what is meant to be there.
        for item in lookup {
            #expect(contains(main, item.bytes) || contains(wal, item.bytes), "lookup field \(item.what) not found: the search is broken")
        }

        // The only applicant columns are the documented lookup fields (docs/node.md, "Node database").
        let columns = try database.rows("SELECT name FROM pragma_table_info('enrollment') ORDER BY cid").map { try $0.get(0, as: String.self) }
        #expect(columns == ["seq", "receipt_number", "full_name", "passport_number", "level", "status", "enrolled_at", "batch_seq"])
        let tables = try database.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map { try $0.get(0, as: String.self) }
        #expect(tables == ["account_lock", "batch", "decision", "enrollment", "feed_event", "log_record", "node_config",
                           "receipt_counter", "schema_migrations", "sync_state"])
        let keys = try database.rows("SELECT key FROM node_config").map { try $0.get(0, as: String.self) }
        #expect(!keys.contains { $0.contains("private") || $0.hasSuffix("_key") && !$0.hasSuffix("public_key") && !$0.hasSuffix("_key_path") })
        let config = try database.rows("SELECT value FROM node_config").map { try $0.get(0, as: String.self) }
        #expect(!config.contains { $0.contains("PRIVATE KEY") }, "a private key is stored in node_config")
    }
}
