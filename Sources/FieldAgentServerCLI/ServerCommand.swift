import FieldAgentCommandKit

/// A `fieldagent-server` command. Every one names the data directory with `--data DIR`.
protocol ServerCommand: ToolCommand {
    func run(_ context: ServerContext) throws -> ExitCode
}
