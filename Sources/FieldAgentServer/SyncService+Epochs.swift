import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

extension SyncService {
    /// The device's marks from a request's headers.
    static func deviceMarks(_ request: HTTPRequest) -> DeviceMarks {
        DeviceMarks { request.headers[$0] }
    }

    /// `replica` if the caller may learn its high-water mark: the caller's registered device, or an
    /// unregistered replica id no other agent has used.
    func ownReplica(_ replica: String?, of caller: Caller) -> String? {
        guard let replica else { return caller.device?.replica }
        if let device = caller.device { return device.replica == replica ? replica : nil }
        let owner = storage.device(replica)?.agent ?? storage.replicaAgent(replica) ?? caller.agent
        return owner == caller.agent ? replica : nil
    }

    /// The marks for an answer to `caller` about `replica`.
    func serverMarks(replica: String?, caller: Caller) -> ServerMarks {
        let own = ownReplica(replica, of: caller)
        return ServerMarks(
            epoch: storage.epoch, lastSequence: storage.lastSequence, highWater: own.map { storage.highWater(of: $0) })
    }

    /// Starts a new epoch when a device of the current epoch proves the log lost entries it had
    /// acknowledged or issued: a cursor past the end, or an acknowledged counter above what the
    /// server holds. Every device then re-sends what the server lacks and pulls again.
    func noteRewindEvidence(_ marks: DeviceMarks, cursor: UInt64?, replica: String?, caller: Caller) {
        guard let epoch = marks.epoch, epoch == storage.epoch else { return }
        var evidence: String?
        if let cursor, cursor > storage.lastSequence {
            evidence = "pulled after sequence \(cursor), past the log's end \(storage.lastSequence)"
        } else if let acknowledged = marks.acknowledged, let own = ownReplica(replica, of: caller),
            acknowledged > storage.highWater(of: own)
        {
            evidence = "had counter \(acknowledged) acknowledged; the server holds \(storage.highWater(of: own))"
        }
        guard let evidence else { return }
        let who = caller.device?.replica ?? replica ?? "an agent token"
        guard rewindReports.admit(at: now()) else {
            logFailure("warning: device \(who) \(evidence); no new epoch: one was started on a report minutes ago")
            return
        }
        do {
            let started = try storage.startNewEpoch(reason: "device \(who) \(evidence)")
            metrics.countRepair("rewind-reported")
            logFailure(
                "warning: device \(who) \(evidence): the log lost acknowledged entries; started epoch \(started)")
        } catch {
            logFailure("error: could not start a new epoch after a reported rewind: \(error.description)")
        }
    }

    /// `response` with the server's marks as headers.
    static func marked(_ response: HTTPResponse, _ marks: ServerMarks) -> HTTPResponse {
        var response = response
        for field in marks.headers { response.headers.replaceOrAdd(name: field.name, value: field.value) }
        return response
    }
}
