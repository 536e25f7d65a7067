import FieldAgentCore

/// The on-disk form of the server state: log records and the compacted snapshot.
///
/// Records (one per write): tag 1 accepted changes (first sequence, then ``ChangeCodec`` bytes;
/// sequences are consecutive), tag 2 assignment event, tag 3 agent record, tag 4 device record (the
/// latest record of a replica id wins). The snapshot holds the merged replica, the pruned log index,
/// fingerprints, agents, assignments, replica owners and devices.
extension ServerState {
    static let snapshotMagic: [UInt8] = Array("FASERVER".utf8)
    /// Version 2 adds the replica owners, version 3 the devices, version 4 each stored change's
    /// register; older snapshots still open (owners are rebuilt from the log; no device was
    /// registered before version 3; a change stored before version 4 is checked by customer only).
    static let snapshotVersion: UInt8 = 4

    enum RecordTag: UInt8 {
        case changes = 1
        case assignment = 2
        case agent = 3
        case device = 4
        case replicaOwner = 5
    }

    static func changesRecord(firstSequence: UInt64, _ changes: [Change]) -> [UInt8] {
        var w = BinaryWriter(capacity: changes.count * 64 + 16)
        w.byte(RecordTag.changes.rawValue)
        w.varint(firstSequence)
        w.raw(ChangeCodec.encode(changes))
        return w.bytes
    }

