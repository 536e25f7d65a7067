#if canImport(Glibc)
    import Glibc
#endif

/// An open file, with the calls a durable store needs.
///
/// Every method retries on `EINTR`, loops over short reads and writes, and throws
/// ``SystemError`` naming the operation and the file's path. The descriptor is a plain
/// value: whoever opened it closes it exactly once with ``close()``. Descriptors are opened
/// close-on-exec so child processes never inherit them (or the locks they hold).
public struct FileDescriptor: Sendable {
    /// How a file is opened.
    public enum Access: Sendable {
        /// Reading only.
        case readOnly
        /// Reading and writing.
        case readWrite
    }

    /// Extra `open` flags.
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Create the file if it does not exist (`O_CREAT`).
        public static let create = Options(rawValue: O_CREAT)
        /// With ``create``, fail if the file already exists (`O_EXCL`).
        public static let exclusive = Options(rawValue: O_EXCL)
        /// Empty the file on open (`O_TRUNC`).
        public static let truncate = Options(rawValue: O_TRUNC)
        /// The path must name a directory (`O_DIRECTORY`).
        public static let directory = Options(rawValue: O_DIRECTORY)
    }

    /// The kernel's descriptor number.
    public let rawValue: Int32
    /// The path the descriptor was opened with, used in error messages.
    public let path: String

    /// Opens `path`; new files get `permissions` (before the umask).
    public static func open(
        _ path: String, _ access: Access, options: Options = [], permissions: UInt32 = 0o644
    ) throws(SystemError) -> FileDescriptor {
        let accessFlag = access == .readOnly ? O_RDONLY : O_RDWR
        let flags = accessFlag | options.rawValue | O_CLOEXEC
        let fd = try Syscall.retrying("open", path) { Glibc.open(path, flags, permissions) }
        return FileDescriptor(rawValue: fd, path: path)
    }

    /// The file's current size in bytes.
    public func size() throws(SystemError) -> Int {
        var info = stat()
        _ = try Syscall.retrying("fstat", path) { fstat(rawValue, &info) }
        return Int(info.st_size)
    }

    /// Reads up to `count` bytes starting at `offset`; fewer only at end of file.
    public func read(at offset: Int, count: Int) throws(SystemError) -> [UInt8] {
        guard count > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        var failure: SystemError?
        buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            while done < count {
                do throws(SystemError) {
                    let n = try Syscall.retrying("pread", path) {
                        pread(rawValue, base + done, count - done, off_t(offset + done))
                    }
                    if n == 0 { break }
                    done += n
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        if done < count { buffer.removeSubrange(done...) }
        return buffer
    }

    /// Reads the whole file from the start.
    public func readAll() throws(SystemError) -> [UInt8] {
        try read(at: 0, count: size())
    }

    /// Writes all of `bytes` at `offset`, looping over short writes.
    public func write(_ bytes: [UInt8], at offset: Int) throws(SystemError) {
        var failure: SystemError?
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < raw.count {
                var chunk = raw.count - done
                var injected: Int32?
                if let short = FaultInjection.shared.shortWrite(for: "pwrite", subject: { path }) {
                    chunk = min(chunk, short.bytes)
                    injected = short.errno
                }
                do throws(SystemError) {
                    let n = try Syscall.retrying("pwrite", path) {
                        pwrite(rawValue, base + done, chunk, off_t(offset + done))
                    }
                    done += n
                } catch {
                    failure = error
                    return
                }
                if let injected {
                    failure = SystemError(operation: "pwrite", subject: path, errno: injected)
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// Forces the file's data and metadata to stable storage.
    public func fsync() throws(SystemError) {
        _ = try Syscall.retrying("fsync", path) { Glibc.fsync(rawValue) }
    }

    /// Forces the file's data (and the metadata needed to read it back, such as its size)
    /// to stable storage; cheaper than ``fsync()`` when timestamps do not matter.
    public func fdatasync() throws(SystemError) {
        _ = try Syscall.retrying("fdatasync", path) { Glibc.fdatasync(rawValue) }
    }

    /// Cuts or extends the file to exactly `size` bytes.
    public func truncate(to size: Int) throws(SystemError) {
        _ = try Syscall.retrying("ftruncate", path) { ftruncate(rawValue, off_t(size)) }
    }

    /// Takes an exclusive advisory lock (`flock`) without waiting.
    ///
    /// Returns `false` when another open file description holds it; the lock is released
    /// when this descriptor is closed, including when the process dies.
    public func tryLockExclusive() throws(SystemError) -> Bool {
        do throws(SystemError) {
            _ = try Syscall.retrying("flock", path) { flock(rawValue, LOCK_EX | LOCK_NB) }
            return true
        } catch  where error.errno == EWOULDBLOCK {
            return false
        }
    }

    /// Releases a lock taken with ``tryLockExclusive()``.
    ///
    /// Closing would release it too, but only once every copy of the descriptor is gone; a
    /// child process between `fork` and `exec` briefly holds such a copy.
    public func unlock() throws(SystemError) {
        _ = try Syscall.retrying("flock", path) { flock(rawValue, LOCK_UN) }
    }

    /// Closes the descriptor. It must not be used afterwards.
    ///
    /// `close` is not retried on `EINTR`: on Linux the descriptor is released either way.
    public func close() throws(SystemError) {
        if Glibc.close(rawValue) == -1 {
            let code = errno
            if code != EINTR { throw SystemError(operation: "close", subject: path, errno: code) }
        }
    }
}
