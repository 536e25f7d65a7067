import Dispatch

extension ReplicaState {
    static let snapshotMagic: [UInt8] = Array("FASNAP".utf8)
    /// Version 2 splits the changes into independently decodable chunks; version 1 (one list) still reads.
    static let snapshotVersion: UInt8 = 2
    /// Changes per chunk: enough to keep each thread busy, few enough to use every core on open.
    static let changesPerChunk = 32_768

    /// The whole state as bytes: live changes and what has been seen.
    ///
    /// Superseded values are not kept, so the snapshot is as small as the state itself.
    public func snapshot() -> [UInt8] {
        var w = BinaryWriter(capacity: liveCount * 40 + 256)
        w.raw(ReplicaState.snapshotMagic)
        w.byte(ReplicaState.snapshotVersion)
        w.string(replicaID)
        w.signed(clock.last.wallMillis)
        w.varint(UInt64(clock.last.logical))
        let origins = seen.keys.sorted()
        w.varint(UInt64(origins.count))
        for origin in origins {
            let set = seen[origin]!
            w.string(origin)
            w.varint(set.contiguous)
            w.varint(UInt64(set.extra.count))
            for counter in set.extra.sorted() { w.varint(counter) }
        }
        let changes = liveChanges()
        let chunks = ReplicaState.chunkBounds(changes)
        w.varint(UInt64(chunks.count))
        for range in chunks {
            let encoded = ChangeCodec.encode(Array(changes[range]))
            w.varint(UInt64(encoded.count))
            w.raw(encoded)
        }
        return w.bytes
    }

    /// Splits customer-grouped changes into chunks of about ``changesPerChunk``, never inside a customer.
    static func chunkBounds(_ changes: [Change]) -> [Range<Int>] {
        var bounds: [Range<Int>] = []
        var start = 0
        var index = changesPerChunk
        while index < changes.count {
            let customer = changes[index - 1].target.customer
            while index < changes.count, changes[index].target.customer == customer { index += 1 }
            if index < changes.count {
                bounds.append(start..<index)
                start = index
            }
            index += changesPerChunk
        }
        bounds.append(start..<changes.count)
        return bounds
    }

    /// Decodes the chunks of a version-2 snapshot on all cores; the result keeps their order.
    ///
    /// `starts` are the chunks' offsets in the snapshot, so that an error names a snapshot offset.
    static func decodeChunks(_ slices: [UnsafeBufferPointer<UInt8>], at starts: [Int]) throws(DecodeError) -> [Change] {
        let results = DecodedChunks(count: slices.count)
        let shared = SharedSlices(slices: slices)
        DispatchQueue.concurrentPerform(iterations: slices.count) { index in
            do throws(DecodeError) {
                results.set(index, .success(try ChangeCodec.decode(slice: shared.slices[index])))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var changes: [Change] = []
        for (index, result) in results.take().enumerated() {
            switch result {
            case .success(let chunk):
                if changes.isEmpty { changes = chunk } else { changes.append(contentsOf: chunk) }
            case .failure(let error): throw DecodeError(offset: starts[index] + error.offset, problem: error.problem)
            }
        }
        return changes
    }

    /// Restores a state from ``snapshot()``'s bytes.
    public init(snapshot bytes: [UInt8]) throws(DecodeError) {
        let (replicaID, clock, seen, changes, changesStart) = try bytes.withUnsafeBufferPointer {
            buffer throws(DecodeError) -> (String, HybridLogicalClock, [String: SeenSet], [Change], Int) in
            var r = BinaryReader(buffer)
            for expected in ReplicaState.snapshotMagic where try r.byte() != expected {
                throw DecodeError(offset: 0, problem: "not a FieldAgent snapshot")
            }
            let version = try r.byte()
            guard version == 1 || version == ReplicaState.snapshotVersion else {
                throw DecodeError(offset: r.offset - 1, problem: "unknown snapshot version")
            }
            let replicaID = try r.string()
            let wall = try r.signed()
            let logical = try r.varint()
            guard logical <= UInt64(UInt32.max) else { throw DecodeError(offset: r.offset, problem: "invalid clock") }
            var seen: [String: SeenSet] = [:]
            // An origin takes at least three bytes: its name's length, the contiguous counter, the extras' count.
            for _ in 0..<(try r.count(minimumItemSize: 3)) {
                let origin = try r.string()
                var set = SeenSet(contiguous: try r.varint())
                for _ in 0..<(try r.count()) {
                    // As ``snapshot()`` writes them: stragglers past the prefix and its next counter, each once.
                    let counter = try r.varint()
                    guard counter > set.contiguous &+ 1, set.extra.insert(counter).inserted else {
                        throw DecodeError(offset: r.offset, problem: "seen counters not in canonical form")
                    }
                }
                guard seen.updateValue(set, forKey: origin) == nil else {
                    throw DecodeError(offset: r.offset, problem: "an origin is listed twice")
                }
            }
            let changesStart = r.offset
            let changes: [Change]
            if version == 1 {
                changes = try ChangeCodec.decode(from: &r)
            } else {
                let chunkCount = try r.count()
                var slices: [UnsafeBufferPointer<UInt8>] = []
                var starts: [Int] = []
                slices.reserveCapacity(chunkCount)
                starts.reserveCapacity(chunkCount)
                for _ in 0..<chunkCount {
                    let length = try r.int()
                    guard length <= buffer.count - r.offset else {
                        throw DecodeError(offset: r.offset, problem: "chunk runs past the end")
                    }
                    slices.append(UnsafeBufferPointer(rebasing: buffer[r.offset..<r.offset + length]))
                    starts.append(r.offset)
                    try r.skip(length)
                }
                changes = try ReplicaState.decodeChunks(slices, at: starts)
            }
            guard r.isAtEnd else { throw DecodeError(offset: r.offset, problem: "trailing bytes") }
            return (
                replicaID, HybridLogicalClock(last: HLCTimestamp(wallMillis: wall, logical: UInt32(logical))), seen,
                changes, changesStart
            )
        }
        self.init(replicaID: replicaID, clock: clock)
        self.seen = seen
        if let problem = self.load(liveChanges: changes) {
            throw DecodeError(offset: changesStart, problem: problem)
        }
    }

    /// A SHA-256 over the live changes in canonical order, as hex. Equal digests mean equal states.
    public func digest() -> String {
        SHA256.hexDigest(ChangeCodec.encode(liveChanges()))
    }

    /// The digest of only `customers`' data: what replicas with different assignments can compare.
    public func digest(of customers: Set<String>) -> String {
        SHA256.hexDigest(ChangeCodec.encode(liveChanges().filter { customers.contains($0.target.customer) }))
    }
}

/// Read-only views of a snapshot's chunks, shared with the decoding threads.
///
/// `@unchecked Sendable` is sound here: the bytes are never written, and `concurrentPerform`
/// returns before the caller's `withUnsafeBufferPointer` scope (which keeps them alive) ends.
private struct SharedSlices: @unchecked Sendable {
    let slices: [UnsafeBufferPointer<UInt8>]
}
