import FieldAgentCore
import Testing

@Suite struct ReplicaStateTests {
    let phone = Target(customer: "C-1", field: "phone")

    @Test func concurrentWritesConflictAndResolutionClearsEverywhere() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let wa = a.set(phone, to: "+358400000001", agent: "alice", wallMillis: 1_000)
        let wb = b.set(phone, to: "+358400000002", agent: "bob", wallMillis: 2_000)
        a.apply(wb)
        b.apply(wa)
        #expect(a.conflicts().count == 1)
        #expect(a.conflicts()[0].values.map(\.agent) == ["bob", "alice"])
        #expect(a.value(phone) == b.value(phone))
        let fix = a.set(phone, to: "+358400000003", agent: "alice", wallMillis: 3_000)
        b.apply(fix)
        #expect(a.conflicts().isEmpty && b.conflicts().isEmpty)
        #expect(a.digest() == b.digest())
    }

    @Test func sequentialWritesDoNotConflict() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let first = a.set(phone, to: "+358400000001", agent: "alice", wallMillis: 5_000)
        b.apply(first)
        let second = b.set(phone, to: "+358400000002", agent: "bob", wallMillis: 1_000)  // older clock, but causal
        a.apply(second)
        #expect(a.conflicts().isEmpty)
        #expect(a.value(phone) == "+358400000002")
    }

    @Test func flagsAreAddWins() {
        var a = ReplicaState(replicaID: "a")
        var b = ReplicaState(replicaID: "b")
        let add = a.setFlag(customer: "C-1", flag: "dispute", present: true, agent: "alice", wallMillis: 1)
        b.apply(add)
        let remove = b.setFlag(customer: "C-1", flag: "dispute", present: false, agent: "bob", wallMillis: 3)
        let readd = a.setFlag(customer: "C-1", flag: "dispute", present: true, agent: "alice", wallMillis: 2)
        a.apply(remove)
        b.apply(readd)
        #expect(a.flags(customer: "C-1") == ["dispute"])
        #expect(a.digest() == b.digest())
        let finalRemove = a.setFlag(customer: "C-1", flag: "dispute", present: false, agent: "alice", wallMillis: 4)
        b.apply(finalRemove)
        #expect(b.flags(customer: "C-1").isEmpty)
    }

    @Test func eventsAreCreatedOnce() {
        var a = ReplicaState(replicaID: "a")
        let contact = a.create(
            .contact, id: "K-1", customer: "C-1", body: .object(["note": "called"]), agent: "alice", wallMillis: 1)
        var b = ReplicaState(replicaID: "b")
        let report = b.apply([contact, contact, contact])
        #expect(report.applied == 1 && report.duplicates == 2)
        #expect(b.events(customer: "C-1", entity: .contact).count == 1)
    }

    @Test func erasurePurgesAndDropsLaterChangesWithAReport() {
        var a = ReplicaState(replicaID: "a")
        var offline = ReplicaState(replicaID: "offline")
        let name = a.set(Target(customer: "C-1", field: "name"), to: "Aino", agent: "alice", wallMillis: 1)
        offline.apply(name)
        let stale = offline.set(
            Target(customer: "C-1", field: "phone"), to: "+358401234567", agent: "bob", wallMillis: 2)
        let erase = a.erase(customer: "C-1", agent: "backoffice", wallMillis: 3)
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
            _ = a.set(
                Target(customer: "C-\(i)", field: "phone"), to: .string("+35840000000\(i)"), agent: "alice",
                wallMillis: 1)
        }
        b.apply(a.changes(since: b.versionVector))
        _ = a.set(Target(customer: "C-1", field: "email"), to: "a@example.fi", agent: "alice", wallMillis: 2)
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
            _ = a.set(
                Target(customer: "C-1", entity: .note, id: "N-\(i)", field: "x"), to: v, agent: "al",
                wallMillis: Int64(i))
        }
        let changes = a.liveChanges()
        #expect(try ChangeCodec.decode(ChangeCodec.encode(changes)) == changes)
        let restored = try ReplicaState(snapshot: a.snapshot())
        #expect(restored.digest() == a.digest())
        #expect(restored.nextCounter == a.nextCounter)
    }

    @Test func truncatedOrCorruptBytesAreRejected() {
        var a = ReplicaState(replicaID: "a")
        _ = a.set(phone, to: "+358400000001", agent: "alice", wallMillis: 1)
        let bytes = a.snapshot()
        for cut in [0, 3, bytes.count / 2, bytes.count - 1] {
            #expect(throws: DecodeError.self) { try ReplicaState(snapshot: Array(bytes.prefix(cut))) }
        }
    }
}
