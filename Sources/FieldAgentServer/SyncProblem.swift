import FieldAgentCore
import FieldAgentHTTP
import FieldAgentProtocol

/// The error answers of the sync service (protocol.md → Errors): a ``ProblemType`` plus what this
/// occurrence needs for its detail sentence and headers.
///
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
    /// The disk or the file size limit is full; the write can succeed once room is made.
    case insufficientStorage
    /// The replica id is registered to, or was used by, another agent.
    case deviceTaken
    /// The device was revoked; `wipe` tells it to delete every customer's data.
    case deviceRevoked(wipe: Bool)
    /// A wipe report from a device that was not told to wipe.
    case deviceActive

    /// The protocol's problem type: its URI, status and title.
    public var type: ProblemType {
        switch self {
        case .unauthorized: .unauthorized
        case .tokenRevoked: .tokenRevoked
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .unsupportedMediaType: .unsupportedMediaType
        case .invalidJSON: .invalidJSON
        case .invalidRequest: .invalidRequest
        case .tooManyChanges: .tooManyChanges
        case .badCursor: .badCursor
        case .badLimit: .badLimit
        case .storageFailed: .storageFailed
        case .insufficientStorage: .insufficientStorage
        case .deviceTaken: .deviceTaken
        case .deviceRevoked: .deviceRevoked
        case .deviceActive: .deviceActive
        }
    }

    /// The stable code after `urn:fieldagent:problem:`.
    public var code: String { type.rawValue }

    /// The HTTP status.
    public var status: Int { type.status }

    /// A sentence a person can act on.
    public var detail: String {
        switch self {
        case .unauthorized: "the token is missing or unknown; ask the back office for a new one"
        case .tokenRevoked: "this token was revoked; ask the back office for a new one"
        case .notFound: "no such endpoint; see protocol.md for the v1 paths"
        case .methodNotAllowed(let allowed): "use \(allowed) for this path"
        case .unsupportedMediaType: "send the body as \(MediaType.json)"
        case .invalidJSON(let why): "the body is not valid JSON: \(why); nothing was stored"
        case .invalidRequest(let why): "\(why); nothing was stored"
        case .tooManyChanges(let count, let limit):
            "\(count) changes in one push; send at most \(limit) per request; nothing was stored"
        case .badCursor: PullRequestError.badCursor.description
        case .badLimit: PullRequestError.badLimit.description
        case .storageFailed: "the server could not store the data; nothing was acknowledged, retry later"
        case .insufficientStorage: "the server is out of disk space; nothing was acknowledged, retry later"
        case .deviceTaken:
            "this replica id belongs to another agent's device; set this device up under a new replica id"
        case .deviceRevoked(let wipe):
            wipe
                ? "this device was revoked; delete every customer's data now, then report with POST /v1/devices/wiped"
                : "this device was revoked; set it up again under a new replica id, or ask the back office"
        case .deviceActive: "this device was not told to wipe; nothing was recorded"
        }
    }

    /// The `application/problem+json` response.
    public var response: HTTPResponse {
        var response = HTTPResponse(
            problem: HTTPProblem(type: type.uri, status: status, title: type.title, detail: detail))
        switch self {
        case .deviceRevoked(let wipe):
            var problem = Problem(type, detail: detail)
            problem.wipe = wipe
            response.body = JSON.bytes(problem.json)
            response.headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer realm=\"fieldagent\"")
        case .unauthorized, .tokenRevoked:
            response.headers.replaceOrAdd(name: "WWW-Authenticate", value: "Bearer realm=\"fieldagent\"")
        case .methodNotAllowed(let allowed):
            response.headers.replaceOrAdd(name: "Allow", value: allowed)
        case .insufficientStorage:
            response.headers.replaceOrAdd(name: "Retry-After", value: "60")
        default: break
        }
        return response
    }
}
