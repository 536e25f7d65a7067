import Foundation

/// Finds and runs the `fieldagent-crashprobe` executable built next to the test bundle.
enum CrashProbe {
    struct NotBuilt: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "fieldagent-crashprobe was not found (looked in \(searched.joined(separator: ", "))); "
                + "run `swift build --product fieldagent-crashprobe` first"
        }
    }

    /// The executable's location: the test bundle's directory, or `.build/debug` of this package.
    static func executable() throws -> URL {
        var directories: [URL] = []
        let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        directories.append(argument0.deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        let package = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(package.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("fieldagent-crashprobe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotBuilt(searched: directories.map(\.path))
    }

    /// Runs the probe to completion; returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let watchdog = Watchdog(processID: process.processIdentifier, seconds: 30)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        watchdog.cancel()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
