/// A change the replica refused to apply, and why. Reported, never silent.
public struct DroppedChange: Hashable, Sendable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        /// The customer was erased; the change would bring personal data back.
        case customerErased = "customer-erased"
        /// The change is not well formed (e.g. a flag change whose value is not a boolean).
        case malformed
    }

    public var id: ChangeID
    public var customer: String
    public var reason: Reason

    public init(id: ChangeID, customer: String, reason: Reason) {
        self.id = id
        self.customer = customer
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .customerErased: "change \(id) dropped: customer \(customer) was erased"
        case .malformed: "change \(id) dropped: malformed"
        }
    }
}
