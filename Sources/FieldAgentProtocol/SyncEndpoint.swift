/// The device-facing paths of the sync protocol (protocol.md → Endpoints).
public enum SyncEndpoint: String, Sendable, CaseIterable {
    /// `GET /v1/health`: liveness and protocol version, no authentication.
    case health
    /// `POST /v1/push`: send pending changes.
    case push
    /// `GET /v1/pull`: fetch the next page after a cursor.
    case pull
    /// `POST /v1/devices`: register this device with the agent's token; answers a device token.
    case devices
    /// `POST /v1/devices/wiped`: a revoked device reports that it wiped its data, and what it lost.
    case wiped = "devices/wiped"

    /// The path, e.g. `/v1/push`.
    public var path: String { "/v\(ProtocolVersion.current)/\(rawValue)" }

    /// The method the endpoint answers.
    public var method: String { self == .health || self == .pull ? "GET" : "POST" }

    /// The endpoint at `path`, or nil for any other path.
    public init?(path: some StringProtocol) {
        guard let endpoint = SyncEndpoint.allCases.first(where: { $0.path == path }) else { return nil }
        self = endpoint
    }
}
