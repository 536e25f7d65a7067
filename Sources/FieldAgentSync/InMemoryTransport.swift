/// A transport that hands each request to a closure, e.g. a server's request handler, for tests
/// and for the embedded demo server. The closure may throw ``TransportError`` to simulate a
/// dropped connection.
public struct InMemoryTransport: Transport {
    let handler: @Sendable (TransportRequest) async throws(TransportError) -> TransportResponse

    /// A transport that answers with `handler`.
    public init(_ handler: @escaping @Sendable (TransportRequest) async throws(TransportError) -> TransportResponse) {
        self.handler = handler
    }

    public func send(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        try await handler(request)
    }
}
