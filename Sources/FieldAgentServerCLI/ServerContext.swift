import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentServer

/// What every `fieldagent-server` command gets.
struct ServerContext: Sendable {
    var console: Console
    var terminal: Terminal
    var now: @Sendable () -> Instant

    /// The back office for data directory `data`: stamps with this context's clock and, when opening
    /// the files directly repaired something, says so on stderr.
    func admin(_ data: String) -> AdminClient {
        let console = self.console
        return AdminClient(dataDirectory: data, now: now) { report in
            guard !report.repairs.isEmpty else { return }
            for line in report.lines { console.err("fieldagent-server: " + line) }
        }
    }
}
