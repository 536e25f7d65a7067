import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

@Suite struct ReplicaStoreTests {
    let at = Instant(millisecondsSinceEpoch: 1_795_941_000_000)

    func remoteCustomer(_ id: String, counter: UInt64 = 1, name: String = "Aino Virtanen") -> Change {
        Change(
            id: ChangeID(replica: "backoffice", counter: counter), hlc: HLCTimestamp(wallMillis: 1_795_940_000_000),
            agent: "backoffice", target: Target(customer: id, field: "name"), op: .set, value: .string(name))
    }

    @Test func acknowledgedLocalChangesSurviveReopen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        var store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        var acknowledged: [Change] = []
        for i in 0..<50 {
            acknowledged += try store.record(
                [.set(Target(customer: "C-1", field: "note"), .string("visit \(i)"))], agent: "alice", at: at)
        }
        let digest = store.state.digest()
        store.close()
        store = try ReplicaStore.open(at: path)
        defer { store.close() }
        #expect(store.state.digest() == digest)
        #expect(store.pending.map(\.id) == acknowledged.map(\.id))
        #expect(store.state.value(Target(customer: "C-1", field: "note")) == .string("visit 49"))
        #expect(store.cursor == "1")
        // Counters continue after reopen: no id is reused.
        let next = try store.record([.flag(customer: "C-1", flag: "hardship", present: true)], agent: "alice", at: at)
        #expect(next[0].id.counter == 51)
    }

    @Test func cursorAndPageCommitTogetherWhenTheWriteFails() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        let store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        FaultInjection.shared.arm("fdatasync", errno: 5, subjectContaining: path)
        #expect(throws: ReplicaStoreError.self) {
            try page(store, [remoteCustomer("C-2", counter: 2)], cursor: "2")
        }
        // Nothing of the failed page is visible, and the cursor did not move.
        #expect(store.cursor == "1")
        #expect(store.state.customerIDs == ["C-1"])
        store.close()
        let reopened = try ReplicaStore.open(at: path)
        defer { reopened.close() }
        #expect(reopened.cursor == "1")
        #expect(reopened.state.customerIDs == ["C-1"])
    }

    @Test func aTornPageRecoversToThePreviousCursorAndData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        let store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        _ = try page(store, [remoteCustomer("C-2", counter: 2)], cursor: "2")
        store.close()
        // A crash in the middle of writing the second page: its frame is cut short.
        let log = try #require(try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasPrefix("log-") })
        let handle = try #require(FileHandle(forUpdatingAtPath: (path as NSString).appendingPathComponent(log)))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 7)
        try handle.close()
        let reopened = try ReplicaStore.open(at: path)
        defer { reopened.close() }
        #expect(reopened.cursor == "1")
        #expect(reopened.state.customerIDs == ["C-1"])
    }

    @Test func pendingRejectedAndLastSyncPersist() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        var store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        let batch = try store.record(
            [
                .set(Target(customer: "C-1", field: "phone"), .string("+358401111111")),
                .set(Target(customer: "C-1", field: "email"), .string("a@example.fi")),
            ], agent: "alice", at: at)
        let later = try store.record(
            [.set(Target(customer: "C-1", field: "language"), .string("sv"))], agent: "alice", at: at)
        let outcome = try store.recordPush(
            batch: batch,
            results: [
                ChangeResult(id: batch[0].id, status: .accepted),
                ChangeResult(id: batch[1].id, status: .rejected, reason: .notAssigned, detail: "not yours"),
            ], serverTime: at.millisecondsSinceEpoch, at: at)
        #expect(outcome.accepted == 1)
        try store.markSynced(at: at)
        store.close()
        store = try ReplicaStore.open(at: path)
        defer { store.close() }
        #expect(store.pending.map(\.id) == later.map(\.id))
        #expect(store.rejected.map(\.id) == [batch[1].id])
        #expect(store.rejected.first?.reason == "not-assigned")
        #expect(store.rejected.first?.change?.value == .string("a@example.fi"))
        #expect(store.lastSync == at)
    }

    @Test func erasureLeavesNoPersonalDataInAnyFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        let store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        defer { store.close() }
        var office = ReplicaState(replicaID: "backoffice")
        let imported = office.commit(
            office.importEdits(for: Sample.customer("C-9", agents: ["alice"], name: "Zebulon Quuxington")),
            by: "backoffice", at: at.millisecondsSinceEpoch)
        _ = try page(store, imported, cursor: "1")
        try store.record(
            [
                .create(
                    .contact, id: "K-1", customer: "C-9",
                    body: .object([
                        "at": .string(at.description), "channel": "call", "outcome": "right-party-contact",
                        "note": "Secret-Note-Text about the debt",
                    ])),
                .set(Target(customer: "C-9", field: "phone"), .string("+358409998877")),
            ], agent: "alice", at: at)
        #expect(try RawFiles.anyContains("Zebulon Quuxington", under: path))
        #expect(try RawFiles.anyContains("Secret-Note-Text", under: path))
        let tombstone = office.commit(.erase(customer: "C-9"), by: "backoffice", at: at.millisecondsSinceEpoch)
        let outcome = try page(store, [tombstone], cursor: "2")
        #expect(outcome.erased == ["C-9"])
        #expect(outcome.droppedPending.count == 2)
        for secret in ["Zebulon Quuxington", "Secret-Note-Text", "+358409998877", "+358401234567", "aino@example.fi"] {
            #expect(try RawFiles.containing(secret, under: path).isEmpty, "personal data left after erasure")
        }
        #expect(store.pendingCount == 0)
        #expect(store.rejected.map(\.reason) == ["customer-erased", "customer-erased"])
        #expect(store.state.isErased("C-9"))
    }

    @Test func purgeForgetsTheCustomerAndAReassignmentBringsItBack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        var store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        var office = ReplicaState(replicaID: "backoffice")
        let imported = office.commit(
            office.importEdits(for: Sample.customer("C-7", agents: ["alice"], name: "Purgatory Person")),
            by: "backoffice", at: at.millisecondsSinceEpoch)
        _ = try page(store, imported, cursor: "1")
        _ = try page(store, [], purge: ["C-7"], cursor: "2")
        #expect(store.state.customer("C-7") == nil)
        #expect(try !RawFiles.anyContains("Purgatory Person", under: path))
        store.close()
        store = try ReplicaStore.open(at: path)
        defer { store.close() }
        #expect(store.state.customer("C-7") == nil)
        // Assigned again: the server sends the same changes again, and they apply.
        _ = try page(store, imported, cursor: "3")
        #expect(store.state.customer("C-7")?.name == "Purgatory Person")
    }

    @Test func concurrentWritersShareFlushesAndLoseNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        let store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for i in 0..<25 {
                _ = try? store.record(
                    [
                        .create(
                            .contact, id: "K-\(worker)-\(i)", customer: "C-1",
                            body: .object(["at": .string(at.description), "channel": "call", "outcome": "no-answer"]))
                    ], agent: "alice", at: at)
            }
        }
        #expect(store.pendingCount == 200)
        #expect(Set(store.pending.map(\.id.counter)) == Set(1...200))
        let digest = store.state.digest()
        store.close()
        let reopened = try ReplicaStore.open(at: path)
        defer { reopened.close() }
        #expect(reopened.state.digest() == digest)
        #expect(reopened.state.contacts(customer: "C-1").count == 200)
    }

    @Test func compactionKeepsStateAndOutbox() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.appending("replica")
        var store = try ReplicaStore.create(at: path, replicaID: "alice-1")
        _ = try page(store, [remoteCustomer("C-1")], cursor: "1")
        try store.record([.set(Target(customer: "C-1", field: "note"), .string("first"))], agent: "alice", at: at)
        #expect(try store.compact())
        try store.record([.set(Target(customer: "C-1", field: "note"), .string("second"))], agent: "alice", at: at)
        let digest = store.state.digest()
        store.close()
        store = try ReplicaStore.open(at: path)
        defer { store.close() }
        #expect(store.state.digest() == digest)
        #expect(store.pendingCount == 2)
        #expect(store.statistics.compactions == 0)
    }

    /// Applies a pulled page at the suite's fixed time.
    @discardableResult
    func page(_ store: ReplicaStore, _ changes: [Change], purge: [String] = [], cursor: String) throws -> PageOutcome {
        try store.applyPage(
            changes: changes, purge: purge, cursor: cursor, serverTime: at.millisecondsSinceEpoch, at: at)
    }
}
