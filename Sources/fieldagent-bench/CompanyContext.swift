import FieldAgentCore
import FieldAgentServer
import FieldAgentSync
import FieldAgentSystem
import Foundation

/// What the company workload's steps share: its directory, the running server (in this process),
/// the agents with their tokens and customers, and the devices made so far.
final class CompanyContext {
    /// The workload's flags.
    let options: CompanyOptions
    /// The directory holding the server's data directory and every device's home.
    let root: String
    /// The server; ``restart()`` replaces it.
    private(set) var server: SyncServer
    /// The agents, `agent-00` first.
    let agents: [String]
    /// Each agent's token (from `agent add`).
    private(set) var tokens: [String: String] = [:]
    /// Each agent's customer ids, in generated order.
    let customersByAgent: [String: [String]]
    private var deviceCount = 0

    /// Starts a server on a fresh data directory under `root` (an ephemeral loopback port) and adds the agents.
    init(options: CompanyOptions, root: String, agents: [String], customersByAgent: [String: [String]]) {
        self.options = options
        self.root = root
        self.agents = agents
        self.customersByAgent = customersByAgent
        server = try! SyncServer(
            dataDirectory: root + "/server", listen: SocketAddress(host: "127.0.0.1", port: 0), logRequests: false)
        server.start()
        for agent in agents { tokens[agent] = try! server.admin.addAgent(name: agent) }
    }

    /// The server's base URL.
    var url: String { "http://127.0.0.1:\(server.port)" }

    /// A fresh device home of `agent`, not yet synced (it registers at its first sync).
    func newDevice(of agent: String) -> AgentHome {
        deviceCount += 1
        return try! AgentHome.initialize(
            at: "\(root)/devices/\(deviceCount)", server: url, agent: agent, token: tokens[agent]!)
    }

    /// Stops the server and opens a new one on the same data directory and port (so devices keep
    /// their URL); returns the seconds the open took (reading the store and rebuilding the state).
    func restart() -> Double {
        let port = server.port
        server.stop()
        var reopened: SyncServer?
        let seconds = Stopwatch.seconds {
            reopened = try! SyncServer(
                dataDirectory: root + "/server", listen: SocketAddress(host: "127.0.0.1", port: port),
                logRequests: false)
        }
        server = reopened!
        server.start()
        return seconds
    }

    /// Stops the server and waits until its storage is closed.
    func stop() { server.stop() }
}
