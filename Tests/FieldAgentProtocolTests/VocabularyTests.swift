import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Foundation
import Testing

/// The protocol's words: reasons, problem types, endpoints, limits and the pull query.
@Suite struct VocabularyTests {
    /// The reason table in protocol.md lists exactly the known reasons.
    @Test func rejectionReasonsAreProtocolMdsTable() throws {
        let text = try String(
            contentsOf: BuiltProduct.packageRoot().appendingPathComponent("protocol.md"), encoding: .utf8)
        let table = text.components(separatedBy: "\n").filter { $0.hasPrefix("| `") && $0.contains("` | ") }
        for reason in RejectionReason.known {
            #expect(table.contains { $0.hasPrefix("| `\(reason.rawValue)` |") }, "\(reason) missing from protocol.md")
            #expect(RejectionReason(rawValue: reason.rawValue) == reason)
            #expect(!reason.defaultDetail.isEmpty)
        }
        #expect(Set(RejectionReason.known.map(\.rawValue)).count == RejectionReason.known.count)
        #expect(RejectionReason(rawValue: "over-quota") == .unrecognized("over-quota"))
        #expect(RejectionReason.unrecognized("over-quota").rawValue == "over-quota")
    }

    /// A result with a reason this version does not know still reads, and keeps its spelling.
    @Test func unknownReasonsAreKept() throws {
        let json: Value = .object(["id": "a:1", "status": "rejected", "reason": "over-quota", "detail": "later"])
        let result = try ChangeResult(json: json)
        #expect(result.reason == .unrecognized("over-quota"))
        #expect(result.json == json)
        #expect(ChangeResult.rejected(result.id, .notAssigned).detail == RejectionReason.notAssigned.defaultDetail)
    }

    /// Every problem type is in protocol.md's type table with its status.
    @Test func problemTypesAreProtocolMdsTable() throws {
        let text = try String(
            contentsOf: BuiltProduct.packageRoot().appendingPathComponent("protocol.md"), encoding: .utf8)
        let rows = text.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }
        for type in ProblemType.allCases {
            #expect(
                rows.contains { $0.contains("`\(type.rawValue)`") && $0.hasSuffix("| \(type.status) |") },
                "\(type.rawValue) with \(type.status) missing from protocol.md")
            #expect(ProblemType(uri: type.uri) == type)
        }
        #expect(ProblemType(uri: "urn:other:unauthorized") == nil)
        #expect(Problem(.badLimit, detail: "x").problemType == .badLimit)
        #expect(try Problem(body: Array("{\"type\": \"about:blank\", \"status\": 502}".utf8)).problemType == nil)
    }

    @Test func endpointsAndLimits() {
        #expect(
            SyncEndpoint.allCases.map(\.path) == [
                "/v1/health", "/v1/push", "/v1/pull", "/v1/devices", "/v1/devices/wiped",
            ])
        #expect(SyncEndpoint(path: "/v1/push") == .push && SyncEndpoint(path: "/v2/push") == nil)
        #expect(SyncEndpoint.push.method == "POST" && SyncEndpoint.pull.method == "GET")
        #expect(HealthResponse().json == .object(["protocol": 1, "status": "ok"]))
        #expect(ProtocolLimits.maxClockSkewMillis == 5 * 60 * 1000)
        #expect(ProtocolLimits.pageLimits == 1...5000 && ProtocolLimits.maxChangesPerPush == 1000)
    }

    @Test func pullQueryIsReadAsTheServerReadsIt() throws {
        #expect(try PullRequest(query: nil) == PullRequest(cursor: nil, limit: 1000))
        #expect(try PullRequest(query: "cursor=17&limit=5&x=y") == PullRequest(cursor: "17", limit: 5))
        #expect(try PullRequest(query: "limit=5&limit=6") == PullRequest(cursor: nil, limit: 6))
        #expect(throws: PullRequestError.badCursor) { try PullRequest(query: "cursor=-1") }
        #expect(throws: PullRequestError.badCursor) { try PullRequest(query: "cursor=abc&limit=0") }
        #expect(throws: PullRequestError.badLimit) { try PullRequest(query: "limit=0&cursor=abc") }
        #expect(throws: PullRequestError.badLimit) { try PullRequest(query: "limit=5001") }
    }

    @Test func pullTargetEncodesTheCursor() {
        #expect(PullRequest(cursor: nil, limit: 7).target == "/v1/pull?limit=7")
        #expect(PullRequest(cursor: "8812", limit: 7).target == "/v1/pull?limit=7&cursor=8812")
        #expect(PullRequest(cursor: "a b&ä", limit: 1).target == "/v1/pull?limit=1&cursor=a%20b%26%C3%A4")
    }

    @Test func pushRequestLimits() throws {
        let change = try WireFixture.value("change.json")
        let many = Value.object(["device": "a1", "changes": .list(Array(repeating: change, count: 1001))])
        #expect(throws: PushRequestError.tooManyChanges(1001)) { try PushRequest(json: many) }
        let long = Value.object(["device": .string(String(repeating: "d", count: 129)), "changes": .list([])])
        #expect(throws: PushRequestError.self) { try PushRequest(json: long) }
        #expect(throws: PushRequestError.self) { try PushRequest(body: Array("{".utf8)) }
    }
}
