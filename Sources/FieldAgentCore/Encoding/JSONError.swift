/// Why a byte string is not the JSON we accept.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset where parsing stopped.
    public var offset: Int
    public var problem: String

    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "invalid JSON at byte \(offset): \(problem)" }
}
