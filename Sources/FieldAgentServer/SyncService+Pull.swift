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
        let page: PullResponse
        do {
            page = try self.page(for: caller.agent, after: cursor, limit: query.limit)
        } catch {
            return SyncService.marked(storageProblem(error, answering: "GET /v1/pull").response, marks)
        }
        metrics.countPulled(page.changes.count)
        if let accept = request.headers["Accept"], accept.contains(MediaType.binaryPage) {
            return SyncService.marked(
                HTTPResponse(status: 200, headers: ["Content-Type": MediaType.binaryPage], body: page.binary), marks)
        }
        return SyncService.marked(SyncService.json(page.json), marks)
    }

    /// The page of the log after `cursor` that `agent` may see (``ServerStorage/page(for:after:limit:)``).
    public func page(for agent: String, after cursor: UInt64, limit: Int) throws(ServerStorageError) -> PullResponse {
        let page = try storage.page(for: agent, after: cursor, limit: limit)
        return PullResponse(
            changes: page.changes, purge: page.purge, cursor: String(page.cursor), more: page.more,
            serverTime: now().millisecondsSinceEpoch)
    }
}
