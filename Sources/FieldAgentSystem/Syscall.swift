#if canImport(Glibc)
    import Glibc
#endif

/// The single place where raw C calls are made and their results checked.
///
/// `retrying` re-issues a call interrupted by a signal (`EINTR`) and turns a `-1` result
/// into a ``SystemError``. Fault injection for tests hooks in here too, so every wrapper
/// above gets it for free.
public enum Syscall {
    /// Runs `body` until it does not fail with `EINTR`; throws ``SystemError`` on `-1`.
    @inline(__always)
    public static func retrying<Result: BinaryInteger>(
        _ operation: String,
        _ subject: @autoclosure () -> String? = nil,
        _ body: () -> Result
    ) throws(SystemError) -> Result {
        if let injected = FaultInjection.shared.fault(for: operation, subject: subject) {
            throw SystemError(operation: operation, subject: subject(), errno: injected)
        }
        while true {
            let result = body()
            if result != -1 { return result }
            let code = errno
            if code == EINTR { continue }
            throw SystemError(operation: operation, subject: subject(), errno: code)
        }
    }
}
