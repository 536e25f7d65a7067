/// What the event loop watches a connection's socket for.
public enum HTTPConnectionInterest: Sendable, Equatable {
    /// Input: taking requests, or buffering pipelined ones below the cap, or lingering.
    case readable
    /// Output is pending; reading waits until it is written.
    case writable
    /// Neither: reading is paused (pipelining cap, peer FIN, stopping) and nothing is pending.
    case paused
}
