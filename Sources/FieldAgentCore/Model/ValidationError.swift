/// The first problem found in an input document, with the path to it.
///
/// The description reads `customers[3].accounts[0].installments[2].due: not a date`. It never
/// quotes the offending value, because values may be personal data.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Dotted path with indices, e.g. `customers[3].phone`.
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}
