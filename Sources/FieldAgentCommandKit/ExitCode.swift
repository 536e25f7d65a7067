/// The exit codes both tools use; `--help` and the README list them.
public enum ExitCode: Int32, Sendable, CaseIterable {
    /// Success.
    case success = 0
    /// The command ran but failed: invalid input file, unknown customer, store problem.
    case failure = 1
    /// The command line itself was wrong: unknown option, missing argument. Nothing was changed.
    case usage = 2
    /// The server could not be reached, or the connection broke. Local work is kept.
    case unavailable = 3
    /// The server refused the token (unknown or revoked).
    case unauthorized = 4

    /// One line per code, for help texts.
    public static let summary = """
        Exit codes:
          0  success
          1  the command failed (bad input file, unknown customer, store problem)
          2  usage error (unknown option, missing argument); nothing was changed
          3  server unreachable or connection lost; local work is kept
          4  token unknown or revoked
        """
}
