import FieldAgentCommandKit
import FieldAgentSync

/// `fieldagent init --server URL --agent NAME --token -|--token-file PATH`: makes this directory a new device (replica).
struct InitCommand: ClientCommand {
    static let path = ["init"]
    static let abstract = "set up this device for an agent (a new replica)"
    static let synopsis = "--server URL --agent NAME (--token - | --token-file PATH)"
    static let details = """
        Creates the home directory (--home, $FIELDAGENT_HOME or ~/.fieldagent) with a new replica id.
        `--token -` reads the agent's token from the first line of standard input; `--token-file PATH`
        from a file only you can read (mode 600). `--token TOKEN` still works but warns: a token on
        the command line shows in `ps` and in shell history.
        The token is stored in HOME/token, readable only by you. Running init again on an existing
        home for the same agent and server replaces the token (e.g. after the back office issued a new one).
        When the server answers, init registers the device and keeps the device token it gets instead of the
        agent's (HOME/token then holds it and a second line, `device`); when it cannot be reached, init still
        succeeds and the device registers at its first sync.
        """
    static let valuedOptions: Set<String> = ["--server", "--agent", "--token", "--token-file"]

    var server: String
    var agent: String
    var token: TokenSource

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        guard let server = try a.option("--server") else { throw UsageError("missing --server URL", usage: a.usage) }
        guard let agent = try a.option("--agent") else { throw UsageError("missing --agent NAME", usage: a.usage) }
        (self.server, self.agent, self.token) = (server, agent, try TokenSource(&a))
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let token = try self.token.read(context.console)
        let created: Result<AgentHome, AgentHomeError>
        do {
            created = .success(
                try AgentHome.initialize(at: context.home, server: server, agent: agent, token: token, now: context.now)
            )
        } catch {
            created = .failure(error)
        }
        switch created {
        case .success(let home):
            defer { home.close() }
            context.console.out(
                "Initialised \(context.home) for agent \(agent) (replica \(home.configuration.replicaID)); run `fieldagent sync`."
            )
            try await InitCommand.register(home, context.console)
            return .success
        case .failure(let error):
            guard case .alreadyExists = error else { throw error }
            let home = try context.openHome()
            defer { home.close() }
            guard home.configuration.agent == agent,
                home.configuration.server == server || home.configuration.server + "/" == server
            else {
                throw AgentHomeError.alreadyExists(path: context.home)
            }
            try home.setToken(token)
            context.console.out("Replaced the token of \(context.home) (replica \(home.configuration.replicaID)).")
            try await InitCommand.register(home, context.console)
            return .success
        }
    }

    /// Registers the device when the server answers. Offline (or with the server failing) init still
    /// succeeds and the device registers at its first sync; a server without registration (`404`)
    /// needs none; a taken or revoked device id fails, since this home can never sync.
    static func register(_ home: AgentHome, _ console: Console) async throws {
        do {
            if try await home.register() { console.out("Registered this device with \(home.configuration.server).") }
        } catch {
            switch error {
            case .deviceTaken, .deviceRevoked, .deviceWiped: throw error
            case .unreachable, .serverFailed:
                console.out("The server could not be reached; this device will register at its first sync.")
            default:
                console.out("This device could not register now (\(error.description)); `fieldagent sync` tries again.")
            }
        }
    }
}
