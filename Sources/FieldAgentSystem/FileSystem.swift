#if canImport(Glibc)
    import Glibc
#endif

/// Path-level file operations: rename, unlink, directories and their durability.
///
/// Each call retries on `EINTR` and throws ``SystemError`` naming the operation and path.
public enum FileSystem {
    /// Atomically replaces `destination` with `source` (`rename(2)`).
    ///
    /// The new name is durable only after ``fsyncDirectory(_:)`` on the parent directory.
    public static func rename(_ source: String, to destination: String) throws(SystemError) {
        _ = try Syscall.retrying("rename", "\(source) -> \(destination)") { Glibc.rename(source, destination) }
    }

    /// Removes the file at `path`; with `missingOK`, a file that is already gone is no error.
    public static func unlink(_ path: String, missingOK: Bool = false) throws(SystemError) {
        do {
            _ = try Syscall.retrying("unlink", path) { Glibc.unlink(path) }
        } catch  where missingOK && error.errno == ENOENT {
            return
        }
    }

    /// Creates the directory `path` and any missing parents; existing directories are fine.
    public static func makeDirectories(_ path: String, permissions: UInt32 = 0o700) throws(SystemError) {
        if isDirectory(path) { return }
        let parent = parentDirectory(of: path)
        if parent != path, !parent.isEmpty, !isDirectory(parent) {
            try makeDirectories(parent, permissions: permissions)
        }
        do {
            _ = try Syscall.retrying("mkdir", path) { mkdir(path, permissions) }
        } catch  where error.errno == EEXIST && isDirectory(path) {
            return
        }
    }

    /// Flushes the directory entry table of `path`, making creates, renames and unlinks in
    /// it durable.
    public static func fsyncDirectory(_ path: String) throws(SystemError) {
        let directory = try FileDescriptor.open(path, .readOnly, options: .directory)
        do {
            try directory.fsync()
        } catch {
            try? directory.close()
            throw error
        }
        try directory.close()
    }

    /// The names in directory `path` (without `.` and `..`), sorted.
    public static func contentsOfDirectory(_ path: String) throws(SystemError) -> [String] {
        guard let stream = opendir(path) else {
            throw SystemError(operation: "opendir", subject: path, errno: errno)
        }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw SystemError(operation: "readdir", subject: path, errno: errno) }
                break
            }
            let name = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                UnsafeRawPointer(tuple).withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The size in bytes of the file at `path`, or `nil` when there is no such file.
    public static func fileSize(_ path: String) throws(SystemError) -> Int? {
        var info = stat()
        do {
            _ = try Syscall.retrying("stat", path) { stat(path, &info) }
        } catch  where error.errno == ENOENT {
            return nil
        }
        return Int(info.st_size)
    }

    /// The permission bits (`st_mode & 0o7777`) of the file at `path`, or `nil` when there is no such file.
    public static func permissions(_ path: String) throws(SystemError) -> UInt32? {
        var info = stat()
        do {
            _ = try Syscall.retrying("stat", path) { stat(path, &info) }
        } catch  where error.errno == ENOENT {
            return nil
        }
        return UInt32(info.st_mode) & 0o7777
    }

    /// Whether `path` names an existing directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The directory part of `path` (`"."` when there is none).
    public static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}
