/// An error that knows which exit code it ends a command with.
///
/// Each tool conforms its errors (with an exhaustive `switch`, so a new case must pick its code);
/// anything else ends with ``ExitCode/failure``.
public protocol ExitCodeChoosing: Error {
    /// The code the tool exits with when a command ends with this error.
    var exitCode: ExitCode { get }
}
