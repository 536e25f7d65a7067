import FieldAgentCore
import FieldAgentStore

/// Opening a store written before changes moved to segments.
extension FileServerStorage {
    /// Moves `legacy` (read from the control store) into the segments, then compacts the control
    /// store without them. The compaction is the commit point: a crash before it leaves the old
    /// store as it was, and the next open clears the segments and moves the changes again.
    func migrate(_ legacy: LegacyChanges) throws(ServerStorageError) {
        var payloads = legacy.changes.map { ChangeRecord.encode($0.change, sequence: $0.sequence) }
        payloads += legacy.seenOnly.map { ChangeRecord.hole(sequence: 0, id: $0, length: 0) }
        let addresses: [SegmentAddress]
        do {
            addresses = try segments.append(payloads)
        } catch {
            throw .store(error)
        }
        index.write { current in
            for (offset, stored) in legacy.changes.enumerated() {
                current.add(ChangeRecord.Header(stored.change, sequence: stored.sequence), at: addresses[offset])
            }
            for (offset, id) in legacy.seenOnly.enumerated() {
                let header = ChangeRecord.Header(
                    sequence: 0, id: id, customer: nil, agent: "", erases: false, hlc: .zero)
                current.add(header, at: addresses[legacy.changes.count + offset])
            }
        }
        let (last, index) = self.index.read { ($0.lastSequence, $0) }
        state.withLock { current in
            current.nextSequence = max(current.nextSequence, last + 1)
            current.rebuildAgentLatest { index.customers[$0]?.latest ?? 0 }
        }
        try compactControl()
        migratedChanges = legacy.changes.count
    }
}
