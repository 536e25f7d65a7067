import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

/// The binary form of a pull page (protocol.md → Binary pages).
@Suite struct BinaryPageTests {
    @Test func roundTripKeepsEveryChangeKind() throws {
        let page = try PullResponse(json: try WireFixture.value("pull-response.json"))
        let push = try PushRequest(json: try WireFixture.value("push-request.json"))
        var both = page
        both.changes += push.changes
        let decoded = try PullResponse(binary: both.binary)
        #expect(decoded.changes.map(WireChange.encode) == both.changes.map(WireChange.encode))
        #expect(decoded == both)
        #expect(both.binary.count < JSON.bytes(both.json).count)
        let empty = PullResponse(changes: [], purge: [], cursor: "0", more: false, serverTime: -5)
        #expect(try PullResponse(binary: empty.binary) == empty)
    }

    /// The annotated example in protocol.md is byte for byte what the encoder writes, and decodes
    /// back to the page it describes.
    @Test func protocolHexExampleIsWhatTheEncoderWrites() throws {
        let change = try WireChange.decode(try WireFixture.value("change.json"))
        let page = PullResponse(
            changes: [change], purge: ["C-1004"], cursor: "8812", more: false, serverTime: 1_795_941_061_123)
        let bytes = try WireFixture.hexBytes("pull-page.hex")
        #expect(page.binary == bytes)
        #expect(try PullResponse(binary: bytes) == page)
        #expect(try PullResponse(body: bytes, contentType: "application/vnd.fieldagent.page") == page)
    }

    @Test func everyTruncationAndUnknownMagicOrVersionIsRejected() throws {
        let bytes = try PullResponse(json: try WireFixture.value("pull-response.json")).binary
        for length in 0..<bytes.count {
            #expect(throws: DecodeError.self) { try PullResponse(binary: Array(bytes[0..<length])) }
        }
        #expect(throws: DecodeError.self) { try PullResponse(binary: bytes + [0]) }
        for (offset, replacement) in [(0, UInt8(ascii: "X")), (4, 2)] {
            var corrupt = bytes
            corrupt[offset] = replacement
            #expect(throws: DecodeError.self) { try PullResponse(binary: corrupt) }
        }
    }

    /// The body is read in the form its content type names, and a mismatch is an error, not a guess.
    @Test func contentTypeSelectsTheForm() throws {
        let page = try PullResponse(json: try WireFixture.value("pull-empty.json"))
        #expect(try PullResponse(body: page.binary, contentType: "Application/Vnd.FieldAgent.Page ; q=1") == page)
        #expect(try PullResponse(body: JSON.bytes(page.json), contentType: "application/json; charset=utf-8") == page)
        #expect(throws: WireDecodeError.self) { try PullResponse(body: page.binary, contentType: MediaType.json) }
        #expect(throws: WireDecodeError.self) {
            try PullResponse(body: JSON.bytes(page.json), contentType: MediaType.binaryPage)
        }
    }
}
