import FieldAgentCore
import FieldAgentPolicy

/// Reads the merged state as policy input: customers with their contacts, promises and notes.
///
/// The server uses it for company-wide KPIs. It reads records the same way every device does
/// (``ReplicaState/customer(_:)`` and the event readers), so server and client KPIs agree.
enum PolicyInput {
    static func customers(in state: ReplicaState) -> [PolicyCustomer] {
        state.customerIDs.compactMap { id in state.customer(id).map { PolicyCustomer($0, eventsIn: state) } }
    }
}
