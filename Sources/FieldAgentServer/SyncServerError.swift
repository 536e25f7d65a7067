/// Why the server could not start or keep serving, with what to do.
public enum SyncServerError: Error, Sendable, CustomStringConvertible {
    /// The data directory could not be created or opened.
    case dataDirectory(path: String, reason: String)
    /// Storage failed to open (in use by another server, corrupt …).
    case storage(ServerStorageError)
    /// The listening address could not be bound, or the event loop failed.
    case listen(address: String, reason: String)
    /// The admin socket could not be created.
    case adminSocket(path: String, reason: String)

    public var description: String {
        switch self {
        case .dataDirectory(let path, let reason): "cannot use data directory \(path): \(reason)"
        case .storage(let error): error.description
        case .listen(let address, let reason):
            "cannot serve on \(address): \(reason); choose another address with --listen"
        case .adminSocket(let path, let reason):
            "cannot create the admin socket \(path): \(reason); use a data directory with a shorter path"
        }
    }
}
