import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// The service's answers are protocol.md's examples (`Fixtures/wire/`). That the fixtures are
/// embedded verbatim and round-trip through the protocol's types is checked in FieldAgentProtocolTests.
@Suite struct WireFixtureTests {
    /// Health and problem fixtures are what the real service answers.
    @Test func healthAndProblemFixturesAreTheServicesAnswers() throws {
        let fixture = try ServiceFixture()
        let (alice, bob) = try fixture.seed()
        func body(_ response: HTTPResponse) throws -> Value { try JSON.parse(response.body) }
        #expect(try body(fixture.request("GET", "/v1/health", token: nil)) == WireFixture.value("health-response.json"))
        let unauthorized = fixture.request("GET", "/v1/pull", token: nil)
        #expect(unauthorized.status == 401)
        #expect(unauthorized.headers["Content-Type"] == HTTPProblem.contentType)
        #expect(try body(unauthorized) == WireFixture.value("problem-unauthorized.json"))
        try fixture.admin.revokeAgent(name: "bob")
        #expect(
            try body(fixture.request("GET", "/v1/pull", token: bob)) == WireFixture.value("problem-token-revoked.json"))
        let change = WireChange.encode(ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1"))
        var bad = change.objectValue!
        bad["wall"] = "soon"
        let malformed = JSON.string(
            .object(["device": "a1", "changes": .list([change, change, change, .object(bad)])]))
        let invalid = fixture.request("POST", "/v1/push", token: alice, body: malformed)
        #expect(invalid.status == 422)
        #expect(try body(invalid) == WireFixture.value("problem-invalid-request.json"))
        let many = JSON.string(.object(["device": "a1", "changes": .list(Array(repeating: change, count: 1001))]))
        let tooMany = fixture.request("POST", "/v1/push", token: alice, body: many)
        #expect(tooMany.status == 413)
        #expect(try body(tooMany) == WireFixture.value("problem-too-many-changes.json"))
    }

    /// The protocol's problem titles are the HTTP layer's reason phrases, and the HTTP layer's body
    /// limit is the protocol's.
    @Test func protocolAndHTTPLayerAgree() {
        for type in ProblemType.allCases {
            #expect(type.title == HTTPStatus.reasonPhrase(for: type.status), "\(type.rawValue)")
        }
        #expect(HTTPProblem.contentType == MediaType.problem)
        #expect(HTTPLimits.default.maxBodyBytes == ProtocolLimits.maxBodyBytes)
    }

    /// Every problem the service answers uses a protocol type, with its status.
    @Test("every refusal the HTTP layer writes has a protocol problem type with its status, never about:blank")
    func httpRefusalsHaveProblemTypes() throws {
        let errors: [HTTPParseError] = [
            .malformedRequestLine, .requestTargetTooLong, .unsupportedVersion, .malformedHeader, .obsoleteLineFolding,
            .bareLineFeed, .headersTooLarge, .invalidHost, .invalidContentLength, .bodyTooLarge, .lengthRequired,
            .conflictingFraming, .unsupportedExpectation,
        ]
        for error in errors {
            let response = HTTPResponse(parseError: error, typePrefix: ProblemType.uriPrefix)
            let problem = try Problem(body: response.body)
            #expect(problem.problemType?.isHTTPLevel == true, "\(error)")
            #expect(problem.problemType?.status == error.status && problem.status == error.status, "\(error)")
            #expect(problem.title == problem.problemType?.title, "\(error)")
        }
        #expect(ProblemType(rawValue: "request-timeout")?.status == 408)
    }

    @Test func everySyncProblemIsAProtocolProblemType() throws {
        let problems: [SyncProblem] = [
            .unauthorized, .tokenRevoked, .notFound, .methodNotAllowed(allowed: "GET"), .unsupportedMediaType,
            .invalidJSON("x"), .invalidRequest("x"), .tooManyChanges(count: 2, limit: 1), .badCursor, .badLimit,
            .storageFailed, .insufficientStorage, .deviceTaken, .deviceRevoked(wipe: true), .deviceRevoked(wipe: false),
            .deviceActive,
        ]
        #expect(Set(problems.map(\.type)) == Set(ProblemType.allCases.filter { !$0.isHTTPLevel }))
        for problem in problems {
            let decoded = try Problem(body: problem.response.body)
            #expect(decoded.problemType == problem.type && decoded.status == problem.response.status)
            #expect(decoded.detail == problem.detail)
            if case .deviceRevoked(let wipe) = problem {
                #expect(decoded.wipe == wipe)
            } else {
                #expect(decoded.wipe == nil)
            }
        }
    }
}

@Suite struct DeviceFixtureTests {
    @Test("the device fixtures are what the server reads and answers")
    func deviceFixturesMatchTheServer() throws {
        let f = try ServiceFixture()
        let (alice, _) = try f.seed()
        let body = String(decoding: try WireFixture.bytes("device-registration.json"), as: UTF8.self)
        let registered = f.request("POST", "/v1/devices", token: alice, body: body)
        let answer = try DeviceToken(body: registered.body)
        let fixture = try DeviceToken(json: try WireFixture.value("device-token.json"))
        #expect(answer.agent == fixture.agent && answer.device == fixture.device && answer.token.utf8.count == 64)
        try f.admin.revokeDevice(id: answer.device, wipe: true)
        let revoked = f.request("GET", "/v1/pull?cursor=0", token: answer.token)
        #expect(try JSON.parse(revoked.body) == (try WireFixture.value("problem-device-revoked.json")))
        let report = String(decoding: try WireFixture.bytes("wipe-report.json"), as: UTF8.self)
        #expect(f.request("POST", "/v1/devices/wiped", token: answer.token, body: report).status == 204)
    }
}
