import FieldAgentSystem

extension SegmentLog {
    /// Opens (or creates) the log in `directory` and visits every record in log order.
    ///
    /// `visit` gets each record's address and payload and returns nil, or a problem that makes the
    /// open fail as corrupt. A frame cut short or failing its checksum at the end of the last segment
    /// is a torn tail (an append that was never acknowledged): it is cut off and reported. Anywhere
    /// else it is corruption. Files a crashed rewrite left behind (`.tmp`) are removed.
    public static func open(
        directory: String, targetSize: Int = 16 << 20,
        visit: (SegmentAddress, UnsafeRawBufferPointer) -> String?
    ) throws(StoreError) -> (SegmentLog, SegmentScan) {
        var scan = SegmentScan()
        do {
            try FileSystem.makeDirectories(directory)
            var numbers: [UInt32] = []
            for name in try FileSystem.contentsOfDirectory(directory) {
                if name.hasSuffix(".tmp") {
                    try FileSystem.unlink(directory + "/" + name, missingOK: true)
                } else if name.hasSuffix(fileSuffix), name.count == 8 + fileSuffix.count,
                    let number = UInt32(name.prefix(8), radix: 16), number > 0
                {
                    numbers.append(number)
                }
            }
            numbers.sort()
            let log = SegmentLog(directory: directory, targetSize: targetSize, active: 1, activeSize: headerSize)
            if numbers.isEmpty {
                try log.create(segment: 1)
                scan.segments = 1
                scan.bytes = headerSize
                return (log, scan)
            }
            for (index, number) in numbers.enumerated() {
                let isLast = index == numbers.count - 1
                let file = try FileDescriptor.open(log.path(number), .readWrite)
                let handle = SegmentFile(file)
                log.files[number] = handle
                let end = try scanSegment(number, file: file, isLast: isLast, scan: &scan, visit: visit)
                scan.bytes += end
                if isLast {
                    log.active = number
                    log.activeSize = end
                } else {
                    log.sealedBytes += end
                }
            }
            scan.segments = numbers.count
            return (log, scan)
        } catch let error as StoreError {
            throw error
        } catch let error as SystemError {
            throw .io(action: "opening the change segments", error: error)
        } catch {
            throw .corrupt(file: directory, offset: 0, reason: "\(error)")
        }
    }

    /// Scans one segment's frames; returns where its valid data ends.
    private static func scanSegment(
        _ number: UInt32, file: FileDescriptor, isLast: Bool, scan: inout SegmentScan,
        visit: (SegmentAddress, UnsafeRawBufferPointer) -> String?
    ) throws -> Int {
        let bytes = try file.readAll()
        let name = SegmentLog.name(number)
        guard bytes.count >= headerSize, Array(bytes.prefix(headerSize)) == magic else {
            throw StoreError.corrupt(file: name, offset: 0, reason: "not a FieldAgent change segment")
        }
        var position = headerSize
        let end = try bytes.withUnsafeBytes { raw throws -> Int in
            while position < raw.count {
                let length = raw.count - position >= frameHeaderSize ? Int(word(raw, at: position)) : -1
                let frameEnd = position + frameHeaderSize + max(0, length)
                guard length >= 0, frameEnd <= raw.count, frameEnd - position <= SegmentAddress.maximumFrameLength,
                    CRC32C.update(0, UnsafeRawBufferPointer(rebasing: raw[position + frameHeaderSize..<frameEnd]))
                        == word(raw, at: position + 4)
                else { break }
                let address = SegmentAddress(segment: number, offset: position, length: frameEnd - position)
                if let problem = visit(
                    address, UnsafeRawBufferPointer(rebasing: raw[position + frameHeaderSize..<frameEnd]))
                {
                    throw StoreError.corrupt(file: name, offset: position, reason: problem)
                }
                scan.frames += 1
                position = frameEnd
            }
            return position
        }
        guard end < bytes.count else { return end }
        guard isLast else { throw StoreError.corrupt(file: name, offset: end, reason: "damaged record") }
        try file.truncate(to: end)
        try file.fsync()
        scan.tornTail = TornTail(file: file.path, offset: end, discardedBytes: bytes.count - end)
        return end
    }

    /// Creates segment `number` with its header, durably (the file and its directory entry).
    func create(segment number: UInt32) throws(StoreError) {
        guard let directory else {
            lock.withLock { memory[number] = SegmentLog.magic }
            return
        }
        do {
            let file = try FileDescriptor.open(
                path(number), .readWrite, options: [.create, .truncate], permissions: 0o600)
            let handle = SegmentFile(file)
            try file.write(SegmentLog.magic, at: 0)
            try file.fsync()
            try FileSystem.fsyncDirectory(directory)
            lock.withLock { files[number] = handle }
        } catch {
            throw .writeFailed(action: "starting a change segment", error: error)
        }
    }
}

extension SegmentLog {
    /// Deletes every segment file in `directory` (a migration that starts over).
    public static func destroy(directory: String) throws(StoreError) {
        do {
            guard FileSystem.isDirectory(directory) else { return }
            for name in try FileSystem.contentsOfDirectory(directory) where name.hasSuffix(fileSuffix) {
                try FileSystem.unlink(directory + "/" + name, missingOK: true)
            }
            try FileSystem.fsyncDirectory(directory)
        } catch {
            throw .writeFailed(action: "clearing the change segments", error: error)
        }
    }
}
