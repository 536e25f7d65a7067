import FieldAgentCore
import FieldAgentStore

/// The clock both tools read.
public enum ToolClock {
    /// The wall clock, or a fixed instant from `FIELDAGENT_NOW` (RFC 3339) for reproducible runs and tests.
    public static func from(_ environment: [String: String]) -> @Sendable () -> Instant {
        if let text = environment["FIELDAGENT_NOW"], let fixed = Instant(text) { return { fixed } }
        return Instant.now
    }
}
