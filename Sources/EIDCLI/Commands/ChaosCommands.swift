/// `eid chaos ...`
enum ChaosCommands {
    // Hidden until it has subcommands.
    static let group = Command(
        group: "chaos",
        abstract: "Fault-injecting tools for testing links (proxy).",
        hidden: true,
        subcommands: [])
}
