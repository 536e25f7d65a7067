import FieldAgentStore
import FieldAgentTestSupport
import Foundation

/// Helpers shared by the store tests.
enum StoreFixture {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The records of `store` as strings.
    static func records(_ store: Store) throws -> [String] {
        try store.readContents().records.map(text)
    }

    /// Names of the store files (snapshot-, log-) in `directory`.
    static func storeFiles(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != "LOCK" }.sorted()
    }

    /// The current log's path.
    static func logPath(_ store: Store) -> String {
        store.path + "/log-" + hex(store.currentGeneration)
    }

    /// The current snapshot's path.
    static func snapshotPath(_ store: Store) -> String {
        store.path + "/snapshot-" + hex(store.currentGeneration)
    }

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func read(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Total size of all files in `directory`.
    static func directorySize(_ directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory).reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            return total + ((attributes[.size] as? NSNumber)?.intValue ?? 0)
        }
    }

    /// Copies every file of directory `source` into a new directory `destination`.
    static func copyDirectory(_ source: String, to destination: String) throws {
        try FileManager.default.createDirectory(atPath: destination, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source) {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: destination + "/" + name)
        }
    }
}
