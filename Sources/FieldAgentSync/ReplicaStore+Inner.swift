import FieldAgentCore
import FieldAgentProtocol

extension ReplicaStore.Inner {
    /// The first counter no change (durable or being written) has taken.
    var firstFreeCounter: UInt64 { max(state.nextCounter, reservedCounter + 1, counterFloor + 1) }

    /// Marks changes numbered by this replica as being written.
    mutating func reserve(_ changes: [Change]) {
        guard let last = changes.last else { return }
        reservedCounter = max(reservedCounter, last.id.counter)
        for change in changes { inFlight[change.id] = change }
    }

    /// Gives back the counters of changes whose write failed, when no later write took counters since.
    mutating func unreserve(_ changes: [Change]) {
        guard let first = changes.first, let last = changes.last else { return }
        release(changes)
        if reservedCounter == last.id.counter { reservedCounter = first.id.counter - 1 }
    }

    /// Ends the in-flight state of changes that are now durable.
    mutating func release(_ changes: [Change]) {
        for change in changes { inFlight[change.id] = nil }
    }

    mutating func load(metadata: [String: [UInt8]]) {
        func text(_ key: String) -> String? { metadata[key].map { String(decoding: $0, as: UTF8.self) } }
        cursor = text(ReplicaStore.Key.cursor)
        pushedThrough = text(ReplicaStore.Key.pushedThrough).flatMap { UInt64($0) } ?? 0
        lastSync = text(ReplicaStore.Key.lastSync).flatMap { Int64($0) }
        clockOffset = text(ReplicaStore.Key.clockOffset).flatMap { Int64($0) } ?? 0
        compactPending = metadata[ReplicaStore.Key.compactPending] != nil
        epoch = text(ReplicaStore.Key.epoch)
        acknowledged = text(ReplicaStore.Key.acknowledged).flatMap { UInt64($0) } ?? 0
        counterFloor = text(ReplicaStore.Key.counterFloor).flatMap { UInt64($0) } ?? 0
        resendAbove = text(ReplicaStore.Key.resendAbove).flatMap { UInt64($0) }
        if let bytes = metadata[ReplicaStore.Key.rejected], let list = (try? JSON.parse(bytes))?.listValue {
            rejected = list.compactMap(RejectedChange.init(json:))
        }
    }

    /// Applies one log record to the in-memory state.
    mutating func replay(_ record: ReplicaRecord) {
        switch record {
        case .local(let changes):
            adopt(changes)
            loggedChanges += changes.count
        case .remote(let changes):
            state.apply(changes)
            loggedChanges += changes.count
        case .purge(let customer):
            state.purge(customer: customer)
        case .retract(let ids, let replacements):
            for entry in ids {
                guard let removed = state.retract(entry.id, customer: entry.customer) else { continue }
                state.restore(superseded.filter { $0.op == removed.op && $0.target == removed.target })
            }
            adopt(replacements)
            loggedChanges += ids.count + replacements.count
        case .superseded(let writes):
            keepSuperseded(writes)
        }
    }

    /// Numbers and stamps the re-sends of changes the server refused for their stamp or number, and
    /// sums up a push's answer: what ``ReplicaStore/recordPush(batch:results:serverTime:at:marks:)``
    /// then writes.
    ///
    /// A change refused `clock-skew` is re-made with the server's time; one refused `id-reused` at or
    /// below `highWater` (the server holds another change under its id: this device lost its own
    /// history, e.g. restored from a backup) is re-made above it. Neither joins the rejection list.
    mutating func planPush(batch: [Change], results: [ChangeResult], serverTime: Int64, highWater: UInt64?)
        -> PushPlan
    {
        var outcome = PushOutcome()
        var retractions: [(id: ChangeID, customer: String)] = []
        counterFloor = max(counterFloor, highWater ?? 0)
        // A fresh clock: this device's clock ran ahead of the server's, so its readings are not kept.
        var maker = ChangeMaker(replicaID: state.replicaID, clock: HybridLogicalClock(), firstCounter: firstFreeCounter)
        var answered = acknowledged
        for (change, result) in zip(batch, results) {
            switch result.status {
            case .accepted, .duplicate:
                if result.status == .accepted { outcome.accepted += 1 } else { outcome.duplicates += 1 }
                answered = max(answered, change.id.counter)
            case .rejected:
                let live = state.liveChange(change.id, customer: change.target.customer) != nil
                if live { retractions.append((change.id, change.target.customer)) }
                if live, result.reason == .clockSkew {
                    maker.remake(change, at: serverTime)
                } else if live, result.reason == .idReused, let highWater, change.id.counter <= highWater {
                    maker.remake(change, at: change.hlc.wallMillis, supersedingOriginal: false)
                    outcome.renumbered += 1
                } else {
                    outcome.rejected.append(
                        RejectedChange(
                            id: change.id, customer: change.target.customer,
                            reason: result.reason?.rawValue ?? "rejected", detail: result.detail, change: change))
                }
            }
        }
        outcome.restamped = maker.changes
        if !outcome.restamped.isEmpty, outcome.renumbered < outcome.restamped.count { state.clock = maker.clock }
        reserve(outcome.restamped)
        return PushPlan(
            outcome: outcome, retractions: retractions,
            pushedThrough: max(pushedThrough, batch.map(\.id.counter).max() ?? 0),
            rejected: rejected + outcome.rejected, acknowledged: answered)
    }

