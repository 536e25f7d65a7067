import FieldAgentCore
import FieldAgentTestSupport
import Testing

/// Seeded random and mutated inputs for the binary decoders: each returns or throws
/// ``DecodeError`` (at an offset inside the input) promptly. A failure names its seed, which
/// ``DecodeCheck/input(seed:prefix:maxRandom:valid:)`` turns back into the input.
@Suite struct DecoderPropertyTests {
    static let inputs: UInt64 = 3_000

    @Test func changeCodecReturnsOrThrows() {
        let changes = DecoderFuzzTests.sampleState().liveChanges()
        let valid = [ChangeCodec.encode(changes), ChangeCodec.encode(Array(changes.prefix(1))), ChangeCodec.encode([])]
        var failures: [String] = []
        for seed in 0..<DecoderPropertyTests.inputs {
            let input = DecodeCheck.input(seed: seed, prefix: [1], valid: valid)
            if let problem = DecodeCheck.problem(input, { _ = try ChangeCodec.decode($0) }) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    @Test func snapshotReturnsOrThrows() {
        let state = DecoderFuzzTests.sampleState()
        let valid = [state.snapshot(), ReplicaState(replicaID: "empty").snapshot()]
        var failures: [String] = []
        for seed in 0..<DecoderPropertyTests.inputs {
            let version: UInt8 = seed % 4 == 0 ? 1 : 2
            let input = DecodeCheck.input(seed: seed, prefix: Array("FASNAP".utf8) + [version], valid: valid)
            if let problem = DecodeCheck.problem(input, { _ = try ReplicaState(snapshot: $0) }) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
