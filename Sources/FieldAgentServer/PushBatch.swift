import FieldAgentCore
import FieldAgentProtocol

/// One push being checked: who sends it, the stored state of the customers it writes to (read
/// from storage once per customer), and the events its earlier changes create (a later change of
/// the same batch may refer to them).
struct PushBatch {
    /// Who pushes: the agent, and the device when a device token was sent.
    let caller: Caller
    let device: String
    let serverTime: Int64
    let storage: any ServerStorage
    /// The customers written to so far, as stored.
    private var customers: [String: ReplicaState] = [:]
    private var created: [EventRef: Change] = [:]
    /// Changes of this push already admitted, by id (a later write may name them in `replaces`).
    private var admitted: [ChangeID: Change] = [:]
    /// The agent of this push's first admitted change under each replica id.
    private var admittedOwners: [String: String] = [:]
    /// ``replicaProblem(_:)`` and ``isAssigned(_:)`` answered so far: storage is asked once per
    /// replica id and customer, not once per change.
    private var replicaProblems: [String: String?] = [:]
    private var assigned: [String: Bool] = [:]

    private struct EventRef: Hashable {
        var customer: String
        var entity: EntityKind
        var id: String
    }

    /// A batch from `caller`, checked against `storage`.
    init(caller: Caller, device: String, serverTime: Int64, storage: any ServerStorage) {
        self.caller = caller
        self.device = device
        self.serverTime = serverTime
        self.storage = storage
    }

    /// Reads `customer` from storage, once per batch; the checks below ask only about it.
    mutating func load(_ customer: String) throws(ServerStorageError) {
        guard customers[customer] == nil else { return }
        customers[customer] = try storage.customerState(customer)
    }

    /// The stored state of a customer loaded with ``load(_:)``.
    func state(of customer: String) -> ReplicaState {
        customers[customer] ?? ReplicaState(replicaID: ServerState.backOfficeReplica)
    }

    /// The token's agent.
    var agent: String { caller.agent }

    /// Why this caller may not push under `replica` (the `wrong-replica` detail), or nil. Depends on
    /// replica ids only, never on what the server holds about a customer.
    ///
    /// A device token pushes only under its own replica id; a replica id belongs to the agent it is
    /// registered to, or else to the agent of its first stored change; a registered replica id takes
    /// changes only with its device's token.
    mutating func replicaProblem(_ replica: String) -> String? {
        // An answer cannot change within the push: the owner this push adds is always its agent.
        if let known = replicaProblems[replica] { return known }
        let problem = storedReplicaProblem(replica)
        replicaProblems[replica] = problem
        return problem
    }

    /// Whether `customer` is assigned to the pushing agent.
    mutating func isAssigned(_ customer: String) -> Bool {
        if let known = assigned[customer] { return known }
        let answer = storage.assignedAgents(of: customer).contains(agent)
        assigned[customer] = answer
        return answer
    }

    private func storedReplicaProblem(_ replica: String) -> String? {
        if let device = caller.device, device.replica != replica {
            return "a device token pushes only changes under its own replica id, in a push whose device is it"
        }
        let registered = storage.device(replica)
        if let owner = registered?.agent ?? owner(of: replica), owner != agent {
            return "this replica id belongs to another agent's device; use your own device's"
        }
        if caller.device == nil, registered != nil {
            return "this replica id is registered to a device; push with that device's token"
        }
        return nil
    }

    /// The create-once and reference checks; nil (and the change remembered) when it may be stored.
    mutating func admit(_ change: Change) -> ChangeResult? {
        if let problem = causalProblem(change) {
            return ChangeResult.rejected(change.id, .unknownReference, detail: problem)
        }
        let verdict = eventVerdict(change)
        if verdict == nil {
            admitted[change.id] = change
            if admittedOwners[change.id.replica] == nil { admittedOwners[change.id.replica] = change.agent }
        }
        return verdict
    }

    /// `replaces` may name only writes to the same field that the server stored, or that sit earlier
    /// in this push, one per replica (so it is never longer than the writers the field has had): a writer can supersede only what it has really
    /// seen. Its own earlier writes count as seen even when the server refused them. Asking only about
    /// this customer's changes keeps the answer from telling whether another customer's change exists.
    private func causalProblem(_ change: Change) -> String? {
        guard !change.replaces.isEmpty else { return nil }
        guard change.op == .set || change.op == .flag else { return "replaces: only set and flag writes replace" }
        var replicas = Set<String>()
        for id in change.replaces {
            guard replicas.insert(id.replica).inserted else { return "replaces: names a replica twice" }
            let customer = customers[change.target.customer]
            if let earlier = admitted[id] ?? customer?.liveChange(id, customer: change.target.customer) {
                guard earlier.op == change.op, earlier.target == change.target else {
                    return "replaces: names a change to another field"
                }
            } else if id.replica == change.id.replica {
                guard id.counter < change.id.counter else { return "replaces: names a later change of this replica" }
            } else if let stored = (try? storage.storedChange(id, customer: change.target.customer)) ?? nil {
                guard StoredWrite(of: stored).mayBeReplaced(by: change) else {
                    return "replaces: names a change to another field"
                }
            } else {
                return "replaces: names a change the server does not hold"
            }
        }
        return nil
    }

    private mutating func eventVerdict(_ change: Change) -> ChangeResult? {
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

    /// The agent `replica` belongs to: from storage, or this push's first change under it.
    func owner(of replica: String) -> String? {
        storage.replicaAgent(replica) ?? admittedOwners[replica]
    }

    private func event(_ entity: EntityKind, _ id: String, _ customer: String) -> Change? {
        created[EventRef(customer: customer, entity: entity, id: id)]
            ?? state(of: customer).event(entity, id: id, customer: customer)
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
