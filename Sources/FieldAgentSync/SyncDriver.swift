import FieldAgentCore
import FieldAgentProtocol
import FieldAgentStore
import Foundation

/// Runs a ``SyncSession`` over a ``Transport`` against a ``ReplicaStore``: the thin I/O loop
/// around the pure state machine.
///
/// ```swift
/// let driver = SyncDriver(replica: store, transport: URLSessionTransport(baseURL: url), configuration: config)
/// let report = try await driver.run()
/// ```
///
/// Interrupted syncs (no network, a killed process) need no cleanup: the next `run()` pushes
/// what is still pending (the server answers `duplicate` for what it already stored) and pulls
/// from the last saved cursor.
public struct SyncDriver: Sendable {
    /// The device's store.
    public let replica: ReplicaStore
    /// How requests reach the server.
    public let transport: any Transport
    /// Server, token, limits and retry policy.
    public let configuration: SyncSession.Configuration
    let now: @Sendable () -> Instant
    let sleep: @Sendable (Duration) async -> Void
    let progress: (@Sendable (SyncProgress) -> Void)?
    let saveToken: (@Sendable (String) throws(AgentHomeError) -> Void)?

    /// A driver. `now` is the device clock (injectable for tests); `sleep` waits between retries;
    /// `progress` is called after every push answer and every applied page; `saveToken` stores the
    /// device token a registration answers, durably, in place of the agent's (without it the token is
    /// used for this run only).
    public init(
        replica: ReplicaStore, transport: any Transport, configuration: SyncSession.Configuration,
        now: @escaping @Sendable () -> Instant = Instant.now,
        sleep: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
        progress: (@Sendable (SyncProgress) -> Void)? = nil,
        saveToken: (@Sendable (String) throws(AgentHomeError) -> Void)? = nil
    ) {
        self.replica = replica
        self.transport = transport
        self.configuration = configuration
        self.now = now
        self.sleep = sleep
        self.progress = progress
        self.saveToken = saveToken
    }

    /// Pushes, then pulls until caught up; records the sync time and returns what was done.
    public func run() async throws(SyncError) -> SyncReport {
        var session = SyncSession(configuration)
        var action = session.receive(.start)
        while true {
            switch action {
            case .loadPushBatch(let limit):
                action = session.receive(
                    .loaded(
                        batch: replica.pushBatch(limit: limit), pending: replica.pendingCount, cursor: replica.cursor,
                        marks: replica.deviceMarks, ownHighest: replica.ownHighestCounter))
            case .send(let request, let delay):
                if delay > .zero { await sleep(delay) }
                do {
                    let response = try await transport.send(request)
                    action = session.receive(.response(response))
                } catch {
                    action = session.receive(.transportFailed(error))
                }
            case .recordPush(let batch, let results, let serverTime):
                do {
                    let outcome = try replica.recordPush(
                        batch: batch, results: results, serverTime: serverTime, at: now(), marks: session.serverMarks)
                    action = session.receive(.pushRecorded(outcome))
                } catch {
                    action = session.receive(.storageFailed(error))
                }
                progress?(session.progress)
            case .applyPage(let page):
                do {
                    let outcome = try replica.applyPage(
                        changes: page.changes, purge: page.purge, cursor: page.cursor, serverTime: page.serverTime,
                        at: now(), more: page.more, marks: session.serverMarks)
                    action = session.receive(.pageApplied(outcome))
                } catch {
                    action = session.receive(.storageFailed(error))
                }
                progress?(session.progress)
            case .finish(let report):
                guard !configuration.registerOnly else { return report }
                do {
                    try replica.markSynced(at: now())
                } catch {
                    throw .storage(error)
                }
                return report
            case .fail(let error):
                throw error
            case .saveDeviceToken(let token):
                action = session.receive(try saveDeviceToken(token))
            case .wipe:
                action = session.receive(wipe())
            case .markWipeReported:
                action = session.receive(markWipeReported())
            case .recover(let marks):
                do {
                    action = session.receive(.recovered(queued: try replica.recover(from: marks)))
                } catch {
                    action = session.receive(.storageFailed(error))
                }
            }
        }
    }

    /// Saves the device token a registration answered.
    func saveDeviceToken(_ token: String) throws(SyncError) -> SyncSession.Event {
        do {
            try saveToken?(token)
        } catch {
            throw .home(error)
        }
        return .deviceTokenSaved
    }

    /// Wipes the store as a revoked device told to wipe must.
    func wipe() -> SyncSession.Event {
        do {
            return .wiped(lostChanges: try replica.wipe())
        } catch {
            return .storageFailed(error)
        }
    }

    /// Records that the server acknowledged the wipe report.
    func markWipeReported() -> SyncSession.Event {
        do {
            try replica.markWipeReported()
            return .wipeReportSaved
        } catch {
            return .storageFailed(error)
        }
    }
}
