import FieldAgentCore
import FieldAgentProtocol

/// The client side of one sync (protocol.md) as a pure state machine: register the device when it
/// is not yet registered, push pending changes in batches, record the per-change results, then pull
/// pages until the server has nothing more.
///
/// It performs no I/O. Feed it ``Event``s with ``receive(_:)`` and perform the ``Action`` it
/// returns; ``SyncDriver`` does exactly that over a ``Transport`` and a ``ReplicaStore``:
///
/// ```swift
/// var session = SyncSession(configuration)
/// var action = session.receive(.start)
/// // loop: perform `action`, then feed its result back as the next event
/// ```
///
/// Every message is written and read through FieldAgentProtocol, the same code the server uses.
///
/// Retries: a network failure or a 5xx answer makes it send the same request again after the
/// ``RetryPolicy``'s backoff, up to its attempt limit. Because pushes are idempotent and a pull
/// is repeated from the last *saved* cursor, a retry never duplicates or skips anything.
///
/// Devices (protocol.md → Devices): with ``Configuration/register`` the session first sends
/// `POST /v1/devices` with the agent's token; a `200` answer makes it save the device token
/// (``Action/saveDeviceToken(_:)``) and use it from then on; a `404` (an older server) makes it go on
/// with the agent's token, unregistered. A `401 device-revoked` with `"wipe": true`, on any request,
/// makes it wipe the store (``Action/wipe``), report the wipe (`POST /v1/devices/wiped`) and fail
/// with ``SyncError/deviceWiped(server:lostChanges:)``.
public struct SyncSession: Sendable {
    /// What a session needs to know about the server and the device.
    public struct Configuration: Sendable, Hashable {
        /// The server's base URL, for messages.
        public var server: String
        /// The agent's bearer token.
        public var token: String
        /// This replica's id (the push body's `device`).
        public var device: String
        /// Changes per push (at most ``ProtocolLimits/maxChangesPerPush``).
        public var pushLimit: Int
        /// Changes per pulled page (within ``ProtocolLimits/pageLimits``).
        public var pageLimit: Int
        /// Retry and backoff on network failures.
        public var retry: RetryPolicy
        /// Push requests per sync at most (pending changes beyond wait for the next sync).
        public var maxPushes: Int
        /// Whether to register the device (`POST /v1/devices` with `token`, the agent's) before syncing.
        public var register: Bool
        /// Whether to stop after registering, without pushing or pulling (`fieldagent init`).
        public var registerOnly: Bool
        /// A wipe report the server has not acknowledged yet: the session sends only it (with
        /// `token`, the device's) and then fails with ``SyncError/deviceWiped(server:lostChanges:)``.
        public var wipeReport: Int?

        /// A configuration.
        public init(
            server: String, token: String, device: String, pushLimit: Int = ProtocolLimits.maxChangesPerPush,
            pageLimit: Int = ProtocolLimits.pageLimits.upperBound, retry: RetryPolicy = RetryPolicy(),
            maxPushes: Int = 1_000, register: Bool = false, registerOnly: Bool = false, wipeReport: Int? = nil
        ) {
            self.server = server
            self.token = token
            self.device = device
            self.pushLimit = min(max(1, pushLimit), ProtocolLimits.maxChangesPerPush)
            self.pageLimit = min(
                max(ProtocolLimits.pageLimits.lowerBound, pageLimit), ProtocolLimits.pageLimits.upperBound)
            self.retry = retry
            self.maxPushes = max(1, maxPushes)
            self.register = register || registerOnly
            self.registerOnly = registerOnly
            self.wipeReport = wipeReport
        }
    }

