import FieldAgentCore
import FieldAgentStore
import FieldAgentSystem
import Foundation

extension AgentHome {
    /// `HOME/home.json`: the configuration (server, agent, replica id) outside the store as well,
    /// mode 0600, so that a home whose store is damaged can still be rebuilt under the same replica id.
    static func configurationPath(_ home: String) -> String {
        (home as NSString).appendingPathComponent("home.json")
    }

    /// Where `fieldagent repair` moves a damaged store while it rebuilds the home.
    static func damagedReplicaPath(_ home: String) -> String {
        (home as NSString).appendingPathComponent("replica.damaged")
    }

    /// Writes `HOME/home.json` durably and atomically, mode 0600.
    static func writeConfiguration(_ configuration: HomeConfiguration, home: String) throws(AgentHomeError) {
        let file = configurationPath(home)
        do {
            try FileSystem.replaceDurably(file, with: JSON.bytes(configuration.json, pretty: true) + [0x0A])
        } catch {
            throw .configurationFile(path: file, problem: "\(error)")
        }
    }

    /// The configuration in `HOME/home.json`; nil when there is none or it cannot be read.
    static func readConfiguration(home: String) -> HomeConfiguration? {
        guard let bytes = try? FileSystem.contentsIfPresent(configurationPath(home)) else { return nil }
        return (try? JSON.parse(bytes)).flatMap(HomeConfiguration.init(json:))
    }

    /// The configuration kept in a store's metadata, if it is there and reads.
    static func configuration(in metadata: [String: [UInt8]]) -> HomeConfiguration? {
        metadata[HomeConfiguration.metadataKey].flatMap { try? JSON.parse($0) }.flatMap(HomeConfiguration.init(json:))
    }

    /// Why a home without a store directory is damaged rather than absent: an interrupted repair, or
    /// a configuration file whose store is gone. Nil when there is no trace of a home.
    static func traceOfHome(_ home: String) -> String? {
        let store = replicaPath(home)
        if FileSystem.isDirectory(damagedReplicaPath(home)) {
            return "an earlier `fieldagent repair` was interrupted before it rebuilt the store \(store)"
        }
        if FileManager.default.fileExists(atPath: configurationPath(home)) {
            return "the store directory \(store) is missing"
        }
        return nil
    }

    /// What opening a replica store's failure means for the home: damage (a missing or corrupt file,
    /// no replica id, a record that does not decode) or another store failure.
    static func openingFailure(_ error: ReplicaStoreError, home: String) -> AgentHomeError {
        switch error {
        case .missing(let store):
            return .damaged(path: home, problem: "the store \(store) does not hold its replica id")
        case .store(let failure):
            guard let damage = failure.damage else { return .store(error) }
            return .damaged(path: home, problem: damage)
        case .undecodable(let store, let what, let problem):
            return .damaged(
                path: home,
                problem: "the store \(store) holds \(what) this program cannot read (\(problem)); if a newer "
                    + "version of fieldagent used this home, upgrade instead")
        }
    }

    /// After a healthy open: writes `home.json` if the home has none (homes made before it existed),
    /// and removes what an interrupted repair left once the rebuilt store holds its configuration.
    /// Best effort: a failure here leaves the home usable, and the next open tries again.
    func tidy() {
        if !FileManager.default.fileExists(atPath: AgentHome.configurationPath(path)) {
            try? AgentHome.writeConfiguration(configuration, home: path)
        }
        let leftover = AgentHome.damagedReplicaPath(path)
        if FileSystem.isDirectory(leftover) {
            try? FileManager.default.removeItem(atPath: leftover)
            try? FileSystem.fsyncDirectory(path)
        }
    }
}
