import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

extension SyncService {
    /// `POST /v1/push`: validates each change, stores the valid ones durably, answers one result per change.
    func push(_ request: HTTPRequest, caller: Caller) -> HTTPResponse {
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
        let device = SyncService.deviceMarks(request)
        noteRewindEvidence(device, cursor: nil, replica: body.device, caller: caller)
        let serverTime = now().millisecondsSinceEpoch
        do {
            var (results, toStore) = try precheck(body, caller: caller, serverTime: serverTime)
            let outcomes = try storage.append(toStore.map(\.change))
            for (slot, outcome) in zip(toStore, outcomes) {
                let id = slot.change.id
                switch outcome {
                case .accepted: results[slot.index] = ChangeResult(id: id, status: .accepted)
                case .duplicate: results[slot.index] = ChangeResult(id: id, status: .duplicate)
                case .idReused: results[slot.index] = ChangeResult.rejected(id, .idReused)
                case .customerErased: results[slot.index] = ChangeResult.rejected(id, .customerErased)
                case .wrongReplica: results[slot.index] = ChangeResult.rejected(id, .wrongReplica)
                }
            }
            return answer(body, results.map { $0! }, caller: caller, serverTime: serverTime)
        } catch {
            return storageProblem(error, answering: "POST /v1/push").response
        }
    }

    private func answer(_ body: PushRequest, _ final: [ChangeResult], caller: Caller, serverTime: Int64) -> HTTPResponse
    {
        for result in final { if let reason = result.reason { metrics.countRejected(reason) } }
        let rejected = final.count { $0.status == .rejected }
        if rejected > 0, let device = caller.device?.replica ?? registeredDevice(body.device, of: caller.agent) {
            storage.deviceRejected(device, count: rejected)
        }
        for status in ChangeResult.Status.allCases {
            let count = final.count { $0.status == status }
            if count > 0 { metrics.countPushed(status.rawValue, by: count) }
        }
        return SyncService.marked(
            SyncService.json(PushResponse(results: final, serverTime: serverTime).json),
            serverMarks(replica: body.device, caller: caller))
    }

    /// `replica` if it is a device registered to `agent` (an agent's own token pushing for it).
    private func registeredDevice(_ replica: String, of agent: String) -> String? {
        storage.device(replica)?.agent == agent ? replica : nil
    }

    /// The verdicts of the changes that must not be stored, and the changes that may be.
    ///
    /// Reads each customer the push writes to once; a read that fails fails the push.
    func precheck(_ body: PushRequest, caller: Caller, serverTime: Int64) throws(ServerStorageError) -> (
        results: [ChangeResult?], toStore: [(index: Int, change: Change)]
    ) {
        var results = [ChangeResult?](repeating: nil, count: body.changes.count)
        var toStore: [(index: Int, change: Change)] = []
        var batch = PushBatch(caller: caller, device: body.device, serverTime: serverTime, storage: storage)
        for (index, change) in body.changes.enumerated() {
            if let verdict = try precheck(change, in: &batch) {
                results[index] = verdict
            } else {
                toStore.append((index, change))
            }
        }
        return (results, toStore)
    }

    /// The verdict for a change that must not be stored, or nil if it may be.
    ///
    /// Nothing before the assignment check depends on what the server holds about the customer, so
    /// an agent learns nothing about customers it cannot see (protocol.md → Order of checks). The one
    /// exception reveals only the agent's own work: a change stored before with the same content,
    /// under this agent's name, is a `duplicate` whatever changed since, so a retried push reports
    /// what happened to the original even after an unassignment.
    func precheck(_ change: Change, in batch: inout PushBatch) throws(ServerStorageError) -> ChangeResult? {
        let id = change.id
        if id.replica == ServerState.backOfficeReplica {
            return ChangeResult.rejected(
                id, .invalidTarget, detail: "the replica id backoffice is reserved for the server")
        }
        guard change.agent == batch.agent else { return ChangeResult.rejected(id, .wrongAgent) }
        let status = storage.status(of: change)
        if status == .same { return ChangeResult(id: id, status: .duplicate) }
        guard id.replica == batch.device else { return ChangeResult.rejected(id, .wrongReplica) }
        if let problem = batch.replicaProblem(id.replica) {
            return ChangeResult.rejected(id, .wrongReplica, detail: problem)
        }
        if let verdict = timeVerdict(change, serverTime: batch.serverTime) { return verdict }
        if let (reason, detail) = validator.problem(with: change) {
            return ChangeResult(id: id, status: .rejected, reason: reason, detail: detail)
        }
        if change.op == .erase {
            return ChangeResult.rejected(id, .invalidTarget, detail: "only the back office erases customers")
        }
        guard batch.isAssigned(change.target.customer) else {
            return ChangeResult.rejected(id, .notAssigned)
        }
        switch status {
        case .different: return ChangeResult.rejected(id, .idReused)
        case .erased: return ChangeResult.rejected(id, .customerErased)
        case .same, .unknown: break
        }
        try batch.load(change.target.customer)
        if batch.state(of: change.target.customer).isErased(change.target.customer) {
            return ChangeResult.rejected(id, .customerErased)
        }
        return batch.admit(change)
    }

    /// `clock-skew` for a `wall`, or an event's `at`, before the epoch or too far ahead: the device
    /// re-stamps the change (and its event time) with corrected time.
    func timeVerdict(_ change: Change, serverTime: Int64) -> ChangeResult? {
        let latest = serverTime + ProtocolLimits.maxClockSkewMillis
        let wall = change.hlc.wallMillis
        if wall > latest || wall < ProtocolLimits.epochMillis { return ChangeResult.rejected(change.id, .clockSkew) }
        if change.op == .create, let at = change.value["at"]?.stringValue.flatMap(Instant.init) {
            let millis = at.millisecondsSinceEpoch
            if millis > latest || millis < ProtocolLimits.epochMillis {
                return ChangeResult.rejected(
                    change.id, .clockSkew, detail: "at: more than 5 minutes ahead of the server's clock, or before 2020"
                )
            }
        }
        return nil
    }
}
