/// One parsed HTTP request with its whole body.
///
/// Produced by ``HTTPParser``; handed to the server's handler. The body is complete: the
/// parser never hands out a request before all of its `Content-Length` bytes arrived.
public struct HTTPRequest: Sendable, Equatable {
    /// The method token exactly as sent, e.g. `GET` (methods are case-sensitive).
    public var method: String
    /// The request target exactly as sent, e.g. `/v1/pull?cursor=7`.
    public var target: String
    /// The path part of the target, without the query, e.g. `/v1/pull`.
    public var path: String
    /// The query part of the target after `?`, still percent-encoded; `nil` when there is no `?`.
    public var query: String?
    /// The protocol version of the request line.
    public var version: HTTPVersion
    /// The header fields in arrival order.
    public var headers: HTTPHeaders
    /// The body bytes; empty when the request had none.
    public var body: [UInt8]

    /// A request built by hand, e.g. for tests or an in-memory transport.
    public init(
        method: String, target: String, version: HTTPVersion = .http11, headers: HTTPHeaders = HTTPHeaders(),
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        (self.path, self.query) = HTTPRequest.split(target: target)
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection may carry another request after this one's response.
    ///
    /// HTTP/1.1 keeps the connection unless `Connection: close`; HTTP/1.0 closes it unless
    /// `Connection: keep-alive`.
    public var keepAlive: Bool {
        if version == .http10 {
            return headers.containsToken("keep-alive", in: "Connection")
                && !headers.containsToken("close", in: "Connection")
        }
        return !headers.containsToken("close", in: "Connection")
    }

    /// Splits a target into path and query. An absolute-form target (`http://host/p?q`) yields `/p`.
    static func split(target: String) -> (path: String, query: String?) {
        let bytes = target.utf8
        var pathStart = bytes.startIndex
        if let first = bytes.first, first != UInt8(ascii: "/"), first != UInt8(ascii: "*") {
            // Absolute form: skip "scheme://authority".
            var index = bytes.startIndex
            var slashes = 0
            while index != bytes.endIndex {
                let byte = bytes[index]
                if byte == UInt8(ascii: "/") {
                    slashes += 1
                    if slashes == 3 { break }
                } else if byte == UInt8(ascii: "?") && slashes >= 2 {
                    break
                }
                index = bytes.index(after: index)
            }
            pathStart = index
        }
        let queryMark = bytes[pathStart...].firstIndex(of: UInt8(ascii: "?"))
        let pathEnd = queryMark ?? bytes.endIndex
        var path = String(target[pathStart..<pathEnd])
        if path.isEmpty { path = "/" }
        guard let mark = queryMark else { return (path, nil) }
        return (path, String(target[bytes.index(after: mark)...]))
    }
}
