/// The values given to one leaf command, with typed accessors that turn a bad
/// value into a ``UsageError`` naming the option.
public struct ParsedArguments: Sendable {
    /// The command path, e.g. `eid pki init`.
    public let commandPath: String
    var optionValues: [String: [String]]
    var flagsSet: Set<String>
    var positionalValues: [String]
    let positionalSpecs: [PositionalSpec]

    /// The option's last value, or its default, or nil.
    public func string(_ name: String) -> String? {
        optionValues[name]?.last
    }

    /// The option's value; a usage error if it is missing.
    public func requiredString(_ name: String) throws(UsageError) -> String {
        guard let value = string(name) else {
            throw UsageError("missing required option '--\(name)'", commandPath: commandPath)
        }
        return value
    }

    /// Every value given for a repeatable option, in order.
    public func strings(_ name: String) -> [String] {
        optionValues[name] ?? []
    }

    /// The option as an integer within `range`, or nil when absent.
    public func int(_ name: String, in range: ClosedRange<Int> = Int.min...Int.max) throws(UsageError) -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
            throw UsageError("option '--\(name)' expects an integer, got '\(text)'", commandPath: commandPath)
        }
        guard range.contains(value) else {
            throw UsageError("option '--\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)",
                             commandPath: commandPath)
        }
        return value
    }

    /// The option as a floating-point number within `range`, or nil when absent.
    public func double(_ name: String, in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) throws(UsageError) -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text), value.isFinite else {
            throw UsageError("option '--\(name)' expects a number, got '\(text)'", commandPath: commandPath)
        }
        guard range.contains(value) else {
            throw UsageError("option '--\(name)' must be between \(range.lowerBound) and \(range.upperBound), got \(value)",
                             commandPath: commandPath)
        }
        return value
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool {
        flagsSet.contains(name)
    }

    /// The positional argument with this name (the variadic one gives its first value).
    public func positional(_ name: String) -> String? {
        positionals(name).first
    }

    /// All values of a positional (several only for a variadic one).
    public func positionals(_ name: String) -> [String] {
        guard let index = positionalSpecs.firstIndex(where: { $0.name == name }) else { return [] }
        if positionalSpecs[index].isVariadic {
            return index < positionalValues.count ? Array(positionalValues[index...]) : []
        }
        return index < positionalValues.count ? [positionalValues[index]] : []
    }
}
