/// What a finished child process left behind: its exit status and everything it wrote.
public struct ProcessResult: Sendable, CustomStringConvertible {
    /// The exit status (or the signal number when ``signalled`` is true).
    public var status: Int32
    /// True if the process was ended by a signal rather than exiting.
    public var signalled: Bool
    /// True if the process outlived its deadline and was killed.
    public var timedOut: Bool
    /// Everything written to standard output, decoded as UTF-8.
    public var stdout: String
    /// Everything written to standard error, decoded as UTF-8.
    public var stderr: String

    /// Exit status and both streams, for failure messages.
    public var description: String {
        let how = timedOut ? "timed out and was killed" : signalled ? "killed by signal \(status)" : "exit \(status)"
        return "\(how)\n--- stdout ---\n\(stdout)--- stderr ---\n\(stderr)"
    }
}
