import FieldAgentCommandKit

/// A `fieldagent` command.
protocol ClientCommand: ToolCommand {
    func run(_ context: ClientContext) async throws -> ExitCode
}
