/// What a completed sync did.
public struct SyncReport: Sendable, Hashable {
    /// Pushed changes the server stored.
    public var accepted = 0
    /// Pushed changes the server already had (retries).
    public var duplicates = 0
    /// Pushed changes the server refused in this sync (also kept in the store's rejected list).
    public var rejected: [RejectedChange] = []
    /// Changes re-stamped with corrected time after a `clock-skew` refusal, and pushed again.
    public var restamped = 0
    /// Push requests sent (retries not counted).
    public var pushes = 0
    /// Pages pulled.
    public var pages = 0
    /// Changes pulled (including this device's own, which are no-ops).
    public var pulledChanges = 0
    /// Bytes of pull responses.
    public var pulledBytes = 0
    /// Bytes of push request bodies.
    public var pushedBytes = 0
    /// Customers purged (no longer assigned).
    public var purged: [String] = []
    /// Customers erased.
    public var erased: [String] = []
    /// Whether this sync registered the device (and saved its device token).
    public var registered = false
    /// Network retries made.
    public var retries = 0
    /// Whether the server's history was found rewound (a restore, a repair, a lost log tail), so
    /// this device re-sent what the server lacked and pulled everything again.
    public var recovered = false
    /// This device's changes queued again because the server had lost them.
    public var requeued = 0
    /// Pending changes renumbered above the server's high-water mark (this device had lost its own history).
    public var renumbered = 0

    /// An empty report.
    public init() {}
}
