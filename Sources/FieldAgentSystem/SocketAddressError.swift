/// A listen or connect address that is not `IPv4:port` or `[IPv6]:port`.
public struct SocketAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that could not be parsed.
    public var text: String

    public init(text: String) {
        self.text = text
    }

    public var description: String {
        "'\(text)' is not a listen address; use an IP literal and port such as 127.0.0.1:8080 or [::1]:8080."
    }
}
