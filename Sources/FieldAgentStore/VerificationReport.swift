/// The result of ``Store/verify(at:)``: every problem found, nothing changed.
public struct VerificationReport: Sendable, Equatable, CustomStringConvertible {
    /// The generation found, if any snapshot could be identified.
    public var generation: UInt64?
    /// Complete records in the current log.
    public var recordCount = 0
    /// Everything wrong, most important first.
    public var problems: [StoreProblem] = []

    /// True when opening would fail.
    public var hasFatalProblems: Bool { problems.contains { $0.severity == .fatal } }
    /// True when nothing at all is wrong.
    public var isClean: Bool { problems.isEmpty }

    public var description: String {
        if problems.isEmpty { return "store is healthy (\(recordCount) records in the log)" }
        return problems.map(\.description).joined(separator: "\n")
    }
}
