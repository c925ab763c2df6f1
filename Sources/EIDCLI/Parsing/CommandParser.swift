/// Resolves `argv` against a command tree.
public struct CommandParser: Sendable {
    /// What the arguments asked for.
    public enum Outcome: Sendable {
        /// Print help for the command at this path.
        case help(path: [Command])
        /// Run this leaf with these arguments.
        case run(Command, ParsedArguments)
    }

    public let root: Command

    public init(root: Command) {
        self.root = root
    }

    /// Parses the arguments after the program name.
    public func parse(_ arguments: [String]) throws(UsageError) -> Outcome {
        var path = [root]
        var rest = arguments[...]

        // Walk down through groups.
        while let current = path.last, current.runner == nil {
            guard let word = rest.first else { return .help(path: path) }
            if word == "--help" || word == "-h" { return .help(path: path) }
            if word == "help" {
                // `eid help node enroll` is `eid node enroll --help`.
                var target = path
                for name in rest.dropFirst() {
                    guard let next = target.last?.subcommand(named: name) else {
                        throw UsageError("unknown command '\(name)'", commandPath: pathName(target))
                    }
                    target.append(next)
                }
                return .help(path: target)
            }
            guard let next = current.subcommand(named: word) else {
                if word.hasPrefix("-") {
                    throw UsageError("unknown option '\(word)'", commandPath: pathName(path))
                }
                throw UsageError("unknown command '\(word)'", commandPath: pathName(path))
            }
            path.append(next)
            rest = rest.dropFirst()
        }

        let leaf = path[path.count - 1]
        let commandPath = pathName(path)
        var options: [String: [String]] = [:]
        var flags = Set<String>()
        var positionals: [String] = []
        var onlyPositionals = false

        while let word = rest.first {
            rest = rest.dropFirst()
            if onlyPositionals || !word.hasPrefix("-") || word == "-" {
                positionals.append(word)
                continue
            }
            if word == "--" { onlyPositionals = true; continue }
            if word == "--help" || word == "-h" { return .help(path: path) }
            guard word.hasPrefix("--") else {
                throw UsageError("unknown option '\(word)' (options are spelled --name)", commandPath: commandPath)
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if let option = leaf.options.first(where: { $0.name == name }) {
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if let next = rest.first {
                    value = next
                    rest = rest.dropFirst()
                } else {
                    throw UsageError("option '--\(name)' needs a value (\(option.valueName))", commandPath: commandPath)
                }
                if !option.isRepeatable, options[name] != nil {
                    throw UsageError("option '--\(name)' given more than once", commandPath: commandPath)
                }
                options[name, default: []].append(value)
            } else if leaf.flags.contains(where: { $0.name == name }) {
                if inlineValue != nil {
                    throw UsageError("flag '--\(name)' takes no value", commandPath: commandPath)
                }
                flags.insert(name)
            } else {
                throw UsageError("unknown option '--\(name)'", commandPath: commandPath)
            }
        }

        for option in leaf.options where options[option.name] == nil {
            if let value = option.defaultValue {
                options[option.name] = [value]
            } else if option.isRequired {
                throw UsageError("missing required option '--\(option.name) \(option.valueName)'", commandPath: commandPath)
            }
        }
        let required = leaf.positionals.filter { !$0.isOptional }
        if positionals.count < required.count {
            let missing = required[positionals.count]
            throw UsageError("missing argument \(missing.name)", commandPath: commandPath)
        }
        let takesAll = leaf.positionals.last?.isVariadic ?? false
        if !takesAll, positionals.count > leaf.positionals.count {
            throw UsageError("unexpected argument '\(positionals[leaf.positionals.count])'", commandPath: commandPath)
        }
        let parsed = ParsedArguments(commandPath: commandPath, optionValues: options, flagsSet: flags,
                                     positionalValues: positionals, positionalSpecs: leaf.positionals)
        return .run(leaf, parsed)
    }

    /// Finds the command named by a path such as `eid node enroll`.
    public func command(atPath commandPath: String) -> [Command] {
        var path = [root]
        for name in commandPath.split(separator: " ").dropFirst() {
            guard let next = path.last?.subcommand(named: String(name)) else { break }
            path.append(next)
        }
        return path
    }

    func pathName(_ path: [Command]) -> String {
        path.map(\.name).joined(separator: " ")
    }
}
