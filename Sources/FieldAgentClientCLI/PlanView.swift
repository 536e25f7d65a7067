import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy

/// The human form of a contact plan: who, in which order, how, when and why.
struct PlanView {
    var plan: ContactPlan
    /// Display names by customer id (shown to the agent who is assigned the customer).
    var names: [String: String]
    var terminal: Terminal

    init(plan: ContactPlan, names: [String: String], terminal: Terminal) {
        self.plan = plan
        self.names = names
        self.terminal = terminal
    }

    func render() -> String {
        var out: [String] = []
        out.append(terminal.paint("Plan for \(plan.date) (rules \(plan.ruleSetVersion))", .bold))
        for warning in plan.warnings {
            out.append(terminal.paint("warning \(warning.rule.id): \(warning.reason)", .yellow))
        }
        if plan.entries.isEmpty {
            let closed =
                plan.skipped.contains { $0.rules.contains("contact-hours") }
                && plan.skipped.allSatisfy { $0.rules.contains("contact-hours") || $0.treatment == .hold }
            out.append(
                closed
                    ? "Nobody to contact: no contact hours on \(plan.date) in any of your customers' time zones."
                    : "Nobody to contact.")
        } else {
            for (index, e) in plan.entries.enumerated() {
                let name = names[e.customerId].map { " \($0)" } ?? ""
                let badge = TreatmentStyle.badge(e.treatment, terminal)
                var how = "\(e.channel.rawValue) \(e.window) \(e.timeZone)"
                if e.appointment { how += " (by appointment)" }
                out.append("\(String(index + 1).leftPadded(3)). \(e.customerId)\(name)  \(badge)  \(how)")
                for reason in e.reasons { out.append("       why: \(reason)") }
                if !e.channelReason.isEmpty { out.append("       channel: \(e.channelReason)") }
                if !e.windowReason.isEmpty { out.append("       time: \(e.windowReason)") }
                for action in e.actions { out.append("       do: \(action)") }
                for w in e.warnings { out.append(terminal.paint("       guard \(w.rule.id): \(w.reason)", .yellow)) }
            }
        }
        if !plan.skipped.isEmpty {
            out.append("")
            out.append(terminal.paint("Skipped today (\(plan.skipped.count))", .bold))
            for s in plan.skipped {
                let name = names[s.customerId].map { " \($0)" } ?? ""
                let rules = s.rules.isEmpty ? "" : " [\(s.rules.joined(separator: ", "))]"
                out.append("  \(s.customerId)\(name)  \(TreatmentStyle.badge(s.treatment, terminal))\(rules)")
                for reason in s.reasons { out.append("       why: \(reason)") }
            }
        }
        return out.joined(separator: "\n")
    }
}
