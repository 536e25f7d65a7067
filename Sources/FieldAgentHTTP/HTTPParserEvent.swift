/// What the connection must do next, as decided by ``HTTPParser``.
public enum HTTPParserEvent: Sendable, Equatable {
    /// A complete request arrived; answer it before taking the next event.
    case request(HTTPRequest)
    /// The client sent `Expect: 100-continue`; write `HTTP/1.1 100 Continue` so it sends the body.
    case sendContinue
    /// The input is unacceptable; answer with `error.status`, then close the connection.
    case error(HTTPParseError)
}
