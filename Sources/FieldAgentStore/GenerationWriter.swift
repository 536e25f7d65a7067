import FieldAgentSystem

/// Writes a complete new generation (log + snapshot) next to the current one and commits it.
///
/// Order, chosen so that a crash at any step leaves a store that opens with nothing
/// acknowledged lost:
/// 1. `log-<g>.tmp` and `snapshot-<g>.tmp` are written and flushed;
/// 2. the log is renamed to `log-<g>` and the directory flushed;
/// 3. the snapshot is renamed to `snapshot-<g>` and the directory flushed. This rename is
///    the commit point: recovery always opens the highest-numbered snapshot.
///
/// Before step 3, recovery still opens the old generation and deletes the new files;
/// after it, recovery opens the new generation and deletes the old files.
struct GenerationWriter {
    let layout: StoreLayout
    let countFsync: () -> Void

    /// A failure while writing a generation.
    struct Failure: Error {
        var error: StoreError
        /// Whether the commit rename happened: the new generation may be the current one on disk.
        var committed: Bool
    }

    /// Sizes of the files written.
    struct Written {
        var logSize: Int
        var snapshotSize: Int
    }

    /// Records are regrouped into log frames of about this many payload bytes.
    static let frameTarget = 1 << 20

    func write(_ snapshot: SnapshotContents, records: [[UInt8]]) throws(Failure) -> Written {
        let generation = snapshot.generation
        let logTemporary = layout.logPath(generation) + StoreLayout.temporarySuffix
        let snapshotTemporary = layout.snapshotPath(generation) + StoreLayout.temporarySuffix
        var logBytes = LogFile.header(generation: generation)
        var batch: [[UInt8]] = []
        var batchBytes = 0
        for record in records {
            batch.append(record)
            batchBytes += record.count
            if batchBytes >= Self.frameTarget {
                LogFile.appendFrame(Transaction(records: batch, metadataChanges: []).encoded(), to: &logBytes)
                batch = []
                batchBytes = 0
            }
        }
        if !batch.isEmpty {
            LogFile.appendFrame(Transaction(records: batch, metadataChanges: []).encoded(), to: &logBytes)
        }
        let snapshotBytes = SnapshotFile.encode(snapshot)
        do throws(StoreError) {
            try writeFile(logTemporary, logBytes)
            try writeFile(snapshotTemporary, snapshotBytes)
            try step("rename \(logTemporary)") { () throws(SystemError) in
                try FileSystem.rename(logTemporary, to: layout.logPath(generation))
            }
            try syncDirectory()
        } catch {
            try? FileSystem.unlink(logTemporary, missingOK: true)
            try? FileSystem.unlink(snapshotTemporary, missingOK: true)
            try? FileSystem.unlink(layout.logPath(generation), missingOK: true)
            throw Failure(error: error, committed: false)
        }
        do throws(StoreError) {
            try step("rename \(snapshotTemporary)") { () throws(SystemError) in
                try FileSystem.rename(snapshotTemporary, to: layout.snapshotPath(generation))
            }
        } catch {
            try? FileSystem.unlink(snapshotTemporary, missingOK: true)
            try? FileSystem.unlink(layout.logPath(generation), missingOK: true)
            throw Failure(error: error, committed: false)
        }
        do throws(StoreError) {
            try syncDirectory()
        } catch {
            throw Failure(error: error, committed: true)
        }
        return Written(logSize: logBytes.count, snapshotSize: snapshotBytes.count)
    }

    /// Removes every snapshot, log and temporary file not of generation `keep`; flushes the
    /// directory. Returns the names removed.
    func removeAll(except keep: UInt64) throws(StoreError) -> [String] {
        let names: [String]
        do {
            names = try FileSystem.contentsOfDirectory(layout.directory)
        } catch {
            throw .io(action: "list \(layout.directory)", error: error)
        }
        let listing = StoreLayout.classify(names)
        var doomed = listing.temporary
        doomed += listing.logs.filter { $0.key != keep }.map(\.value)
        doomed += listing.snapshots.filter { $0.key != keep }.map(\.value)
        for name in doomed.sorted() {
            do {
                try FileSystem.unlink(layout.path(name), missingOK: true)
            } catch {
                throw .io(action: "remove old store file \(layout.path(name))", error: error)
            }
        }
        if !doomed.isEmpty { try syncDirectory() }
        return doomed.sorted()
    }

    func syncDirectory() throws(StoreError) {
        try step("flush directory \(layout.directory)") { () throws(SystemError) in
            try FileSystem.fsyncDirectory(layout.directory)
        }
        countFsync()
    }

    /// Creates `path` afresh with `bytes` and flushes it.
    private func writeFile(_ path: String, _ bytes: [UInt8]) throws(StoreError) {
        try step("write \(path)") { () throws(SystemError) in
            try FileSystem.unlink(path, missingOK: true)
            let file = try FileDescriptor.open(path, .readWrite, options: [.create, .exclusive])
            do throws(SystemError) {
                try file.write(bytes, at: 0)
                try file.fsync()
            } catch {
                try? file.close()
                throw error
            }
            try file.close()
        }
        countFsync()
    }

    private func step(_ action: String, _ body: () throws(SystemError) -> Void) throws(StoreError) {
        do {
            try body()
        } catch {
            throw .writeFailed(action: action, error: error)
        }
    }
}
