import FieldAgentHTTP

/// The problem types the sync service answers with (protocol.md → Errors).
///
/// Each maps to a status and an RFC 9457 body whose `type` is `urn:fieldagent:problem:` plus ``code``.
/// Details never quote request data, because clients and proxies log these bodies.
public enum SyncProblem: Error, Sendable, Equatable {
    case unauthorized
    case tokenRevoked
    case notFound
    case methodNotAllowed(allowed: String)
    case unsupportedMediaType
    case invalidJSON(String)
    case invalidRequest(String)
    case tooManyChanges(count: Int, limit: Int)
    case badCursor
    case badLimit
    case storageFailed

    /// The stable code after `urn:fieldagent:problem:`.
    public var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .tokenRevoked: "token-revoked"
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .unsupportedMediaType: "unsupported-media-type"
        case .invalidJSON: "invalid-json"
        case .invalidRequest: "invalid-request"
        case .tooManyChanges: "too-many-changes"
        case .badCursor: "bad-cursor"
        case .badLimit: "bad-limit"
        case .storageFailed: "storage-failed"
        }
    }

    /// The HTTP status.
    public var status: Int {
        switch self {
        case .unauthorized, .tokenRevoked: 401
        case .notFound: 404
        case .methodNotAllowed: 405
        case .unsupportedMediaType: 415
        case .invalidJSON, .badCursor, .badLimit: 400
        case .invalidRequest: 422
        case .tooManyChanges: 413
        case .storageFailed: 500
        }
    }

    /// A sentence a person can act on.
    public var detail: String {
        switch self {
        case .unauthorized: "the token is missing or unknown; ask the back office for a new one"
        case .tokenRevoked: "this token was revoked; ask the back office for a new one"
        case .notFound: "no such endpoint; see protocol.md for the v1 paths"
        case .methodNotAllowed(let allowed): "use \(allowed) for this path"
        case .unsupportedMediaType: "send the body as application/json"
        case .invalidJSON(let why): "the body is not valid JSON: \(why); nothing was stored"
        case .invalidRequest(let why): "\(why); nothing was stored"
        case .tooManyChanges(let count, let limit):
            "\(count) changes in one push; send at most \(limit) per request; nothing was stored"
        case .badCursor: "cursor must be a value returned by an earlier pull, or 0"
        case .badLimit: "limit must be an integer from 1 to 5000"
        case .storageFailed: "the server could not store the data; nothing was acknowledged, retry later"
        }
    }

    /// The `application/problem+json` response.
    public var response: HTTPResponse {
        var response = HTTPResponse(
            problem: HTTPProblem(
                type: "urn:fieldagent:problem:" + code, status: status, title: HTTPStatus.reasonPhrase(for: status),
                detail: detail))
        switch self {
        case .unauthorized, .tokenRevoked:
            response.headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer realm=\"fieldagent\"")
        case .methodNotAllowed(let allowed):
            response.headers.replaceOrAdd(name: "Allow", value: allowed)
        default: break
        }
        return response
    }
}
