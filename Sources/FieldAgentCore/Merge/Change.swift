/// One replicated edit: the unit that is logged, pushed, pulled and merged.
///
/// A value type whose fields live in one shared, immutable box: the merge engine copies changes
/// around constantly, and a copy then costs one reference count instead of one per string.
public struct Change: Hashable, Sendable {
    private final class Box: Sendable {
        let id: ChangeID
        let hlc: HLCTimestamp
        let agent: String
        let target: Target
        let op: Operation
        let value: Value
        let replaces: [ChangeID]

        init(
            id: ChangeID, hlc: HLCTimestamp, agent: String, target: Target, op: Operation, value: Value,
            replaces: [ChangeID]
        ) {
            self.id = id
            self.hlc = hlc
            self.agent = agent
            self.target = target
            self.op = op
            self.value = value
            self.replaces = replaces
        }
    }

    private let box: Box

    public init(
        id: ChangeID, hlc: HLCTimestamp, agent: String, target: Target, op: Operation, value: Value,
        replaces: [ChangeID] = []
    ) {
        box = Box(id: id, hlc: hlc, agent: agent, target: target, op: op, value: value, replaces: replaces)
    }

    public var id: ChangeID { box.id }
    public var hlc: HLCTimestamp { box.hlc }
    /// The agent (or `backoffice`) who made the change; shown in conflict listings.
    public var agent: String { box.agent }
    public var target: Target { box.target }
    public var op: Operation { box.op }
    public var value: Value { box.value }
    /// The causal context of a write: for each replica, the highest counter of its writes to this
    /// field that the writer had seen. The write supersedes every such value, directly or through
    /// values that superseded it, so a chain of edits is cut however the middle links travel.
    public var replaces: [ChangeID] { box.replaces }

    /// Whether this write supersedes `other` (a write to the same field).
    @inline(__always)
    public func dominates(_ other: Change) -> Bool {
        let otherID = other.box.id
        for r in box.replaces where r.replica == otherID.replica { return r.counter >= otherID.counter }
        return false
    }

    /// Whether this change is a value of the register that `op` on `target` writes.
    @inline(__always)
    func addresses(_ op: Operation, _ other: Target) -> Bool {
        let t = box.target
        return box.op == op && t.field == other.field && t.entity == other.entity && t.id == other.id
    }

    /// The deterministic winner order among concurrent values: later timestamp, then higher replica id, then counter.
    public func winsOver(_ other: Change) -> Bool {
        if hlc != other.hlc { return hlc > other.hlc }
        if id.replica != other.id.replica { return id.replica > other.id.replica }
        return id.counter > other.id.counter
    }

    public static func == (lhs: Change, rhs: Change) -> Bool {
        if lhs.box === rhs.box { return true }
        return lhs.id == rhs.id && lhs.hlc == rhs.hlc && lhs.agent == rhs.agent && lhs.target == rhs.target
            && lhs.op == rhs.op && lhs.value == rhs.value && lhs.replaces == rhs.replaces
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(hlc)
    }
}
