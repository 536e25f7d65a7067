import FieldAgentCore

/// What a push's answer changes on the device, worked out before it is written.
struct PushPlan: Sendable {
    /// The counts, refusals and re-stamped changes reported to the caller.
    var outcome: PushOutcome
    /// Refused changes still live here, to take back.
    var retractions: [(id: ChangeID, customer: String)]
    /// The highest counter the server has answered for.
    var pushedThrough: UInt64
    /// The whole rejection list after this answer.
    var rejected: [RejectedChange]
    /// The highest own counter the server has acknowledged (stored or already had).
    var acknowledged: UInt64
    /// The epoch, acknowledged counter and counter floor to save with the answer.
    var marks = MarksUpdate()
}
