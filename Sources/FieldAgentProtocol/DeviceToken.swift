import FieldAgentCore

/// The body of a `200` answer to `POST /v1/devices`: `{"agent", "device", "token"}`.
///
/// `token` is the device's own credential (64 hex digits). The device uses it instead of the
/// agent's token from then on, so the back office can revoke one device and not the others.
public struct DeviceToken: Sendable, Equatable {
    /// The agent the device belongs to.
    public var agent: String
    /// The device's replica id.
    public var device: String
    /// The device token.
    public var token: String

    /// An answer with the given members.
    public init(agent: String, device: String, token: String) {
        self.agent = agent
        self.device = device
        self.token = token
    }

    /// The JSON form.
    public var json: Value { .object(["agent": .string(agent), "device": .string(device), "token": .string(token)]) }

    /// Reads the answer.
    public init(json: Value) throws(ValidationError) {
        guard let agent = json["agent"]?.stringValue, let device = json["device"]?.stringValue,
            let token = json["token"]?.stringValue
        else { throw ValidationError(path: "", problem: "a device answer needs agent, device and token") }
        self.init(agent: agent, device: device, token: token)
    }

    /// Reads the answer from its bytes.
    public init(body: [UInt8]) throws(WireDecodeError) {
        self = try WireDecodeError.decode(body) { (json) throws(ValidationError) in try DeviceToken(json: json) }
    }
}
