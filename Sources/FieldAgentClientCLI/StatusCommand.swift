import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentPolicy
import FieldAgentSync

/// `fieldagent status`: pending changes, rejected changes, conflicts, last sync and staleness.
struct StatusCommand: ClientCommand {
    static let path = ["status"]
    static let abstract = "pending and rejected changes, conflicts, last sync"
    static let synopsis = "[--json]"

    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { json = try a.flag("--json") }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let s = home.status()
        let now = context.now()
        let staleAfter = Int64(context.policy.staleSyncHours) * 3_600_000
        let stale = s.lastSync.map { now.millisecondsSinceEpoch - $0.millisecondsSinceEpoch > staleAfter } ?? true
        if json {
            context.console.json(
                .object([
                    "pending": .int(Int64(s.pending)), "rejected": .list(s.rejected.map(RejectedView.value)),
                    "conflicts": .int(Int64(s.conflicts)),
                    "lastSync": s.lastSync.map { .string($0.description) } ?? .null,
                    "stale": .bool(stale), "agent": .string(s.agent), "replica": .string(s.replicaID),
                    "server": .string(s.server), "repair": s.repairNotice.map(Value.string) ?? .null,
                    "clockOffsetMillis": .int(s.clockOffsetMillis),
                ]))
            return .success
        }
        let t = context.terminal
        context.console.out("Agent \(s.agent) on replica \(s.replicaID), server \(s.server)")
        context.console.out("Pending changes:  \(s.pending)")
        context.console.out("Last sync:        \(s.lastSync.map { "\($0)" } ?? "never")")
        if s.clockOffsetMillis != 0 {
            let direction = s.clockOffsetMillis > 0 ? "ahead of" : "behind"
            context.console.out(
                "Clock correction: the server is \(AgentHome.span(abs(s.clockOffsetMillis))) \(direction) this device; "
                    + "new work uses the server's time")
        }
        context.console.out("Conflicts:        \(s.conflicts)\(s.conflicts > 0 ? " — see `fieldagent conflicts`" : "")")
        context.console.out("Rejected changes: \(s.rejected.count)")
        for r in s.rejected {
            context.console.out("  \(r.id) \(r.customer): \(r.reason)" + (r.detail.map { " — \($0)" } ?? ""))
        }
        if let notice = s.repairNotice { context.console.out(t.paint("warning repaired: \(notice)", .yellow)) }
        if stale {
            context.console.out(
                t.paint(
                    "warning stale-data: last sync \(s.lastSync == nil ? "never happened" : "is older than \(context.policy.staleSyncHours) h"); "
                        + "attempt counts from other agents may be out of date — run `fieldagent sync`", .yellow))
        }
        return .success
    }
}
