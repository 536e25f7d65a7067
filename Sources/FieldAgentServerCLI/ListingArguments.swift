import FieldAgentCommandKit

/// What the listing commands (`agent list`, `device list`) take: the data directory and `--json`.
struct ListingArguments: Sendable {
    var data: String
    var json: Bool

    init(_ a: inout ArgumentCursor) throws(UsageError) {
        data = try a.dataDirectory()
        json = try a.flag("--json")
    }
}