    /// Inputs: the start signal, and the result of each action performed.
    public enum Event: Sendable {
        /// Begin the sync.
        case start
        /// The answer to ``Action/loadPushBatch(limit:)``: the next batch, the total pending, the saved
        /// cursor, the device's marks and the highest counter of its own it holds.
        case loaded(
            batch: [Change], pending: Int, cursor: String?, marks: DeviceMarks = DeviceMarks(), ownHighest: UInt64 = 0)
        /// An HTTP answer to the last ``Action/send(_:after:)``.
        case response(TransportResponse)
        /// The last request got no HTTP answer.
        case transportFailed(TransportError)
        /// ``Action/recordPush(batch:results:serverTime:)`` was done durably.
        case pushRecorded(PushOutcome)
        /// ``Action/applyPage(_:)`` was done durably.
        case pageApplied(PageOutcome)
        /// Performing an action on the local store failed.
        case storageFailed(ReplicaStoreError)
        /// ``Action/saveDeviceToken(_:)`` was done durably.
        case deviceTokenSaved
        /// ``Action/wipe`` was done durably; `lostChanges` pending changes were deleted.
        case wiped(lostChanges: Int)
        /// ``Action/markWipeReported`` was done durably.
        case wipeReportSaved
        /// ``Action/recover(_:)`` was done durably; `queued` changes of this device's are pending again.
        case recovered(queued: Int)
    }

    /// Outputs: what to do next.
    public enum Action: Sendable {
        /// Read the next push batch, pending count and cursor from the store.
        case loadPushBatch(limit: Int)
        /// Send `request` after waiting `delay` (zero except for retries).
        case send(TransportRequest, after: Duration)
        /// Save the server's results for `batch`, durably and atomically.
        case recordPush(batch: [Change], results: [ChangeResult], serverTime: Int64)
        /// Save the page and its cursor, durably and atomically.
        case applyPage(PullResponse)
        /// The sync is complete: record its time (unless ``Configuration/registerOnly``) and report.
        case finish(SyncReport)
        /// Save the device token durably in place of the agent's token, marking the device registered.
        case saveDeviceToken(String)
        /// Delete every customer's data from the store at once and mark it wiped (``ReplicaStore/wipe()``).
        case wipe
        /// Record durably that the server acknowledged the wipe report.
        case markWipeReported
        /// The server's history was rewound or lost changes of this device's: take its epoch, forget
        /// the cursor, queue this device's changes above its high-water mark (``ReplicaStore/recover(from:)``).
        case recover(ServerMarks)
        /// The sync stopped; nothing saved is lost.
        case fail(SyncError)
    }

    enum Phase: Sendable {
        case idle, loading, pushing([Change]), recording([Change]), pulling
        case registering, savingToken(String), wiping, reportingWipe(Int), savingWipeReport(Int)
        case applying(PullResponse, byteCount: Int)
        case recovering
        case done
    }

    /// The configuration the session runs with.
    public let configuration: Configuration
    var phase = Phase.idle
    var cursor: String?
    var pending = 0
    var request: TransportRequest?
    /// The bearer token: the configuration's, then the device token once it is saved.
    var token: String
    var attempts = 0
    var restamped: Set<ChangeID> = []
    var skewRefusal: Int64?
    var registrationSent = false
    /// The device's marks and highest own counter, as of the last load.
    var device = DeviceMarks()
    var ownHighest: UInt64 = 0
    /// A rewind seen in a push answer, acted on once the answer is recorded.
    var pendingRecovery: ServerMarks?
    /// The marks of the server's last answer (recorded with it).
    public internal(set) var serverMarks: ServerMarks?
    /// What the sync has done so far.
    public internal(set) var report = SyncReport()
    /// Progress so far.
    public private(set) var progress = SyncProgress()

