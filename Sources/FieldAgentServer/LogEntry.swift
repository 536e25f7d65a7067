import FieldAgentCore

/// One entry of the server's log, numbered by ``sequence``: the order devices pull in.
///
/// The sequence number of the last entry a device has seen is its pull cursor.
public struct LogEntry: Sendable, Hashable {
    /// What happened.
    public enum Kind: Sendable, Hashable {
        /// An accepted change (from a device or the back office).
        case change(Change)
        /// `agent` was assigned `customer`: its next pull carries the customer's whole state.
        case assigned(customer: String, agent: String)
        /// `agent` lost `customer`: its next pull tells the device to purge it.
        case unassigned(customer: String, agent: String)
    }

    /// Position in the log; strictly increasing, never reused.
    public var sequence: UInt64
    /// The event.
    public var kind: Kind

    /// An entry with the given members.
    public init(sequence: UInt64, kind: Kind) {
        self.sequence = sequence
        self.kind = kind
    }

    /// The customer the entry is about.
    public var customer: String {
        switch kind {
        case .change(let change): change.target.customer
        case .assigned(let customer, _), .unassigned(let customer, _): customer
        }
    }
}
