#if canImport(Glibc)
    import Glibc
#endif

extension SystemError {
    /// The disk (or the user's quota) is full: `ENOSPC` or `EDQUOT`.
    public var isNoSpace: Bool { errno == ENOSPC || errno == EDQUOT }

    /// The path does not exist: `ENOENT`.
    public var isNotFound: Bool { errno == ENOENT }
}
