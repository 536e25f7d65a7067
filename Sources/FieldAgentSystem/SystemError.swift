/// A failed system call: which operation, on what, and the `errno` it returned.
///
/// Every wrapper in this module throws this one type, so callers above can wrap it in
/// their own layer's error without caring which syscall failed.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation that failed, e.g. `"fsync"` or `"open"`.
    public var operation: String
    /// The path or descriptor the operation was applied to, when there was one.
    public var subject: String?
    /// The raw `errno` value.
    public var errno: Int32

    public init(operation: String, subject: String? = nil, errno: Int32) {
        self.operation = operation
        self.subject = subject
        self.errno = errno
    }

    public var description: String {
        let on = subject.map { " \($0)" } ?? ""
        return "\(operation)\(on) failed: \(SystemError.message(for: errno)) (errno \(errno))"
    }
}
