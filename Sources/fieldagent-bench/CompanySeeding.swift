import FieldAgentCore
import FieldAgentSync
import FieldAgentTestSupport
import Foundation

/// Puts work on the server the way the field does: an agent's device records edits to its own
/// customers and pushes them.
///
/// The import format carries no contact history, so the company's contacts (and the promises made
/// at them) are pushed by one device per agent before anything is measured.
enum CompanySeeding {
    /// Each agent's contact and promise edits, from the generated history (promises after contacts).
    static func historyEdits(_ generated: GeneratedPortfolio) -> [String: [Edit]] {
        var byAgent: [String: [Edit]] = [:]
        for contact in generated.contacts {
            let body: Value = .object([
                "at": .string(contact.at.description), "channel": .string(contact.channel.rawValue),
                "direction": .string(contact.direction.rawValue), "outcome": .string(contact.outcome.rawValue),
            ])
            byAgent[contact.agent, default: []].append(
                .create(.contact, id: contact.id, customer: contact.customerId, body: body))
        }
        for promise in generated.promises {
            let body: Value = .object([
                "contactId": .string(promise.contactId), "amount": .int(promise.amount),
                "date": .string(promise.date.description), "at": .string(promise.at.description),
            ])
            byAgent[promise.agent, default: []].append(
                .create(.promise, id: promise.id, customer: promise.customerId, body: body))
        }
        return byAgent
    }

    /// One new device per agent, one after another: a first sync, then the agent's `edits` recorded
    /// and pushed. Returns how many changes the server accepted; stops the run if any was refused.
    static func seed(_ company: CompanyContext, _ edits: [String: [Edit]]) -> Int {
        var accepted = 0
        for agent in company.agents {
            let home = company.newDevice(of: agent)
            _ = SyncBenchmark.blocking { try await home.sync() }
            accepted += push(edits[agent] ?? [], from: home)
            company.seedDevices[agent] = home.path
            home.close()
        }
        return accepted
    }

    /// `count` writes of the `note` field, round robin over the customers of every agent but the
    /// first, each pushed by its agent's seeding device. Returns how many the server accepted.
    static func changeOtherAgents(_ company: CompanyContext, count: Int) -> Int {
        let others = Array(company.agents.dropFirst())
        let customers = others.flatMap { agent in company.customersByAgent[agent, default: []].map { (agent, $0) } }
        var byAgent: [String: [Edit]] = [:]
        for i in 0..<count {
            let (agent, customer) = customers[i % customers.count]
            byAgent[agent, default: []].append(
                .set(Target(customer: customer, field: "note"), .string("company bench change \(i)")))
        }
        var accepted = 0
        for agent in others {
            guard let edits = byAgent[agent], let path = company.seedDevices[agent] else { continue }
            let home = try! AgentHome.open(at: path)
            accepted += push(edits, from: home)
            home.close()
        }
        return accepted
    }

    /// Records `edits` on `home` (transactions of 1,000) and syncs; stops the run if any change was refused.
    static func push(_ edits: [Edit], from home: AgentHome) -> Int {
        let agent = home.configuration.agent
        for start in stride(from: 0, to: edits.count, by: 1_000) {
            _ = try! home.replica.record(
                Array(edits[start..<min(start + 1_000, edits.count)]), agent: agent, at: Instant.now())
        }
        let report = SyncBenchmark.blocking { try await home.sync() }
        if let refused = report.rejected.first {
            fatalError("the server refused \(report.rejected.count) seeded changes, e.g. \(refused)")
        }
        return report.accepted
    }
}
