import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

extension SyncService {
    /// `POST /v1/push`: validates each change, stores the valid ones durably, answers one result per change.
    func push(_ request: HTTPRequest, agent: String) -> HTTPResponse {
        guard MediaType.essence(of: request.headers["Content-Type"]) == MediaType.json else {
            return SyncProblem.unsupportedMediaType.response
        }
        let body: PushRequest
        do {
            body = try PushRequest(body: request.body)
        } catch {
            switch error {
            case .invalidJSON(let why): return SyncProblem.invalidJSON(why.description).response
            case .tooManyChanges(let count):
                return SyncProblem.tooManyChanges(count: count, limit: ProtocolLimits.maxChangesPerPush).response
            case .invalid(let why): return SyncProblem.invalidRequest(why.description).response
            }
        }
        let serverTime = now().millisecondsSinceEpoch
        var results = [ChangeResult?](repeating: nil, count: body.changes.count)
        var toStore: [(index: Int, change: Change)] = []
        for (index, change) in body.changes.enumerated() {
            if let verdict = precheck(change, agent: agent, serverTime: serverTime) {
                results[index] = verdict
            } else {
                toStore.append((index, change))
            }
        }
        do {
            let outcomes = try storage.append(toStore.map(\.change))
            for (slot, outcome) in zip(toStore, outcomes) {
                let id = slot.change.id
                switch outcome {
                case .accepted: results[slot.index] = ChangeResult(id: id, status: .accepted)
                case .duplicate: results[slot.index] = ChangeResult(id: id, status: .duplicate)
                case .idReused: results[slot.index] = ChangeResult.rejected(id, .idReused)
                case .customerErased: results[slot.index] = ChangeResult.rejected(id, .customerErased)
                }
            }
        } catch {
            // Storage errors name files and offsets, never stored data, so the cause can be logged.
            logFailure("error: POST /v1/push answered 500: \(error.description)")
            return SyncProblem.storageFailed.response
        }
        let final = results.map { $0! }
        for status in ChangeResult.Status.allCases {
            let count = final.count { $0.status == status }
            if count > 0 { metrics.countPushed(status.rawValue, by: count) }
        }
        return SyncService.json(PushResponse(results: final, serverTime: serverTime).json)
    }

    /// The verdict for a change that must not be stored, or nil if it may be.
    ///
    /// A change stored before is a `duplicate` whatever else changed since (e.g. an unassignment),
    /// so a retried push reports what really happened to it.
    func precheck(_ change: Change, agent: String, serverTime: Int64) -> ChangeResult? {
        let id = change.id
        switch storage.status(of: change) {
        case .same: return ChangeResult(id: id, status: .duplicate)
        case .different: return ChangeResult.rejected(id, .idReused)
        case .erased: return ChangeResult.rejected(id, .customerErased)
        case .unknown: break
        }
        if change.id.replica == ServerState.backOfficeReplica {
            return ChangeResult.rejected(
                id, .invalidTarget, detail: "the replica id backoffice is reserved for the server")
        }
        guard change.agent == agent else { return ChangeResult.rejected(id, .wrongAgent) }
        if change.hlc.wallMillis > serverTime + ProtocolLimits.maxClockSkewMillis {
            return ChangeResult.rejected(id, .clockSkew)
        }
        if let (reason, detail) = validator.problem(with: change) {
            return ChangeResult(id: id, status: .rejected, reason: reason, detail: detail)
        }
        if change.op == .erase {
            return ChangeResult.rejected(id, .invalidTarget, detail: "only the back office erases customers")
        }
        if storage.currentState().isErased(change.target.customer) {
            return ChangeResult.rejected(id, .customerErased)
        }
        guard storage.assignedAgents(of: change.target.customer).contains(agent) else {
            return ChangeResult.rejected(id, .notAssigned)
        }
        return nil
    }
}
