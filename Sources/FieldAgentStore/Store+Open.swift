import FieldAgentSystem
import Foundation

extension Store {
    /// Opens (or creates) the store in directory `path` and recovers it.
    ///
    /// Recovery loads the newest snapshot and checks every record of the log after it.
    /// An incomplete last record, left by a crash before it was acknowledged, is cut off and
    /// reported in ``recoveryReport``. Any other damage (a checksum mismatch, a missing file)
    /// makes `open` fail with an error naming the file and byte offset; nothing is skipped
    /// silently. Files left behind by an interrupted compaction are removed, and pending
    /// migrations from ``StoreOptions/migrator`` are applied.
    ///
    /// Only one `Store` may have a directory open at a time; another process gets
    /// ``StoreError/inUse(path:processID:)`` ("store … is in use by process N").
    public static func open(at path: String, options: StoreOptions = StoreOptions()) throws(StoreError) -> Store {
        let layout = StoreLayout(directory: path)
        if options.createIfMissing {
            let existed = FileSystem.isDirectory(path)
            do {
                try FileSystem.makeDirectories(path)
                // Make the new directory's own name durable, not just the files inside it.
                if !existed { try FileSystem.fsyncDirectory(FileSystem.parentDirectory(of: path)) }
            } catch {
                throw .io(action: "create the store directory \(path)", error: error)
            }
        } else if !FileSystem.isDirectory(path) {
            throw .missingFile(path: path, reason: "there is no store directory here")
        }
        let directoryLock = try acquireLock(layout)
        var fsyncs = 0
        var report = RecoveryReport(generation: 0)
        let writer = GenerationWriter(layout: layout, countFsync: { fsyncs += 1 })
        let store: Store
        do throws(StoreError) {
            let listing = try list(layout)
            if listing.snapshots.isEmpty {
                // A creation interrupted after its log was renamed but before its snapshot
                // was: the log is empty (header only), so nothing can be lost by starting over.
                if listing.logs.keys.sorted() == [1],
                    let size = try? FileSystem.fileSize(layout.logPath(1)), size <= StoreFormat.logHeaderSize
                {
                    do {
                        try FileSystem.unlink(layout.logPath(1))
                    } catch {
                        throw .io(action: "remove the log of an interrupted creation", error: error)
                    }
                    report.removedFiles.append(StoreLayout.logName(1))
                } else if let log = listing.logs.values.sorted().first {
                    throw .missingFile(
                        path: layout.snapshotPath(listing.logs.keys.max() ?? 1),
                        reason: "the store has a log (\(log)) but no snapshot; it was not created by this program "
                            + "or its snapshot was deleted")
                }
                let empty = SnapshotContents(generation: 1, state: nil, metadata: [:], appliedMigrations: [])
                do {
                    _ = try writer.write(empty, records: [])
                } catch {
                    throw error.error
                }
                report.created = true
            }
            let (state, log) = try recover(layout, writer: writer, report: &report)
            store = Store(
                path: path, options: options, layout: layout, directoryLock: directoryLock, log: log,
                state: OpenedState(
                    generation: state.generation, metadata: state.metadata, logSize: state.logSize,
                    snapshotSize: state.snapshotSize, appliedMigrations: state.appliedMigrations, fsyncs: 0),
                report: report)
        } catch {
            try? directoryLock.unlock()
            try? directoryLock.close()
            throw error
        }
        store.fsyncCount.add(fsyncs, ordering: .relaxed)
        try store.applyPendingMigrations()
        return store
    }

    /// Locks the store directory itself, or reports who holds it.
    ///
    /// The lock is on the directory, not on a file in it, so deleting `LOCK` cannot let a second
    /// process in. `LOCK` only tells the next comer which process holds the store.
    private static func acquireLock(_ layout: StoreLayout) throws(StoreError) -> FileDescriptor {
        let directory: FileDescriptor
        do {
            directory = try FileDescriptor.open(layout.directory, .readOnly, options: .directory)
        } catch {
            throw .io(action: "open the store directory \(layout.directory)", error: error)
        }
        let acquired: Bool
        do {
            acquired = try directory.tryLockExclusive()
        } catch {
            try? directory.close()
            throw .io(action: "lock \(layout.directory)", error: error)
        }
        guard acquired else {
            try? directory.close()
            throw .inUse(path: layout.directory, processID: lockHolder(layout))
        }
        do {
            let lockFile = try FileDescriptor.open(layout.lockPath, .readWrite, options: [.create, .truncate])
            defer { try? lockFile.close() }
            try lockFile.write(Array("\(ProcessControl.currentID)\n".utf8), at: 0)
        } catch {
            try? directory.unlock()
            try? directory.close()
            throw .io(action: "write the process id into \(layout.lockPath)", error: error)
        }
        return directory
    }

