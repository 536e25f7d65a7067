/// Which timeout guards a connection right now; the server maps each to a configured duration.
public enum HTTPDeadlineKind: Sendable, Equatable {
    /// Between requests on a keep-alive connection.
    case idle
    /// From a request's first byte to the end of its headers (slowloris defence).
    case header
    /// Silence while a request body is still arriving; restarted by every read.
    case body
    /// No progress writing pending output; restarted by every write that makes progress.
    case write
    /// Waiting for the peer's FIN after the write side was shut down.
    case linger
}
