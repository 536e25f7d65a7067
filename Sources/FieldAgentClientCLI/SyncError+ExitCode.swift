import FieldAgentCommandKit
import FieldAgentSync

extension SyncError: ExitCodeChoosing {
    /// 3 when the server cannot be used now (local work is kept), 4 for a refused token or a revoked
    /// device (wiped or not), else 1 (a taken device id included: it needs a new home, not a new token).
    public var exitCode: ExitCode {
        switch self {
        case .unreachable, .serverFailed: .unavailable
        case .unauthorized, .tokenRevoked, .deviceRevoked, .deviceWiped: .unauthorized
        case .deviceTaken, .clockSkew, .refused, .invalidResponse, .storage, .home: .failure
        }
    }
}
