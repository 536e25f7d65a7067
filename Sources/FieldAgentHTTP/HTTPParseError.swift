/// Why a request was refused by the parser, with the status code to answer it with.
///
/// Every case ends the connection: after malformed input the byte stream cannot be
/// trusted to resynchronise on the next request.
public enum HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request line is not `method SP target SP HTTP/x.y`.
    case malformedRequestLine
    /// The request target is longer than ``HTTPLimits/maxRequestTargetBytes``.
    case requestTargetTooLong
    /// The request line names a version other than HTTP/1.0 or HTTP/1.1.
    case unsupportedVersion
    /// A header line is not `name: value` with a token name and printable value.
    case malformedHeader
    /// A header line starts with whitespace (obsolete line folding).
    case obsoleteLineFolding
    /// A line ends with LF alone instead of CRLF.
    case bareLineFeed
    /// Request line and headers exceed ``HTTPLimits/maxHeaderBytes`` or ``HTTPLimits/maxHeaderCount``.
    case headersTooLarge
    /// An HTTP/1.1 request has no `Host` field, or more than one.
    case invalidHost
    /// `Content-Length` appears more than once, or is not a plain decimal number.
    case invalidContentLength
    /// The declared body is larger than ``HTTPLimits/maxBodyBytes``.
    case bodyTooLarge
    /// The request uses `Transfer-Encoding` (chunked bodies are not accepted; send `Content-Length`).
    case lengthRequired
    /// `Transfer-Encoding` and `Content-Length` both appear (a request-smuggling vector).
    case conflictingFraming
    /// `Expect` carries something other than `100-continue`.
    case unsupportedExpectation

    /// The response status for this error.
    public var status: Int {
        switch self {
        case .malformedRequestLine, .malformedHeader, .obsoleteLineFolding, .bareLineFeed, .invalidHost,
            .invalidContentLength, .conflictingFraming:
            return 400
        case .requestTargetTooLong: return 414
        case .unsupportedVersion: return 505
        case .headersTooLarge: return 431
        case .bodyTooLarge: return 413
        case .lengthRequired: return 411
        case .unsupportedExpectation: return 417
        }
    }

    /// A stable code for the problem `type` (``HTTPLimits/problemTypePrefix`` plus this), one per status.
    public var code: String {
        switch status {
        case 414: "target-too-long"
        case 505: "unsupported-version"
        case 431: "headers-too-large"
        case 413: "body-too-large"
        case 411: "length-required"
        case 417: "unsupported-expectation"
        default: "malformed-request"
        }
    }

    public var description: String {
        switch self {
        case .malformedRequestLine: return "The request line is malformed; expected 'METHOD /target HTTP/1.1'."
        case .requestTargetTooLong: return "The request target is too long."
        case .unsupportedVersion: return "Only HTTP/1.0 and HTTP/1.1 are supported."
        case .malformedHeader: return "A header field is malformed; expected 'Name: value' with a token name."
        case .obsoleteLineFolding: return "Header line folding (a line starting with whitespace) is not accepted."
        case .bareLineFeed: return "Lines must end with CRLF; a bare LF was found."
        case .headersTooLarge: return "The request headers are too large."
        case .invalidHost: return "An HTTP/1.1 request needs exactly one Host header."
        case .invalidContentLength:
            return "Content-Length must appear at most once and be a non-negative decimal number."
        case .bodyTooLarge: return "The request body is too large."
        case .lengthRequired:
            return "Transfer-Encoding is not accepted; send the body with a Content-Length header."
        case .conflictingFraming: return "Transfer-Encoding and Content-Length must not both be present."
        case .unsupportedExpectation: return "Only 'Expect: 100-continue' is supported."
        }
    }
}
