import FieldAgentCore
import Testing

@Suite struct ReplicaStateTests {
    let phone = Target(customer: "C-1", field: "phone")

    @Test func concurrentWritesConflictAndResolutionClearsEverywhere() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let wa = a.commit(.set(phone, "+358400000001"), by: "alice", at: 1_000)
        let wb = b.commit(.set(phone, "+358400000002"), by: "bob", at: 2_000)
        a.apply(wb)
        b.apply(wa)
        #expect(a.conflicts().count == 1)
        #expect(a.conflicts()[0].values.map(\.agent) == ["bob", "alice"])
        #expect(a.value(phone) == b.value(phone))
        let fix = a.commit(.set(phone, "+358400000003"), by: "alice", at: 3_000)
        b.apply(fix)
        #expect(a.conflicts().isEmpty && b.conflicts().isEmpty)
        #expect(a.digest() == b.digest())
    }

    @Test func sequentialWritesDoNotConflict() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let first = a.commit(.set(phone, "+358400000001"), by: "alice", at: 5_000)
        b.apply(first)
        let second = b.commit(.set(phone, "+358400000002"), by: "bob", at: 1_000)  // older clock, but causal
        a.apply(second)
        #expect(a.conflicts().isEmpty)
        #expect(a.value(phone) == "+358400000002")
    }

    @Test func flagsAreAddWins() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let add = a.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1)
        b.apply(add)
        let remove = b.commit(.flag(customer: "C-1", flag: "dispute", present: false), by: "bob", at: 3)
        let readd = a.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 2)
        a.apply(remove)
        b.apply(readd)
        #expect(a.flags(customer: "C-1") == ["dispute"])
        #expect(a.digest() == b.digest())
        let finalRemove = a.commit(.flag(customer: "C-1", flag: "dispute", present: false), by: "alice", at: 4)
        b.apply(finalRemove)
        #expect(b.flags(customer: "C-1").isEmpty)
    }

    @Test func eventsAreCreatedOnce() {
        var a = ReplicaState(replicaID: "a")
        let contact = a.commit(
            .create(.contact, id: "K-1", customer: "C-1", body: .object(["note": "called"])), by: "alice", at: 1)
        var b = ReplicaState(replicaID: "b")
        let report = b.apply([contact, contact, contact])
        #expect(report.applied == 1 && report.duplicates == 2)
        #expect(b.events(customer: "C-1", entity: .contact).count == 1)
    }

    @Test func erasurePurgesAndDropsLaterChangesWithAReport() {
        var a = ReplicaState(replicaID: "a")
        var offline = ReplicaState(replicaID: "offline")
        let name = a.commit(.set(Target(customer: "C-1", field: "name"), "Aino"), by: "alice", at: 1)
        offline.apply(name)
        let stale = offline.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "bob", at: 2)
        let erase = a.commit(.erase(customer: "C-1"), by: "backoffice", at: 3)
        #expect(a.fields(customer: "C-1").isEmpty)
        let report = a.apply(stale)
        #expect(report.dropped == [DroppedChange(id: stale.id, customer: "C-1", reason: .customerErased)])
        #expect(a.fields(customer: "C-1").isEmpty)
        // Erasure arriving after the edits gives the same state.
        offline.apply(erase)
        #expect(offline.digest() == a.digest())
        let bytes = a.snapshot()
        #expect(!String(decoding: bytes, as: UTF8.self).contains("Aino"))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("+358401234567"))
    }

    @Test func deltasCarryOnlyWhatIsMissing() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        for i in 0..<10 {
            _ = a.commit(
                .set(Target(customer: "C-\(i)", field: "phone"), .string("+35840000000\(i)")), by: "alice", at: 1)
        }
        b.apply(a.changes(since: b.versionVector))
        _ = a.commit(.set(Target(customer: "C-1", field: "email"), "a@example.fi"), by: "alice", at: 2)
        let delta = a.changes(since: b.versionVector)
        #expect(delta.changes.count == 1)
        b.apply(delta)
        #expect(a.changes(since: b.versionVector).changes.isEmpty)
        #expect(a.digest() == b.digest())
    }

    @Test func codecRoundTripsEveryValueShape() throws {
        var a = ReplicaState(replicaID: "device-1")
        let values: [Value] = [
            .null, true, false, 42, -7, .double(1.5), "short", .string(String(repeating: "long text ", count: 10)),
            .list(["a", 1, .null]), .object(["k": "v", "n": .object(["deep": 1])]),
        ]
        for (i, v) in values.enumerated() {
            _ = a.commit(
                .set(Target(customer: "C-1", entity: .note, id: "N-\(i)", field: "x"), v), by: "al", at: Int64(i))
        }
        let changes = a.liveChanges()
        #expect(try ChangeCodec.decode(ChangeCodec.encode(changes)) == changes)
        let restored = try ReplicaState(snapshot: a.snapshot())
        #expect(restored.digest() == a.digest())
        #expect(restored.nextCounter == a.nextCounter)
    }

    @Test func truncatedOrCorruptBytesAreRejected() {
        var a = ReplicaState(replicaID: "a")
        _ = a.commit(.set(phone, "+358400000001"), by: "alice", at: 1)
        let bytes = a.snapshot()
        for cut in [0, 3, bytes.count / 2, bytes.count - 1] {
            #expect(throws: DecodeError.self) { try ReplicaState(snapshot: Array(bytes.prefix(cut))) }
        }
    }
}
