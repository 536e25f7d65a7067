/// File names inside a store directory.
///
/// Generation `g` consists of `snapshot-<g>` and `log-<g>` (16 hex digits, so names sort by
/// generation). New files are first written under a `.tmp` name.
struct StoreLayout: Sendable {
    let directory: String

    static let lockName = "LOCK"
    static let temporarySuffix = ".tmp"

    var lockPath: String { path(Self.lockName) }

    func path(_ name: String) -> String { directory + "/" + name }

    static func logName(_ generation: UInt64) -> String { "log-" + hex(generation) }
    static func snapshotName(_ generation: UInt64) -> String { "snapshot-" + hex(generation) }

    func logPath(_ generation: UInt64) -> String { path(Self.logName(generation)) }
    func snapshotPath(_ generation: UInt64) -> String { path(Self.snapshotName(generation)) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 16 - digits.count)) + digits
    }

    /// What the directory holds, by kind.
    struct Listing {
        var snapshots: [UInt64: String] = [:]
        var logs: [UInt64: String] = [:]
        var temporary: [String] = []
    }

    /// Sorts directory entries into snapshots, logs and leftovers; other names are ignored.
    static func classify(_ names: [String]) -> Listing {
        var listing = Listing()
        for name in names {
            if name.hasSuffix(temporarySuffix) {
                listing.temporary.append(name)
            } else if let generation = generation(of: name, prefix: "snapshot-") {
                listing.snapshots[generation] = name
            } else if let generation = generation(of: name, prefix: "log-") {
                listing.logs[generation] = name
            }
        }
        return listing
    }

    private static func generation(of name: String, prefix: String) -> UInt64? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard digits.count == 16 else { return nil }
        return UInt64(digits, radix: 16)
    }
}
