import FieldAgentCore
import FieldAgentPolicy
import Foundation

/// Builders and fixture access shared by the policy tests.
enum Fixture {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The bytes of `Fixtures/<name>`.
    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent("Fixtures").appendingPathComponent(name)))
    }

    static func date(_ text: String) -> LocalDate { LocalDate(text)! }
    static func instant(_ text: String) -> Instant { Instant(text)! }

    /// A customer in `zone` with one EUR account holding `installments`.
    static func customer(
        _ id: String = "C-1", zone: String = "Europe/Helsinki", flags: Set<Flag> = [], channel: Channel? = .call,
        window: String? = nil, balance: Int64 = 10_000, installments: [Installment] = [], agents: [String] = ["alice"]
    ) -> Customer {
        Customer(
            id: id, name: "Test Person", phone: "+358400000000", email: "test@example.invalid",
            address: "Testikatu 1, Tampere", timeZone: zone, preferredChannel: channel,
            contactWindow: window.flatMap { ContactWindow($0) }, flags: flags, agents: agents,
            accounts: [
                Account(
                    id: "A-\(id)", creditor: "Example Oy", currency: "EUR", balance: balance, installments: installments
                )
            ])
    }

    /// Monthly installments of 1000 due on day 10, the last one due `last`, `count` of them, all paid on the due
    /// date except those at `lateIndices` (0 = oldest), which are paid `daysLate` days after their due date.
    static func monthly(
        count: Int, last: LocalDate = LocalDate("2026-11-10")!, lateIndices: Set<Int> = [], daysLate: Int = 5
    ) -> [Installment] {
        (0..<count).map { i in
            let due = last.adding(months: i - count + 1)
            let paid = lateIndices.contains(i) ? due.adding(days: daysLate) : due
            return Installment(due: due, amount: 1000, paid: paid, paidAmount: 1000)
        }
    }

    /// An unpaid installment of 1000 due `days` before `asOf`.
    static func unpaid(daysBefore days: Int, asOf: LocalDate) -> Installment {
        Installment(due: asOf.adding(days: -days), amount: 1000)
    }

    static func contact(
        _ id: String, _ customer: String = "C-1", agent: String = "alice", at: String, channel: Channel = .call,
        direction: ContactDirection = .outbound, outcome: ContactOutcome = .noAnswer, amends: String? = nil
    ) -> Contact {
        Contact(
            id: id, customerId: customer, agent: agent, at: instant(at), channel: channel, direction: direction,
            outcome: outcome, amends: amends)
    }

    static func promise(_ id: String, amount: Int64, date: String, madeAt: String) -> PromiseToPay {
        PromiseToPay(
            id: id, customerId: "C-1", contactId: "K-\(id)", amount: amount, date: LocalDate(date)!, agent: "alice",
            at: instant(madeAt))
    }
}
