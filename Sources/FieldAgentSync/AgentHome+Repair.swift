import FieldAgentCore
import FieldAgentStore
import FieldAgentSystem
import Foundation

extension AgentHome {
    /// Rebuilds the home at `path` when its store is damaged (``AgentHomeError/damaged(path:problem:)``):
    /// keeps every change of this device that can still be read, and leaves the rest to the next sync,
    /// which sends what the server lacks and pulls everything else from the start.
    ///
    /// Steps: reads what the damaged store still holds (``Store/salvage(at:)``, read-only); takes the
    /// configuration from it, else from `HOME/home.json` (the replica id cannot be guessed: without
    /// either it fails with ``AgentHomeError/unrepairable(path:reason:)``); moves the damaged store to
    /// `HOME/replica.damaged`; creates a new store with the same replica id holding the kept changes
    /// as pending, numbered changes above the highest counter it read, and the configuration, in one
    /// durable transaction; then deletes the damaged copy (it holds personal data). A crash at any
    /// point leaves a home that opens as damaged, and repairing again finishes the job from
    /// `replica.damaged`. A healthy home is left as it is (``HomeRepair/isHealthy``).
    ///
    /// Closes what it opens; open the home afterwards to sync it.
    public static func repair(
        at path: String, now: @escaping @Sendable () -> Instant = Instant.now
    ) throws(AgentHomeError) -> HomeRepair {
        var report = HomeRepair()
        do {
            let home = try open(at: path, now: now)
            home.close()
            return report
        } catch {
            guard case .damaged(_, let problem) = error else { throw error }
            report.problem = problem
        }
        let aside = damagedReplicaPath(path)
        let source = FileSystem.isDirectory(aside) ? aside : replicaPath(path)
        let lock = try lockForRepair(source, home: path)
        defer {
            try? lock?.unlock()
            try? lock?.close()
        }
        var salvage = StoreSalvage()
        if lock == nil {
            salvage.lost = [SalvageLoss(file: source, offset: nil, bytes: nil, reason: "the store directory is gone")]
        } else {
            do {
                salvage = try Store.salvage(at: source)
            } catch {
                throw .store(.store(error))
            }
        }
        let configuration: HomeConfiguration
        if let stored = AgentHome.configuration(in: salvage.metadata) {
            configuration = stored
            report.configurationSource = "the store"
        } else if let file = readConfiguration(home: path) {
            configuration = file
            report.configurationSource = configurationPath(path)
        } else {
            throw .unrepairable(
                path: path,
                reason: "neither its store nor \(configurationPath(path)) says which server, agent and replica id "
                    + "this device uses; move the directory away and run `fieldagent init` to set this device up "
                    + "again (changes it had not synced are lost)")
        }
        let kept = ReplicaStore.salvaged(from: salvage, replicaID: configuration.replicaID)
        report.keptChanges = kept.changes.count
        report.lost = kept.lost
        try rebuild(path, configuration: configuration, kept: kept, movingAside: source != aside)
        return report
    }

    /// Locks the damaged store directory `source` (as opening a store would) so that no other process
    /// uses it while it is salvaged and replaced; nil when there is no such directory.
    private static func lockForRepair(_ source: String, home: String) throws(AgentHomeError) -> FileDescriptor? {
        guard FileSystem.isDirectory(source) else { return nil }
        let directory: FileDescriptor
        do {
            directory = try FileDescriptor.open(source, .readOnly, options: .directory)
        } catch {
            throw .store(.store(.io(action: "open the store directory \(source)", error: error)))
        }
        let locked: Bool
        do {
            locked = try directory.tryLockExclusive()
        } catch {
            try? directory.close()
            throw .store(.store(.io(action: "lock \(source)", error: error)))
        }
        guard locked else {
            try? directory.close()
            throw .store(.store(.inUse(path: source, processID: nil)))
        }
        return directory
    }

    /// Replaces the damaged store with a new one holding what was kept, then deletes the damaged copy.
    private static func rebuild(
        _ home: String, configuration: HomeConfiguration, kept: ReplicaSalvage, movingAside: Bool
    ) throws(AgentHomeError) {
        let store = replicaPath(home)
        let aside = damagedReplicaPath(home)
        do {
            if movingAside {
                if FileSystem.isDirectory(store) { try FileSystem.rename(store, to: aside) }
            } else if FileManager.default.fileExists(atPath: store) {
                // What an interrupted repair began: it holds nothing that `replica.damaged` does not.
                try removeTree(store)
            }
            try FileSystem.fsyncDirectory(home)
        } catch {
            throw .unrepairable(
                path: home, reason: "could not move the damaged store \(store) aside: \(error); nothing was changed")
        }
        do {
            let replica = try ReplicaStore.create(at: store, replicaID: configuration.replicaID)
            defer { replica.close() }
            try replica.adoptSalvaged(
                kept.changes, counterFloor: kept.counterFloor, rejected: kept.rejected,
                metadata: [HomeConfiguration.metadataKey: JSON.bytes(configuration.json)])
        } catch {
            throw .store(error)
        }
        try writeConfiguration(configuration, home: home)
        do {
            do {
                if FileSystem.isDirectory(aside) { try removeTree(aside) }
            } catch  where !FileSystem.isDirectory(aside) {
                // Another command opened the rebuilt home meanwhile and deleted it first.
            }
            try FileSystem.fsyncDirectory(home)
        } catch {
            throw .unrepairable(
                path: home,
                reason: "the store was rebuilt, but the damaged copy \(aside) could not be deleted (\(error)); "
                    + "it holds personal data: delete it")
        }
    }

    /// Deletes the directory `path` and everything in it.
    private static func removeTree(_ path: String) throws {
        try FileManager.default.removeItem(atPath: path)
    }
}
