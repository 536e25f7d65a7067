import FieldAgentCore

/// The admin socket carries errors as `{"code": …, "subject": …, "reason": …, "message": …}`, so the
/// client rebuilds the same typed error (and exit code) the server met, not a string.
extension AdminError {
    /// The error as an admin-socket reply member.
    var json: Value {
        var members: [String: Value] = ["code": .string(code), "message": .string(description)]
        if let subject { members["subject"] = .string(subject) }
        if let reason { members["reason"] = .string(reason) }
        return .object(members)
    }

    /// Rebuilds the error a running server sent; an unknown code is a ``badReply(_:)``.
    init(reply: Value) {
        let subject = reply["subject"]?.stringValue ?? ""
        let reason = reply["reason"]?.stringValue ?? ""
        switch reply["code"]?.stringValue {
        case "invalid-agent-name": self = .invalidAgentName(subject)
        case "agent-exists": self = .agentExists(subject)
        case "unknown-agent": self = .unknownAgent(subject)
        case "unknown-device": self = .unknownDevice(subject)
        case "unknown-customer": self = .unknownCustomer(subject)
        case "customer-erased": self = .customerErased(subject)
        case "unreadable-file": self = .unreadableFile(path: subject, reason: reason)
        case "invalid-portfolio": self = .invalidPortfolio(reason)
        case "invalid-date": self = .invalidDate(subject)
        case "no-data": self = .noData(path: subject)
        case "server-failed": self = .serverFailed(reason: reason)
        case "bad-reply": self = .badReply(reason)
        default: self = .badReply("an error this program does not know")
        }
    }

    private var code: String {
        switch self {
        case .invalidAgentName: "invalid-agent-name"
        case .agentExists: "agent-exists"
        case .unknownAgent: "unknown-agent"
        case .unknownDevice: "unknown-device"
        case .unknownCustomer: "unknown-customer"
        case .customerErased: "customer-erased"
        case .unreadableFile: "unreadable-file"
        case .invalidPortfolio: "invalid-portfolio"
        case .invalidDate: "invalid-date"
        case .noData: "no-data"
        case .storage, .serverFailed, .serverUnreachable: "server-failed"
        case .badReply: "bad-reply"
        }
    }

    private var subject: String? {
        switch self {
        case .invalidAgentName(let s), .agentExists(let s), .unknownAgent(let s), .unknownDevice(let s),
            .unknownCustomer(let s),
            .customerErased(let s), .invalidDate(let s):
            s
        case .unreadableFile(let path, _), .noData(let path): path
        default: nil
        }
    }

    private var reason: String? {
        switch self {
        case .unreadableFile(_, let reason), .serverFailed(let reason), .badReply(let reason): reason
        case .invalidPortfolio(let problem): problem
        case .storage(let error): error.description
        case .serverUnreachable(_, let reason): reason
        default: nil
        }
    }
}
