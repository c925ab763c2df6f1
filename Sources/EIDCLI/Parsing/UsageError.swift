/// The command line was used wrongly: the tool prints the message and the
/// command's usage and exits with status 2.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public let message: String
    /// The command whose usage to print, e.g. `eid pki init`.
    public let commandPath: String

    public init(_ message: String, commandPath: String = "eid") {
        self.message = message
        self.commandPath = commandPath
    }

    public var description: String { message }
}
