import FieldAgentCore
import FieldAgentServer
import FieldAgentSystem

/// The demo's back office: a sync server embedded on an ephemeral loopback port, used only through its
/// public API (the admin service, as `fieldagent-server` uses it, and the HTTP sync protocol).
struct DemoBackOffice: Sendable {
    let server: SyncServer

    /// Opens a server on `dataDirectory` with the demo's clock and starts serving on a background thread.
    static func start(dataDirectory: String, now: @escaping @Sendable () -> Instant) throws -> DemoBackOffice {
        let server = try SyncServer(
            dataDirectory: dataDirectory, listen: SocketAddress(host: "127.0.0.1", port: 0), logRequests: false,
            now: now)
        server.start()
        return DemoBackOffice(server: server)
    }

    /// Where devices reach the server.
    var url: String { "http://127.0.0.1:\(server.port)" }

    /// Creates an agent; returns its token.
    func addAgent(_ name: String) throws -> String { try server.admin.addAgent(name: name) }

    /// Imports a portfolio document (the import format).
    func importPortfolio(_ bytes: [UInt8]) throws -> ImportSummary { try server.admin.importPortfolio(bytes) }

    /// The company KPI report, as `fieldagent-server kpi --json` prints it.
    func kpi(from: LocalDate, to: LocalDate) throws -> Value { try server.admin.kpi(from: from, to: to) }

    /// SHA-256 of the server's merged state of `customer`, comparable with a device's.
    func digest(of customer: String) throws -> String {
        try server.admin.storage.customerState(customer).digest(of: [customer])
    }

    /// Stops serving and waits until storage is closed.
    func stop() { server.stop() }
}
