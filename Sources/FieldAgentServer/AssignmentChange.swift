/// One assignment to add or remove: the back office's `assign` and `unassign`.
public struct AssignmentChange: Sendable, Hashable {
    /// The customer id.
    public var customer: String
    /// The agent's name.
    public var agent: String
    /// `true` to assign, `false` to unassign.
    public var assigned: Bool

    /// An assignment change with the given members.
    public init(customer: String, agent: String, assigned: Bool) {
        self.customer = customer
        self.agent = agent
        self.assigned = assigned
    }
}
