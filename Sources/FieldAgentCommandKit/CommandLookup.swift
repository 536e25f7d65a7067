/// Finds which command a command line names, and renders help and usage texts.
public struct CommandLookup: Sendable {
    /// The program name, e.g. `fieldagent`.
    public var tool: String
    /// One line saying what the tool is for.
    public var summary: String
    /// Every command, in the order the overview lists them.
    public var commands: [any ToolCommand.Type]
    /// Global options shown in usage lines, before the command (e.g. `[--home DIR] `).
    public var globalUsage: String

    /// A lookup over `commands`.
    public init(tool: String, summary: String, commands: [any ToolCommand.Type], globalUsage: String) {
        self.tool = tool
        self.summary = summary
        self.commands = commands
        self.globalUsage = globalUsage
    }

    /// The command whose path is the longest prefix of `words`, with the words that follow it.
    func match(_ words: [String]) -> (any ToolCommand.Type, [String])? {
        var best: (any ToolCommand.Type, Int)?
        for command in commands where words.count >= command.path.count {
            if Array(words.prefix(command.path.count)) == command.path, command.path.count > (best?.1 ?? 0) {
                best = (command, command.path.count)
            }
        }
        return best.map { ($0.0, Array(words.dropFirst($0.1))) }
    }

    /// What a command line comes to: a parsed command to run, or an exit code (help was printed, or
    /// the line was wrong and the error and usage went to stderr).
    public enum Parsed {
        case command(any ToolCommand)
        case exit(Int32)
    }

    /// Finds the command `words` name and parses its arguments completely, before anything runs.
    public func parse(_ words: [String], console: Console) -> Parsed {
        guard let (command, rest) = match(words) else {
            return .exit(
                CommandLookup.usageError(
                    UsageError(
                        "unknown command '\(words.prefix(2).joined(separator: " "))'",
                        usage: "run `\(tool) --help` for the list"), console))
        }
        if rest.contains("--help") || rest.contains("-h") {
            console.out(help(command))
            return .exit(ExitCode.success.rawValue)
        }
        do {
            var cursor = try ArgumentCursor(rest, valued: command.valuedOptions, usage: usage(command))
            let parsed = try command.init(&cursor)
            try cursor.finish()
            return .command(parsed)
        } catch {
            return .exit(CommandLookup.usageError(error, console))
        }
    }

    /// Reports a usage error and its usage text on stderr; returns exit code 2.
    public static func usageError(_ error: UsageError, _ console: Console) -> Int32 {
        console.err("error: \(error.message)")
        if !error.usage.isEmpty { console.err(error.usage) }
        return ExitCode.usage.rawValue
    }

    func usage(_ command: any ToolCommand.Type) -> String {
        "usage: \(tool) \(globalUsage)\(command.path.joined(separator: " ")) \(command.synopsis)"
    }

    func help(_ command: any ToolCommand.Type) -> String {
        var text =
            usage(command) + "\n\n" + command.abstract.prefix(1).uppercased() + command.abstract.dropFirst() + "."
        if !command.details.isEmpty { text += "\n\n" + command.details }
        return text + "\n\n" + ExitCode.summary
    }

    /// The tool's help page: every command with its abstract, and the exit codes.
    public func overview() -> String {
        let width = commands.map { $0.path.joined(separator: " ").count }.max() ?? 0
        let lines = commands.map { c in
            "  " + c.path.joined(separator: " ").padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + c.abstract
        }
        return """
            \(tool) \(ToolInfo.version): \(summary)

            usage: \(tool) \(globalUsage)COMMAND [OPTIONS]

            Commands:
            \(lines.joined(separator: "\n"))

            Run `\(tool) COMMAND --help` for a command's options. `--version` prints the version.

            \(ExitCode.summary)
            """
    }
}
