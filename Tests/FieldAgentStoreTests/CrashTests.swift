import FieldAgentStore
import FieldAgentSystem
import FieldAgentTestSupport
import Foundation
import Testing

@Suite("Crash recovery")
struct CrashTests {
    /// Reads the probe's stdout line by line.
    final class LineReader {
        let handle: FileHandle
        private var buffer = Data()

        init(_ handle: FileHandle) { self.handle = handle }

        /// The next complete line, or nil at end of file.
        func next() -> String? {
            while true {
                if let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    return line
                }
                let chunk = handle.availableData
                if chunk.isEmpty { return nil }
                buffer.append(chunk)
            }
        }
    }

    @Test("SIGKILL at random moments, 50 times: every acknowledged write survives")
    func killAtRandomMoments() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("CrashTests seed: \(seed)")
        var generator = SplitMix64(seed: seed)
        let directory = try TemporaryDirectory(prefix: "store-crash")
        defer { directory.remove() }
        let executable = try CrashProbe.executable()
        var acknowledged = Set<String>()
        let kills = 50
        var killed = 0
        for round in 0..<kills {
            let process = Process()
            process.executableURL = executable
            process.arguments = ["write", directory.path, "r\(round)"]
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let watchdog = Watchdog(processID: process.processIdentifier, seconds: 30)
            let reader = LineReader(output.fileHandleForReading)
            let target = Int.random(in: 0...40, using: &generator)
            var seen = 0
            var ready = false
            while seen < target, let line = reader.next() {
                if line == "ready" {
                    ready = true
                } else {
                    acknowledged.insert(line)
                    seen += 1
                }
            }
            if !ready, target == 0 {
                // Kill sometimes during open and recovery, sometimes just after.
                if Bool.random(using: &generator), let line = reader.next() { ready = line == "ready" }
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.003, using: &generator))
            if process.isRunning {
                try? ProcessControl.forceKill(process.processIdentifier)
                killed += 1
            }
            while let line = reader.next() {
                if line != "ready" { acknowledged.insert(line) }
            }
            process.waitUntilExit()
            watchdog.cancel()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(stderr.isEmpty, "round \(round), seed \(seed): probe reported \(stderr)")

            let store = try Store.open(at: directory.path)
            let contents = try store.readContents()
            var present = Set(StoreFixture.text(contents.snapshot ?? []).split(separator: "\n").map(String.init))
            for record in contents.records { present.insert(StoreFixture.text(record)) }
            let missing = acknowledged.subtracting(present)
            #expect(missing.isEmpty, "round \(round), seed \(seed): lost \(missing.sorted().prefix(5))")
            store.close()
            if !missing.isEmpty { break }
        }
        print("CrashTests: \(killed) kills, \(acknowledged.count) acknowledged writes checked")
        #expect(killed >= 45, "the probe should still be running when killed (seed \(seed))")
        #expect(!acknowledged.isEmpty)
    }
}
