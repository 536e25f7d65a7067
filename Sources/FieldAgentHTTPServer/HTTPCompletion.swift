/// A serialised response travelling from a worker thread back to the event loop.
struct HTTPCompletion: Sendable {
    /// The connection's descriptor, to find it in the loop's table.
    var descriptor: Int32
    /// The connection's unique id, so a response never reaches a later connection that reused the descriptor.
    var connectionID: UInt64
    /// The response bytes.
    var bytes: [UInt8]
    /// Whether the connection stays open after these bytes.
    var keepAlive: Bool
}
