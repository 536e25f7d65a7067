import FieldAgentCore
import Testing

@Suite struct ChangeMakerTests {
    static let phone = Target(customer: "C-1", field: "phone")

    @Test("a write made before an earlier one is applied still supersedes it, as if it had been applied")
    func unappliedWritesCountAsSeen() {
        var state = ReplicaState(replicaID: "alice-0001")
        var first = ChangeMaker(continuing: state)
        let older = first.make(.set(Self.phone, "+358401111111"), by: "alice", at: 10, in: state)
        // A second writer starts while the first change is still being written (not applied yet).
        var second = ChangeMaker(
            replicaID: state.replicaID, clock: first.clock, firstCounter: first.nextCounter, unapplied: [older])
        let newer = second.make(.set(Self.phone, "+358402222222"), by: "alice", at: 11, in: state)
        #expect(newer.replaces == [older.id])
        for order in [[older, newer], [newer, older]] {
            var replica = state
            replica.apply(order)
            #expect(replica.value(Self.phone) == "+358402222222")
            #expect(replica.conflicts().isEmpty)
        }
        state.apply([newer, older])
        #expect(state.nextCounter == 3)
    }

    @Test("a remade change supersedes its original and what the original superseded")
    func remakeSupersedesTheOriginal() {
        var state = ReplicaState(replicaID: "alice-0001")
        let base = state.commit(.set(Self.phone, "+358401111111"), by: "alice", at: 10)
        let skewed = state.commit(.set(Self.phone, "+358402222222"), by: "alice", at: 99_999_999)
        var maker = ChangeMaker(
            replicaID: state.replicaID, clock: HybridLogicalClock(), firstCounter: state.nextCounter)
        let again = maker.remake(skewed, at: 20)
        #expect(again.value == skewed.value)
        #expect(again.hlc.wallMillis == 20)
        var peer = ReplicaState(replicaID: "bob-0001")
        peer.apply([again, base])
        #expect(peer.value(Self.phone) == "+358402222222")
        #expect(peer.conflicts().isEmpty)
    }

    @Test("creations and erasures carry no causal context; flag writes carry the register's")
    func contextPerOperation() {
        var state = ReplicaState(replicaID: "r1")
        let add = state.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "a", at: 1)
        var maker = ChangeMaker(continuing: state)
        let remove = maker.make(.flag(customer: "C-1", flag: "dispute", present: false), by: "a", at: 2, in: state)
        let contact = maker.make(
            .create(.contact, id: "K-1", customer: "C-1", body: .object([:])), by: "a", at: 3, in: state)
        let erase = maker.make(.erase(customer: "C-1"), by: "a", at: 4, in: state)
        #expect(remove.replaces == [add.id])
        #expect(contact.replaces.isEmpty && erase.replaces.isEmpty)
        #expect(maker.changes.map(\.id.counter) == [2, 3, 4])
    }
}

@Suite struct ChangeMakerRestampTests {
    @Test("a remade event moves its time by as much as its stamp")
    func remakeMovesEventTime() {
        var state = ReplicaState(replicaID: "alice-0001")
        let ahead = Instant("2026-11-29T10:00:00Z")!.millisecondsSinceEpoch
        let contact = state.commit(
            .create(.contact, id: "K-1", customer: "C-1", body: .object(["at": "2026-11-29T10:00:00Z"])), by: "alice",
            at: ahead)
        var maker = ChangeMaker(
            replicaID: state.replicaID, clock: HybridLogicalClock(), firstCounter: state.nextCounter)
        let again = maker.remake(contact, at: ahead - 3_600_000)
        #expect(again.value["at"] == "2026-11-29T09:00:00Z")
        #expect(again.target == contact.target)
    }
}
