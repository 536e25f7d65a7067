import FieldAgentCore
import FieldAgentHTTP
import FieldAgentTestSupport
import Foundation
import Testing

@testable import FieldAgentServer

/// protocol.md's examples are the files under `Fixtures/wire/`, embedded verbatim, and every one of
/// them is what the real wire types read and write.
@Suite struct WireFixtureTests {
    static let root = BuiltProduct.packageRoot()
    static let directory = root.appendingPathComponent("Fixtures/wire")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func value(_ name: String) throws -> Value { try JSON.parse(try text(name)) }

    static func fixtureNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func dropTrailingNewlines(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Every fenced block of protocol.md (its language, the fixture named in the marker line above it,
    /// `<!-- fixture: NAME -->`, or nil when there is none, and its text).
    static func embeddedExamples() throws -> [(language: String, fixture: String?, body: String)] {
        let lines = try String(contentsOf: root.appendingPathComponent("protocol.md"), encoding: .utf8)
            .components(separatedBy: "\n")
        var examples: [(String, String?, String)] = []
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("```"), lines[index] != "```" else {
                index += 1
                continue
            }
            let language = String(lines[index].dropFirst(3))
            var fixture: String?
            if index > 0, lines[index - 1].hasPrefix("<!-- fixture: "), lines[index - 1].hasSuffix(" -->") {
                fixture = String(lines[index - 1].dropFirst("<!-- fixture: ".count).dropLast(" -->".count))
            }
            var body: [String] = []
            index += 1
            while index < lines.count, lines[index] != "```" {
                body.append(lines[index])
                index += 1
            }
            examples.append((language, fixture, body.joined(separator: "\n")))
            index += 1
        }
        return examples
    }

    @Test func protocolEmbedsEveryFixtureVerbatim() throws {
        let examples = try WireFixtureTests.embeddedExamples()
        let json = examples.filter { $0.language == "json" }
        #expect(json.allSatisfy { $0.fixture != nil }, "every JSON example in protocol.md names its fixture")
        for example in examples {
            guard let fixture = example.fixture else { continue }
            let file = try WireFixtureTests.text(fixture)
            #expect(WireFixtureTests.dropTrailingNewlines(file) == example.body, "\(fixture) differs from protocol.md")
        }
        #expect(Set(try WireFixtureTests.fixtureNames()) == Set(json.compactMap(\.fixture)))
        #expect(examples.contains { $0.fixture == "pull-page.hex" })
    }

    @Test func fixturesAreCanonicalJSON() throws {
        let names = try WireFixtureTests.fixtureNames()
        #expect(
            Set(names).isSuperset(of: [
                "health-response.json", "change.json", "push-request.json", "push-response.json",
                "pull-response.json", "pull-empty.json", "problem-unauthorized.json", "problem-token-revoked.json",
                "problem-invalid-request.json", "problem-too-many-changes.json",
            ]))
        for name in names {
            let text = try WireFixtureTests.text(name)
            #expect(
                text == JSON.string(try JSON.parse(text), pretty: true) + "\n", "\(name): sorted keys, 2-space indent")
        }
    }

    @Test func changesAndRequestsRoundTripThroughTheWireTypes() throws {
        let change = try WireFixtureTests.value("change.json")
        #expect(WireChange.encode(try WireChange.decode(change)) == change)
        let push = try WireFixtureTests.value("push-request.json")
        let request = try PushRequest(json: push)
        #expect(request.json == push)
        #expect(Set(request.changes.map(\.op)) == [.set, .flag, .create])
        #expect(Set(request.changes.map(\.target.entity)) == [.customer, .contact, .promise, .note])
        let answer = try WireFixtureTests.value("push-response.json")
        let response = try PushResponse(json: answer)
        #expect(response.json == answer)
        #expect(Set(response.results.map(\.status)) == Set(ChangeResult.Status.allCases))
        #expect(response.results.map(\.id) == request.changes.map(\.id))
        for name in ["pull-response.json", "pull-empty.json"] {
            let page = try WireFixtureTests.value(name)
            #expect(try PullResponse(json: page).json == page, "\(name)")
        }
        let page = try PullResponse(json: try WireFixtureTests.value("pull-response.json"))
        #expect(!page.purge.isEmpty && page.more)
        #expect(page.changes.contains { $0.op == .erase && $0.id.replica == "backoffice" })
        #expect(try PullResponse(json: try WireFixtureTests.value("pull-empty.json")).changes.isEmpty)
    }

    /// The rejections in push-response.json are the ones the server's validator gives the push-request.json changes.
    @Test func pushResponseRejectionsAreTheValidatorsVerdicts() throws {
        let request = try PushRequest(json: try WireFixtureTests.value("push-request.json"))
        let response = try PushResponse(json: try WireFixtureTests.value("push-response.json"))
        let validator = ChangeValidator(isKnownZone: { TimeZone(identifier: $0) != nil })
        for (change, result) in zip(request.changes, response.results) {
            let problem = validator.problem(with: change)
            #expect(problem?.reason == result.reason, "\(change.id)")
            #expect(problem?.detail == result.detail, "\(change.id)")
        }
    }

    /// Health and problem fixtures are what the real service answers.
    @Test func healthAndProblemFixturesAreTheServicesAnswers() throws {
        let fixture = try ServiceFixture()
        let (alice, bob) = try fixture.seed()
        func body(_ response: HTTPResponse) throws -> Value { try JSON.parse(response.body) }
        #expect(
            try body(fixture.request("GET", "/v1/health", token: nil))
                == WireFixtureTests.value("health-response.json"))
        let unauthorized = fixture.request("GET", "/v1/pull", token: nil)
        #expect(unauthorized.status == 401)
        #expect(unauthorized.headers["Content-Type"] == HTTPProblem.contentType)
        #expect(try body(unauthorized) == WireFixtureTests.value("problem-unauthorized.json"))
        try fixture.admin.revokeAgent(name: "bob")
        #expect(
            try body(fixture.request("GET", "/v1/pull", token: bob))
                == WireFixtureTests.value("problem-token-revoked.json"))
        let change = WireChange.encode(ServiceFixture.change("a1", 1, agent: "alice", customer: "C-1"))
        var bad = change.objectValue!
        bad["wall"] = "soon"
        let malformed = JSON.string(
            .object(["device": "a1", "changes": .list([change, change, change, .object(bad)])]))
        let invalid = fixture.request("POST", "/v1/push", token: alice, body: malformed)
        #expect(invalid.status == 422)
        #expect(try body(invalid) == WireFixtureTests.value("problem-invalid-request.json"))
        let many = JSON.string(.object(["device": "a1", "changes": .list(Array(repeating: change, count: 1001))]))
        let tooMany = fixture.request("POST", "/v1/push", token: alice, body: many)
        #expect(tooMany.status == 413)
        #expect(try body(tooMany) == WireFixtureTests.value("problem-too-many-changes.json"))
    }
}
