/// The device-facing paths of the sync protocol (protocol.md → Endpoints).
public enum SyncEndpoint: String, Sendable, CaseIterable {
    /// `GET /v1/health`: liveness and protocol version, no authentication.
    case health
    /// `POST /v1/push`: send pending changes.
    case push
    /// `GET /v1/pull`: fetch the next page after a cursor.
    case pull

    /// The path, e.g. `/v1/push`.
    public var path: String { "/v\(ProtocolVersion.current)/\(rawValue)" }

    /// The method the endpoint answers.
    public var method: String { self == .push ? "POST" : "GET" }

    /// The endpoint at `path`, or nil for any other path.
    public init?(path: some StringProtocol) {
        guard let endpoint = SyncEndpoint.allCases.first(where: { $0.path == path }) else { return nil }
        self = endpoint
    }
}
