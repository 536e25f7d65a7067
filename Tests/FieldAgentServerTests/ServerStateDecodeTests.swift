import FieldAgentCore
import FieldAgentTestSupport
import Testing

@testable import FieldAgentServer

/// The server's log records and snapshot, read back from disk: a damaged or hostile file makes
/// them throw ``DecodeError`` promptly, whatever counts it claims.
@Suite struct ServerStateDecodeTests {
    static let largest = UInt64(Int32.max)

    static func bytes(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        build(&w)
        return w.bytes
    }

    /// The log records of a small server: changes, an assignment and an agent.
    static func sampleRecords() -> [[UInt8]] {
        var replica = ReplicaState(replicaID: "alice-1")
        _ = replica.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "alice", at: 1_000)
        _ = replica.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1_001)
        return [
            ServerState.changesRecord(firstSequence: 1, replica.liveChanges()),
            ServerState.assignmentRecord(customer: "C-1", agent: "alice", assigned: true, sequence: 3),
            ServerState.agentRecord(
                AgentRecord(name: "alice", tokenHash: Array(repeating: 7, count: 32), revoked: false)),
            ServerState.deviceRecord(
                DeviceRecord(
                    replica: "alice-1", agent: "alice", tokenHash: Array(repeating: 9, count: 32),
                    firstSeen: Instant(millisecondsSinceEpoch: 1_000), lastSeen: Instant(millisecondsSinceEpoch: 2_000),
                    revoked: true, wipeRequested: true, wipedAt: Instant(millisecondsSinceEpoch: 3_000), lostChanges: 4)
            ),
        ]
    }

    static func sampleState() throws -> ServerState {
        var state = ServerState()
        for record in sampleRecords() { try state.apply(record: record) }
        return state
    }

    @Test func aSnapshotKeepsWhereEveryStoredChangeWrote() throws {
        let state = try Self.sampleState()
        let restored = try ServerState(snapshot: state.snapshot())
        #expect(restored.fingerprints == state.fingerprints)
        #expect(state.fingerprints.values.allSatisfy { $0.write.register != nil })
    }

    /// A snapshot up to its log index: sequence 1, an empty replica.
    static func snapshot(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        let replica = ReplicaState(replicaID: ServerState.backOfficeReplica).snapshot()
        return Self.bytes {
            $0.raw(ServerState.snapshotMagic)
            $0.byte(ServerState.snapshotVersion)
            $0.varint(1)
            $0.varint(UInt64(replica.count))
            $0.raw(replica)
            build(&$0)
        }
    }

    @Test func snapshotsClaimingMoreThanTheirBytesAreRefused() {
        let inputs: [(String, [UInt8])] = [
            (
                "replica length",
                Self.bytes {
                    $0.raw(ServerState.snapshotMagic)
                    $0.byte(ServerState.snapshotVersion)
                    $0.varint(1)
                    $0.varint(Self.largest)
                    $0.raw([0, 0, 0])
                }
            ),
            (
                "log index count",
                Self.snapshot {
                    $0.varint(Self.largest)
                    $0.varint(1)
                    $0.byte(1)
                }
            ),
            (
                "fingerprint count",
                Self.snapshot {
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
            (
                "agent count",
                Self.snapshot {
                    $0.varint(0)
                    $0.varint(0)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
            (
                "assignment count",
                Self.snapshot {
                    for _ in 0..<3 { $0.varint(0) }
                    $0.varint(Self.largest)
                    $0.string("C")
                }
            ),
            (
                "assigned agent count",
                Self.snapshot {
                    for _ in 0..<3 { $0.varint(0) }
                    $0.varint(1)
                    $0.string("C-1")
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
        ]
        for (name, input) in inputs {
            #expect(DecodeCheck.problem(input, mustThrow: true) { _ = try ServerState(snapshot: $0) } == nil, "\(name)")
        }
    }

    @Test func recordsClaimingMoreThanTheirBytesAreRefused() {
        let inputs: [(String, [UInt8])] = [
            (
                "change list",
                Self.bytes {
                    $0.byte(1)
                    $0.varint(1)
                    $0.byte(1)
                    $0.varint(Self.largest)
                    $0.string("a")
                }
            ),
            (
                "token hash length",
                Self.bytes {
                    $0.byte(3)
                    $0.string("alice")
                    $0.varint(Self.largest)
                    $0.byte(0)
                }
            ),
        ]
        for (name, input) in inputs {
            var state = ServerState()
            #expect(DecodeCheck.problem(input, mustThrow: true) { try state.apply(record: $0) } == nil, "\(name)")
        }
    }

    @Test func randomAndMutatedSnapshotsAndRecordsReturnOrThrow() throws {
        let snapshots = [try ServerStateDecodeTests.sampleState().snapshot(), ServerState().snapshot()]
        let records = ServerStateDecodeTests.sampleRecords()
        let prefix = ServerState.snapshotMagic + [ServerState.snapshotVersion]
        var failures: [String] = []
        for seed in UInt64(0)..<3_000 {
            let input = DecodeCheck.input(seed: seed, prefix: prefix, valid: snapshots)
            if let problem = DecodeCheck.problem(input, { _ = try ServerState(snapshot: $0) }) {
                failures.append("snapshot seed \(seed): \(problem)")
            }
            let record = DecodeCheck.input(seed: seed, prefix: [UInt8(1 + seed / 2 % 3)], valid: records)
            var state = ServerState()
            if let problem = DecodeCheck.problem(record, { try state.apply(record: $0) }) {
                failures.append("record seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
