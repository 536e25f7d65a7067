import Glibc

/// The system's real-time clock, the one place the process reads the wall time.
public enum WallClock {
    /// Milliseconds since 1970-01-01T00:00:00Z, rounded down so the clock never reports the future.
    public static func millisecondsSinceEpoch() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
