import FieldAgentCommandKit
import FieldAgentCore
import Foundation

/// The payment of the demo's month: a late customer clears their arrears, as the bank's payment file
/// tells the back office, which imports the updated account like any portfolio update.
///
/// Bob's decisive customer C-1006 promises on 17 November to pay by the 27th, and pays on the 24th:
/// the promise is kept and the account cured, so the month's KPIs show both rates at work.
struct DemoPayment: Sendable {
    var customer = "C-1006"
    var day = LocalDate("2026-11-24")!

    /// What was paid, per currency (minor units).
    struct Receipt: Sendable {
        var customer: String
        var day: LocalDate
        var amounts: [String: Int64]

        /// E.g. "720.00 EUR".
        var amountText: String {
            amounts.keys.sorted().map { Money.format(amounts[$0] ?? 0, currency: $0) }.joined(separator: ", ")
        }
    }

    /// The import document that records the payment, made from the customer's record in `portfolio`
    /// (the import format): every installment due by ``day`` and unpaid is paid in full on ``day``.
    func document(from portfolio: [UInt8]) throws -> (bytes: [UInt8], receipt: Receipt) {
        let reader = PortfolioReader(isKnownZone: { TimeZone(identifier: $0) != nil })
        guard var record = try reader.read(portfolio).customers.first(where: { $0.id == customer }) else {
            throw DemoError.missingCustomer(customer)
        }
        var receipt = Receipt(customer: customer, day: day, amounts: [:])
        for a in record.accounts.indices {
            for i in record.accounts[a].installments.indices {
                let installment = record.accounts[a].installments[i]
                guard installment.paid == nil, installment.due <= day else { continue }
                record.accounts[a].installments[i].paid = day
                record.accounts[a].installments[i].paidAmount = installment.amount
                record.accounts[a].balance -= installment.amount
                receipt.amounts[record.accounts[a].currency, default: 0] += installment.amount
            }
        }
        let encoded = try JSONEncoder().encode(Portfolio(customers: [record]))
        return (Array(encoded), receipt)
    }
}
