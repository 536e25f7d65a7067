/// Sends one sync request and returns the server's response.
///
/// The sync logic never talks to a network library directly, so it runs the same over
/// ``URLSessionTransport`` in the CLI, over ``InMemoryTransport`` in tests, and over whatever a
/// mobile app brings. Implementations throw ``TransportError`` when no HTTP response arrived;
/// any HTTP response, even a 500, is returned, not thrown.
public protocol Transport: Sendable {
    /// Performs `request`.
    func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse
}
