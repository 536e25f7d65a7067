import FieldAgentCore
import Foundation

/// The client side of one sync (protocol.md) as a pure state machine: push pending changes in
/// batches, record the per-change results, then pull pages until the server has nothing more.
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
/// Retries: a network failure or a 5xx answer makes it send the same request again after the
/// ``RetryPolicy``'s backoff, up to its attempt limit. Because pushes are idempotent and a pull
/// is repeated from the last *saved* cursor, a retry never duplicates or skips anything.
public struct SyncSession: Sendable {
    /// What a session needs to know about the server and the device.
    public struct Configuration: Sendable, Hashable {
        /// The server's base URL, for messages.
        public var server: String
        /// The agent's bearer token.
        public var token: String
        /// This replica's id (the push body's `device`).
        public var device: String
        /// Changes per push (protocol limit 1,000).
        public var pushLimit: Int
        /// Changes per pulled page (protocol limit 1–5,000).
        public var pageLimit: Int
        /// Retry and backoff on network failures.
        public var retry: RetryPolicy
        /// Push requests per sync at most (pending changes beyond wait for the next sync).
        public var maxPushes: Int

        /// A configuration.
        public init(
            server: String, token: String, device: String, pushLimit: Int = 1_000, pageLimit: Int = 5_000,
            retry: RetryPolicy = RetryPolicy(), maxPushes: Int = 1_000
        ) {
            self.server = server
            self.token = token
            self.device = device
            self.pushLimit = min(max(1, pushLimit), 1_000)
            self.pageLimit = min(max(1, pageLimit), 5_000)
            self.retry = retry
            self.maxPushes = max(1, maxPushes)
        }
    }

    /// Inputs: the start signal, and the result of each action performed.
    public enum Event: Sendable {
        /// Begin the sync.
        case start
        /// The answer to ``Action/loadPushBatch(limit:)``: the next batch, the total pending, the saved cursor.
        case loaded(batch: [Change], pending: Int, cursor: String?)
        /// An HTTP answer to the last ``Action/send(_:after:)``.
        case response(TransportResponse)
        /// The last request got no HTTP answer.
        case transportFailed(TransportError)
        /// ``Action/recordPush(batch:results:serverTime:)`` was done durably.
        case pushRecorded(PushOutcome)
        /// ``Action/applyPage(_:)`` was done durably.
        case pageApplied(PageOutcome)
        /// Performing an action on the local store failed.
        case storageFailed(String)
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
        case applyPage(PullPage)
        /// The sync is complete: record its time and report.
        case finish(SyncReport)
        /// The sync stopped; nothing saved is lost.
        case fail(SyncError)
    }

    enum Phase: Sendable {
        case idle, loading, pushing([Change]), recording([Change]), pulling, applying(PullPage), done
    }

    /// The configuration the session runs with.
    public let configuration: Configuration
    var phase = Phase.idle
    var cursor: String?
    var pending = 0
    var request: TransportRequest?
    var attempts = 0
    var restamped: Set<ChangeID> = []
    var skewRefusal: Int64?
    /// What the sync has done so far.
    public private(set) var report = SyncReport()
    /// Progress so far.
    public private(set) var progress = SyncProgress()

    /// A session that has not started.
    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Advances the session by one event and returns what to do next.
    public mutating func receive(_ event: Event) -> Action {
        switch (phase, event) {
        case (.idle, .start):
            phase = .loading
            return .loadPushBatch(limit: configuration.pushLimit)
        case (.loading, .loaded(let batch, let total, let saved)):
            pending = total
            if cursor == nil { cursor = saved }
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
            if let ahead = skewRefusal {
                return fail(.clockSkew(aheadSeconds: ahead / 1000, pending: pending))
            }
            restamped.formUnion(outcome.restamped.map(\.id))
            phase = .loading
            return .loadPushBatch(limit: configuration.pushLimit)
        case (.pulling, .response(let response)):
            return pullAnswered(response)
        case (.applying(let page), .pageApplied(let outcome)):
            cursor = page.cursor
            report.pages += 1
            report.pulledChanges += page.changes.count
            report.pulledBytes += page.byteCount
            report.purged += outcome.purged
            report.erased += outcome.erased
            progress.pages += 1
            progress.changes += page.changes.count
            progress.bytes += page.byteCount
            if page.more { return startPull() }
            phase = .done
            return .finish(report)
        case (.pushing, .transportFailed(let error)), (.pulling, .transportFailed(let error)):
            return retry(reason: error.reason)
        case (_, .storageFailed(let description)):
            return fail(.storage(description))
        default:
            return fail(.invalidResponse("unexpected event in this sync state"))
        }
    }

    // MARK: - Push

    func pushRequest(_ batch: [Change]) -> TransportRequest {
        let body = JSON.bytes(
            .object(["device": .string(configuration.device), "changes": .list(batch.map(WireChange.encode))]))
        return TransportRequest(method: "POST", target: "/v1/push", headers: headers(json: true), body: body)
    }

