extension ReplicaState {
    static let snapshotMagic: [UInt8] = Array("FASNAP".utf8)
    static let snapshotVersion: UInt8 = 1

    /// The whole state as bytes: live changes and what has been seen.
    ///
    /// Superseded values are not kept, so the snapshot is as small as the state itself.
    public func snapshot() -> [UInt8] {
        var w = BinaryWriter(capacity: liveCount * 40 + 256)
        w.raw(ReplicaState.snapshotMagic)
        w.byte(ReplicaState.snapshotVersion)
        w.string(replicaID)
        w.signed(clock.last.wallMillis)
        w.varint(UInt64(clock.last.logical))
        let origins = seen.keys.sorted()
        w.varint(UInt64(origins.count))
        for origin in origins {
            let set = seen[origin]!
            w.string(origin)
            w.varint(set.contiguous)
            w.varint(UInt64(set.extra.count))
            for counter in set.extra.sorted() { w.varint(counter) }
        }
        w.raw(ChangeCodec.encode(liveChanges()))
        return w.bytes
    }

    /// Restores a state from ``snapshot()``'s bytes.
    public init(snapshot bytes: [UInt8]) throws(DecodeError) {
        let (replicaID, clock, seen, changes) = try bytes.withUnsafeBufferPointer {
            buffer throws(DecodeError) -> (String, HybridLogicalClock, [String: SeenSet], [Change]) in
            var r = BinaryReader(buffer)
            for expected in ReplicaState.snapshotMagic where try r.byte() != expected {
                throw DecodeError(offset: 0, problem: "not a FieldAgent snapshot")
            }
            guard try r.byte() == ReplicaState.snapshotVersion else {
                throw DecodeError(offset: r.offset - 1, problem: "unknown snapshot version")
            }
            let replicaID = try r.string()
            let wall = try r.signed()
            let logical = try r.varint()
            guard logical <= UInt64(UInt32.max) else { throw DecodeError(offset: r.offset, problem: "invalid clock") }
            var seen: [String: SeenSet] = [:]
            for _ in 0..<(try r.int()) {
                let origin = try r.string()
                var set = SeenSet(contiguous: try r.varint())
                for _ in 0..<(try r.int()) { set.extra.insert(try r.varint()) }
                seen[origin] = set
            }
            let changes = try ChangeCodec.decode(from: &r)
            guard r.isAtEnd else { throw DecodeError(offset: r.offset, problem: "trailing bytes") }
            return (
                replicaID, HybridLogicalClock(last: HLCTimestamp(wallMillis: wall, logical: UInt32(logical))), seen,
                changes
            )
        }
        self.init(replicaID: replicaID, clock: clock)
        self.load(liveChanges: changes)
        self.seen = seen
    }

    /// Rebuilds the records from a snapshot's live changes, which by construction dominate nothing still present.
    mutating func load(liveChanges changes: [Change]) {
        customers.reserveCapacity(changes.count / 8)
        var index = 0
        while index < changes.count {
            let customer = changes[index].target.customer
            var record = customers.removeValue(forKey: customer) ?? CustomerRecord()
            // Snapshots group changes by customer, so each record is built in one go.
            while index < changes.count, changes[index].target.customer == customer {
                let change = changes[index]
                switch change.op {
                case .set, .flag: record.cells.append(change)
                case .create: record.events[EventKey(entity: change.target.entity, id: change.target.id)] = change
                case .erase: erased[customer] = change
                }
                index += 1
            }
            if !record.isEmpty { customers[customer] = record }
        }
    }

    /// A SHA-256 over the live changes in canonical order, as hex. Equal digests mean equal states.
    public func digest() -> String {
        SHA256.hexDigest(ChangeCodec.encode(liveChanges()))
    }

    /// The digest of only `customers`' data: what replicas with different assignments can compare.
    public func digest(of customers: Set<String>) -> String {
        SHA256.hexDigest(ChangeCodec.encode(liveChanges().filter { customers.contains($0.target.customer) }))
    }
}
