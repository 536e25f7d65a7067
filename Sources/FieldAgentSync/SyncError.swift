/// Why a sync did not complete, phrased so that the agent knows what to do.
///
/// Nothing is lost in these cases but one: pending changes stay on the device and the cursor only
/// moves with applied data, so the next sync continues where this one stopped. The exception is
/// ``deviceWiped(server:lostChanges:)``, where the back office had the device delete its data.
/// Descriptions never contain personal data or the token.
public enum SyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No HTTP answer after every retry (refused, timed out, cut).
    case unreachable(server: String, reason: String, pending: Int)
    /// The server answered, but kept failing (5xx) or asking to come back later (408, 429) through every retry.
    case serverFailed(server: String, status: Int, pending: Int)
    /// The server does not know the token (missing, malformed or unknown).
    case unauthorized(server: String)
    /// The token was revoked by the back office.
    case tokenRevoked(server: String)
    /// The server registers this device's replica id to another agent (`409 device-taken`).
    case deviceTaken(server: String)
    /// The back office revoked this device (`401 device-revoked` without a wipe); its data is kept.
    case deviceRevoked(server: String)
    /// The back office revoked this device and had it wipe every customer's data; `lostChanges`
    /// changes made here were never synced and are gone.
    case deviceWiped(server: String, lostChanges: Int)
    /// The server refused changes for clock skew even after they were re-stamped with its own time.
    case clockSkew(aheadSeconds: Int64, pending: Int)
    /// The server refused the request itself (4xx other than 401), with its problem `type` and `detail`.
    case refused(status: Int, type: String, detail: String)
    /// The server's answer does not follow protocol.md.
    case invalidResponse(String)
    /// The device's own store failed; its description says what to do.
    case storage(ReplicaStoreError)
    /// The device's home (its token file) could not be read.
    case home(AgentHomeError)

    public var description: String {
        switch self {
        case .unreachable(let server, let reason, let pending):
            return "cannot reach \(server): \(reason) — \(SyncError.kept(pending))"
        case .unauthorized(let server):
            return
                "\(server) does not accept this device's token; ask the back office for a new token and run "
                + "`fieldagent init` again (your pending changes are kept)"
        case .tokenRevoked(let server):
            return
                "the token of this device was revoked at \(server); ask the back office for a new token and run "
                + "`fieldagent init` again (your pending changes are kept)"
        case .deviceTaken(let server):
            return
                "\(server) says this device's id is used by another agent; run `fieldagent init` in a new home "
                + "(another --home directory) to set this device up again (your pending changes are kept here)"
        case .deviceRevoked(let server):
            return
                "this device was revoked at \(server); ask the back office, then run `fieldagent init` in a new home "
                + "(another --home directory) (the data on this device is kept)"
        case .deviceWiped(let server, let lost):
            return
                "this device was revoked at \(server) and every customer's data on it was wiped "
                + "(\(SyncError.lost(lost))); ask the back office, then run `fieldagent init` in a new home "
                + "(another --home directory)"
        case .clockSkew(let ahead, let pending):
            return
                "this device's clock is about \(ahead) s ahead of the server and the server keeps refusing its changes; "
                + "set the date and time right and sync again — \(SyncError.kept(pending))"
        case .refused(let status, let type, let detail):
            let tail = detail.isEmpty ? "" : ": \(detail)"
            return "the server refused the sync (HTTP \(status), \(type))\(tail); your changes are kept"
        case .invalidResponse(let problem):
            return
                "the server's answer does not follow the sync protocol (\(problem)); check the server address and "
                + "versions; your changes are kept"
        case .serverFailed(let server, let status, let pending):
            let what =
                status == 507
                ? "the server is out of disk space" : status >= 500 ? "the server failed" : "the server was too busy"
            return "\(what) (HTTP \(status)) at \(server) — \(SyncError.kept(pending))"
        case .storage(let error):
            return "the local store failed: \(error.description)"
        case .home(let error):
            return error.description
        }
    }

    static func lost(_ count: Int) -> String {
        switch count {
        case 0: "no unsynced change was lost"
        case 1: "1 unsynced change was lost"
        default: "\(count) unsynced changes were lost"
        }
    }

    static func kept(_ pending: Int) -> String {
        switch pending {
        case 0: "nothing is lost; sync again later"
        case 1: "your 1 change is kept and will be sent at the next sync"
        default: "your \(pending) changes are kept and will be sent at the next sync"
        }
    }
}
