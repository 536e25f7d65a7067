import FieldAgentTestSupport
import Testing

@testable import FieldAgentStore

/// The store inputs the libFuzzer target found crashing (`Fixtures/fuzz/store/`; the first byte
/// picks the form, as in `fieldagent-fuzz store`: 0 log, 1 transaction, 2 snapshot; 3 and 4 are the
/// replica store's, replayed in FieldAgentSyncTests). Each must decode or throw a corruption error
/// inside the input, and what decodes must re-encode to the same bytes.
@Suite struct FuzzRegressionTests {
    @Test func everyFoundInputDecodesOrThrowsAndRoundTrips() throws {
        for (name, input) in try FuzzFixture.inputs("store") where (input.first ?? 0) % 5 < 3 {
            let body = Array(input.dropFirst())
            do throws(StoreError) {
                switch input[0] % 5 {
                case 0:
                    let (reencoded, validEnd, _) = try StoreFuzzing.log(body)
                    #expect(reencoded == Array(body[..<validEnd]), "\(name)")
                case 1: #expect(try StoreFuzzing.transaction(body) == body, "\(name)")
                default: #expect(try StoreFuzzing.snapshot(body), "\(name)")
                }
            } catch {
                guard case .corrupt(_, let offset, _) = error else {
                    if case .unsupportedFormat = error { continue }
                    Issue.record("\(name): \(error)")
                    continue
                }
                #expect((0...body.count).contains(offset), "\(name): \(error)")
            }
        }
    }

    @Test func aTransactionKeyThatIsNotUTF8IsCorruptionNotRepaired() throws {
        var w = BinaryWriter(capacity: 32)
        w.append(StoreFormat.transactionKind)
        w.append(UInt32(0))
        w.append(UInt32(1))
        w.append(StoreFormat.metadataRemove)
        w.appendField([0x66, 0xC3, 0x28])
        #expect(throws: StoreError.self) { try StoreFuzzing.transaction(w.bytes) }
    }
}
