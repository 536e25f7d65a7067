import FieldAgentCore
import FieldAgentHTTP
import FieldAgentStore
import Foundation

/// The sync server's request → response core (protocol.md): routing, authentication, per-change
/// validation and scoping, pull paging. No sockets: ``handle(_:)`` is a function, so every rule is
/// tested without a network, and ``SyncServer`` only wires it to an ``HTTPServer``.
public struct SyncService: Sendable {
    /// How far ahead of the server's clock a change's `wall` may be before it is refused `clock-skew`.
    public static let maxSkewMillis: Int64 = 5 * 60 * 1000
    /// Default and maximum page size of a pull.
    public static let defaultPageLimit = 1000
    /// The largest `limit` a pull may ask for.
    public static let maxPageLimit = 5000

    /// Where everything is stored.
    public let storage: any ServerStorage
    /// Counters for `GET /metrics`.
    public let metrics: ServerMetrics
    let now: @Sendable () -> Instant
    let validator: ChangeValidator

    /// A service over `storage`.
    ///
    /// - Parameters:
    ///   - now: the server's clock; injected so clock-skew rules are testable.
    ///   - isKnownZone: whether a time-zone name is valid (for `timeZone` writes).
    public init(
        storage: any ServerStorage, metrics: ServerMetrics = ServerMetrics(),
        now: @escaping @Sendable () -> Instant = Instant.now,
        isKnownZone: @escaping @Sendable (String) -> Bool = { TimeZone(identifier: $0) != nil }
    ) {
        self.storage = storage
        self.metrics = metrics
        self.now = now
        self.validator = ChangeValidator(isKnownZone: isKnownZone)
    }

    /// Answers one request.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        switch request.path {
        case "/v1/health":
            guard request.method == "GET" || request.method == "HEAD" else {
                return SyncProblem.methodNotAllowed(allowed: "GET").response
            }
            return SyncService.json(.object(["status": "ok", "protocol": 1]))
        case "/metrics":
            guard request.method == "GET" || request.method == "HEAD" else {
                return SyncProblem.methodNotAllowed(allowed: "GET").response
            }
            return HTTPResponse(
                status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", text: metrics.render())
        case "/v1/push":
            guard request.method == "POST" else { return SyncProblem.methodNotAllowed(allowed: "POST").response }
            return authenticated(request) { push(request, agent: $0) }
        case "/v1/pull":
            guard request.method == "GET" else { return SyncProblem.methodNotAllowed(allowed: "GET").response }
            return authenticated(request) { pull(request, agent: $0) }
        default:
            return SyncProblem.notFound.response
        }
    }

    /// Runs `body` with the token's agent, or answers 401.
    func authenticated(_ request: HTTPRequest, _ body: (String) -> HTTPResponse) -> HTTPResponse {
        switch authenticate(request.headers["Authorization"]) {
        case .success(let agent): return body(agent)
        case .failure(let problem): return problem.response
        }
    }

    /// The agent a `Bearer` token belongs to. Compares SHA-256 hashes in constant time against every agent.
    func authenticate(_ header: String?) -> Result<String, SyncProblem> {
        guard let header, header.utf8.count == 7 + 64, header.lowercased().hasPrefix("bearer "),
            let token = Hex.decode(String(header.dropFirst(7)).lowercased()), token.count == 32
        else { return .failure(.unauthorized) }
        let hash = SHA256.hash(token)
        var match: AgentRecord?
        for agent in storage.agents() where ConstantTime.equals(agent.tokenHash, hash) { match = agent }
        guard let match else { return .failure(.unauthorized) }
        return match.revoked ? .failure(.tokenRevoked) : .success(match.name)
    }

    /// A `200` JSON response.
    static func json(_ value: Value) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: JSON.bytes(value))
    }
}
