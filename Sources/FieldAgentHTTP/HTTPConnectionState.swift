/// Where a connection is in its life, as ``HTTPConnectionMachine`` tracks it.
///
/// One case per stage instead of a handful of flags, so impossible mixes (lingering with a
/// request in flight, say) cannot be written down.
public enum HTTPConnectionState: Sendable, Equatable {
    /// What a ``finishing(awaitingResponse:then:)`` connection does once all output is written.
    public enum Ending: Sendable, Equatable {
        /// Shut the write side and linger, so the peer reads the last response instead of a reset.
        case linger
        /// Close at once: the peer already sent FIN, or the server is stopping.
        case close
    }

    /// Taking requests, none with a worker; the parser's phase picks the idle, header or body deadline.
    case reading
    /// One request is with a worker; input after it is buffered, up to the pipelining cap.
    ///
    /// `peerClosed`: the peer sent FIN, so only requests already buffered will follow.
    case awaitingResponse(peerClosed: Bool)
    /// The last output is queued: an error response, a `Connection: close` response, or
    /// whatever is in flight when the server stops (`awaitingResponse`). Then `then`.
    case finishing(awaitingResponse: Bool, then: Ending)
    /// All output written and FIN sent; input is read and dropped until the peer closes or the linger deadline.
    case lingering
    /// Closed; every further event is ignored.
    case closed
}
