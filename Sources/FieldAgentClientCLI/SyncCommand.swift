import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentSync

/// `fieldagent sync`: push pending changes, then pull until caught up.
struct SyncCommand: ClientCommand {
    static let path = ["sync"]
    static let abstract = "send pending work to the server and fetch everyone else's"
    static let synopsis = "[--json]"
    static let details = """
        Pushes pending changes, then pulls pages until caught up. Network errors are retried with backoff;
        an interrupted sync resumes where it stopped next time, with nothing lost or duplicated.
        A device not yet registered registers first. A device the back office revoked with a wipe deletes every
        customer's data, reports how many unsynced changes were lost, and refuses further work.
        """

    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { json = try a.flag("--json") }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome(allowWiped: true)
        defer { home.close() }
        let conflictsBefore = Set(home.conflicts().map { "\($0.customer) \($0.fieldPath)" })
        let showProgress = context.terminal.isTTY && !json
        let console = context.console
        let progress = showProgress ? SyncCommand.progressLine(console) : nil
        let report: SyncReport
        do {
            report = try await home.sync(progress: progress)
            if showProgress { console.progress("") }
        } catch {
            if showProgress { console.progress("") }
            throw error
        }
        let conflicts = home.conflicts()
        let fresh = conflicts.filter { !conflictsBefore.contains("\($0.customer) \($0.fieldPath)") }
        if json {
            context.console.json(
                .object([
                    "pushed": .int(Int64(report.accepted)), "duplicates": .int(Int64(report.duplicates)),
                    "rejected": .list(report.rejected.map(RejectedView.value)),
                    "restamped": .int(Int64(report.restamped - report.renumbered)),
                    "pulled": .int(Int64(report.pulledChanges)),
                    "pages": .int(Int64(report.pages)), "bytes": .int(Int64(report.pulledBytes + report.pushedBytes)),
                    "purged": .list(report.purged.map { .string($0) }),
                    "erased": .list(report.erased.map { .string($0) }),
                    "newConflicts": .int(Int64(fresh.count)), "conflicts": .int(Int64(conflicts.count)),
                    "pending": .int(Int64(home.status().pending)),
                    "recovered": .bool(report.recovered), "resent": .int(Int64(report.requeued)),
                    "renumbered": .int(Int64(report.renumbered)),
                ]))
            return .success
        }
        var summary =
            "Synced: pushed \(report.accepted), pulled \(report.pulledChanges) in \(report.pages) page\(report.pages == 1 ? "" : "s")"
        if report.duplicates > 0 { summary += ", \(report.duplicates) already on the server" }
        let restamped = report.restamped - report.renumbered
        if restamped > 0 { summary += ", \(restamped) re-stamped for clock skew" }
        if report.renumbered > 0 { summary += ", \(report.renumbered) renumbered above the server's" }
        summary += ", rejected \(report.rejected.count)"
        if !report.purged.isEmpty { summary += ", \(report.purged.count) customer(s) no longer assigned removed" }
        if !report.erased.isEmpty { summary += ", \(report.erased.count) customer(s) erased" }
        summary += "."
        context.console.out(summary)
        if report.recovered {
            context.console.out(
                context.terminal.paint("The server's history went back (a restore or a repair):", .yellow)
                    + " re-sent \(report.requeued) of this device's changes it lacked and pulled everything again.")
        }
        for r in report.rejected {
            context.console.out(
                context.terminal.paint("  rejected \(r.id) (\(r.customer)): \(r.reason)", .yellow)
                    + (r.detail.map { " — \($0)" } ?? ""))
        }
        if !fresh.isEmpty {
            context.console.out(
                context.terminal.paint("\(fresh.count) new conflict(s):", .yellow) + " "
                    + fresh.map { "\($0.customer) \($0.fieldPath)" }.joined(separator: ", ")
                    + " — see `fieldagent conflicts`")
        }
        return .success
    }

    static func progressLine(_ console: Console) -> @Sendable (SyncProgress) -> Void {
        { p in
            console.progress(
                "syncing: pushed \(p.pushed), pulled \(p.changes) changes in \(p.pages) pages, \(SyncCommand.bytes(p.bytes))"
            )
        }
    }

    static func bytes(_ n: Int) -> String {
        n < 10_000 ? "\(n) B" : n < 10_000_000 ? "\(n / 1024) KiB" : "\(n / 1_048_576) MiB"
    }
}
