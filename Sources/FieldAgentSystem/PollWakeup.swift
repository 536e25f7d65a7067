#if canImport(Glibc)
    import Glibc
#endif

/// A pipe that lets any thread wake an event loop blocked in `poll`.
///
/// The loop polls ``descriptor`` for readability; ``wake()`` writes one byte. Used to hand
/// handler results back to the loop and to request shutdown.
public final class PollWakeup: Sendable {
    /// The read end, to add to the loop's ``PollSet``.
    public let descriptor: Int32
    private let writeDescriptor: Int32

    /// A new nonblocking, close-on-exec pipe.
    public init() throws(SystemError) {
        var ends: [Int32] = [0, 0]
        _ = try Syscall.retrying("pipe", "wakeup") { pipe(&ends) }
        for end in ends {
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        }
        descriptor = ends[0]
        writeDescriptor = ends[1]
    }

    deinit {
        Glibc.close(descriptor)
        Glibc.close(writeDescriptor)
    }

    /// Makes the read end readable. A full pipe already means "wake up", so `EAGAIN` is ignored.
    public func wake() {
        var byte: UInt8 = 1
        while Glibc.write(writeDescriptor, &byte, 1) == -1 && errno == EINTR {}
    }

    /// Empties the pipe; the loop calls it before handling what it was woken for.
    public func drain() {
        var scratch = [UInt8](repeating: 0, count: 256)
        while true {
            let count = scratch.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { continue }
            if count == -1 && errno == EINTR { continue }
            return
        }
    }
}
