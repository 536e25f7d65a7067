import FieldAgentHTTP
import Testing

/// Seeded random and mutated input for the parser: whatever arrives on the port, it must answer
/// with a request or an error status, never crash or loop. Failures print the seed for replay.
@Suite struct HTTPParserFuzzTests {
    static let valid: [[UInt8]] = [
        Array("GET /v1/health HTTP/1.1\r\nHost: x\r\n\r\n".utf8),
        Array(
            "POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}".utf8),
        Array(
            "GET /v1/pull?cursor=3 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer abc\r\nConnection: close\r\n\r\n".utf8),
        Array("POST /v1/push HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello".utf8),
    ]

    /// A small deterministic generator (xorshift) so the suite needs no test-support dependency.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + random.below(4)) {
            switch random.below(4) {
            case 0 where !out.isEmpty: out[random.below(out.count)] = UInt8(truncatingIfNeeded: random.next())
            case 1 where !out.isEmpty: out.remove(at: random.below(out.count))
            case 2: out.insert(UInt8(truncatingIfNeeded: random.next()), at: random.below(out.count + 1))
            default:
                let cut = random.below(out.count + 1)
                out = Array(out[..<cut]) + Array(out[cut...]) + Array(out[cut...])
            }
        }
        return out
    }

    @Test func mutatedAndRandomInputAlwaysGetsAnAnswerOrWaits() {
        var failures: [String] = []
        for seed in 1...3_000 {
            var random = Random(state: 0x9E37_79B9 &* UInt64(seed) | 1)
            let input: [UInt8] =
                seed % 5 == 0
                ? (0..<random.below(300)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                : HTTPParserFuzzTests.mutate(HTTPParserFuzzTests.valid[seed % 4], &random)
            var parser = HTTPParser(limits: HTTPLimits(maxHeaderBytes: 512, maxBodyBytes: 1024))
            var events: [HTTPParserEvent] = []
            var offset = 0
            // Deliver in random chunks, as sockets do.
            while offset < input.count {
                let end = min(input.count, offset + 1 + random.below(40))
                events += parser.receive(input[offset..<end])
                offset = end
                if events.contains(where: { if case .error = $0 { true } else { false } }) { break }
            }
            for event in events {
                if case .error(let error) = event, !(400..<600).contains(error.status) {
                    failures.append("seed \(seed): error status \(error.status)")
                }
            }
            // After an error the parser must not produce requests from the same bytes.
            if let first = events.firstIndex(where: { if case .error = $0 { true } else { false } }),
                events[(first + 1)...].contains(where: { if case .request = $0 { true } else { false } })
            {
                failures.append("seed \(seed): request after an error")
            }
            if failures.count > 5 { break }
        }
        #expect(failures.isEmpty, "\(failures)")
    }
}
