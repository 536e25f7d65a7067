import FieldAgentCommandKit
import FieldAgentSync

extension SyncError: ExitCodeChoosing {
    /// 3 when the server cannot be used now (local work is kept), 4 for a refused token, else 1.
    public var exitCode: ExitCode {
        switch self {
        case .unreachable, .serverFailed: .unavailable
        case .unauthorized, .tokenRevoked: .unauthorized
        case .clockSkew, .refused, .invalidResponse, .storage, .home: .failure
        }
    }
}
