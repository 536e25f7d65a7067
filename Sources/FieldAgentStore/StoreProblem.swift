/// One finding of ``Store/verify(at:)``.
public struct StoreProblem: Sendable, Equatable, CustomStringConvertible {
    /// How serious a finding is.
    public enum Severity: Sendable, Equatable {
        /// Opening the store repairs it without losing acknowledged data (a torn tail,
        /// leftovers of an interrupted compaction).
        case repairable
        /// Opening the store fails; data is damaged or missing.
        case fatal
    }

    /// Whether opening repairs it or fails.
    public var severity: Severity
    /// The file concerned.
    public var file: String
    /// The byte offset of the damage, when it has one.
    public var offset: Int?
    /// What is wrong, without record contents.
    public var message: String

    public var description: String {
        let at = offset.map { " at byte offset \($0)" } ?? ""
        return "\(severity == .fatal ? "error" : "repairable"): \(file)\(at): \(message)"
    }
}