    /// The marks an answer with `marks` leaves: its epoch when none was known (a changed epoch is a
    /// rewind, handled by ``ReplicaStore/recover(from:)`` instead), `acknowledged` when given and of
    /// the same epoch, and a counter floor raised to the server's high-water mark.
    func marksUpdate(_ marks: ServerMarks?, acknowledged answered: UInt64?) -> MarksUpdate {
        var update = MarksUpdate(epoch: epoch, acknowledged: acknowledged, counterFloor: counterFloor)
        guard let marks else { return update }
        if epoch == nil { update.epoch = marks.epoch }
        if update.epoch == marks.epoch, let answered { update.acknowledged = max(acknowledged, answered) }
        update.counterFloor = max(counterFloor, marks.highWater ?? 0)
        return update
    }

    /// Publishes marks written with an answer.
    mutating func apply(_ update: MarksUpdate) {
        epoch = update.epoch
        acknowledged = update.acknowledged
        counterFloor = max(counterFloor, update.counterFloor)
    }

    /// This replica's live changes numbered above `counter` that are not pending: what a server
    /// that lost everything above `counter` (a rewind) lacks.
    func unsentOwnChanges(above counter: UInt64) -> [Change] {
        let pending = Set(outbox.map(\.id))
        let replica = state.replicaID
        return state.liveChanges().filter {
            $0.id.replica == replica && $0.id.counter > counter && !pending.contains($0.id)
        }
    }

    /// Queues `changes` (``unsentOwnChanges(above:)``) again so the next push sends them, and
    /// forgets having seen this replica's changes it does not hold, so they apply when pulled again.
    mutating func requeue(_ changes: [Change], above counter: UInt64) {
        state.forgetUnheldChanges(of: state.replicaID)
        outbox += changes
        pushedThrough = min(pushedThrough, counter)
    }

    /// Whether at least a third of what the snapshot and log hold is superseded, erased or purged.
    var mostlyDead: Bool {
        let live = state.liveCount
        return (liveAtSnapshot + loggedChanges - live) * 2 >= live
    }

    /// Applies this device's own changes and queues them for the next push.
    private mutating func adopt(_ changes: [Change]) {
        guard !changes.isEmpty else { return }
        state.apply(changes)
        for change in changes where change.hlc > state.clock.last {
            state.clock.receive(change.hlc, wallMillis: change.hlc.wallMillis)
        }
        outbox.append(contentsOf: changes)
    }

    /// Drops from the outbox what is answered (counter at or below the pushed-through mark) or erased.
    mutating func trimOutbox() {
        let through = pushedThrough
        let state = self.state
        outbox.removeAll { $0.id.counter <= through || state.isErased($0.target.customer) }
        guard !superseded.isEmpty else { return }
        let pending = Set(outbox.map { RegisterKey(op: $0.op, target: $0.target) })
        superseded.removeAll { !pending.contains(RegisterKey(op: $0.op, target: $0.target)) }
    }

    /// The live register writes that `changes` (this device's, about to be applied) supersede.
    func shadowed(by changes: [Change]) -> [Change] {
        var out: [Change] = []
        for change in changes where change.op == .set || change.op == .flag {
            for live in state.liveWrites(change.op, change.target)
            where change.dominates(live) && !out.contains(where: { $0.id == live.id }) {
                out.append(live)
            }
        }
        return out
    }

    /// Remembers superseded register writes (once each) for as long as a pending change covers them.
    mutating func keepSuperseded(_ writes: [Change]) {
        for write in writes where !superseded.contains(where: { $0.id == write.id }) { superseded.append(write) }
    }

    /// The rejection list without the edits (which may hold personal data) for erased customers.
    static func stripping(_ customers: Set<String>, from list: [RejectedChange]) -> [RejectedChange] {
        list.map { entry in
            var entry = entry
            if customers.contains(entry.customer) { entry.change = nil }
            return entry
        }
    }
}
