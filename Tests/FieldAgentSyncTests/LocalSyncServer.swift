import FieldAgentCore
import FieldAgentHTTP
import FieldAgentServer
import FieldAgentSync
import Foundation
import Synchronization

/// The real ``SyncService`` and ``AdminService`` over in-memory ``FileServerStorage``, reached
/// through an ``InMemoryTransport``: the sync tests run against the server users run, without sockets.
///
/// The transport can be told to drop the next requests to a path, like a broken connection.
final class LocalSyncServer: Sendable {
    struct Script: Sendable {
        var now: Int64 = 1_795_941_000_000
        var tokens: [String: String] = [:]
        /// The next `n` requests on a path throw, as if the connection broke.
        var failures: [String: Int] = [:]
        var requests: [String] = []
    }

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

    /// Imports one customer the way `fieldagent-server import` does.
    func importCustomer(_ customer: Customer) throws {
        let encoder = JSONEncoder()
        _ = try admin.importPortfolio(Array(encoder.encode(Portfolio(customers: [customer]))))
    }

    func unassign(_ customer: String, from agent: String) throws {
        try admin.unassign(customer: customer, agent: agent)
    }

    func erase(_ customer: String) throws { try admin.erase(customer: customer) }

    func revoke(_ agent: String) throws { try admin.revokeAgent(name: agent) }

    func failNext(_ path: String, times: Int) { script.withLock { $0.failures[path] = times } }

    /// Every change the server stored, in log order.
    var log: [Change] {
        storage.entries(after: 0, limit: Int.max).compactMap { entry in
            if case .change(let change) = entry.kind { return change }
            return nil
        }
    }

    /// The paths of the requests received, in order.
    var requests: [String] { script.withLock { $0.requests } }

    var transport: InMemoryTransport {
        InMemoryTransport { [self] request throws(TransportError) in try handle(request) }
    }

    /// Answers `request` as the HTTP server would, or throws for a scripted failure.
    func handle(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        let path = String(request.path)
        let fails = script.withLock { script -> Bool in
            script.requests.append(path)
            guard let n = script.failures[path], n > 0 else { return false }
            script.failures[path] = n - 1
            return true
        }
        if fails { throw TransportError(reason: "connection reset") }
        let response = service.handle(
            HTTPRequest(
                method: request.method, target: request.target, headers: HTTPHeaders(request.headers.map { ($0, $1) }),
                body: request.body))
        var headers: [String: String] = [:]
        for field in response.headers { headers[field.name.lowercased()] = field.value }
        return TransportResponse(status: response.status, headers: headers, body: response.body)
    }
}
