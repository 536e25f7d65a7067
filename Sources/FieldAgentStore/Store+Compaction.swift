import FieldAgentSystem

extension Store {
    /// Replaces the store's history with one snapshot: `makeSnapshot` returns the owner's
    /// full state, a new generation (that snapshot, the metadata and an empty log) is
    /// committed, and the old log and snapshot are deleted.
    ///
    /// `makeSnapshot` runs while writes are held back, so the state it returns must include
    /// every record acknowledged so far. (An owner that applies a change in memory before
    /// writing it satisfies this.) Because old files are deleted, compaction is also how
    /// erased personal data leaves the store: afterwards no file in the directory holds bytes
    /// that only the old log or snapshot held.
    ///
    /// A crash at any point leaves either the old or the new generation, never a mix.
    public func compact(_ makeSnapshot: () -> [UInt8]) throws(StoreError) {
        try withWriterRole { () throws(StoreError) in
            let state = makeSnapshot()
            let (metadata, migrations) = locked { (committedMetadata, appliedMigrations) }
            try switchGeneration(state: state, records: [], metadata: metadata, migrations: migrations)
        }
    }

    /// Like ``compact(_:)`` with a snapshot computed beforehand; only safe when no other
    /// thread writes between computing `snapshot` and this call.
    public func compact(snapshot: [UInt8]) throws(StoreError) {
        try compact { snapshot }
    }

    /// Commits a new generation and makes it current. Requires the writer role.
    func switchGeneration(
        state: [UInt8]?, records: [[UInt8]], metadata: [String: [UInt8]], migrations: [String]
    ) throws(StoreError) {
        let next = locked { generation } + 1
        let writer = GenerationWriter(layout: layout, countFsync: { [self] in countFsync() })
        let contents = SnapshotContents(
            generation: next, state: state, metadata: metadata, appliedMigrations: migrations)
        let written: GenerationWriter.Written
        do {
            written = try writer.write(contents, records: records)
        } catch {
            if error.committed { poison(error.error) }
            throw error.error
        }
        let newLog: FileDescriptor
        do {
            newLog = try FileDescriptor.open(layout.logPath(next), .readWrite)
        } catch {
            let failure = StoreError.io(action: "open the new log \(layout.logPath(next))", error: error)
            poison(failure)
            throw failure
        }
        try? log.close()
        log = newLog
        locked {
            generation = next
            acknowledgedLogSize = written.logSize
            snapshotSize = written.snapshotSize
            committedMetadata = metadata
            appliedMigrations = migrations
        }
        compactionCount.add(1, ordering: .relaxed)
        _ = try writer.removeAll(except: next)
    }

    /// Marks the store unusable for writes until it is reopened.
    func poison(_ error: StoreError) {
        locked {
            if failure == nil { failure = .needsReopen(path: path, cause: error.underlyingDescription) }
        }
    }
}