    /// A session that has not started.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
        self.token = configuration.token
    }

    /// Advances the session by one event and returns what to do next.
    public mutating func receive(_ event: Event) -> Action {
        switch (phase, event) {
        case (.idle, .start):
            if let lost = configuration.wipeReport { return sendWipeReport(lost) }
            return startPushing()
        case (.registering, .response(let response)):
            return registrationAnswered(response)
        case (.savingToken(let token), .deviceTokenSaved):
            self.token = token
            report.registered = true
            return configuration.registerOnly ? finish() : startPushing()
        case (.wiping, .wiped(let lost)):
            return sendWipeReport(lost)
        case (.reportingWipe(let lost), .response(let response)):
            return wipeReportAnswered(lost, response)
        case (.reportingWipe(let lost), .transportFailed), (.savingWipeReport(let lost), .wipeReportSaved):
            return fail(.deviceWiped(server: configuration.server, lostChanges: lost))
        case (.loading, .loaded(let batch, let total, let saved, let marks, let highest)):
            pending = total
            device = marks
            ownHighest = highest
            if cursor == nil { cursor = saved }
            // Registration comes once the pending count is known, so that its errors can tell it.
            if configuration.register && !registrationSent { return startRegistration() }
            if batch.isEmpty || report.pushes >= configuration.maxPushes { return startPull() }
            phase = .pushing(batch)
            return send(pushRequest(batch))
        case (.pushing(let batch), .response(let response)):
            return pushAnswered(batch, response)
        case (.recording, .pushRecorded(let outcome)):
            report.accepted += outcome.accepted
            report.duplicates += outcome.duplicates
            report.rejected += outcome.rejected
            report.restamped += outcome.restamped.count
            progress.pushed += outcome.accepted + outcome.duplicates + outcome.rejected.count
            report.renumbered += outcome.renumbered
            if let ahead = skewRefusal {
                return fail(.clockSkew(aheadSeconds: ahead / 1000, pending: pending))
            }
            if let marks = pendingRecovery {
                pendingRecovery = nil
                return startRecovery(marks)
            }
            restamped.formUnion(outcome.restamped.map(\.id))
            phase = .loading
            return .loadPushBatch(limit: configuration.pushLimit)
        case (.pulling, .response(let response)):
            return pullAnswered(response)
        case (.applying(let page, let byteCount), .pageApplied(let outcome)):
            cursor = page.cursor
            report.pages += 1
            report.pulledChanges += page.changes.count
            report.pulledBytes += byteCount
            report.purged += outcome.purged
            report.erased += outcome.erased
            progress.pages += 1
            progress.changes += page.changes.count
            progress.bytes += byteCount
            if page.more { return startPull() }
            return finish()
        case (.pushing, .transportFailed(let error)), (.pulling, .transportFailed(let error)),
            (.registering, .transportFailed(let error)):
            return retry(reason: error.reason)
        case (.recovering, .recovered(let queued)):
            report.requeued += queued
            cursor = nil
            phase = .loading
            return .loadPushBatch(limit: configuration.pushLimit)
        case (_, .storageFailed(let error)):
            return fail(.storage(error))
        default:
            return fail(.invalidResponse("unexpected event in this sync state"))
        }
    }

    // MARK: - Push

    func pushRequest(_ batch: [Change]) -> TransportRequest {
        let body = PushRequest(device: configuration.device, changes: batch).body
        return TransportRequest(
            method: "POST", target: SyncEndpoint.push.path, headers: headers(json: true, acknowledged: true), body: body
        )
    }

    mutating func pushAnswered(_ batch: [Change], _ response: TransportResponse) -> Action {
        if let failure = classify(response) { return failure }
        let answer: PushResponse
        do {
            answer = try PushResponse(body: response.body)
        } catch {
            return fail(.invalidResponse(error.description))
        }
        guard answer.results.count == batch.count, zip(answer.results, batch).allSatisfy({ $0.id == $1.id }) else {
            return fail(.invalidResponse("push results do not match the changes sent"))
        }
        for (result, change) in zip(answer.results, batch)
        where result.reason == .clockSkew && restamped.contains(result.id) {
            skewRefusal = change.hlc.wallMillis - answer.serverTime
        }
        report.pushes += 1
        report.pushedBytes += request?.body.count ?? 0
        if let marks = readMarks(response), needsRecovery(marks) { pendingRecovery = marks }
        phase = .recording(batch)
        return .recordPush(batch: batch, results: answer.results, serverTime: answer.serverTime)
    }

    // MARK: - Pull

    mutating func startPull() -> Action {
        phase = .pulling
        let pull = PullRequest(cursor: cursor, limit: configuration.pageLimit)
        var headers = headers(json: false)
        // Ask for the compact binary page; a server that only speaks JSON answers JSON.
        headers["Accept"] = "\(MediaType.binaryPage), \(MediaType.json);q=0.5"
        return send(TransportRequest(method: "GET", target: pull.target, headers: headers))
    }

    mutating func pullAnswered(_ response: TransportResponse) -> Action {
        if let failure = classify(response) { return failure }
        let contentType = response.headers.first { $0.key.lowercased() == "content-type" }?.value
        var page: PullResponse
        do {
            page = try PullResponse(body: response.body, contentType: contentType)
        } catch {
            return fail(.invalidResponse(error.description))
        }
        if let marks = readMarks(response), needsRecovery(marks) { return startRecovery(marks) }
        // A server stuck at one cursor must not keep the client pulling forever.
        if page.changes.isEmpty && page.cursor == cursor { page.more = false }
        phase = .applying(page, byteCount: response.body.count)
        return .applyPage(page)
    }

    // MARK: - Requests, retries and errors

    /// The request headers: the token, the media types, and the device's marks (protocol.md →
    /// Epochs and recovery); `acknowledged` only on pushes.
    func headers(json: Bool, acknowledged: Bool = false) -> [String: String] {
        var headers = ["Authorization": "Bearer \(token)", "Accept": MediaType.json]
        if json { headers["Content-Type"] = MediaType.json }
        var marks = device
        marks.replica = configuration.device
        if !acknowledged { marks.acknowledged = nil }
        for field in marks.headers { headers[field.name] = field.value }
        return headers
    }

    mutating func send(_ request: TransportRequest) -> Action {
        self.request = request
        attempts = 1
        return .send(request, after: .zero)
    }

    /// Sends the request again, or fails once the attempts are used up: with the server's last
    /// status when it answered, as unreachable when it did not.
    mutating func retry(reason: String, status: Int? = nil) -> Action {
        guard let request, attempts < configuration.retry.maxAttempts else {
            if let status { return fail(.serverFailed(server: configuration.server, status: status, pending: pending)) }
            return fail(.unreachable(server: configuration.server, reason: reason, pending: pending))
        }
        attempts += 1
        report.retries += 1
        return .send(request, after: configuration.retry.delay(beforeRetry: attempts - 1))
    }

    /// The action for a non-200 answer, or nil for a 200. Problem bodies are read leniently: a
    /// proxy's error page still gives a clear error, just without a problem type.
    mutating func classify(_ response: TransportResponse) -> Action? {
        if response.status == 200 { return nil }
        let problem = try? Problem(body: response.body)
        // A cursor past the log's end: the server lost entries this device pulled (a rewind).
        if response.status == 400, problem?.problemType == .badCursor, let marks = readMarks(response) {
            return startRecovery(marks)
        }
        switch response.status {
        case 401:
            switch problem?.problemType {
            case .deviceRevoked where problem?.wipe == true:
                phase = .wiping
                return .wipe
            case .deviceRevoked: return fail(.deviceRevoked(server: configuration.server))
            case .tokenRevoked: return fail(.tokenRevoked(server: configuration.server))
            default: return fail(.unauthorized(server: configuration.server))
            }
        case 409 where problem?.problemType == .deviceTaken:
            return fail(.deviceTaken(server: configuration.server))
        case 408, 429, 500...599:
            return retry(reason: "the server answered HTTP \(response.status)", status: response.status)
        default:
            return fail(
                .refused(status: response.status, type: problem?.code ?? "unknown", detail: problem?.detail ?? ""))
        }
    }

    mutating func finish() -> Action {
        phase = .done
        return .finish(report)
    }

    mutating func fail(_ error: SyncError) -> Action {
        phase = .done
        return .fail(error)
    }
}
