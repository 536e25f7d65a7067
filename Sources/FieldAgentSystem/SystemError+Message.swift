#if canImport(Glibc)
    import Glibc
#endif

extension SystemError {
    /// The C library's text for an `errno` value, e.g. "No space left on device".
    public static func message(for errno: Int32) -> String {
        #if canImport(Glibc)
            return String(cString: strerror(errno))
        #else
            return "error \(errno)"
        #endif
    }
}
