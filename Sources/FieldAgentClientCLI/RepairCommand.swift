import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentStore
import FieldAgentSync

/// `fieldagent repair`: rebuilds a home whose store is damaged, keeping what can still be read.
struct RepairCommand: ClientCommand {
    static let path = ["repair"]
    static let abstract = "rebuild a damaged home: keep what can be read, get the rest from the server"
    static let synopsis = "[--json]"
    static let details = """
        For a home whose store cannot be opened (a missing snapshot or log file, a damaged byte, a missing
        configuration): names what is missing or damaged, keeps every change of this device that can still be
        read, rebuilds the store under the same replica id and syncs, so the server gets what it lacks and
        everything else is pulled again. The damaged copy is deleted once the new store is saved. Prints what
        was kept and what could not be read. The configuration comes from the store, else from HOME/home.json.
        When the server cannot be reached the repair still completes (exit 0); run `fieldagent sync` later.
        On a healthy home it says so and changes nothing.
        """

    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { json = try a.flag("--json") }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let repair = try AgentHome.repair(at: context.home, now: context.now)
        guard !repair.isHealthy else {
            if json {
                context.console.json(RepairCommand.value(repair, sync: nil))
            } else {
                context.console.out("The home at \(context.home) is healthy; nothing to repair.")
            }
            return .success
        }
        let home = try context.openHome(allowWiped: true)
        defer { home.close() }
        let sync: Result<SyncReport, SyncError>
        do {
            sync = .success(try await home.sync())
        } catch {
            sync = .failure(error)
        }
        if json {
            context.console.json(RepairCommand.value(repair, sync: sync))
        } else {
            describe(repair, sync: sync, context)
        }
        // Offline the repair is complete and the next sync finishes it; anything else needs the agent.
        if case .failure(let error) = sync {
            switch error {
            case .unreachable, .serverFailed: break
            default: throw error
            }
        }
        return .success
    }

    private func describe(_ repair: HomeRepair, sync: Result<SyncReport, SyncError>, _ context: ClientContext) {
        let console = context.console
        let t = context.terminal
        if repair.lost.isEmpty {
            console.out(t.paint("Damaged: \(repair.problem ?? "")", .yellow))
        } else {
            console.out(t.paint("Damaged or missing:", .yellow))
            for loss in repair.lost { console.out("  \(loss)") }
        }
        let kept = "kept \(repair.keptChanges) of this device's changes that could be read"
        switch sync {
        case .success(let report):
            let sent =
                report.accepted == 1
                ? "1 was not yet on the server and was sent"
                : "\(report.accepted) were not yet on the server and were sent"
            console.out("Saved: \(kept); \(sent).")
            console.out("Rebuilt: pulled \(report.pulledChanges) changes from the server again.")
        case .failure(let error):
            console.out("Saved: \(kept); the next sync sends them.")
            console.out(t.paint("Not synced: \(error.description)", .yellow))
            console.out("Run `fieldagent sync` later to send them and get the rest back from the server.")
        }
        if repair.lost.isEmpty {
            console.out("Lost: nothing.")
        } else {
            console.out("Lost: whatever the unreadable parts above held that had not reached the server.")
        }
    }

    static func value(_ repair: HomeRepair, sync: Result<SyncReport, SyncError>?) -> Value {
        var report: SyncReport?
        var failure: SyncError?
        switch sync {
        case .success(let done): report = done
        case .failure(let error): failure = error
        case nil: break
        }
        return .object([
            "healthy": .bool(repair.isHealthy), "damage": repair.problem.map(Value.string) ?? .null,
            "lost": .list(repair.lost.map(lossValue)), "kept": .int(Int64(repair.keptChanges)),
            "sent": .int(Int64(report?.accepted ?? 0)), "duplicates": .int(Int64(report?.duplicates ?? 0)),
            "pulled": .int(Int64(report?.pulledChanges ?? 0)), "synced": .bool(report != nil),
            "syncError": failure.map { .string($0.description) } ?? .null,
        ])
    }

    static func lossValue(_ loss: SalvageLoss) -> Value {
        .object([
            "file": .string(loss.file), "offset": loss.offset.map { .int(Int64($0)) } ?? .null,
            "bytes": loss.bytes.map { .int(Int64($0)) } ?? .null, "reason": .string(loss.reason),
        ])
    }
}
