#if canImport(Glibc)
    import Glibc
#endif

extension Signal {
    /// Unblocks `signals` for the calling thread.
    ///
    /// A process started by a parent whose thread blocked signals (test runners, some supervisors)
    /// inherits that mask; a server must unblock the signals it promises to handle, or SIGTERM
    /// would never reach it.
    public static func unblock(_ signals: [Signal]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal.number) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