    /// The process id the holder wrote into `LOCK`; it writes it right after locking, so give it a moment.
    private static func lockHolder(_ layout: StoreLayout) -> Int32? {
        for attempt in 0..<5 {
            if let file = try? FileDescriptor.open(layout.lockPath, .readOnly) {
                let text = String(decoding: (try? file.read(at: 0, count: 32)) ?? [], as: UTF8.self)
                try? file.close()
                if let holder = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return holder }
            }
            if attempt < 4 { Thread.sleep(forTimeInterval: 0.01) }
        }
        return nil
    }

    static func list(_ layout: StoreLayout) throws(StoreError) -> StoreLayout.Listing {
        do {
            return StoreLayout.classify(try FileSystem.contentsOfDirectory(layout.directory))
        } catch {
            throw .io(action: "list \(layout.directory)", error: error)
        }
    }

    /// Reads a whole file, mapping failures to ``StoreError``.
    static func readFile(_ path: String) throws(StoreError) -> [UInt8] {
        do {
            let file = try FileDescriptor.open(path, .readOnly)
            defer { try? file.close() }
            return try file.readAll()
        } catch  where error.errno == 2 {
            throw .missingFile(path: path, reason: "it was deleted or never written")
        } catch {
            throw .io(action: "read \(path)", error: error)
        }
    }

    /// Validates the current generation, repairs a torn tail, removes leftovers.
    private static func recover(
        _ layout: StoreLayout, writer: GenerationWriter, report: inout RecoveryReport
    ) throws(StoreError) -> (OpenedState, FileDescriptor) {
        let listing = try list(layout)
        guard let generation = listing.snapshots.keys.max() else {
            throw .missingFile(path: layout.snapshotPath(1), reason: "the store has no snapshot")
        }
        report.generation = generation
        let snapshotPath = layout.snapshotPath(generation)
        let snapshotBytes = try readFile(snapshotPath)
        let snapshot = try SnapshotFile.decode(snapshotBytes, file: snapshotPath)
        guard snapshot.generation == generation else {
            throw .corrupt(
                file: snapshotPath, offset: 12,
                reason: "the header says generation \(snapshot.generation), the name says \(generation)")
        }
        let logPath = layout.logPath(generation)
        guard listing.logs[generation] != nil else {
            throw .missingFile(path: logPath, reason: "the snapshot of this generation exists but its log does not")
        }
        let log: FileDescriptor
        do {
            log = try FileDescriptor.open(logPath, .readWrite)
        } catch {
            throw .io(action: "open \(logPath)", error: error)
        }
        do throws(StoreError) {
            let bytes: [UInt8]
            do {
                bytes = try log.readAll()
            } catch {
                throw .io(action: "read \(logPath)", error: error)
            }
            var metadata = snapshot.metadata
            let scan = try LogFile.scan(bytes, file: logPath) { transaction in
                for change in transaction.metadataChanges { change.apply(to: &metadata) }
            }
            guard scan.generation == generation else {
                throw .corrupt(
                    file: logPath, offset: 12,
                    reason: "the header says generation \(scan.generation), the name says \(generation)")
            }
            if let torn = scan.tornTail {
                do {
                    try log.truncate(to: scan.validEnd)
                    try log.fdatasync()
                } catch {
                    throw .io(action: "cut the incomplete last record off \(logPath)", error: error)
                }
                report.tornTail = torn
            }
            report.recordCount = scan.recordCount
            report.removedFiles += try writer.removeAll(except: generation)
            let state = OpenedState(
                generation: generation, metadata: metadata, logSize: scan.validEnd, snapshotSize: snapshotBytes.count,
                appliedMigrations: snapshot.appliedMigrations, fsyncs: 0)
            return (state, log)
        } catch {
            try? log.close()
            throw error
        }
    }

    /// Runs the migrations this store has not seen and commits the result as a new generation.
    private func applyPendingMigrations() throws(StoreError) {
        let pendingMigrations = options.migrator.pending(after: locked { appliedMigrations })
        guard !pendingMigrations.isEmpty else { return }
        do {
            try withWriterRole { () throws(StoreError) in
                var contents = try loadContents()
                for migration in pendingMigrations {
                    do {
                        try migration.migrate(&contents)
                    } catch {
                        throw .migrationFailed(name: migration.name, reason: "\(error)")
                    }
                }
                let names = locked { appliedMigrations } + pendingMigrations.map(\.name)
                try switchGeneration(
                    state: contents.snapshot, records: contents.records, metadata: contents.metadata,
                    migrations: names)
            }
        } catch {
            close()
            throw error
        }
        locked {
            openReport.appliedMigrations = pendingMigrations.map(\.name)
            openReport.generation = generation
        }
    }
}
