/// What a device tells the server about the history it has seen, as request headers (protocol.md
/// → Epochs and recovery). All optional; a malformed one counts as absent.
public struct DeviceMarks: Sendable, Hashable {
    /// The epoch of the device's saved cursor and acknowledgements.
    public var epoch: String?
    /// The device's replica, so that an agent's own token (an unregistered device) gets its high-water mark on pulls.
    public var replica: String?
    /// The highest counter of its own the server acknowledged (`accepted` or `duplicate`) in `epoch`.
    public var acknowledged: UInt64?

    public static let epochHeader = ServerMarks.epochHeader
    public static let replicaHeader = "FieldAgent-Replica"
    public static let acknowledgedHeader = "FieldAgent-Acknowledged"

    /// Marks with the given members.
    public init(epoch: String? = nil, replica: String? = nil, acknowledged: UInt64? = nil) {
        self.epoch = epoch
        self.replica = replica
        self.acknowledged = acknowledged
    }

    /// The marks as header fields.
    public var headers: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = []
        if let epoch { fields.append((DeviceMarks.epochHeader, epoch)) }
        if let replica { fields.append((DeviceMarks.replicaHeader, replica)) }
        if let acknowledged { fields.append((DeviceMarks.acknowledgedHeader, String(acknowledged))) }
        return fields
    }

    /// Reads the marks from a request's headers (`header` looks a name up, ignoring case).
    public init(header: (String) -> String?) {
        self.init(
            epoch: header(DeviceMarks.epochHeader).flatMap { ServerMarks.isEpoch($0) ? $0 : nil },
            replica: header(DeviceMarks.replicaHeader).flatMap { ReplicaIDSyntax.problem(with: $0) == nil ? $0 : nil },
            acknowledged: header(DeviceMarks.acknowledgedHeader).flatMap(ServerMarks.canonical))
    }
}
