/// What the server tells the per-request hook after answering: enough for access logs and metrics.
///
/// Carries no body and no header values, so logging it never leaks personal data.
public struct HTTPRequestRecord: Sendable, Equatable {
    /// The request method; empty when the request was refused before it could be parsed.
    public var method: String
    /// The request path without the query; empty when the request was refused before it could be parsed.
    public var path: String
    /// The status sent.
    public var status: Int
    /// Time from the complete request to the serialised response (handler time), or 0 for refusals.
    public var duration: Duration
    /// Bytes of request body received.
    public var requestBodyBytes: Int
    /// Bytes of response body sent.
    public var responseBodyBytes: Int

    /// A record with the given figures.
    public init(
        method: String, path: String, status: Int, duration: Duration, requestBodyBytes: Int, responseBodyBytes: Int
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.duration = duration
        self.requestBodyBytes = requestBodyBytes
        self.responseBodyBytes = responseBodyBytes
    }
}

extension HTTPRequestRecord {
    /// The record of a request refused before it could be parsed: no method, path or handler time.
    static func refused(_ response: HTTPResponse) -> HTTPRequestRecord {
        HTTPRequestRecord(
            method: "", path: "", status: response.status, duration: .zero, requestBodyBytes: 0,
            responseBodyBytes: response.body.count)
    }
}
