import Testing
import EIDTestSupport

/// The `eid` binary's command-line surface: help, usage errors and exit codes.
@Suite struct CommandLineTests {
    @Test func helpListsTheCommands() throws {
        let result = try CommandRunner.eid(["--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("USAGE: eid <subcommand>"))
        #expect(result.standardOutput.contains("pki"))
        #expect(!result.standardOutput.contains("debug"))  // hidden
    }

    @Test func anUnknownFlagIsAUsageError() throws {
        let result = try CommandRunner.eid(["--frobnicate"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("error: unknown option '--frobnicate'"))
        #expect(result.standardError.contains("Usage: eid"))
    }

    @Test func anUnknownCommandIsAUsageError() throws {
        let result = try CommandRunner.eid(["teleport"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("unknown command 'teleport'"))
    }

    @Test func aBadOptionValueNamesTheOption() throws {
        let result = try CommandRunner.eid(["debug", "sqlite-writer", "--db", "/nonexistent/x", "--rows", "many"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("'--rows' expects an integer, got 'many'"))
    }

    @Test func aMissingRequiredOptionIsAUsageError() throws {
        let result = try CommandRunner.eid(["debug", "sqlite-writer"])
        #expect(result.status == 2)
        #expect(result.standardError.contains("missing required option '--db PATH'"))
    }

    @Test func aRuntimeFailureExitsWithOne() throws {
        let result = try CommandRunner.eid(["debug", "sqlite-writer", "--db", "/nonexistent/dir/x.sqlite", "--rows", "1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot open /nonexistent/dir/x.sqlite"))
    }
}
