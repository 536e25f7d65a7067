/// Binary data that does not decode: truncated, corrupt or from an unknown format version.
public struct DecodeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var problem: String

    public init(offset: Int, problem: String) {
        self.offset = offset
        self.problem = problem
    }

    public var description: String { "cannot decode data at byte \(offset): \(problem)" }
}
