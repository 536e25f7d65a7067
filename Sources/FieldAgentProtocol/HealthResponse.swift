import FieldAgentCore

/// The body of a `200` answer to `GET /v1/health`: `{"protocol": 1, "status": "ok"}`.
public struct HealthResponse: Sendable, Equatable {
    /// The protocol version the server speaks.
    public var protocolVersion: Int
    /// `ok` while the server serves.
    public var status: String

    /// A health answer with the given members.
    public init(protocolVersion: Int = ProtocolVersion.current, status: String = "ok") {
        self.protocolVersion = protocolVersion
        self.status = status
    }

    /// The JSON form.
    public var json: Value { .object(["protocol": .int(Int64(protocolVersion)), "status": .string(status)]) }

    /// Reads a health answer.
    public init(json: Value) throws(ValidationError) {
        guard let version = json["protocol"]?.intValue, let status = json["status"]?.stringValue else {
            throw ValidationError(path: "", problem: "a health answer needs protocol and status")
        }
        self.init(protocolVersion: Int(version), status: status)
    }
}
