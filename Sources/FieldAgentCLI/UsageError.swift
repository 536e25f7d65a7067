/// A command line that cannot be run as typed: unknown option, missing argument, bad value.
///
/// Reported with the command's usage and exit code 2, before anything is changed.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// The usage text of the command that failed to parse, printed after the message.
    public var usage: String

    public init(_ message: String, usage: String = "") {
        self.message = message
        self.usage = usage
    }

    public var description: String { message }
}
