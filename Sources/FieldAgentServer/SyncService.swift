import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol
import FieldAgentStore
import Foundation

/// The sync server's request → response core (protocol.md): routing, authentication, per-change
/// validation and scoping, pull paging. No sockets: ``handle(_:)`` is a function, so every rule is
/// tested without a network, and ``SyncServer`` only wires it to FieldAgentHTTPServer's `HTTPServer`.
///
/// Every message is read and written through FieldAgentProtocol's types, the same ones the client uses.
public struct SyncService: Sendable {
    /// Where everything is stored.
    public let storage: any ServerStorage
    /// Counters for `GET /metrics`.
    public let metrics: ServerMetrics
    let now: @Sendable () -> Instant
    let validator: ChangeValidator
    /// Where a 5xx answer's cause is reported (one line, no personal data).
    let logFailure: @Sendable (String) -> Void
    /// Bounds how often devices' rewind reports start epochs.
    let rewindReports = RewindReportLimit()

    /// A service over `storage`.
    ///
    /// - Parameters:
    ///   - now: the server's clock; injected so clock-skew rules are testable.
    ///   - isKnownZone: whether a time-zone name is valid (for `timeZone` writes).
    ///   - logFailure: receives one line naming the cause of every 5xx answer; standard error by default.
    public init(
        storage: any ServerStorage, metrics: ServerMetrics = ServerMetrics(),
        now: @escaping @Sendable () -> Instant = Instant.now,
        isKnownZone: @escaping @Sendable (String) -> Bool = { TimeZone(identifier: $0) != nil },
        logFailure: @escaping @Sendable (String) -> Void = SyncService.logToStandardError
    ) {
        self.storage = storage
        self.metrics = metrics
        self.now = now
        self.validator = ChangeValidator(isKnownZone: isKnownZone)
        self.logFailure = logFailure
    }

    /// Writes `line` to standard error.
    @Sendable public static func logToStandardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Answers one request.
    public func handle(_ request: HTTPRequest) -> HTTPResponse {
        if request.path == "/metrics" {
            guard request.method == "GET" || request.method == "HEAD" else {
                return SyncProblem.methodNotAllowed(allowed: "GET").response
            }
            return HTTPResponse(
                status: 200, contentType: "text/plain; version=0.0.4; charset=utf-8", text: metrics.render())
        }
        guard let endpoint = SyncEndpoint(path: request.path) else { return SyncProblem.notFound.response }
        let allowed = request.method == endpoint.method || (endpoint == .health && request.method == "HEAD")
        guard allowed else { return SyncProblem.methodNotAllowed(allowed: endpoint.method).response }
        switch endpoint {
        case .health: return SyncService.json(HealthResponse().json)
        case .push: return authenticated(request) { push(request, caller: $0) }
        case .pull: return authenticated(request) { pull(request, caller: $0) }
        case .devices: return authenticated(request) { register(request, caller: $0) }
        case .wiped: return authenticated(request, allowRevokedDevice: true) { wiped(request, caller: $0) }
        }
    }

    /// Runs `body` with the caller the token belongs to, or answers 401.
    func authenticated(
        _ request: HTTPRequest, allowRevokedDevice: Bool = false, _ body: (Caller) -> HTTPResponse
    ) -> HTTPResponse {
        switch authenticate(request.headers["Authorization"], allowRevokedDevice: allowRevokedDevice) {
        case .success(let caller): return body(caller)
        case .failure(let problem): return problem.response
        }
    }

    /// The caller a `Bearer` token belongs to: an agent token, or a device token acting for its agent.
    /// Looks the token's SHA-256 up in the storage's index; the token itself is never kept.
    ///
    /// A revoked agent's token and its devices' tokens get `token-revoked`; a revoked device's token
    /// gets `device-revoked` (with `wipe`), unless `allowRevokedDevice` (the wipe report). A device
    /// token's use is noted as the device's last sight.
    func authenticate(_ header: String?, allowRevokedDevice: Bool = false) -> Result<Caller, SyncProblem> {
        guard let header, header.utf8.count == 7 + 64, header.lowercased().hasPrefix("bearer "),
            let token = Hex.decode(String(header.dropFirst(7)).lowercased()), token.count == 32
        else { return .failure(.unauthorized) }
        switch storage.tokenOwner(hash: SHA256.hash(token)) {
        case nil:
            return .failure(.unauthorized)
        case .agent(let agent):
            return agent.revoked ? .failure(.tokenRevoked) : .success(Caller(agent: agent.name))
        case .device(let device, let owner):
            guard !owner.revoked else { return .failure(.tokenRevoked) }
            storage.deviceSeen(device.replica, at: now())
            if device.revoked, !allowRevokedDevice { return .failure(.deviceRevoked(wipe: device.wipeRequested)) }
            return .success(Caller(agent: owner.name, device: device))
        }
    }

    /// The answer to a failed storage write, logged with its cause: `507 insufficient-storage` when
    /// the disk or file size limit is full (it can succeed once room is made), else `500 storage-failed`.
    /// Storage errors name files and offsets, never stored data, so the cause can be logged.
    func storageProblem(_ error: ServerStorageError, answering request: String) -> SyncProblem {
        let problem: SyncProblem = error.isOutOfRoom ? .insufficientStorage : .storageFailed
        logFailure("error: \(request) answered \(problem.status): \(error.description)")
        metrics.countStorageFailure(outOfRoom: error.isOutOfRoom)
        return problem
    }

    /// A `200` JSON response.
    static func json(_ value: Value) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": MediaType.json], body: JSON.bytes(value))
    }
}
