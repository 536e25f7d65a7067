import FieldAgentProtocol

/// Why an agent home could not be created, opened or edited; descriptions say what to do and
/// never quote the values typed (they may be personal data).
public enum AgentHomeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No home in the directory.
    case missing(path: String)
    /// The home's store cannot be opened: `problem` names the file that is missing or damaged (and
    /// the byte offset), or the configuration the store lacks. `fieldagent repair` rebuilds it.
    case damaged(path: String, problem: String)
    /// `fieldagent repair` could not rebuild the home; `reason` says why and what to do.
    case unrepairable(path: String, reason: String)
    /// `init` on a directory that already holds a home.
    case alreadyExists(path: String)
    /// An `init` argument is unusable.
    case invalidSetting(String)
    /// The customer is not on this device (not assigned, not synced yet, purged or erased).
    case unknownCustomer(String)
    /// The edit fails the same validation the server applies; nothing was written.
    case invalidEdit(reason: RejectionReason, detail: String)
    /// The replica store failed.
    case store(ReplicaStoreError)
    /// The token file could not be written or read.
    case tokenFile(path: String, problem: String)
    /// The configuration file (`HOME/home.json`) could not be written.
    case configurationFile(path: String, problem: String)

    /// The back office revoked this device and had it wipe its data (`lostChanges` unsynced changes lost).
    case wiped(lostChanges: Int)

    public var description: String {
        switch self {
        case .missing(let path): "no FieldAgent home at \(path); run `fieldagent init` first"
        case .damaged(let path, let problem):
            "the FieldAgent home at \(path) is damaged: \(problem). Run `fieldagent repair` to keep what can "
                + "still be read and rebuild the rest from the server"
        case .unrepairable(let path, let reason): "cannot repair the FieldAgent home at \(path): \(reason)"
        case .alreadyExists(let path):
            "a FieldAgent home already exists at \(path); use it, or choose another --home"
        case .invalidSetting(let problem): problem
        case .unknownCustomer(let id):
            "customer \(id) is not on this device; check the id with `fieldagent customers`, or sync first"
        case .invalidEdit(let reason, let detail): "\(detail) (\(reason)); nothing was saved"
        case .store(let error): error.description
        case .tokenFile(let path, let problem): "cannot use the token file \(path): \(problem)"
        case .configurationFile(let path, let problem):
            "cannot write the configuration file \(path): \(problem); check that the directory is yours and the disk "
                + "has room, then run the command again"
        case .wiped(let lost):
            "this device was revoked and wiped by the back office (\(SyncError.lost(lost))); no customer data is "
                + "left here: ask the back office, then run `fieldagent init` in a new home (another --home directory)"
        }
    }
}
