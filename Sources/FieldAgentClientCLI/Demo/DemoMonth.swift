import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync

/// The demo's November: agents work their customers on a few afternoons, as the guard allows, and one
/// late customer pays what they promised (``DemoPayment``).
///
/// A fixed pattern, not random numbers, decides who is called and what happens, so every run tells
/// the same story. Satisfaction follows the treatment, as the founding idea expects: customers
/// approached with understanding score higher than those handled firmly.
struct DemoMonth {
    static let days = [
        "2026-11-03", "2026-11-06", "2026-11-10", "2026-11-13", "2026-11-17", "2026-11-20", "2026-11-24",
    ]
    static let outcomes: [ContactOutcome] = [
        .noAnswer, .rightPartyContact, .promiseToPay, .leftMessage, .paymentTaken, .callbackRequested,
        .rightPartyContact, .noAnswer,
    ]

    /// What the month produced, for the tour's summary.
    struct Summary {
        var contacts = 0
        var rightParty = 0
        var notes = 0
        var heldBack: [String: Int] = [:]
        var payment: DemoPayment.Receipt?
    }

    var clock: DemoClock
    var backOffice: DemoBackOffice
    var payment = DemoPayment()
    var policy = PolicyConfiguration.standard

    /// Runs the month for `devices` (one per agent), syncing them after each working afternoon.
    func run(_ devices: [AgentHome]) async throws -> Summary {
        var summary = Summary()
        for (dayIndex, text) in DemoMonth.days.enumerated() {
            let day = LocalDate(text)!
            if day == payment.day {
                // The bank's payment file arrives in the morning; the back office imports it.
                clock.advance(to: Instant(date: day, minutesUTC: 7 * 60))
                let (document, receipt) = try payment.document(from: DemoPortfolio.bytes)
                _ = try backOffice.importPortfolio(document)
                summary.payment = receipt
            }
            // 14:00 UTC is afternoon in Europe and morning in the Americas: inside contact hours everywhere.
            clock.advance(to: Instant(date: day, minutesUTC: 14 * 60))
            for device in devices {
                for (index, customer) in device.customers().enumerated() where (index + dayIndex) % 3 == 0 {
                    try work(customer, on: device, day: day, seed: (index, dayIndex), &summary)
                }
            }
            for device in devices { _ = try await device.sync() }
        }
        return summary
    }

    /// One attempt to reach `customer`: checked by the guard, logged, and scored when someone answered.
    private func work(
        _ customer: Customer, on device: AgentHome, day: LocalDate, seed: (index: Int, day: Int),
        _ summary: inout Summary
    ) throws {
        let input = PolicyCustomer(
            customer: customer, contacts: device.contacts(customer: customer.id),
            promises: device.promises(customer: customer.id))
        let treatment = TreatmentRules(configuration: policy).decide(input, asOf: day).treatment
        let channel = customer.preferredChannel == .visit ? Channel.call : customer.preferredChannel ?? .call
        let now = clock.now()
        let verdict = ComplianceGuard(configuration: policy).check(
            input, channel: channel, at: now, lastSync: now, now: now)
        if let block = verdict.blocks.first {
            summary.heldBack[block.rule.id, default: 0] += 1
            return
        }
        let outcome = DemoMonth.outcomes[(seed.index * 3 + seed.day) % DemoMonth.outcomes.count]
        let promise: (Int64, LocalDate)? = outcome == .promiseToPay ? (5_000, day.adding(days: 10)) : nil
        _ = try device.logContact(customer: customer.id, channel: channel, outcome: outcome, promise: promise)
        summary.contacts += 1
        guard outcome.isRightPartyContact else { return }
        summary.rightParty += 1
        _ = try device.addNote(customer: customer.id, score: DemoMonth.score(treatment, seed.index + seed.day))
        summary.notes += 1
    }

    /// CSAT that follows the approach: understanding and care score high, decisive lower.
    static func score(_ treatment: Treatment, _ seed: Int) -> Int {
        switch treatment {
        case .understanding, .care: [5, 4, 5][seed % 3]
        case .standard: [4, 3, 4][seed % 3]
        case .decisive: [3, 2, 4][seed % 3]
        case .hold: 3
        }
    }
}
