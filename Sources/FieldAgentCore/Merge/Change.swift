/// One replicated edit: the unit that is logged, pushed, pulled and merged.
public struct Change: Hashable, Sendable {
    public var id: ChangeID
    public var hlc: HLCTimestamp
    /// The agent (or `backoffice`) who made the change; shown in conflict listings.
    public var agent: String
    public var target: Target
    public var op: Operation
    public var value: Value
    /// The changes whose values this one supersedes: what the writer saw in the register.
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

    /// The deterministic winner order among concurrent values: later timestamp, then higher replica id, then counter.
    public func winsOver(_ other: Change) -> Bool {
        if hlc != other.hlc { return hlc > other.hlc }
        if id.replica != other.id.replica { return id.replica > other.id.replica }
        return id.counter > other.id.counter
    }
}
