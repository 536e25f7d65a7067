import FieldAgentSystem

extension Store {
    /// Runs `body` to build a transaction, then commits it durably and atomically.
    ///
    /// Returns only after the transaction's log frame is on stable storage (`fdatasync`);
    /// then, and only then, the data is acknowledged. When several threads call `write` at
    /// once, one of them (the leader) writes every waiting transaction with one `pwrite` and
    /// one `fdatasync`, and the others (followers) wait for it: that is group commit.
    ///
    /// If `body` throws, nothing is written. If the disk is full or a write fails, this
    /// throws ``StoreError/writeFailed(action:error:)``: nothing of this transaction is
    /// saved, everything acknowledged before is intact and the store remains usable. After a
    /// failed flush the store refuses further writes with ``StoreError/needsReopen(path:cause:)``
    /// until it is reopened, because the kernel may have dropped the unsaved pages.
    @discardableResult
    public func write<R>(_ body: (inout Transaction) throws -> R) throws -> R {
        var transaction = Transaction()
        let result = try body(&transaction)
        try commit(transaction)
        return result
    }

    /// The same commit for a body that cannot fail, so that every error is a ``StoreError``.
    @discardableResult
    public func write<R>(_ body: (inout Transaction) -> R) throws(StoreError) -> R {
        var transaction = Transaction()
        let result = body(&transaction)
        try commit(transaction)
        return result
    }

    /// Frames a built transaction and commits it; an empty one costs nothing.
    private func commit(_ transaction: Transaction) throws(StoreError) {
        if transaction.isEmpty { return }
        let payload = transaction.encoded()
        // Frame lengths are 32-bit, whatever the option says.
        let limit = min(options.maxTransactionBytes, Int(UInt32.max))
        guard payload.count <= limit else { throw .transactionTooLarge(bytes: payload.count, limit: limit) }
        var frame: [UInt8] = []
        frame.reserveCapacity(payload.count + StoreFormat.frameHeaderSize)
        LogFile.appendFrame(payload, to: &frame)
        try commit(frame: frame, metadataChanges: transaction.metadataChanges)
    }

    /// Queues a frame and waits until a leader (possibly this thread) has made it durable.
    private func commit(frame: [UInt8], metadataChanges: [MetadataChange]) throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        if isClosed { throw .closed(path: path) }
        if let failure { throw failure }
        let ticket = nextTicket
        nextTicket += 1
        pending.append(PendingTransaction(ticket: ticket, frame: frame, metadataChanges: metadataChanges))
        while ticket > resolvedThrough {
            guard !writerActive, !pending.isEmpty else {
                condition.wait()
                continue
            }
            writerActive = true
            let batch = pending
            pending = []
            let outcome: StoreError?
            if isClosed {
                outcome = .closed(path: path)
            } else if let failure {
                outcome = failure
            } else {
                let offset = acknowledgedLogSize
                condition.unlock()
                let result = appendBatch(batch, at: offset)
                condition.lock()
                outcome = result.error
                if result.poisoned, let error = result.error {
                    failure = .needsReopen(path: path, cause: error.underlyingDescription)
                }
                if result.error == nil {
                    acknowledgedLogSize = result.newSize
                    for entry in batch {
                        for change in entry.metadataChanges { change.apply(to: &committedMetadata) }
                    }
                    transactionCount.add(batch.count, ordering: .relaxed)
                    commitCount.add(1, ordering: .relaxed)
                }
            }
            if let outcome {
                for entry in batch { failedTickets[entry.ticket] = outcome }
            }
            resolvedThrough = batch[batch.count - 1].ticket
            writerActive = false
            condition.broadcast()
        }
        if let error = failedTickets.removeValue(forKey: ticket) { throw error }
    }

    /// The outcome of one group commit.
    private struct BatchResult {
        var error: StoreError?
        /// The store can no longer vouch for the log's contents in the page cache.
        var poisoned = false
        var newSize = 0
    }

    /// Writes and flushes `batch` at `offset`. Called only by the writer-role holder.
    ///
    /// On failure the log is cut back to `offset`, so that no unacknowledged bytes linger
    /// where the next commit will write.
    private func appendBatch(_ batch: [PendingTransaction], at offset: Int) -> BatchResult {
        var bytes: [UInt8]
        if batch.count == 1 {
            bytes = batch[0].frame
        } else {
            bytes = []
            bytes.reserveCapacity(batch.reduce(0) { $0 + $1.frame.count })
            for entry in batch { bytes.append(contentsOf: entry.frame) }
        }
        do {
            try log.write(bytes, at: offset)
        } catch {
            let rolledBack = rollBack(to: offset)
            return BatchResult(
                error: .writeFailed(action: "append to \(log.path)", error: error), poisoned: !rolledBack)
        }
        do {
            try log.fdatasync()
            countFsync()
        } catch {
            _ = rollBack(to: offset)
            return BatchResult(error: .writeFailed(action: "flush \(log.path) to disk", error: error), poisoned: true)
        }
        return BatchResult(newSize: offset + bytes.count)
    }

    /// Truncates the log to `size` and flushes; returns whether that succeeded.
    private func rollBack(to size: Int) -> Bool {
        do {
            try log.truncate(to: size)
            try log.fdatasync()
            countFsync()
            return true
        } catch {
            return false
        }
    }
}

extension StoreError {
    /// The system error behind a failure, for nesting in another message.
    var underlyingDescription: String {
        switch self {
        case .io(_, let error), .writeFailed(_, let error): return error.description
        default: return description
        }
    }
}
