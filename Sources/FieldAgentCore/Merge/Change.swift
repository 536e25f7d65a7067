/// One replicated edit: the unit that is logged, pushed, pulled and merged.
public struct Change: Hashable, Sendable {
    public var id: ChangeID
    public var hlc: HLCTimestamp
    /// The agent (or `backoffice`) who made the change; shown in conflict listings.
    public var agent: String
    public var target: Target
    public var op: Operation
    public var value: Value
    /// The causal context of a write: for each replica, the highest counter of its writes to this
    /// field that the writer had seen. The write supersedes every such value, directly or through
    /// values that superseded it, so a chain of edits is cut however the middle links travel.
    public var replaces: [ChangeID]

    public init(
        id: ChangeID, hlc: HLCTimestamp, agent: String, target: Target, op: Operation, value: Value,
        replaces: [ChangeID] = []
    ) {
        self.id = id
        self.hlc = hlc
        self.agent = agent
        self.target = target
        self.op = op
        self.value = value
        self.replaces = replaces
    }

    /// Whether this write supersedes `other` (a write to the same field).
    @inline(__always)
    public func dominates(_ other: Change) -> Bool {
        for r in replaces where r.replica == other.id.replica { return r.counter >= other.id.counter }
        return false
    }

    /// The deterministic winner order among concurrent values: later timestamp, then higher replica id, then counter.
    public func winsOver(_ other: Change) -> Bool {
        if hlc != other.hlc { return hlc > other.hlc }
        if id.replica != other.id.replica { return id.replica > other.id.replica }
        return id.counter > other.id.counter
    }
}
