import FieldAgentCore

/// The body of `POST /v1/devices`: `{"device": REPLICA_ID}`, sent with the agent's token.
public struct DeviceRegistration: Sendable, Equatable {
    /// The device's replica id (``ReplicaIDSyntax``).
    public var device: String

    /// A registration of `device`.
    public init(device: String) { self.device = device }

    /// The JSON form.
    public var json: Value { .object(["device": .string(device)]) }

    /// Reads a registration; the replica id must follow ``ReplicaIDSyntax``.
    public init(json: Value) throws(ValidationError) {
        guard let object = json.objectValue else { throw ValidationError(path: "", problem: "not an object") }
        guard let device = object["device"]?.stringValue else {
            throw ValidationError(path: "device", problem: "must be the device's replica id (a string)")
        }
        if let problem = ReplicaIDSyntax.problem(with: device) {
            throw ValidationError(path: "device", problem: "the replica id \(problem)")
        }
        self.init(device: device)
    }

    /// Reads a registration from its bytes.
    public init(body: [UInt8]) throws(WireDecodeError) {
        self = try WireDecodeError.decode(body) { (json) throws(ValidationError) in try DeviceRegistration(json: json) }
    }
}
