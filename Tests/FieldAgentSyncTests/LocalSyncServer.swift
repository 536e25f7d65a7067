import FieldAgentCore
import FieldAgentHTTP
import FieldAgentServer
import FieldAgentSync
import Foundation
import Synchronization

/// The real ``SyncService`` and ``AdminService`` over in-memory ``FileServerStorage``, reached
/// through an ``InMemoryTransport``: the sync tests run against the server users run, without sockets.
///
/// The transport can be told to drop the next requests to a path, like a broken connection, or to
/// answer them with an error status, like a failing server.
final class LocalSyncServer: Sendable {
    /// What the tests script around the real service: its clock, the tokens, failures, the request log.
    struct Script: Sendable {
        var now: Int64 = 1_795_941_000_000
        var tokens: [String: String] = [:]
        /// The next `n` requests on a path throw, as if the connection broke.
        var failures: [String: Int] = [:]
        /// The next `times` requests on a path are answered with `status` instead of reaching the service.
        var statusFailures: [String: (status: Int, times: Int)] = [:]
        var requests: [String] = []
    }

    /// The address the configurations name; nothing listens there.
    static let url = "http://local"

    let storage = FileServerStorage()
    let service: SyncService
    let admin: AdminService
    private let script: ScriptBox

    /// The script behind a lock, shareable with the server's clock closure.
    final class ScriptBox: Sendable {
        private let mutex = Mutex(Script())
        func withLock<R>(_ body: (inout Script) -> R) -> R { mutex.withLock { body(&$0) } }
    }

    /// A server that knows `agents`; their tokens are ``token(_:)``.
    init(agents: [String]) throws {
        let script = ScriptBox()
        self.script = script
        let clock: @Sendable () -> Instant = { Instant(millisecondsSinceEpoch: script.withLock { $0.now }) }
        service = SyncService(storage: storage, now: clock)
        admin = AdminService(storage: storage, now: clock)
        for agent in agents {
            let token = try admin.addAgent(name: agent)
            script.withLock { $0.tokens[agent] = token }
        }
    }

    /// The server's clock, in milliseconds since the epoch.
    var now: Int64 {
        get { script.withLock { $0.now } }
        set { script.withLock { $0.now = newValue } }
    }

    /// The token `agent add` gave `agent`.
    func token(_ agent: String) -> String { script.withLock { $0.tokens[agent] ?? "" } }

    /// Imports one customer the way `fieldagent-server import` does: its changes, then its assignments.
    func importCustomer(_ customer: Customer) throws {
        let encoder = JSONEncoder()
        _ = try admin.importPortfolio(Array(encoder.encode(Portfolio(customers: [customer]))))
    }

    /// `fieldagent-server unassign`: the agent's next pull carries a purge of `customer`.
    func unassign(_ customer: String, from agent: String) throws {
        try admin.unassign(customer: customer, agent: agent)
    }

    /// `fieldagent-server erase`: a tombstone in the log, every other byte about `customer` gone.
    func erase(_ customer: String) throws { try admin.erase(customer: customer) }

    /// `fieldagent-server agent revoke`: the agent's token gets `401 token-revoked`.
    func revoke(_ agent: String) throws { try admin.revokeAgent(name: agent) }

    /// The next `times` requests on `path` throw a ``TransportError``: no answer at all.
    func failNext(_ path: String, times: Int) { script.withLock { $0.failures[path] = times } }

    /// The next `times` requests on `path` are answered with `status` (the service's own
    /// `storage-failed` problem body), without reaching the service.
    func failNextWithStatus(_ path: String, status: Int = 500, times: Int) {
        script.withLock { $0.statusFailures[path] = (status, times) }
    }

    /// Every change the server stored, in log order.
    var log: [Change] {
        (try? storage.loggedChanges()) ?? []
    }

    /// The paths of the requests received, in order.
    var requests: [String] { script.withLock { $0.requests } }

    var transport: InMemoryTransport {
        InMemoryTransport { [self] request throws(TransportError) in try handle(request) }
    }

    /// A session configuration for `home`'s agent with its real token.
    func configuration(
        for home: AgentHome, pageLimit: Int = 1_000,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))
    ) -> SyncSession.Configuration {
        SyncSession.Configuration(
            server: LocalSyncServer.url, token: token(home.configuration.agent), device: home.configuration.replicaID,
            pageLimit: pageLimit, retry: retry)
    }

    /// Answers `request` as the HTTP server would, or throws for a scripted failure.
    func handle(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        let path = String(request.path)
        let (drop, status) = script.withLock { script -> (Bool, Int?) in
            script.requests.append(path)
            if let n = script.failures[path], n > 0 {
                script.failures[path] = n - 1
                return (true, nil)
            }
            if let failure = script.statusFailures[path], failure.times > 0 {
                script.statusFailures[path] = (failure.status, failure.times - 1)
                return (false, failure.status)
            }
            return (false, nil)
        }
        if drop { throw TransportError(reason: "connection reset") }
        var response: HTTPResponse
        if let status {
            response = SyncProblem.storageFailed.response
            response.status = status
        } else {
            response = service.handle(
                HTTPRequest(
                    method: request.method, target: request.target,
                    headers: HTTPHeaders(request.headers.map { ($0, $1) }), body: request.body))
        }
        var headers: [String: String] = [:]
        for field in response.headers { headers[field.name.lowercased()] = field.value }
        return TransportResponse(status: response.status, headers: headers, body: response.body)
    }
}
