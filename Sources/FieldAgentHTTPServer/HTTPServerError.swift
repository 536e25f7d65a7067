import FieldAgentSystem

/// Why the server could not start or keep running.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed, e.g. `bind` because the port is taken.
    case system(SystemError)
    /// ``HTTPServer/run()`` was called a second time.
    case alreadyRun

    public var description: String {
        switch self {
        case .system(let error):
            if error.operation == "bind" && error.errno == 98 {
                return "Cannot listen on \(error.subject ?? "the address"): it is already in use. Stop the other "
                    + "process or choose another address with --listen."
            }
            return "HTTP server: \(error)"
        case .alreadyRun: return "HTTPServer.run() can be called only once per server."
        }
    }
}
