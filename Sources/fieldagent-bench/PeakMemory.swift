import Foundation

/// Peak resident memory of this process, read from `/proc/self/status` (VmHWM).
enum PeakMemory {
    static func mebibytes() -> Double { field("VmHWM:") }

    /// Current resident memory of this process (VmRSS).
    static func currentMebibytes() -> Double { field("VmRSS:") }

    /// Resets the peak (VmHWM) to the current resident memory, so ``mebibytes()`` then reports the
    /// peak since this call (Linux: `5` written to `/proc/self/clear_refs`). Returns whether it could.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let file = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? file.close() }
        return (try? file.write(contentsOf: Data("5".utf8))) != nil
    }

    /// A `/proc/self/status` line's value in MiB, to one decimal; 0 when it cannot be read.
    private static func field(_ name: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return (kib / 1024 * 10).rounded() / 10
    }
}
