import FieldAgentCore
import FieldAgentProtocol
import FieldAgentServer
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation

/// Puts the company's history and later work on the server.
///
/// The import format carries no contact history, so the contacts (and the promises made at them)
/// are generated again from the same seed and written straight into the server's storage before
/// anything is measured: 10 million contacts pushed by devices would take longer than every
/// measured step together at a million customers. Seeding is setup, not a figure.
enum CompanySeeding {
    /// The generated contacts and promises of `portfolio` as changes of `seed-<agent>` replicas,
    /// promises after the contacts they were made at.
    static func historyChanges(
        _ portfolio: GeneratedPortfolio, counters: inout [String: UInt64], wall: Int64
    ) -> [Change] {
        var changes: [Change] = []
        func change(_ agent: String, _ customer: String, _ entity: EntityKind, _ id: String, _ body: Value) {
            let replica = "seed-\(agent)"
            let counter = (counters[replica] ?? 0) + 1
            counters[replica] = counter
            changes.append(
                Change(
                    id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: agent,
                    target: Target(customer: customer, entity: entity, id: id), op: .create, value: body))
        }
        for contact in portfolio.contacts {
            change(
                contact.agent, contact.customerId, .contact, contact.id,
                .object([
                    "at": .string(contact.at.description), "channel": .string(contact.channel.rawValue),
                    "direction": .string(contact.direction.rawValue), "outcome": .string(contact.outcome.rawValue),
                ]))
        }
        for promise in portfolio.promises {
            change(
                promise.agent, promise.customerId, .promise, promise.id,
                .object([
                    "contactId": .string(promise.contactId), "amount": .int(promise.amount),
                    "date": .string(promise.date.description), "at": .string(promise.at.description),
                ]))
        }
        return changes
    }

    /// Generates the portfolio again and stores every customer's history, 10,000 changes per append.
    /// Returns how many changes storage accepted; stops the run if any was refused.
    static func seed(_ company: CompanyContext, _ generator: PortfolioGenerator) -> Int {
        let storage = company.server.storage
        var counters: [String: UInt64] = [:]
        var pending: [Change] = []
        var accepted = 0
        let wall = Instant.now().millisecondsSinceEpoch
        func flush() {
            guard !pending.isEmpty else { return }
            let outcomes = try! storage.append(pending)
            for (change, outcome) in zip(pending, outcomes) {
                guard case .accepted = outcome else { fatalError("storage refused seeded change \(change.id): \(outcome)") }
            }
            accepted += outcomes.count
            pending = []
        }
        generator.generate { one in
            pending += historyChanges(one, counters: &counters, wall: wall)
            if pending.count >= 10_000 { flush() }
        }
        flush()
        return accepted
    }

    /// `count` writes of the `note` field, round robin over the customers of every agent but the
    /// first, pushed over HTTP with each agent's token under replica `bench-<agent>` (one push per
    /// agent). Returns how many the server accepted.
    static func changeOtherAgents(_ company: CompanyContext, count: Int) -> Int {
        let others = Array(company.agents.dropFirst())
        let customers = others.flatMap { agent in company.customersByAgent[agent, default: []].map { (agent, $0) } }
        var byAgent: [String: [Change]] = [:]
        let wall = Instant.now().millisecondsSinceEpoch
        for i in 0..<count {
            let (agent, customer) = customers[i % customers.count]
            let replica = "bench-\(agent)"
            let counter = UInt64(byAgent[agent, default: []].count + 1)
            byAgent[agent, default: []].append(
                Change(
                    id: ChangeID(replica: replica, counter: counter), hlc: HLCTimestamp(wallMillis: wall), agent: agent,
                    target: Target(customer: customer, field: "note"), op: .set,
                    value: .string("company bench change \(i)")))
        }
        let socket = try! Socket.connect(to: SocketAddress(host: "127.0.0.1", port: company.server.port))
        defer { socket.close() }
        var buffer: [UInt8] = []
        var accepted = 0
        for agent in others {
            guard let changes = byAgent[agent] else { continue }
            let response = PushLoad.push(changes, device: "bench-\(agent)", token: company.tokens[agent]!, socket, &buffer)
            accepted += response?.results.filter { $0.status == .accepted }.count ?? 0
        }
        return accepted
    }
}
