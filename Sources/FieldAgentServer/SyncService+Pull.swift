import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

extension SyncService {
    /// `GET /v1/pull?cursor=C&limit=N`: the agent's page of the log after `C`, in binary when the
    /// client accepts ``MediaType/binaryPage``, else in JSON.
    func pull(_ request: HTTPRequest, caller: Caller) -> HTTPResponse {
        let query: PullRequest
        do {
            query = try PullRequest(query: request.query)
        } catch {
            switch error {
            case .badCursor: return SyncProblem.badCursor.response
            case .badLimit: return SyncProblem.badLimit.response
            }
        }
        let cursor = query.cursor.flatMap { UInt64($0) } ?? 0
        let device = SyncService.deviceMarks(request)
        noteRewindEvidence(device, cursor: cursor, replica: device.replica, caller: caller)
        let marks = serverMarks(replica: device.replica, caller: caller)
        // A cursor past the log's end was never issued here (or the log was restored from an older
        // backup): say so, rather than answer empty pages that skip what comes later.
        guard cursor <= marks.lastSequence else { return SyncService.marked(SyncProblem.badCursor.response, marks) }
        let page = self.page(for: caller.agent, after: cursor, limit: query.limit)
        metrics.countPulled(page.changes.count)
        if let accept = request.headers["Accept"], accept.contains(MediaType.binaryPage) {
            return SyncService.marked(
                HTTPResponse(status: 200, headers: ["Content-Type": MediaType.binaryPage], body: page.binary), marks)
        }
        return SyncService.marked(SyncService.json(page.json), marks)
    }

    /// The page of the log after `cursor` that `agent` may see.
    ///
    /// Walks log entries in sequence order:
    /// - a change is included when its customer is assigned to the agent now;
    /// - an assignment to the agent (still in force) includes the customer's whole stored state;
    /// - an unassignment from the agent drops what the page collected for that customer and lists it in `purge`.
    /// Entries about other agents' customers are skipped without ending the page, so a page is
    /// short only at the end of the log, and `more` means there is certainly more to send.
    public func page(for agent: String, after cursor: UInt64, limit: Int) -> PullResponse {
        var changes: [Change] = []
        var included = Set<ChangeID>()
        var purge: [String] = []
        var assigned: [String: Bool] = [:]
        func isAssigned(_ customer: String) -> Bool {
            if let known = assigned[customer] { return known }
            let now = storage.assignedAgents(of: customer).contains(agent)
            assigned[customer] = now
            return now
        }
        var since: [String: UInt64] = [:]
        /// Whether the assignment that lets the agent see `customer` comes after `sequence` in the log:
        /// then that assignment event delivers the change with the customer's whole state, so the
        /// change is not sent twice.
        func deliveredByLaterAssignment(_ customer: String, _ sequence: UInt64) -> Bool {
            let start: UInt64
            if let known = since[customer] {
                start = known
            } else {
                start = storage.assignmentSequence(customer: customer, agent: agent) ?? 0
                since[customer] = start
            }
            return start > sequence
        }
        func include(_ change: Change) {
            if included.insert(change.id).inserted { changes.append(change) }
        }
        var position = cursor
        var more = false
        scan: while true {
            let batch = storage.entries(after: position, limit: 4096)
            if batch.isEmpty { break }
            for entry in batch {
                if changes.count >= limit {
                    more = true
                    break scan
                }
                switch entry.kind {
                case .change(let change):
                    let customer = change.target.customer
                    if isAssigned(customer), !deliveredByLaterAssignment(customer, entry.sequence) { include(change) }
                case .assigned(let customer, let who):
                    guard who == agent, isAssigned(customer) else { break }
                    for stored in storage.changes(of: customer) where stored.sequence < entry.sequence {
                        include(stored.change)
                    }
                case .unassigned(let customer, let who):
                    guard who == agent else { break }
                    let dropped = changes.filter { $0.target.customer == customer }.map(\.id)
                    if !dropped.isEmpty {
                        changes.removeAll { $0.target.customer == customer }
                        included.subtract(dropped)
                    }
                    if !purge.contains(customer) { purge.append(customer) }
                }
                position = entry.sequence
            }
        }
        return PullResponse(
            changes: changes, purge: purge, cursor: String(position), more: more,
            serverTime: now().millisecondsSinceEpoch)
    }
}
