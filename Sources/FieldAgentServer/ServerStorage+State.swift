import FieldAgentCore

/// Merged states built from stored changes, one customer at a time.
extension ServerStorage {
    /// Merges ``changes(of:)``.
    public func customerState(_ customer: String) throws(ServerStorageError) -> ReplicaState {
        var state = ReplicaState(replicaID: ServerState.backOfficeReplica)
        _ = state.apply(try changes(of: customer).map(\.change))
        return state
    }

    /// The merged state of every customer. It holds the whole company in memory: for tests and
    /// small tools, never on a request's path.
    public func currentState() throws(ServerStorageError) -> ReplicaState {
        var state = ReplicaState(replicaID: ServerState.backOfficeReplica)
        for customer in customerIDs() + erasedCustomerIDs() { _ = state.apply(try changes(of: customer).map(\.change)) }
        return state
    }
}
