import FieldAgentCore
import FieldAgentProtocol
import FieldAgentSync
import Synchronization

/// A ``LocalSyncServer`` with the device endpoints scripted in front of it, to play servers that
/// misbehave or predate registration: it issues device tokens, can lose answers, refuse the device id
/// as taken, revoke the device (with or without a wipe) and take wipe reports. Requests with a
/// device token reach the real service with the agent's token, so pushes and pulls still work.
final class DeviceServer: Sendable {
    /// How `POST /v1/devices` is answered.
    enum Registration: Sendable { case issue, taken, notFound }

    struct Script: Sendable {
        var registration = Registration.issue
        /// The next `n` registrations are done (a token issued) but their answer is lost.
        var loseRegistrations = 0
        /// The next `n` wipe reports get no answer.
        var loseWipeReports = 0
        /// Device tokens issued, oldest first; only the last one works.
        var issued: [String] = []
        /// Set once the back office revoked the device: whether it asked for a wipe.
        var revoked: Bool?
        var wipeReports: [Int] = []
        /// Path and bearer token of every request, in order.
        var requests: [(path: String, token: String)] = []
    }

    let server: LocalSyncServer
    let agent: String
    private let script = Mutex(Script())

    init(_ server: LocalSyncServer, agent: String) {
        self.server = server
        self.agent = agent
    }

    func edit(_ body: (inout Script) -> Void) { script.withLock { body(&$0) } }
    var state: Script { script.withLock { $0 } }

    var transport: InMemoryTransport {
        InMemoryTransport { [self] request throws(TransportError) in try await handle(request) }
    }

    func handle(_ request: TransportRequest) async throws(TransportError) -> TransportResponse {
        let path = String(request.path)
        let bearer = String((request.headers["Authorization"] ?? "").dropFirst("Bearer ".count))
        let (script, isDeviceToken) = self.script.withLock { script in
            script.requests.append((path, bearer))
            return (script, script.issued.contains(bearer))
        }
        switch path {
        case SyncEndpoint.devices.path: return try register(request, bearer: bearer, script: script)
        case SyncEndpoint.wiped.path:
            let lose = self.script.withLock { script in
                script.loseWipeReports -= 1
                return script.loseWipeReports >= 0
            }
            if lose { throw TransportError(reason: "connection reset") }
            let report = try? WipeReport(body: request.body)
            self.script.withLock { $0.wipeReports.append(report?.lostChanges ?? -1) }
            return TransportResponse(status: 204)
        default:
            if isDeviceToken, let wipe = script.revoked {
                var problem = Problem(.deviceRevoked, detail: "this device was revoked")
                problem.wipe = wipe
                return TransportResponse(status: 401, body: JSON.bytes(problem.json))
            }
            guard isDeviceToken ? bearer == script.issued.last : bearer == server.token(agent) else {
                return TransportResponse(status: 401)
            }
            var forwarded = request
            forwarded.headers["Authorization"] = "Bearer \(server.token(agent))"
            return try server.handle(forwarded)
        }
    }

    func register(_ request: TransportRequest, bearer: String, script: Script) throws(TransportError)
        -> TransportResponse
    {
        guard bearer == server.token(agent) else { return TransportResponse(status: 401) }
        switch script.registration {
        case .notFound: return TransportResponse(status: 404)
        case .taken:
            return TransportResponse(
                status: 409, body: JSON.bytes(Problem(.deviceTaken, detail: "the device id is taken").json))
        case .issue:
            guard let registration = try? DeviceRegistration(body: request.body) else {
                return TransportResponse(status: 422)
            }
            let token = Hex.random(byteCount: 32)
            let lose = self.script.withLock { script in
                script.issued.append(token)
                script.loseRegistrations -= 1
                return script.loseRegistrations >= 0
            }
            if lose { throw TransportError(reason: "connection reset") }
            let answer = DeviceToken(agent: agent, device: registration.device, token: token)
            return TransportResponse(status: 200, body: JSON.bytes(answer.json))
        }
    }
}
