import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentTestSupport
import Testing

@testable import FieldAgentServer

/// protocol.md → "Questions a client writer asks": every answer's scenario under
/// `Fixtures/wire/answers/` (see ``AnswerScenario``), replayed against the real service.
@Suite struct ClientWriterAnswerFixtureTests {
    static let names: [String] = (try? WireFixture.answerNames()) ?? []

    @Test("the answer's scenario gets what it expects", arguments: names)
    func answer(_ name: String) throws {
        let scenario = try AnswerScenario(json: try WireFixture.answer(name))
        let f = try ServiceFixture()
        let (alice, bob) = try f.seed()
        for assignment in scenario.assignments {
            try f.admin.assign(customer: assignment.customer, agent: assignment.agent)
        }
        for (index, step) in scenario.steps.enumerated() {
            let place = "\(name) steps[\(index)]" + (step.comment.map { " (\($0))" } ?? "")
            switch step.action {
            case .request(let agent, let method, let target, let body):
                let response = f.request(method, target, token: agent == "alice" ? alice : bob, body: body)
                try Self.check(response, step.expect, place)
            case .http(let text):
                var parser = HTTPParser(limits: .default)
                let refusals = parser.receive(Array(text.utf8)).compactMap { event -> HTTPParseError? in
                    if case .error(let error) = event { error } else { nil }
                }
                guard let refusal = refusals.first else {
                    Issue.record("\(place): the HTTP parser did not refuse it")
                    continue
                }
                try Self.check(HTTPResponse(parseError: refusal, typePrefix: ProblemType.uriPrefix), step.expect, place)
            case .pushResponse(let body):
                let read = try PushResponse(body: Array(body.utf8))
                Self.check(read.results, step.expect.results ?? [], place)
            }
        }
    }

    /// A response's status, problem type and detail, and per-change results, as far as `expect` gives them.
    static func check(_ response: HTTPResponse, _ expect: AnswerScenario.Expectation, _ place: String) throws {
        if let status = expect.status { #expect(response.status == status, "\(place): status") }
        if let type = expect.type {
            let problem = try Problem(body: response.body)
            #expect(problem.problemType != nil, "\(place): \(problem.type ?? "no type") is not a protocol problem type")
            #expect(problem.code == type, "\(place): problem type")
            #expect(problem.status == response.status, "\(place): the problem's status is the response's")
            if let text = expect.detailContains {
                #expect(problem.detail?.contains(text) == true, "\(place): detail \(problem.detail ?? "none")")
            }
        }
        if let results = expect.results {
            check(try PushResponse(body: response.body).results, results, place)
        }
    }

    /// Results match by id, status and reason, and by detail when the scenario gives one.
    static func check(_ results: [ChangeResult], _ expected: [AnswerScenario.ExpectedResult], _ place: String) {
        #expect(results.count == expected.count, "\(place): number of results")
        for (result, expected) in zip(results, expected) {
            let at = "\(place) \(expected.id)"
            #expect(result.id.description == expected.id, "\(at): id")
            #expect(result.status.rawValue == expected.status, "\(at): status (\(result.detail ?? ""))")
            #expect(result.reason?.rawValue == expected.reason, "\(at): reason (\(result.detail ?? ""))")
            if let detail = expected.detail { #expect(result.detail == detail, "\(at): detail") }
        }
    }

    @Test("there is a scenario for every answer protocol.md gives")
    func scenariosExist() {
        #expect(Self.names.count >= 12, "\(Self.names)")
    }

    /// A scenario that could pass by checking nothing does not load.
    @Test(
        "unknown keys and steps that expect nothing are refused",
        arguments: [
            #"{"question": "q", "steps": [{"http": "GET", "expect": {"status": 400, "type": "x"}}], "extra": 1}"#,
            #"{"question": "q", "steps": []}"#,
            #"{"question": "q", "steps": [{"http": "GET / HTTP/9.9\r\n\r\n", "expect": {}}]}"#,
            #"{"question": "q", "steps": [{"http": "GET / HTTP/9.9\r\n\r\n"}]}"#,
            #"{"question": "q", "steps": [{"http": "GET", "expect": {"status": 505, "typo": "x"}}]}"#,
            #"{"question": "q", "steps": [{"as": "alice", "method": "GET", "target": "/v1/pull", "expect": {"type": "x"}}]}"#,
            #"{"question": "q", "steps": [{"as": "eve", "method": "GET", "target": "/v1/pull", "expect": {"status": 200}}]}"#,
            #"{"question": "q", "steps": [{"pushResponse": {}, "expect": {"status": 200}}]}"#,
            #"{"question": "q", "steps": [{"pushResponse": {}, "expect": {"results": [{"id": "a:1", "status": "accepted", "why": 1}]}}]}"#,
        ])
    func strictScenarios(_ text: String) throws {
        #expect(throws: ValidationError.self) { try AnswerScenario(json: try JSON.parse(text)) }
    }
}
