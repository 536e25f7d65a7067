import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

extension SyncService {
    /// How often a device write is retried when another write to the same device came in between.
    static let deviceSaveAttempts = 8

    /// `POST /v1/devices`: registers the replica id for the caller's agent and answers a new device
    /// token; only its hash is stored, and a previous token of the same device stops working.
    func register(_ request: HTTPRequest, caller: Caller) -> HTTPResponse {
        guard caller.device == nil else { return SyncProblem.unauthorized.response }
        let registration: DeviceRegistration
        switch decodeBody(request, { (body) throws(WireDecodeError) in try DeviceRegistration(body: body) }) {
        case .success(let value): registration = value
        case .failure(let problem): return problem.response
        }
        let id = registration.device
        guard id != ServerState.backOfficeReplica else {
            return SyncProblem.invalidRequest("device: the replica id backoffice is reserved for the server").response
        }
        for _ in 0..<SyncService.deviceSaveAttempts {
            let existing = storage.device(id)
            if let existing {
                guard existing.agent == caller.agent else { return SyncProblem.deviceTaken.response }
                if existing.revoked { return SyncProblem.deviceRevoked(wipe: existing.wipeRequested).response }
            } else if let owner = storage.replicaAgent(id), owner != caller.agent {
                return SyncProblem.deviceTaken.response
            }
            let token = Hex.randomBytes(32)
            let time = now()
            let record = DeviceRecord(
                replica: id, agent: caller.agent, tokenHash: SHA256.hash(token), firstSeen: existing?.firstSeen ?? time,
                lastSeen: time)
            switch saveDevice(record, replacing: existing, endpoint: .devices) {
            case .success(true):
                return SyncService.json(DeviceToken(agent: caller.agent, device: id, token: Hex.encode(token)).json)
            case .success(false): continue
            case .failure(let problem): return problem.response
            }
        }
        return contended(.devices)
    }

    /// `POST /v1/devices/wiped`: a revoked device told to wipe reports it did, and how many unsynced
    /// changes it lost; `204`. Any other device gets `409 device-active`. A repeated report changes nothing.
    func wiped(_ request: HTTPRequest, caller: Caller) -> HTTPResponse {
        guard let device = caller.device else { return SyncProblem.unauthorized.response }
        let report: WipeReport
        switch decodeBody(request, { (body) throws(WireDecodeError) in try WipeReport(body: body) }) {
        case .success(let value): report = value
        case .failure(let problem): return problem.response
        }
        for _ in 0..<SyncService.deviceSaveAttempts {
            guard let current = storage.device(device.replica), current.tokenHash == device.tokenHash else {
                return SyncProblem.unauthorized.response
            }
            guard current.revoked, current.wipeRequested else { return SyncProblem.deviceActive.response }
            guard current.wipedAt == nil else { return HTTPResponse(status: 204) }
            var record = current
            record.wipedAt = now()
            record.lostChanges = report.lostChanges
            switch saveDevice(record, replacing: current, endpoint: .wiped) {
            case .success(true): return HTTPResponse(status: 204)
            case .success(false): continue
            case .failure(let problem): return problem.response
            }
        }
        return contended(.wiped)
    }

    /// Stores a device record; a storage failure is logged and answered (see ``storageProblem(_:answering:)``).
    private func saveDevice(
        _ record: DeviceRecord, replacing expected: DeviceRecord?, endpoint: SyncEndpoint
    ) -> Result<Bool, SyncProblem> {
        do {
            return .success(try storage.saveDevice(record, replacing: expected))
        } catch {
            return .failure(storageProblem(error, answering: "POST \(endpoint.path)"))
        }
    }

    private func contended(_ endpoint: SyncEndpoint) -> HTTPResponse {
        logFailure("error: POST \(endpoint.path) answered 500: the device record kept changing; gave up")
        return SyncProblem.storageFailed.response
    }

    /// Reads a JSON request body: `415` unless it is `application/json`, `400` for invalid JSON,
    /// `422` for the wrong shape.
    func decodeBody<Message>(
        _ request: HTTPRequest, _ decode: ([UInt8]) throws(WireDecodeError) -> Message
    ) -> Result<Message, SyncProblem> {
        guard MediaType.essence(of: request.headers["Content-Type"]) == MediaType.json else {
            return .failure(.unsupportedMediaType)
        }
        do {
            return .success(try decode(request.body))
        } catch {
            switch error {
            case .json(let why): return .failure(.invalidJSON(why.description))
            case .shape(let why): return .failure(.invalidRequest(why.description))
            case .binary(let why): return .failure(.invalidRequest(why.description))
            }
        }
    }
}
