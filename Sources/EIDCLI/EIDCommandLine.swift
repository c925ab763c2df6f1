import Foundation

/// The `eid` tool's entry point: parses `argv`, runs the command, maps errors to
/// exit codes (0 success, 1 failure, 2 bad usage).
public enum EIDCommandLine {
    /// Every command of the tool.
    public static let root = Command(
        group: "eid",
        abstract: "Provincial e-ID sync: enroll foreign residents at provincial nodes and replicate to the identity authority.",
        discussion: """
        Provincial nodes work offline on a local SQLite store, seal enrollments into signed
        batches and replicate them to the central authority over mutual TLS.
        """,
        subcommands: [
            PKICommands.group,
            NodeCommands.group,
            SynthCommands.group,
            BioCommands.group,
            CentralCommands.group,
            ChaosCommands.group,
            DebugCommands.group,
        ])

    /// Runs the tool with the process's arguments and exits.
    public static func main() -> Never {
        let status = run(Array(CommandLine.arguments.dropFirst()))
        exit(status)
    }

    /// Runs the tool with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        let parser = CommandParser(root: root)
        let formatter = HelpFormatter()
        do {
            switch try parser.parse(arguments) {
            case .help(let path):
                Console.standardOutput.write(formatter.help(path) + "\n")
                return 0
            case .run(let command, let parsed):
                try command.runner?(parsed)
                return 0
            }
        } catch let error as UsageError {
            let path = parser.command(atPath: error.commandPath)
            Console.standardError.write("error: \(error.message)\n\(formatter.usage(path))\n  See '\(error.commandPath) --help'.\n")
            return 2
        } catch {
            Console.standardError.write("error: \(describe(error))\n")
            return 1
        }
    }

    static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}
