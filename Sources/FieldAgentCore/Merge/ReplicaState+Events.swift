extension ReplicaState {
    /// The live creation of the event `id` of kind `entity` on `customer`, if this replica holds one.
    public func event(_ entity: EntityKind, id: String, customer: String) -> Change? {
        customers[customer]?.events[EventKey(entity: entity, id: id)]
    }
}
