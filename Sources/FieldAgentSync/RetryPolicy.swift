/// How often and how patiently a sync request is retried after a network failure or a 5xx answer.
///
/// Exponential backoff: the n-th retry waits `initialDelay × 2^(n-1)`, capped at `maxDelay`;
/// after `maxAttempts` tries in all the sync stops with ``SyncError/unreachable(server:reason:pending:)``
/// (no answer) or ``SyncError/serverFailed(server:status:pending:)`` (the server kept failing).
/// Deterministic (no jitter), so tests can check the schedule exactly.
public struct RetryPolicy: Sendable, Hashable {
    /// Tries per request, the first included (at least 1).
    public var maxAttempts: Int
    /// The wait before the first retry.
    public var initialDelay: Duration
    /// The longest wait between tries.
    public var maxDelay: Duration

    /// A policy; the defaults try 5 times over about 3 seconds.
    public init(maxAttempts: Int = 5, initialDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The wait before retry number `retry` (1 for the first retry).
    public func delay(beforeRetry retry: Int) -> Duration {
        var delay = initialDelay
        for _ in 1..<max(1, retry) {
            delay = delay * 2
            if delay >= maxDelay { return maxDelay }
        }
        return min(delay, maxDelay)
    }
}
