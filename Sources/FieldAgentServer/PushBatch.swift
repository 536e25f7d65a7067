import FieldAgentCore
import FieldAgentProtocol

/// One push being checked: who sends it, the state it is checked against, and the events its
/// earlier changes create (a later change of the same batch may refer to them).
struct PushBatch {
    let agent: String
    let device: String
    let serverTime: Int64
    let state: ReplicaState
    private var created: [EventRef: Change] = [:]

    private struct EventRef: Hashable {
        var customer: String
        var entity: EntityKind
        var id: String
    }

    init(agent: String, device: String, serverTime: Int64, state: ReplicaState) {
        self.agent = agent
        self.device = device
        self.serverTime = serverTime
        self.state = state
    }

    /// The create-once and reference checks; nil (and the change remembered) when it may be stored.
    mutating func admit(_ change: Change) -> ChangeResult? {
        let t = change.target
        if change.op == .create {
            if let existing = event(t.entity, t.id, t.customer), existing.id != change.id {
                return existing.value == change.value && existing.agent == change.agent
                    ? ChangeResult(id: change.id, status: .duplicate)
                    : ChangeResult.rejected(change.id, .alreadyExists)
            }
            if let problem = missingReference(in: change) {
                return ChangeResult.rejected(change.id, .unknownReference, detail: problem)
            }
            created[EventRef(customer: t.customer, entity: t.entity, id: t.id)] = change
        } else if t.entity == .note, event(.note, t.id, t.customer) == nil {
            return ChangeResult.rejected(change.id, .unknownReference, detail: "no note with this id")
        }
        return nil
    }

    private func event(_ entity: EntityKind, _ id: String, _ customer: String) -> Change? {
        created[EventRef(customer: customer, entity: entity, id: id)]
            ?? state.event(entity, id: id, customer: customer)
    }

    /// A sentence naming the member that refers to a missing event, or nil.
    private func missingReference(in change: Change) -> String? {
        let customer = change.target.customer
        let (member, required): (String, Bool) =
            switch change.target.entity {
            case .contact: ("amends", false)
            case .promise: ("contactId", true)
            case .note: ("contactId", false)
            case .customer: ("", false)
            }
        guard !member.isEmpty else { return nil }
        guard let reference = change.value[member]?.stringValue else {
            return required ? "\(member): missing" : nil
        }
        return event(.contact, reference, customer) == nil ? "\(member): no contact with this id" : nil
    }
}
