import FieldAgentStore

/// What opening a data directory found: the epoch and last sequence served from, the repairs made
/// and why the epoch changed, if it did. ``lines`` is what `fieldagent-server serve` prints at start.
public struct StartReport: Sendable, Equatable {
    /// The storage's epoch after opening.
    public var epoch: String
    /// The highest sequence number stored.
    public var lastSequence: UInt64
    /// The repairs made, in the order they were made.
    public var repairs: [StorageRepair]
    /// Why each new epoch this open started was started (e.g. "new store"), oldest first.
    public var newEpochReasons: [String]

    /// A report of the given facts.
    public init(epoch: String, lastSequence: UInt64, repairs: [StorageRepair] = [], newEpochReasons: [String] = []) {
        self.epoch = epoch
        self.lastSequence = lastSequence
        self.repairs = repairs
        self.newEpochReasons = newEpochReasons
    }

    /// What `storage` reports it found and repaired while opening.
    init(opened storage: FileServerStorage) {
        var repairs: [StorageRepair] = []
        if let recovery = storage.recovery {
            for torn in [recovery.tornTail, storage.segmentScan?.tornTail].compactMap(\.self) {
                repairs.append(
                    StorageRepair(
                        kind: "torn-tail",
                        summary: "cut \(torn.discardedBytes) bytes from \(torn.file) at byte offset \(torn.offset): "
                            + "the records there could not be read (at least one; a crash mid-write or a cut file) and are "
                            + "lost on the server; devices send back what they hold"))
            }
            if !recovery.removedFiles.isEmpty {
                let files = recovery.removedFiles
                repairs.append(
                    StorageRepair(
                        kind: "leftover-files",
                        summary: "removed \(files.count) leftover file\(files.count == 1 ? "" : "s") of an "
                            + "interrupted compaction from \(storage.path): \(files.joined(separator: ", "))"))
            }
        }
        if storage.finishedErasures > 0 {
            let count = storage.finishedErasures
            repairs.append(
                StorageRepair(
                    kind: "unfinished-erasure",
                    summary: "finished \(count) customer erasure\(count == 1 ? "" : "s") an earlier stop interrupted "
                        + "before the old files were rewritten"))
        }
        self.init(
            epoch: storage.epoch, lastSequence: storage.lastSequence, repairs: repairs,
            newEpochReasons: storage.epochStartReason.map { [$0] } ?? [])
    }

    /// The operator's lines, without the program's prefix: each repair, each new epoch, then the
    /// epoch and last sequence served from.
    public var lines: [String] {
        repairs.map { "repaired: \($0.summary)" }
            + newEpochReasons.map { "new epoch (\($0))" }
            + ["store epoch \(epoch), last sequence \(lastSequence)"]
    }
}
