extension ReplicaState {
    /// The edits that import `customer` from a portfolio file: the one import rule.
    ///
    /// - A profile field is written only while it is empty: a re-import never overwrites a value
    ///   an agent may have corrected.
    /// - Accounts (balances, installments) are the creditor's: they are written whenever they differ.
    /// - Flags and agents are only added, never removed: a restrictive flag an agent set stays,
    ///   and `agents` becomes `assignedAgents` plus the file's agents.
    ///
    /// Importing the same data twice yields no edits. An erased customer yields none.
    ///
    /// - Parameter assignedAgents: the agents the customer is assigned to now (the server keeps
    ///   them beside the state); nil reads them from the customer's `agents` field.
    public func importEdits(for customer: Customer, assignedAgents: Set<String>? = nil) -> [Edit] {
        guard !isErased(customer.id) else { return [] }
        let id = customer.id
        let current = fields(customer: id)
        let values = customer.fieldValues
        var edits: [Edit] = []
        for field in Customer.editableFields {
            guard let value = values[field], current[field] == nil else { continue }
            edits.append(.set(Target(customer: id, field: field), value))
        }
        if let accounts = values["accounts"], current["accounts"] != accounts {
            edits.append(.set(Target(customer: id, field: "accounts"), accounts))
        }
        let present = flags(customer: id)
        for flag in customer.flags.map(\.rawValue).sorted() where !present.contains(flag) {
            edits.append(.flag(customer: id, flag: flag, present: true))
        }
        let assigned =
            assignedAgents ?? Set(current["agents"]?.listValue?.compactMap(\.stringValue) ?? [])
        let agents = Value.list(assigned.union(customer.agents).sorted().map { .string($0) })
        if current["agents"] != agents { edits.append(.set(Target(customer: id, field: "agents"), agents)) }
        return edits
    }
}
