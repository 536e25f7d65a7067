import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Test hook that makes chosen syscalls fail with a chosen `errno`.
///
/// Production code never arms it; tests arm it to prove that a full disk or a failing
/// `fsync` is reported and loses nothing acknowledged. Each armed fault fires a fixed
/// number of times, then disarms itself.
///
/// Faults can be limited to calls whose subject (the path the call works on) contains a
/// given string, so a test that arms a fault for its own temporary directory does not
/// disturb tests running in parallel on other files.
public final class FaultInjection: Sendable {
    /// The process-wide instance consulted by ``Syscall/retrying(_:_:_:)``.
    public static let shared = FaultInjection()

    /// The exit status of a process ended by an armed crash.
    public static let crashExitStatus: Int32 = 86

    private struct Armed {
        var errno: Int32?
        var shortBytes: Int?
        var remaining: Int
        var subjectContaining: String?
        /// Matching calls to let through before firing.
        var skip = 0
        /// End the process at once instead of failing the call: a power cut at that point.
        var crash = false

        func matches(_ subject: String?) -> Bool {
            guard let needle = subjectContaining else { return true }
            return subject?.contains(needle) ?? false
        }
    }

    private let armed = Mutex<[String: [Armed]]>([:])
    private let anyArmed = Atomic<Bool>(false)

    /// Makes the next `times` calls of `operation` (e.g. `"fsync"`, `"pwrite"`) fail with `errno`.
    ///
    /// With `subjectContaining`, only calls on a path containing that text count.
    public func arm(_ operation: String, errno: Int32, times: Int = 1, subjectContaining: String? = nil) {
        add(operation, Armed(errno: errno, shortBytes: nil, remaining: times, subjectContaining: subjectContaining))
    }

    /// Ends the process (status ``crashExitStatus``, no cleanup) just before the call of
    /// `operation` that follows `skip` calls let through, as a crash or power cut there would.
    public func armCrash(_ operation: String, after skip: Int, subjectContaining: String? = nil) {
        add(
            operation,
            Armed(
                errno: nil, shortBytes: nil, remaining: 1, subjectContaining: subjectContaining, skip: skip, crash: true
            ))
    }

    /// Arms a crash from a spec `OPERATION:SKIP` (e.g. `rename:1`), as the tools read it from
    /// `FIELDAGENT_CRASH_AT` for crash tests of whole commands. Returns false for a malformed spec.
    @discardableResult
    public func armCrash(spec: String) -> Bool {
        let parts = spec.split(separator: ":")
        guard parts.count == 2, !parts[0].isEmpty, let skip = Int(parts[1]), skip >= 0 else { return false }
        armCrash(String(parts[0]), after: skip)
        return true
    }

    /// Makes the next write-style call of `operation` (`"write"` or `"pwrite"`) transfer at
    /// most `bytes` bytes, as a kernel may under memory pressure or when the disk fills up.
    ///
    /// With `thenErrno`, the write then fails with that error after the partial transfer
    /// (a full disk mid-write); with `nil` it simply returns short, and the wrapper's
    /// short-write loop must finish the job.
    public func armShortWrite(
        _ operation: String = "pwrite", bytes: Int, thenErrno: Int32?, times: Int = 1,
        subjectContaining: String? = nil
    ) {
        add(
            operation,
            Armed(errno: thenErrno, shortBytes: bytes, remaining: times, subjectContaining: subjectContaining))
    }

    /// Removes the faults limited to subjects containing `subjectContaining`.
    public func disarm(subjectContaining: String) {
        armed.withLock { table in
            for key in Array(table.keys) {
                table[key]?.removeAll { $0.subjectContaining == subjectContaining }
                if table[key]?.isEmpty == true { table[key] = nil }
            }
        }
    }

    private func add(_ operation: String, _ entry: Armed) {
        armed.withLock { $0[operation, default: []].append(entry) }
        anyArmed.store(true, ordering: .releasing)
    }

    /// Consumes one firing of the first fault armed for `operation` and `subject` that `accept` takes.
    private func consume(_ operation: String, _ subject: () -> String?, accept: (Armed) -> Bool) -> Armed? {
        guard anyArmed.load(ordering: .acquiring) else { return nil }
        let name = subject()
        return armed.withLock { table -> Armed? in
            guard var entries = table[operation],
                let index = entries.firstIndex(where: { $0.matches(name) && accept($0) })
            else { return nil }
            if entries[index].skip > 0 {
                entries[index].skip -= 1
                table[operation] = entries
                return nil
            }
            let entry = entries[index]
            entries[index].remaining -= 1
            if entries[index].remaining <= 0 { entries.remove(at: index) }
            table[operation] = entries.isEmpty ? nil : entries
            return entry
        }
    }

    /// The `errno` to fail `operation` with, if a plain fault is armed for it; consumes one firing.
    @inline(__always)
    func fault(for operation: String, subject: () -> String? = { nil }) -> Int32? {
        guard anyArmed.load(ordering: .acquiring) else { return nil }
        guard let entry = consume(operation, subject, accept: { $0.shortBytes == nil }) else { return nil }
        if entry.crash { _exit(FaultInjection.crashExitStatus) }
        return entry.errno
    }

    /// The byte limit and follow-up error for a short write of `operation`, if one is armed.
    @inline(__always)
    func shortWrite(for operation: String, subject: () -> String?) -> (bytes: Int, errno: Int32?)? {
        guard anyArmed.load(ordering: .acquiring) else { return nil }
        guard let entry = consume(operation, subject, accept: { $0.shortBytes != nil }) else { return nil }
        return (entry.shortBytes ?? 0, entry.errno)
    }
}
