import FieldAgentCore

/// One record of a replica store's log, and the replica's snapshot format.
///
/// Records are replayed in order after the snapshot on open. Layout: a kind byte, then
/// - `local` / `remote`: the changes in ``ChangeCodec`` form;
/// - `purge`: the customer id;
/// - `retract`: a count, that many (change id, customer) pairs, then the replacement changes.
enum ReplicaRecord: Sendable {
    /// Changes made on this device (they join the outbox).
    case local([Change])
    /// Changes from a pulled page.
    case remote([Change])
    /// A customer no longer assigned to this agent.
    case purge(customer: String)
    /// Local changes the server refused, taken back, and their re-stamped replacements (which join the outbox).
    case retract([(id: ChangeID, customer: String)], replacements: [Change])
    /// Register writes that pending local changes superseded here, kept so that a refused local
    /// change can be taken back without losing the value under it.
    case superseded([Change])

    private enum Kind: UInt8 {
        case local = 1, remote, purge, retract, superseded
    }

    func encoded() -> [UInt8] {
        var w = BinaryWriter(capacity: 128)
        switch self {
        case .local(let changes):
            w.byte(Kind.local.rawValue)
            w.raw(ChangeCodec.encode(changes))
        case .remote(let changes):
            w.byte(Kind.remote.rawValue)
            w.raw(ChangeCodec.encode(changes))
        case .purge(let customer):
            w.byte(Kind.purge.rawValue)
            w.string(customer)
        case .retract(let ids, let replacements):
            w.byte(Kind.retract.rawValue)
            w.varint(UInt64(ids.count))
            for entry in ids {
                w.string(entry.id.description)
                w.string(entry.customer)
            }
            w.raw(ChangeCodec.encode(replacements))
        case .superseded(let changes):
            w.byte(Kind.superseded.rawValue)
            w.raw(ChangeCodec.encode(changes))
        }
        return w.bytes
    }

    static func decode(_ bytes: [UInt8]) throws(DecodeError) -> ReplicaRecord {
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) -> ReplicaRecord in
            var r = BinaryReader(buffer)
            let record: ReplicaRecord
            switch Kind(rawValue: try r.byte()) {
            case .local: record = .local(try ChangeCodec.decode(from: &r))
            case .remote: record = .remote(try ChangeCodec.decode(from: &r))
            case .purge: record = .purge(customer: try r.string())
            case .superseded: record = .superseded(try ChangeCodec.decode(from: &r))
            case .retract:
                // Each entry is two strings, so at least two bytes.
                let count = try r.count(minimumItemSize: 2)
                var ids: [(id: ChangeID, customer: String)] = []
                ids.reserveCapacity(count)
                for _ in 0..<count {
                    guard let id = ChangeID(try r.string()) else {
                        throw DecodeError(offset: r.offset, problem: "invalid change id")
                    }
                    ids.append((id, try r.string()))
                }
                record = .retract(ids, replacements: try ChangeCodec.decode(from: &r))
            case nil: throw DecodeError(offset: 0, problem: "unknown replica record kind")
            }
            guard r.isAtEnd else { throw DecodeError(offset: r.offset, problem: "trailing bytes") }
            return record
        }
    }

    static let snapshotMagic: [UInt8] = Array("FAREPL1".utf8)

    /// The snapshot: the merged state and the outbox (pending changes, which may no longer be live).
    static func snapshot(state: ReplicaState, outbox: [Change]) -> [UInt8] {
        let stateBytes = state.snapshot()
        var w = BinaryWriter(capacity: stateBytes.count + outbox.count * 48 + 32)
        w.raw(snapshotMagic)
        w.varint(UInt64(stateBytes.count))
        w.raw(stateBytes)
        w.raw(ChangeCodec.encode(outbox))
        return w.bytes
    }

    static func decodeSnapshot(_ bytes: [UInt8]) throws(DecodeError) -> (ReplicaState, [Change]) {
        guard bytes.count > snapshotMagic.count, Array(bytes[0..<snapshotMagic.count]) == snapshotMagic else {
            throw DecodeError(offset: 0, problem: "not a replica snapshot")
        }
        let (length, stateStart) = try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) -> (Int, Int) in
            var r = BinaryReader(UnsafeBufferPointer(rebasing: buffer[snapshotMagic.count...]))
            let length = try r.int()
            return (length, snapshotMagic.count + r.offset)
        }
        guard stateStart + length <= bytes.count else { throw DecodeError(offset: stateStart, problem: "truncated") }
        let state = try ReplicaState(snapshot: Array(bytes[stateStart..<(stateStart + length)]))
        let outbox = try ChangeCodec.decode(Array(bytes[(stateStart + length)...]))
        return (state, outbox)
    }
}
