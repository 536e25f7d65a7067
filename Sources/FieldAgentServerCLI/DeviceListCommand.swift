import FieldAgentCommandKit
import FieldAgentCore
import FieldAgentServer

/// `fieldagent-server device list`: registered devices, their agent, when seen, their state and
/// how many of their changes were refused.
struct DeviceListCommand: ServerCommand {
    static let path = ["device", "list"]
    static let abstract = "list registered devices with their agent, last sight and state"
    static let synopsis = "--data DIR [--json]"
    static let valuedOptions: Set<String> = ["--data"]

    var arguments: ListingArguments

    init(_ a: inout ArgumentCursor) throws(UsageError) { arguments = try ListingArguments(&a) }

    func run(_ context: ServerContext) throws -> ExitCode {
        let devices = try context.admin(arguments.data).listDevices()
        if arguments.json {
            context.console.json(.list(devices.map(\.json)))
            return .success
        }
        var t = TextTable(
            ["agent", "device", "first seen", "last seen", "state", "rejected", "lost changes"],
            alignments: [.left, .left, .left, .left, .left, .right, .right])
        for d in devices {
            t.add([
                d.agent, d.device, d.firstSeen.description, d.lastSeen.description, d.state.rawValue,
                String(d.rejectedChanges), d.lostChanges.map(String.init) ?? "",
            ])
        }
        context.console.out(
            devices.isEmpty ? "No devices registered yet; a device registers at its next sync." : t.render())
        return .success
    }
}
