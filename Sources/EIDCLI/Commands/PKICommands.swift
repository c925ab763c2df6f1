/// `eid pki ...`: the authority's certificate authority and node credentials.
enum PKICommands {
    static let group = Command(
        group: "pki",
        abstract: "Create the authority's CA and keys, and issue node credentials.",
        subcommands: [])
}
