import FieldAgentCore

/// Everything the sync server keeps: the change log with its cursor, the current merged state,
/// agents with token hashes, and assignments.
///
/// The sync service and the back office talk to this protocol only, so a database backend
/// (several stateless servers sharing one PostgreSQL) can replace ``FileServerStorage``.
/// Every mutating call returns only after its effect is durable.
public protocol ServerStorage: AnyObject, Sendable {
    /// All agents, sorted by name.
    func agents() -> [AgentRecord]
    /// Adds an agent or replaces its record (e.g. to revoke it). Durable on return.
    func saveAgent(_ agent: AgentRecord) throws(ServerStorageError)

    /// The agent or device whose token has SHA-256 `hash` (the device with its agent), or nil.
    ///
    /// A lookup by hash, not by token: its timing can tell only about hashes, which do not lead
    /// back to a token.
    func tokenOwner(hash: [UInt8]) -> TokenOwnerRecord?

    /// Every registered device, sorted by agent, then replica id.
    func devices() -> [DeviceRecord]
    /// The device registered under `replica`, or nil.
    func device(_ replica: String) -> DeviceRecord?
    /// Stores `device` (the latest record of a replica id wins) if the stored record of its
    /// replica id is still `expected` (ignoring ``DeviceRecord/lastSeen``; nil: none stored), so
    /// a registration and a revocation at the same moment cannot undo each other. Returns whether
    /// it stored. Durable on return.
    func saveDevice(_ device: DeviceRecord, replacing expected: DeviceRecord?) throws(ServerStorageError) -> Bool
    /// Notes that the device under `replica` made a request at `time`. In memory only: it reaches
    /// disk with the device's next record or the next snapshot.
    func deviceSeen(_ replica: String, at time: Instant)
    /// Adds `count` to the changes refused from the device under `replica`. In memory only, like
    /// ``deviceSeen(_:at:)``.
    func deviceRejected(_ replica: String, count: Int)

    /// The agents assigned to `customer`.
    func assignedAgents(of customer: String) -> Set<String>
    /// The log sequence of the assignment event that put `agent` on `customer`, while it is in force.
    func assignmentSequence(customer: String, agent: String) -> UInt64?
    /// Adds or removes assignments in one durable write, logging an event for each that changes
    /// something. Returns how many changed.
    func setAssignments(_ changes: [AssignmentChange]) throws(ServerStorageError) -> Int

    /// Whether a change with this id was stored, and with the same content as `change`.
    func status(of change: Change) -> StoredChangeStatus
    /// Stores changes that passed validation, deciding duplicates atomically; durable on return.
    func append(_ changes: [Change]) throws(ServerStorageError) -> [AppendOutcome]
    /// Erases a customer: stores the tombstone (durably, first) and removes every other byte about
    /// it from storage. An erasure interrupted between the two is finished when the storage opens.
    func erase(customer: String, with tombstone: Change) throws(ServerStorageError)
    /// Removes again every byte about erased customers the storage may still hold. Durable on return.
    func purgeErasedData() throws(ServerStorageError)

    /// The page of the log after `cursor` that `agent` may see (protocol.md → Pull), at most about
    /// `limit` changes: what its customers' changes, assignments and unassignments after the
    /// cursor add up to. Its cost follows the agent's customers, not the company's log.
    func page(for agent: String, after cursor: UInt64, limit: Int) throws(ServerStorageError) -> StoredPage
    /// The stored changes of `customer` with their sequence numbers, in sequence order: every live
    /// one (superseded ones may be left out; merging them again is harmless); only the tombstone for
    /// an erased customer.
    func changes(of customer: String) throws(ServerStorageError) -> [(sequence: UInt64, change: Change)]
    /// The merged state of `customer` alone (empty if none is stored), as the back office and push
    /// validation see it. A storage may keep recent ones merged; the default merges ``changes(of:)``.
    func customerState(_ customer: String) throws(ServerStorageError) -> ReplicaState
    /// The change `id` stored for `customer`, live or since superseded; nil if none is held.
    func storedChange(_ id: ChangeID, customer: String) throws(ServerStorageError) -> Change?
    /// The ids of the customers held, sorted; erased ones left out.
    func customerIDs() -> [String]
    /// The ids of the erased customers (their only change is the tombstone), sorted.
    func erasedCustomerIDs() -> [String]
    /// The highest sequence number assigned so far (0 for an empty log).
    var lastSequence: UInt64 { get }
    /// The storage's history id (protocol.md → Epochs): made when the storage is created and made
    /// anew by every rewind (a repair that lost entries, a confirmed restore, a rewind a device
    /// reported). Sequence numbers and cursors mean something only within one epoch.
    var epoch: String { get }
    /// Starts a new epoch, durably, and returns it: devices then re-send what the server lacks and
    /// pull again from the start. `reason` is for the log (no personal data).
    func startNewEpoch(reason: String) throws(ServerStorageError) -> String
    /// The highest change counter stored (or ever stored) under `replica`; 0 for none.
    func highWater(of replica: String) -> UInt64
    /// The agent whose device first stored a change under `replica`, or nil for a replica never seen.
    func replicaAgent(_ replica: String) -> String?
    /// A clock past every back-office change stored, to stamp the next ones.
    var backOfficeClock: HybridLogicalClock { get }

    /// Writes what is buffered and releases the storage. Further calls fail.
    func close()
}
