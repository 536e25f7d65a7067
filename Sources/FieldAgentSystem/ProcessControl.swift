#if canImport(Glibc)
    import Glibc
#endif

/// The current process's id and signals to other processes.
public enum ProcessControl {
    /// The id of the running process, as written into lock files.
    public static var currentID: Int32 { getpid() }

    /// Ignores `SIGXFSZ`, so a write past the file size limit (`ulimit -f`) fails with `EFBIG`,
    /// which the store reports, instead of killing the process without a word.
    public static func ignoreFileSizeSignal() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }

    /// Ends process `pid` at once with `SIGKILL`, as a power cut or the OOM killer would.
    ///
    /// Crash tests use it to stop a writer at an arbitrary instruction.
    public static func forceKill(_ pid: Int32) throws(SystemError) {
        _ = try Syscall.retrying("kill", "process \(pid)") { kill(pid, SIGKILL) }
    }
}
