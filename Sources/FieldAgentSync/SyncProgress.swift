/// Where a running sync is, for a progress line in the CLI.
public struct SyncProgress: Sendable, Hashable {
    /// Changes pushed so far (answered by the server).
    public var pushed: Int
    /// Pages pulled and applied so far.
    public var pages: Int
    /// Changes pulled so far.
    public var changes: Int
    /// Response bytes pulled so far.
    public var bytes: Int

    /// A progress reading.
    public init(pushed: Int = 0, pages: Int = 0, changes: Int = 0, bytes: Int = 0) {
        self.pushed = pushed
        self.pages = pages
        self.changes = changes
        self.bytes = bytes
    }
}
