import FieldAgentCommandKit
import FieldAgentServer
import FieldAgentSystem

/// `fieldagent-server serve`: run the sync server until SIGTERM or SIGINT.
struct ServeCommand: ServerCommand {
    static let path = ["serve"]
    static let abstract = "run the sync server (default 127.0.0.1:8080) until SIGTERM/SIGINT"
    static let synopsis = "--data DIR [--listen HOST:PORT] [--accept-restore]"
    static let details = """
        Logs one line per request to stderr (no personal data). Back-office commands keep working while it
        runs, through the admin socket in the data directory. SIGTERM or SIGINT finish in-flight requests,
        flush storage and exit 0. Put it behind a TLS reverse proxy (see README).

        At start it prints the store's epoch, its last sequence number and every repair made on opening.
        It refuses a data directory whose store is missing, empty or holds another history than the one
        the directory last held, as after a restore from a backup; --accept-restore confirms the store as
        it is and starts a new epoch, so devices send back what the server lacks. Give it once, for the
        first start after a restore.
        """
    static let valuedOptions: Set<String> = ["--data", "--listen"]

    var data: String
    var listen: String
    var acceptRestore: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        data = try a.dataDirectory()
        listen = try a.option("--listen") ?? "127.0.0.1:8080"
        acceptRestore = try a.flag("--accept-restore")
        do {
            _ = try SocketAddress(parsing: listen)
        } catch {
            throw UsageError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080", usage: a.usage)
        }
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        let server = try SyncServer(
            dataDirectory: data, listen: try SocketAddress(parsing: listen), acceptRestore: acceptRestore,
            now: context.now)
        try server.shutdownOnSignals()
        for line in server.startReport.lines { context.console.err("fieldagent-server: " + line) }
        context.console.err("fieldagent-server: listening on \(server.address) (data \(data))")
        try server.run()
        context.console.err("fieldagent-server: stopped")
        return .success
    }
}
