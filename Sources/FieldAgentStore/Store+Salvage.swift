import FieldAgentSystem

extension Store {
    /// Reads what is still readable in the store directory `path`, changing nothing: for a store
    /// that ``open(at:options:)`` refuses (a missing snapshot or log, a checksum mismatch).
    ///
    /// It takes the newest snapshot that decodes, then every log of the same or a later generation
    /// in order (every log when no snapshot decodes). In a log it keeps each complete, checksummed
    /// transaction: after a damaged frame it resumes at the next frame whose checksums match, so one
    /// bad frame costs only its own bytes. Everything it could not read is listed in
    /// ``StoreSalvage/lost``. It takes no lock and never writes.
    ///
    /// Throws only when the directory itself cannot be listed.
    public static func salvage(at path: String) throws(StoreError) -> StoreSalvage {
        guard FileSystem.isDirectory(path) else {
            throw .missingFile(path: path, reason: "there is no store directory here")
        }
        let layout = StoreLayout(directory: path)
        let listing = try list(layout)
        var salvage = StoreSalvage()
        var base: UInt64?
        for generation in listing.snapshots.keys.sorted(by: >) {
            if salvageSnapshot(layout.snapshotPath(generation), into: &salvage) {
                base = generation
                break
            }
        }
        if listing.snapshots.isEmpty, let newest = listing.logs.keys.max() {
            salvage.lost.append(
                SalvageLoss(
                    file: layout.snapshotPath(newest), offset: nil, bytes: nil,
                    reason: "the store has a log but no snapshot (deleted, or never written)"))
        }
        if let base, listing.logs[base] == nil {
            salvage.lost.append(
                SalvageLoss(
                    file: layout.logPath(base), offset: nil, bytes: nil,
                    reason: "the snapshot of this generation exists but its log does not"))
        }
        if listing.snapshots.isEmpty, listing.logs.isEmpty {
            salvage.lost.append(SalvageLoss(file: path, offset: nil, bytes: nil, reason: "it holds no store files"))
        }
        for generation in listing.logs.keys.sorted() where generation >= (base ?? 0) {
            salvageLog(layout.logPath(generation), into: &salvage)
        }
        return salvage
    }

    /// Reads the snapshot `file` into `salvage`; records a loss and returns false when it cannot.
    private static func salvageSnapshot(_ file: String, into salvage: inout StoreSalvage) -> Bool {
        let bytes: [UInt8]
        do {
            bytes = try readFile(file)
        } catch {
            salvage.lost.append(wholeFile(file, size: nil, error))
            return false
        }
        do {
            let contents = try SnapshotFile.decode(bytes, file: file)
            salvage.snapshot = contents.state
            salvage.snapshotFile = file
            salvage.metadata = contents.metadata
            return true
        } catch {
            salvage.lost.append(wholeFile(file, size: bytes.count, error))
            return false
        }
    }

    /// Reads every readable transaction of the log `file` into `salvage`, recording what it skips.
    private static func salvageLog(_ file: String, into salvage: inout StoreSalvage) {
        let bytes: [UInt8]
        do {
            bytes = try readFile(file)
        } catch {
            salvage.lost.append(wholeFile(file, size: nil, error))
            return
        }
        do {
            _ = try LogFile.readHeader(bytes, file: file)
        } catch {
            salvage.lost.append(wholeFile(file, size: bytes.count, error))
            return
        }
        var position = StoreFormat.logHeaderSize
        while position < bytes.count {
            switch LogFile.readFrame(bytes, at: position) {
            case .transaction(let transaction, let end):
                for record in transaction.records {
                    salvage.records.append(SalvagedRecord(payload: record, file: file, offset: position))
                }
                for change in transaction.metadataChanges { change.apply(to: &salvage.metadata) }
                position = end
            case .torn:
                salvage.lost.append(
                    SalvageLoss(
                        file: file, offset: position, bytes: bytes.count - position,
                        reason: "the log ends inside a record (cut short, or a write never acknowledged)"))
                return
            case .damaged(let error, let end):
                let next = end ?? LogFile.nextFrame(in: bytes, after: position) ?? bytes.count
                salvage.lost.append(
                    SalvageLoss(file: file, offset: position, bytes: next - position, reason: error.reason))
                position = next
            }
        }
    }

    /// The loss of the whole file `file` (`size` bytes, when it could be read), which failed with `error`.
    private static func wholeFile(_ file: String, size: Int?, _ error: StoreError) -> SalvageLoss {
        switch error {
        case .missingFile(_, let reason):
            return SalvageLoss(file: file, offset: nil, bytes: nil, reason: reason)
        case .corrupt(_, let at, let reason):
            return SalvageLoss(file: file, offset: 0, bytes: size, reason: "damaged at byte offset \(at): \(reason)")
        default:
            return SalvageLoss(file: file, offset: 0, bytes: size, reason: "\(error)")
        }
    }
}
