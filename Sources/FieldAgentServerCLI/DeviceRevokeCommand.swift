import FieldAgentCommandKit
import FieldAgentServer

/// `fieldagent-server device revoke ID [--wipe]`: the device's token stops working at once; with
/// `--wipe` the device also deletes every customer's data at its next sync.
struct DeviceRevokeCommand: ServerCommand {
    static let path = ["device", "revoke"]
    static let abstract = "revoke a device's token; --wipe also makes it delete its data"
    static let synopsis = "ID --data DIR [--wipe]"
    static let valuedOptions: Set<String> = ["--data"]

    var id: String
    var data: String
    var wipe: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        id = try a.positional("device ID")
        data = try a.dataDirectory()
        wipe = try a.flag("--wipe")
    }

    func run(_ context: ServerContext) throws -> ExitCode {
        try context.admin(data).revokeDevice(id: id, wipe: wipe)
        context.console.out(
            wipe
                ? "Revoked device \(id); it deletes its data at its next sync."
                : "Revoked device \(id).")
        return .success
    }
}
