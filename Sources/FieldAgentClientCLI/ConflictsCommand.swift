import FieldAgentCommandKit
import FieldAgentCore

/// `fieldagent conflicts`: fields with concurrent values nobody has resolved yet.
struct ConflictsCommand: ClientCommand {
    static let path = ["conflicts"]
    static let abstract = "list fields edited concurrently; the first value is the one shown"
    static let synopsis = "[--json]"

    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) { json = try a.flag("--json") }

    static func text(_ v: Value) -> String {
        switch v {
        case .string(let s): s
        case .null: "(empty)"
        default: JSON.string(v)
        }
    }

    func run(_ context: ClientContext) async throws -> ExitCode {
        let home = try context.openHome()
        defer { home.close() }
        let conflicts = home.conflicts()
        if json {
            context.console.json(
                .list(
                    conflicts.map { c in
                        .object([
                            "customerId": .string(c.customer), "field": .string(c.fieldPath),
                            "values": .list(
                                c.values.map { v in
                                    .object([
                                        "value": v.value, "agent": .string(v.agent),
                                        "at": .string(v.hlc.instant.description),
                                        "id": .string(v.id.description),
                                    ])
                                }),
                        ])
                    }))
            return .success
        }
        if conflicts.isEmpty {
            context.console.out("No conflicts.")
            return .success
        }
        for c in conflicts {
            context.console.out(context.terminal.paint("\(c.customer) \(c.fieldPath)", .bold))
            for (i, v) in c.values.enumerated() {
                let marker = i == 0 ? "shown" : "     "
                context.console.out("  \(marker)  \(ConflictsCommand.text(v.value))  by \(v.agent) at \(v.hlc.instant)")
            }
        }
        context.console.out("Resolve with `fieldagent resolve ID FIELD VALUE`.")
        return .success
    }
}
