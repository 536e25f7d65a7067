import FieldAgentCore
import FieldAgentHTTP
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// `Accept: application/vnd.fieldagent.page` pull pages (protocol.md → Binary pages).
@Suite struct BinaryPageTests {
    /// The bytes of `Fixtures/wire/pull-page.hex`: hex pairs, `#` starts a comment.
    static func hexFixture() throws -> [UInt8] {
        let text = try WireFixtureTests.text("pull-page.hex")
        var bytes: [UInt8] = []
        for line in text.split(separator: "\n") {
            let data = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            for pair in data.split(separator: " ") {
                guard let byte = UInt8(pair, radix: 16), pair.count == 2 else { throw HexError(text: String(pair)) }
                bytes.append(byte)
            }
        }
        return bytes
    }

    struct HexError: Error { var text: String }

    @Test func roundTripKeepsEveryChangeKind() throws {
        let page = try PullResponse(json: try WireFixtureTests.value("pull-response.json"))
        let push = try PushRequest(json: try WireFixtureTests.value("push-request.json"))
        let changes = page.changes + push.changes
        let bytes = BinaryPage.encode(
            changes: changes, purge: page.purge, cursor: page.cursor, more: page.more, serverTime: page.serverTime)
        let decoded = try BinaryPage.decode(bytes)
        #expect(decoded.changes.map(WireChange.encode) == changes.map(WireChange.encode))
        #expect(decoded.purge == page.purge && decoded.cursor == page.cursor)
        #expect(decoded.more == page.more && decoded.serverTime == page.serverTime)
        #expect(bytes.count < JSON.bytes(page.json).count)
        let empty = BinaryPage.encode(changes: [], purge: [], cursor: "0", more: false, serverTime: -5)
        let decodedEmpty = try BinaryPage.decode(empty)
        #expect(decodedEmpty.changes.isEmpty && decodedEmpty.purge.isEmpty && decodedEmpty.cursor == "0")
        #expect(!decodedEmpty.more && decodedEmpty.serverTime == -5)
    }

    /// The annotated example in protocol.md is byte for byte what the server writes.
    @Test func protocolHexExampleIsWhatTheServerWrites() throws {
        let change = try WireChange.decode(try WireFixtureTests.value("change.json"))
        let bytes = BinaryPage.encode(
            changes: [change], purge: ["C-1004"], cursor: "8812", more: false, serverTime: 1_795_941_061_123)
        #expect(bytes == (try BinaryPageTests.hexFixture()))
    }

    @Test func everyTruncationAndUnknownMagicOrVersionIsRejected() throws {
        let page = try PullResponse(json: try WireFixtureTests.value("pull-response.json"))
        let bytes = BinaryPage.encode(
            changes: page.changes, purge: page.purge, cursor: page.cursor, more: page.more, serverTime: page.serverTime)
        for length in 0..<bytes.count {
            #expect(throws: DecodeError.self) { try BinaryPage.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: DecodeError.self) { try BinaryPage.decode(bytes + [0]) }
        for (offset, replacement) in [(0, UInt8(ascii: "X")), (4, 2)] {
            var corrupt = bytes
            corrupt[offset] = replacement
            #expect(throws: DecodeError.self) { try BinaryPage.decode(corrupt) }
        }
    }

    @Test func serverAnswersBinaryOnlyWhenAsked() throws {
        let fixture = try ServiceFixture()
        let (alice, _) = try fixture.seed()
        func pull(accept: String?) -> HTTPResponse {
            var headers = HTTPHeaders()
            headers.add(name: "Authorization", value: "Bearer \(alice)")
            if let accept { headers.add(name: "Accept", value: accept) }
            return fixture.service.handle(
                HTTPRequest(method: "GET", target: "/v1/pull?cursor=0&limit=3", headers: headers, body: []))
        }
        let reference = try PullResponse(json: try JSON.parse(pull(accept: nil).body))
        #expect(pull(accept: nil).headers["Content-Type"] == "application/json")
        #expect(pull(accept: "application/json").headers["Content-Type"] == "application/json")
        #expect(pull(accept: "*/*").headers["Content-Type"] == "application/json")
        for accept in [BinaryPage.mediaType, "\(BinaryPage.mediaType), application/json;q=0.5"] {
            let response = pull(accept: accept)
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == BinaryPage.mediaType)
            let binary = try BinaryPage.decode(response.body)
            #expect(binary.changes == reference.changes && binary.purge == reference.purge)
            #expect(binary.cursor == reference.cursor && binary.more == reference.more && binary.more)
        }
        // Errors stay problem+json whatever the client accepts.
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: BinaryPage.mediaType)
        let refused = fixture.service.handle(HTTPRequest(method: "GET", target: "/v1/pull", headers: headers, body: []))
        #expect(refused.status == 401 && refused.headers["Content-Type"] == HTTPProblem.contentType)
    }
}
