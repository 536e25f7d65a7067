import FieldAgentCore
import FieldAgentProtocol

extension AgentHome {
    /// Whether the back office had this device wipe its data: then the number of unsynced changes
    /// the wipe deleted, else nil. A wiped home holds no customer data; it only reports the wipe.
    public var wipedLoss: Int? { replica.wipedLoss }

    /// Fails with ``AgentHomeError/wiped(lostChanges:)`` when the device was wiped: for every
    /// command that needs the customer data.
    public func requireData() throws(AgentHomeError) {
        if let lost = replica.wipedLoss { throw .wiped(lostChanges: lost) }
    }

    /// Syncs with the server over `transport` (default: URLSession to the configured server).
    ///
    /// An unregistered device registers first and saves its device token (a server without
    /// registration, answering `404`, leaves it unregistered until the next sync). A revoked device
    /// told to wipe deletes every customer's data and fails with
    /// ``SyncError/deviceWiped(server:lostChanges:)``; later syncs only send the wipe report if the
    /// server has not acknowledged it yet, and fail the same way.
    public func sync(
        transport: (any Transport)? = nil, retry: RetryPolicy = RetryPolicy(),
        progress: (@Sendable (SyncProgress) -> Void)? = nil
    ) async throws(SyncError) -> SyncReport {
        if let lost = wipedLoss, !replica.wipeReportPending {
            throw .deviceWiped(server: configuration.server, lostChanges: lost)
        }
        return try await run(transport: transport, retry: retry, registerOnly: false, progress: progress)
    }

    /// Registers the device (`POST /v1/devices` with the agent's token) and saves its device token;
    /// returns whether it is registered (false when the server does not register devices, `404`).
    /// Pushes and pulls nothing. `fieldagent init` calls it; a device it could not register
    /// registers at its next sync. Registering again is harmless: the server rotates the token.
    @discardableResult
    public func register(
        transport: (any Transport)? = nil, retry: RetryPolicy = RetryPolicy(maxAttempts: 1)
    ) async throws(SyncError) -> Bool {
        if let lost = wipedLoss { throw .deviceWiped(server: configuration.server, lostChanges: lost) }
        if isRegistered { return true }
        return try await run(transport: transport, retry: retry, registerOnly: true, progress: nil).registered
    }

    func run(
        transport: (any Transport)?, retry: RetryPolicy, registerOnly: Bool,
        progress: (@Sendable (SyncProgress) -> Void)?
    ) async throws(SyncError) -> SyncReport {
        let credential: (token: String, device: Bool)
        do {
            credential = try tokenFile()
        } catch {
            throw .home(error)
        }
        let driver = SyncDriver(
            replica: replica, transport: transport ?? URLSessionTransport(baseURL: configuration.server),
            configuration: SyncSession.Configuration(
                server: configuration.server, token: credential.token, device: configuration.replicaID, retry: retry,
                register: !credential.device, registerOnly: registerOnly,
                wipeReport: replica.wipeReportPending ? wipedLoss : nil),
            now: now, progress: progress,
            saveToken: { [self] (token) throws(AgentHomeError) in try setDeviceToken(token) })
        return try await driver.run()
    }
}
