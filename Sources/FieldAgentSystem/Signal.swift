#if canImport(Glibc)
    import Glibc
#endif

/// Process signals the server reacts to.
public enum Signal: Sendable, Hashable, CaseIterable {
    /// `SIGTERM`, sent by service managers to stop a process.
    case terminate
    /// `SIGINT`, sent by Ctrl-C.
    case interrupt

    /// The C signal number.
    public var number: Int32 {
        switch self {
        case .terminate: return SIGTERM
        case .interrupt: return SIGINT
        }
    }

    /// The signal with C number `number`, if it is one of these.
    public init?(number: Int32) {
        guard let match = Signal.allCases.first(where: { $0.number == number }) else { return nil }
        self = match
    }

    /// Sends this signal to the current process; for tests of signal handling.
    public func sendToSelf() {
        _ = kill(getpid(), number)
    }
}
