/// Why a policy configuration file could not be used. Never quotes the file's values.
public struct PolicyConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. `slotMinutes: must be between 1 and 1440`.
    public var problem: String

    /// Creates an error with a problem text.
    public init(problem: String) { self.problem = problem }

    public var description: String { "policy configuration: \(problem)" }
}
