/// The request did not get an HTTP response: the network failed (refused, timed out, cut).
///
/// The sync driver retries these with backoff; `reason` is short and lower-case, e.g.
/// `connection refused`, to read well inside "cannot reach …: connection refused".
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, e.g. `connection refused`.
    public var reason: String

    /// A transport failure.
    public init(reason: String) { self.reason = reason }

    public var description: String { reason }
}
