import FieldAgentCore
import FieldAgentHTTP

extension SyncService {
    /// `POST /v1/push`: validates each change, stores the valid ones durably, answers one result per change.
    func push(_ request: HTTPRequest, agent: String) -> HTTPResponse {
        let contentType = request.headers["Content-Type"]?.lowercased() ?? ""
        guard contentType.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/json"
        else { return SyncProblem.unsupportedMediaType.response }
        let json: Value
        do {
            json = try JSON.parse(request.body)
        } catch {
            return SyncProblem.invalidJSON(error.description).response
        }
        let body: PushRequest
        do {
            body = try PushRequest(json: json)
        } catch {
            switch error {
            case .tooManyChanges(let count):
                return SyncProblem.tooManyChanges(count: count, limit: PushRequest.maxChanges).response
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
                case .idReused: results[slot.index] = SyncService.rejected(id, .idReused)
                case .customerErased: results[slot.index] = SyncService.rejected(id, .customerErased)
                }
            }
        } catch {
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
        case .different: return SyncService.rejected(id, .idReused)
        case .erased: return SyncService.rejected(id, .customerErased)
        case .unknown: break
        }
        if change.id.replica == ServerState.backOfficeReplica {
            return SyncService.rejected(id, .invalidTarget, "the replica id backoffice is reserved for the server")
        }
        guard change.agent == agent else { return SyncService.rejected(id, .wrongAgent) }
        if change.hlc.wallMillis > serverTime + SyncService.maxSkewMillis {
            return SyncService.rejected(id, .clockSkew)
        }
        if let (reason, detail) = validator.problem(with: change) {
            return ChangeResult(id: id, status: .rejected, reason: reason, detail: detail)
        }
        if change.op == .erase {
            return SyncService.rejected(id, .invalidTarget, "only the back office erases customers")
        }
        if storage.currentState().isErased(change.target.customer) {
            return SyncService.rejected(id, .customerErased)
        }
        guard storage.assignedAgents(of: change.target.customer).contains(agent) else {
            return SyncService.rejected(id, .notAssigned)
        }
        return nil
    }

    static func rejected(_ id: ChangeID, _ reason: RejectionReason, _ detail: String? = nil) -> ChangeResult {
        ChangeResult(id: id, status: .rejected, reason: reason.rawValue, detail: detail ?? reason.detail)
    }
}
