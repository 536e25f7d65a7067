import FieldAgentCore
import FieldAgentProtocol
import Testing

@testable import FieldAgentServer

/// protocol.md → "Questions a client writer asks": each answer, as the server behaves.
@Suite struct ClientWriterAnswersTests {
    static func body(_ change: String, envelope: String = "") -> String {
        #"{"device": "alice-1", "changes": ["# + change + "]" + envelope + "}"
    }

    static let good =
        #"{"agent": "alice", "customer": "C-1", "entity": "customer", "field": "language", "id": "alice-1:1", "#
        + #""logical": 0, "op": "set", "value": "sv", "wall": 1795941001000"#

    @Test("unknown keys: refused inside a change, ignored in the envelope")
    func unknownKeys() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let inChange = f.request("POST", "/v1/push", token: alice, body: Self.body(Self.good + #", "colour": "red"}"#))
        #expect(inChange.status == 422)
        #expect(try Problem(body: inChange.body).detail?.contains("colour") == true)
        let inEnvelope = f.request(
            "POST", "/v1/push", token: alice, body: Self.body(Self.good + "}", envelope: #", "app": "x/1.0""#))
        #expect(inEnvelope.status == 200)
        #expect(try PushResponse(body: inEnvelope.body).results[0].status == .accepted)
    }

    @Test("4.0 is not an integer")
    func fractionIsNotAnInteger() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let change = Self.good.replacingOccurrences(of: #""logical": 0"#, with: #""logical": 4.0"#) + "}"
        #expect(f.request("POST", "/v1/push", token: alice, body: Self.body(change)).status == 422)
    }

    @Test("the same id with the same members in another order is a duplicate; any other value is id-reused")
    func sameContent() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        #expect(f.request("POST", "/v1/push", token: alice, body: Self.body(Self.good + "}")).status == 200)
        let reordered =
            #"{"wall": 1795941001000, "value": "sv", "op": "set", "logical": 0, "id": "alice-1:1", "field": "language", "#
            + #""entity": "customer", "customer": "C-1", "agent": "alice"}"#
        let again = f.request("POST", "/v1/push", token: alice, body: Self.body(reordered))
        #expect(try PushResponse(body: again.body).results[0].status == .duplicate)
        let other = f.request(
            "POST", "/v1/push", token: alice,
            body: Self.body(Self.good.replacingOccurrences(of: #""sv""#, with: #""fi""#) + "}"))
        #expect(try PushResponse(body: other.body).results[0].reason == .idReused)
    }
}
