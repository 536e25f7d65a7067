import FieldAgentSystem

/// Why a store operation failed, phrased so that a person can act on it.
///
/// Descriptions name files and byte offsets but never record contents: payloads may hold
/// personal data (names, phone numbers, notes) that must not end up in logs.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process (or another open `Store` in this one) holds the store's lock.
    case inUse(path: String, processID: Int32?)
    /// A file's bytes do not match their checksum or structure at `offset`.
    case corrupt(file: String, offset: Int, reason: String)
    /// A file was written by a newer (or unknown) on-disk format.
    case unsupportedFormat(file: String, version: UInt32, supported: UInt32)
    /// A file the store needs is missing, e.g. the log of the current generation.
    case missingFile(path: String, reason: String)
    /// A system call failed while `action` was being done.
    case io(action: String, error: SystemError)
    /// A write failed; nothing from that write is saved, earlier writes are intact.
    case writeFailed(action: String, error: SystemError)
    /// An earlier `fsync` failure left the store unable to promise durability until reopened.
    case needsReopen(path: String, cause: String)
    /// The store was closed.
    case closed(path: String)
    /// One transaction is larger than the store accepts.
    case transactionTooLarge(bytes: Int, limit: Int)
    /// A registered migration threw.
    case migrationFailed(name: String, reason: String)

    /// A write failed for want of room (disk full, quota, or the file size limit): it can succeed
    /// once room is made, and nothing else is wrong with the store.
    public var isOutOfRoom: Bool {
        if case .writeFailed(_, let error) = self { return error.isNoSpace || error.isFileTooLarge }
        return false
    }

    /// What is damaged when the store cannot be opened because a file is missing or corrupt: the
    /// file, the byte offset and the problem, without advice; nil for every other error.
    public var damage: String? {
        switch self {
        case .corrupt(let file, let offset, let reason):
            "store file \(file) is corrupt at byte offset \(offset): \(reason)"
        case .missingFile(let path, let reason): "store file \(path) is missing: \(reason)"
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .inUse(let path, let processID):
            let owner = processID.map { "process \($0)" } ?? "another process"
            return "store \(path) is in use by \(owner); close that program or use another store directory"
        case .corrupt(let file, let offset, let reason):
            return
                "store file \(file) is corrupt at byte offset \(offset): \(reason). "
                + "Nothing was changed; restore the store from a backup or re-create it and sync again"
        case .unsupportedFormat(let file, let version, let supported):
            return
                "store file \(file) has format version \(version), but this program reads up to version "
                + "\(supported); upgrade the program"
        case .missingFile(let path, let reason):
            return "store file \(path) is missing: \(reason)"
        case .io(let action, let error):
            return "could not \(action): \(error)"
        case .writeFailed(let action, let error):
            let hint =
                error.isNoSpace
                ? "; free disk space and try again"
                : error.isFileTooLarge ? "; raise the file size limit (ulimit -f) and try again" : ""
            return "could not \(action): \(error). This write was not saved; earlier saved data is intact\(hint)"
        case .needsReopen(let path, let cause):
            return
                "store \(path) stopped accepting writes after a failed flush to disk (\(cause)); "
                + "close and reopen it. Data saved before the failure is intact"
        case .closed(let path):
            return "store \(path) is closed"
        case .transactionTooLarge(let bytes, let limit):
            return "a transaction of \(bytes) bytes exceeds the store's limit of \(limit) bytes; split it"
        case .migrationFailed(let name, let reason):
            return "store migration \"\(name)\" failed: \(reason). The store was left at its previous version"
        }
    }
}
