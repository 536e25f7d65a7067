import FieldAgentCore

/// Package-only entry points for the fuzz targets (`fieldagent-fuzz store`): the replica store's
/// log records and snapshot decoded from untrusted bytes, and what they read re-encoded. Nothing
/// here is public API.
package enum ReplicaRecordFuzzing {
    /// Decodes `bytes` as a replica log record; returns it re-encoded.
    package static func record(_ bytes: [UInt8]) throws(DecodeError) -> [UInt8] {
        try ReplicaRecord.decode(bytes).encoded()
    }

    /// Decodes `bytes` as a replica snapshot; returns it re-encoded.
    package static func snapshot(_ bytes: [UInt8]) throws(DecodeError) -> [UInt8] {
        let (state, outbox) = try ReplicaRecord.decodeSnapshot(bytes)
        return ReplicaRecord.snapshot(state: state, outbox: outbox)
    }

    /// Valid encodings of each form, to seed a corpus: (form, bytes).
    package static func seeds() -> [(String, [UInt8])] {
        var state = ReplicaState(replicaID: "alice-1")
        _ = state.commit(.set(Target(customer: "C-1", field: "phone"), "+358401234567"), by: "alice", at: 1_000)
        _ = state.commit(.flag(customer: "C-1", flag: "dispute", present: true), by: "alice", at: 1_001)
        _ = state.commit(.erase(customer: "C-2"), by: "backoffice", at: 1_002)
        let changes = state.liveChanges()
        let ids = changes.prefix(2).map { (id: $0.id, customer: "C-1") }
        return [
            ("local", ReplicaRecord.local(changes).encoded()),
            ("remote", ReplicaRecord.remote(changes).encoded()),
            ("purge", ReplicaRecord.purge(customer: "C-9").encoded()),
            ("retract", ReplicaRecord.retract(ids, replacements: Array(changes.suffix(1))).encoded()),
            ("snapshot", ReplicaRecord.snapshot(state: state, outbox: changes)),
        ]
    }
}
