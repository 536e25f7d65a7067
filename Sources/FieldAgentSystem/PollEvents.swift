#if canImport(Glibc)
    import Glibc
#endif

/// Readiness conditions a ``PollSet`` waits for and reports.
public struct PollEvents: OptionSet, Sendable, Hashable {
    public let rawValue: Int16

    public init(rawValue: Int16) {
        self.rawValue = rawValue
    }

    /// Data (or end of stream, or a pending connection) can be read without blocking.
    public static let readable = PollEvents(rawValue: Int16(POLLIN))
    /// Data can be written without blocking.
    public static let writable = PollEvents(rawValue: Int16(POLLOUT))
    /// An error is pending on the descriptor (reported whether asked for or not).
    public static let error = PollEvents(rawValue: Int16(POLLERR))
    /// The peer hung up both directions (reported whether asked for or not).
    public static let hangup = PollEvents(rawValue: Int16(POLLHUP))
    /// The descriptor is not open (reported whether asked for or not).
    public static let invalid = PollEvents(rawValue: Int16(POLLNVAL))
}
