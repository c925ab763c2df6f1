/// One named option that takes a value: `--out DIR`.
public struct OptionSpec: Sendable {
    public var name: String
    public var valueName: String
    public var help: String
    public var defaultValue: String?
    public var isRequired: Bool
    public var isRepeatable: Bool

    /// - Parameters:
    ///   - name: the long name without dashes (`out` for `--out`).
    ///   - valueName: how the value is shown in usage (`DIR`).
    public init(_ name: String, value valueName: String, help: String,
                default defaultValue: String? = nil, required: Bool = false,
                repeatable: Bool = false) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.isRequired = required
        self.isRepeatable = repeatable
    }
}

/// A boolean switch: `--json`.
public struct FlagSpec: Sendable {
    public var name: String
    public var help: String

    public init(_ name: String, help: String) {
        self.name = name
        self.help = help
    }
}

/// A positional argument: `eid bio inspect FILE`.
public struct PositionalSpec: Sendable {
    public var name: String
    public var help: String
    public var isOptional: Bool
    /// Takes every remaining positional value (must be last).
    public var isVariadic: Bool

    public init(_ name: String, help: String, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = optional
        self.isVariadic = variadic
    }
}
