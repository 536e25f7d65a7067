import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentTestSupport
import Testing

/// A device's own write that the server refuses is taken back, and the value it had superseded on
/// the device comes back: the device shows again what every other replica shows.
@Suite struct RefusedWriteRestoreTests {
    static let at = Instant(millisecondsSinceEpoch: 1_795_941_000_000)
    static let phone = Target(customer: "C-1", field: "phone")

    static func office(_ counter: UInt64, _ target: Target, _ value: Value) -> Change {
        Change(
            id: ChangeID(replica: "backoffice", counter: counter), hlc: HLCTimestamp(wallMillis: 1_795_940_000_000),
            agent: "backoffice", target: target, op: .set, value: value)
    }

    /// A store holding the server's phone, and the device's own refused edit of it.
    static func storeWithPendingEdit(_ dir: TemporaryDirectory) throws -> (ReplicaStore, Change) {
        let store = try ReplicaStore.create(at: dir.appending("replica"), replicaID: "alice-1")
        _ = try store.applyPage(
            changes: [
                office(1, Target(customer: "C-1", field: "name"), "Aino Virtanen"), office(2, phone, "+358400000001"),
            ], purge: [], cursor: "2", serverTime: at.millisecondsSinceEpoch, at: at)
        let edit = try store.record([.set(phone, "+358409999999")], agent: "alice", at: at)[0]
        #expect(store.state.value(phone) == "+358409999999")
        return (store, edit)
    }

    static func refuse(_ store: ReplicaStore, _ edit: Change, _ reason: RejectionReason) throws {
        _ = try store.recordPush(
            batch: [edit], results: [ChangeResult(id: edit.id, status: .rejected, reason: reason, detail: "no")],
            serverTime: at.millisecondsSinceEpoch, at: at)
    }

    @Test("a refused edit gives the server's value back, and it stays back after reopening")
    func refusedEditRestoresTheValueUnderIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var (store, edit) = try Self.storeWithPendingEdit(dir)
        try Self.refuse(store, edit, .idReused)
        #expect(store.state.value(Self.phone) == "+358400000001")
        #expect(store.state.conflicts().isEmpty)
        store.close()
        store = try ReplicaStore.open(at: dir.appending("replica"))
        defer { store.close() }
        #expect(store.state.value(Self.phone) == "+358400000001")
    }

    @Test("the value comes back even when the store was reopened and compacted before the refusal")
    func restoreSurvivesReopenAndCompaction() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var (store, edit) = try Self.storeWithPendingEdit(dir)
        #expect(try store.compact())
        store.close()
        store = try ReplicaStore.open(at: dir.appending("replica"))
        defer { store.close() }
        try Self.refuse(store, edit, .unknownReference)
        #expect(store.state.value(Self.phone) == "+358400000001")
        #expect(store.rejected.map(\.id) == [edit.id])
    }

    @Test("a clock-skew refusal is re-stamped, so the device keeps its own value")
    func clockSkewKeepsTheEdit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, edit) = try Self.storeWithPendingEdit(dir)
        defer { store.close() }
        try Self.refuse(store, edit, .clockSkew)
        #expect(store.state.value(Self.phone) == "+358409999999")
        #expect(store.pending.count == 1 && store.pending[0].id != edit.id)
    }
}
