import FieldAgentCore
import FieldAgentTestSupport
import Testing

@testable import FieldAgentSync

/// The replica store inputs the libFuzzer target found crashing (`Fixtures/fuzz/store/` whose first
/// byte modulo 5 is 3, a log record, or 4, a snapshot): each decodes or throws ``DecodeError``
/// inside the input, and what decodes re-encodes stably.
@Suite struct FuzzRegressionTests {
    @Test func everyFoundInputDecodesOrThrowsAndRoundTrips() throws {
        for (name, input) in try FuzzFixture.inputs("store") where (input.first ?? 0) % 5 >= 3 {
            let body = Array(input.dropFirst())
            let roundTrip = input[0] % 5 == 3 ? ReplicaRecordFuzzing.record : ReplicaRecordFuzzing.snapshot
            do throws(DecodeError) {
                let once = try roundTrip(body)
                #expect(try roundTrip(once) == once, "\(name)")
            } catch {
                #expect((0...body.count).contains(error.offset), "\(name): \(error)")
            }
        }
    }
}
