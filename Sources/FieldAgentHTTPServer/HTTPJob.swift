import FieldAgentHTTP

/// A parsed request waiting for a worker thread.
struct HTTPJob: Sendable {
    var request: HTTPRequest
    var descriptor: Int32
    var connectionID: UInt64
}
