import FieldAgentCore

/// What an import did: counts only, so it can be printed and logged.
public struct ImportSummary: Sendable, Hashable {
    /// Customers in the file.
    public var customers: Int
    /// Customers that did not exist before.
    public var created: Int
    /// Existing customers that got new data (balances, installments, empty fields, flags, agents).
    public var updated: Int
    /// Customers skipped because they were erased.
    public var skippedErased: Int
    /// Changes stored.
    public var changes: Int
    /// Assignments added.
    public var assignments: Int

    /// A summary with the given counts.
    public init(customers: Int, created: Int, updated: Int, skippedErased: Int, changes: Int, assignments: Int) {
        self.customers = customers
        self.created = created
        self.updated = updated
        self.skippedErased = skippedErased
        self.changes = changes
        self.assignments = assignments
    }

    /// The JSON form with these key names.
    public var json: Value {
        .object([
            "customers": .int(Int64(customers)), "created": .int(Int64(created)), "updated": .int(Int64(updated)),
            "skippedErased": .int(Int64(skippedErased)), "changes": .int(Int64(changes)),
            "assignments": .int(Int64(assignments)),
        ])
    }

    /// Reads ``json``.
    public init?(json: Value) {
        func count(_ key: String) -> Int? { json[key]?.intValue.map { Int($0) } }
        guard let customers = count("customers"), let created = count("created"), let updated = count("updated"),
            let skipped = count("skippedErased"), let changes = count("changes"), let assignments = count("assignments")
        else { return nil }
        self.init(
            customers: customers, created: created, updated: updated, skippedErased: skipped, changes: changes,
            assignments: assignments)
    }
}
