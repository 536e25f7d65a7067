import FieldAgentCore

/// A registered device (protocol.md → Devices): one replica id of one agent, with the SHA-256 of
/// its device token and what the back office decided about it.
///
/// The token itself is never stored. ``lastSeen`` is kept up to date in memory on every request
/// and reaches disk only with the next record of this device or the next snapshot, so after a
/// crash it may be older than the device's last request.
public struct DeviceRecord: Hashable, Sendable {
    /// The device's replica id.
    public var replica: String
    /// The agent it belongs to.
    public var agent: String
    /// SHA-256 of the device token's 32 raw bytes; a new registration replaces it.
    public var tokenHash: [UInt8]
    /// When it first registered.
    public var firstSeen: Instant
    /// When its token was last used (or it last registered).
    public var lastSeen: Instant
    /// A revoked device's token gets `401 device-revoked`.
    public var revoked: Bool
    /// Whether the back office asked the revoked device to delete its data.
    public var wipeRequested: Bool
    /// When the device reported that it wiped its data, if it did.
    public var wipedAt: Instant?
    /// The unsynced changes the device reported lost by its wipe.
    public var lostChanges: Int?
    /// The changes from this device the server has refused; the device keeps each in its
    /// rejected list. Kept up to date like ``lastSeen``.
    public var rejectedChanges: Int

    /// A record with the given members.
    public init(
        replica: String, agent: String, tokenHash: [UInt8], firstSeen: Instant, lastSeen: Instant,
        revoked: Bool = false, wipeRequested: Bool = false, wipedAt: Instant? = nil, lostChanges: Int? = nil,
        rejectedChanges: Int = 0
    ) {
        self.replica = replica
        self.agent = agent
        self.tokenHash = tokenHash
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.revoked = revoked
        self.wipeRequested = wipeRequested
        self.wipedAt = wipedAt
        self.lostChanges = lostChanges
        self.rejectedChanges = rejectedChanges
    }

    /// Active, revoked, or wiped (revoked and reported wiped).
    public var state: DeviceState {
        if wipedAt != nil { return .wiped }
        return revoked ? .revoked : .active
    }

    /// Whether `other` is the same registration, ignoring ``lastSeen`` and ``rejectedChanges``
    /// (which change with requests).
    func sameRegistration(as other: DeviceRecord) -> Bool {
        var copy = other
        copy.lastSeen = lastSeen
        copy.rejectedChanges = rejectedChanges
        return copy == self
    }
}
