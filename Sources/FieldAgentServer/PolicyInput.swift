import FieldAgentCore
import FieldAgentPolicy
import Foundation

/// Reads the merged state as policy input: customers with their contacts, promises and notes.
///
/// The server uses it for company-wide KPIs. Customers without a readable record (e.g. erased)
/// and events whose bodies fail to read are left out rather than guessed at.
enum PolicyInput {
    static func customers(in state: ReplicaState) -> [PolicyCustomer] {
        var out: [PolicyCustomer] = []
        let decoder = JSONDecoder()
        for id in state.customerIDs where !state.isErased(id) {
            var record = state.fields(customer: id)
            record["id"] = .string(id)
            record["flags"] = .list(state.flags(customer: id).sorted().map { .string($0) })
            if record["agents"] == nil { record["agents"] = .list([]) }
            guard let customer = try? decoder.decode(Customer.self, from: Data(JSON.bytes(.object(record)))) else {
                continue
            }
            var input = PolicyCustomer(customer: customer)
            for event in state.events(customer: id, entity: .contact) {
                if let contact = contact(event) { input.contacts.append(contact) }
            }
            for event in state.events(customer: id, entity: .promise) {
                if let promise = promise(event) { input.promises.append(promise) }
            }
            for event in state.events(customer: id, entity: .note) {
                let fields = state.fields(customer: id, entity: .note, id: event.target.id)
                if let note = note(event, fields) { input.notes.append(note) }
            }
            out.append(input)
        }
        return out
    }

    static func contact(_ event: Change) -> Contact? {
        let body = event.value
        guard let at = body["at"]?.stringValue.flatMap({ Instant($0) }),
            let channel = body["channel"]?.stringValue.flatMap({ Channel(rawValue: $0) }),
            let outcome = body["outcome"]?.stringValue.flatMap({ ContactOutcome(rawValue: $0) })
        else { return nil }
        let direction = body["direction"]?.stringValue.flatMap { ContactDirection(rawValue: $0) } ?? .outbound
        return Contact(
            id: event.target.id, customerId: event.target.customer, agent: event.agent, at: at, channel: channel,
            direction: direction, outcome: outcome, note: body["note"]?.stringValue,
            location: body["location"]?.stringValue, amends: body["amends"]?.stringValue)
    }

    static func promise(_ event: Change) -> PromiseToPay? {
        let body = event.value
        guard let contactId = body["contactId"]?.stringValue, let amount = body["amount"]?.intValue,
            let date = body["date"]?.stringValue.flatMap({ LocalDate($0) })
        else { return nil }
        let at = body["at"]?.stringValue.flatMap { Instant($0) } ?? event.hlc.instant
        return PromiseToPay(
            id: event.target.id, customerId: event.target.customer, contactId: contactId, amount: amount, date: date,
            agent: event.agent, at: at)
    }

    static func note(_ event: Change, _ fields: [String: Value]) -> SatisfactionNote? {
        guard let at = event.value["at"]?.stringValue.flatMap({ Instant($0) }),
            let score = fields["score"]?.intValue
        else { return nil }
        return SatisfactionNote(
            id: event.target.id, customerId: event.target.customer, score: Int(score),
            effort: fields["effort"]?.intValue.map { Int($0) }, comment: fields["comment"]?.stringValue,
            author: event.agent, at: at, contactId: event.value["contactId"]?.stringValue)
    }
}
