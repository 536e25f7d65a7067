import FieldAgentCommandKit
import FieldAgentServer

extension AdminError: ExitCodeChoosing {
    /// Every back-office failure is 1: the command ran and failed, and nothing was changed.
    public var exitCode: ExitCode {
        switch self {
        case .invalidAgentName, .agentExists, .unknownAgent, .unknownDevice, .unknownCustomer, .customerErased,
            .unreadableFile,
            .invalidPortfolio, .invalidDate, .storage, .serverFailed, .serverUnreachable, .badReply, .noData:
            .failure
        }
    }
}
