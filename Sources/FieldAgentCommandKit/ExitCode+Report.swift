extension ExitCode {
    /// Prints `error` for a person on standard error and returns the exit code its type chooses.
    public static func report(_ error: any Error, _ console: Console) -> ExitCode {
        console.err("error: \(error)")
        return (error as? any ExitCodeChoosing)?.exitCode ?? .failure
    }
}
