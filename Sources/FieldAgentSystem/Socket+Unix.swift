#if canImport(Glibc)
    import Glibc
#endif

extension Socket {
    /// The longest path a Unix-domain socket address holds (`sun_path` minus its terminating NUL).
    public static let maxUnixPathBytes = MemoryLayout<sockaddr_un>.size - MemoryLayout<sa_family_t>.size - 1

    /// A blocking Unix-domain stream socket listening at `path`, created with permissions 0600.
    ///
    /// A stale socket file left by a process that died is replaced. Used for the back office's
    /// admin channel: whoever can open the directory that holds `path` can connect.
    public static func listenUnix(path: String, backlog: Int32 = 16) throws(SystemError) -> Socket {
        let fd = try Syscall.retrying("socket", path) {
            Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: fd)
        do {
            try FileSystem.unlink(path, missingOK: true)
            let previous = umask(0o077)
            defer { umask(previous) }
            try withUnixAddress(path) { pointer, length throws(SystemError) in
                _ = try Syscall.retrying("bind", path) { bind(fd, pointer, length) }
            }
            _ = try Syscall.retrying("listen", path) { Glibc.listen(fd, backlog) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// A blocking Unix-domain stream socket connected to `path`.
    public static func connectUnix(path: String) throws(SystemError) -> Socket {
        let fd = try Syscall.retrying("socket", path) {
            Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: fd)
        do {
            try withUnixAddress(path) { pointer, length throws(SystemError) in
                _ = try Syscall.retrying("connect", path) { Glibc.connect(fd, pointer, length) }
            }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Accepts one connection on a blocking listener; `nil` once the listener was shut down.
    public func acceptBlocking() throws(SystemError) -> Socket? {
        do {
            let fd = try Syscall.retrying("accept", "listener") { Glibc.accept(descriptor, nil, nil) }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            return Socket(descriptor: fd)
        } catch {
            if error.errno == EINVAL || error.errno == EBADF || error.errno == ECONNABORTED { return nil }
            throw error
        }
    }

    /// Stops both directions; a thread blocked in ``acceptBlocking()`` on this listener returns `nil`.
    public func shutdownBoth() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    /// Makes blocking writes fail with `EAGAIN` after `milliseconds`, so a stuck peer cannot hold a thread.
    public func setSendTimeout(milliseconds: Int) throws(SystemError) {
        var time = timeval(tv_sec: milliseconds / 1000, tv_usec: (milliseconds % 1000) * 1000)
        _ = try Syscall.retrying("setsockopt", "SO_SNDTIMEO") {
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        }
    }

    private static func withUnixAddress<Result>(
        _ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        let bytes = Array(path.utf8)
        guard !bytes.isEmpty, bytes.count <= maxUnixPathBytes else {
            throw SystemError(operation: "bind", subject: path, errno: ENAMETOOLONG)
        }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        return try withUnsafePointer(to: &address) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer throws(SystemError) in
                try body(pointer, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}
