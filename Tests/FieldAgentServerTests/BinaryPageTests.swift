import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// `Accept: application/vnd.fieldagent.page` pull pages (protocol.md → Binary pages); the codec
/// itself is tested in FieldAgentProtocolTests.
@Suite struct BinaryPageTests {
    @Test func serverAnswersBinaryOnlyWhenAsked() throws {
        let fixture = try ServiceFixture()
        let (alice, _) = try fixture.seed()
        for counter in 1...3 {
            _ = try fixture.push(alice, [ServiceFixture.change("a1", UInt64(counter), agent: "alice", customer: "C-1")])
        }
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
        for accept in [MediaType.binaryPage, "\(MediaType.binaryPage), application/json;q=0.5"] {
            let response = pull(accept: accept)
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"] == MediaType.binaryPage)
            let binary = try PullResponse(binary: response.body)
            #expect(binary.changes == reference.changes && binary.purge == reference.purge)
            #expect(binary.cursor == reference.cursor && binary.more == reference.more && binary.more)
        }
        // Errors stay problem+json whatever the client accepts.
        var headers = HTTPHeaders()
        headers.add(name: "Accept", value: MediaType.binaryPage)
        let refused = fixture.service.handle(HTTPRequest(method: "GET", target: "/v1/pull", headers: headers, body: []))
        #expect(refused.status == 401 && refused.headers["Content-Type"] == HTTPProblem.contentType)
    }
}