    static func assignmentRecord(customer: String, agent: String, assigned: Bool, sequence: UInt64) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        w.byte(RecordTag.assignment.rawValue)
        w.varint(sequence)
        w.byte(assigned ? 1 : 0)
        w.string(customer)
        w.string(agent)
        return w.bytes
    }

    static func replicaOwnerRecord(_ replica: String, _ agent: String) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        w.byte(RecordTag.replicaOwner.rawValue)
        w.string(replica)
        w.string(agent)
        return w.bytes
    }

    static func agentRecord(_ agent: AgentRecord) -> [UInt8] {
        var w = BinaryWriter(capacity: 64)
        w.byte(RecordTag.agent.rawValue)
        writeAgent(agent, into: &w)
        return w.bytes
    }

    static func deviceRecord(_ device: DeviceRecord) -> [UInt8] {
        var w = BinaryWriter(capacity: 128)
        w.byte(RecordTag.device.rawValue)
        writeDevice(device, into: &w)
        return w.bytes
    }

    private static func writeDevice(_ device: DeviceRecord, into w: inout BinaryWriter) {
        w.string(device.replica)
        w.string(device.agent)
        w.varint(UInt64(device.tokenHash.count))
        w.raw(device.tokenHash)
        w.varint(UInt64(bitPattern: device.firstSeen.millisecondsSinceEpoch))
        w.varint(UInt64(bitPattern: device.lastSeen.millisecondsSinceEpoch))
        let wiped = device.wipedAt != nil
        let rejected = device.rejectedChanges > 0
        w.byte((device.revoked ? 1 : 0) | (device.wipeRequested ? 2 : 0) | (wiped ? 4 : 0) | (rejected ? 8 : 0))
        if let wipedAt = device.wipedAt {
            w.varint(UInt64(bitPattern: wipedAt.millisecondsSinceEpoch))
            w.varint(UInt64(device.lostChanges ?? 0))
        }
        if rejected { w.varint(UInt64(device.rejectedChanges)) }
    }

    private static func readDevice(_ r: inout BinaryReader) throws(DecodeError) -> DeviceRecord {
        let replica = try r.string()
        let agent = try r.string()
        let count = try r.int()
        guard count <= 64 else { throw DecodeError(offset: r.offset, problem: "token hash too long") }
        let hash = try r.raw(count)
        let first = Instant(millisecondsSinceEpoch: Int64(bitPattern: try r.varint()))
        let last = Instant(millisecondsSinceEpoch: Int64(bitPattern: try r.varint()))
        let flags = try r.byte()
        var device = DeviceRecord(
            replica: replica, agent: agent, tokenHash: hash, firstSeen: first, lastSeen: last,
            revoked: flags & 1 != 0, wipeRequested: flags & 2 != 0)
        if flags & 4 != 0 {
            device.wipedAt = Instant(millisecondsSinceEpoch: Int64(bitPattern: try r.varint()))
            device.lostChanges = try r.int()
        }
        // Bit 8 was added with the rejection count; records written before it lack both.
        if flags & 8 != 0 { device.rejectedChanges = try r.int() }
        guard flags & ~15 == 0 else { throw DecodeError(offset: r.offset, problem: "unknown device flags") }
        return device
    }

    private static func writeAgent(_ agent: AgentRecord, into w: inout BinaryWriter) {
        w.string(agent.name)
        w.varint(UInt64(agent.tokenHash.count))
        w.raw(agent.tokenHash)
        w.byte(agent.revoked ? 1 : 0)
    }

    private static func readAgent(_ r: inout BinaryReader) throws(DecodeError) -> AgentRecord {
        let name = try r.string()
        let count = try r.int()
        guard count <= 64 else { throw DecodeError(offset: r.offset, problem: "token hash too long") }
        let hash = try r.raw(count)
        return AgentRecord(name: name, tokenHash: hash, revoked: try r.byte() != 0)
    }

    /// Applies one log record written by the functions above.
    mutating func apply(record bytes: [UInt8]) throws(DecodeError) {
        let decoded = try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) -> DecodedRecord in
            var r = BinaryReader(buffer)
            switch RecordTag(rawValue: try r.byte()) {
            case .changes:
                let first = try r.varint()
                return .changes(first, try ChangeCodec.decode(from: &r))
            case .assignment:
                let sequence = try r.varint()
                let assigned = try r.byte() != 0
                return .assignment(try r.string(), try r.string(), assigned, sequence)
            case .agent:
                return .agent(try ServerState.readAgent(&r))
            case .device:
                return .device(try ServerState.readDevice(&r))
            case .replicaOwner:
                return .replicaOwner(try r.string(), try r.string())
            case nil:
                throw DecodeError(offset: 0, problem: "unknown record type")
            }
        }
        switch decoded {
        case .changes(let first, let changes):
            for (offset, change) in changes.enumerated() {
                applyChange(change, sequence: first + UInt64(offset))
                // A tombstone in the log means its purge may not have finished: the files still
                // hold the customer's data until the next compaction.
                if change.op == .erase {
                    forget(customer: change.target.customer)
                    unpurgedErasures.insert(change.target.customer)
                }
            }
        case .assignment(let customer, let agent, let assigned, let sequence):
            applyAssignment(customer: customer, agent: agent, assigned: assigned, sequence: sequence)
        case .agent(let agent):
            put(agent)
        case .device(let device):
            put(device)
        case .replicaOwner(let replica, let agent):
            if replicaAgents[replica] == nil { replicaAgents[replica] = agent }
        }
    }

    private enum DecodedRecord {
        case changes(UInt64, [Change])
        case assignment(String, String, Bool, UInt64)
        case agent(AgentRecord)
        case device(DeviceRecord)
        case replicaOwner(String, String)
    }

    /// The whole state as snapshot bytes; call ``prune()`` first to leave superseded changes out.
    ///
    /// An older `version` leaves out what it did not hold, as a server of that version wrote it
    /// (for the tests that older snapshots still open).
    func snapshot(version: UInt8 = ServerState.snapshotVersion) -> [UInt8] {
        var w = BinaryWriter(capacity: entries.count * 24 + 1024)
        w.raw(ServerState.snapshotMagic)
        w.byte(version)
        w.varint(nextSequence)
        let replicaBytes = replica.snapshot()
        w.varint(UInt64(replicaBytes.count))
        w.raw(replicaBytes)
        w.varint(UInt64(entries.count))
        for entry in entries {
            w.varint(entry.sequence)
            switch entry.kind {
            case .change(let change):
                w.byte(0)
                w.string(change.id.replica)
                w.varint(change.id.counter)
            case .assigned(let customer, let agent), .unassigned(let customer, let agent):
                if case .assigned = entry.kind { w.byte(1) } else { w.byte(2) }
                w.string(customer)
                w.string(agent)
            }
        }
        w.varint(UInt64(fingerprints.count))
        for (id, fingerprint) in fingerprints.sorted(by: { $0.key < $1.key }) {
            w.string(id.replica)
            w.varint(id.counter)
            w.string(fingerprint.write.customer)
            w.fixed64(fingerprint.value)
            if version >= 4 { w.fixed64(fingerprint.write.register ?? 0) }
        }
        w.varint(UInt64(agents.count))
        for name in agents.keys.sorted() { ServerState.writeAgent(agents[name]!, into: &w) }
        w.varint(UInt64(assignments.count))
        for customer in assignments.keys.sorted() {
            w.string(customer)
            let names = assignments[customer]!.sorted()
            w.varint(UInt64(names.count))
            for name in names { w.string(name) }
        }
        if version >= 2 {
            w.varint(UInt64(replicaAgents.count))
            for replica in replicaAgents.keys.sorted() {
                w.string(replica)
                w.string(replicaAgents[replica]!)
            }
        }
        if version >= 3 {
            w.varint(UInt64(devices.count))
            for replica in devices.keys.sorted() { ServerState.writeDevice(devices[replica]!, into: &w) }
        }
        return w.bytes
    }

    /// Restores a state from ``snapshot()``'s bytes.
    init(snapshot bytes: [UInt8]) throws(DecodeError) {
        self.init()
        var state = self
        try bytes.withUnsafeBufferPointer { buffer throws(DecodeError) in
            var r = BinaryReader(buffer)
            for expected in ServerState.snapshotMagic where try r.byte() != expected {
                throw DecodeError(offset: 0, problem: "not a FieldAgent server snapshot")
            }
            let version = try r.byte()
            guard (1...ServerState.snapshotVersion).contains(version) else {
                throw DecodeError(offset: r.offset - 1, problem: "unknown server snapshot version")
            }
            state.nextSequence = try r.varint()
            state.replica = try ReplicaState(snapshot: try r.raw(try r.count()))
            var live: [ChangeID: Change] = [:]
            for change in state.replica.liveChanges() { live[change.id] = change }
            // Minimum sizes: an index entry is a sequence, a kind and two strings (or a string and a
            // counter); a fingerprint two strings, a counter and eight bytes; an agent a name, a hash
            // length and the revoked flag; an assignment a customer and a count.
            for _ in 0..<(try r.count(minimumItemSize: 4)) {
                let sequence = try r.varint()
                switch try r.byte() {
                case 0:
                    let id = ChangeID(replica: try r.string(), counter: try r.varint())
                    guard let change = live[id] else {
                        throw DecodeError(offset: r.offset, problem: "log index names a change the state lacks")
                    }
                    state.entries.append(LogEntry(sequence: sequence, kind: .change(change)))
                    state.sequences[id] = sequence
                case 1:
                    state.entries.append(
                        LogEntry(sequence: sequence, kind: .assigned(customer: try r.string(), agent: try r.string())))
                case 2:
                    state.entries.append(
                        LogEntry(sequence: sequence, kind: .unassigned(customer: try r.string(), agent: try r.string()))
                    )
                default:
                    throw DecodeError(offset: r.offset, problem: "unknown log index entry")
                }
            }
            for _ in 0..<(try r.count(minimumItemSize: 11)) {
                let id = ChangeID(replica: try r.string(), counter: try r.varint())
                let customer = try r.string()
                let value = try r.fixed64()
                // Before version 4 the register was not kept; 0 is never a register hash written here.
                let register = version >= 4 ? try r.fixed64() : 0
                state.fingerprints[id] = Fingerprint(
                    write: StoredWrite(customer: customer, register: register == 0 ? nil : register), value: value)
            }
            for _ in 0..<(try r.count(minimumItemSize: 3)) {
                let agent = try ServerState.readAgent(&r)
                state.put(agent)
            }
            for _ in 0..<(try r.count(minimumItemSize: 2)) {
                let customer = try r.string()
                var names = Set<String>()
                for _ in 0..<(try r.count()) { names.insert(try r.string()) }
                state.assignments[customer] = names
            }
            if version >= 2 {
                for _ in 0..<(try r.int()) { state.replicaAgents[try r.string()] = try r.string() }
            }
            if version >= 3 {
                // A device is at least two strings, a hash length, two times and its flags.
                for _ in 0..<(try r.count(minimumItemSize: 6)) {
                    let device = try ServerState.readDevice(&r)
                    state.put(device)
                }
            }
            guard r.isAtEnd else { throw DecodeError(offset: r.offset, problem: "trailing bytes") }
        }
        state.reindex()
        for entry in state.entries {
            if case .change(let change) = entry.kind, state.replicaAgents[change.id.replica] == nil {
                state.replicaAgents[change.id.replica] = change.agent
            }
        }
        self = state
    }
}
