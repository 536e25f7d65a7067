import FieldAgentSystem

extension Store {
    /// Whether directory `path` holds a store's files (a snapshot or a log), found without opening,
    /// locking or changing anything: false for a missing or empty directory. A directory that
    /// cannot be listed counts as holding a store, so that opening it reports the real problem.
    public static func exists(at path: String) -> Bool {
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(path)
        } catch {
            return !error.isNotFound
        }
        let listing = StoreLayout.classify(names)
        return !listing.snapshots.isEmpty || !listing.logs.isEmpty
    }
}
