import FieldAgentCore

/// A synthetic portfolio with its event history, as produced by ``PortfolioGenerator``.
public struct GeneratedPortfolio: Sendable {
    public var customers: [Customer]
    public var contacts: [Contact]
    public var promises: [PromiseToPay]
    public var notes: [SatisfactionNote]

    /// Creates a portfolio from its parts.
    public init(customers: [Customer], contacts: [Contact], promises: [PromiseToPay], notes: [SatisfactionNote]) {
        self.customers = customers
        self.contacts = contacts
        self.promises = promises
        self.notes = notes
    }

    /// The import document (`{"customers": […]}`) for the customers.
    public var portfolio: Portfolio { Portfolio(customers: customers) }
}
