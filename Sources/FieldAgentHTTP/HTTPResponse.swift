/// A response a handler returns: status, header fields and a complete body.
///
/// The writer adds `Content-Length` and `Connection` itself, so handlers set only what
/// is specific to their answer, such as `Content-Type`.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code, e.g. 200.
    public var status: Int
    /// Header fields other than `Content-Length`, `Transfer-Encoding` and `Connection`,
    /// which the writer owns and drops if present here.
    public var headers: HTTPHeaders
    /// The body bytes.
    public var body: [UInt8]

    /// A response with `status`, `headers` and `body`.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A response whose body is `text` as UTF-8, with the given content type.
    public init(status: Int, contentType: String = "text/plain; charset=utf-8", text: String) {
        self.init(status: status, headers: ["Content-Type": contentType], body: Array(text.utf8))
    }

    /// An RFC 9457 `application/problem+json` response for `problem`.
    public init(problem: HTTPProblem) {
        self.init(
            status: problem.status, headers: ["Content-Type": HTTPProblem.contentType], body: problem.jsonBytes())
    }

    /// The problem response the server sends for a request the parser refused; its `type` is
    /// `typePrefix` plus the error's code, or `about:blank` without a prefix.
    public init(parseError: HTTPParseError, typePrefix: String? = nil) {
        self.init(
            problem: HTTPProblem(
                type: typePrefix.map { $0 + parseError.code } ?? "about:blank", status: parseError.status,
                title: HTTPStatus.reasonPhrase(for: parseError.status), detail: parseError.description))
    }
}
