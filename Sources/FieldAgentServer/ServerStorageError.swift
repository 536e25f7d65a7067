import FieldAgentStore

/// Why the server's storage failed, phrased for the operator; never quotes stored data.
public enum ServerStorageError: Error, Sendable, CustomStringConvertible {
    /// The underlying store failed (I/O, corruption, lock held by another process …).
    case store(StoreError)
    /// The store's contents are not a FieldAgent server state.
    case corrupt(path: String, reason: String)
    /// The storage was closed.
    case closed

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .corrupt(let path, let reason):
            return "server data in \(path) cannot be read: \(reason); restore the data directory from a backup"
        case .closed: return "server storage is closed; restart the server"
        }
    }

    /// Whether a write failed for want of room (disk full, quota, file size limit); see
    /// ``StoreError/isOutOfRoom``.
    public var isOutOfRoom: Bool {
        if case .store(let error) = self { return error.isOutOfRoom }
        return false
    }

    /// Whether the data directory is held by another process (a running server).
    public var isInUse: Bool {
        if case .store(.inUse) = self { return true }
        return false
    }
}
