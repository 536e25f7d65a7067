import FieldAgentCore
import FieldAgentStore
import FieldAgentSystem
import Foundation

/// Opens the server's storage in a data directory, for the server and for back-office commands
/// alike, and never lets a restored, replaced or lost store be served as if nothing happened.
///
/// The data directory keeps a marker, `DATA/EPOCH`, outside the store: the epoch of the store it
/// last held. When the marker exists but the store is missing, empty or holds another history,
/// opening is refused (``ServerStorageError/storeEmptied(dataDirectory:markerEpoch:)``,
/// ``ServerStorageError/storeReplaced(dataDirectory:markerEpoch:storeEpoch:)``) and nothing is
/// changed. With ``acceptRestore`` the operator confirms the store as it is: a new epoch starts, so
/// devices send back what the server lacks. Otherwise the marker follows the store's epoch.
///
/// ```swift
/// let (storage, report) = try StorageOpener(dataDirectory: DataDirectory(path: dir)).open()
/// defer { storage.close() }
/// for line in report.lines { print(line) }
/// ```
public struct StorageOpener: Sendable {
    /// Why a confirmed restore started a new epoch.
    public static let restoreReason = "restore confirmed by the operator"

    /// The data directory.
    public var dataDirectory: DataDirectory
    /// Whether the operator confirmed the store as it is now (`serve --accept-restore`).
    public var acceptRestore: Bool

    /// An opener for `dataDirectory`; `acceptRestore` confirms a restore and starts a new epoch.
    public init(dataDirectory: DataDirectory, acceptRestore: Bool = false) {
        self.dataDirectory = dataDirectory
        self.acceptRestore = acceptRestore
    }

    /// Opens (or creates) the storage, checks it against the marker, and brings the marker up to date.
    ///
    /// Throws ``ServerStorageError/isRestoreUnconfirmed`` errors as described above, and
    /// ``ServerStorageError/isInUse`` when a running server holds the store.
    public func open() throws(ServerStorageError) -> (storage: FileServerStorage, report: StartReport) {
        let marker = try acceptRestore ? nil : readMarker()
        if let marker, !Store.exists(at: dataDirectory.storePath) {
            throw .storeEmptied(dataDirectory: dataDirectory.path, markerEpoch: marker)
        }
        let storage = try FileServerStorage(path: dataDirectory.storePath)
        do throws(ServerStorageError) {
            if let marker { try check(storage, against: marker) }
            var report = StartReport(opened: storage)
            if acceptRestore {
                _ = try storage.startNewEpoch(reason: Self.restoreReason)
                report.repairs.append(
                    StorageRepair(
                        kind: "restore-confirmed",
                        summary: "the operator confirmed the store as restored (--accept-restore)"))
                report.newEpochReasons.append(Self.restoreReason)
                report.epoch = storage.epoch
            }
            if marker != storage.epoch { try writeMarker(storage.epoch) }
            return (storage, report)
        } catch {
            storage.close()
            throw error
        }
    }

    /// Refuses a store that is empty or holds another history than the marker names.
    private func check(_ storage: FileServerStorage, against marker: String) throws(ServerStorageError) {
        let found = storage.epochAtOpen
        let empty = storage.agents().isEmpty
        // A store without agents is served only as the very history the marker names, unrepaired: a
        // log cut back to nothing (every agent gone) needs the operator, now and at every later start.
        let repaired = storage.recovery?.tornTail != nil
        if storage.recovery?.created == true || (empty && (found != marker || repaired)) {
            throw .storeEmptied(dataDirectory: dataDirectory.path, markerEpoch: marker)
        }
        // The previous epoch matches when a crash came between a new epoch and the marker's update.
        guard found == marker || (found != nil && storage.previousEpochAtOpen == marker) else {
            throw .storeReplaced(dataDirectory: dataDirectory.path, markerEpoch: marker, storeEpoch: found)
        }
    }

    /// The marker's epoch, or nil when the directory has no marker.
    func readMarker() throws(ServerStorageError) -> String? {
        let path = dataDirectory.epochMarkerPath
        let bytes: [UInt8]
        do {
            guard let read = try FileSystem.contentsIfPresent(path) else { return nil }
            bytes = read
        } catch {
            throw .unreadableEpochMarker(path: path, reason: error.description)
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 32, Hex.decode(text) != nil else {
            throw .unreadableEpochMarker(path: path, reason: "it does not hold an epoch (32 hex digits)")
        }
        return text
    }

    /// Replaces the marker durably.
    func writeMarker(_ epoch: String) throws(ServerStorageError) {
        let path = dataDirectory.epochMarkerPath
        do {
            try FileSystem.replaceDurably(path, with: Array((epoch + "\n").utf8))
        } catch {
            throw .epochMarkerNotWritten(path: path, reason: error.description)
        }
    }
}
