import FieldAgentSystem

/// Where the server keeps its files inside the data directory given with `--data`.
public struct DataDirectory: Sendable, Hashable {
    /// The data directory.
    public var path: String

    /// The layout of `path`.
    public init(path: String) { self.path = path }

    /// The store (log and snapshots).
    public var storePath: String { path + "/store" }
    /// The back office's Unix socket while a server runs.
    public var adminSocketPath: String { path + "/admin.sock" }
    /// The directory's identity marker: the epoch of the store it last held, kept outside the store
    /// so that a store restored, replaced or lost is noticed (see ``StorageOpener``).
    public var epochMarkerPath: String { path + "/EPOCH" }

    /// Whether the directory has an identity marker, i.e. held a store before.
    public var hasEpochMarker: Bool { ((try? FileSystem.fileSize(epochMarkerPath)) ?? nil) != nil }
}
