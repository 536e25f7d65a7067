#if canImport(Glibc)
    import Glibc
#endif

/// An IPv4 or IPv6 address literal with a TCP port, e.g. `127.0.0.1:8080` or `[::1]:0`.
///
/// Only numeric literals are accepted: the server binds to what the operator wrote and
/// never depends on name resolution.
public struct SocketAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address literal without brackets, e.g. `127.0.0.1` or `::1`.
    public var host: String
    /// The TCP port; 0 asks the kernel for an ephemeral port when listening.
    public var port: UInt16

    /// An address from a host literal and port. Validity is checked when it is used.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`, with IPv6 hosts in brackets (`[::1]:8080`).
    public init(parsing text: String) throws(SocketAddressError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw SocketAddressError(text: text)
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else {
                throw SocketAddressError(text: text)
            }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portText), !host.isEmpty else { throw SocketAddressError(text: text) }
        self.init(host: String(host), port: port)
        guard (try? withSockaddr { _, _ in }) != nil else { throw SocketAddressError(text: text) }
    }

    /// Whether the host is an IPv6 literal.
    public var isIPv6: Bool { host.contains(":") }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with this address as a C `sockaddr`; throws `EINVAL` if the host is not a literal.
    func withSockaddr<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
                throw SystemError(operation: "inet_pton", subject: host, errno: EINVAL)
            }
            return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(SystemError) in
                    try body(pointer, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            throw SystemError(operation: "inet_pton", subject: host, errno: EINVAL)
        }
        return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(SystemError) in
                try body(pointer, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// The address stored in a C `sockaddr_storage`, as filled by `getsockname`.
    init?(storage: sockaddr_storage) {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        switch Int32(storage.ss_family) {
        case AF_INET:
            let address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
            }
            var raw = address.sin_addr
            guard inet_ntop(AF_INET, &raw, &text, socklen_t(text.count)) != nil else { return nil }
            self.init(host: String(cString: text), port: UInt16(bigEndian: address.sin_port))
        case AF_INET6:
            let address = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
            }
            var raw = address.sin6_addr
            guard inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count)) != nil else { return nil }
            self.init(host: String(cString: text), port: UInt16(bigEndian: address.sin6_port))
        default:
            return nil
        }
    }
}
