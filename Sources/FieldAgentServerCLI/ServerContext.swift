import FieldAgentCommandKit
import FieldAgentCore

/// What every `fieldagent-server` command gets.
struct ServerContext: Sendable {
    var console: Console
    var terminal: Terminal
    var now: @Sendable () -> Instant
}
