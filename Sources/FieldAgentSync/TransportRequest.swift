import Foundation

/// One HTTP request of the sync protocol, independent of any HTTP library.
public struct TransportRequest: Sendable, Hashable {
    /// `GET` or `POST`.
    public var method: String
    /// Path and query, e.g. `/v1/pull?cursor=17&limit=1000`.
    public var target: String
    /// Header fields by name.
    public var headers: [String: String]
    /// The body (JSON for a push, empty for a pull).
    public var body: [UInt8]

    /// A request.
    public init(method: String, target: String, headers: [String: String] = [:], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The path without the query.
    public var path: Substring { target.split(separator: "?", maxSplits: 1).first ?? "" }

    /// The query's parameters, percent-decoded.
    public var query: [String: String] {
        guard let q = target.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
        var out: [String: String] = [:]
        for pair in q.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            out[key] = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
        }
        return out
    }
}
