/// A transaction waiting for the next group commit.
struct PendingTransaction {
    /// Its place in commit order.
    var ticket: Int
    /// The encoded log frame.
    var frame: [UInt8]
    /// Metadata changes to apply in memory once the frame is durable.
    var metadataChanges: [MetadataChange]
}
