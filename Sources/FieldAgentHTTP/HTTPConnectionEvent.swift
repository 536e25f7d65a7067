/// Something that happened to a connection, fed to ``HTTPConnectionMachine/receive(_:)``.
public enum HTTPConnectionEvent {
    /// The connection was accepted; arms the idle deadline.
    case accepted
    /// Bytes arrived. The buffer is read only during the call, so no copy is made for the event.
    case read(UnsafeRawBufferPointer)
    /// The peer sent FIN: a read returned end of file.
    case peerClosed
    /// `poll` reported a hangup after the reads: both directions are gone.
    case hungUp
    /// The worker answered the in-flight request with these serialised bytes.
    case responseReady([UInt8], keepAlive: Bool)
    /// The loop wrote this many bytes of the pending output and the socket took no more (or all was written).
    case wrote(Int)
    /// The armed deadline passed.
    case deadlinePassed
    /// The server is stopping: finish what is in flight, start nothing new.
    case stop
    /// A read, write or poll error, or the server gave up on the connection: close now.
    case abort
}
