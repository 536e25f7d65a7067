/// Size limits the parser enforces before buffering more of a request.
///
/// They bound the memory one connection can pin and turn oversize input into a clear
/// status (414, 431, 413) instead of an unbounded read.
public struct HTTPLimits: Sendable, Equatable {
    /// Most bytes of request line plus header fields (including the blank line); beyond it, 431.
    public var maxHeaderBytes: Int
    /// Most bytes of a request body; a larger `Content-Length` gets 413 before any body is read.
    public var maxBodyBytes: Int
    /// Most bytes of the request target; beyond it, 414.
    public var maxRequestTargetBytes: Int
    /// Most header fields in one request; beyond it, 431.
    public var maxHeaderCount: Int
    /// What the problem `type` of a refusal found while reading HTTP starts with, followed by
    /// ``HTTPParseError/code`` (or `request-timeout`); nil answers `about:blank`.
    public var problemTypePrefix: String?

    /// The defaults: 16 KiB of headers, 8 MiB of body, 8 KiB of target, 100 fields.
    public init(
        maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 8 * 1024 * 1024, maxRequestTargetBytes: Int = 8 * 1024,
        maxHeaderCount: Int = 100
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.maxRequestTargetBytes = maxRequestTargetBytes
        self.maxHeaderCount = maxHeaderCount
    }

    /// The default limits.
    public static let `default` = HTTPLimits()
}
