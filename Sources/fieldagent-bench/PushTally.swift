/// What one pushing device of the company workload did: changes the server accepted, and the
/// seconds of each record-and-sync round.
struct PushTally: Sendable {
    /// Changes accepted.
    var accepted = 0
    /// Seconds per round (a durable local record of the batch, then a sync).
    var latencies: [Double] = []
}
