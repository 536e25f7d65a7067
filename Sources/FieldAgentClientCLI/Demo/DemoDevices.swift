import FieldAgentCore
import FieldAgentSync
import Foundation

/// The demo's three devices: alice's laptop and phone, and bob's tablet.
struct DemoDevices: Sendable {
    let laptop: AgentHome
    let phone: AgentHome
    let tablet: AgentHome

    /// Every device with its name, in the order the demo talks about them.
    var all: [(name: String, home: AgentHome)] {
        [("alice-laptop", laptop), ("alice-phone", phone), ("bob-tablet", tablet)]
    }

    /// Initialises the three homes under `root` against the server at `url`.
    static func initialize(
        root: String, url: String, aliceToken: String, bobToken: String, now: @escaping @Sendable () -> Instant
    ) throws -> DemoDevices {
        func device(_ name: String, _ agent: String, _ token: String) throws -> AgentHome {
            try AgentHome.initialize(
                at: (root as NSString).appendingPathComponent(name), server: url, agent: agent, token: token, now: now)
        }
        let laptop = try device("alice-laptop", "alice", aliceToken)
        let phone = try device("alice-phone", "alice", aliceToken)
        let tablet = try device("bob-tablet", "bob", bobToken)
        return DemoDevices(laptop: laptop, phone: phone, tablet: tablet)
    }

    /// Syncs every device once, in turn.
    func syncAll() async throws { for (_, home) in all { _ = try await home.sync() } }

    /// Closes every device's store.
    func close() { for (_, home) in all { home.close() } }
}
