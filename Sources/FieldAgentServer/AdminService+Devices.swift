import FieldAgentCore

extension AdminService {
    /// Every registered device, sorted by agent, then replica id.
    public func listDevices() -> [DeviceSummary] {
        storage.devices().map(DeviceSummary.init)
    }

    /// Revokes a device: its token gets `401 device-revoked` from its next request on, with
    /// `wipe: true` when `wipe` (the device then deletes every customer's data and reports).
    ///
    /// Revoking a revoked device again changes nothing, except that `wipe` adds a wipe request to a
    /// device that has not reported a wipe yet. A revocation is never undone.
    public func revokeDevice(id: String, wipe: Bool) throws(AdminError) {
        try serialised { () throws(AdminError) in
            for _ in 0..<8 {
                guard let current = storage.device(id) else { throw .unknownDevice(id) }
                var record = current
                record.revoked = true
                record.wipeRequested = current.wipeRequested || (wipe && current.wipedAt == nil)
                guard record != current else { return }
                let saved = try AdminService.wrap { () throws(ServerStorageError) -> Bool in
                    try storage.saveDevice(record, replacing: current)
                }
                if saved { return }
            }
            throw .serverFailed(reason: "the device record kept changing while revoking it; retry")
        }
    }
}
