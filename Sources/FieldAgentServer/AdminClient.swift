import FieldAgentCore
import FieldAgentStore
import FieldAgentSystem
import Foundation

/// The back office's entry point for the CLI: performs an operation on a data directory whether or
/// not a server is running on it.
///
/// It first tries to open the storage directly; if the store is locked by a running server
/// (`StoreError.inUse`), it sends the request over the server's admin socket instead.
public struct AdminClient: Sendable {
    /// The data directory.
    public let dataDirectory: DataDirectory
    /// The clock that stamps back-office changes when the client works directly on the files.
    let now: @Sendable () -> Instant
    /// Receives what opening the files directly found (not called when a running server does the work).
    let opened: @Sendable (StartReport) -> Void

    /// A client for the data directory at `path`; `now` stamps changes made directly on the files
    /// (a running server stamps with its own clock); `opened` receives what opening them found and
    /// repaired, so the caller can tell the operator.
    ///
    /// Like the server, it refuses a data directory whose store was restored, replaced or lost
    /// (see ``StorageOpener``); only `fieldagent-server serve --accept-restore` confirms one.
    public init(
        dataDirectory path: String, now: @escaping @Sendable () -> Instant = Instant.now,
        opened: @escaping @Sendable (StartReport) -> Void = { _ in }
    ) {
        dataDirectory = DataDirectory(path: path)
        self.now = now
        self.opened = opened
    }

    /// Creates an agent; returns its token (shown once).
    public func addAgent(name: String) throws(AdminError) -> String {
        guard let token = try perform(.addAgent(name: name)).stringValue else { throw .badReply("no token") }
        return token
    }

    /// Revokes an agent's token.
    public func revokeAgent(name: String) throws(AdminError) { _ = try perform(.revokeAgent(name: name)) }

    /// Lists agents.
    public func listAgents() throws(AdminError) -> [AgentSummary] {
        guard let list = try perform(.listAgents).listValue else { throw .badReply("no agent list") }
        return list.compactMap { AgentSummary(json: $0) }
    }

    /// Imports a portfolio file; relative paths are resolved against the current directory.
    public func importPortfolio(path: String) throws(AdminError) -> ImportSummary {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let summary = ImportSummary(json: try perform(.importPortfolio(path: absolute))) else {
            throw .badReply("no import summary")
        }
        return summary
    }

    /// Assigns a customer to an agent.
    public func assign(customer: String, agent: String) throws(AdminError) {
        _ = try perform(.assign(customer: customer, agent: agent))
    }

    /// Removes an agent from a customer.
    public func unassign(customer: String, agent: String) throws(AdminError) {
        _ = try perform(.unassign(customer: customer, agent: agent))
    }

    /// Company-wide KPIs as the `kpi --json` document.
    public func kpi(from: LocalDate, to: LocalDate) throws(AdminError) -> Value {
        try perform(.kpi(from: from, to: to))
    }

    /// Lists registered devices.
    public func listDevices() throws(AdminError) -> [DeviceSummary] {
        guard let list = try perform(.listDevices).listValue else { throw .badReply("no device list") }
        return try list.map { (json) throws(AdminError) -> DeviceSummary in
            guard let device = DeviceSummary(json: json) else { throw .badReply("an unreadable device") }
            return device
        }
    }

    /// Revokes a device, asking it to wipe its data when `wipe`.
    public func revokeDevice(id: String, wipe: Bool) throws(AdminError) {
        _ = try perform(.revokeDevice(id: id, wipe: wipe))
    }

    /// Erases a customer (GDPR).
    public func erase(customer: String) throws(AdminError) { _ = try perform(.erase(customer: customer)) }

    /// Performs `request` directly on the files, or through the running server's admin socket.
    public func perform(_ request: AdminRequest) throws(AdminError) -> Value {
        let storage: FileServerStorage
        // Only requests that add data may create a data directory: a mistyped --data on
        // `agent list` or `kpi` must say so, not leave an empty directory behind.
        let creates: Bool
        switch request {
        case .addAgent, .importPortfolio: creates = true
        default: creates = false
        }
        // A directory with a marker held data: the opener says what became of its store.
        guard creates || FileSystem.isDirectory(dataDirectory.storePath) || dataDirectory.hasEpochMarker else {
            throw .noData(path: dataDirectory.path)
        }
        let report: StartReport
        do {
            try? FileSystem.makeDirectories(dataDirectory.path)
            (storage, report) = try StorageOpener(dataDirectory: dataDirectory).open()
        } catch {
            guard error.isInUse else { throw .storage(error) }
            return try viaSocket(request)
        }
        defer { storage.close() }
        opened(report)
        return try AdminService(storage: storage, now: now).perform(request)
    }

    private func viaSocket(_ request: AdminRequest) throws(AdminError) -> Value {
        let path = dataDirectory.adminSocketPath
        let reply: [UInt8]
        do {
            let socket = try Socket.connectUnix(path: path)
            defer { socket.close() }
            try socket.setReceiveTimeout(milliseconds: 120_000)
            try socket.sendAll(JSON.bytes(request.json) + [UInt8(ascii: "\n")])
            var received: [UInt8] = []
            while !received.contains(UInt8(ascii: "\n")) {
                let chunk = try socket.receive(maxBytes: 65536)
                if chunk.isEmpty { break }
                received += chunk
            }
            reply = received
        } catch {
            throw .serverUnreachable(path: path, reason: error.description)
        }
        guard let json = try? JSON.parse(reply.prefix { $0 != UInt8(ascii: "\n") }), let ok = json["ok"]?.boolValue
        else { throw .badReply("not a JSON answer") }
        guard ok else { throw AdminError(reply: json["error"] ?? .null) }
        return json["result"] ?? .null
    }
}
