/// Finds which command a command line names, and renders help and usage texts.
struct CommandLookup {
    var tool: String
    var summary: String
    var commands: [any ToolCommand.Type]
    var globalUsage: String

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

    func usage(_ command: any ToolCommand.Type) -> String {
        "usage: \(tool) \(globalUsage)\(command.path.joined(separator: " ")) \(command.synopsis)"
    }

    func help(_ command: any ToolCommand.Type) -> String {
        var text =
            usage(command) + "\n\n" + command.abstract.prefix(1).uppercased() + command.abstract.dropFirst() + "."
        if !command.details.isEmpty { text += "\n\n" + command.details }
        return text + "\n\n" + ExitCode.summary
    }

    func overview() -> String {
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
