import FieldAgentCore
import FieldAgentTestSupport
import Testing

@testable import FieldAgentSync

/// The replica store's log records and snapshot, read back from disk: a damaged or hostile file
/// makes them throw ``DecodeError`` promptly, whatever counts it claims.
@Suite struct ReplicaRecordDecodeTests {
    static let largest = UInt64(Int32.max)

    static func bytes(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        build(&w)
        return w.bytes
    }

    static func sampleState() -> ReplicaState {
        var state = ReplicaState(replicaID: "alice-1")
        _ = state.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "alice", at: 1_000)
        _ = state.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1_001)
        _ = state.commit(.erase(customer: "C-2"), by: "backoffice", at: 1_002)
        return state
    }

    @Test func recordsClaimingMoreThanTheirBytesAreRefused() {
        let inputs: [(String, [UInt8])] = [
            (
                "retraction count",
                Self.bytes {
                    $0.byte(4)
                    $0.varint(Self.largest)
                    $0.string("a:1")
                    $0.string("C-1")
                }
            ),
            (
                "local change list",
                Self.bytes {
                    $0.byte(1)
                    $0.byte(1)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
            (
                "remote change count",
                Self.bytes {
                    $0.byte(2)
                    $0.byte(1)
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.byte(0)
                }
            ),
        ]
        for (name, input) in inputs {
            #expect(DecodeCheck.problem(input, mustThrow: true) { _ = try ReplicaRecord.decode($0) } == nil, "\(name)")
        }
    }

    @Test func snapshotsClaimingMoreThanTheirBytesAreRefused() {
        let magic = ReplicaRecord.snapshotMagic
        let emptyState = ReplicaState(replicaID: "alice-1").snapshot()
        let inputs: [(String, [UInt8])] = [
            (
                "state length",
                Self.bytes {
                    $0.raw(magic)
                    $0.varint(Self.largest)
                    $0.raw(emptyState)
                }
            ),
            (
                "outbox count",
                Self.bytes {
                    $0.raw(magic)
                    $0.varint(UInt64(emptyState.count))
                    $0.raw(emptyState)
                    $0.byte(1)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
        ]
        for (name, input) in inputs {
            #expect(
                DecodeCheck.problem(input, mustThrow: true) { _ = try ReplicaRecord.decodeSnapshot($0) } == nil,
                "\(name)")
        }
    }

    @Test func randomAndMutatedRecordsReturnOrThrow() {
        let state = ReplicaRecordDecodeTests.sampleState()
        let changes = state.liveChanges()
        let records: [ReplicaRecord] = [
            .local(changes), .remote(Array(changes.prefix(1))), .purge(customer: "C-1"),
            .retract([(changes[0].id, "C-1")], replacements: Array(changes.suffix(1))),
        ]
        let valid = records.map { $0.encoded() }
        var failures: [String] = []
        for seed in UInt64(0)..<3_000 {
            let input = DecodeCheck.input(seed: seed, prefix: [UInt8(1 + seed / 2 % 4)], valid: valid)
            if let problem = DecodeCheck.problem(input, { _ = try ReplicaRecord.decode($0) }) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func randomAndMutatedSnapshotsReturnOrThrow() {
        let state = ReplicaRecordDecodeTests.sampleState()
        let valid = [
            ReplicaRecord.snapshot(state: state, outbox: state.liveChanges()),
            ReplicaRecord.snapshot(state: ReplicaState(replicaID: "bob-1"), outbox: []),
        ]
        var failures: [String] = []
        for seed in UInt64(0)..<3_000 {
            let input = DecodeCheck.input(seed: seed, prefix: ReplicaRecord.snapshotMagic, valid: valid)
            if let problem = DecodeCheck.problem(input, { _ = try ReplicaRecord.decodeSnapshot($0) }) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
