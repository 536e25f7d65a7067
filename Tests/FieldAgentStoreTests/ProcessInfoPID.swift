import Foundation

/// The test process's id, as the store writes it into its lock file.
enum ProcessInfoPID {
    static var current: Int32 { ProcessInfo.processInfo.processIdentifier }
}
