import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync
import FieldAgentSystem
import Foundation

/// The `fieldagent` command-line tool: parses, dispatches, and maps every error to a message and exit code.
public enum ClientTool {
    static let commands: [any ClientCommand.Type] = [
        InitCommand.self, SyncCommand.self, StatusCommand.self, RepairCommand.self, CustomersCommand.self,
        CustomerShowCommand.self, CustomerSetCommand.self, CustomerFlagCommand.self, ContactLogCommand.self,
        NoteAddCommand.self, ConflictsCommand.self, ResolveCommand.self, PlanCommand.self, KPICommand.self,
        DemoCommand.self,
    ]

    static let lookup = CommandLookup(
        tool: "fieldagent", summary: "offline-first work for field agents", commands: commands,
        globalUsage: "[--home DIR] ")

    /// Runs the tool with `arguments` (without the program name) and returns the exit code.
    public static func main(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        console: Console = .standard, terminal: Terminal = .current()
    ) async -> Int32 {
        // A write past `ulimit -f` then fails with a named error instead of killing the process silently.
        ProcessControl.ignoreFileSizeSignal()
        // Crash tests end the process at a chosen system call (see FaultInjection.armCrash(spec:)).
        if let spec = environment["FIELDAGENT_CRASH_AT"] { FaultInjection.shared.armCrash(spec: spec) }
        var words = arguments
        var home = environment["FIELDAGENT_HOME"]
        // Global options come before the command.
        while let first = words.first, first.hasPrefix("--") {
            if first == "--home" || first.hasPrefix("--home=") {
                if first == "--home" {
                    guard words.count > 1 else {
                        return CommandLookup.usageError(UsageError("option --home needs a value"), console)
                    }
                    home = words[1]
                    words.removeFirst(2)
                } else {
                    home = String(first.dropFirst("--home=".count))
                    words.removeFirst()
                }
            } else if first == "--version" {
                console.out(ToolInfo.versionLine("fieldagent"))
                return ExitCode.success.rawValue
            } else if first == "--help" || first == "-h" {
                console.out(lookup.overview())
                return ExitCode.success.rawValue
            } else {
                break
            }
        }
        if words.isEmpty {
            console.err(lookup.overview())
            return ExitCode.usage.rawValue
        }
        let parsed: any ClientCommand
        switch lookup.parse(words, console: console) {
        case .exit(let code): return code
        case .command(let command): parsed = command as! any ClientCommand  // every entry of `commands` is one
        }
        let context = ClientContext(
            home: home ?? defaultHome(environment), console: console, terminal: terminal,
            now: ToolClock.from(environment), policy: .standard)
        do {
            return try await parsed.run(context).rawValue
        } catch {
            return ExitCode.report(error, console).rawValue
        }
    }

    static func defaultHome(_ environment: [String: String]) -> String {
        let base = environment["HOME"] ?? NSHomeDirectory()
        return (base as NSString).appendingPathComponent(".fieldagent")
    }
}
