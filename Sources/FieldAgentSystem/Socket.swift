#if canImport(Glibc)
    import Glibc
#endif

/// A TCP socket descriptor with the few operations a server and a test client need.
///
/// A plain value holding the descriptor: whoever created it closes it exactly once with
/// ``close()``. Server-side sockets are nonblocking, and their reads and writes return
/// `nil` for "would block" so an event loop can wait for readiness instead.
public struct Socket: Sendable, Hashable {
    /// The file descriptor.
    public let descriptor: Int32

    /// Wraps an open descriptor.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A nonblocking listening socket bound to `address`, with `SO_REUSEADDR`.
    public static func listen(on address: SocketAddress, backlog: Int32 = 1024) throws(SystemError) -> Socket {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let fd = try Syscall.retrying("socket", address.description) {
            Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: fd)
        do {
            try socket.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if address.isIPv6 { try socket.setOption(Int32(IPPROTO_IPV6), IPV6_V6ONLY, 1) }
            try address.withSockaddr { pointer, length throws(SystemError) in
                _ = try Syscall.retrying("bind", address.description) { bind(fd, pointer, length) }
            }
            _ = try Syscall.retrying("listen", address.description) { Glibc.listen(fd, backlog) }
            try socket.setNonBlocking()
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// A blocking socket connected to `address`; for clients and tests.
    public static func connect(to address: SocketAddress) throws(SystemError) -> Socket {
        let family = address.isIPv6 ? AF_INET6 : AF_INET
        let fd = try Syscall.retrying("socket", address.description) {
            Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: fd)
        do {
            try address.withSockaddr { pointer, length throws(SystemError) in
                _ = try Syscall.retrying("connect", address.description) { Glibc.connect(fd, pointer, length) }
            }
            try socket.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Accepts one pending connection as a nonblocking socket with `TCP_NODELAY`; `nil` if none is pending.
    public func accept() throws(SystemError) -> Socket? {
        let fd: Int32
        do {
            fd = try Syscall.retrying("accept", "listener") { Glibc.accept(descriptor, nil, nil) }
        } catch {
            // A connection reset before it was accepted is not the listener's failure.
            if error.errno == EAGAIN || error.errno == EWOULDBLOCK || error.errno == ECONNABORTED { return nil }
            throw error
        }
        let accepted = Socket(descriptor: fd)
        do {
            _ = try Syscall.retrying("fcntl", "accepted") { fcntl(fd, F_SETFD, FD_CLOEXEC) }
            try accepted.setNonBlocking()
            try accepted.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        } catch {
            accepted.close()
            throw error
        }
        return accepted
    }

    /// Reads into `buffer`: the byte count, 0 at end of stream, or `nil` if nothing is available yet.
    public func receive(into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int? {
        do {
            return try Syscall.retrying("recv", "socket") { recv(descriptor, buffer.baseAddress, buffer.count, 0) }
        } catch {
            if error.errno == EAGAIN || error.errno == EWOULDBLOCK { return nil }
            throw error
        }
    }

    /// Writes from `buffer`: the byte count written (possibly short), or `nil` if the socket is full.
    ///
    /// Never raises `SIGPIPE`; a peer that went away is reported as an `EPIPE` error.
    public func send(_ buffer: UnsafeRawBufferPointer) throws(SystemError) -> Int? {
        do {
            return try Syscall.retrying("send", "socket") {
                Glibc.send(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL))
            }
        } catch {
            if error.errno == EAGAIN || error.errno == EWOULDBLOCK { return nil }
            throw error
        }
    }

    /// Writes all of `bytes` on a blocking socket, looping over short writes.
    public func sendAll(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes[offset...]
            let written = try remaining.withUnsafeBytes { buffer in
                Result { () throws(SystemError) in try send(buffer) }
            }
            .get()
            guard let written else { throw SystemError(operation: "send", subject: "socket", errno: EAGAIN) }
            offset += written
        }
    }

    /// Reads up to `maxBytes` from a blocking socket; empty at end of stream.
    public func receive(maxBytes: Int = 65536) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxBytes)
        let count = try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try receive(into: buffer) }
        }.get()
        guard let count else { throw SystemError(operation: "recv", subject: "socket", errno: EAGAIN) }
        bytes.removeLast(maxBytes - count)
        return bytes
    }

    /// The address the socket is bound to; for a listener on port 0, this reveals the chosen port.
    public func localAddress() throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(SystemError) in
                try Syscall.retrying("getsockname", "socket") { getsockname(descriptor, pointer, &length) }
            }
        }
        guard let address = SocketAddress(storage: storage) else {
            throw SystemError(operation: "getsockname", subject: "socket", errno: EAFNOSUPPORT)
        }
        return address
    }

    /// Makes blocking reads fail with `EAGAIN` after `milliseconds`, so a test client never hangs.
    public func setReceiveTimeout(milliseconds: Int) throws(SystemError) {
        var time = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        _ = try Syscall.retrying("setsockopt", "SO_RCVTIMEO") {
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    /// Sends FIN: the peer reads end of stream, while this side can still read.
    public func shutdownWrite() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Closes the descriptor. Not retried on `EINTR`: on Linux the descriptor is released either way.
    public func close() {
        _ = Glibc.close(descriptor)
    }

    private func setNonBlocking() throws(SystemError) {
        let flags = try Syscall.retrying("fcntl", "socket") { fcntl(descriptor, F_GETFL) }
        _ = try Syscall.retrying("fcntl", "socket") { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
    }

    private func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(SystemError) {
        var value = value
        _ = try Syscall.retrying("setsockopt", "socket") {
            setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size))
        }
    }
}
