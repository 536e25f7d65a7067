/// A command line that cannot be run as typed: unknown option, missing argument, bad value.
///
/// Reported with the command's usage and exit code 2, before anything is changed.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, e.g. "missing --data DIR".
    public var message: String
    /// The usage text of the command that failed to parse, printed after the message.
    public var usage: String

    /// An error with its message and the usage text to print after it.
    public init(_ message: String, usage: String = "") {
        self.message = message
        self.usage = usage
    }

    /// The message.
    public var description: String { message }
}
