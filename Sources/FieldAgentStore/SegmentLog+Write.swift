import FieldAgentSystem

extension SegmentLog {
    /// Appends `payloads` as records, in order, and returns their addresses once they are durable.
    ///
    /// All or nothing: when a write or a flush fails, every segment touched is cut back to its size
    /// before the call, so a later open finds none of these records.
    public func append(_ payloads: [[UInt8]]) throws(StoreError) -> [SegmentAddress] {
        guard !lock.withLock({ isClosed }) else { throw .closed(path: directory ?? ":memory:") }
        var addresses: [SegmentAddress] = []
        addresses.reserveCapacity(payloads.count)
        var touched: [(segment: UInt32, size: Int, created: Bool)] = [(active, activeSize, false)]
        var pending: [UInt8] = []
        let sealedBefore = sealedBytes
        do throws(StoreError) {
            for payload in payloads {
                let frameLength = SegmentLog.frameHeaderSize + payload.count
                guard frameLength <= SegmentAddress.maximumFrameLength else {
                    throw StoreError.transactionTooLarge(bytes: frameLength, limit: SegmentAddress.maximumFrameLength)
                }
                if activeSize + pending.count >= targetSize {
                    try put(pending)
                    pending = []
                    try roll()
                    touched.append((active, activeSize, true))
                }
                addresses.append(
                    SegmentAddress(segment: active, offset: activeSize + pending.count, length: frameLength))
                SegmentLog.frame(payload, into: &pending)
            }
            try put(pending)
            for segment in touched { try flush(segment.segment) }
            return addresses
        } catch {
            rollBack(touched)
            sealedBytes = sealedBefore
            throw error
        }
    }

    /// Writes `bytes` at the end of the active segment (not yet durable).
    private func put(_ bytes: [UInt8]) throws(StoreError) {
        guard !bytes.isEmpty else { return }
        if directory == nil {
            lock.withLock { memory[active, default: []].append(contentsOf: bytes) }
        } else {
            guard let file = lock.withLock({ files[active] }) else { throw .closed(path: directory ?? "") }
            do {
                try file.descriptor.write(bytes, at: activeSize)
            } catch {
                throw .writeFailed(action: "appending to a change segment", error: error)
            }
        }
        activeSize += bytes.count
    }

    private func flush(_ segment: UInt32) throws(StoreError) {
        guard directory != nil, let file = lock.withLock({ files[segment] }) else { return }
        do {
            try file.descriptor.fdatasync()
        } catch {
            throw .writeFailed(action: "flushing a change segment", error: error)
        }
    }

    private func roll() throws(StoreError) {
        let next = active + 1
        guard next <= SegmentAddress.maximumSegment else {
            throw .transactionTooLarge(bytes: activeSize, limit: targetSize)
        }
        try create(segment: next)
        sealedBytes += activeSize
        active = next
        activeSize = SegmentLog.headerSize
    }

    /// Cuts every segment in `touched` back to its size before the failed append; new ones go.
    private func rollBack(_ touched: [(segment: UInt32, size: Int, created: Bool)]) {
        for segment in touched.reversed() {
            if segment.created, segment.segment > touched[0].segment {
                lock.withLock {
                    files[segment.segment] = nil
                    memory[segment.segment] = nil
                }
                if directory != nil { try? FileSystem.unlink(path(segment.segment), missingOK: true) }
                continue
            }
            if directory == nil {
                lock.withLock { memory[segment.segment]?.removeSubrange(segment.size...) }
            } else if let file = lock.withLock({ files[segment.segment] }) {
                if (try? file.descriptor.truncate(to: segment.size)) == nil {
                    lock.withLock { isClosed = true }
                }
            }
        }
        active = touched[0].segment
        activeSize = touched[0].size
    }

    /// Replaces the payload of each listed record by one of exactly the same length, durably:
    /// the segment is written anew beside the old one and renamed over it.
    public func rewrite(segment: UInt32, replacing records: [(SegmentAddress, [UInt8])]) throws(StoreError) {
        for (address, payload) in records
        where address.segment != segment || payload.count != address.length - SegmentLog.frameHeaderSize {
            throw .corrupt(
                file: SegmentLog.name(segment), offset: address.offset, reason: "replacement of another size")
        }
        var patched: [UInt8]
        if directory == nil {
            guard let bytes = lock.withLock({ memory[segment] }) else { return }
            patched = bytes
        } else {
            guard let file = lock.withLock({ files[segment] }) else { return }
            do {
                patched = try file.descriptor.readAll()
            } catch {
                throw .io(action: "reading a change segment to rewrite it", error: error)
            }
        }
        for (address, payload) in records {
            var frame: [UInt8] = []
            SegmentLog.frame(payload, into: &frame)
            guard address.offset + frame.count <= patched.count else {
                throw .corrupt(file: SegmentLog.name(segment), offset: address.offset, reason: "no such record")
            }
            patched.replaceSubrange(address.offset..<address.offset + frame.count, with: frame)
        }
        guard let directory else {
            lock.withLock { memory[segment] = patched }
            return
        }
        let target = path(segment)
        do {
            let temporary = target + ".tmp"
            let file = try FileDescriptor.open(
                temporary, .readWrite, options: [.create, .truncate], permissions: 0o600)
            try file.write(patched, at: 0)
            try file.fsync()
            let handle = SegmentFile(file)
            try FileSystem.rename(temporary, to: target)
            try FileSystem.fsyncDirectory(directory)
            lock.withLock { files[segment] = handle }
        } catch {
            throw .writeFailed(action: "rewriting a change segment", error: error)
        }
    }
}
