import FieldAgentSystem

extension Store {
    /// Reads everything the store holds: the last snapshot, the records committed since, in
    /// order, and the metadata. The owner replays this to rebuild its state after opening.
    ///
    /// Every byte read is checked again; damage throws ``StoreError/corrupt(file:offset:reason:)``.
    public func readContents() throws(StoreError) -> StoreContents {
        try withWriterRole(allowFailed: true) { () throws(StoreError) in try loadContents() }
    }

    /// Reads the current generation's files. Requires the writer role.
    func loadContents() throws(StoreError) -> StoreContents {
        let (current, size, metadata) = locked { (generation, acknowledgedLogSize, committedMetadata) }
        let snapshotPath = layout.snapshotPath(current)
        let snapshot = try SnapshotFile.decode(try Store.readFile(snapshotPath), file: snapshotPath)
        let bytes: [UInt8]
        do {
            bytes = try log.read(at: 0, count: size)
        } catch {
            throw .io(action: "read \(log.path)", error: error)
        }
        var records: [[UInt8]] = []
        let scan = try LogFile.scan(bytes, file: log.path) { records.append(contentsOf: $0.records) }
        if let torn = scan.tornTail {
            throw .corrupt(
                file: torn.file, offset: torn.offset, reason: "the log is shorter than what was acknowledged")
        }
        return StoreContents(snapshot: snapshot.state, records: records, metadata: metadata)
    }

    /// Checks this open store's files without changing them; see ``verify(at:)``.
    public func verify() throws(StoreError) -> VerificationReport {
        try withWriterRole(allowFailed: true) { () throws(StoreError) in try Store.verify(at: path) }
    }

    /// Checks every file of the store in `path` and reports each problem, changing nothing.
    ///
    /// It takes no lock, so it can inspect a store another process has open (a write in
    /// progress may then show up as an incomplete last record).
    public static func verify(at path: String) throws(StoreError) -> VerificationReport {
        let layout = StoreLayout(directory: path)
        guard FileSystem.isDirectory(path) else {
            throw .missingFile(path: path, reason: "there is no store directory here")
        }
        let listing = try list(layout)
        var report = VerificationReport()
        func add(_ error: StoreError, file: String) {
            switch error {
            case .corrupt(let file, let offset, let reason):
                report.problems.append(StoreProblem(severity: .fatal, file: file, offset: offset, message: reason))
            default:
                report.problems.append(StoreProblem(severity: .fatal, file: file, offset: nil, message: "\(error)"))
            }
        }
        guard let generation = listing.snapshots.keys.max() else {
            let message = listing.logs.isEmpty ? "no store files here" : "the store has a log but no snapshot"
            report.problems.append(StoreProblem(severity: .fatal, file: path, offset: nil, message: message))
            return report
        }
        report.generation = generation
        let snapshotPath = layout.snapshotPath(generation)
        do {
            let snapshot = try SnapshotFile.decode(try readFile(snapshotPath), file: snapshotPath)
            if snapshot.generation != generation {
                report.problems.append(
                    StoreProblem(
                        severity: .fatal, file: snapshotPath, offset: 12,
                        message: "the header says generation \(snapshot.generation)"))
            }
        } catch {
            add(error, file: snapshotPath)
        }
        let logPath = layout.logPath(generation)
        if listing.logs[generation] == nil {
            report.problems.append(
                StoreProblem(
                    severity: .fatal, file: logPath, offset: nil,
                    message: "the log of the current generation is missing"))
        } else {
            do {
                let scan = try LogFile.scan(try readFile(logPath), file: logPath)
                report.recordCount = scan.recordCount
                if let torn = scan.tornTail {
                    report.problems.append(
                        StoreProblem(
                            severity: .repairable, file: logPath, offset: torn.offset,
                            message: "incomplete last record (\(torn.discardedBytes) bytes), cut off on next open"))
                }
                if scan.generation != generation {
                    report.problems.append(
                        StoreProblem(
                            severity: .fatal, file: logPath, offset: 12,
                            message: "the header says generation \(scan.generation)"))
                }
            } catch {
                add(error, file: logPath)
            }
        }
        var leftovers = listing.temporary
        leftovers += listing.logs.filter { $0.key != generation }.map(\.value)
        leftovers += listing.snapshots.filter { $0.key != generation }.map(\.value)
        for name in leftovers.sorted() {
            report.problems.append(
                StoreProblem(
                    severity: .repairable, file: layout.path(name), offset: nil,
                    message: "left over from an interrupted compaction; removed on next open"))
        }
        report.problems.sort { ($0.severity == .fatal ? 0 : 1) < ($1.severity == .fatal ? 0 : 1) }
        return report
    }
}