    mutating func pushAnswered(_ batch: [Change], _ response: TransportResponse) -> Action {
        if let failure = classify(response) { return failure }
        guard let json = try? JSON.parse(response.body), let items = json["results"]?.listValue,
            let serverTime = json["serverTime"]?.intValue
        else { return fail(.invalidResponse("a push answer needs results and serverTime")) }
        var results: [ChangeResult] = []
        for item in items {
            guard let result = try? ChangeResult(json: item) else {
                return fail(.invalidResponse("a push result is malformed"))
            }
            results.append(result)
        }
        guard results.count == batch.count, zip(results, batch).allSatisfy({ $0.id == $1.id }) else {
            return fail(.invalidResponse("push results do not match the changes sent"))
        }
        for (result, change) in zip(results, batch)
        where result.reason == "clock-skew" && restamped.contains(result.id) {
            skewRefusal = change.hlc.wallMillis - serverTime
        }
        report.pushes += 1
        report.pushedBytes += request?.body.count ?? 0
        phase = .recording(batch)
        return .recordPush(batch: batch, results: results, serverTime: serverTime)
    }

    // MARK: - Pull

    mutating func startPull() -> Action {
        phase = .pulling
        var target = "/v1/pull?limit=\(configuration.pageLimit)"
        if let cursor { target += "&cursor=" + SyncSession.percentEncoded(cursor) }
        var headers = headers(json: false)
        // Ask for the compact binary page; a server that only speaks JSON answers JSON.
        headers["Accept"] = "\(BinaryPage.mediaType), application/json;q=0.5"
        return send(TransportRequest(method: "GET", target: target, headers: headers))
    }

    mutating func pullAnswered(_ response: TransportResponse) -> Action {
        if let failure = classify(response) { return failure }
        if response.headers.first(where: { $0.key.lowercased() == "content-type" })?.value == BinaryPage.mediaType {
            let binary: BinaryPage.Page
            do {
                binary = try BinaryPage.decode(response.body)
            } catch {
                return fail(.invalidResponse(error.description))
            }
            return applying(
                PullPage(
                    changes: binary.changes, purge: binary.purge, cursor: binary.cursor,
                    more: binary.more && !(binary.changes.isEmpty && binary.cursor == cursor),
                    serverTime: binary.serverTime, byteCount: response.body.count))
        }
        guard let json = try? JSON.parse(response.body), let items = json["changes"]?.listValue,
            let next = json["cursor"]?.stringValue, let more = json["more"]?.boolValue,
            let serverTime = json["serverTime"]?.intValue
        else { return fail(.invalidResponse("a pull answer needs changes, cursor, more and serverTime")) }
        var changes: [Change] = []
        changes.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                changes.append(try WireChange.decode(item, path: "changes[\(index)]"))
            } catch {
                return fail(.invalidResponse(error.description))
            }
        }
        let purge = json["purge"]?.listValue?.compactMap(\.stringValue) ?? []
        return applying(
            PullPage(
                changes: changes, purge: purge, cursor: next, more: more && !(changes.isEmpty && next == cursor),
                serverTime: serverTime, byteCount: response.body.count))
    }

    private mutating func applying(_ page: PullPage) -> Action {
        phase = .applying(page)
        return .applyPage(page)
    }

    // MARK: - Requests, retries and errors

    func headers(json: Bool) -> [String: String] {
        var headers = ["Authorization": "Bearer \(configuration.token)", "Accept": "application/json"]
        if json { headers["Content-Type"] = "application/json" }
        return headers
    }

    mutating func send(_ request: TransportRequest) -> Action {
        self.request = request
        attempts = 1
        return .send(request, after: .zero)
    }

    mutating func retry(reason: String) -> Action {
        guard let request, attempts < configuration.retry.maxAttempts else {
            return fail(.unreachable(server: configuration.server, reason: reason, pending: pending))
        }
        attempts += 1
        report.retries += 1
        return .send(request, after: configuration.retry.delay(beforeRetry: attempts - 1))
    }

    /// The action for a non-200 answer, or nil for a 200.
    mutating func classify(_ response: TransportResponse) -> Action? {
        if response.status == 200 { return nil }
        let problem = try? JSON.parse(response.body)
        let type = problem?["type"]?.stringValue.map { String($0.split(separator: ":").last ?? "") } ?? ""
        let detail = problem?["detail"]?.stringValue ?? ""
        switch response.status {
        case 401:
            return fail(
                type == "token-revoked"
                    ? .tokenRevoked(server: configuration.server) : .unauthorized(server: configuration.server))
        case 408, 429, 500...599:
            return retry(reason: "the server answered HTTP \(response.status)")
        default:
            return fail(.refused(status: response.status, type: type.isEmpty ? "unknown" : type, detail: detail))
        }
    }

    mutating func fail(_ error: SyncError) -> Action {
        phase = .done
        return .fail(error)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (cursors are opaque).
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }
}
