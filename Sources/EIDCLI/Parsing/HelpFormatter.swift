import Foundation

/// Renders usage and help text from a command's declarations.
public struct HelpFormatter: Sendable {
    public init() {}

    /// The one-line usage of the last command in `path`.
    public func usage(_ path: [Command]) -> String {
        let command = path[path.count - 1]
        var parts = [path.map(\.name).joined(separator: " ")]
        if command.runner == nil {
            parts.append("<subcommand>")
        } else {
            for option in command.options {
                let text = "--\(option.name) <\(option.valueName)>"
                parts.append(option.isRequired && option.defaultValue == nil ? text : "[\(text)]")
            }
            for flag in command.flags { parts.append("[--\(flag.name)]") }
            for positional in command.positionals {
                var text = "<\(positional.name)>"
                if positional.isVariadic { text += " ..." }
                parts.append(positional.isOptional ? "[\(text)]" : text)
            }
        }
        return "Usage: " + parts.joined(separator: " ")
    }

    /// Full help for the last command in `path`.
    public func help(_ path: [Command]) -> String {
        let command = path[path.count - 1]
        var lines: [String] = []
        lines.append("OVERVIEW: \(command.abstract)")
        if !command.discussion.isEmpty {
            lines.append("")
            lines.append(command.discussion)
        }
        lines.append("")
        lines.append(usage(path).uppercasedFirstWord())
        let visible = command.subcommands.filter { !$0.isHidden }
        if !visible.isEmpty {
            lines.append("")
            lines.append("SUBCOMMANDS:")
            lines += table(visible.map { ($0.name, $0.abstract) })
            lines.append("")
            lines.append("  See '\(path.map(\.name).joined(separator: " ")) help <subcommand>' for detailed help.")
        }
        if !command.positionals.isEmpty {
            lines.append("")
            lines.append("ARGUMENTS:")
            lines += table(command.positionals.map { ("<\($0.name)>", $0.help) })
        }
        lines.append("")
        lines.append("OPTIONS:")
        var rows: [(String, String)] = command.options.map { option in
            var help = option.help
            if let value = option.defaultValue { help += " (default: \(value))" }
            if option.isRepeatable { help += " (repeatable)" }
            return ("--\(option.name) <\(option.valueName)>", help)
        }
        rows += command.flags.map { ("--\($0.name)", $0.help) }
        rows.append(("-h, --help", "Show help information."))
        lines += table(rows)
        return lines.joined(separator: "\n")
    }

    private func table(_ rows: [(String, String)]) -> [String] {
        let width = min(28, (rows.map(\.0.count).max() ?? 0) + 2)
        return rows.map { left, right in
            if left.count + 2 > width {
                return "  \(left)\n  " + String(repeating: " ", count: width) + right
            }
            return "  " + left.padding(toLength: width, withPad: " ", startingAt: 0) + right
        }
    }
}

extension String {
    fileprivate func uppercasedFirstWord() -> String {
        guard let space = firstIndex(of: " ") else { return uppercased() }
        return self[..<space].uppercased() + self[space...]
    }
}
