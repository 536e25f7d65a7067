import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

/// Corrupted bytes for the decoders of untrusted answers: each must decode or throw its typed
/// error, never crash.
@Suite struct WireDecoderFuzzTests {
    static func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] { ByteMutation.mutate(bytes, &rng) }

    @Test func corruptedBinaryPagesThrowOrDecode() throws {
        let page = try PullResponse(json: try WireFixture.value("pull-response.json"))
        let bytes = page.binary
        for seed in 0..<2_000 {
            var rng = SplitMix64(seed: UInt64(seed))
            let corrupted = WireDecoderFuzzTests.mutate(bytes, &rng)
            guard let decoded = try? PullResponse(binary: corrupted) else { continue }
            // Whatever decodes re-encodes to a page that decodes the same.
            #expect(try PullResponse(binary: decoded.binary) == decoded, "seed \(seed)")
        }
    }

    @Test func corruptedJSONMessagesThrowTheirTypedErrors() throws {
        for name in ["push-request.json", "push-response.json", "pull-response.json", "problem-unauthorized.json"] {
            let document = try WireFixture.bytes(name)
            for seed in 0..<500 {
                var rng = SplitMix64(seed: UInt64(seed) + 20_000)
                let corrupted = WireDecoderFuzzTests.mutate(document, &rng)
                do {
                    _ = try PushRequest(body: corrupted)
                } catch {}
                do {
                    _ = try PushResponse(body: corrupted)
                    _ = try PullResponse(body: corrupted, contentType: MediaType.json)
                    _ = try Problem(body: corrupted)
                } catch {}
            }
        }
    }
}
