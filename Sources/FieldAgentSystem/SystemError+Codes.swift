#if canImport(Glibc)
    import Glibc
#endif

extension SystemError {
    /// The disk (or the user's quota) is full: `ENOSPC` or `EDQUOT`.
    public var isNoSpace: Bool { errno == ENOSPC || errno == EDQUOT }

    /// A file would grow past the process's file size limit (`ulimit -f`): `EFBIG`. Seen only
    /// once `SIGXFSZ` is ignored (``ProcessControl/ignoreFileSizeSignal()``); otherwise it kills.
    public var isFileTooLarge: Bool { errno == EFBIG }

    /// The path does not exist: `ENOENT`.
    public var isNotFound: Bool { errno == ENOENT }
}
