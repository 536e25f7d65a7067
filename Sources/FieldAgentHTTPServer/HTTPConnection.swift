import FieldAgentHTTP
import FieldAgentSystem

/// One client connection: its socket, its poll slot, its deadline and its ``HTTPConnectionMachine``.
///
/// Owned and mutated only by the event loop thread. Every lifecycle decision is the
/// machine's; this class only holds what the machine must not know (socket, clock, slot).
final class HTTPConnection {
    let socket: Socket
    let id: UInt64
    /// Index of this connection's slot in the loop's poll set.
    var pollIndex: Int
    var machine: HTTPConnectionMachine
    /// When the machine's current deadline passes; `nil` when none applies.
    var deadline: ContinuousClock.Instant?

    init(socket: Socket, id: UInt64, limits: HTTPLimits, pollIndex: Int) {
        self.socket = socket
        self.id = id
        self.machine = HTTPConnectionMachine(limits: limits)
        self.pollIndex = pollIndex
    }

    var isClosed: Bool { machine.state == .closed }
}
