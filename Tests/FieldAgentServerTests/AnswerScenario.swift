import FieldAgentCore

/// One answer of protocol.md's "Questions a client writer asks", as a scenario file under
/// `Fixtures/wire/answers/`: the question, the customers to assign besides the seed's (alice has
/// C-1, bob C-2), and steps, each with what it must get back.
///
/// A step is one of:
/// - a request to the sync service: `as` (`alice` or `bob`, whose token it carries), `method`,
///   `target`, and `body` (JSON, sent re-encoded) or `rawBody` (a string, sent byte for byte);
/// - `http`: raw request text the HTTP parser must refuse;
/// - `pushResponse`: a push answer the client reads.
///
/// Each may carry a `comment` and must carry `expect`: `status`, `type` (the problem type's code),
/// `detailContains` (text the problem's detail holds) and `results` (per-change results by `id`,
/// `status`, `reason`, and `detail` when given). Reading is strict: an unknown key anywhere, or a
/// step whose `expect` checks nothing that step can answer, is an error, so no scenario asserts nothing.
struct AnswerScenario {
    /// What a step sends or reads.
    enum Action {
        /// A request to the sync service with `agent`'s token; `body` as sent, nil for none.
        case request(agent: String, method: String, target: String, body: String?)
        /// Raw HTTP text the parser must refuse.
        case http(String)
        /// The body of a push answer the client reads.
        case pushResponse(String)
    }

    /// One per-change result a step expects.
    struct ExpectedResult {
        var id: String
        var status: String
        /// Nil: the result must have no reason.
        var reason: String?
        /// Nil: the detail is not checked.
        var detail: String?
    }

    /// What a step must get back; every member given is checked.
    struct Expectation {
        var status: Int?
        var type: String?
        var detailContains: String?
        var results: [ExpectedResult]?
    }

    /// One step of a scenario.
    struct Step {
        var comment: String?
        var action: Action
        var expect: Expectation
    }

    /// The agents a request may act as.
    static let agents: Set<String> = ["alice", "bob"]

    /// The question as protocol.md asks it.
    var question: String
    /// Customers assigned to agents before the first step.
    var assignments: [(customer: String, agent: String)]
    var steps: [Step]

    /// Reads a scenario file's JSON.
    init(json: Value) throws(ValidationError) {
        let o = try Node(json, "").object(allowed: ["question", "assign", "steps"])
        question = try o.required("question").string(Self.nonEmpty)
        assignments = []
        for pair in try o.optional("assign")?.list() ?? [] {
            let names = try pair.list()
            guard names.count == 2 else { throw pair.error("expected [customer, agent]") }
            assignments.append((try names[0].string(Self.nonEmpty), try names[1].string(Self.nonEmpty)))
        }
        let steps = try o.required("steps").list()
        guard !steps.isEmpty else { throw o.node.error("a scenario needs steps") }
        self.steps = []
        for step in steps { self.steps.append(try Self.step(step)) }
    }

    static func nonEmpty(_ s: String) -> String? { s.isEmpty ? "must not be empty" : nil }

    static func step(_ node: Node) throws(ValidationError) -> Step {
        let members = node.value.objectValue
        let kinds = ["method", "http", "pushResponse"].filter { members?[$0] != nil }
        guard kinds.count == 1 else { throw node.error("a step needs exactly one of method, http, pushResponse") }
        let o: ObjectNode
        let action: Action
        let expect: Expectation
        switch kinds[0] {
        case "method":
            o = try node.object(allowed: ["comment", "as", "method", "target", "body", "rawBody", "expect"])
            let agent = try o.required("as").string { agents.contains($0) ? nil : "must be alice or bob" }
            let method = try o.required("method").string(nonEmpty)
            let target = try o.required("target").string { $0.hasPrefix("/") ? nil : "must start with /" }
            if o.members["body"] != nil, o.members["rawBody"] != nil {
                throw node.error("a step has body or rawBody, not both")
            }
            let body =
                try o.optional("rawBody")?.string { _ in nil } ?? o.optional("body").map { JSON.string($0.value) }
            action = .request(agent: agent, method: method, target: target, body: body)
            expect = try expectation(o.required("expect"), allowed: ["status", "type", "detailContains", "results"])
            guard expect.status != nil else { throw node.error("a request step must expect a status") }
        case "http":
            o = try node.object(allowed: ["comment", "http", "expect"])
            action = .http(try o.required("http").string(nonEmpty))
            expect = try expectation(o.required("expect"), allowed: ["status", "type", "detailContains"])
            guard expect.status != nil, expect.type != nil else {
                throw node.error("an http step must expect a status and a problem type")
            }
        default:
            o = try node.object(allowed: ["comment", "pushResponse", "expect"])
            action = .pushResponse(JSON.string(try o.required("pushResponse").value))
            expect = try expectation(o.required("expect"), allowed: ["results"])
            guard expect.results != nil else { throw node.error("a pushResponse step must expect results") }
        }
        return Step(comment: try o.optional("comment")?.string(nonEmpty), action: action, expect: expect)
    }

    static func expectation(_ node: Node, allowed: Set<String>) throws(ValidationError) -> Expectation {
        let o = try node.object(allowed: allowed)
        guard !o.members.isEmpty else { throw node.error("expects nothing") }
        var expect = Expectation()
        expect.status = try o.optional("status").map { (n) throws(ValidationError) in Int(try n.integer(min: 100)) }
        expect.type = try o.optional("type")?.string(nonEmpty)
        expect.detailContains = try o.optional("detailContains")?.string(nonEmpty)
        if expect.detailContains != nil, expect.type == nil {
            throw node.error("detailContains checks a problem's detail; give its type too")
        }
        if let results = try o.optional("results")?.list() {
            expect.results = []
            for result in results { expect.results?.append(try expectedResult(result)) }
        }
        return expect
    }

    static func expectedResult(_ node: Node) throws(ValidationError) -> ExpectedResult {
        let o = try node.object(allowed: ["id", "status", "reason", "detail"])
        return ExpectedResult(
            id: try o.required("id").string(nonEmpty), status: try o.required("status").string(nonEmpty),
            reason: try o.optional("reason")?.string(nonEmpty), detail: try o.optional("detail")?.string(nonEmpty))
    }
}
