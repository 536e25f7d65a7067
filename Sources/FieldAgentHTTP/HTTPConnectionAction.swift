/// What ``HTTPConnectionMachine`` asks the event loop to do, in order.
public enum HTTPConnectionAction: Sendable, Equatable {
    /// Hand the request to a worker; report its answer as ``HTTPConnectionEvent/responseReady(_:keepAlive:)``.
    case dispatch(HTTPRequest)
    /// Write the pending output (``HTTPConnectionMachine/withPendingOutput(_:)``), then report
    /// ``HTTPConnectionEvent/wrote(_:)`` (or ``HTTPConnectionEvent/abort`` on an error).
    case write
    /// Send these bytes once, best effort, bypassing the output buffer: the 408 before a timeout close.
    case sendOnce([UInt8])
    /// Tell the request hook about a request refused before it reached a handler.
    case report(HTTPRequestRecord)
    /// Watch the socket for this from now on.
    case setInterest(HTTPConnectionInterest)
    /// Start a deadline of this kind from now, replacing any other.
    case armDeadline(HTTPDeadlineKind)
    /// No deadline applies: a request is with a worker.
    case disarmDeadline
    /// Shut down the write side (the peer sees FIN) and keep reading: the lingering close.
    case shutdownWrite
    /// Close the socket; the machine is ``HTTPConnectionState/closed``.
    case close
}
