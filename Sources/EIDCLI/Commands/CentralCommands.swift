/// `eid central ...`
enum CentralCommands {
    // Hidden until it has subcommands.
    static let group = Command(
        group: "central",
        abstract: "Run the central identity authority and operate it.",
        hidden: true,
        subcommands: [])
}
