import FieldAgentStore
import FieldAgentTestSupport
import Foundation
import Testing

@Suite("Format and migrations")
struct MigrationTests {
    /// `Fixtures/store-v1`, written by `fieldagent-crashprobe fixture` with format version 1.
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/store-v1").path

    private func copyOfFixture(_ directory: TemporaryDirectory) throws -> String {
        let path = directory.appending("store")
        try StoreFixture.copyDirectory(Self.fixture, to: path)
        return path
    }

    @Test("the committed v1 store opens with its snapshot, records and metadata")
    func opensV1Fixture() throws {
        let directory = try TemporaryDirectory(prefix: "store-v1")
        defer { directory.remove() }
        #expect(try Store.verify(at: Self.fixture).isClean)
        let path = try copyOfFixture(directory)
        let store = try Store.open(at: path)
        defer { store.close() }
        #expect(!store.recoveryReport.repairedAnything)
        let contents = try store.readContents()
        #expect(contents.snapshot == StoreFixture.bytes("state: contact-1, contact-2"))
        #expect(contents.records.map(StoreFixture.text) == ["contact-3", "note-1"])
        #expect(
            contents.metadata == [
                "cursor": StoreFixture.bytes("page-2"), "lastSync": StoreFixture.bytes("2026-01-01T00:00:00Z"),
            ])
        #expect(store.migrations.isEmpty)
    }

    @Test("migrations run once, in order, and are recorded")
    func migrationsRunOnceInOrder() throws {
        let directory = try TemporaryDirectory(prefix: "store-migrate")
        defer { directory.remove() }
        let path = try copyOfFixture(directory)
        var options = StoreOptions()
        options.migrator.registerMigration("v2-uppercase-records") { contents in
            contents.records = contents.records.map { Array(StoreFixture.text($0).uppercased().utf8) }
        }
        options.migrator.registerMigration("v3-cursor-prefix") { contents in
            contents.metadata["cursor"] = StoreFixture.bytes("v3:") + (contents.metadata["cursor"] ?? [])
            contents.records.append(StoreFixture.bytes("MIGRATED"))
        }
        do {
            let store = try Store.open(at: path, options: options)
            #expect(store.recoveryReport.appliedMigrations == ["v2-uppercase-records", "v3-cursor-prefix"])
            #expect(store.migrations == ["v2-uppercase-records", "v3-cursor-prefix"])
            store.close()
        }
        let store = try Store.open(at: path, options: options)
        defer { store.close() }
        #expect(store.recoveryReport.appliedMigrations.isEmpty, "already applied migrations do not run again")
        let contents = try store.readContents()
        #expect(contents.snapshot == StoreFixture.bytes("state: contact-1, contact-2"))
        #expect(contents.records.map(StoreFixture.text) == ["CONTACT-3", "NOTE-1", "MIGRATED"])
        #expect(contents.metadata["cursor"] == StoreFixture.bytes("v3:page-2"))
        #expect(try StoreFixture.storeFiles(path).count == 2)
    }

    @Test("a failing migration leaves the store as it was")
    func failingMigration() throws {
        struct Broken: Error, CustomStringConvertible {
            var description: String { "cannot convert" }
        }
        let directory = try TemporaryDirectory(prefix: "store-migrate-fail")
        defer { directory.remove() }
        let path = try copyOfFixture(directory)
        let before = try StoreFixture.storeFiles(path)
        var options = StoreOptions()
        options.migrator.registerMigration("v2-good") { $0.records.removeAll() }
        options.migrator.registerMigration("v3-broken") { _ in throw Broken() }
        let error = #expect(throws: StoreError.self) { try Store.open(at: path, options: options) }
        #expect(error == .migrationFailed(name: "v3-broken", reason: "cannot convert"))
        #expect(try StoreFixture.storeFiles(path) == before)
        let store = try Store.open(at: path)
        defer { store.close() }
        #expect(try StoreFixture.records(store) == ["contact-3", "note-1"])
    }

    @Test("a file from a newer format version is refused by name")
    func newerFormatRefused() throws {
        let directory = try TemporaryDirectory(prefix: "store-newer")
        defer { directory.remove() }
        let path = try copyOfFixture(directory)
        let logPath = path + "/log-0000000000000002"
        var bytes = try StoreFixture.read(logPath)
        bytes[8] = 9
        // Re-seal the header checksum so only the version is "wrong".
        let checksum = CRC32C.checksum(bytes[0..<20])
        withUnsafeBytes(of: checksum.littleEndian) { for (index, byte) in $0.enumerated() { bytes[20 + index] = byte } }
        try StoreFixture.write(bytes, to: logPath)
        let error = #expect(throws: StoreError.self) { try Store.open(at: path) }
        #expect(error == .unsupportedFormat(file: logPath, version: 9, supported: 1))
        #expect(error?.description.contains("upgrade the program") == true)
    }
}
