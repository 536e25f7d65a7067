import FieldAgentHTTP
import FieldAgentProtocol
import Synchronization

/// Counters and a latency histogram for `GET /metrics` in the Prometheus text format.
///
/// Fed by the HTTP server's per-request hook and by the sync service; labels carry routes and
/// result codes only, never ids or personal data.
public final class ServerMetrics: Sendable {
    /// The routes that get their own label; anything else is `other`, and a request refused before
    /// it could be parsed is `unparsed`.
    public static let routes: Set<String> = Set(SyncEndpoint.allCases.map(\.path) + ["/metrics"])
    /// Histogram bucket bounds in seconds.
    public static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]

    private struct Counts {
        var requests: [String: Int] = [:]
        var pushed: [String: Int] = ["accepted": 0, "duplicate": 0, "rejected": 0]
        var rejected: [String: Int] = Dictionary(uniqueKeysWithValues: RejectionReason.known.map { ($0.rawValue, 0) })
        var pulled = 0
        var storageFailures: [String: Int] = ["out-of-room": 0, "other": 0]
        var repairs: [String: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var durationCount = 0
        var durationSum = 0.0
    }

    private let counts = Mutex(Counts())
    private let openConnections = Mutex<(@Sendable () -> Int)?>(nil)

    /// Empty metrics.
    public init() {}

    /// The route label for a path: itself for known routes, `other`, or `unparsed` for an empty path.
    public static func route(for path: String) -> String {
        if path.isEmpty { return "unparsed" }
        return routes.contains(path) ? path : "other"
    }

    /// Counts one answered request.
    public func record(_ record: HTTPRequestRecord) {
        let seconds = record.duration.inSeconds
        let key = ServerMetrics.route(for: record.path) + "\u{0}" + String(record.status)
        counts.withLock { c in
            c.requests[key, default: 0] += 1
            c.durationCount += 1
            c.durationSum += seconds
            for (index, bound) in ServerMetrics.buckets.enumerated() where seconds <= bound {
                c.bucketCounts[index] += 1
            }
        }
    }

    /// Counts one refused change by its reason.
    public func countRejected(_ reason: RejectionReason) {
        counts.withLock { $0.rejected[reason.rawValue, default: 0] += 1 }
    }

    /// Counts a storage write that failed: for want of room (disk full, file size limit) or otherwise.
    public func countStorageFailure(outOfRoom: Bool) {
        counts.withLock { $0.storageFailures[outOfRoom ? "out-of-room" : "other", default: 0] += 1 }
    }

    /// Counts a repair of the server's data (`kind`: a short fixed label such as `torn-tail`).
    public func countRepair(_ kind: String) {
        counts.withLock { $0.repairs[kind, default: 0] += 1 }
    }

    /// Counts pushed changes by result (`accepted`, `duplicate`, `rejected`).
    public func countPushed(_ status: String, by amount: Int = 1) {
        counts.withLock { $0.pushed[status, default: 0] += amount }
    }

    /// Counts changes sent in pull responses.
    public func countPulled(_ amount: Int) {
        counts.withLock { $0.pulled += amount }
    }

    /// Where to read the number of open connections from (the HTTP server, once it exists).
    public func observeOpenConnections(_ source: @escaping @Sendable () -> Int) {
        openConnections.withLock { $0 = source }
    }

    /// The number of requests counted for `route` and `status`.
    public func requests(route: String, status: Int) -> Int {
        counts.withLock { $0.requests[route + "\u{0}" + String(status)] ?? 0 }
    }

    /// The exposition text.
    public func render() -> String {
        let c = counts.withLock { $0 }
        let open = openConnections.withLock { $0 }?() ?? 0
        var out = "# HELP fieldagent_http_requests_total HTTP requests answered, by route and status.\n"
        out += "# TYPE fieldagent_http_requests_total counter\n"
        for key in c.requests.keys.sorted() {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
            out += "fieldagent_http_requests_total{route=\"\(parts[0])\",status=\"\(parts[1])\"} \(c.requests[key]!)\n"
        }
        out += ServerMetrics.counter(
            "fieldagent_changes_pushed_total", help: "Pushed changes, by result.", label: "result", c.pushed)
        out += ServerMetrics.counter(
            "fieldagent_changes_rejected_total", help: "Pushed changes refused, by reason.", label: "reason",
            c.rejected)
        out += ServerMetrics.counter(
            "fieldagent_storage_write_failures_total", help: "Storage writes that failed (nothing acknowledged).",
            label: "cause", c.storageFailures)
        out += ServerMetrics.counter(
            "fieldagent_repairs_total", help: "Repairs of the server's data found or made, by kind.", label: "kind",
            c.repairs)
        out += "# HELP fieldagent_changes_pulled_total Changes sent to devices in pull responses.\n"
        out += "# TYPE fieldagent_changes_pulled_total counter\n"
        out += "fieldagent_changes_pulled_total \(c.pulled)\n"
        out += "# HELP fieldagent_http_request_duration_seconds Time to answer a request.\n"
        out += "# TYPE fieldagent_http_request_duration_seconds histogram\n"
        for (index, bound) in ServerMetrics.buckets.enumerated() {
            out += "fieldagent_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(c.bucketCounts[index])\n"
        }
        out += "fieldagent_http_request_duration_seconds_bucket{le=\"+Inf\"} \(c.durationCount)\n"
        out += "fieldagent_http_request_duration_seconds_sum \(c.durationSum)\n"
        out += "fieldagent_http_request_duration_seconds_count \(c.durationCount)\n"
        out += "# HELP fieldagent_open_connections Client connections open now.\n"
        out += "# TYPE fieldagent_open_connections gauge\n"
        out += "fieldagent_open_connections \(open)\n"
        return out
    }

    /// One counter family with a single label, its values in label order.
    static func counter(_ name: String, help: String, label: String, _ values: [String: Int]) -> String {
        var out = "# HELP \(name) \(help)\n# TYPE \(name) counter\n"
        for key in values.keys.sorted() { out += "\(name){\(label)=\"\(key)\"} \(values[key]!)\n" }
        return out
    }
}
