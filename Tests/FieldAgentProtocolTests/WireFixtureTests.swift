import FieldAgentCore
import FieldAgentProtocol
import FieldAgentTestSupport
import Foundation
import Testing

/// protocol.md's examples are the files under `Fixtures/wire/`, embedded verbatim, and every one of
/// them is what the protocol's types read and write: the code both the client and the server use.
@Suite struct WireFixtureTests {
    static func jsonFixtureNames() throws -> [String] { try WireFixture.names().filter { $0.hasSuffix(".json") } }

    static func dropTrailingNewlines(_ text: String) -> String {
        var text = text
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Every fenced block of protocol.md (its language, the fixture named in the marker line above it,
    /// `<!-- fixture: NAME -->`, or nil when there is none, and its text).
    static func embeddedExamples() throws -> [(language: String, fixture: String?, body: String)] {
        let lines = try String(
            contentsOf: BuiltProduct.packageRoot().appendingPathComponent("protocol.md"), encoding: .utf8
        ).components(separatedBy: "\n")
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
            let file = try WireFixture.text(fixture)
            #expect(WireFixtureTests.dropTrailingNewlines(file) == example.body, "\(fixture) differs from protocol.md")
        }
        #expect(Set(try WireFixtureTests.jsonFixtureNames()) == Set(json.compactMap(\.fixture)))
        #expect(Set(try WireFixture.names()) == Set(examples.compactMap(\.fixture)), "no fixture outside protocol.md")
    }

    /// The answer scenarios (`Fixtures/wire/answers/`, replayed against the server in
    /// FieldAgentServerTests) are not embedded; each answer of "Questions a client writer asks" names
    /// its own, and every scenario is named by one.
    @Test func everyAnswerNamesItsScenario() throws {
        let text = try String(
            contentsOf: BuiltProduct.packageRoot().appendingPathComponent("protocol.md"), encoding: .utf8)
        let heading = "## Questions a client writer asks\n"
        guard let start = text.range(of: heading) else {
            Issue.record("protocol.md has no section \(heading)")
            return
        }
        let rest = text[start.upperBound...]
        let section = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        let answers = section.components(separatedBy: "\n- **").dropFirst()
        #expect(answers.count >= 10)
        let prefix = "`Fixtures/wire/answers/"
        var named: [String] = []
        for answer in answers {
            let names = answer.components(separatedBy: prefix).dropFirst().compactMap {
                $0.split(separator: "`", maxSplits: 1).first.map(String.init)
            }
            #expect(!names.isEmpty, "no scenario named by: \(answer.prefix(60))")
            named += names
        }
        #expect(named.count == Set(named).count, "a scenario named twice")
        #expect(Set(named) == Set(try WireFixture.answerNames()), "every scenario is named, and exists")
    }

    @Test func fixturesAreCanonicalJSON() throws {
        for name in try WireFixtureTests.jsonFixtureNames() {
            let text = try WireFixture.text(name)
            #expect(
                text == JSON.string(try JSON.parse(text), pretty: true) + "\n", "\(name): sorted keys, 2-space indent")
        }
    }

    /// Each fixture decodes through its protocol type and re-encodes to the same JSON. A fixture
    /// added without a decoder here fails, so none escapes the round trip.
    @Test func everyFixtureRoundTripsThroughItsProtocolType() throws {
        let roundTrips: [String: (Value) throws -> Value] = [
            "change.json": { WireChange.encode(try WireChange.decode($0)) },
            "health-response.json": { try HealthResponse(json: $0).json },
            "push-request.json": { try PushRequest(json: $0).json },
            "push-response.json": { try PushResponse(json: $0).json },
            "pull-response.json": { try PullResponse(json: $0).json },
            "pull-empty.json": { try PullResponse(json: $0).json },
            "problem-unauthorized.json": { try Problem(json: $0).json },
            "problem-token-revoked.json": { try Problem(json: $0).json },
            "problem-invalid-request.json": { try Problem(json: $0).json },
            "problem-too-many-changes.json": { try Problem(json: $0).json },
            "problem-device-revoked.json": { try Problem(json: $0).json },
            "device-registration.json": { try DeviceRegistration(json: $0).json },
            "device-token.json": { try DeviceToken(json: $0).json },
            "wipe-report.json": { try WipeReport(json: $0).json },
        ]
        #expect(Set(roundTrips.keys) == Set(try WireFixtureTests.jsonFixtureNames()))
        for (name, roundTrip) in roundTrips {
            let value = try WireFixture.value(name)
            #expect(try roundTrip(value) == value, "\(name)")
        }
    }

    @Test func messagesHoldWhatProtocolMdSays() throws {
        let request = try PushRequest(body: try WireFixture.bytes("push-request.json"))
        #expect(request.device == "alice-1f3a09c2")
        #expect(Set(request.changes.map(\.op)) == [.set, .flag, .create])
        #expect(Set(request.changes.map(\.target.entity)) == [.customer, .contact, .promise, .note])
        let response = try PushResponse(body: try WireFixture.bytes("push-response.json"))
        #expect(Set(response.results.map(\.status)) == Set(ChangeResult.Status.allCases))
        #expect(response.results.map(\.id) == request.changes.map(\.id))
        #expect(response.results.last?.reason == .invalidValue)
        let page = try PullResponse(body: try WireFixture.bytes("pull-response.json"), contentType: MediaType.json)
        #expect(!page.purge.isEmpty && page.more)
        #expect(page.changes.contains { $0.op == .erase && $0.id.replica == "backoffice" })
        let empty = try PullResponse(body: try WireFixture.bytes("pull-empty.json"), contentType: nil)
        #expect(empty.changes.isEmpty && !empty.more)
        #expect(try HealthResponse(json: try WireFixture.value("health-response.json")).protocolVersion == 1)
    }

    /// Each problem fixture names a known type, with that type's status and title.
    @Test func problemFixturesUseTheProtocolsTypes() throws {
        let expected: [String: ProblemType] = [
            "problem-unauthorized.json": .unauthorized, "problem-token-revoked.json": .tokenRevoked,
            "problem-invalid-request.json": .invalidRequest, "problem-too-many-changes.json": .tooManyChanges,
            "problem-device-revoked.json": .deviceRevoked,
        ]
        #expect(Set(expected.keys) == Set(try WireFixtureTests.jsonFixtureNames().filter { $0.hasPrefix("problem-") }))
        for (name, type) in expected {
            let problem = try Problem(body: try WireFixture.bytes(name))
            #expect(problem.problemType == type, "\(name)")
            #expect(problem.status == type.status && problem.title == type.title, "\(name)")
            #expect(problem.code == type.rawValue, "\(name)")
        }
    }

    /// The rejections in push-response.json are the ones the validator gives the push-request.json changes.
    @Test func pushResponseRejectionsAreTheValidatorsVerdicts() throws {
        let request = try PushRequest(json: try WireFixture.value("push-request.json"))
        let response = try PushResponse(json: try WireFixture.value("push-response.json"))
        let validator = ChangeValidator(isKnownZone: { TimeZone(identifier: $0) != nil })
        for (change, result) in zip(request.changes, response.results) {
            let problem = validator.problem(with: change)
            #expect(problem?.reason == result.reason, "\(change.id)")
            #expect(problem?.detail == result.detail, "\(change.id)")
        }
    }
}
