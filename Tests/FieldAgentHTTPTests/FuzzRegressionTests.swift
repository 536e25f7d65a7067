import FieldAgentHTTP
import Foundation
import Testing

/// The requests the libFuzzer target `http` found crashing (`Fixtures/fuzz/http/`; the first byte
/// picks the chunk size and limits, as in `fieldagent-fuzz http`): each gets requests or a 4xx/5xx
/// error, and no request follows an error.
@Suite struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz/http")

    @Test func everyFoundInputGetsRequestsOrAnErrorStatus() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Self.directory.path)) ?? []
        for name in names.sorted() {
            let input = Array(try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            guard let selector = input.first else { continue }
            let limits =
                selector & 1 == 0
                ? HTTPLimits(maxHeaderBytes: 512, maxBodyBytes: 1024, maxRequestTargetBytes: 128, maxHeaderCount: 8)
                : HTTPLimits.default
            let chunk = Int(selector >> 1) + 1
            var parser = HTTPParser(limits: limits)
            var events: [HTTPParserEvent] = []
            var offset = 1
            while offset < input.count, !events.contains(where: { if case .error = $0 { true } else { false } }) {
                events += parser.receive(input[offset..<min(input.count, offset + chunk)])
                offset += chunk
            }
            var failed = false
            for event in events {
                switch event {
                case .error(let error):
                    #expect((400..<600).contains(error.status), "\(name)")
                    failed = true
                case .request(let request):
                    #expect(!failed && request.body.count <= limits.maxBodyBytes, "\(name)")
                case .sendContinue: #expect(!failed, "\(name)")
                }
            }
        }
    }
}
