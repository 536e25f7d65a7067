/// Why a back-office operation failed, with what to do about it. Never quotes personal data.
public enum AdminError: Error, Sendable, CustomStringConvertible {
    /// An agent name that is empty, too long, reserved or has characters other than letters, digits, `.`, `_`, `-`.
    case invalidAgentName(String)
    /// `agent add` for a name that exists.
    case agentExists(String)
    /// No agent with this name.
    case unknownAgent(String)
    /// No device registered under this replica id.
    case unknownDevice(String)
    /// No customer with this id.
    case unknownCustomer(String)
    /// The customer was erased; it cannot be assigned or imported again under the same id.
    case customerErased(String)
    /// The portfolio file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The portfolio is invalid; `problem` names the path of the first error. Nothing was imported.
    case invalidPortfolio(String)
    /// A date argument is not `YYYY-MM-DD`, or the range is reversed.
    case invalidDate(String)
    /// The server's storage failed; its description says what to do.
    case storage(ServerStorageError)
    /// The running server failed to perform the request (its storage failed); `reason` is its own account.
    case serverFailed(reason: String)
    /// The running server could not be reached through its admin socket.
    case serverUnreachable(path: String, reason: String)
    /// The admin socket answered something this program does not understand.
    case badReply(String)
    /// The data directory holds no server data, and the request would not create any.
    case noData(path: String)

    public var description: String {
        switch self {
        case .invalidAgentName(let name):
            "invalid agent name \"\(name)\": use 1 to 64 letters, digits, '.', '_' or '-' (\"backoffice\" is reserved)"
        case .agentExists(let name): "agent \(name) already exists; revoke it or choose another name"
        case .unknownAgent(let name): "no agent named \(name); list agents with `fieldagent-server agent list`"
        case .unknownDevice(let id):
            "no device \(id) is registered; list devices with `fieldagent-server device list`"
        case .unknownCustomer(let id): "no customer \(id); import the portfolio that contains it first"
        case .customerErased(let id): "customer \(id) was erased and cannot be used again"
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidPortfolio(let problem): "invalid portfolio, nothing was imported: \(problem)"
        case .invalidDate(let text): "invalid date \(text): use YYYY-MM-DD, with from not after to"
        case .storage(let error): error.description
        case .serverFailed(let reason): "the running server could not do it: \(reason)"
        case .serverUnreachable(let path, let reason):
            "the data directory is in use by a running server, but its admin socket \(path) did not answer (\(reason)); "
                + "check that the server is healthy or stop it and retry"
        case .badReply(let reason): "unexpected answer from the running server: \(reason)"
        case .noData(let path):
            "no FieldAgent server data in \(path); check --data, or start with `fieldagent-server agent add` or `import`"
        }
    }
}
