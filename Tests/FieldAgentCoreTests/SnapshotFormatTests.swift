import FieldAgentCore
import Testing

@Suite struct SnapshotFormatTests {
    /// More changes than one chunk holds, over many customers.
    static func bigState() -> ReplicaState {
        var state = ReplicaState(replicaID: "big")
        for i in 0..<9_000 {
            let customer = "C-\(i)"
            for field in ["name", "phone", "email", "address", "note"] {
                _ = state.commit(
                    .set(Target(customer: customer, field: field), .string("\(field) \(i)")), by: "a", at: 1)
            }
            _ = state.commit(
                .create(.contact, id: "K-\(i)", customer: customer, body: .object(["n": .int(Int64(i))])), by: "a",
                at: 2)
        }
        _ = state.commit(.erase(customer: "C-17"), by: "backoffice", at: 3)
        return state
    }

    @Test func aSnapshotInSeveralChunksRoundTrips() throws {
        let state = SnapshotFormatTests.bigState()
        #expect(state.liveCount > 50_000)
        let restored = try ReplicaState(snapshot: state.snapshot())
        #expect(restored.digest() == state.digest())
        #expect(restored.nextCounter == state.nextCounter)
        #expect(restored.isErased("C-17"))
    }

    @Test func aVersionOneSnapshotStillOpens() throws {
        let state = SnapshotFormatTests.bigState()
        // Version 1: the same header, then all changes as one list.
        var w = BinaryWriter()
        w.raw(Array("FASNAP".utf8))
        w.byte(1)
        w.string(state.replicaID)
        w.signed(state.clock.last.wallMillis)
        w.varint(UInt64(state.clock.last.logical))
        let vector = state.versionVector.counters
        w.varint(UInt64(vector.count))
        for origin in vector.keys.sorted() {
            w.string(origin)
            w.varint(vector[origin]!)
            w.varint(0)
        }
        w.raw(ChangeCodec.encode(state.liveChanges()))
        let restored = try ReplicaState(snapshot: w.bytes)
        #expect(restored.digest() == state.digest())
    }

    @Test func aChunkThatRunsPastTheEndIsRejected() {
        var bytes = SnapshotFormatTests.bigState().snapshot()
        bytes.removeLast(10)
        #expect(throws: DecodeError.self) { try ReplicaState(snapshot: bytes) }
    }
}
