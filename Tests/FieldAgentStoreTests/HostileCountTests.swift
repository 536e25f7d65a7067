import FieldAgentTestSupport
import Testing

@testable import FieldAgentStore

/// Log frames and snapshot bodies that pass their checksums but claim more items than their bytes
/// can hold, and seeded random and mutated ones: decoding throws a corruption error promptly,
/// at an offset inside the file, and never reserves room for what a count claims.
@Suite struct HostileCountTests {
    static func bytes(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        build(&w)
        return w.bytes
    }

    /// A log holding one frame with `payload`, checksums correct.
    static func log(_ payload: [UInt8]) -> [UInt8] {
        var file = LogFile.header(generation: 1)
        LogFile.appendFrame(payload, to: &file)
        return file
    }

    /// A snapshot file holding `body` in checksummed chunks, as ``SnapshotFile`` frames it.
    static func snapshot(_ body: [UInt8]) -> [UInt8] {
        Self.bytes {
            $0.appendRaw(StoreFormat.snapshotMagic)
            $0.append(StoreFormat.currentVersion)
            $0.append(UInt64(1))
            $0.append(UInt64(body.count))
            $0.append(CRC32C.checksum($0.bytes))
            var start = 0
            while start < body.count {
                let chunk = body[start..<min(start + StoreFormat.snapshotChunkSize, body.count)]
                $0.append(UInt32(chunk.count))
                $0.append(CRC32C.checksum(chunk))
                $0.appendRaw(chunk)
                start += chunk.count
            }
        }
    }

    static func corruptOffset(_ error: StoreError) -> Int? {
        if case .corrupt(_, let offset, _) = error { offset } else { nil }
    }

    static func problem(log input: [UInt8], mustThrow: Bool = false) -> String? {
        DecodeCheck.problem(input, mustThrow: mustThrow, offset: corruptOffset) {
            _ = try LogFile.scan($0, file: "log")
        }
    }

    static func problem(snapshot input: [UInt8], mustThrow: Bool = false) -> String? {
        DecodeCheck.problem(input, mustThrow: mustThrow, offset: corruptOffset) {
            _ = try SnapshotFile.decode($0, file: "snapshot")
        }
    }

    @Test func framesClaimingMoreThanTheirBytesAreRefused() {
        let kind = StoreFormat.transactionKind
        let inputs: [(String, [UInt8])] = [
            (
                "record count",
                Self.bytes {
                    $0.append(kind)
                    $0.append(UInt32.max)
                    $0.appendField([1, 2])
                }
            ),
            (
                "metadata count",
                Self.bytes {
                    $0.append(kind)
                    $0.append(UInt32(0))
                    $0.append(UInt32.max)
                    $0.append(UInt8(1))
                }
            ),
        ]
        for (name, payload) in inputs {
            #expect(HostileCountTests.problem(log: HostileCountTests.log(payload), mustThrow: true) == nil, "\(name)")
        }
    }

    @Test func snapshotBodiesClaimingMoreThanTheirBytesAreRefused() {
        let inputs: [(String, [UInt8])] = [
            (
                "metadata count",
                Self.bytes {
                    $0.append(UInt8(0))
                    $0.append(UInt32.max)
                    $0.appendField("key")
                }
            ),
            (
                "migration count",
                Self.bytes {
                    $0.append(UInt8(0))
                    $0.append(UInt32(0))
                    $0.append(UInt32.max)
                    $0.appendField("m")
                }
            ),
        ]
        for (name, body) in inputs {
            let file = HostileCountTests.snapshot(body)
            #expect(HostileCountTests.problem(snapshot: file, mustThrow: true) == nil, "\(name)")
        }
    }

    /// Mutated transactions and snapshot bodies, re-checksummed so that they reach the decoders.
    @Test func randomAndMutatedFilesReturnOrThrow() {
        let transaction = Transaction(
            records: [[1, 2, 3], []], metadataChanges: [.set(key: "cursor", value: [9]), .remove(key: "old")])
        let contents = SnapshotContents(
            generation: 1, state: [1, 2, 3], metadata: ["cursor": [4]], appliedMigrations: ["m1"])
        let body = Array(SnapshotFile.encode(contents)[(StoreFormat.snapshotHeaderSize + 8)...])
        var failures: [String] = []
        for seed in UInt64(0)..<3_000 {
            let payload = DecodeCheck.input(
                seed: seed, prefix: [StoreFormat.transactionKind], valid: [transaction.encoded()])
            if let problem = HostileCountTests.problem(log: HostileCountTests.log(payload)) {
                failures.append("log seed \(seed): \(problem)")
            }
            let damaged = DecodeCheck.input(seed: seed, prefix: [0], valid: [body])
            if let problem = HostileCountTests.problem(snapshot: HostileCountTests.snapshot(damaged)) {
                failures.append("snapshot seed \(seed): \(problem)")
            }
            let file = DecodeCheck.input(seed: seed, valid: [HostileCountTests.log(transaction.encoded())])
            if let problem = HostileCountTests.problem(log: file) {
                failures.append("raw log seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
