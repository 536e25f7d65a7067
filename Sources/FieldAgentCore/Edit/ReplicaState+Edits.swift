extension ReplicaState {
    /// Makes the changes for `edits` with ``ChangeMaker`` and applies them at once: for a replica
    /// that has no disk to wait for (tests, tools, benchmarks). Edits of one call that touch the
    /// same register supersede each other in order.
    @discardableResult
    public mutating func commit(_ edits: [Edit], by agent: String, at wallMillis: Int64) -> [Change] {
        var maker = ChangeMaker(continuing: self)
        for edit in edits { maker.make(edit, by: agent, at: wallMillis, in: self) }
        clock = maker.clock
        apply(maker.changes)
        return maker.changes
    }

    /// Makes and applies the change for one edit; see ``commit(_:by:at:)-([Edit],_,_)``.
    @discardableResult
    public mutating func commit(_ edit: Edit, by agent: String, at wallMillis: Int64) -> Change {
        commit([edit], by: agent, at: wallMillis)[0]
    }
}
