import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

/// Binary pages that claim huge counts, and seeded random and mutated pages: the decoder throws
/// ``DecodeError`` promptly instead of reserving room for what the page claims (a 58-byte page
/// once made it reserve 28 GB and crash the device).
@Suite struct HostilePageTests {
    static let largest = UInt64(Int32.max)

    /// A page up to its purge list: empty cursor, no more, server time zero.
    static func page(_ build: (inout BinaryWriter) -> Void) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        w.raw(Array("FAPG".utf8))
        w.byte(1)
        w.string("")
        w.byte(0)
        w.signed(0)
        build(&w)
        return w.bytes
    }

    @Test func pagesClaimingMoreThanTheirBytesAreRefused() {
        let inputs: [(String, [UInt8])] = [
            (
                "purge count 2^40",
                Self.page {
                    $0.varint(1 << 40)
                    $0.string("C-1")
                }
            ),
            (
                "purge count Int32.max",
                Self.page {
                    $0.varint(HostilePageTests.largest)
                    $0.string("C-1")
                }
            ),
            (
                "string table count",
                Self.page {
                    $0.varint(0)
                    $0.byte(1)
                    $0.varint(HostilePageTests.largest)
                    $0.byte(0)
                }
            ),
            (
                "change count",
                Self.page {
                    $0.varint(0)
                    $0.byte(1)
                    $0.varint(0)
                    $0.varint(HostilePageTests.largest)
                    $0.byte(0)
                }
            ),
        ]
        for (name, input) in inputs {
            #expect(DecodeCheck.problem(input, mustThrow: true) { _ = try PullResponse(binary: $0) } == nil, "\(name)")
        }
    }

    @Test func randomAndMutatedPagesReturnOrThrow() throws {
        let fixture = try PullResponse(json: try WireFixture.value("pull-response.json"))
        let empty = PullResponse(changes: [], purge: ["C-1"], cursor: "7", more: true, serverTime: 5)
        let valid = [fixture.binary, empty.binary, try WireFixture.hexBytes("pull-page.hex")]
        var failures: [String] = []
        for seed in UInt64(0)..<3_000 {
            let input = DecodeCheck.input(seed: seed, prefix: Array("FAPG".utf8) + [1], valid: valid)
            if let problem = DecodeCheck.problem(input, { _ = try PullResponse(binary: $0) }) {
                failures.append("seed \(seed): \(problem)")
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }
}
