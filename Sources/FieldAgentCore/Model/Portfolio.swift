/// The back office's import document: every customer with their accounts and history.
public struct Portfolio: Codable, Hashable, Sendable {
    public var customers: [Customer]

    public init(customers: [Customer]) { self.customers = customers }
}
