import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The write end of the self-pipe, read by the C signal handler. Set once, before any
/// handler is installed, and never changed; the handler only calls `write(2)`, which is
/// async-signal-safe.
nonisolated(unsafe) private var signalPipeWriteDescriptor: Int32 = -1

/// Turns `SIGTERM`/`SIGINT` into a readable descriptor (the self-pipe trick).
///
/// A signal handler may do almost nothing safely, so it writes the signal number into a
/// pipe; an event loop polls ``descriptor`` and reacts on its own thread. There is one
/// pipe per process: ``shared()`` creates it on first use.
public final class SignalNotifier: Sendable {
    private static let instance = Mutex<SignalNotifier?>(nil)

    /// The read end; readable once a watched signal has arrived.
    public let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The process-wide notifier, creating its pipe on first use.
    public static func shared() throws(SystemError) -> SignalNotifier {
        try instance.withLock { current throws(SystemError) -> SignalNotifier in
            if let current { return current }
            var ends: [Int32] = [0, 0]
            _ = try Syscall.retrying("pipe", "signal notifier") { pipe(&ends) }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
            signalPipeWriteDescriptor = ends[1]
            let notifier = SignalNotifier(descriptor: ends[0])
            current = notifier
            return notifier
        }
    }

    /// Routes `signals` to this notifier instead of their default action (terminating the process).
    ///
    /// Also unblocks them in the calling thread: a process may inherit a signal mask with `SIGTERM`
    /// blocked (from a parent's worker thread, e.g. Foundation's `Process`), and a blocked signal
    /// would stay pending forever. Call it before starting other threads, which inherit the mask.
    public func watch(_ signals: [Signal]) throws(SystemError) {
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in signals { sigaddset(&unblock, signal.number) }
        _ = try Syscall.retrying("sigprocmask", "unblock watched signals") {
            sigprocmask(SIG_UNBLOCK, &unblock, nil)
        }
        for signal in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                let saved = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(signalPipeWriteDescriptor, &byte, 1)
                errno = saved
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_RESTART
            _ = try Syscall.retrying("sigaction", "\(signal)") { sigaction(signal.number, &action, nil) }
        }
    }

    /// The signals that arrived since the last call, in order; empty if none.
    public func drain() -> [Signal] {
        var received: [Signal] = []
        var scratch = [UInt8](repeating: 0, count: 64)
        while true {
            let count = scratch.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == -1 && errno == EINTR { continue }
            guard count > 0 else { return received }
            received += scratch[..<count].compactMap { Signal(number: Int32($0)) }
        }
    }
}
