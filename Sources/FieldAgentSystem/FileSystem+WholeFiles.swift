#if canImport(Glibc)
    import Glibc
#endif

extension FileSystem {
    /// The whole content of the file at `path`, or `nil` when there is no such file.
    public static func contentsIfPresent(_ path: String) throws(SystemError) -> [UInt8]? {
        let file: FileDescriptor
        do {
            file = try FileDescriptor.open(path, .readOnly)
        } catch  where error.errno == ENOENT {
            return nil
        }
        defer { try? file.close() }
        return try file.readAll()
    }

    /// Replaces the file at `path` with `bytes` atomically and durably: writes `path.tmp`, fsyncs it,
    /// renames it over `path` and fsyncs the parent directory. After a crash the file holds either
    /// the old or the new bytes, never a mix.
    public static func replaceDurably(
        _ path: String, with bytes: [UInt8], permissions: UInt32 = 0o600
    ) throws(SystemError) {
        let temporary = path + ".tmp"
        try unlink(temporary, missingOK: true)
        let file = try FileDescriptor.open(
            temporary, .readWrite, options: [.create, .exclusive], permissions: permissions)
        do {
            try file.write(bytes, at: 0)
            try file.fsync()
        } catch {
            try? file.close()
            try? unlink(temporary, missingOK: true)
            throw error
        }
        try file.close()
        try rename(temporary, to: path)
        try fsyncDirectory(parentDirectory(of: path))
    }
}
