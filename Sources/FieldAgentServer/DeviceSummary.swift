import FieldAgentCore

/// A device as `device list` shows it: never the token or its hash.
public struct DeviceSummary: Sendable, Hashable {
    /// The agent it belongs to.
    public var agent: String
    /// Its replica id.
    public var device: String
    /// When it first registered.
    public var firstSeen: Instant
    /// When its token was last used.
    public var lastSeen: Instant
    /// Active, revoked or wiped.
    public var state: DeviceState
    /// The unsynced changes its wipe lost, once it reported the wipe.
    public var lostChanges: Int?
    /// The changes the server refused from it, each held in its rejected list awaiting the agent.
    public var rejectedChanges: Int

    /// A summary with the given members.
    public init(
        agent: String, device: String, firstSeen: Instant, lastSeen: Instant, state: DeviceState,
        lostChanges: Int? = nil, rejectedChanges: Int = 0
    ) {
        self.agent = agent
        self.device = device
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.state = state
        self.lostChanges = lostChanges
        self.rejectedChanges = rejectedChanges
    }

    /// The summary of a stored record.
    public init(_ record: DeviceRecord) {
        self.init(
            agent: record.agent, device: record.replica, firstSeen: record.firstSeen, lastSeen: record.lastSeen,
            state: record.state, lostChanges: record.lostChanges, rejectedChanges: record.rejectedChanges)
    }

    /// `{"agent", "device", "firstSeen", "lastSeen", "state", "lostChanges", "rejectedChanges"}`;
    /// times are RFC 3339 UTC, `lostChanges` is null until the device reported a wipe.
    public var json: Value {
        .object([
            "agent": .string(agent), "device": .string(device), "firstSeen": .string(firstSeen.description),
            "lastSeen": .string(lastSeen.description), "state": .string(state.rawValue),
            "lostChanges": lostChanges.map { .int(Int64($0)) } ?? .null,
            "rejectedChanges": .int(Int64(rejectedChanges)),
        ])
    }

    /// Reads ``json``.
    public init?(json: Value) {
        guard let agent = json["agent"]?.stringValue, let device = json["device"]?.stringValue,
            let firstSeen = json["firstSeen"]?.stringValue.flatMap(Instant.init),
            let lastSeen = json["lastSeen"]?.stringValue.flatMap(Instant.init),
            let state = json["state"]?.stringValue.flatMap(DeviceState.init(rawValue:))
        else { return nil }
        self.init(
            agent: agent, device: device, firstSeen: firstSeen, lastSeen: lastSeen, state: state,
            lostChanges: json["lostChanges"]?.intValue.map { Int($0) },
            rejectedChanges: json["rejectedChanges"]?.intValue.map { Int($0) } ?? 0)
    }
}
