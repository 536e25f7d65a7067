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
}
