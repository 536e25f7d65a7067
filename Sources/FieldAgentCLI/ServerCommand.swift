import FieldAgentCore

/// A `fieldagent-server` command. Every one names the data directory with `--data DIR`.
protocol ServerCommand: ToolCommand {
    func run(_ context: ServerContext) throws -> ExitCode
}

/// What every `fieldagent-server` command gets.
struct ServerContext: Sendable {
    var console: Console
    var terminal: Terminal
    var now: @Sendable () -> Instant
}

extension ArgumentCursor {
    /// The required `--data DIR`.
    mutating func dataDirectory() throws(UsageError) -> String {
        guard let data = try option("--data") else { throw UsageError("missing --data DIR", usage: usage) }
        return data
    }
}
