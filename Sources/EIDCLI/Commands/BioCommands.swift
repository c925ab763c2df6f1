/// `eid bio ...`
enum BioCommands {
    // Hidden until it has subcommands.
    static let group = Command(
        group: "bio",
        abstract: "Inspect, compare and evaluate biometric templates (ISO/IEC 19794-2 fingerprints, face embeddings).",
        hidden: true,
        subcommands: [eval])
}
