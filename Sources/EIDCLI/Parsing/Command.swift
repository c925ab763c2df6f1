/// A command of the `eid` tool: either a group of subcommands or a leaf that runs.
///
/// Commands are plain values built from declarations, so help text and parsing
/// come from the same source. A leaf's `run` first validates what it was given
/// (throwing ``UsageError`` for bad usage, exit code 2) and then does its work
/// (throwing any other error for a failure, exit code 1).
public struct Command: Sendable {
    public typealias Runner = @Sendable (ParsedArguments) throws -> Void

    public var name: String
    public var abstract: String
    public var discussion: String
    public var options: [OptionSpec]
    public var flags: [FlagSpec]
    public var positionals: [PositionalSpec]
    public var subcommands: [Command]
    /// Hidden commands work but are left out of help (test and maintenance hooks).
    public var isHidden: Bool
    public var runner: Runner?

    /// A leaf command.
    public init(_ name: String, abstract: String, discussion: String = "",
                options: [OptionSpec] = [], flags: [FlagSpec] = [],
                positionals: [PositionalSpec] = [], hidden: Bool = false,
                run: @escaping Runner) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.flags = flags
        self.positionals = positionals
        self.subcommands = []
        self.isHidden = hidden
        self.runner = run
    }

    /// A group whose work is done by its subcommands.
    public init(group name: String, abstract: String, discussion: String = "",
                hidden: Bool = false, subcommands: [Command]) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = []
        self.flags = []
        self.positionals = []
        self.subcommands = subcommands
        self.isHidden = hidden
        self.runner = nil
    }

    func subcommand(named name: String) -> Command? {
        subcommands.first { $0.name == name }
    }
}
