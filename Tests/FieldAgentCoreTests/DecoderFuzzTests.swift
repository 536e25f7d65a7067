import FieldAgentCore
import FieldAgentTestSupport
import Testing

/// Corrupted bytes for every decoder that reads untrusted or on-disk data: each must either decode
/// or throw its typed error, never crash; and what decodes must re-encode consistently. (The wire
/// messages' decoders are fuzzed in FieldAgentProtocolTests.)
@Suite struct DecoderFuzzTests {
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] { ByteMutation.mutate(bytes, &rng) }

    static func sampleState() -> ReplicaState {
        var state = ReplicaState(replicaID: "fuzz")
        _ = state.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "alice", at: 1_000)
        _ = state.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1_001)
        _ = state.commit(
            .create(
                .contact, id: "K-1", customer: "C-1",
                body: .object([
                    "at": "2026-11-30T09:00:00Z", "channel": "call", "note": .string(String(repeating: "x", count: 40)),
                ])), by: "alice", at: 1_002)
        _ = state.commit(
            .set(
                Target(customer: "C-2", field: "accounts"),
                .list([
                    .object(["id": "A-1", "balance": 4500, "installments": .list([.object(["due": "2026-01-15"])])])
                ])), by: "backoffice", at: 1_003)
        _ = state.commit(.erase(customer: "C-3"), by: "backoffice", at: 1_004)
        return state
    }

    @Test func corruptedBinaryFormsThrowOrDecode() {
        let state = DecoderFuzzTests.sampleState()
        let changes = state.liveChanges()
        let inputs: [(String, [UInt8], ([UInt8]) throws -> Void)] = [
            ("change codec", ChangeCodec.encode(changes), { _ = try ChangeCodec.decode($0) }),
            ("snapshot", state.snapshot(), { _ = try ReplicaState(snapshot: $0) }),
        ]
        var unexpected: [String] = []
        for (name, bytes, decode) in inputs {
            for seed in 0..<2_000 {
                var rng = SplitMix64(seed: UInt64(seed))
                let corrupted = DecoderFuzzTests.mutate(bytes, &rng)
                do {
                    try decode(corrupted)
                } catch is DecodeError {
                    continue
                } catch {
                    unexpected.append("\(name) seed \(seed): \(error)")
                }
            }
        }
        #expect(unexpected.isEmpty, "\(unexpected.prefix(5))")
    }

    @Test func decodedChangesReencodeToTheSameBytes() throws {
        let changes = DecoderFuzzTests.sampleState().liveChanges()
        var survivors = 0
        for seed in 0..<2_000 {
            var rng = SplitMix64(seed: UInt64(seed) + 10_000)
            let corrupted = DecoderFuzzTests.mutate(ChangeCodec.encode(changes), &rng)
            guard let decoded = try? ChangeCodec.decode(corrupted) else { continue }
            survivors += 1
            // Whatever decodes is a well-formed value: it round-trips exactly.
            #expect(try ChangeCodec.decode(ChangeCodec.encode(decoded)) == decoded, "seed \(seed)")
        }
        #expect(survivors < 2_000, "the corruption must actually corrupt")
    }

    @Test func corruptedJSONThrowsOrRoundTrips() throws {
        let document = try Fixture.bytes("fuzz/push-request.json")
        for seed in 0..<3_000 {
            var rng = SplitMix64(seed: UInt64(seed) + 20_000)
            let corrupted = DecoderFuzzTests.mutate(document, &rng)
            guard let value = try? JSON.parse(corrupted) else { continue }
            #expect(try JSON.parse(JSON.bytes(value)) == value, "seed \(seed)")
        }
    }
}
