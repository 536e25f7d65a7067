import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentSystem
import Foundation

/// The `fieldagent-server` command-line tool for the back office.
public enum ServerTool {
    static let commands: [any ServerCommand.Type] = [
        ServeCommand.self, AgentAddCommand.self, AgentRevokeCommand.self, AgentListCommand.self,
        DeviceListCommand.self, DeviceRevokeCommand.self, ImportCommand.self,
        AssignCommand.self, UnassignCommand.self, ServerKPICommand.self, EraseCommand.self,
    ]

    static let lookup = CommandLookup(
        tool: "fieldagent-server", summary: "the FieldAgent sync server and back office", commands: commands,
        globalUsage: "")

    /// Runs the tool with `arguments` (without the program name) and returns the exit code.
    public static func main(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        console: Console = .standard, terminal: Terminal = .current()
    ) -> Int32 {
        // A write past `ulimit -f` then fails with a named error instead of killing the process silently.
        ProcessControl.ignoreFileSizeSignal()
        // Crash tests end the process at a chosen system call (see FaultInjection.armCrash(spec:)).
        if let spec = environment["FIELDAGENT_CRASH_AT"] { FaultInjection.shared.armCrash(spec: spec) }
        if arguments.first == "--version" {
            console.out(ToolInfo.versionLine("fieldagent-server"))
            return ExitCode.success.rawValue
        }
        if arguments.isEmpty || arguments.first == "--help" || arguments.first == "-h" {
            (arguments.isEmpty ? console.err : console.out)(lookup.overview())
            return (arguments.isEmpty ? ExitCode.usage : ExitCode.success).rawValue
        }
        let parsed: any ServerCommand
        switch lookup.parse(arguments, console: console) {
        case .exit(let code): return code
        case .command(let command): parsed = command as! any ServerCommand  // every entry of `commands` is one
        }
        let context = ServerContext(console: console, terminal: terminal, now: ToolClock.from(environment))
        do {
            return try parsed.run(context).rawValue
        } catch {
            return ExitCode.report(error, console).rawValue
        }
    }
}
