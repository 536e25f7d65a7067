/// The problem types of the sync service's error answers (protocol.md → Errors), each with its
/// RFC 9457 `type` URI, `status` and `title` (the status's reason phrase).
///
/// A client tells problems apart by type, never by detail. Building the HTTP response, with the
/// detail sentence and headers such as `WWW-Authenticate`, is the server's business.
public enum ProblemType: String, Sendable, CaseIterable {
    /// The token is missing, malformed or unknown.
    case unauthorized
    /// The token was revoked.
    case tokenRevoked = "token-revoked"
    /// No such path.
    case notFound = "not-found"
    /// The path exists but not for this method.
    case methodNotAllowed = "method-not-allowed"
    /// A push body that is not `application/json`.
    case unsupportedMediaType = "unsupported-media-type"
    /// A push body that is not JSON.
    case invalidJSON = "invalid-json"
    /// A push body of the wrong shape.
    case invalidRequest = "invalid-request"
    /// More than ``ProtocolLimits/maxChangesPerPush`` changes in one push.
    case tooManyChanges = "too-many-changes"
    /// A pull cursor the server did not issue.
    case badCursor = "bad-cursor"
    /// A pull limit outside ``ProtocolLimits/pageLimits``.
    case badLimit = "bad-limit"
    /// The server could not store the data; nothing was acknowledged.
    case storageFailed = "storage-failed"
    /// The server's disk (or its file size limit) is full; nothing was acknowledged. Retry later.
    case insufficientStorage = "insufficient-storage"
    /// The replica id is registered to, or was used by, another agent's device.
    case deviceTaken = "device-taken"
    /// The device was revoked by the back office; the problem's `wipe` says whether it must wipe.
    case deviceRevoked = "device-revoked"
    /// A wipe report from a device that was not told to wipe.
    case deviceActive = "device-active"
    /// HTTP the server could not read (request line, headers, framing): `400`.
    case malformedRequest = "malformed-request"
    /// The request target is too long: `414`.
    case targetTooLong = "target-too-long"
    /// An HTTP version other than 1.0 or 1.1: `505`.
    case unsupportedVersion = "unsupported-version"
    /// The request line and headers are too large: `431`.
    case headersTooLarge = "headers-too-large"
    /// The body is larger than ``ProtocolLimits/maxBodyBytes``: `413`.
    case bodyTooLarge = "body-too-large"
    /// A chunked body (`Transfer-Encoding`); send `Content-Length`: `411`.
    case lengthRequired = "length-required"
    /// An `Expect` other than `100-continue`: `417`.
    case unsupportedExpectation = "unsupported-expectation"
    /// The request did not arrive in time: `408`.
    case requestTimeout = "request-timeout"

    /// What every type URI starts with; the stable code follows it.
    public static let uriPrefix = "urn:fieldagent:problem:"

    /// The `type` URI, e.g. `urn:fieldagent:problem:token-revoked`.
    public var uri: String { ProblemType.uriPrefix + rawValue }

    /// The type whose URI is `uri`, or nil for any other.
    public init?(uri: String) {
        guard uri.hasPrefix(ProblemType.uriPrefix) else { return nil }
        self.init(rawValue: String(uri.dropFirst(ProblemType.uriPrefix.count)))
    }

    /// Whether the HTTP layer answers it (a request it could not read), not the sync service.
    public var isHTTPLevel: Bool {
        switch self {
        case .malformedRequest, .targetTooLong, .unsupportedVersion, .headersTooLarge, .bodyTooLarge,
            .lengthRequired, .unsupportedExpectation, .requestTimeout:
            true
        default: false
        }
    }

    /// The HTTP status it is answered with.
    public var status: Int {
        switch self {
        case .unauthorized, .tokenRevoked, .deviceRevoked: 401
        case .deviceTaken, .deviceActive: 409
        case .notFound: 404
        case .methodNotAllowed: 405
        case .unsupportedMediaType: 415
        case .invalidJSON, .badCursor, .badLimit: 400
        case .invalidRequest: 422
        case .tooManyChanges: 413
        case .storageFailed: 500
        case .insufficientStorage: 507
        case .malformedRequest: 400
        case .targetTooLong: 414
        case .unsupportedVersion: 505
        case .headersTooLarge: 431
        case .bodyTooLarge: 413
        case .lengthRequired: 411
        case .unsupportedExpectation: 417
        case .requestTimeout: 408
        }
    }

    /// The `title`: the reason phrase of ``status``.
    public var title: String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 414: "URI Too Long"
        case 417: "Expectation Failed"
        case 431: "Request Header Fields Too Large"
        case 505: "HTTP Version Not Supported"
        case 507: "Insufficient Storage"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 422: "Unprocessable Content"
        default: "Internal Server Error"
        }
    }
}
