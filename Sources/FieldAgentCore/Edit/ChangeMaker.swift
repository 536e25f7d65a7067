/// Turns edits into changes: counter, hybrid-logical-clock stamp and causal context.
///
/// The one way a change is made. It reads the merged state but never applies what it makes,
/// so a durable owner can apply the changes only once they are on disk. Writes it made, and
/// writes made earlier but not yet applied (`unapplied`), count as seen: a later edit of the
/// same register supersedes them.
///
/// ```swift
/// var maker = ChangeMaker(replicaID: state.replicaID, clock: state.clock, firstCounter: state.nextCounter)
/// let change = maker.make(.set(target, "+358401234567"), by: "alice", at: wall, in: state)
/// state.apply(change)
/// state.clock = maker.clock
/// ```
public struct ChangeMaker: Sendable {
    /// The replica the changes are numbered under.
    public let replicaID: String
    /// The clock after the changes made so far.
    public private(set) var clock: HybridLogicalClock
    /// The counter the next change gets.
    public private(set) var nextCounter: UInt64
    /// The changes made so far, in order.
    public private(set) var changes: [Change] = []
    /// The register writes known but not in the state (unapplied, then made here), by register, in
    /// order: an import makes hundreds of thousands of changes, so a scan of all of them per edit
    /// would make it quadratic.
    private var writes: [Operation: [Target: [Change]]] = [:]

    /// A maker numbering from `firstCounter` on, stamping with `clock`.
    public init(replicaID: String, clock: HybridLogicalClock, firstCounter: UInt64, unapplied: [Change] = []) {
        self.replicaID = replicaID
        self.clock = clock
        self.nextCounter = firstCounter
        for change in unapplied { remember(change) }
    }

    /// A maker for `state`'s own replica, continuing its counter and clock.
    public init(continuing state: ReplicaState) {
        self.init(replicaID: state.replicaID, clock: state.clock, firstCounter: state.nextCounter)
    }

    /// Makes the change for `edit` by `agent` at wall time `wallMillis`, against `state`.
    ///
    /// A write to a register (`set`, `flag`) replaces every value `state` shows for it and every
    /// value this maker knows of that `state` does not hold yet; a removal therefore names only
    /// the adds it saw, so a concurrent add survives. Creations and erasures replace nothing.
    @discardableResult
    public mutating func make(_ edit: Edit, by agent: String, at wallMillis: Int64, in state: ReplicaState) -> Change {
        let target = edit.target
        let op = edit.operation
        var replaces: [ChangeID] = []
        if op == .set || op == .flag {
            replaces = context(op, target, base: state.context(for: op, target: target))
        }
        return append(target: target, op: op, value: edit.value, agent: agent, replaces: replaces, at: wallMillis)
    }

    /// Makes `original` again under a new id and stamp, by its agent: the server refused its stamp.
    ///
    /// The new change supersedes everything the original did, the original itself (so the two
    /// never show as a conflict) and what this maker made before for the same register. An event's
    /// time (`at`, read from the same wrong clock) moves by as much as the stamp does.
    ///
    /// With `supersedingOriginal` false the original's id is left out of `replaces`: for a change
    /// renumbered because the server holds another change under that id, naming it would supersede
    /// that other change.
    @discardableResult
    public mutating func remake(_ original: Change, at wallMillis: Int64, supersedingOriginal: Bool = true) -> Change {
        var replaces: [ChangeID] = []
        if original.op == .set || original.op == .flag {
            let superseded = (supersedingOriginal ? [original] : []) + sameRegister(original.op, original.target)
            replaces =
                superseded.isEmpty
                ? original.replaces : ReplicaState.context(of: superseded, including: original.replaces)
        }
        var value = original.value
        if original.op == .create, case .object(var body) = value,
            let at = body["at"]?.stringValue.flatMap(Instant.init)
        {
            let shift = wallMillis - original.hlc.wallMillis
            body["at"] = .string(Instant(millisecondsSinceEpoch: at.millisecondsSinceEpoch + shift).description)
            value = .object(body)
        }
        return append(
            target: original.target, op: original.op, value: value, agent: original.agent, replaces: replaces,
            at: wallMillis)
    }

    private func sameRegister(_ op: Operation, _ target: Target) -> [Change] {
        writes[op]?[target] ?? []
    }

    private mutating func remember(_ change: Change) {
        guard change.op == .set || change.op == .flag else { return }
        writes[change.op, default: [:]][change.target, default: []].append(change)
    }

    private func context(_ op: Operation, _ target: Target, base: [ChangeID]) -> [ChangeID] {
        let extra = sameRegister(op, target)
        return extra.isEmpty ? base : ReplicaState.context(of: extra, including: base)
    }

    private mutating func append(
        target: Target, op: Operation, value: Value, agent: String, replaces: [ChangeID], at wallMillis: Int64
    ) -> Change {
        let change = Change(
            id: ChangeID(replica: replicaID, counter: nextCounter), hlc: clock.now(wallMillis: wallMillis),
            agent: agent, target: target, op: op, value: value, replaces: replaces)
        nextCounter += 1
        changes.append(change)
        remember(change)
        return change
    }
}
