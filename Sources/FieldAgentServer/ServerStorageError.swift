import FieldAgentStore

/// Why the server's storage failed, phrased for the operator; never quotes stored data.
public enum ServerStorageError: Error, Sendable, CustomStringConvertible {
    /// The underlying store failed (I/O, corruption, lock held by another process …).
    case store(StoreError)
    /// The store's contents are not a FieldAgent server state.
    case corrupt(path: String, reason: String)
    /// The storage was closed.
    case closed
    /// The data directory's marker names the history it held (`markerEpoch`), but its store is
    /// missing or empty, as after a restore from a backup or a lost store. Nothing was changed.
    case storeEmptied(dataDirectory: String, markerEpoch: String)
    /// The data directory's marker names one history, its store holds another (`storeEpoch`, nil
    /// for a store without an epoch), as after a restore or a store copied in. Nothing was changed.
    case storeReplaced(dataDirectory: String, markerEpoch: String, storeEpoch: String?)
    /// The data directory's marker (`DATA/EPOCH`) could not be read, or holds no epoch.
    case unreadableEpochMarker(path: String, reason: String)
    /// The data directory's marker could not be written; the store was not served.
    case epochMarkerNotWritten(path: String, reason: String)

    public var description: String {
        switch self {
        case .store(let error): return error.description
        case .corrupt(let path, let reason):
            return "server data in \(path) cannot be read: \(reason); restore the data directory from a backup"
        case .closed: return "server storage is closed; restart the server"
        case .storeEmptied(let directory, let marker):
            return "\(directory) held a store with epoch \(marker), but \(directory)/store is now missing or empty, "
                + "as after a restore from a backup or a lost store; nothing was changed. "
                + ServerStorageError.confirmAdvice(directory)
        case .storeReplaced(let directory, let marker, let found):
            return "\(directory) held a store with epoch \(marker), but \(directory)/store now holds another history "
                + "(\(found.map { "epoch \($0)" } ?? "a store without an epoch")), as after a restore from a backup "
                + "or a store copied in; nothing was changed. " + ServerStorageError.confirmAdvice(directory)
        case .unreadableEpochMarker(let path, let reason):
            return "cannot read the data directory's marker \(path): \(reason); if the store next to it is the one "
                + "to serve, start once with `fieldagent-server serve --accept-restore`"
        case .epochMarkerNotWritten(let path, let reason):
            return "cannot write the data directory's marker \(path): \(reason); "
                + "check the directory's permissions and free space"
        }
    }

    private static func confirmAdvice(_ directory: String) -> String {
        "If this is intended, start with `fieldagent-server serve --data \(directory) --accept-restore`: "
            + "the server starts a new epoch and devices send back what it lacks"
    }

    /// Whether the data directory no longer holds the history its marker names, and only the
    /// operator can confirm the store it holds now (`serve --accept-restore`).
    public var isRestoreUnconfirmed: Bool {
        switch self {
        case .storeEmptied, .storeReplaced: true
        default: false
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
