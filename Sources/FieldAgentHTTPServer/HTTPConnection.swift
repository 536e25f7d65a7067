import FieldAgentHTTP
import FieldAgentSystem

/// One client connection's state, owned and mutated only by the event loop thread.
final class HTTPConnection {
    /// What the connection's current deadline guards.
    enum DeadlineKind {
        case none, idle, header, body, write, linger
    }

    let socket: Socket
    let id: UInt64
    var parser: HTTPParser
    /// Index of this connection's slot in the loop's poll set.
    var pollIndex: Int
    /// Bytes waiting to be written, from `outputOffset` on.
    var output: [UInt8] = []
    var outputOffset = 0
    /// A request is with a worker; no further request is taken until its response is queued.
    var inFlight = false
    /// Close once `output` is written (an error, `Connection: close`, or shutdown).
    var closeAfterWrite = false
    /// All output was written and FIN sent; input is read and discarded until the peer closes.
    var lingering = false
    /// The peer sent FIN.
    var peerClosed = false
    var isClosed = false
    var deadlineKind = DeadlineKind.none
    var deadline: ContinuousClock.Instant?

    init(socket: Socket, id: UInt64, limits: HTTPLimits, pollIndex: Int) {
        self.socket = socket
        self.id = id
        self.parser = HTTPParser(limits: limits)
        self.pollIndex = pollIndex
    }

    var hasPendingOutput: Bool { outputOffset < output.count }

    /// Appends bytes to send, taking ownership of the array when nothing else is pending.
    func enqueue(_ bytes: [UInt8]) {
        if !hasPendingOutput {
            output = bytes
            outputOffset = 0
        } else {
            output.append(contentsOf: bytes)
        }
    }
}
