import FieldAgentCore
import FieldAgentPolicy

/// alice's plan for the last day, as the demo shows it: every customer in order or skipped, then why
/// one understanding and one decisive customer are treated as they are.
struct DemoPlanTour {
    var narrator: DemoNarrator
    var customers: [PolicyCustomer]

    /// Plans `date` and prints it.
    func show(date: LocalDate, lastSync: Instant?, now: Instant) {
        let plan = ContactPlanner().plan(for: date, customers: customers, lastSync: lastSync, now: now)
        let names = Dictionary(uniqueKeysWithValues: customers.map { ($0.customer.id, $0.customer.name) })
        for (index, e) in plan.entries.enumerated() {
            narrator.say(
                "   \(index + 1). \(e.customerId) \(names[e.customerId] ?? "")  \(badge(e.treatment))  "
                    + "\(e.channel.rawValue) \(e.window) \(e.timeZone)")
        }
        for s in plan.skipped {
            narrator.say(
                "   -  \(s.customerId) \(names[s.customerId] ?? "")  \(badge(s.treatment))  "
                    + "skipped: \(s.reasons.first ?? "")")
        }
        for kind in [Treatment.understanding, .decisive] {
            guard let e = plan.entries.first(where: { $0.treatment == kind }) else { continue }
            narrator.say("\n   Why \(e.customerId) is \(badge(kind)):")
            for reason in e.reasons { narrator.say("     - \(reason)") }
            narrator.say("     - channel: \(e.channelReason)")
            narrator.say("     - time: \(e.windowReason)")
        }
    }

    private func badge(_ treatment: Treatment) -> String { TreatmentStyle.badge(treatment, narrator.terminal) }
}
