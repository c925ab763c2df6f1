import Foundation
import EIDCore

/// `eid pki ...`: the authority's certificate authority and node credentials.
enum PKICommands {
    static let group = Command(
        group: "pki",
        abstract: "Create the authority's CA and keys, and issue node credentials.",
        discussion: """
        The PKI folder holds ca/ (CA certificate, key, CRL), authority/ (central's TLS
        certificate, receipt-signing and sealing keys) and nodes/<id>/ (each node's TLS
        certificate and batch-signing key). Private keys are written with mode 0600.
        See docs/crypto.md for the layout and openssl commands that check every file.
        """,
        subcommands: [initialise, issueNode, revokeNode])

    static let initialise = Command(
        "init",
        abstract: "Create the authority's root CA, signing and sealing keys, and central's TLS certificate.",
        options: [
            OptionSpec("out", value: "DIR", help: "PKI folder to create.", required: true),
            OptionSpec("ca-name", value: "NAME", help: "Common name of the root CA.",
                       default: "Vietnam e-ID Authority Root CA"),
            OptionSpec("central-dns", value: "NAME", help: "Extra DNS name for central's certificate.", repeatable: true),
            OptionSpec("central-ip", value: "ADDR", help: "Extra IP address for central's certificate.", repeatable: true),
            OptionSpec("years", value: "N", help: "Validity of the root CA in years.", default: "10"),
        ],
        run: { args in
            let years = try args.int("years", in: 1...30) ?? 10
            let provisioner = PKIProvisioner(root: try args.requiredString("out"))
            let summary = try provisioner.initialise(caName: try args.requiredString("ca-name"),
                                                     centralDNSNames: args.strings("central-dns"),
                                                     centralIPAddresses: args.strings("central-ip"),
                                                     validityYears: years)
            say("Created the authority's PKI in \(provisioner.layout.root):")
            printSummary(summary)
        })

    static let issueNode = Command(
        "issue-node",
        abstract: "Issue a node's TLS certificate (CN and SAN = node id) and its batch-signing key.",
        options: [
            OptionSpec("node", value: "ID", help: "Node id, e.g. quang-ninh-01.", required: true),
            OptionSpec("out", value: "DIR", help: "PKI folder made by 'eid pki init'.", required: true),
            OptionSpec("dns", value: "NAME", help: "Extra DNS name for the certificate.", repeatable: true),
            OptionSpec("ip", value: "ADDR", help: "IP address for the certificate.", repeatable: true),
            OptionSpec("days", value: "N", help: "Validity in days.", default: "397"),
        ],
        run: { args in
            let node = try args.requiredString("node")
            guard NodeID(rawValue: node) != nil else {
                throw UsageError("node id '\(node)' must be 2–32 of a-z, 0-9 and '-', starting with a letter",
                                 commandPath: args.commandPath)
            }
            let days = try args.int("days", in: 1...3650) ?? 397
            let provisioner = PKIProvisioner(root: try args.requiredString("out"))
            let summary = try provisioner.issueNode(node, dnsNames: args.strings("dns"), ipAddresses: args.strings("ip"),
                                                    validityDays: days)
            say("Issued credentials for node \(node):")
            printSummary(summary)
        })

    static let revokeNode = Command(
        "revoke-node",
        abstract: "Add a node's TLS certificate to the revocation list (central refuses it on the next handshake).",
        options: [
            OptionSpec("node", value: "ID", help: "Node id.", required: true),
            OptionSpec("out", value: "DIR", help: "PKI folder made by 'eid pki init'.", required: true),
        ],
        run: { args in
            let node = try args.requiredString("node")
            let provisioner = PKIProvisioner(root: try args.requiredString("out"))
            let result = try provisioner.revokeNode(node)
            say("Revoked node \(node) (certificate serial \(result.serial)); the CRL now lists \(result.revokedCount) certificate(s).")
        })

    static func printSummary(_ summary: PKIProvisioner.Summary) {
        let width = summary.lines.map(\.0.count).max() ?? 0
        for (path, what) in summary.lines {
            say("  " + path.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + what)
        }
    }
}
