import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

/// The binary pages the libFuzzer target `page` found crashing (`Fixtures/fuzz/page/`): each
/// decodes or throws ``DecodeError`` inside the input, and what decodes re-encodes to the same page.
@Suite struct FuzzRegressionTests {
    @Test func everyFoundPageDecodesOrThrowsAndRoundTrips() throws {
        for (name, input) in try FuzzFixture.inputs("page") {
            do throws(DecodeError) {
                let page = try PullResponse(binary: input)
                #expect(try PullResponse(binary: page.binary) == page, "\(name)")
            } catch {
                #expect((0...input.count).contains(error.offset), "\(name): \(error)")
            }
        }
    }
}
