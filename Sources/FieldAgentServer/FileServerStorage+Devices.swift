import FieldAgentCore
import Foundation

/// Registered devices: records, token lookup, and what requests note about them.
extension FileServerStorage {
    public func devices() -> [DeviceRecord] {
        state.withLock { $0.devices.values.sorted { ($0.agent, $0.replica) < ($1.agent, $1.replica) } }
    }

    public func device(_ replica: String) -> DeviceRecord? { state.withLock { $0.devices[replica] } }

    public func tokenOwner(hash: [UInt8]) -> TokenOwnerRecord? {
        state.withLock { current in
            switch current.tokenOwners[hash] {
            case .agent(let name)?: current.agents[name].map { .agent($0) }
            case .device(let replica)?:
                current.devices[replica].flatMap { device in
                    current.agents[device.agent].map { .device(device, of: $0) }
                }
            case nil: nil
            }
        }
    }

    public func saveDevice(_ device: DeviceRecord, replacing expected: DeviceRecord?) throws(ServerStorageError)
        -> Bool
    {
        try asWriter { () throws(ServerStorageError) -> Bool in
            // Only this writer changes records, so the check stays true until the publish below.
            let (current, user) = state.withLock { ($0.devices[device.replica], $0.replicaAgents[device.replica]) }
            // A replica id whose changes another agent stored cannot become this agent's device.
            if let user, user != device.agent { return false }
            switch (current, expected) {
            case (nil, nil): break
            case (let current?, let expected?) where current.sameRegistration(as: expected): break
            default: return false
            }
            var record = device
            if let current {
                record.lastSeen = max(record.lastSeen, current.lastSeen)
                record.rejectedChanges = current.rejectedChanges
            }
            try write([ServerState.deviceRecord(record)])
            state.withLock {
                // Refusals counted while the record was written are kept.
                record.rejectedChanges = max(record.rejectedChanges, $0.devices[record.replica]?.rejectedChanges ?? 0)
                $0.put(record)
            }
            return true
        }
    }

    public func deviceSeen(_ replica: String, at time: Instant) {
        state.withLock { current in
            current.updateDevice(replica) { $0.lastSeen = max($0.lastSeen, time) }
        }
    }

    public func deviceRejected(_ replica: String, count: Int) {
        state.withLock { $0.updateDevice(replica) { $0.rejectedChanges += count } }
    }
}
