/// The protocol version from a request line. Only HTTP/1.0 and HTTP/1.1 are accepted.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version digit.
    public var major: Int
    /// The minor version digit.
    public var minor: Int

    /// HTTP/1.0: connections close after each response unless the client asks for keep-alive.
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// HTTP/1.1: connections stay open unless either side sends `Connection: close`.
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    /// A version from its two digits.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    public var description: String { "HTTP/\(major).\(minor)" }
}
