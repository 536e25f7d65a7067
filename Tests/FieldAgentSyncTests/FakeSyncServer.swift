import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import Synchronization

/// A scripted in-memory server that follows protocol.md closely enough to drive the client:
/// bearer tokens, per-change results (duplicate, not-assigned, customer-erased, clock-skew),
/// cursor = position in the accepted log, paging with `more`, purge lists and problem bodies.
final class FakeSyncServer: Sendable {
    struct State {
        var log: [Change] = []
        var byID: [ChangeID: Change] = [:]
        var tokens: [String: String] = [:]
        var revoked: Set<String> = []
        var assigned: [String: Set<String>] = [:]
        var erased: Set<String> = []
        var pendingPurge: [String: Set<String>] = [:]
        var now: Int64 = 1_795_941_000_000
        var backOffice = ReplicaState(replicaID: "backoffice")
        /// Scripted network failures: the next `n` requests on a path throw.
        var failures: [String: Int] = [:]
        var requests: [String] = []
    }

    let state = Mutex(State())

    init(agents: [String: String]) {
        state.withLock { $0.tokens = agents }
    }

    var now: Int64 {
        get { state.withLock { $0.now } }
        set { state.withLock { $0.now = newValue } }
    }

    /// Imports a customer assigned to `agents`, as back-office changes.
    func importCustomer(_ customer: Customer) {
        state.withLock { s in
            for agent in customer.agents { s.assigned[customer.id, default: []].insert(agent) }
            let changes = s.backOffice.commit(
                s.backOffice.importEdits(for: customer), by: "backoffice", at: s.now - 60_000)
            for change in changes { s.accept(change) }
        }
    }

    func unassign(_ customer: String, from agent: String) {
        state.withLock { s in
            s.assigned[customer]?.remove(agent)
            s.pendingPurge[agent, default: []].insert(customer)
        }
    }

    func erase(_ customer: String) {
        state.withLock { s in
            let tombstone = s.backOffice.commit(.erase(customer: customer), by: "backoffice", at: s.now)
            s.accept(tombstone)
            s.erased.insert(customer)
        }
    }

    func revoke(_ token: String) { state.withLock { _ = $0.revoked.insert(token) } }

    func failNext(_ path: String, times: Int) { state.withLock { $0.failures[path] = times } }

    var log: [Change] { state.withLock { $0.log } }
    var requests: [String] { state.withLock { $0.requests } }

    var transport: InMemoryTransport {
        InMemoryTransport { [self] request throws(TransportError) in try handle(request) }
    }

    func handle(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        try state.withLock { s throws(TransportError) -> TransportResponse in
            let path = String(request.path)
            s.requests.append(path)
            if let n = s.failures[path], n > 0 {
                s.failures[path] = n - 1
                throw TransportError(reason: "connection reset")
            }
            let token = request.headers["Authorization"].map { String($0.dropFirst("Bearer ".count)) } ?? ""
            if s.revoked.contains(token) { return problem(401, "token-revoked") }
            guard let agent = s.tokens[token] else { return problem(401, "unauthorized") }
            switch path {
            case "/v1/push": return s.push(request, agent: agent)
            case "/v1/pull": return s.pull(request, agent: agent)
            default: return problem(404, "not-found")
            }
        }
    }
}

func problem(_ status: Int, _ type: String) -> TransportResponse {
    TransportResponse(
        status: status, headers: ["content-type": "application/problem+json"],
        body: JSON.bytes(
            .object([
                "type": .string("urn:fieldagent:problem:\(type)"), "title": .string(type),
                "status": .int(Int64(status)),
                "detail": .string("scripted \(type)"),
            ])))
}

extension FakeSyncServer.State {
    mutating func accept(_ change: Change) {
        log.append(change)
        byID[change.id] = change
    }

    mutating func push(_ request: TransportRequest, agent: String) -> TransportResponse {
        guard let json = try? JSON.parse(request.body), let items = json["changes"]?.listValue else {
            return problem(400, "invalid-json")
        }
        var results: [Value] = []
        for item in items {
            guard let change = try? WireChange.decode(item) else { return problem(422, "invalid-shape") }
            let result: ChangeResult
            if let existing = byID[change.id] {
                result =
                    existing == change
                    ? ChangeResult(id: change.id, status: .duplicate)
                    : ChangeResult(id: change.id, status: .rejected, reason: .idReused, detail: "reused id")
            } else if change.hlc.wallMillis > now + 5 * 60 * 1000 {
                result = ChangeResult(id: change.id, status: .rejected, reason: .clockSkew, detail: "clock ahead")
            } else if erased.contains(change.target.customer) {
                result = ChangeResult(
                    id: change.id, status: .rejected, reason: .customerErased, detail: "the customer was erased")
            } else if !(assigned[change.target.customer]?.contains(agent) ?? false) {
                result = ChangeResult(
                    id: change.id, status: .rejected, reason: .notAssigned, detail: "not assigned to you")
            } else {
                accept(change)
                result = ChangeResult(id: change.id, status: .accepted)
            }
            results.append(result.json)
        }
        return TransportResponse(
            status: 200, body: JSON.bytes(.object(["results": .list(results), "serverTime": .int(now)])))
    }

    mutating func pull(_ request: TransportRequest, agent: String) -> TransportResponse {
        let query = request.query
        guard let start = Int(query["cursor"] ?? "0"), start >= 0, start <= log.count else {
            return problem(400, "bad-cursor")
        }
        let limit = Int(query["limit"] ?? "1000") ?? 1000
        var page: [Value] = []
        var position = start
        while position < log.count, page.count < limit {
            let change = log[position]
            position += 1
            let customer = change.target.customer
            if assigned[customer]?.contains(agent) ?? false || change.op == .erase {
                page.append(WireChange.encode(change))
            }
        }
        let purge = pendingPurge.removeValue(forKey: agent) ?? []
        return TransportResponse(
            status: 200,
            body: JSON.bytes(
                .object([
                    "changes": .list(page), "purge": .list(purge.sorted().map(Value.string)),
                    "cursor": .string(String(position)), "more": .bool(position < log.count), "serverTime": .int(now),
                ])))
    }
}
